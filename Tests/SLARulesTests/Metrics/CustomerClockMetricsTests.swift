import SLATestSupport
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLARules
@testable import SLATime

private typealias M = MetricsFixture

/// SPEC v2 section 3.0: each case judged on its organization's clock, its tier and the contract
/// in force at its creation. Every expectation is worked out by hand in the comments.
@Suite("Metrics: each customer's clock and contract")
struct CustomerClockMetricsTests {
    static let header = "case_id,org_id,created_at,severity,first_response_at"

    @Test("A tier override, and a contract changing the targets in the middle of the month")
    func tierAndContract() throws {
        // Report zone New York: the contract applies from the local date 2026-10-15.
        let config = try SLAConfig.parse(
            text: """
                timezone = "America/New_York"
                [tiers.premium.first_response]
                1 = { target = "30m", clock = "24x7" }
                [[contracts]]
                from = "2026-10-15"
                [contracts.targets.first_response]
                1 = { target = "2h", clock = "24x7" }
                [contracts.tiers.premium.first_response]
                1 = { target = "20m", clock = "24x7" }
                """)
        let f = try M(
            config: config,
            cases: """
                \(Self.header)
                A,P,2026-10-05T14:00:00Z,1,2026-10-05T14:25:00Z
                B,P,2026-10-20T14:00:00Z,1,2026-10-20T14:25:00Z
                C,S,2026-10-05T14:00:00Z,1,2026-10-05T15:30:00Z
                D,S,2026-10-20T14:00:00Z,1,2026-10-20T15:30:00Z
                E,X,2026-10-20T14:00:00Z,1,2026-10-20T15:30:00Z
                F,S,2026-10-15T02:00:00Z,1,2026-10-15T03:30:00Z
                """,
            organizations: """
                org_id,name,timezone,calendar,tier
                P,Premium Co,,,Premium
                S,Standard Co,,,
                """,
            asOf: "2026-10-31T00:00:00Z")
        // A: premium before the contract, 30m; 25 min -> met.
        #expect(try f.response("A").targetMillis == 30 * 60_000)
        #expect(try f.response("A").verdict == .met)
        // B: premium after the contract, 20m; 25 min -> breached.
        #expect(try f.response("B").targetMillis == 20 * 60_000)
        #expect(try f.response("B").verdict == .breached)
        // C: no tier, before the contract: the default 1h; 90 min -> breached.
        #expect(try f.response("C").verdict == .breached)
        // D: no tier, after: the contract's default 2h; 90 min -> met.
        #expect(try f.response("D").targetMillis == 2 * 3_600_000)
        #expect(try f.response("D").verdict == .met)
        // E: org X is not in organizations.csv: the defaults (after the contract, 2h) -> met.
        #expect(try f.response("E").verdict == .met)
        #expect(try f.response("E").tier == -1)
        // F: 2026-10-15T02:00Z is 2026-10-14 22:00 in New York: before the contract, 1h -> breached.
        #expect(try f.response("F").targetMillis == 3_600_000)
        #expect(try f.response("F").verdict == .breached)
        // One case (E) of an organization not in the file.
        #expect(f.data.unknownOrganizationCount == 1)

        // The tally per tier: premium severity 1 holds A (met) and B (breached).
        let t = f.run(f.october).tallies
        #expect(t.byTier.count == 1)
        #expect([t.byTier[0][0].cases, t.byTier[0][0].met, t.byTier[0][0].breached] == [2, 1, 1])
        // Per organization: P 2 cases (1 met, 1 breached); S 3 (D met; C, F breached); X 1 (met).
        let byOrg = Dictionary(
            uniqueKeysWithValues: t.byOrganization.map { (f.data.orgs.string($0.key), $0.value) })
        #expect(byOrg["P"].map { [$0.cases, $0.firstResponse.met, $0.firstResponse.breached] } == [2, 1, 1])
        #expect(byOrg["S"].map { [$0.cases, $0.firstResponse.met, $0.firstResponse.breached] } == [3, 1, 2])
        #expect(byOrg["X"].map { [$0.cases, $0.firstResponse.met, $0.firstResponse.breached] } == [1, 1, 0])
    }

    @Test("severity_basis highest: an upgrade before the first response judges the case at the new level")
    func highestSeverity() throws {
        let text = """
            [targets]
            severity_basis = "highest"
            """
        let cases = """
            \(Self.header)
            H,o,2026-10-05T09:00:00Z,3,2026-10-05T10:30:00Z
            L,o,2026-10-05T09:00:00Z,3,2026-10-05T09:20:00Z
            N,o,2026-10-05T09:00:00Z,3,
            """
        let events = """
            case_id,at,type,value,actor
            H,2026-10-05T09:30:00Z,severity,1,support
            L,2026-10-05T10:00:00Z,severity,1,support
            N,2026-10-06T09:00:00Z,severity,2,support
            N,2026-10-07T09:00:00Z,severity,3,support
            """
        let highest = try M(
            config: try SLAConfig.parse(text: text), cases: cases, events: events, asOf: "2026-10-08T00:00:00Z")
        // H: upgraded to 1 at 09:30, before the response at 10:30: judged severity 1, 1h on 24x7;
        // 90 min -> breached.
        #expect(try highest.response("H").severity == .s1)
        #expect(try highest.response("H").verdict == .breached)
        // L: answered at 09:20, upgraded at 10:00, after the stop: judged 3, 4h business; Monday
        // 09:00-09:20 is 20 min -> met.
        #expect(try highest.response("L").severity == .s3)
        #expect(try highest.response("L").verdict == .met)
        // N: never answered: the stop is as-of; the most severe it reached by then is 2 (Tue), so
        // 2h business from Mon 09:00 ran out Mon 11:00: breached, counted under severity 2.
        #expect(try highest.response("N").severity == .s2)
        #expect(try highest.response("N").verdict == .breached)
        // With the default basis, H is judged at creation: severity 3, 90 business min <= 4h -> met.
        let creation = try M(cases: cases, events: events, asOf: "2026-10-08T00:00:00Z")
        #expect(try creation.response("H").severity == .s3)
        #expect(try creation.response("H").verdict == .met)
    }

    @Test("A Sydney customer's severity-3 case across the April DST change")
    func sydneyAcrossDST() throws {
        let f = try M(
            cases: """
                \(Self.header)
                S,SYD,2026-04-03T04:00:00Z,3,2026-04-06T00:30:00Z
                U,UTC-ORG,2026-04-03T04:00:00Z,3,2026-04-06T00:30:00Z
                """,
            organizations: """
                org_id,timezone
                SYD,Australia/Sydney
                UTC-ORG,
                """,
            asOf: "2026-04-30T00:00:00Z")
        // S in Sydney, default calendar Mon-Fri 08:00-17:00: created Fri 2026-04-03 15:00 AEDT
        // (UTC+11); 15:00-17:00 Friday = 2h. DST ends Sun 04-05 03:00 AEDT -> 02:00 AEST (UTC+10).
        // Monday 08:00 AEST = 2026-04-05T22:00Z; the response at 2026-04-06T00:30Z is 10:30 AEST:
        // 2h30 more. 4h30 > 4h -> breached. The 4h ran out Monday 10:00 AEST = 2026-04-06T00:00Z.
        let s = try f.response("S")
        #expect(s.responseMillis == Int64(270 * 60_000))
        #expect(s.verdict == .breached)
        #expect(s.deadline == (try M.instant("2026-04-06T00:00:00Z")))
        // The same case in UTC: Fri 04:00Z is before 08:00: Friday 08:00-17:00 = 9h -> the 4h ran
        // out Friday 12:00Z; the response on Monday 00:30Z is before Monday's 08:00: 9h -> breached.
        let u = try f.response("U")
        #expect(u.responseMillis == Int64(9 * 3_600_000))
        #expect(u.deadline == (try M.instant("2026-04-03T12:00:00Z")))
        #expect(f.context.judging.clockNames[Int(s.clock)].zone == "Australia/Sydney")
        #expect(f.context.judging.clockNames[Int(u.clock)].zone == "UTC")
    }

    @Test("An RCA due on different days for two customers' calendars; rca-too-early on each")
    func rcaPerCalendar() throws {
        let config = try SLAConfig.parse(
            text: """
                [calendars.de]
                holidays = ["2026-10-07"]
                """)
        let f = try M(
            config: config,
            cases: """
                case_id,org_id,created_at,severity,platform_incident,service_restored_at,rca_delivered_at
                A,DE,2026-10-05T09:00:00Z,1,true,2026-10-05T10:00:00Z,2026-10-13T12:00:00Z
                B,GEN,2026-10-05T09:00:00Z,1,true,2026-10-05T10:00:00Z,2026-10-13T12:00:00Z
                """,
            escalations: """
                escalation_id,case_id,requested_at,reason
                XA,A,2026-10-13T06:00:00Z,rca_request
                XB,B,2026-10-13T06:00:00Z,rca_request
                """,
            organizations: """
                org_id,calendar
                DE,De
                GEN,
                """,
            asOf: "2026-10-31T00:00:00Z")
        // d0 = Mon 10-05 for both. B, default calendar: Tue 06 (1), Wed 07, Thu 08, Fri 09, Mon 12
        // (5) -> due end of Mon 10-12 = 10-13T00:00Z; delivered 10-13 12:00 -> late, 1 day (Tue 13).
        let b = try #require(try f.rca("B"))
        #expect(b.dueDate == M.day(2026, 10, 12))
        #expect(b.verdict == .late)
        #expect(b.businessDaysLate == 1)
        // A, calendar de with Wed 10-07 a holiday: Tue 06 (1), Thu 08 (2), Fri 09 (3), Mon 12 (4),
        // Tue 13 (5) -> due end of Tue 10-13 = 10-14T00:00Z; delivered before -> on time.
        let a = try #require(try f.rca("A"))
        #expect(a.dueDate == M.day(2026, 10, 13))
        #expect(a.verdict == .onTime)
        // The RCA escalations at 10-13 06:00Z: B's RCA was due (10-13T00:00Z) -> fine; A's not
        // until 10-14T00:00Z -> rca-too-early.
        let broken = f.brokenRules(in: f.october)
        #expect(broken["XA"] == ["rca-too-early"])
        #expect(broken["XB"] == [])
    }
}
