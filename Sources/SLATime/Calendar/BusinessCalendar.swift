/// The working calendar in one time zone: which dates are working days and when they work.
///
/// Made from a zone's `TimeZoneRules` and the `[calendar]` settings. A date's working hours are
/// `settings.hours(on:)`: its half day's ranges when it is a holiday, else its weekday's. A
/// **working day** is a date with working hours. Each range becomes a **window**, its bounds
/// converted to instants with `TimeZoneRules.instant(forLocal:secondOfDay:millis:)`. So a window
/// is as long in real time as the wall clock says: 08:00–12:00 is 4 hours unless a DST switch
/// falls inside it, and a bound inside a spring-forward gap is moved forward by the gap, as
/// `TimeZoneRules` does for every local time.
///
/// A date's windows are in order and never overlap as instants, nor overlap those of the date
/// before: a start that a DST quirk puts before the previous window's end (a range that starts
/// in a gap, then one that starts just after it) is moved up to that end, and a window that
/// comes out inverted is empty (it counts zero, but the date is still a working day).
///
/// Business time (`businessMillis`, `instant(afterBusinessMillis:from:)`) is in
/// `BusinessCalendar+BusinessTime.swift`; SLA clocks (`deadline`, `elapsed`) in
/// `BusinessCalendar+Clock.swift`; working-day counts in `BusinessCalendar+WorkingDays.swift`.
///
/// A class, immutable: a million cases each take their clock's calendar, and a copy is one
/// reference, not the dozen arrays and strings it holds (each retained and released per copy,
/// from every thread at once).
public final class BusinessCalendar: Sendable {
    /// The calendar's time zone.
    public let zone: TimeZoneRules
    /// Working hours per weekday, half days and holidays.
    public let settings: CalendarSettings
    /// The week's nominal totals (see `WeekTotals`), what the arithmetic fast paths count with.
    let week: WeekTotals
    /// Per holiday (in `settings.holidays` order), running sums of how much it changes the nominal
    /// business time and working days of its date: `holidayMillisPrefix[i]` is the sum over the
    /// holidays before `i` of (its hours' total - its weekday's total), and likewise in days
    /// (+1 for hours on a non-working weekday, -1 for a whole holiday on a working weekday).
    let holidayMillisPrefix: [Int64]
    let holidayDaysPrefix: [Int]
    /// Whether some holiday has working hours (a half day).
    let hasHalfDays: Bool
    /// `settings.workingDaySeconds`: what a business target in days is worth.
    public let workingDaySeconds: Int
    /// The windows of a range of days, worked out ahead (see `withWindows(from:through:)`).
    private let table: WindowTable?

    /// Creates the calendar of `settings` in `zone`.
    ///
    /// Some weekday must have working hours, and every list of ranges must be ascending and
    /// disjoint, as `SLAConfig` guarantees; anything else is a programming error (a calendar
    /// whose weeks never work would leave a deadline nowhere to fall).
    public convenience init(zone: TimeZoneRules, settings: CalendarSettings) {
        self.init(zone: zone, settings: settings, table: nil)
    }

    /// The same calendar as another object (sharing its table and settings): for a thread that
    /// takes the calendar a million times, whose retains then stay on its own core.
    public func duplicate() -> BusinessCalendar {
        BusinessCalendar(zone: zone, settings: settings, table: table)
    }

    private init(zone: TimeZoneRules, settings: CalendarSettings, table: WindowTable?) {
        precondition(
            TimeRange.areOrderedAndDisjoint(settings.hours)
                && settings.days.values.allSatisfy(TimeRange.areOrderedAndDisjoint)
                && settings.holidays.allSatisfy { TimeRange.areOrderedAndDisjoint($0.hours) },
            "working hours must be ascending ranges without overlap")
        let week = WeekTotals(settings)
        precondition(week.millis > 0, "a business calendar needs working hours on some weekday")
        var millis: [Int64] = [0]
        var days: [Int] = [0]
        millis.reserveCapacity(settings.holidays.count + 1)
        days.reserveCapacity(settings.holidays.count + 1)
        for holiday in settings.holidays {
            let weekday = holiday.date.isoWeekday
            millis.append(millis[millis.count - 1] + WeekTotals.millis(of: holiday.hours) - week.dayMillis[weekday])
            days.append(days[days.count - 1] + (holiday.hours.isEmpty ? 0 : 1) - week.dayWorks[weekday])
        }
        self.zone = zone
        self.settings = settings
        self.week = week
        self.holidayMillisPrefix = millis
        self.holidayDaysPrefix = days
        self.hasHalfDays = settings.holidays.contains { !$0.hours.isEmpty }
        self.table = table
        self.workingDaySeconds = settings.workingDaySeconds
    }

    /// Whether `date` is a working day: a date with working hours (`CalendarSettings.isWorkingDay`).
    public func isWorkingDay(_ date: CivilDate) -> Bool {
        // Without half days a holiday can only take working hours away: a weekday without hours
        // needs no holiday search.
        let works = week.dayWorks[date.isoWeekday] != 0
        if !works && !hasHalfDays { return false }
        let index = holidayIndex(atOrAfter: date)
        if index < settings.holidays.count && settings.holidays[index].date == date {
            return !settings.holidays[index].hours.isEmpty
        }
        return works
    }

    /// Why `date` is not a working day (`holiday`, `weekend`, `not a workday`, or two of them
    /// joined by "and"); nil for a working day.
    ///
    /// A weekday without hours (not among `workdays`, or listed in `[calendar.days]` with no
    /// ranges) is `weekend` on Saturday and Sunday and `not a workday` otherwise.
    public func nonWorkingReason(_ date: CivilDate) -> String? {
        var reasons: [String] = []
        if let holiday = settings.holiday(on: date) {
            guard holiday.hours.isEmpty else { return nil }  // a half day works its own hours
            reasons.append("holiday")
        }
        let weekday = date.isoWeekday
        if week.dayWorks[weekday] == 0 { reasons.append(weekday >= 6 ? "weekend" : "not a workday") }
        return reasons.isEmpty ? nil : reasons.joined(separator: " and ")
    }

    /// Whether `date` is one of the configured holidays, whole or half (whatever its weekday).
    public func isHoliday(_ date: CivilDate) -> Bool {
        settings.holiday(on: date) != nil
    }

    /// The local calendar date, in this calendar's zone, at `instant`.
    public func localDate(of instant: Instant) -> CivilDate {
        zone.localDateTime(of: instant).date
    }

    /// The number (days since 1970-01-01) of the local date at `instant`: `localDate(of:)`
    /// without building the date.
    @inline(__always)
    func localDay(of instant: Instant) -> Int {
        let local = instant.millis + Int64(zone.offsetSeconds(at: instant)) * 1000
        let msPerDay: Int64 = 86_400_000
        return Int(local >= 0 ? local / msPerDay : (local - (msPerDay - 1)) / msPerDay)
    }

    /// The working windows of `date` as instants, one per range of its working hours, in order
    /// and never overlapping; empty when `date` is not a working day.
    ///
    /// A window is empty only when a DST gap swallows it: it starts inside a spring-forward gap
    /// and the moved start passes its end (02:30-03:10 on the March switch in New York: 03:30
    /// EDT is after 03:10 EDT), or an earlier window moved past it. For a date inside the table
    /// of `withWindows(from:through:)` this is a slice of the table and allocates nothing.
    public func windows(on date: CivilDate) -> ArraySlice<Range<Instant>> {
        if let table, let indices = table.indices(ofDay: date.daysSinceEpoch) { return table.windows[indices] }
        return ArraySlice(computeWindows(on: date))
    }

    /// Calls `body` with the windows of the days numbered `first...last`, in order: borrowed from
    /// the table when it holds them all (nothing retained, nothing allocated: the clocks of a
    /// million cases go through here on every thread at once), else worked out day by day.
    @inline(__always)
    func withWindows<R>(
        fromDay first: Int, throughDay last: Int, _ body: (UnsafeBufferPointer<Range<Instant>>) -> R
    ) -> R {
        if let table, let indices = table.indices(fromDay: first, throughDay: last) {
            return table.windows.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[indices])) }
        }
        var computed: [Range<Instant>] = []
        var day = first
        while day <= last {
            computed += computeWindows(on: CivilDate(daysSinceEpoch: day))
            day += 1
        }
        return computed.withUnsafeBufferPointer(body)
    }

    /// This calendar with the windows of the days `first...last` worked out ahead: business
    /// clocks ask for the windows of the same few hundred days again and again (a million cases
    /// step through them day by day), each a weekday, a holiday search and two zone conversions
    /// per range. The table keeps every window in one array with each day's first index beside
    /// it, so reading a day's windows, or those of a run of days, allocates nothing. Days
    /// outside the range are worked out as they are asked for.
    public func withWindows(from first: CivilDate, through last: CivilDate) -> BusinessCalendar {
        let firstDay = first.daysSinceEpoch
        let count = max(0, last.daysSinceEpoch - firstDay + 1)
        var offsets: [Int] = [0]
        var windows: [Range<Instant>] = []
        offsets.reserveCapacity(count + 1)
        windows.reserveCapacity(count * settings.hours.count)
        for i in 0..<count {
            windows += computeWindows(on: CivilDate(daysSinceEpoch: firstDay + i))
            offsets.append(windows.count)
        }
        return BusinessCalendar(
            zone: zone, settings: settings, table: WindowTable(firstDay: firstDay, offsets: offsets, windows: windows))
    }

    /// Where `t` stands in the table: the index of the first window that ends after it, and the
    /// business time from the table's first window to `t` (`WindowTable.elapsed` plus the part of
    /// that window before `t`). Nil unless the table holds the days either side of `t`'s local
    /// date: windows of days further off lie wholly before or after `t` (see `businessMillis`).
    @inline(__always)
    func tablePosition(of t: Instant) -> (window: Int, elapsed: Int64)? {
        guard let table else { return nil }
        let day = localDay(of: t)
        guard let near = table.indices(fromDay: day - 1, throughDay: day + 1) else { return nil }
        return table.windows.withUnsafeBufferPointer { windows in
            var k = near.lowerBound
            while k < near.upperBound && windows[k].upperBound <= t { k += 1 }
            let part = k < near.upperBound ? max(0, t.millis - windows[k].lowerBound.millis) : 0
            return (k, table.elapsed[k] + part)
        }
    }

    /// `businessDeadline` read from the table: the first window by whose end the business time
    /// from `from` reaches `amount` (> 0), found by a binary search of `WindowTable.elapsed`. Nil
    /// when the table does not reach that far (or, for `lastMoment`, the next window after).
    func tabledDeadline(afterMillis amount: Int64, from: Instant, lastMoment: Bool) -> (
        runsOut: Instant, lastMoment: Instant
    )? {
        guard let table, let start = tablePosition(of: from) else { return nil }
        let goal = start.elapsed + amount
        let elapsed = table.elapsed
        // The first m > start.window with elapsed[m] >= goal: window m - 1 reaches it.
        var low = start.window + 1
        var high = elapsed.count
        while low < high {
            let mid = (low + high) >> 1
            if elapsed[mid] < goal { low = mid + 1 } else { high = mid }
        }
        guard low < elapsed.count else { return nil }
        let window = table.windows[low - 1]
        if elapsed[low] > goal {
            let end = window.lowerBound.adding(millis: goal - elapsed[low - 1])
            return (end, end)
        }
        // It runs out exactly at the window's end: a reply still meets it until the next window.
        let end = window.upperBound
        guard lastMoment else { return (end, end) }
        var next = low
        while next < table.windows.count {
            let w = table.windows[next]
            if w.upperBound > end && !w.isEmpty { return (end, max(end, w.lowerBound)) }
            next += 1
        }
        return nil
    }

    /// The windows of `date` worked out from the settings and the zone (see `BusinessCalendar`).
    func computeWindows(on date: CivilDate) -> [Range<Instant>] {
        let ranges = settings.hours(on: date)
        guard !ranges.isEmpty else { return [] }
        // In a zone that never changes its offset local times map to instants in order, so
        // nothing can overlap the date before; otherwise start after that date's last window.
        var previousEnd = Instant(millis: .min)
        if zone.transitionCount > 0 {
            let before = date.adding(days: -1)
            Self.forEachWindow(of: settings.hours(on: before), on: before, in: zone, after: previousEnd) {
                previousEnd = $0.upperBound
            }
        }
        var out: [Range<Instant>] = []
        out.reserveCapacity(ranges.count)
        Self.forEachWindow(of: ranges, on: date, in: zone, after: previousEnd) { out.append($0) }
        return out
    }

    /// Converts `ranges` of `date` to windows, each starting no earlier than the one before
    /// ends (the first no earlier than `floor`), and calls `body` with each.
    @inline(__always)
    static func forEachWindow(
        of ranges: [TimeRange], on date: CivilDate, in zone: TimeZoneRules, after floor: Instant,
        _ body: (Range<Instant>) -> Void
    ) {
        var previousEnd = floor
        for range in ranges {
            // A start inside a gap moves forward by the gap's length; an end just after the gap
            // does not move, so such a window can come out inverted (02:30-03:10 in New York on
            // the March switch is 03:30-03:10 EDT): it is then empty.
            let start = max(zone.instant(forLocal: date, secondOfDay: range.start), previousEnd)
            let end = max(start, zone.instant(forLocal: date, secondOfDay: range.end))
            body(start..<end)
            previousEnd = end
        }
    }

    /// The nominal business time of `date`: its working hours' total length, in milliseconds.
    func nominalMillis(on date: CivilDate) -> Int64 {
        WeekTotals.millis(of: settings.hours(on: date))
    }

    /// The index of the first holiday on or after `date` (`holidays.count` when there is none).
    func holidayIndex(atOrAfter date: CivilDate) -> Int {
        let holidays = settings.holidays
        var low = 0
        var high = holidays.count
        while low < high {
            let mid = (low + high) >> 1
            if holidays[mid].date < date { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The number of working days `d` with `start <= d < end`; 0 when `end <= start`.
    ///
    /// Whole weeks are counted arithmetically, then each holiday in the range adds its change.
    func workingDayCount(from start: CivilDate, until end: CivilDate) -> Int {
        let days = end.daysSinceEpoch - start.daysSinceEpoch
        guard days > 0 else { return 0 }
        let first = start.isoWeekday - 1
        let weekdays =
            days / 7 * week.workingDays + week.workingDayPrefix[first + days % 7] - week.workingDayPrefix[first]
        return weekdays + holidayDaysPrefix[holidayIndex(atOrAfter: end)]
            - holidayDaysPrefix[holidayIndex(atOrAfter: start)]
    }

    /// The nominal business time of the days `d` with `start <= d < end`, in milliseconds: what
    /// their working hours add up to on the wall clock, before any DST switch.
    func nominalMillis(from start: CivilDate, until end: CivilDate) -> Int64 {
        let days = end.daysSinceEpoch - start.daysSinceEpoch
        guard days > 0 else { return 0 }
        let first = start.isoWeekday - 1
        let weekdays = Int64(days / 7) * week.millis + week.millisPrefix[first + days % 7] - week.millisPrefix[first]
        return weekdays + holidayMillisPrefix[holidayIndex(atOrAfter: end)]
            - holidayMillisPrefix[holidayIndex(atOrAfter: start)]
    }
}

/// The nominal week of a calendar: what each ISO weekday works when it is not a holiday.
struct WeekTotals: Sendable {
    /// `dayMillis[w]`: the total of `hours(onWeekday: w)` in milliseconds (index 0 unused).
    let dayMillis: [Int64]
    /// `dayWorks[w]`: 1 when ISO weekday `w` has working hours, else 0 (index 0 unused).
    let dayWorks: [Int]
    /// Running sums over two weeks from Monday: `millisPrefix[k]` is the total of the first `k`
    /// days, so the `n <= 7` days from ISO weekday `w` add up to
    /// `millisPrefix[w - 1 + n] - millisPrefix[w - 1]`. Likewise `workingDayPrefix` in days.
    let millisPrefix: [Int64]
    let workingDayPrefix: [Int]

    init(_ settings: CalendarSettings) {
        let dayMillis = [0] + (1...7).map { Self.millis(of: settings.hours(onWeekday: $0)) }
        let dayWorks = [0] + (1...7).map { settings.hours(onWeekday: $0).isEmpty ? 0 : 1 }
        var millis: [Int64] = [0]
        var workingDays: [Int] = [0]
        for k in 0..<14 {
            millis.append(millis[k] + dayMillis[k % 7 + 1])
            workingDays.append(workingDays[k] + dayWorks[k % 7 + 1])
        }
        self.dayMillis = dayMillis
        self.dayWorks = dayWorks
        self.millisPrefix = millis
        self.workingDayPrefix = workingDays
    }

    /// The nominal length of a week in milliseconds.
    var millis: Int64 { millisPrefix[7] }
    /// How many ISO weekdays have working hours.
    var workingDays: Int { workingDayPrefix[7] }

    /// The total length of `ranges` in milliseconds.
    static func millis(of ranges: [TimeRange]) -> Int64 {
        ranges.reduce(0) { $0 + Int64($1.seconds) * 1000 }
    }
}

/// The windows of a run of days, all in one array, by day number.
final class WindowTable: Sendable {
    /// The number (days since 1970-01-01) of the table's first day.
    let firstDay: Int
    /// `offsets[i]..<offsets[i + 1]` are the indices in `windows` of day `firstDay + i`.
    let offsets: [Int]
    let windows: [Range<Instant>]
    /// `elapsed[i]`: the total length of `windows[..<i]` (one more than the windows): the
    /// business time between two instants of the table is the difference of two of these and
    /// two parts of windows, however many days apart they are.
    let elapsed: [Int64]

    init(firstDay: Int, offsets: [Int], windows: [Range<Instant>]) {
        self.firstDay = firstDay
        self.offsets = offsets
        self.windows = windows
        var elapsed: [Int64] = [0]
        elapsed.reserveCapacity(windows.count + 1)
        for window in windows {
            elapsed.append(elapsed[elapsed.count - 1] + window.upperBound.millis - window.lowerBound.millis)
        }
        self.elapsed = elapsed
    }

    /// The indices in `windows` of the windows of day number `day`; nil outside the table.
    @inline(__always)
    func indices(ofDay day: Int) -> Range<Int>? {
        indices(fromDay: day, throughDay: day)
    }

    /// The indices of the windows of the days numbered `first...last`; nil unless the table
    /// holds them all.
    @inline(__always)
    func indices(fromDay first: Int, throughDay last: Int) -> Range<Int>? {
        let i = first - firstDay
        let j = last - firstDay + 1
        guard i >= 0, i < j, j < offsets.count else { return nil }
        return offsets[i]..<offsets[j]
    }
}
