import Testing

@testable import SLATime

/// Shorthands shared by the calendar tests.
enum CalendarFixture {
    static let hour: Int64 = 3_600_000
    static let minute: Int64 = 60_000

    static func zone(_ id: String) throws -> TimeZoneRules {
        try #require(TimeZoneRules(identifier: id))
    }

    static func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d) }

    /// A calendar in `zone` working `start`...`end` o'clock (hours) on `workdays` (ISO weekdays).
    static func calendar(
        _ zone: TimeZoneRules, workdays: Set<Int> = [1, 2, 3, 4, 5], hours: ClosedRange<Int> = 8...17,
        holidays: [CivilDate] = []
    ) -> BusinessCalendar {
        calendar(
            zone, workdays: workdays, from: hours.lowerBound * 3600, to: hours.upperBound * 3600, holidays: holidays)
    }

    /// A calendar in `zone` working from `from` to `to` (seconds of the local day) on `workdays`.
    static func calendar(
        _ zone: TimeZoneRules, workdays: Set<Int>, from: Int, to: Int, holidays: [CivilDate] = []
    ) -> BusinessCalendar {
        BusinessCalendar(
            zone: zone,
            settings: CalendarSettings(workdays: workdays, workStart: from, workEnd: to, holidays: holidays)
        )
    }

    /// Ranges of working hours written as in the configuration: `hours("08:00-12:00", "13:00-17:00")`.
    static func hours(_ texts: String...) -> [TimeRange] {
        texts.map { text in
            let bounds = text.split(separator: "-").map { bound in
                let parts = bound.split(separator: ":").compactMap { Int($0) }
                return parts[0] * 3600 + parts[1] * 60
            }
            return TimeRange(start: bounds[0], end: bounds[1])
        }
    }

    /// A version-2 calendar in `zone`: `ranges` on `workdays`, per-weekday `days` (ISO weekday →
    /// its ranges), and holidays whole or half.
    static func calendar(
        _ zone: TimeZoneRules, ranges: [TimeRange], workdays: Set<Int> = [1, 2, 3, 4, 5],
        days: [Int: [TimeRange]] = [:], holidays: [Holiday] = []
    ) -> BusinessCalendar {
        BusinessCalendar(
            zone: zone, settings: CalendarSettings(hours: ranges, workdays: workdays, days: days, holidays: holidays))
    }

    /// The instant at which `zone`'s clocks show `date` at `h:m`.
    static func at(_ zone: TimeZoneRules, _ date: CivilDate, _ h: Int, _ m: Int = 0) -> Instant {
        zone.instant(forLocal: date, secondOfDay: h * 3600 + m * 60)
    }
}
