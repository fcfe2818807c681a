import SLATestSupport
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLARules
@testable import SLATime

private typealias M = MetricsFixture

/// SPEC 3.1: response time per severity, on the severity's clock. Every expectation is
/// worked out by hand from SPEC; the arithmetic is in the comment beside it.
@Suite("Metrics: response times")
struct ResponseTimeMetricsTests {
    // MARK: 1. The business clock over a weekend

    @Test("Business clock: Fri 16:55 to Mon 08:10 in Europe/Berlin is 15 business minutes, met")
    func businessClockOverWeekend() throws {
        // 2026-10-02 is a Friday (SPEC 3.2), so 2026-10-09 is a Friday and 2026-10-12 a Monday.
        // Berlin is on CEST (+02:00) until 2026-10-25. Timestamps without offset are Berlin time.
        let f = try M(
            config: M.config(timezone: "Europe/Berlin"),
            cases: """
                case_id,org_id,created_at,severity,first_response_at
                W1,o1,2026-10-09 16:55:00,2,2026-10-12 08:10:00
                """,
            asOf: "2026-10-31T00:00:00Z")
        let item = try f.response("W1")
        #expect(item.createdAt == (try M.instant("2026-10-09T14:55:00Z")))  // 16:55 CEST = 14:55Z
        #expect(item.firstResponse == (try M.instant("2026-10-12T06:10:00Z")))  // 08:10 CEST = 06:10Z
        #expect(item.severity == .s2)
        // Fri 16:55-17:00 = 5 min; Sat, Sun not workdays; Mon 08:00-08:10 = 10 min; 15 min = 900 s.
        #expect(item.responseMillis == 900_000)
        // 900 s <= 2h = 7200 s of business time.
        #expect(item.verdict == .met)
        // Deadline: 5 min used on Friday, 115 min left from Mon 08:00 -> Mon 09:55 CEST = 07:55Z.
        #expect(item.deadline == (try M.instant("2026-10-12T07:55:00Z")))

        let tally = f.run(f.october).tallies.response[1]  // severity 2
        #expect(tally.cases == 1)
        #expect(tally.met == 1)
        #expect(tally.breached == 0)
        #expect(tally.compliance == 1.0)  // 1 / (1 + 0)
        #expect(tally.stats?.p50 == 900_000)
    }

    // MARK: 2. DST switches in America/New_York

    @Test("Across the March and November 2026 switches, default calendar: business and 24x7 seconds")
    func dstWithDefaultCalendar() throws {
        // New York: EST (-05:00) until Sun 2026-03-08 02:00 -> EDT (-04:00); back to EST on
        // Sun 2026-11-01 02:00 EDT. 2026-03-06 and 2026-10-30 are Fridays.
        let f = try M(
            config: M.config(timezone: "America/New_York"),
            cases: """
                case_id,org_id,created_at,severity,first_response_at
                M2,o,2026-03-06 16:00:00,2,2026-03-09 08:30:00
                M1,o,2026-03-06 16:00:00,1,2026-03-09 08:30:00
                N2,o,2026-10-30 16:30:00,2,2026-11-02 08:45:00
                N1,o,2026-10-30 16:30:00,1,2026-11-02 08:45:00
                L4,o,2026-03-02 08:00:00,4,2026-03-20 17:00:00
                K4,o,2026-10-26 08:00:00,4,2026-11-06 17:00:00
                """,
            asOf: "2026-12-01T00:00:00Z")

        // M2: Fri 16:00-17:00 EST = 3600 s, Mon 08:00-08:30 EDT = 1800 s -> 5400 s; <= 7200 -> met.
        let m2 = try f.response("M2")
        #expect(m2.responseMillis == 5_400_000)
        #expect(m2.verdict == .met)
        // M1 (24x7): Fri 16:00 EST = 21:00Z to Mon 08:30 EDT = 12:30Z:
        // 48 h (to Sun 21:00Z) + 15.5 h = 63.5 h = 228 600 s (the wall clock shows 64.5 h; one hour skipped).
        let m1 = try f.response("M1")
        #expect(m1.firstResponse == (try M.instant("2026-03-09T12:30:00Z")))
        #expect(m1.responseMillis == 228_600_000)
        #expect(m1.verdict == .breached)  // 228 600 s > 3600 s
        // N2: Fri 16:30-17:00 EDT = 1800 s, Mon 08:00-08:45 EST = 2700 s -> 4500 s; met.
        let n2 = try f.response("N2")
        #expect(n2.responseMillis == 4_500_000)
        #expect(n2.verdict == .met)
        // N1 (24x7): Fri 16:30 EDT = 20:30Z to Mon 08:45 EST = 13:45Z:
        // 48 h + 17.25 h = 65.25 h = 234 900 s (the wall clock shows 64.25 h; one hour repeated).
        let n1 = try f.response("N1")
        #expect(n1.responseMillis == 234_900_000)
        #expect(n1.verdict == .breached)
        // L4: Mon 03-02 08:00 EST to Fri 03-20 17:00 EDT: working days 03-02..06, 09..13, 16..20
        // = 15 days x 9 h = 135 h = 486 000 s; target 1d = 9 h of business time -> breached.
        let l4 = try f.response("L4")
        #expect(l4.responseMillis == 486_000_000)
        #expect(l4.verdict == .breached)
        // K4: Mon 10-26 08:00 EDT to Fri 11-06 17:00 EST: 10-26..30 and 11-02..06
        // = 10 days x 9 h = 90 h = 324 000 s.
        let k4 = try f.response("K4")
        #expect(k4.responseMillis == 324_000_000)
    }

    @Test("Across the switches when the working hours contain them (00:00-06:00 every day)")
    func dstInsideWorkingHours() throws {
        // Every day a workday, hours 00:00-06:00 local. The window of Sun 2026-03-08 runs from
        // 00:00 EST (05:00Z) to 06:00 EDT (10:00Z): 5 real hours. That of Sun 2026-11-01 from
        // 00:00 EDT (04:00Z) to 06:00 EST (11:00Z): 7 real hours.
        let f = try M(
            config: M.config(timezone: "America/New_York", workdays: [1, 2, 3, 4, 5, 6, 7], hours: (0, 6)),
            cases: """
                case_id,org_id,created_at,severity,first_response_at
                MS2,o,2026-03-08T00:30:00-05:00,2,2026-03-08T05:30:00-04:00
                MS1,o,2026-03-07T23:00:00-05:00,1,2026-03-08T04:00:00-04:00
                NS2,o,2026-11-01T00:30:00-04:00,2,2026-11-01T05:30:00-05:00
                NS1,o,2026-10-31T23:00:00-04:00,1,2026-11-01T02:00:00-05:00
                DM2,o,2026-03-08T01:30:00-05:00,2,
                DN2,o,2026-11-01T00:30:00-04:00,2,
                LM3,o,2026-03-01T00:00:00-05:00,3,2026-03-15T06:00:00-04:00
                LN3,o,2026-10-25T00:00:00-04:00,3,2026-11-08T06:00:00-05:00
                """,
            asOf: "2026-12-01T00:00:00Z")
        // MS2: 05:30Z to 09:30Z, all inside the 05:00Z-10:00Z window: 4 h = 14 400 s (local clock: 5 h).
        let ms2 = try f.response("MS2")
        #expect(ms2.responseMillis == 14_400_000)
        #expect(ms2.verdict == .breached)  // 14 400 s > 7200 s
        // MS1 (24x7): 04:00Z to 08:00Z = 4 h = 14 400 s (local clock 23:00 -> 04:00 shows 5 h).
        #expect(try f.response("MS1").responseMillis == 14_400_000)
        // NS2: 04:30Z to 10:30Z inside the 04:00Z-11:00Z window: 6 h = 21 600 s (local clock: 5 h).
        #expect(try f.response("NS2").responseMillis == 21_600_000)
        // NS1 (24x7): 03:00Z to 07:00Z = 4 h = 14 400 s (local clock 23:00 -> 02:00 shows 3 h).
        #expect(try f.response("NS1").responseMillis == 14_400_000)
        // DM2 deadline: 01:30 EST = 06:30Z plus 2 business hours inside 05:00Z-10:00Z = 08:30Z (04:30 EDT).
        let dm2 = try f.response("DM2")
        #expect(dm2.deadline == (try M.instant("2026-03-08T08:30:00Z")))
        #expect(dm2.verdict == .breached)  // no response, as-of long past
        // DN2 deadline: 00:30 EDT = 04:30Z plus 2 h = 06:30Z (01:30 EST, the second 01:30).
        #expect(try f.response("DN2").deadline == (try M.instant("2026-11-01T06:30:00Z")))
        // LM3: Sun 03-01 00:00 to Sun 03-15 06:00: 15 windows x 6 h = 90 h, minus the hour the
        // 03-08 window lacks = 89 h = 320 400 s.
        #expect(try f.response("LM3").responseMillis == 320_400_000)
        // LN3: Sun 10-25 00:00 to Sun 11-08 06:00: 15 windows x 6 h = 90 h, plus the hour the
        // 11-01 window gains = 91 h = 327 600 s.
        #expect(try f.response("LN3").responseMillis == 327_600_000)
    }

    // MARK: 7. Verdict boundaries

    @Test("A response exactly at the target is met; a millisecond later it is breached")
    func responseBoundary() throws {
        // UTC, default calendar. 2026-10-05 is a Monday, 2026-10-09 a Friday.
        let f = try M(
            cases: """
                case_id,org_id,created_at,severity,first_response_at
                B1,o,2026-10-05T09:00:00Z,2,2026-10-05T11:00:00Z
                B2,o,2026-10-05T09:00:00Z,2,2026-10-05T11:00:00.001Z
                B3,o,2026-10-05T09:00:00Z,1,2026-10-05T10:00:00Z
                B4,o,2026-10-05T09:00:00Z,1,2026-10-05T10:00:00.001Z
                B5,o,2026-10-09T15:00:00Z,2,2026-10-12T08:00:00Z
                B6,o,2026-10-05T08:00:00Z,4,2026-10-05T17:00:00Z
                """,
            asOf: "2026-10-31T00:00:00Z")
        // B1: 09:00-11:00 = 7200 s = target 2h -> met (SPEC: "response time <= target").
        #expect(try f.response("B1").responseMillis == 7_200_000)
        #expect(try f.response("B1").verdict == .met)
        // B2: 7200.001 s > 7200 s -> breached.
        #expect(try f.response("B2").verdict == .breached)
        // B3 (24x7): 3600 s = target 1h -> met; B4: 3600.001 s -> breached.
        #expect(try f.response("B3").verdict == .met)
        #expect(try f.response("B4").verdict == .breached)
        // B5: Fri 15:00-17:00 = 7200 s; Mon at 08:00 adds nothing -> 7200 s = target -> met.
        #expect(try f.response("B5").responseMillis == 7_200_000)
        #expect(try f.response("B5").verdict == .met)
        // B6: severity 4, 1d on a business clock = one working day = 9 h; 08:00-17:00 = 32 400 s -> met.
        #expect(try f.response("B6").responseMillis == 32_400_000)
        #expect(try f.response("B6").verdict == .met)
    }

    @Test("Not responded: pending until as-of is past the deadline, breached after")
    func pendingBoundary() throws {
        let cases = """
            case_id,org_id,created_at,severity
            P1,o,2026-10-05T09:00:00Z,1
            """
        // 24x7 target 1 h: the deadline is 10:00Z. As-of exactly at it is not "past" -> pending.
        let atDeadline = try M(cases: cases, asOf: "2026-10-05T10:00:00Z")
        #expect(try atDeadline.response("P1").deadline == (try M.instant("2026-10-05T10:00:00Z")))
        #expect(try atDeadline.response("P1").verdict == .pending)
        #expect(try atDeadline.response("P1").responseMillis == nil)
        // One millisecond later the deadline has passed -> breached.
        let after = try M(cases: cases, asOf: "2026-10-05T10:00:00.001Z")
        #expect(try after.response("P1").verdict == .breached)
    }

    // MARK: Data quality and redeterminations (SPEC 3.1)

    @Test("A first response before created_at is negative-duration: out of met, breached and pending")
    func negativeDuration() throws {
        let f = try M(
            cases: """
                case_id,org_id,created_at,severity,first_response_at
                NEG,o,2026-10-05T09:00:00Z,2,2026-10-05T08:00:00Z
                OK,o,2026-10-05T09:00:00Z,2,2026-10-05T09:30:00Z
                """,
            asOf: "2026-10-31T00:00:00Z")
        #expect(try f.response("NEG").verdict == .negativeDuration)
        let result = f.run(f.october)
        let t = result.tallies.response[1]
        // Only OK counts: met 1 (1800 s), breached 0, pending 0; one responded time.
        #expect([t.met, t.breached, t.pending] == [1, 0, 0])
        #expect(t.times == [1_800_000])
        #expect(t.compliance == 1.0)
        #expect(result.dataQuality.findings["negative-duration"] == 1)
    }

    @Test("Redeterminations count from the severity at creation (a same-instant event beats the row)")
    func redeterminationsFromSeverityAtCreation() throws {
        // SPEC 2: at created_at a case_events row beats the row's value, so RS starts at severity 2
        // (not the row's 3) and never changes afterwards: neither upgraded nor downgraded.
        // RU starts at 3 (no event at creation) and goes to 2 on 10-06: upgraded once, from 3.
        let f = try M(
            cases: """
                case_id,org_id,created_at,severity
                RS,o,2026-10-05T09:00:00Z,3
                RU,o,2026-10-05T09:00:00Z,3
                """,
            events: """
                case_id,at,type,value,actor
                RS,2026-10-05T09:00:00Z,severity,2,support
                RU,2026-10-06T09:00:00Z,severity,2,support
                """,
            asOf: "2026-10-31T00:00:00Z")
        #expect(try f.response("RS").severity == .s2)
        let r = f.run(f.october).tallies.redeterminations
        #expect(r.upgraded == [0, 0, 1, 0])  // RU only, under starting severity 3
        #expect(r.downgraded == [0, 0, 0, 0])
    }
    @Test("Redeterminations count each change from the severity before it; at one instant the later event decides")
    func redeterminationsStepByStep() throws {
        // UD starts at 4, goes to 3 (a lower number: upgraded), then back to 4 (a higher number
        // than the one before: downgraded), although it never goes above where it started.
        // SI starts at 3 and gets two events at one instant, 1 then 3 (the later wins): no change.
        let f = try M(
            cases: """
                case_id,org_id,created_at,severity
                UD,o,2026-10-05T09:00:00Z,4
                SI,o,2026-10-05T09:00:00Z,3
                """,
            events: """
                case_id,at,type,value,actor
                UD,2026-10-06T09:00:00Z,severity,3,support
                UD,2026-10-08T09:00:00Z,severity,4,support
                SI,2026-10-06T09:00:00Z,severity,1,support
                SI,2026-10-06T09:00:00Z,severity,3,support
                """,
            asOf: "2026-10-31T00:00:00Z")
        let r = f.run(f.october).tallies.redeterminations
        #expect(r.upgraded == [0, 0, 0, 1])
        #expect(r.downgraded == [0, 0, 0, 1])
        var history = Redeterminations()
        history.add([.s4, .s3, .s4])
        #expect(history.upgraded == [0, 0, 0, 1] && history.downgraded == [0, 0, 0, 1])
    }
}
