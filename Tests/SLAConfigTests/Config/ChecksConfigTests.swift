import Testing

@testable import SLAConfig
@testable import SLAModel

/// `[checks] disabled` (SPEC section 4, v2): which codes it takes and what each disables. Its
/// errors are in `ConfigErrorTests`.
@Suite("Configuration: [checks] disabled")
struct ChecksConfigTests {
    func disabled(_ list: String) throws -> SLAConfig.DisabledChecks {
        try SLAConfig.parse(text: "[checks]\ndisabled = \(list)\n").disabledChecks
    }

    @Test("Nothing is disabled by default, nor by an empty list or an empty [checks]")
    func nothingByDefault() throws {
        #expect(SLAConfig.defaults.disabledChecks.isEmpty)
        #expect(try disabled("[]").isEmpty)
        #expect(try SLAConfig.parse(text: "[checks]\n").disabledChecks.isEmpty)
        for rule in EscalationRule.allCases { #expect(!SLAConfig.defaults.disabledChecks.disables(rule)) }
        for check in SubmissionCheck.allCases { #expect(!SLAConfig.defaults.disabledChecks.disables(check)) }
    }

    @Test("A rule code disables that rule only; a submission check that check only")
    func oneEach() throws {
        let checks = try disabled("[\"fedramp-unassigned\", \"incomplete-submission\"]")
        #expect(EscalationRule.allCases.filter(checks.disables) == [.fedrampUnassigned])
        #expect(SubmissionCheck.allCases.filter(checks.disables) == [.incompleteSubmission])
    }

    @Test("critical-not-by-phone is a rule and a submission check: both are disabled (SPEC 4)")
    func criticalNotByPhoneIsBoth() throws {
        let checks = try disabled("[\"critical-not-by-phone\"]")
        #expect(EscalationRule.allCases.filter(checks.disables) == [.criticalNotByPhone])
        #expect(SubmissionCheck.allCases.filter(checks.disables) == [.criticalNotByPhone])
    }

    @Test("Codes are read trimmed, in any case, with _ or a space for -; a repeat is harmless")
    func spellings() throws {
        let checks = try disabled("[\" Low_Priority \", \"ALREADY OPEN\", \"low-priority\", \"no_backup_contact\"]")
        #expect(EscalationRule.allCases.filter(checks.disables) == [.lowPriority, .alreadyOpen])
        #expect(SubmissionCheck.allCases.filter(checks.disables) == [.noBackupContact])
    }

    @Test("Every code SPEC names is accepted: nine rules, then the three other submission checks")
    func everyCode() throws {
        #expect(
            SLAConfig.DisabledChecks.codes == [
                "case-not-active", "awaiting-customer", "urgency-change", "rca-too-early", "low-priority",
                "high-priority-too-soon", "already-open", "fedramp-unassigned", "critical-not-by-phone",
                "incomplete-submission", "undesignated-contact", "no-backup-contact",
            ])
        let all = try disabled("[" + SLAConfig.DisabledChecks.codes.map { "\"\($0)\"" }.joined(separator: ", ") + "]")
        for rule in EscalationRule.allCases { #expect(all.disables(rule)) }
        for check in SubmissionCheck.allCases { #expect(all.disables(check)) }
    }

    @Test("Each rule's and check's position is its place in SPEC order (its bit)")
    func positions() {
        #expect(EscalationRule.allCases.map(\.position) == Array(0..<9))
        #expect(SubmissionCheck.allCases.map(\.position) == Array(0..<4))
    }

    @Test("`slacheck config` shows the key with every code")
    func defaultFile() {
        let text = SLAConfig.defaultFileText
        #expect(text.contains("[checks]\ndisabled = []"))
        for code in SLAConfig.DisabledChecks.codes { #expect(text.contains(code), "\(code) is not listed") }
    }
}
