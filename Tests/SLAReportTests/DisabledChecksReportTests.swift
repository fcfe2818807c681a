import Foundation
import SLATestSupport
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLAReport
@testable import SLARules

/// `[checks] disabled` in every output, on `DisabledChecksFixture` with `fedramp-unassigned` and
/// `critical-not-by-phone` disabled (its comment has the arithmetic): the JSON leaves a disabled
/// rule out of `by_rule`, writes a disabled submission figure as null and names both lists; the
/// Markdown names them as disabled; the escalations CSV shows no disabled code; explain says
/// the rule was not applied.
@Suite("Report: disabled checks")
struct DisabledChecksReportTests {
    static let disabled = ["fedramp-unassigned", "critical-not-by-phone"]

    static func report(disabling codes: [String]) throws -> Report {
        let f = try DisabledChecksFixture.fixture(disabling: codes)
        return Report(f.run(f.october), data: f.data, context: f.context)
    }

    static func json(disabling codes: [String]) throws -> [String: Any] {
        let text = JSONRenderer.render(try report(disabling: codes))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("JSON: the disabled rules are left out of by_rule and named in escalations.disabled")
    func jsonEscalations() throws {
        let e = try #require(try Self.json(disabling: Self.disabled)["escalations"] as? [String: Any])
        let byRule = try #require(e["by_rule"] as? [String: Int])
        #expect(
            byRule == [
                "case-not-active": 0, "awaiting-customer": 0, "urgency-change": 0, "rca-too-early": 0,
                "low-priority": 1, "high-priority-too-soon": 0, "already-open": 0,
            ])
        #expect(e["disabled"] as? [String] == ["fedramp-unassigned", "critical-not-by-phone"])
        // EF and EC broke only disabled rules: valid. EB (low-priority) is the one invalid.
        #expect(e["total"] as? Int == 4)
        #expect(e["invalid"] as? Int == 1)
        #expect(e["invalid_rate"] as? Double == 0.25)
        let audit = try #require(e["decision_audit"] as? [String: Any])
        #expect(audit["approved_invalid"] as? Int == 1)
        #expect(audit["rejected_valid"] as? Int == 2)
    }

    @Test("JSON: a disabled submission check's figure is null, the other is counted")
    func jsonSubmissions() throws {
        let s = try #require(try Self.json(disabling: Self.disabled)["submissions"] as? [String: Any])
        #expect(s["critical_not_by_phone"] is NSNull)
        #expect(s["incomplete_submission"] as? Int == 1)
        #expect(s["disabled"] as? [String] == ["critical-not-by-phone"])
        let other = try #require(try Self.json(disabling: ["incomplete-submission"])["submissions"] as? [String: Any])
        #expect(other["critical_not_by_phone"] as? Int == 1)
        #expect(other["incomplete_submission"] is NSNull)
        #expect(other["disabled"] as? [String] == ["incomplete-submission"])
    }

    @Test("JSON: nothing disabled gives every rule in by_rule and empty lists")
    func jsonNothingDisabled() throws {
        let doc = try Self.json(disabling: [])
        let e = try #require(doc["escalations"] as? [String: Any])
        #expect((e["by_rule"] as? [String: Int])?.count == 9)
        #expect((e["by_rule"] as? [String: Int])?["fedramp-unassigned"] == 2)
        #expect((e["disabled"] as? [String])?.isEmpty == true)
        #expect((doc["submissions"] as? [String: Any])?["critical_not_by_phone"] as? Int == 1)
        #expect(((doc["submissions"] as? [String: Any])?["disabled"] as? [String])?.isEmpty == true)
    }

    @Test("Markdown: disabled rules have no row in the rule table and are named as disabled, not counted")
    func markdown() throws {
        let md = MarkdownRenderer.render(try Self.report(disabling: Self.disabled))
        #expect(!md.contains("| `fedramp-unassigned` |"))
        #expect(!md.contains("| `critical-not-by-phone` |"))
        #expect(md.contains("| `low-priority` | 1 |"))
        #expect(
            md.contains(
                "Disabled by the configuration (`[checks] disabled`), so not checked and not counted: "
                    + "`fedramp-unassigned` (FedRAMP cases can be escalated once assigned); `critical-not-by-phone` "
                    + "(Critical issues go to Product Support by phone). An escalation that breaks only disabled rules is valid."
            ))
        #expect(md.contains("4 escalations requested in the period; 1 broke at least one criterion (25%)."))
        #expect(md.contains("| Invalid escalations | 25% (1 of 4) | criteria of the escalation process (2 disabled) |"))
        #expect(
            md.contains(
                "5 cases opened; 1 portal submission missing the customer, organization or description.\n\n"
                    + "Disabled by the configuration (`[checks] disabled`), so not checked and not counted: "
                    + "`critical-not-by-phone`.\n"))
        let plain = MarkdownRenderer.render(try Self.report(disabling: []))
        #expect(!plain.contains("Disabled by the configuration"))
        #expect(plain.contains("| `fedramp-unassigned` | 2 |"))
    }

    @Test("Escalations CSV: no disabled code, and an escalation that broke only disabled rules is valid")
    func escalationsCSV() throws {
        let csv = String(
            decoding: try CSVRenderer.escalations(try Self.report(disabling: Self.disabled)), as: UTF8.self)
        #expect(!csv.contains("fedramp-unassigned"))
        #expect(!csv.contains("critical-not-by-phone"))
        let rows = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let validity = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { (String($0[0]), "\($0[8]) \($0[9])") })
        #expect(validity == ["EF": "yes ", "EB": "no low-priority", "EC": "yes ", "EV": "yes "])
    }

    @Test("Explain: a disabled rule is not applied, and the verdict says so")
    func explain() throws {
        let f = try DisabledChecksFixture.fixture(disabling: Self.disabled)
        let x = try CaseExplanation(caseID: "CB", data: f.data, context: f.context, period: f.october)
        let e = try #require(x.escalations.first)
        let outcomes = Dictionary(uniqueKeysWithValues: e.checks.map { ($0.rule, $0.outcome) })
        #expect(outcomes[.fedrampUnassigned] == .notApplied)
        #expect(outcomes[.criticalNotByPhone] == .notApplied)
        #expect(outcomes[.lowPriority] == .broken)
        #expect(e.checks.filter { $0.outcome == .notBroken }.count == 6)
        let text = ExplainText.render(x)
        #expect(
            text.contains("fedramp-unassigned      not applied: disabled by [checks] disabled in the configuration"))
        #expect(
            text.contains(
                "verdict: invalid — breaks low-priority (not applied: fedramp-unassigned critical-not-by-phone)"))
        let valid = ExplainText.render(try CaseExplanation(caseID: "CF", data: f.data, context: f.context))
        #expect(
            valid.contains("verdict: valid — no rule broken (not applied: fedramp-unassigned critical-not-by-phone)"))
    }
}
