import CSVStream
import Foundation
import TestSupport
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLARules
@testable import SLATime

/// Loads CSV text (through `TempFolder` and the real `Loader`) and evaluates the metrics on it.
///
/// Expected values in the metrics tests are worked out by hand from SPEC; expected instants are
/// written as RFC 3339 text and converted by `utcInstant`, which uses Foundation, not SLATime.
public struct MetricsFixture {
    public let data: Dataset
    public let context: MetricsContext
    public let timelines: Timelines

    public init(
        config: SLAConfig = .defaults, cases: String, events: String? = nil, escalations: String? = nil,
        organizations: String? = nil, exclusions: String? = nil, asOf: String? = nil
    ) throws {
        let folder = TempFolder()
        let inputs = InputFiles(
            cases: [folder.write("cases.csv", cases)],
            events: events.map { [folder.write("case_events.csv", $0)] } ?? [],
            escalations: escalations.map { [folder.write("escalations.csv", $0)] } ?? [],
            organizations: organizations.map { [folder.write("organizations.csv", $0)] } ?? [],
            exclusions: exclusions.map { [folder.write("exclusions.csv", $0)] } ?? [])
        let data = try Loader(config: config).load(inputs)
        // Every fixture row is meant to be valid: a rejection is a mistake in the test.
        #expect(data.rejections.map { "\($0.line) \($0.reason.rawValue) \($0.column)" } == [])
        #expect(data.unknownCaseCount == (exclusions == nil ? 0 : data.unknownCaseCount))
        let at = try asOf.map(MetricsFixture.instant) ?? #require(data.latestInstant)
        self.data = data
        self.context = MetricsContext(config: config, asOf: at, organizations: data.organizationBook)
        self.timelines = Timelines(data, asOf: at)
    }

    public func caseIndex(_ id: String) throws -> Int { Int(try #require(data.caseIDs.lookup(id))) }

    @_lifetime(borrow self)
    public func timeline(_ id: String) throws -> CaseTimeline { timelines.timeline(try caseIndex(id), in: data) }

    public func response(_ id: String) throws -> ResponseItem { context.responseItem(try timeline(id)) }

    public func rca(_ id: String) throws -> RCAItem? { context.rcaItem(try timeline(id)) }

    public func run(_ period: ReportPeriod) -> AnalysisResult { Analysis.run(data, context: context, period: period) }

    /// October 2026 in the configured zone.
    public var october: ReportPeriod { ReportPeriod.month(year: 2026, month: 10, zone: context.zone) }

    /// The escalation id of an item.
    public func escalationID(_ item: EscalationItem) -> String {
        data.escalationIDs.string(data.escalations[Int(item.escalationIndex)].id)
    }

    /// The rule codes each escalation of `period` broke, by escalation id.
    public func brokenRules(in period: ReportPeriod) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for item in run(period).escalationItems { out[escalationID(item)] = item.broken.map(\.rawValue) }
        return out
    }

    /// An instant from RFC 3339 text (`2026-10-09T22:00:00Z`, offsets and fractions allowed), via Foundation.
    public static func instant(_ text: String) throws -> Instant {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions =
            text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        let date = try #require(formatter.date(from: text), "bad test timestamp \(text)")
        return Instant(millis: Int64((date.timeIntervalSince1970 * 1000).rounded()))
    }

    /// The default configuration with another zone and calendar.
    public static func config(
        timezone: String = "UTC", workdays: Set<Int> = [1, 2, 3, 4, 5], hours: (Int, Int) = (8, 17),
        holidays: [CivilDate] = []
    ) -> SLAConfig {
        var config = SLAConfig.defaults
        guard let zone = TimeZoneRules(identifier: timezone) else { preconditionFailure("unknown zone \(timezone)") }
        config.zone = zone
        config.calendar = SLAConfig.CalendarSettings(
            workdays: workdays, workStart: hours.0 * 3600, workEnd: hours.1 * 3600, holidays: holidays)
        return config
    }

    public static func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d) }
}
