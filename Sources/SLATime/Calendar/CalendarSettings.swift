/// The working calendar (`[calendar]` of the configuration): which days and hours count on a
/// business clock.
public struct CalendarSettings: Sendable, Equatable {
    /// ISO weekdays that are working days: 1 = Monday ... 7 = Sunday. Never empty.
    public var workdays: Set<Int>
    /// Start of the working hours, in seconds after local midnight.
    public var workStart: Int
    /// End of the working hours, in seconds after local midnight; always after `workStart`.
    public var workEnd: Int
    /// Dates with no working hours, sorted and without duplicates.
    public var holidays: [CivilDate]

    /// Creates a calendar; `holidays` are sorted and deduplicated.
    public init(workdays: Set<Int>, workStart: Int, workEnd: Int, holidays: [CivilDate]) {
        self.workdays = workdays
        self.workStart = workStart
        self.workEnd = workEnd
        self.holidays = Array(Set(holidays)).sorted()
    }

    /// The length of one working day in seconds: what `1d` means on a business clock.
    public var workingDaySeconds: Int { workEnd - workStart }

    /// Whether `date` is a working day: one of `workdays` and not a holiday.
    public func isWorkingDay(_ date: CivilDate) -> Bool {
        guard workdays.contains(date.isoWeekday) else { return false }
        var low = 0
        var high = holidays.count
        while low < high {
            let mid = (low + high) / 2
            if holidays[mid] < date { low = mid + 1 } else { high = mid }
        }
        return low == holidays.count || holidays[low] != date
    }
}
