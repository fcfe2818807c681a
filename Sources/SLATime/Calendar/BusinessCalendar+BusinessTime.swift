extension BusinessCalendar {
    /// The business time between two instants, in milliseconds; 0 when `to <= from`.
    ///
    /// The sum, over working days, of the overlap of `[from, to)` with each day's window
    /// (see `BusinessCalendar`). Days near either end are looked at one by one; the whole days
    /// in between are counted arithmetically (working days times the window's length, then
    /// corrected for the few days with a DST switch), so a span of a year costs about as much
    /// as a span of a week.
    public func businessMillis(from: Instant, to: Instant) -> Int64 {
        guard to > from else { return 0 }
        // Windows of days more than one day from the local dates of `from` and `to` lie wholly
        // inside or outside [from, to); the day on each side is still checked, because an
        // overlap around midnight can put the first occurrence of a local time before `from`.
        let first = localDate(of: from).adding(days: -1)
        let last = localDate(of: to).adding(days: 1)
        let span = last.daysSinceEpoch - first.daysSinceEpoch
        if span <= 8 { return overlapMillis(from: from, to: to, days: first, through: last) }
        let innerStart = first.adding(days: 3)
        let innerEnd = last.adding(days: -2)  // exclusive
        return overlapMillis(from: from, to: to, days: first, through: innerStart.adding(days: -1))
            + windowMillis(from: innerStart, until: innerEnd)
            + overlapMillis(from: from, to: to, days: innerEnd, through: last)
    }

    /// The instant at which `amount` ms of business time have elapsed since `from`.
    ///
    /// This is the deadline of a target on the business clock. When `from` is outside working
    /// hours the clock starts at the next window's start. When the amount runs out exactly at a
    /// window's end, that end is returned, not the next window's start. An amount of zero (or
    /// less) returns `from` itself, wherever it lies: nothing has to elapse.
    public func instant(afterBusinessMillis amount: Int64, from: Instant) -> Instant {
        guard amount > 0 else { return from }
        var remaining = amount
        let firstDay = localDate(of: from).adding(days: -1)
        let weekMillis = Int64(workdaysPerWeek) * nominalWindowMillis
        var day = firstDay
        var mayJump = true
        while true {
            // Three days past `firstDay`, every window starts after `from`: whole weeks can be
            // skipped while the amount left is more than two weeks' worth.
            if mayJump && day.daysSinceEpoch - firstDay.daysSinceEpoch >= 3 && remaining > 2 * weekMillis {
                let weeks = remaining / weekMillis - 1
                let next = day.adding(days: Int(7 * weeks))
                let skipped = windowMillis(from: day, until: next)
                if skipped < remaining {
                    remaining -= skipped
                    day = next
                    continue
                }
                mayJump = false  // DST gains made the weeks too long; go day by day from here
            }
            if let window = window(on: day) {
                let start = max(window.lowerBound, from)
                let available = window.upperBound.millis - start.millis
                if available > 0 {
                    if remaining <= available { return start.adding(millis: remaining) }
                    remaining -= available
                }
            }
            day = day.adding(days: 1)
        }
    }

    /// The part of `day`'s window inside `[from, to)`: the business time the day adds to that
    /// span; nil when it adds none (not a working day, or its window lies outside the span).
    /// `businessMillis` sums these over the days near the span's ends, and `explain` lists them.
    @inline(__always)
    public func countedWindow(on day: CivilDate, from: Instant, to: Instant) -> Range<Instant>? {
        guard let window = window(on: day) else { return nil }
        let start = max(window.lowerBound, from)
        let end = min(window.upperBound, to)
        return end > start ? start..<end : nil
    }

    /// The overlap of `[from, to)` with the windows of the working days `first...last`, one by one.
    func overlapMillis(from: Instant, to: Instant, days first: CivilDate, through last: CivilDate) -> Int64 {
        var total: Int64 = 0
        var day = first
        while day <= last {
            if let counted = countedWindow(on: day, from: from, to: to) {
                total += counted.upperBound.millis - counted.lowerBound.millis
            }
            day = day.adding(days: 1)
        }
        return total
    }

    /// The total length of the windows of the working days `d` with `start <= d < end`.
    ///
    /// Working days times the nominal length, then, for each offset change of the zone near
    /// the range, the days around it are measured exactly and the difference added. A window's
    /// length can differ from the nominal one only if a transition's gap or overlap touches its
    /// local day, and that day is within one day of the transition's local date.
    func windowMillis(from start: CivilDate, until end: CivilDate) -> Int64 {
        guard start < end else { return 0 }
        var total = Int64(workingDayCount(from: start, until: end)) * nominalWindowMillis
        let transitions = zone.transitionMillis
        guard !transitions.isEmpty else { return total }
        let margin: Int64 = 2 * 86_400_000
        let low = zone.startOfDay(start).millis - margin
        let high = zone.startOfDay(end).millis + margin
        var index = 0
        var upper = transitions.count
        while index < upper {  // first transition at or after `low`
            let mid = (index + upper) >> 1
            if transitions[mid] < low { index = mid + 1 } else { upper = mid }
        }
        var lastCorrected = start.adding(days: -1)  // days are visited in ascending order
        while index < transitions.count && transitions[index] <= high {
            let center = localDate(of: Instant(millis: transitions[index]))
            for offset in -1...1 {
                let day = center.adding(days: offset)
                guard day > lastCorrected, day >= start, day < end else { continue }
                lastCorrected = day
                guard isWorkingDay(day) else { continue }
                let window = rawWindow(on: day)
                total += window.upperBound.millis - window.lowerBound.millis - nominalWindowMillis
            }
            index += 1
        }
        return total
    }
}
