import Foundation
import SLATestSupport
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLAReport
@testable import SLARules
@testable import SLATime

/// Explain on a split shift, worked out by hand: Berlin (CEST, UTC+2, in October), Mon-Fri
/// 08:00-12:00 and 13:00-17:00, Tuesday 2026-10-06 a half day worked 08:00-10:00; severity 3
/// (4h on the business clock).
@Suite("Explain: a split shift and a half day")
struct ExplainSplitShiftTests {
    static let config: SLAConfig = {
        var config = MetricsFixture.config(timezone: "Europe/Berlin")
        config.calendar = CalendarSettings(
            hours: [TimeRange(start: 8 * 3600, end: 12 * 3600), TimeRange(start: 13 * 3600, end: 17 * 3600)],
            workdays: [1, 2, 3, 4, 5],
            holidays: [
                Holiday(
                    date: MetricsFixture.day(2026, 10, 6), hours: [TimeRange(start: 8 * 3600, end: 10 * 3600)])
            ])
        return config
    }()

    let fixture: MetricsFixture

    init() throws {
        fixture = try MetricsFixture(
            config: Self.config,
            cases: """
                case_id,org_id,customer,created_at,severity,priority,channel,deployment,first_response_at
                C-1,ORG-1,Acme,2026-10-05T11:30:00+02:00,3,high,portal,commercial,2026-10-05T14:30:00+02:00
                C-2,ORG-1,Acme,2026-10-05T12:10:00+02:00,3,high,portal,commercial,2026-10-05T12:50:00+02:00
                C-3,ORG-1,Acme,2026-10-05T16:30:00+02:00,3,high,portal,commercial,2026-10-07T09:00:00+02:00

                """,
            asOf: "2026-10-09T12:00:00Z")
    }

    func t(_ text: String) throws -> Instant { try MetricsFixture.instant(text) }

    func explain(_ id: String) throws -> CaseExplanation {
        try CaseExplanation(caseID: id, data: fixture.data, context: fixture.context)
    }

    @Test("Both windows of a day are listed, each with its UTC times")
    func bothWindowsOfADay() throws {
        let x = try explain("C-1")
        // Mon 11:30-12:00 = 30m, 13:00-14:30 = 1h30m: 2h of the 4h target.
        #expect(
            x.firstResponse.days == [
                ClockDay(
                    date: MetricsFixture.day(2026, 10, 5),
                    kind: .counted(
                        [
                            try t("2026-10-05T09:30:00Z")..<t("2026-10-05T10:00:00Z"),
                            try t("2026-10-05T11:00:00Z")..<t("2026-10-05T12:30:00Z"),
                        ], millis: 120 * 60_000))
            ])
        #expect(x.firstResponse.item?.responseMillis == Int64(120 * 60_000))
        let text = ExplainText.render(x)
        #expect(text.contains("    Mon 2026-10-05  11:30–12:00 (09:30Z–10:00Z), 13:00–14:30 (11:00Z–12:30Z)  2h\n"))
        #expect(text.contains("    total 2h against the 4h target\n"))
    }

    @Test("A response in the lunch hour: neither window counts, and each says why")
    func lunchHour() throws {
        let x = try explain("C-2")
        let why =
            "working hours 08:00–12:00 ended before the case was created, 13:00–17:00 start after the response"
        #expect(x.firstResponse.days == [ClockDay(date: MetricsFixture.day(2026, 10, 5), kind: .outside(why))])
        #expect(x.firstResponse.item?.responseMillis == Int64(0))
        #expect(ExplainText.render(x).contains("    Mon 2026-10-05  0m: \(why)\n"))
    }

    @Test("A half day's window counts like any other")
    func halfDay() throws {
        let x = try explain("C-3")
        // Mon 16:30-17:00 = 30m; Tue, the half day, 08:00-10:00 = 2h; Wed 08:00-09:00 = 1h: 3h30m.
        let minute: Int64 = 60_000
        #expect(x.firstResponse.days.map(\.countedMillis) == [30 * minute, 120 * minute, 60 * minute])
        #expect(x.firstResponse.item?.responseMillis == 210 * minute)
        #expect(x.firstResponse.item?.verdict == .met)
        let text = ExplainText.render(x)
        #expect(text.contains("    Tue 2026-10-06  08:00–10:00 (06:00Z–08:00Z)  2h\n"))
    }
}
