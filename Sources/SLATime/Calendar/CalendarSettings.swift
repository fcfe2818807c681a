/// Local working hours of one day: `start..<end` in seconds after local midnight
/// (`0 <= start < end <= 86_400`; `24:00` may end a range).
public struct TimeRange: Sendable, Hashable, Comparable {
    public var start: Int
    public var end: Int

    /// Creates a range; `0 <= start < end <= 86_400` is the caller's promise (`SLAConfig` checks it).
    public init(start: Int, end: Int) {
        precondition(start >= 0 && start < end && end <= 86_400, "a time range is 0 <= start < end <= 24:00")
        self.start = start
        self.end = end
    }

    /// The range's length in seconds.
    public var seconds: Int { end - start }

    public static func < (a: TimeRange, b: TimeRange) -> Bool { (a.start, a.end) < (b.start, b.end) }

    /// Whether `ranges` are in ascending order without overlap (touching is allowed).
    public static func areOrderedAndDisjoint(_ ranges: [TimeRange]) -> Bool {
        zip(ranges, ranges.dropFirst()).allSatisfy { $0.end <= $1.start }
    }
}

/// A holiday (`holidays` of a calendar): a date with no working hours, or, for a half day, the
/// hours worked that day whatever its weekday.
public struct Holiday: Sendable, Hashable, Comparable {
    public var date: CivilDate
    /// The working hours of the day: empty for a whole holiday.
    public var hours: [TimeRange]

    public init(date: CivilDate, hours: [TimeRange] = []) {
        self.date = date
        self.hours = hours
    }

    public static func < (a: Holiday, b: Holiday) -> Bool { a.date < b.date }
}

/// A working calendar (`[calendar]`, `[calendars.NAME]` of the configuration): which days and
/// hours count on a business clock (SPEC section 4).
///
/// A date's working hours are its holiday's hours when it is a holiday, else its weekday's:
/// `days[weekday]` when the weekday is listed in `[calendar.days]`, else `hours` when the
/// weekday is one of `workdays`, else none. A **working day** is a date with working hours.
/// On a business clock `1d` is the total length of `hours`, whatever a particular day works.
public struct CalendarSettings: Sendable, Equatable {
    /// The working hours of a workday (`hours`), ascending and disjoint, never empty.
    public var hours: [TimeRange]
    /// ISO weekdays (1 = Monday ... 7 = Sunday) that work `hours` (`workdays`).
    public var workdays: Set<Int>
    /// Per-weekday hours replacing `hours` (`[calendar.days]`): ISO weekday → its ranges; an
    /// empty list makes the weekday non-working, a listed weekday is a workday otherwise.
    public var days: [Int: [TimeRange]]
    /// Holidays and half days, sorted by date, one per date.
    public var holidays: [Holiday]

    /// Creates a calendar; `holidays` are sorted, and of two holidays on one date the last wins.
    public init(hours: [TimeRange], workdays: Set<Int>, days: [Int: [TimeRange]] = [:], holidays: [Holiday] = []) {
        self.hours = hours
        self.workdays = workdays
        self.days = days
        var byDate: [CivilDate: Holiday] = [:]
        for holiday in holidays { byDate[holiday.date] = holiday }
        self.holidays = byDate.values.sorted()
    }

    /// Creates a version-1 calendar: one range of hours on `workdays`, whole-day holidays.
    public init(workdays: Set<Int>, workStart: Int, workEnd: Int, holidays: [CivilDate]) {
        self.init(
            hours: [TimeRange(start: workStart, end: workEnd)], workdays: workdays,
            holidays: holidays.map { Holiday(date: $0) })
    }

    /// The length of one working day in seconds: what `1d` means on a business clock.
    public var workingDaySeconds: Int { hours.reduce(0) { $0 + $1.seconds } }

    /// The working hours of ISO weekday `weekday` (1...7) on a day that is not a holiday.
    public func hours(onWeekday weekday: Int) -> [TimeRange] {
        if let listed = days[weekday] { return listed }
        return workdays.contains(weekday) ? hours : []
    }

    /// The holiday on `date`, if there is one.
    public func holiday(on date: CivilDate) -> Holiday? {
        var low = 0
        var high = holidays.count
        while low < high {
            let mid = (low + high) / 2
            if holidays[mid].date < date { low = mid + 1 } else { high = mid }
        }
        return low < holidays.count && holidays[low].date == date ? holidays[low] : nil
    }

    /// The working hours of `date`: its holiday's, else its weekday's.
    public func hours(on date: CivilDate) -> [TimeRange] {
        holiday(on: date)?.hours ?? hours(onWeekday: date.isoWeekday)
    }

    /// Whether `date` is a working day: it has working hours.
    public func isWorkingDay(_ date: CivilDate) -> Bool { !hours(on: date).isEmpty }
}
