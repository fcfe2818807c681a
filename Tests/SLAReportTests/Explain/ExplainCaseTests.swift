import Foundation
import SLATestSupport
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLAReport
@testable import SLARules
@testable import SLATime

/// A small case worked out by hand: Berlin, 08:00-17:00 Mon-Fri, holidays Sat 2026-10-03 and
/// Mon 2026-10-05; severity 3 (4h on the business clock), priority high.
@Suite("Explain: a case worked out by hand")
struct ExplainCaseTests {
    static let config = MetricsFixture.config(
        timezone: "Europe/Berlin", holidays: [MetricsFixture.day(2026, 10, 3), MetricsFixture.day(2026, 10, 5)])

    let fixture: MetricsFixture
    let explanation: CaseExplanation

    init() throws {
        fixture = try MetricsFixture(
            config: Self.config,
            cases: """
                case_id,org_id,customer,created_at,severity,priority,channel,deployment,first_response_at
                C-0001,ORG-1,Acme,2026-10-02T15:30:00+02:00,3,high,portal,commercial,2026-10-06T10:15:00+02:00
                C-0002,ORG-2,Other,2026-10-02T15:30:00+02:00,4,low,portal,commercial,

                """,
            events: """
                case_id,at,type,value,actor
                C-0001,2026-10-02T15:30:00+02:00,status,new,system
                C-0001,2026-10-05T12:00:00+02:00,update,"a comment
                over two lines",customer
                C-0001,2026-10-06T08:30:00+02:00,status,waiting_on_customer,support
                C-0001,2026-10-08T09:00:00+02:00,status,closed,support

                """,
            escalations: """
                escalation_id,case_id,requested_at,reason,channel,decision,decided_at
                E-1,C-0001,2026-10-06T09:00:00+02:00,business_impact,phone,approved,2026-10-06T10:00:00+02:00
                E-2,C-0001,2026-10-08T10:00:00+02:00,no_progress,phone,,

                """,
            asOf: "2026-10-07T12:00:00Z")
        explanation = try CaseExplanation(caseID: "C-0001", data: fixture.data, context: fixture.context)
    }

    func t(_ text: String) throws -> Instant { try MetricsFixture.instant(text) }

    @Test("Business-clock segments across a weekend and a holiday, with the exact minutes")
    func segments() throws {
        let f = explanation.firstResponse
        let d = MetricsFixture.day
        #expect(
            f.days == [
                ClockDay(
                    date: d(2026, 10, 2),
                    kind: .counted(
                        [try t("2026-10-02T13:30:00Z")..<t("2026-10-02T15:00:00Z")], millis: 90 * 60_000)),
                ClockDay(date: d(2026, 10, 3), kind: .skipped("holiday and weekend")),
                ClockDay(date: d(2026, 10, 4), kind: .skipped("weekend")),
                ClockDay(date: d(2026, 10, 5), kind: .skipped("holiday")),
                ClockDay(
                    date: d(2026, 10, 6),
                    kind: .counted(
                        [try t("2026-10-06T06:00:00Z")..<t("2026-10-06T08:15:00Z")], millis: 135 * 60_000)),
            ])
        // 1h30m on Friday + 2h15m on Tuesday = 3h45m of the 4h target: met, 15m to spare.
        let item = try #require(f.item)
        #expect(item.responseMillis == Int64(225 * 60_000))
        #expect(item.verdict == .met)
        // The last 2h30m of the target run from Tuesday 08:00: the deadline is 10:30 local.
        #expect(item.deadline == (try t("2026-10-06T10:30:00+02:00")))
        #expect(f.source == "first_response_at of the row: 2026-10-06T10:15:00+02:00 (2026-10-06T08:15:00Z)")
        let text = ExplainText.render(explanation)
        #expect(text.contains("    Fri 2026-10-02  15:30–17:00 (13:30Z–15:00Z)  1h 30m\n"))
        #expect(text.contains("    Sat 2026-10-03  skipped: holiday and weekend\n"))
        #expect(text.contains("    Mon 2026-10-05  skipped: holiday\n"))
        #expect(text.contains("    Tue 2026-10-06  08:00–10:15 (06:00Z–08:15Z)  2h 15m\n"))
        #expect(text.contains("    total 3h 45m against the 4h target\n"))
        #expect(
            text.contains(
                "  verdict: met — responded after 3h 45m on the business clock, within the 4h target on the "
                    + "business clock with 15m to spare\n"))
    }

    @Test("Rules broken with their reasons; the decision audit")
    func rules() throws {
        let e = try #require(explanation.escalations.first)
        #expect(e.id == "E-1")
        let checks = Dictionary(uniqueKeysWithValues: e.checks.map { ($0.rule, $0) })
        #expect(checks[.awaitingCustomer]?.facts == "status at request: waiting_on_customer")
        #expect(checks[.awaitingCustomer]?.broken == true)
        #expect(
            checks[.highPriorityTooSoon]?.facts
                == "priority high, last update 2026-10-06T08:30:00+02:00 (2026-10-06T06:30:00Z) "
                + "(\(fixture.data.files[1].path):5), 30m before the request < 24h")
        #expect(checks[.highPriorityTooSoon]?.broken == true)
        #expect(checks[.criticalNotByPhone]?.facts == "severity 3, priority high: not critical")
        #expect(e.checks.filter(\.broken).map(\.rule) == [.awaitingCustomer, .highPriorityTooSoon])
        #expect(e.audit == "approved although invalid (decision audit: approved_invalid); decided 1h after the request")
        let text = ExplainText.render(explanation)
        #expect(text.contains("    awaiting-customer       status at request: waiting_on_customer → broken\n"))
        #expect(text.contains("    verdict: invalid — breaks awaiting-customer high-priority-too-soon\n"))
        // E-2 is requested after as-of.
        #expect(explanation.escalations.count == 2)
        #expect(explanation.escalations[1].item == nil)
    }

    @Test("Timeline: a tie at created_at, and an event after as-of listed apart")
    func timeline() throws {
        let entries = explanation.timeline
        // created_at (open) loses to the status event at the same instant (new), so both entries
        // of that instant show new, the state after it; a comment; then waiting on the customer
        // from Tuesday 08:30; the row's first_response_at changes nothing.
        #expect(entries.map(\.status) == [.new, .new, .new, .waitingOnCustomer, .waitingOnCustomer])
        #expect(entries[0].note?.contains("its status is overridden at the same instant by") == true)
        // The comment spans two lines: the next event's line is 5, though it is the third data row.
        #expect(entries[3].origin == .event(file: fixture.data.files[1].path, line: 5, row: 3))
        #expect(entries[0].origin == .row(column: "created_at"))
        #expect(entries[1].note?.contains("tie on status with row created_at (open): this one wins") == true)
        #expect(explanation.notYetHappened.map(\.what) == ["status → closed by support"])
        let text = ExplainText.render(explanation)
        #expect(text.contains("Not happened yet at as-of"))
        #expect(text.contains("2026-10-08T09:00:00+02:00 (2026-10-08T07:00:00Z)  status → closed by support"))
    }

    @Test("No response: the segments up to the deadline, and breached once as-of passes it")
    func unanswered() throws {
        // Severity 4: 1d = 9h on the business clock. From Fri 15:30: 1h30m on Friday, then 7h30m
        // from Tuesday 08:00: the target runs out Tue 15:30 local, before as-of (Wed 14:00 local).
        let x = try CaseExplanation(caseID: "C-0002", data: fixture.data, context: fixture.context)
        let f = x.firstResponse
        #expect(f.days.map(\.countedMillis) == [90 * 60_000, 0, 0, 0, 450 * 60_000])
        #expect(f.item?.verdict == .breached)
        #expect(f.item?.deadline == (try t("2026-10-06T15:30:00+02:00")))
        #expect(f.source == "none by as-of: no first_response_at, no first_response event, no update by support")
        let text = ExplainText.render(x)
        #expect(text.contains("    the 1d (9h) target runs out 2026-10-06T15:30:00+02:00 (2026-10-06T13:30:00Z)\n"))
        #expect(text.contains("  verdict: breached — no first response by as-of, and as-of is past the deadline"))
    }
}
