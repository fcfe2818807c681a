import SLAConfig
import SLAModel
import SLATime

/// What every metric needs besides the data: configuration, calendar and the as-of instant.
public struct MetricsContext: Sendable {
    public let config: SLAConfig
    public let zone: TimeZoneRules
    public let calendar: BusinessCalendar
    /// Anything stamped after this has not happened yet (SPEC section 2).
    public let asOf: Instant

    public init(config: SLAConfig, asOf: Instant) {
        let zone = config.zone
        self.config = config
        self.zone = zone
        // The windows of three years before as-of and one after, worked out once: the days that
        // cases of the report's period and trend, and their deadlines, fall on.
        let calendar = BusinessCalendar(zone: zone, settings: config.calendar)
        let today = calendar.localDate(of: asOf)
        self.calendar = calendar.withWindows(from: today.adding(days: -3 * 366), through: today.adding(days: 366))
        self.asOf = asOf
    }

    /// `escalations.high_priority_wait` in milliseconds of wall-clock time.
    public var highPriorityWaitMillis: Int64 { config.highPriorityWait.wallClockSeconds * 1000 }
}
