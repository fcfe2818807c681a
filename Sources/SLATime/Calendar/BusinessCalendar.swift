/// The working calendar in one time zone: which dates are working days and when they work.
///
/// Made from a zone's `TimeZoneRules` and the `[calendar]` settings. A working day is a
/// configured workday that is not a holiday; its **window** is `[workStart, workEnd)` in local
/// wall-clock time, converted to instants with `TimeZoneRules.instant(forLocal:secondOfDay:millis:)`.
/// So a window is as long in real time as the wall clock says: 08:00–17:00 is 9 hours unless a
/// DST switch falls inside it, and a bound inside a spring-forward gap is moved forward by the
/// gap, as `TimeZoneRules` does for every local time (a window that ends up empty counts zero).
///
/// Business time (`businessMillis`, `instant(afterBusinessMillis:from:)`) is in
/// `BusinessCalendar+BusinessTime.swift`; SLA clocks (`deadline`, `elapsed`) in
/// `BusinessCalendar+Clock.swift`.
public struct BusinessCalendar: Sendable {
    /// The calendar's time zone.
    public let zone: TimeZoneRules
    /// Workdays, working hours and holidays.
    public let settings: CalendarSettings
    /// `workdayMask[w]` tells whether ISO weekday `w` (1...7) is a workday; index 0 is unused.
    package let workdayMask: [Bool]
    /// How many ISO weekdays are workdays (1...7).
    let workdaysPerWeek: Int
    /// The length of a window without a DST switch in it, in milliseconds.
    let nominalWindowMillis: Int64
    /// The windows of a range of days, worked out ahead (see `withWindows(from:through:)`).
    private var table: WindowTable?

    /// Creates the calendar of `settings` in `zone`.
    ///
    /// `settings` must name at least one ISO weekday 1...7 and have `workEnd > workStart`, with
    /// both within `0...86400`, as `SLAConfig` guarantees; anything else is a programming error.
    public init(zone: TimeZoneRules, settings: CalendarSettings) {
        var mask = [Bool](repeating: false, count: 8)
        for weekday in settings.workdays where (1...7).contains(weekday) { mask[weekday] = true }
        let perWeek = mask.filter { $0 }.count
        precondition(perWeek > 0, "a business calendar needs at least one workday")
        precondition(
            !settings.hours.isEmpty,
            "working hours must satisfy 0 <= start < end <= 24:00"
        )
        self.zone = zone
        self.settings = settings
        self.workdayMask = mask
        self.workdaysPerWeek = perWeek
        self.nominalWindowMillis = Int64(settings.workingDaySeconds) * 1000
    }

    /// Whether `date` is a working day: a configured workday that is not a holiday.
    public func isWorkingDay(_ date: CivilDate) -> Bool {
        workdayMask[date.isoWeekday] && !isHoliday(date)
    }

    /// Why `date` is not a working day (`holiday`, `weekend`, `not a workday`, or two of them
    /// joined by "and"); nil for a working day.
    public func nonWorkingReason(_ date: CivilDate) -> String? {
        var reasons: [String] = []
        if isHoliday(date) { reasons.append("holiday") }
        if !workdayMask[date.isoWeekday] { reasons.append(date.isoWeekday >= 6 ? "weekend" : "not a workday") }
        return reasons.isEmpty ? nil : reasons.joined(separator: " and ")
    }

    /// Whether `date` is one of the configured holidays (whatever its weekday).
    public func isHoliday(_ date: CivilDate) -> Bool {
        let index = holidayIndex(atOrAfter: date)
        return index < settings.holidays.count && settings.holidays[index].date == date
    }

    /// The local calendar date, in this calendar's zone, at `instant`.
    public func localDate(of instant: Instant) -> CivilDate {
        zone.localDateTime(of: instant).date
    }

    /// The working window of `date` as instants, or nil when `date` is not a working day.
    ///
    /// The range is empty only when the window starts inside a spring-forward gap and the
    /// moved start passes its end (02:30-03:10 on the March switch in New York: 03:30 EDT is
    /// after 03:10 EDT).
    public func window(on date: CivilDate) -> Range<Instant>? {
        if let table, let window = table.window(date.daysSinceEpoch) { return window }
        return isWorkingDay(date) ? rawWindow(on: date) : nil
    }

    /// This calendar with the windows of the days `first...last` worked out ahead: business
    /// clocks ask for the windows of the same few hundred days again and again (a million cases
    /// step through them day by day), each a weekday, a holiday search and two zone
    /// conversions. Days outside the range are worked out as they are asked for.
    public func withWindows(from first: CivilDate, through last: CivilDate) -> BusinessCalendar {
        var copy = self
        copy.table = nil
        let firstDay = first.daysSinceEpoch
        let count = max(0, last.daysSinceEpoch - firstDay + 1)
        copy.table = WindowTable(
            firstDay: firstDay, windows: (0..<count).map { copy.window(on: CivilDate(daysSinceEpoch: firstDay + $0)) })
        return copy
    }

    /// The window `[workStart, workEnd)` of `date`, working day or not; never inverted.
    func rawWindow(on date: CivilDate) -> Range<Instant> {
        let start = zone.instant(forLocal: date, secondOfDay: settings.hours[0].start)  // TODO(v2 calendar)
        let end = zone.instant(forLocal: date, secondOfDay: settings.hours[settings.hours.count - 1].end)
        // A start inside a gap moves forward by the gap's length; an end just after the gap does
        // not move, so such a window can come out inverted (02:30-03:10 in New York on the March
        // switch is 03:30-03:10 EDT): it is then empty.
        return start..<max(start, end)
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
    /// Whole weeks are counted arithmetically, then the holidays in the range are subtracted.
    func workingDayCount(from start: CivilDate, until end: CivilDate) -> Int {
        let days = end.daysSinceEpoch - start.daysSinceEpoch
        guard days > 0 else { return 0 }
        var count = days / 7 * workdaysPerWeek
        let firstWeekday = start.isoWeekday
        for offset in 0..<(days % 7) where workdayMask[(firstWeekday - 1 + offset) % 7 + 1] {
            count += 1
        }
        let holidays = settings.holidays
        var index = holidayIndex(atOrAfter: start)
        while index < holidays.count && holidays[index].date < end {
            if workdayMask[holidays[index].date.isoWeekday] { count -= 1 }
            index += 1
        }
        return count
    }
}

/// The windows of a run of days (nil for a day that is not a working day), by day number.
final class WindowTable: Sendable {
    let firstDay: Int
    let windows: [Range<Instant>?]

    init(firstDay: Int, windows: [Range<Instant>?]) {
        self.firstDay = firstDay
        self.windows = windows
    }

    /// The window of the day numbered `day` (days since 1970-01-01): `.some(nil)` for a day in
    /// the table that is not a working day, nil for a day outside the table.
    @inline(__always)
    func window(_ day: Int) -> Range<Instant>?? {
        let i = day - firstDay
        guard i >= 0, i < windows.count else { return nil }
        return .some(windows[i])
    }
}
