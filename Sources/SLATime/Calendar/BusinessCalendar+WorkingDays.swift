extension BusinessCalendar {
    /// The number of working days `d` with `after < d <= through`; 0 when `through <= after`.
    ///
    /// This is SPEC 3.2's "business days late": `workingDays(after: dueDate, through: deliveryDate)`.
    public func workingDays(after: CivilDate, through: CivilDate) -> Int {
        workingDayCount(from: after.adding(days: 1), until: through.adding(days: 1))
    }

    /// The `n`-th working day after `date`: the first working day after it is `n = 1`.
    ///
    /// `date` itself never counts, working day or not. `n <= 0` returns `date` unchanged.
    public func workingDay(n: Int, after date: CivilDate) -> CivilDate {
        var remaining = n
        var cursor = date  // the last date looked at; the answer is after it
        // Skip whole weeks while far from the answer, as long as they hold fewer working days
        // than are left (half days on non-working weekdays can add some), so the answer is not
        // skipped.
        let perWeek = week.workingDays
        while remaining > 2 * perWeek {
            let weeks = remaining / perWeek - 1
            let next = cursor.adding(days: 7 * weeks)
            let skipped = workingDays(after: cursor, through: next)
            guard skipped < remaining else { break }
            remaining -= skipped
            cursor = next
        }
        while remaining > 0 {
            cursor = cursor.adding(days: 1)
            if isWorkingDay(cursor) { remaining -= 1 }
        }
        return cursor
    }

    /// The instant the `n`-th working day after `date` ends: local midnight at its end.
    ///
    /// "End of day" is the start of the next calendar day in the calendar's zone
    /// (`TimeZoneRules.startOfDay`), not the end of the working hours: the whole due date
    /// counts. SPEC 3.2 says the RCA is due "at the end of the N-th working day after d0" and
    /// measures lateness in whole working days, so a delivery at 20:00 on the due date is on
    /// time. `n <= 0` gives the end of `date` itself.
    public func endOfWorkingDay(n: Int, after date: CivilDate) -> Instant {
        // SPEC 3.2's example: restored Friday 2026-10-02 15:00, no holidays, N = 5: the working
        // days after it are Mon 10-05 ... Fri 10-09, so this returns 2026-10-10 00:00 local,
        // "by the end of Friday 2026-10-09".
        zone.startOfDay(workingDay(n: n, after: date).adding(days: 1))
    }
}
