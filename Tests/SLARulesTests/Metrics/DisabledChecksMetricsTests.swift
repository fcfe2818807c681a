import SLATestSupport
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLARules
@testable import SLATime

/// `[checks] disabled` in the rules and tallies, on `DisabledChecksFixture` (its comment has the
/// arithmetic): a disabled rule is not evaluated, and an escalation that breaks only disabled
/// rules is valid.
@Suite("Metrics: disabled checks")
struct DisabledChecksMetricsTests {
    static let disabled = ["fedramp-unassigned", "critical-not-by-phone"]

    @Test("With every rule applied, the fixture breaks what its table says")
    func everyRuleApplied() throws {
        let f = try DisabledChecksFixture.fixture(disabling: [])
        #expect(
            f.brokenRules(in: f.october) == [
                "EF": ["fedramp-unassigned"], "EB": ["low-priority", "fedramp-unassigned"],
                "EC": ["critical-not-by-phone"], "EV": [],
            ])
        let t = f.run(f.october).tallies
        #expect((t.escalations.total, t.escalations.invalid) == (4, 3))
        #expect((t.escalations.approvedInvalid, t.escalations.rejectedValid) == (2, 1))
        #expect(
            (t.submissions.cases, t.submissions.criticalNotByPhone, t.submissions.incompleteSubmission) == (5, 1, 1))
    }

    @Test("A disabled rule is broken by no escalation; one that broke only disabled rules is valid")
    func disabledRulesLeftOut() throws {
        let f = try DisabledChecksFixture.fixture(disabling: Self.disabled)
        #expect(f.brokenRules(in: f.october) == ["EF": [], "EB": ["low-priority"], "EC": [], "EV": []])
        let valid = Dictionary(
            uniqueKeysWithValues: f.run(f.october).escalationItems.map { (f.escalationID($0), !$0.isInvalid) })
        #expect(valid == ["EF": true, "EB": false, "EC": true, "EV": true])
    }

    @Test("The tallies: invalid, by rule, the decision audit and the groups follow")
    func tallies() throws {
        let f = try DisabledChecksFixture.fixture(disabling: Self.disabled)
        let e = f.run(f.october).tallies.escalations
        #expect((e.total, e.invalid) == (4, 1))
        #expect(e.count(.lowPriority) == 1)
        #expect(e.count(.fedrampUnassigned) == 0)
        #expect(e.count(.criticalNotByPhone) == 0)
        // EB approved and invalid; EC and EV rejected and valid.
        #expect((e.approvedInvalid, e.rejectedValid) == (1, 2))
        // By group: fedramp EF (now valid) and EB; by email only EC (now valid).
        #expect(e.byDeployment["fedramp"]?.total == 2)
        #expect(e.byDeployment["fedramp"]?.invalid == 1)
        #expect(e.byChannel["email"]?.total == 1)
        #expect(e.byChannel["email"]?.invalid == 0)
    }

    @Test("outcome(of:) is notApplied for a disabled rule, whatever the facts")
    func outcome() throws {
        let f = try DisabledChecksFixture.fixture(disabling: Self.disabled)
        let e = try #require(f.data.escalations.first { f.data.escalationIDs.string($0.id) == "EB" })
        let facts = f.context.escalationFacts(e, case: try f.timeline("CB"), earlier: [])
        #expect(EscalationRule.fedrampUnassigned.isBroken(by: facts))
        #expect(f.context.outcome(of: .fedrampUnassigned, facts) == .notApplied)
        #expect(f.context.outcome(of: .lowPriority, facts) == .broken)
        #expect(f.context.outcome(of: .caseNotActive, facts) == .notBroken)
        #expect(!f.context.applies(EscalationRule.criticalNotByPhone))
        #expect(!f.context.applies(SubmissionCheck.criticalNotByPhone))
        #expect(f.context.applies(SubmissionCheck.incompleteSubmission))
    }

    @Test("A disabled submission check counts nothing; the other still counts")
    func submissions() throws {
        let both = try DisabledChecksFixture.fixture(disabling: Self.disabled)
        let counted = both.run(both.october).tallies.submissions
        #expect((counted.cases, counted.criticalNotByPhone, counted.incompleteSubmission) == (5, 0, 1))
        let incomplete = try DisabledChecksFixture.fixture(disabling: ["incomplete-submission"])
        let s = incomplete.run(incomplete.october).tallies.submissions
        #expect((s.cases, s.criticalNotByPhone, s.incompleteSubmission) == (5, 1, 0))
        // incomplete-submission is no escalation rule: every rule is still applied.
        #expect(incomplete.brokenRules(in: incomplete.october)["EC"] == ["critical-not-by-phone"])
    }
}
