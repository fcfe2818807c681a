import SLATestSupport
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLARules
@testable import SLATime

private typealias M = MetricsFixture

/// SPEC 3.3: each rule firing alone, three at once, and the controls that must not fire.
///
/// UTC, default calendar. Unless a row says otherwise a case is created Mon 2026-10-05 09:00Z,
/// severity 2, priority medium, commercial, open, unassigned; an escalation is requested
/// Wed 2026-10-07 10:00Z by phone for business_impact, with no decision and not closed.
@Suite("Metrics: escalation rules")
struct EscalationRuleMetricsTests {
    static let cases = """
        case_id,org_id,created_at,severity,priority,deployment,assigned_at,closed_at,service_restored_at
        CV,o1,2026-10-05T09:00:00Z,2,medium,commercial,,,
        CCL,o1,2026-10-05T09:00:00Z,2,medium,commercial,,2026-10-06T12:00:00Z,
        CWC,o1,2026-10-05T09:00:00Z,2,medium,commercial,,,
        CUC,o1,2026-10-05T09:00:00Z,2,medium,commercial,,,
        CIC,o1,2026-10-05T09:00:00Z,2,medium,commercial,,,
        CRC,o1,2026-10-05T09:00:00Z,2,medium,commercial,,,2026-10-05T12:00:00Z
        CRN,o1,2026-10-05T09:00:00Z,2,medium,commercial,,,
        CRK,o1,2026-10-05T09:00:00Z,2,medium,commercial,,,2026-10-05T12:00:00Z
        CLO,o1,2026-10-05T09:00:00Z,2,low,commercial,,,
        CHI,o1,2026-10-05T09:00:00Z,2,high,commercial,,,
        CHK,o1,2026-10-05T09:00:00Z,2,high,commercial,,,
        CAO,o1,2026-10-05T09:00:00Z,2,medium,commercial,,,
        CFR,o2,2026-10-05T09:00:00Z,2,medium,fedramp,,,
        CFK,o2,2026-10-05T09:00:00Z,2,medium,fedramp,2026-10-06T09:00:00Z,,
        CCR,o1,2026-10-05T09:00:00Z,2,critical,commercial,,,
        CS1,o1,2026-10-05T09:00:00Z,1,medium,commercial,,,
        CCK,o1,2026-10-05T09:00:00Z,1,critical,commercial,,,
        C3X,o2,2026-10-05T09:00:00Z,2,low,fedramp,,,
        CAR,o1,2026-10-05T09:00:00Z,2,medium,commercial,,,
        CAC,o1,2026-10-05T09:00:00Z,2,medium,commercial,,,
        CAN,o1,2026-10-05T09:00:00Z,2,medium,commercial,,,
        CAD,o1,2026-10-05T09:00:00Z,2,medium,commercial,,,
        CAS,o1,2026-10-05T09:00:00Z,2,medium,commercial,,,
        """

    static let events = """
        case_id,at,type,value,actor
        CWC,2026-10-06T09:00:00Z,status,waiting_on_customer,support
        CHI,2026-10-07T08:00:00Z,update,,support
        """

    static let escalations = """
        escalation_id,case_id,requested_at,reason,channel,decision,decided_at,closed_at
        EV,CV,2026-10-07T10:00:00Z,business_impact,phone,,,
        ECL,CCL,2026-10-07T10:00:00Z,business_impact,phone,,,
        EWC,CWC,2026-10-07T10:00:00Z,business_impact,phone,,,
        EUC,CUC,2026-10-07T10:00:00Z,urgency_change,phone,,,
        EIC,CIC,2026-10-07T10:00:00Z,impact_change,phone,,,
        ERC,CRC,2026-10-12T10:00:00Z,rca_request,phone,,,
        ERN,CRN,2026-10-12T10:00:00Z,rca_request,phone,,,
        ERK,CRK,2026-10-13T00:00:00Z,rca_request,phone,,,
        ELO,CLO,2026-10-07T10:00:00Z,business_impact,phone,,,
        EHI,CHI,2026-10-07T10:00:00Z,business_impact,phone,,,
        EHK,CHK,2026-10-06T09:00:00Z,business_impact,phone,,,
        EA1,CAO,2026-10-06T10:00:00Z,business_impact,phone,,,
        EA2,CAO,2026-10-07T10:00:00Z,no_progress,phone,,,
        EFR,CFR,2026-10-07T10:00:00Z,business_impact,phone,,,
        EFK,CFK,2026-10-07T10:00:00Z,business_impact,phone,,,
        ECR,CCR,2026-10-07T10:00:00Z,business_impact,email,,,
        ES1,CS1,2026-10-07T10:00:00Z,business_impact,chat,,,
        ECK,CCK,2026-10-07T10:00:00Z,business_impact,,,,
        E3X,C3X,2026-10-07T10:00:00Z,impact_change,phone,,,
        EB1,CAR,2026-10-06T10:00:00Z,business_impact,phone,rejected,2026-10-06T12:00:00Z,
        EB2,CAR,2026-10-07T10:00:00Z,business_impact,phone,,,
        EC1,CAC,2026-10-06T10:00:00Z,business_impact,phone,approved,2026-10-06T11:00:00Z,2026-10-06T18:00:00Z
        EC2,CAC,2026-10-07T10:00:00Z,business_impact,phone,,,
        ED1,CAN,2026-10-06T10:00:00Z,business_impact,phone,rejected,,
        ED2,CAN,2026-10-07T10:00:00Z,business_impact,phone,,,
        EE1,CAD,2026-10-06T10:00:00Z,business_impact,phone,rejected,2026-10-08T10:00:00Z,
        EE2,CAD,2026-10-07T10:00:00Z,business_impact,phone,,,
        EF2,CAS,2026-10-07T10:00:00Z,business_impact,phone,,,
        EF1,CAS,2026-10-07T10:00:00Z,business_impact,phone,,,
        """

    static func fixture() throws -> MetricsFixture {
        try M(cases: cases, events: events, escalations: escalations, asOf: "2026-10-31T00:00:00Z")
    }

    /// Escalation id, the one rule it must break (and no other), and why by hand.
    static let alone: [(id: String, rule: String)] = [
        // Case closed 10-06 12:00 (row), requested 10-07: status closed.
        ("ECL", "case-not-active"),
        // Status event waiting_on_customer at 10-06 09:00 is the latest at 10-07 10:00.
        ("EWC", "awaiting-customer"),
        ("EUC", "urgency-change"),
        ("EIC", "urgency-change"),  // impact_change falls under the same rule
        // Restored Mon 10-05 12:00: due end of Mon 10-12 (Tue 06 .. Mon 12 = 5 working days);
        // requested Mon 10-12 10:00, not yet due.
        ("ERC", "rca-too-early"),
        // rca_request and service never restored.
        ("ERN", "rca-too-early"),
        ("ELO", "low-priority"),
        // Priority high; last update is the support update at 10-07 08:00, 2 h < 24 h before 10:00.
        ("EHI", "high-priority-too-soon"),
        // EA1 (10-06 10:00) has no decision and no closed_at: still open at 10-07 10:00.
        ("EA2", "already-open"),
        // FedRAMP, no assigned_at and no assigned event.
        ("EFR", "fedramp-unassigned"),
        // Priority critical, channel email (known, not phone).
        ("ECR", "critical-not-by-phone"),
        // Severity 1 (priority medium), channel chat.
        ("ES1", "critical-not-by-phone"),
        // Rejected at 10-08 10:00, after EE2's request at 10-07 10:00: still open then.
        ("EE2", "already-open"),
        // Same instant as EF2, which is earlier in the file and open: EF1 breaks it.
        ("EF1", "already-open"),
    ]

    @Test("Each rule fires alone", arguments: EscalationRuleMetricsTests.alone.map(\.id))
    func ruleAlone(_ id: String) throws {
        let rule = try #require(Self.alone.first { $0.id == id }?.rule)
        let broken = try Self.fixture().brokenRules(in: MetricsFixture.october2026UTC)
        #expect(broken[id] == [rule])
    }

    /// Escalations that break nothing, and why by hand.
    static let valid: [String] = [
        "EV",  // the baseline
        // rca_request at 2026-10-13T00:00Z, exactly the due instant of a 10-05 12:00 restore:
        // the RCA is due then, so it is not "not yet due".
        "ERK",
        // Priority high, no events: last update = created_at 10-05 09:00; requested 10-06 09:00:
        // exactly 24 h, not less than 24 h.
        "EHK",
        // The first of a case's escalations: nothing earlier.
        "EA1", "EB1", "EC1", "ED1", "EE1", "EF2",
        // EB1 rejected at 10-06 12:00 (before 10-07 10:00): no longer open.
        "EB2",
        // EC1 closed at 10-06 18:00: no longer open.
        "EC2",
        // ED1 rejected without decided_at: counts from its request, 10-06 10:00.
        "ED2",
        // FedRAMP but assigned at 10-06 09:00, before the request.
        "EFK",
        // Severity 1 and critical, but the channel is unknown: the rule needs a known channel.
        "ECK",
    ]

    @Test("Escalations that break no rule", arguments: EscalationRuleMetricsTests.valid)
    func noRule(_ id: String) throws {
        let broken = try Self.fixture().brokenRules(in: MetricsFixture.october2026UTC)
        #expect(broken[id] == [])
    }

    @Test("One escalation breaking three rules reports all three")
    func threeAtOnce() throws {
        let f = try Self.fixture()
        // E3X: reason impact_change (urgency-change), case priority low (low-priority), FedRAMP
        // and never assigned (fedramp-unassigned); in SPEC's table order.
        #expect(
            f.brokenRules(in: MetricsFixture.october2026UTC)["E3X"] == [
                "urgency-change", "low-priority", "fedramp-unassigned",
            ])
    }

    @Test("The tally counts every broken rule of every escalation")
    func tally() throws {
        let f = try Self.fixture()
        let t = f.run(MetricsFixture.october2026UTC).tallies.escalations
        // 29 escalation rows, all requested in October.
        #expect(t.total == 29)
        // Invalid: ECL EWC EUC EIC ERC ERN ELO EHI EA2 EFR ECR ES1 EE2 EF1 E3X = 15.
        #expect(t.invalid == 15)
        #expect(t.count(.caseNotActive) == 1)  // ECL
        #expect(t.count(.awaitingCustomer) == 1)  // EWC
        #expect(t.count(.urgencyChange) == 3)  // EUC EIC E3X
        #expect(t.count(.rcaTooEarly) == 2)  // ERC ERN
        #expect(t.count(.lowPriority) == 2)  // ELO E3X
        #expect(t.count(.highPriorityTooSoon) == 1)  // EHI
        #expect(t.count(.alreadyOpen) == 3)  // EA2 EE2 EF1
        #expect(t.count(.fedrampUnassigned) == 2)  // EFR E3X
        #expect(t.count(.criticalNotByPhone) == 2)  // ECR ES1
        // By deployment: fedramp = EFR, EFK, E3X -> 3 total, 2 invalid.
        #expect(t.byDeployment["fedramp"] == EscalationTally.Group(total: 3, invalid: 2))
        // Decision audit: decided EB1 (rejected, valid), EC1 (approved, valid), ED1 (rejected, valid),
        // EE1 (rejected, valid) -> rejected although valid = 3, approved although invalid = 0;
        // pending (decision empty) = 29 - 4 = 25.
        #expect(t.rejectedValid == 3)
        #expect(t.approvedInvalid == 0)
        #expect(t.pendingDecision == 25)
    }
}

extension MetricsFixture {
    static let october2026UTC = ReportPeriod.month(year: 2026, month: 10, zone: .utc)
}
