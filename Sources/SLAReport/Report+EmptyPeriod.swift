import SLATime

extension Report {
    /// Whether nothing of the period's populations happened: no case was created, no escalation
    /// requested and no service restored in it (every table of the report is then empty).
    public var periodIsEmpty: Bool {
        submissions.cases == 0 && escalations.total == 0 && rca.incidents == 0 && rcaItems.isEmpty
    }

    /// The months (`2026-09`, in the report's zone) of the earliest and latest `created_at` of
    /// the accepted cases, whatever the period; nil when no case was accepted.
    public var caseMonths: (first: String, last: String)? {
        guard let first = caseRecords.min(by: { $0.createdAt < $1.createdAt }),
            let last = caseRecords.max(by: { $0.createdAt < $1.createdAt })
        else { return nil }
        func month(_ t: Instant) -> String { String(zone.localDateTime(of: t).date.description.prefix(7)) }
        return (month(first.createdAt), month(last.createdAt))
    }

    /// For a period in which nothing happened (`periodIsEmpty`), what it lacks and which months
    /// the inputs cover, e.g. `no case was created, no escalation requested and no service
    /// restored in it; the inputs' cases were created from 2026-09 to 2026-10 (Europe/Berlin)`;
    /// nil otherwise.
    public var emptyPeriodNote: String? {
        guard periodIsEmpty else { return nil }
        let lacking = "no case was created, no escalation requested and no service restored in it; "
        guard let months = caseMonths else { return lacking + "the inputs hold no accepted case" }
        let range = months.first == months.last ? "in \(months.first)" : "from \(months.first) to \(months.last)"
        return lacking + "the inputs' cases were created \(range) (\(timezone))"
    }

    /// The warning `slacheck report` prints for a period without data: it names the period, its
    /// days and the months the inputs cover; nil when the period has data.
    public var emptyPeriodWarning: String? {
        emptyPeriodNote.map { note in
            "the period \(period.label) (\(period.firstDate) to \(period.endDate.adding(days: -1))) has no data: "
                + "\(note); the report was written with empty tables"
        }
    }
}
