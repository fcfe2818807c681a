import CSVStream
import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

extension ExplanationBuilder {
    /// What an entry does to the case's state.
    enum Effect {
        case created
        case resolved
        case closed
        case status(CaseStatus)
        case severity(Severity)
        case priority(Priority)
        case none

        /// Whether the entry sets status, severity or priority (created_at always takes effect).
        var setsState: Bool {
            switch self {
            case .resolved, .closed, .status, .severity, .priority: true
            case .created, .none: false
            }
        }
    }

    /// An entry before its place in the order is known.
    struct Raw {
        var at: Instant
        /// Row values first (created, then the other columns), then events by input order: the
        /// order in which SPEC section 2 lets the later one win at the same instant.
        var rank: Int
        var sequence: Int32
        var origin: TimelineEntry.Origin
        var what: String
        var effect: Effect
        /// How the entry is named in a tie note.
        var label: String
        /// The event, for an entry of an events file.
        var event: CaseEvent? = nil

        /// The file an event was read from; nil for a row value.
        var fileName: String? {
            if case .event(let file, _, _) = origin { return file }
            return nil
        }
    }

    /// The timeline up to as-of with the state after each entry, and the entries after as-of.
    func timelineEntries() -> (happened: [TimelineEntry], notYet: [TimelineEntry]) {
        var raws = rowEntries()
        for e in allEvents {
            raws.append(
                Raw(
                    at: e.at, rank: 100, sequence: e.sequence, origin: rows.origin(e), what: eventText(e),
                    effect: effect(of: e), label: "\(rows.label(e)) (\(eventText(e)))", event: e))
        }
        raws.sort { ($0.at, $0.rank, $0.sequence) < ($1.at, $1.rank, $1.sequence) }

        var happened: [TimelineEntry] = []
        var notYet: [TimelineEntry] = []
        var start = 0
        while start < raws.count {
            var end = start + 1
            while end < raws.count && raws[end].at == raws[start].at { end += 1 }
            let group = raws[start..<end]
            start = end
            let at = group[group.startIndex].at
            guard at <= asOf else {
                for r in group {
                    notYet.append(
                        TimelineEntry(
                            at: r.at, origin: r.origin, what: r.what, status: nil, severity: record.severity,
                            priority: record.priority, note: nil))
                }
                continue
            }
            // The state in force after this instant, as the timeline decides it; a tie's
            // losers show the winner's value, and the notes say who won and why.
            let status = timeline.status(at: at)
            let severity = timeline.severity(at: at)
            let priority = timeline.priority(at: at)
            var notes = tieNotes(group)
            for (offset, r) in group.enumerated() {
                let i = group.startIndex + offset
                if r.effect.setsState, !timeline.exists(at: at) {
                    // CaseTimeline ignores them: before created_at the case has no status,
                    // and its severity and priority are the row's.
                    notes[i, default: []].insert("ignored: before created_at, the case did not exist yet", at: 0)
                }
                happened.append(
                    TimelineEntry(
                        at: r.at, origin: r.origin, what: r.what, status: status, severity: severity,
                        priority: priority, note: notes[i].map { $0.joined(separator: "; ") }))
            }
        }
        return (happened, notYet)
    }

    /// The row's timestamps as entries.
    func rowEntries() -> [Raw] {
        let r = record
        let submitted =
            "severity \(r.severity), priority \(r.priority?.description ?? "not given") as submitted"
        let columns: [(String, Instant?, String, Effect)] = [
            ("created_at", r.createdAt, "created → status open; \(submitted)", .created),
            ("assigned_at", r.assignedAt, "assigned", .none),
            ("first_response_at", r.firstResponseAt, "first response", .none),
            ("resolved_at", r.resolvedAt, "resolved → status resolved", .resolved),
            ("closed_at", r.closedAt, "closed → status closed", .closed),
            ("service_restored_at", r.serviceRestoredAt, "service restored", .none),
            ("rca_delivered_at", r.rcaDeliveredAt, "RCA delivered", .none),
        ]
        return columns.enumerated().compactMap { rank, column in
            guard let at = column.1 else { return nil }
            let label = column.0 == "created_at" ? "row created_at (open)" : "row \(column.0)"
            return Raw(
                at: at, rank: rank, sequence: 0, origin: .row(column: column.0), what: column.2, effect: column.3,
                label: label)
        }
    }

    func effect(of e: CaseEvent) -> Effect {
        if let s = e.status { return .status(s) }
        if let s = e.severity { return .severity(s) }
        if let p = e.priority { return .priority(p) }
        return .none
    }

    func eventText(_ e: CaseEvent) -> String {
        let by = e.actor.map { " by \($0)" } ?? ""
        switch e.type {
        case .status: return "status → \(e.status?.description ?? "?")\(by)"
        case .severity: return "severity → \(e.severity?.description ?? "?")\(by)"
        case .priority: return "priority → \(e.priority?.description ?? "?")\(by)"
        default: return "\(e.type)\(by)"
        }
    }

    /// Notes for entries of one instant that set the same thing: which wins, as `CaseTimeline`
    /// decides it (`statusSource`, `severitySource`, `prioritySource`), and why in words.
    ///
    /// The row's created_at sets the status, and also the severity and priority when an event
    /// at the same instant sets those, so it is a rival of such events. Entries before
    /// created_at take no part.
    func tieNotes(_ group: ArraySlice<Raw>) -> [Int: [String]] {
        let at = group[group.startIndex].at
        guard group.count > 1, timeline.exists(at: at) else { return [:] }
        // The entry of this instant that the timeline says decides each value.
        func entry(_ event: CaseEvent) -> Int? { group.indices.first { group[$0].event == event } }
        let created = group.indices.filter { if case .created = group[$0].effect { true } else { false } }
        let createdEntry = created.first
        let statusWinner: Int? =
            switch timeline.statusSource(at: at) {
            case .created?: createdEntry
            case .resolvedAt?: group.indices.first { if case .resolved = group[$0].effect { true } else { false } }
            case .closedAt?: group.indices.first { if case .closed = group[$0].effect { true } else { false } }
            case .event(let e)?: entry(e)
            case nil: nil
            }
        let severityWinner = timeline.severitySource(at: at).map { entry($0) } ?? createdEntry
        let priorityWinner = timeline.prioritySource(at: at).map { entry($0) } ?? createdEntry
        var notes: [Int: [String]] = [:]
        func isStatus(_ r: Raw) -> Bool {
            switch r.effect {
            case .created, .resolved, .closed, .status: true
            default: false
            }
        }
        func isSeverity(_ r: Raw) -> Bool {
            if case .severity = r.effect { return true }
            return false
        }
        func isPriority(_ r: Raw) -> Bool {
            if case .priority = r.effect { return true }
            return false
        }
        for (what, matches, winner) in [
            ("status", isStatus, statusWinner), ("severity", isSeverity, severityWinner),
            ("priority", isPriority, priorityWinner),
        ] {
            var setters = group.indices.filter { matches(group[$0]) }
            // created_at carries the row's severity and priority: a rival only to such events.
            if what != "status", !setters.isEmpty { setters = created + setters }
            guard setters.count > 1, let winner, setters.contains(winner) else { continue }
            let losers = setters.filter { $0 != winner }
            let why: String
            if case .row = group[winner].origin {
                why = "among the row's values at one instant closed_at beats resolved_at, which beats created_at"
            } else if losers.contains(where: { if case .row = group[$0].origin { true } else { false } }) {
                why =
                    losers.count > 1
                        && losers.contains(where: { if case .event = group[$0].origin { true } else { false } })
                    ? "an event beats the row's value, and the later event in the file wins"
                    : "an event from \(group[winner].fileName ?? "an events file") beats the row's value"
            } else {
                why = "among events at the same instant the later in the file wins"
            }
            let rivals = losers.map { group[$0].label }.joined(separator: ", ")
            notes[winner, default: []].append("tie on \(what) with \(rivals): this one wins (\(why))")
            for l in losers {
                notes[l, default: []].append("its \(what) is overridden at the same instant by \(group[winner].label)")
            }
        }
        return notes
    }
}
