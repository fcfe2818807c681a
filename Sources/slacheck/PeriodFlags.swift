import Foundation
import SLACore

// Flag values that `report` and `explain` both turn into SLACore values, with SPEC section 6's
// usage status (2) and a message naming the flag when they are wrong.

/// The configured time zone's rules.
func configuredZone(_ config: SLAConfig) throws -> TimeZoneRules {
    guard let zone = TimeZoneRules(identifier: config.timezone) else {
        throw CommandFailure(Exit.usage, "unknown time zone \(config.timezone)")
    }
    return zone
}

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

/// The metrics context for `config` as of `asOf`.
func metricsContext(_ config: SLAConfig, asOf: Instant) throws -> MetricsContext {
    do {
        return try MetricsContext(config: config, asOf: asOf)
    } catch {
        throw CommandFailure(Exit.usage, "\(error)")
    }
}
