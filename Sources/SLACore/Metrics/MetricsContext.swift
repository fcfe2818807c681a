/// What every metric needs besides the data: configuration, calendar and the as-of instant.
public struct MetricsContext: Sendable {
    public let config: SLAConfig
    public let zone: TimeZoneRules
    public let calendar: BusinessCalendar
    /// Anything stamped after this has not happened yet (SPEC section 2).
    public let asOf: Instant

    /// Fails when the configured time zone is unknown (configuration loading checks it first).
    public init(config: SLAConfig, asOf: Instant) throws(InputError) {
        guard let zone = TimeZoneRules(identifier: config.timezone) else {
            throw InputError(file: "config", line: 0, message: "unknown time zone \(config.timezone)")
        }
        self.config = config
        self.zone = zone
        self.calendar = BusinessCalendar(zone: zone, settings: config.calendar)
        self.asOf = asOf
    }

    /// `escalations.high_priority_wait` in milliseconds of wall-clock time.
    public var highPriorityWaitMillis: Int64 { config.highPriorityWait.wallClockSeconds * 1000 }
}
