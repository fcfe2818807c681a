import SLATestSupport
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLARules
@testable import SLATime

private typealias M = MetricsFixture

/// SPEC 3.2: RCA delivery against five business days. Hand-computed expectations.
/// Weekdays used below: 2026-10-01 Thu, 10-02 Fri, 10-03 Sat, 10-04 Sun, 10-05 Mon, ...,
/// 10-09 Fri, 10-12 Mon, 10-16 Fri, 10-19 Mon.
@Suite("Metrics: RCA delivery")
struct RCAMetricsTests {
    static let header = "case_id,org_id,created_at,severity,platform_incident,service_restored_at,rca_delivered_at"

    @Test("SPEC's example: restored Fri 2026-10-02 15:00 -> due by the end of Fri 2026-10-09")
    func specExample() throws {
        let f = try M(
            cases: """
                \(Self.header)
                X,o,2026-10-02T14:00:00Z,1,true,2026-10-02T15:00:00Z,2026-10-09T20:00:00Z
                """,
            asOf: "2026-10-31T00:00:00Z")
        let item = try #require(try f.rca("X"))
        // d0 = Fri 10-02; working days after it: Mon 05 (1), Tue 06 (2), Wed 07 (3), Thu 08 (4), Fri 09 (5).
        #expect(item.dueDate == M.day(2026, 10, 9))
        // "The end of" Fri 10-09 in UTC: 2026-10-10 00:00Z.
        #expect(item.dueAt == (try M.instant("2026-10-10T00:00:00Z")))
        // Delivered Fri 10-09 20:00, before the end of the due day -> on time, 0 days late.
        #expect(item.verdict == .onTime)
        #expect(item.businessDaysLate == 0)
    }

    @Test("The due date is counted from the local date of the restore, and ends at local midnight")
    func localDates() throws {
        let f = try M(
            config: M.config(timezone: "Europe/Berlin"),
            cases: """
                \(Self.header)
                BF,o,2026-10-02T10:00:00+02:00,1,true,2026-10-02T15:00:00+02:00,
                BM,o,2026-10-04T20:00:00+02:00,1,true,2026-10-05T00:30:00+02:00,
                """,
            asOf: "2026-10-06T00:00:00Z")
        // BF: SPEC's example in Berlin: due end of Fri 10-09 = 2026-10-10 00:00 CEST = 2026-10-09T22:00Z.
        let bf = try #require(try f.rca("BF"))
        #expect(bf.dueDate == M.day(2026, 10, 9))
        #expect(bf.dueAt == (try M.instant("2026-10-09T22:00:00Z")))
        // BM: restored 2026-10-04T22:30Z, which is Mon 10-05 00:30 in Berlin: d0 = Mon 10-05 (not
        // Sun 10-04, the UTC date). Working days after: Tue 06, Wed 07, Thu 08, Fri 09, Mon 12 (5th).
        let bm = try #require(try f.rca("BM"))
        #expect(bm.dueDate == M.day(2026, 10, 12))
        #expect(bm.dueAt == (try M.instant("2026-10-12T22:00:00Z")))  // 10-13 00:00 CEST
        #expect(bm.verdict == .pending)  // not delivered, as-of 10-06 is before the due instant
    }

    @Test("A holiday in the middle of the window pushes the due date; holidays are not days late")
    func holidayInWindow() throws {
        // Holidays: Wed 10-07 (inside the window) and Fri 10-16 (inside the lateness count).
        let f = try M(
            config: M.config(holidays: [M.day(2026, 10, 7), M.day(2026, 10, 16)]),
            cases: """
                \(Self.header)
                H1,o,2026-10-05T09:00:00Z,1,true,2026-10-05T10:00:00Z,2026-10-13T12:00:00Z
                H2,o,2026-10-05T09:00:00Z,1,true,2026-10-05T10:00:00Z,2026-10-14T12:00:00Z
                H3,o,2026-10-05T09:00:00Z,1,true,2026-10-05T10:00:00Z,2026-10-19T12:00:00Z
                """,
            asOf: "2026-10-31T00:00:00Z")
        // d0 = Mon 10-05. Working days after: Tue 06 (1), [Wed 07 holiday], Thu 08 (2), Fri 09 (3),
        // Mon 12 (4), Tue 13 (5) -> due end of Tue 10-13 = 2026-10-14T00:00Z (without the holiday: Mon 10-12).
        let h1 = try #require(try f.rca("H1"))
        #expect(h1.dueDate == M.day(2026, 10, 13))
        #expect(h1.dueAt == (try M.instant("2026-10-14T00:00:00Z")))
        #expect(h1.verdict == .onTime)  // delivered Tue 10-13 12:00, before the due instant
        // H2 delivered Wed 10-14: late; working days after 10-13 through 10-14: Wed 14 -> 1.
        let h2 = try #require(try f.rca("H2"))
        #expect(h2.verdict == .late)
        #expect(h2.businessDaysLate == 1)
        // H3 delivered Mon 10-19: Wed 14, Thu 15, [Fri 16 holiday], [Sat, Sun], Mon 19 -> 3.
        let h3 = try #require(try f.rca("H3"))
        #expect(h3.verdict == .late)
        #expect(h3.businessDaysLate == 3)
        // The evidence lists the same days by hand: d0 Mon 10-05; Tue 06 (1), Wed 07 holiday,
        // Thu 08 (2), Fri 09 (3), Sat 10 and Sun 11 weekend, Mon 12 (4), Tue 13 (5); late:
        // Wed 14, Thu 15, Mon 19.
        let evidence = f.context.rcaEvidence(for: h3)
        typealias Day = RCAEvidence.Day
        func working(_ d: Int, _ n: Int) -> Day { Day(date: M.day(2026, 10, d), workingDay: n, skippedBecause: nil) }
        func skipped(_ d: Int, _ why: String) -> Day {
            Day(date: M.day(2026, 10, d), workingDay: nil, skippedBecause: why)
        }
        #expect(evidence.restoreDate == M.day(2026, 10, 5))
        #expect(
            evidence.days == [
                working(6, 1), skipped(7, "holiday"), working(8, 2), working(9, 3), skipped(10, "weekend"),
                skipped(11, "weekend"), working(12, 4), working(13, 5),
            ])
        #expect(evidence.lateDays == [M.day(2026, 10, 14), M.day(2026, 10, 15), M.day(2026, 10, 19)])
        // On time: no late days.
        #expect(f.context.rcaEvidence(for: h1).lateDays.isEmpty)
    }

    @Test("Restored on a Saturday: the first working day after it is Monday")
    func restoredOnSaturday() throws {
        let f = try M(
            cases: """
                \(Self.header)
                SA,o,2026-10-03T10:00:00Z,1,true,2026-10-03T11:00:00Z,
                SU,o,2026-10-04T10:00:00Z,1,true,2026-10-04T11:00:00Z,
                """,
            asOf: "2026-10-05T00:00:00Z")
        // d0 = Sat 10-03: Mon 05 (1), Tue 06, Wed 07, Thu 08, Fri 09 (5) -> due end of Fri 10-09.
        let sa = try #require(try f.rca("SA"))
        #expect(sa.dueDate == M.day(2026, 10, 9))
        #expect(sa.dueAt == (try M.instant("2026-10-10T00:00:00Z")))
        #expect(sa.verdict == .pending)
        // d0 = Sun 10-04: the same five days -> the same due date.
        #expect(try f.rca("SU")?.dueDate == M.day(2026, 10, 9))
    }

    @Test("Late, overdue at as-of, pending, not yet delivered at as-of, event fallbacks; the tally")
    func verdictsAndTally() throws {
        // As-of Wed 2026-10-14 12:00Z.
        let f = try M(
            cases: """
                \(Self.header)
                L,o,2026-10-02T09:00:00Z,1,true,2026-10-02T15:00:00Z,2026-10-13T09:00:00Z
                O,o,2026-10-01T09:00:00Z,1,true,2026-10-01T10:00:00Z,
                P,o,2026-10-12T08:00:00Z,1,true,2026-10-12T09:00:00Z,
                D,o,2026-10-02T09:00:00Z,1,true,2026-10-02T15:00:00Z,2026-10-15T09:00:00Z
                EV,o,2026-10-02T09:00:00Z,1,true,,
                NP,o,2026-10-02T09:00:00Z,1,false,2026-10-02T15:00:00Z,
                S,o,2026-09-30T09:00:00Z,1,true,2026-09-30T10:00:00Z,2026-10-02T10:00:00Z
                NR,o,2026-10-02T09:00:00Z,1,true,,
                """,
            events: """
                case_id,at,type,value,actor
                EV,2026-10-08T10:00:00Z,rca_delivered,,support
                EV,2026-10-02T15:00:00Z,service_restored,,system
                EV,2026-10-07T10:00:00Z,rca_delivered,,support
                """,
            asOf: "2026-10-14T12:00:00Z")
        // L: due end of Fri 10-09 (as SPEC's example); delivered Tue 10-13 -> late;
        // working days after 10-09 through 10-13: Mon 12, Tue 13 -> 2.
        let l = try #require(try f.rca("L"))
        #expect(l.verdict == .late)
        #expect(l.businessDaysLate == 2)
        // O: d0 = Thu 10-01: Fri 02 (1), Mon 05, Tue 06, Wed 07, Thu 08 (5) -> due end of Thu 10-08.
        // Not delivered, as-of 10-14 is past due -> overdue; after 10-08 through as-of date 10-14:
        // Fri 09, Mon 12, Tue 13, Wed 14 -> 4.
        let o = try #require(try f.rca("O"))
        #expect(o.dueDate == M.day(2026, 10, 8))
        #expect(o.verdict == .overdue)
        #expect(o.businessDaysLate == 4)
        // P: d0 = Mon 10-12: Tue 13 ... Mon 19 (5th) -> due end of Mon 10-19; as-of before -> pending.
        let p = try #require(try f.rca("P"))
        #expect(p.dueDate == M.day(2026, 10, 19))
        #expect(p.verdict == .pending)
        #expect(p.businessDaysLate == 0)
        // D: delivered 10-15, after as-of: not delivered yet -> overdue (due end of 10-09);
        // Mon 12, Tue 13, Wed 14 -> 3.
        let d = try #require(try f.rca("D"))
        #expect(d.deliveredAt == nil)
        #expect(d.verdict == .overdue)
        #expect(d.businessDaysLate == 3)
        // EV: restore and delivery from events; the earliest rca_delivered event (10-07) counts -> on time.
        let ev = try #require(try f.rca("EV"))
        #expect(ev.restoredAt == (try M.instant("2026-10-02T15:00:00Z")))
        #expect(ev.deliveredAt == (try M.instant("2026-10-07T10:00:00Z")))
        #expect(ev.verdict == .onTime)
        // NP is not a platform incident; NR was never restored: neither is in the population.
        #expect(try f.rca("NP") == nil)
        #expect(try f.rca("NR") == nil)

        // October population: L, O, P, D, EV (S was restored in September, NP and NR are out).
        let rca = f.run(f.october).tallies.rca
        #expect(rca.incidents == 5)
        #expect(rca.onTime == 1)  // EV
        #expect(rca.late == 1)  // L
        #expect(rca.overdue == 2)  // O, D
        #expect(rca.pending == 1)  // P
        #expect(rca.compliance == 0.25)  // 1 / (1 + 1 + 2)
    }

    // MARK: 7. Boundary

    @Test("An RCA delivered exactly at the due instant is late; a millisecond before, on time")
    func dueInstantBoundary() throws {
        let f = try M(
            cases: """
                \(Self.header)
                AT,o,2026-10-02T09:00:00Z,1,true,2026-10-02T15:00:00Z,2026-10-10T00:00:00Z
                BE,o,2026-10-02T09:00:00Z,1,true,2026-10-02T15:00:00Z,2026-10-09T23:59:59.999Z
                """,
            asOf: "2026-10-31T00:00:00Z")
        // Due instant: end of Fri 10-09 = 2026-10-10T00:00Z. SPEC: on_time = "delivered before the
        // due instant"; at it is not before -> late. Days late: working days after Fri 10-09 through
        // the delivery date Sat 10-10: none -> 0.
        let at = try #require(try f.rca("AT"))
        #expect(at.dueAt == (try M.instant("2026-10-10T00:00:00Z")))
        #expect(at.verdict == .late)
        #expect(at.businessDaysLate == 0)
        let before = try #require(try f.rca("BE"))
        #expect(before.verdict == .onTime)
    }
}
