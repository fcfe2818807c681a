import Testing

@testable import SLAModel
@testable import SLARules
@testable import SLATime

/// SPEC v2 section 2: running time and deadline of a target that pauses, by hand.
@Suite("Running time and deadlines with pauses")
struct RunningClockTests {
    static let h: Int64 = 3_600_000
    static func at(_ hours: Int64) -> Instant { Instant(millis: 1_790_000_000_000 + hours * h) }
    static let utc = BusinessCalendar(
        zone: .utc,
        settings: CalendarSettings(workdays: [1, 2, 3, 4, 5], workStart: 8 * 3600, workEnd: 17 * 3600, holidays: []))

    /// open at 0, waiting at 2h, open at 5h, waiting at 6h, open at 8h; waiting pauses.
    static func twice(_ clock: SLAClock = .twentyFourSeven) -> RunningClock {
        RunningClock(
            calendar: utc, clock: clock,
            changes: [
                (at(0), .open), (at(2), .waitingOnCustomer), (at(5), .open), (at(6), .waitingOnCustomer),
                (at(8), .open),
            ], stopsIn: [.waitingOnCustomer])
    }

    @Test("Paused twice on 24x7: running 2h + 1h + 2h to 10h; the 4h deadline at 9h")
    func pausedTwice() {
        let c = Self.twice()
        #expect(c.runningIntervals(from: Self.at(0)).map(\.start) == [Self.at(0), Self.at(5), Self.at(8)])
        #expect(c.running(from: Self.at(0), to: Self.at(10)) == 5 * Self.h)
        #expect(c.pausedMillis(from: Self.at(0), to: Self.at(10)) == 5 * Self.h)
        // 2h before the first pause, 1h between: 1h left from 8h -> 9h.
        #expect(c.deadline(from: Self.at(0), amount: 4 * Self.h) == Self.at(9))
        // 3h: 2h, then the whole 1h from 5h to 6h: reached at 6h, not after the pause.
        #expect(c.deadline(from: Self.at(0), amount: 3 * Self.h) == Self.at(6))
        // From inside a pause (3h): runs 5h-6h, then from 8h.
        #expect(c.running(from: Self.at(3), to: Self.at(10)) == 3 * Self.h)
        #expect(c.deadline(from: Self.at(3), amount: 2 * Self.h) == Self.at(9))
        // A zero amount is reached at once.
        #expect(c.deadline(from: Self.at(0), amount: 0) == Self.at(0))
    }

    @Test("A clock paused for good never reaches its target")
    func pausedForGood() {
        let c = RunningClock(
            calendar: Self.utc, clock: .twentyFourSeven, changes: [(Self.at(0), .open), (Self.at(1), .resolved)],
            stopsIn: [.resolved, .closed])
        #expect(c.deadline(from: Self.at(0), amount: 2 * Self.h) == nil)
        #expect(c.deadline(from: Self.at(0), amount: Self.h) == Self.at(1))
        #expect(c.running(from: Self.at(0), to: Self.at(50)) == Self.h)
    }

    @Test("On the business clock, a pause inside working hours counts nothing")
    func business() {
        // at(0) is 2026-09-21T14:13:20Z, a Monday. Working 08:00-17:00 UTC.
        // Changes at 0 (14:13:20), 2h (16:13:20), 5h (19:13:20), 6h (20:13:20), 8h (22:13:20):
        // running 14:13:20-16:13:20 = 2h of business time; 19:13-20:13 is after hours; from
        // 22:13:20 on, Tuesday 08:00-17:00. To Tuesday 10:00 (at(0) + 19h46m40s): 2h + 2h = 4h.
        let c = Self.twice(.business)
        let tuesday10 = Instant(millis: Self.at(0).millis + 19 * Self.h + 46 * 60_000 + 40_000)
        #expect(c.running(from: Self.at(0), to: tuesday10) == 4 * Self.h)
        // A 3h target: 2h on Monday, 1h on Tuesday from 08:00 -> 09:00.
        #expect(c.deadline(from: Self.at(0), amount: 3 * Self.h) == Instant(millis: tuesday10.millis - Self.h))
    }
}
