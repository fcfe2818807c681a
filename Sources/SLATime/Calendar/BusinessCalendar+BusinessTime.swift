extension BusinessCalendar {
    /// The business time between two instants, in milliseconds; 0 when `to <= from`.
    ///
    /// The sum, over all windows (see `BusinessCalendar`), of each window's overlap with
    /// `[from, to)`. Days near either end are looked at window by window; the whole days in
    /// between are counted arithmetically (the week's nominal length times the weeks, the
    /// holidays' changes, then corrections for the few days with a DST switch), so a span of a
    /// year costs about as much as a span of a week.
    public func businessMillis(from: Instant, to: Instant) -> Int64 {
        guard to > from else { return 0 }
        // Within the table: the difference of the two instants' places in it.
        if let start = tablePosition(of: from), let end = tablePosition(of: to) { return end.elapsed - start.elapsed }
        // Windows of days more than one day from the local dates of `from` and `to` lie wholly
        // inside or outside [from, to); the day on each side is still checked, because an
        // overlap around midnight can put the first occurrence of a local time before `from`.
        let first = localDay(of: from) - 1
        let last = localDay(of: to) + 1
        if last - first <= 8 { return overlapMillis(from: from, to: to, fromDay: first, throughDay: last) }
        let innerStart = first + 3
        let innerEnd = last - 2  // exclusive
        return overlapMillis(from: from, to: to, fromDay: first, throughDay: innerStart - 1)
            + windowMillis(from: CivilDate(daysSinceEpoch: innerStart), until: CivilDate(daysSinceEpoch: innerEnd))
            + overlapMillis(from: from, to: to, fromDay: innerEnd, throughDay: last)
    }

    /// The instant at which `amount` ms of business time have elapsed since `from`.
    ///
    /// This is the deadline of a target on the business clock. When `from` is outside working
    /// hours the clock starts at the next window's start. When the amount runs out exactly at a
    /// window's end, that end is returned, not the next window's start. An amount of zero (or
    /// less) returns `from` itself, wherever it lies: nothing has to elapse.
    public func instant(afterBusinessMillis amount: Int64, from: Instant) -> Instant {
        businessDeadline(afterMillis: amount, from: from, lastMoment: false).runsOut
    }

    /// The parts of `day`'s windows inside `[from, to)`, in order: the business time the day
    /// adds to that span (none when it is not a working day or its windows lie outside the
    /// span). `businessMillis` adds up the same parts (`countedPart`) over the days near the
    /// span's ends, and `explain` lists them.
    public func countedWindows(on day: CivilDate, from: Instant, to: Instant) -> [Range<Instant>] {
        windows(on: day).compactMap { Self.countedPart(of: $0, from: from, to: to) }
    }

    /// The part of `window` inside `[from, to)`; nil when they do not overlap.
    @inline(__always)
    static func countedPart(of window: Range<Instant>, from: Instant, to: Instant) -> Range<Instant>? {
        let start = max(window.lowerBound, from)
        let end = min(window.upperBound, to)
        return end > start ? start..<end : nil
    }

    /// When `amount` ms of business time from `from` run out (`runsOut`, see
    /// `instant(afterBusinessMillis:from:)`), and, when `lastMoment` is asked for, the last
    /// instant at which no more than that has elapsed (see `lastMomentToMeet`): the start of the
    /// next window when the amount runs out exactly at a window's end (or is zero and `from` is
    /// outside working hours), else `runsOut` itself.
    func businessDeadline(
        afterMillis amount: Int64, from: Instant, lastMoment: Bool
    ) -> (runsOut: Instant, lastMoment: Instant) {
        if amount > 0, let found = tabledDeadline(afterMillis: amount, from: from, lastMoment: lastMoment) {
            return found
        }
        var remaining = amount
        let firstDay = localDay(of: from) - 1
        var day = firstDay
        // Set once the amount has run out at a window's end; the search for the next window then
        // gives up after ten years (a calendar whose holidays never end would never reopen).
        var runsOut: Instant?
        var lastDay = Int.max
        if amount <= 0 {
            guard lastMoment else { return (from, from) }
            runsOut = from
            lastDay = firstDay + 3661
        }
        while day <= lastDay {
            // Three days past `firstDay`, every window starts after `from`: whole weeks can be
            // skipped while the amount left is more than two weeks' worth.
            if day - firstDay == 3 && runsOut == nil { skipWeeks(&day, remaining: &remaining) }
            let found: (runsOut: Instant, lastMoment: Instant)? = withWindows(fromDay: day, throughDay: day) {
                windows in
                for i in windows.indices {
                    let window = windows[i]
                    if let end = runsOut {
                        if window.upperBound > end && !window.isEmpty { return (end, max(end, window.lowerBound)) }
                        continue
                    }
                    let start = max(window.lowerBound, from)
                    let available = window.upperBound.millis - start.millis
                    guard available > 0 else { continue }
                    if remaining < available {
                        let end = start.adding(millis: remaining)
                        return (end, end)
                    }
                    remaining -= available
                    if remaining == 0 {
                        guard lastMoment else { return (window.upperBound, window.upperBound) }
                        runsOut = window.upperBound
                        lastDay = day + 3660
                    }
                }
                return nil
            }
            if let found { return found }
            day += 1
        }
        let end = runsOut ?? from  // not nil: only a search can give up
        return (end, end)
    }

    /// Moves `day` forward over whole weeks whose business time is less than `remaining`, while
    /// more than two weeks' worth is left, and takes their business time off `remaining`.
    private func skipWeeks(_ day: inout Int, remaining: inout Int64) {
        let weekMillis = week.millis
        while remaining > 2 * weekMillis {
            let weeks = remaining / weekMillis - 1
            let next = day + Int(7 * weeks)
            let skipped = windowMillis(from: CivilDate(daysSinceEpoch: day), until: CivilDate(daysSinceEpoch: next))
            guard skipped < remaining else { return }  // holidays or DST made the weeks too long
            remaining -= skipped
            day = next
        }
    }

    /// The overlap of `[from, to)` with the windows of the days `first...last`, window by window.
    func overlapMillis(from: Instant, to: Instant, days first: CivilDate, through last: CivilDate) -> Int64 {
        overlapMillis(from: from, to: to, fromDay: first.daysSinceEpoch, throughDay: last.daysSinceEpoch)
    }

    /// The overlap of `[from, to)` with the windows of the days numbered `firstDay...lastDay`.
    func overlapMillis(from: Instant, to: Instant, fromDay firstDay: Int, throughDay lastDay: Int) -> Int64 {
        withWindows(fromDay: firstDay, throughDay: lastDay) { windows in
            var total: Int64 = 0
            for i in windows.indices {
                if let part = Self.countedPart(of: windows[i], from: from, to: to) {
                    total += part.upperBound.millis - part.lowerBound.millis
                }
            }
            return total
        }
    }

    /// The total length of the windows of the days `d` with `start <= d < end`.
    ///
    /// Their nominal length (`nominalMillis(from:until:)`), then, for each offset change of the
    /// zone near the range, the days around it are measured exactly and the difference added.
    /// A window's length can differ from the nominal one only if a transition's gap or overlap
    /// touches its local day or the day before (whose last window can push its start), and that
    /// day is within one day of the transition's local date.
    func windowMillis(from start: CivilDate, until end: CivilDate) -> Int64 {
        guard start < end else { return 0 }
        var total = nominalMillis(from: start, until: end)
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
                let exact = windows(on: day).reduce(0) { $0 + $1.upperBound.millis - $1.lowerBound.millis }
                total += exact - nominalMillis(on: day)
            }
            index += 1
        }
        return total
    }
}
