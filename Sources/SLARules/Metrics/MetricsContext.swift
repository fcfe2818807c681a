import SLAConfig
import SLAModel
import SLATime

/// What every metric needs besides the data: configuration, the clocks and targets that judge
/// each case, and the as-of instant.
public struct MetricsContext: Sendable {
    public let config: SLAConfig
    /// The report's time zone: periods, months and contract dates are in it.
    public let zone: TimeZoneRules
    /// `[calendar]` in the report's zone: the clock of a case without an organization.
    public private(set) var calendar: BusinessCalendar
    /// Which clock and which targets judge each case (SPEC 3.0).
    public private(set) var judging: Judging
    /// Anything stamped after this has not happened yet (SPEC section 2).
    public let asOf: Instant

    public init(config: SLAConfig, asOf: Instant, organizations book: OrganizationBook = OrganizationBook()) {
        let zone = config.zone
        self.config = config
        self.zone = zone
        // The windows of the 13 months before as-of and half a year after, worked out once per
        // clock: the days that cases of a report's period and its 12-month trend, and their
        // deadlines, fall on when the period ends near as-of. Other days are worked out as they
        // are asked for. (A customer base over 20 zones has about a hundred clocks: four years
        // of windows each cost 0.15 G instructions.)
        let today = zone.localDateTime(of: asOf).date
        judging = Judging(
            config: config, organizations: book, days: today.adding(days: -400)...today.adding(days: 183))
        calendar = judging.clocks[0]
        self.asOf = asOf
    }

    /// This context with clocks of its own (the same calendars, other objects): each thread of a
    /// pass takes one, so that the reference counts the clocks' every use touches are not one
    /// cache line that both cores pull back and forth, a million times per case kind.
    public func withOwnClocks() -> MetricsContext {
        var copy = self
        copy.judging = judging.withOwnClocks()
        copy.calendar = copy.judging.clocks[0]
        return copy
    }

    /// `escalations.high_priority_wait` in milliseconds of wall-clock time.
    public var highPriorityWaitMillis: Int64 { config.highPriorityWait.wallClockSeconds * 1000 }
}
