import SLAConfig
import SLAModel
import SLATime

/// The period a report covers: `[start, end)` in the calendar's time zone.
public struct ReportPeriod: Sendable, Equatable {
    /// The label used in file names: `2026-10` for a month, `2026-10-05_2026-10-12` otherwise.
    public let label: String
    /// First local date in the period.
    public let firstDate: CivilDate
    /// The local date just after the period.
    public let endDate: CivilDate
    public let start: Instant
    public let end: Instant

    /// The period from local midnight of `from` to local midnight of `to` (exclusive).
    public init(from: CivilDate, to: CivilDate, zone: TimeZoneRules, label: String? = nil) {
        firstDate = from
        endDate = to
        start = zone.startOfDay(from)
        end = zone.startOfDay(to)
        self.label = label ?? "\(from)_\(to)"
    }

    /// The calendar month `year`-`month`.
    public static func month(year: Int, month: Int, zone: TimeZoneRules) -> ReportPeriod {
        let first = CivilDate(year: year, month: month, day: 1)
        let next =
            month == 12 ? CivilDate(year: year + 1, month: 1, day: 1) : CivilDate(year: year, month: month + 1, day: 1)
        return ReportPeriod(from: first, to: next, zone: zone, label: String(first.description.prefix(7)))
    }

    /// Parses `YYYY-MM`; nil when malformed.
    public static func month(_ text: String, zone: TimeZoneRules) -> ReportPeriod? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]),
            (1...12).contains(m)
        else { return nil }
        return month(year: y, month: m, zone: zone)
    }

    /// The month before the one containing `now` in `zone` (`--period last-month`).
    public static func lastMonth(before now: Instant, zone: TimeZoneRules) -> ReportPeriod {
        let today = zone.localDateTime(of: now).date
        return today.month == 1
            ? month(year: today.year - 1, month: 12, zone: zone)
            : month(year: today.year, month: today.month - 1, zone: zone)
    }

    /// Whether `t` falls in the period.
    @inlinable public func contains(_ t: Instant) -> Bool { t >= start && t < end }

    /// Whether this period is one whole calendar month.
    public var isMonth: Bool {
        firstDate.day == 1 && endDate.day == 1
            && (endDate.year * 12 + endDate.month) - (firstDate.year * 12 + firstDate.month) == 1
    }

    /// The `count` calendar months ending with this period's month (oldest first), for the trend.
    public func trailingMonths(_ count: Int, zone: TimeZoneRules) -> [ReportPeriod] {
        let last = endDate.day == 1 ? endDate.adding(days: -1) : endDate
        let lastIndex = last.year * 12 + (last.month - 1)
        return (0..<count).reversed().map { back in
            let i = lastIndex - back
            return ReportPeriod.month(year: i / 12, month: i % 12 + 1, zone: zone)
        }
    }
}
