import Foundation
import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

// Flag values that `report` and `explain` both turn into the library's values, with SPEC
// section 6's usage status (2) and a message naming the flag when they are wrong.

/// `--period`: a month (`2026-10`) or `last-month` (the month before today in `zone`).
func parseMonthFlag(_ text: String, zone: TimeZoneRules) throws -> ReportPeriod {
    if text == "last-month" {
        return ReportPeriod.lastMonth(before: Instant(millis: Int64(Date().timeIntervalSince1970 * 1000)), zone: zone)
    }
    guard let month = ReportPeriod.month(text, zone: zone) else {
        throw CommandFailure(Exit.usage, "--period \(text): not a month (write 2026-10) or last-month")
    }
    return month
}

/// `--as-of`: an ISO 8601 instant (without an offset, local in `zone`); nil when not given.
func parseAsOfFlag(_ text: String?, zone: TimeZoneRules) throws -> Instant? {
    guard let text else { return nil }
    guard let parser = try? TimestampParser(zone: zone), let t = parser.parse(text) else {
        throw CommandFailure(Exit.usage, "--as-of \(text): not a timestamp (write e.g. 2026-11-01T00:00:00Z)")
    }
    return t
}
