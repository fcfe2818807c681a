import SLATestSupport
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLARules
@testable import SLATime

@Suite("Decision audit")
struct DecisionAuditTests {
    /// E1 decided 2h after its request, E2 4h after, E3 stamped 1h BEFORE its request (a data
    /// problem), E4 rejected without decided_at, E5 pending.
    @Test("A decision stamped before its request is counted apart, not a negative time")
    func decidedBeforeRequest() throws {
        let fixture = try MetricsFixture(
            cases: """
                case_id,org_id,created_at,severity,priority
                C1,o,2026-10-01T08:00:00Z,3,medium
                C2,o,2026-10-01T08:00:00Z,3,medium
                C3,o,2026-10-01T08:00:00Z,3,medium
                C4,o,2026-10-01T08:00:00Z,3,medium
                C5,o,2026-10-01T08:00:00Z,3,medium
                """,
            escalations: """
                escalation_id,case_id,requested_at,reason,decision,decided_at
                E1,C1,2026-10-05T10:00:00Z,business_impact,approved,2026-10-05T12:00:00Z
                E2,C2,2026-10-05T10:00:00Z,business_impact,approved,2026-10-05T14:00:00Z
                E3,C3,2026-10-05T10:00:00Z,business_impact,rejected,2026-10-05T09:00:00Z
                E4,C4,2026-10-05T10:00:00Z,business_impact,rejected,
                E5,C5,2026-10-05T10:00:00Z,business_impact,pending,
                """,
            asOf: "2026-10-31T00:00:00Z")
        let tally = fixture.run(fixture.october).tallies.escalations
        #expect(tally.decidedBeforeRequest == 1)
        // Times of E1 and E2 only: 2h and 4h, in milliseconds.
        #expect(tally.decisionTimes.sorted() == [7_200_000, 14_400_000])
        #expect(tally.pendingDecision == 1)
        // All five are valid (medium priority, open cases, business impact): E3 and E4 are
        // rejections of valid escalations.
        #expect(tally.rejectedValid == 2)
    }
}
