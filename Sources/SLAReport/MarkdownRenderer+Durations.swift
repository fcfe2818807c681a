import SLATime

/// How a duration is written in the Markdown and the charts, by the clock it is measured on.
///
/// On the `24x7` clock a day is 24 hours: `1d 3h`. On the `business` clock a day is one working
/// day of the calendar (SPEC 2), so a target is written as configured (`3d`: three working days)
/// and a measured time in hours and minutes without days (`45h`, `20h 36m`); `businessDayNote`
/// says so under the tables.
extension MarkdownRenderer {
    /// 1d 2h 3m, 45m, 12s: the two largest parts, on a wall clock; "–" when nil.
    static func duration(_ millis: Int64?) -> String { duration(millis, days: true) }

    /// A time measured on `clock` (a row's `clock`; nil when it has none): `20h 36m` on the
    /// business clock, `duration(_:)` on any other.
    static func duration(_ millis: Int64?, clock: String?) -> String {
        duration(millis, days: clock != SLAClock.business.rawValue)
    }

    /// A row's target: as configured on the business clock (`3d`), else `duration(_:)` of its
    /// seconds (`1d 3h`); "–" when the row has none.
    static func targetDuration(_ s: Report.SeverityRow) -> String {
        if s.clock == SLAClock.business.rawValue, let target = s.target { return target.description }
        return s.targetSeconds.map { duration($0 * 1000) } ?? "–"
    }

    /// A row's target for a chart label: `1h 24x7`, `2h business hours`, `3d business, d = 9h`
    /// (`3d business workdays` when the calendars' working days differ in length).
    static func targetLabel(_ s: Report.SeverityRow, workingDaySeconds: Int?) -> String {
        guard s.clock == SLAClock.business.rawValue else { return "\(targetDuration(s)) \(s.clock ?? "")" }
        guard let target = s.target, target.days > 0 else { return "\(targetDuration(s)) business hours" }
        let day = workingDaySeconds.map { ", d = \(duration(Int64($0) * 1000, days: false))" } ?? " workdays"
        return "\(target) business\(day)"
    }

    /// The sentence under a table with rows on the business clock: what a `d` is there, from the
    /// calendars' working hours (`Report.workingDaySeconds`), and how its times are written.
    static func businessDayNote(workingDaySeconds: Int?) -> String {
        let day =
            workingDaySeconds.map { "one working day of \(SLADuration(seconds: $0).words) of the calendar in force" }
            ?? "one working day of its calendar (each case's own: the calendars' working days differ in length)"
        return "On the business clock a `d` in a target is \(day); times on it are in hours and minutes, without days."
    }

    /// Whether any of `rows` is on the business clock.
    static func anyBusiness(_ rows: [Report.SeverityRow]) -> Bool {
        rows.contains { $0.clock == SLAClock.business.rawValue }
    }

    /// The two largest parts of `millis` (days only when `days`; else the hours go past 24).
    private static func duration(_ millis: Int64?, days: Bool) -> String {
        guard let ms = millis else { return "–" }
        let negative = ms < 0
        var s = abs(ms) / 1000
        let d = days ? s / 86400 : 0
        s -= d * 86400
        let h = s / 3600
        s %= 3600
        let m = s / 60
        s %= 60
        var parts: [String] = []
        if d > 0 { parts.append("\(d)d") }
        if h > 0 { parts.append("\(h)h") }
        if m > 0 { parts.append("\(m)m") }
        if s > 0 || parts.isEmpty { parts.append("\(s)s") }
        return (negative ? "-" : "") + parts.prefix(2).joined(separator: " ")
    }
}
