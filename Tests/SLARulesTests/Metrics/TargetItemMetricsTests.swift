import SLATestSupport
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLARules
@testable import SLATime

private typealias M = MetricsFixture

/// SPEC v2 3.7-3.9: restoration, resolution and periodic update, worked out by hand. UTC,
/// Mon-Fri 08:00-17:00 unless said otherwise; 2026-10-05 is a Monday, 10-09 a Friday.
@Suite("Metrics: restoration, resolution and periodic update")
struct TargetItemMetricsTests {
    static let config = """
        [targets.restoration]
        1 = { target = "4h", clock = "24x7" }
        [targets.resolution]
        3 = { target = "1d", clock = "business" }
        [targets.update]
        3 = { target = "4h", clock = "business" }
        """
    static let header = "case_id,org_id,created_at,severity,first_response_at,resolved_at,closed_at"

    fileprivate func fixture(cases: String, events: String, asOf: String) throws -> M {
        try M(
            config: try SLAConfig.parse(text: Self.config), cases: "\(Self.header)\n\(cases)", events: events,
            asOf: asOf)
    }

    @Test("Resolution: paused twice by waiting_on_customer; reopened and resolved again; resolved then closed")
    func resolution() throws {
        let f = try fixture(
            cases: """
                R1,o,2026-10-05T09:00:00Z,3,,,
                R2,o,2026-10-05T09:00:00Z,3,,,
                R3,o,2026-10-05T09:00:00Z,3,,,2026-10-05T16:00:00Z
                R4,o,2026-10-05T09:00:00Z,3,,2026-10-05T13:00:00Z,2026-10-06T09:00:00Z
                """,
            events: """
                case_id,at,type,value,actor
                R1,2026-10-05T10:00:00Z,status,waiting_on_customer,support
                R1,2026-10-05T14:00:00Z,status,open,customer
                R1,2026-10-06T09:00:00Z,status,waiting_on_customer,support
                R1,2026-10-06T12:00:00Z,status,open,customer
                R1,2026-10-06T15:00:00Z,status,resolved,support
                R2,2026-10-05T11:00:00Z,status,resolved,support
                R2,2026-10-05T15:00:00Z,status,reopened,customer
                R2,2026-10-06T10:00:00Z,status,resolved,support
                R3,2026-10-05T12:00:00Z,status,resolved,support
                """,
            asOf: "2026-10-31T00:00:00Z")
        func item(_ id: String) throws -> TargetItem {
            try #require(f.context.targetItem(.resolution, try f.timeline(id)))
        }
        // R1: Mon 09-10 (1h), paused 10-14, Mon 14-17 (3h), Tue 08-09 (1h), paused 09-12, Tue
        // 12-15 (3h): 8h <= 1d = 9h -> met. The clock stops at the resolution at 8h, short of 9h:
        // no deadline.
        let r1 = try item("R1")
        #expect(r1.stop == (try M.instant("2026-10-06T15:00:00Z")))
        #expect(r1.millis == Int64(8 * 3_600_000))
        #expect(r1.verdict == .met)
        #expect(r1.deadline == nil)
        // R2: Mon 09-11 (2h), resolved 11-15 (stopped), Mon 15-17 (2h), Tue 08-10 (2h): the stop is
        // the last resolution, Tue 10:00: 6h -> met; reopened.
        let r2 = try item("R2")
        #expect(r2.stop == (try M.instant("2026-10-06T10:00:00Z")))
        #expect(r2.millis == Int64(6 * 3_600_000))
        #expect(r2.reopened)
        // R3: resolved Mon 12:00 then closed 16:00: one stop, at 12:00: 3h.
        let r3 = try item("R3")
        #expect(r3.stop == (try M.instant("2026-10-05T12:00:00Z")))
        #expect(r3.millis == Int64(3 * 3_600_000))
        #expect(!r3.reopened)
        // R4: the row's resolved_at (13:00) is a resolution, closed_at the next day: 4h.
        let r4 = try item("R4")
        #expect(r4.stop == (try M.instant("2026-10-05T13:00:00Z")))
        #expect(r4.millis == Int64(4 * 3_600_000))
    }

    @Test("Update: a gap across a weekend on the business clock; an unfinished gap past its deadline")
    func update() throws {
        let events = """
            case_id,at,type,value,actor
            U1,2026-10-12T09:00:00Z,update,,support
            U1,2026-10-12T11:00:00Z,status,resolved,support
            U2,2026-10-05T10:00:00Z,update,,support
            U2,2026-10-05T12:00:00Z,update,,customer
            """
        let cases = """
            U1,o,2026-10-09T09:00:00Z,3,2026-10-09T14:00:00Z,,
            U2,o,2026-10-05T09:00:00Z,3,2026-10-05T09:30:00Z,,
            """
        let f = try fixture(cases: cases, events: events, asOf: "2026-10-31T00:00:00Z")
        let midU2 = try fixture(cases: cases, events: events, asOf: "2026-10-06T12:00:00Z")
        // U1: first response Fri 14:00; support update Mon 09:00: Fri 14-17 (3h) + Mon 08-09 (1h) =
        // 4h, not over 4h; then Mon 09-11 (2h) to the resolution. Stopped, no gap over: met;
        // the longest gap 4h (67 hours on the wall clock).
        let u1 = try #require(f.context.targetItem(.update, try f.timeline("U1")))
        #expect(u1.start == (try M.instant("2026-10-09T14:00:00Z")))
        #expect(u1.millis == Int64(4 * 3_600_000))
        #expect(u1.verdict == .met)
        // U2: touches Mon 09:30 and 10:00 (the customer's update is not a touch); unfinished gap
        // from Mon 10:00: Mon 10-17 (7h) + Tue 08-12 (4h) = 11h at as-of; the 4h ran out Mon 14:00,
        // as-of is past it: breached.
        let u2 = try #require(midU2.context.targetItem(.update, try midU2.timeline("U2")))
        #expect(u2.millis == Int64(11 * 3_600_000))
        #expect(u2.deadline == (try M.instant("2026-10-05T14:00:00Z")))
        #expect(u2.verdict == .breached)
    }

    @Test("Restoration across the November DST change in New York: real elapsed time counts")
    func restorationAcrossDST() throws {
        let config = try SLAConfig.parse(text: "timezone = \"America/New_York\"\n" + Self.config)
        let f = try M(
            config: config,
            cases: """
                case_id,org_id,created_at,severity,platform_incident,service_restored_at
                P1,o,2026-11-01T05:30:00Z,1,true,2026-11-01T09:00:00Z
                P2,o,2026-11-01T05:30:00Z,1,true,2026-11-01T10:00:00Z
                N,o,2026-11-01T05:30:00Z,1,false,2026-11-01T06:00:00Z
                B,o,2026-11-01T05:30:00Z,1,true,2026-11-01T05:00:00Z
                """,
            asOf: "2026-11-30T00:00:00Z")
        // P1: 01:30 EDT to 04:00 EST (clocks fell back at 02:00 EDT = 06:00Z): 2h30 on the wall
        // clock, 3h30 elapsed <= 4h -> met; the 4h run out at 09:30Z.
        let p1 = try #require(f.context.targetItem(.restoration, try f.timeline("P1")))
        #expect(p1.millis == Int64(210 * 60_000))
        #expect(p1.verdict == .met)
        #expect(p1.deadline == (try M.instant("2026-11-01T09:30:00Z")))
        // P2: 3h30 on the wall clock but 4h30 elapsed -> breached.
        #expect(try f.context.targetItem(.restoration, try f.timeline("P2"))?.verdict == .breached)
        // Not a platform incident; restored before it was created: not in the population.
        #expect(try f.context.targetItem(.restoration, try f.timeline("N")) == nil)
        #expect(try f.context.targetItem(.restoration, try f.timeline("B")) == nil)
    }
}

/// SPEC v2 3.10: exclusions, worked out by hand.
@Suite("Metrics: exclusions")
struct ExclusionMetricsTests {
    @Test("An exclusion turns a breach into an excluded item; compliance and compliance_raw; unknown case")
    func exclusions() throws {
        let f = try MetricsFixture(
            config: try SLAConfig.parse(
                text: """
                    [targets.resolution]
                    3 = { target = "1d", clock = "business" }
                    """),
            cases: """
                case_id,org_id,created_at,severity,first_response_at,resolved_at
                A,o,2026-10-05T09:00:00Z,3,2026-10-05T09:30:00Z,2026-10-05T12:00:00Z
                B,o,2026-10-05T09:00:00Z,3,2026-10-05T12:00:00Z,2026-10-07T12:00:00Z
                C,o,2026-10-05T09:00:00Z,3,2026-10-05T10:00:00Z,2026-10-06T09:00:00Z
                """,
            exclusions: """
                case_id,target,reason,approved_by
                B,resolution,customer-requested maintenance window,Dana
                C,first_response,agreed in QBR,
                NOPE,all,a case that is not there,
                """,
            asOf: "2026-10-31T00:00:00Z")
        let t = f.run(f.october).tallies
        // Resolution, severity 3 (9h business): A 3h met; B Mon 09-17 (8h) + Tue 08-17 (9h) + Wed
        // 08-12 (4h) = 21h breached, but excluded; C Mon 09-17 (8h) + Tue 08-09 (1h) = 9h met.
        let r = t.targets[SLAConfig.TargetKind.resolution.index - 1][2]
        #expect([r.cases, r.met, r.breached, r.pending, r.excluded] == [3, 2, 0, 0, 1])
        #expect(r.compliance == 1.0)
        #expect(r.complianceRaw == 2.0 / 3.0)
        // First response (4h business): A 30m met, B 3h met, C 1h met but excluded.
        let fr = t.response[2]
        #expect([fr.cases, fr.met, fr.breached, fr.excluded] == [3, 2, 0, 1])
        #expect(fr.compliance == 1.0 && fr.complianceRaw == 1.0)
        // The exclusion of an unknown case is a finding, not a crash.
        #expect(f.data.unknownCaseCount == 1)
        #expect(f.data.exclusions.map(\.caseIndex) == [1, 2, -1])
        #expect(f.data.unknownCaseRows.first?.caseID == "NOPE")
    }
}

/// SPEC 3.6: data-quality findings count over the whole input, whatever the period or as-of.
@Suite("Metrics: negative-duration whatever as-of")
struct NegativeDurationAsOfTests {
    @Test("A first response before creation is a finding even when both are after as-of")
    func afterAsOf() throws {
        let f = try MetricsFixture(
            cases: """
                case_id,org_id,created_at,severity,first_response_at
                A,o,2026-10-05T09:00:00Z,3,2026-10-05T10:00:00Z
                N,o,2026-10-20T10:00:00Z,2,2026-10-20T09:00:00Z
                """,
            asOf: "2026-10-18T00:00:00Z")
        // N is created on 10-20, after as-of 10-18, and answered an hour before it was created.
        #expect(f.run(f.october).dataQuality.findings["negative-duration"] == 1)
    }
}
