import TestSupport
import Testing

@testable import SLATime

private typealias F = CalendarFixture

/// Working days and the RCA due instant (SPEC 3.2), worked out by hand.
@Suite struct WorkingDayTests {
    @Test func workingDayIsAWorkdayThatIsNotAHoliday() {
        let cal = F.calendar(.utc, holidays: [F.day(2026, 12, 25)])
        #expect(cal.isWorkingDay(F.day(2026, 12, 24)))  // Thursday
        #expect(!cal.isWorkingDay(F.day(2026, 12, 25)))  // Friday, holiday
        #expect(!cal.isWorkingDay(F.day(2026, 12, 26)))  // Saturday
        #expect(!cal.isWorkingDay(F.day(2026, 12, 27)))  // Sunday
        #expect(cal.isWorkingDay(F.day(2026, 12, 28)))  // Monday
        // A holiday on a weekend is still a holiday, but was not a working day anyway.
        let weekend = F.calendar(.utc, holidays: [F.day(2026, 7, 4)])
        #expect(weekend.isHoliday(F.day(2026, 7, 4)) && !weekend.isWorkingDay(F.day(2026, 7, 4)))
    }

    /// `adding(days:)` takes a short cut within a month; it must agree with the full
    /// conversion through days since the epoch, across month, year and leap-day boundaries.
    @Test func addingDaysAgreesWithTheFullConversion() {
        var mismatches: [String] = []
        for d in CivilDate(year: 2023, month: 12, day: 1)
            .daysSinceEpoch...CivilDate(year: 2025, month: 3, day: 31)
            .daysSinceEpoch
        {
            let date = CivilDate(daysSinceEpoch: d)
            for n in -40...40 where date.adding(days: n) != CivilDate(daysSinceEpoch: d + n) {
                mismatches.append("\(date) + \(n)")
            }
        }
        #expect(mismatches.isEmpty)
        #expect(F.day(2024, 2, 28).adding(days: 1) == F.day(2024, 2, 29))
        #expect(F.day(2025, 2, 28).adding(days: 1) == F.day(2025, 3, 1))
        #expect(F.day(2026, 1, 1).adding(days: -1) == F.day(2025, 12, 31))
    }

    @Test func localDateFollowsTheZone() throws {
        let ny = try F.zone("America/New_York")
        let cal = F.calendar(ny)
        // 2026-10-03T02:00Z is Fri 2026-10-02 22:00 EDT.
        let instant = F.at(.utc, F.day(2026, 10, 3), 2)
        #expect(cal.localDate(of: instant) == F.day(2026, 10, 2))
        #expect(F.calendar(.utc).localDate(of: instant) == F.day(2026, 10, 3))
    }

    @Test func specExample() throws {
        let berlin = try F.zone("Europe/Berlin")
        let cal = F.calendar(berlin)
        // Restored Fri 2026-10-02 15:00; N = 5: Mon 10-05 (1), Tue (2), Wed (3), Thu (4), Fri 10-09 (5).
        let d0 = cal.localDate(of: F.at(berlin, F.day(2026, 10, 2), 15))
        #expect(d0 == F.day(2026, 10, 2))
        #expect(cal.workingDay(n: 5, after: d0) == F.day(2026, 10, 9))
        // Due at the end of Friday: Sat 2026-10-10 00:00 CEST = 2026-10-09T22:00Z;
        // 2026-10-09T00:00Z = 1_791_504_000 s, + 22 h (79_200 s) = 1_791_583_200 s.
        let due = cal.endOfWorkingDay(n: 5, after: d0)
        #expect(due == Instant(seconds: 1_791_583_200))
        #expect(due == berlin.startOfDay(F.day(2026, 10, 10)))
        // A delivery at Fri 23:59 is before it, one at Sat 00:00 is not.
        #expect(F.at(berlin, F.day(2026, 10, 9), 23, 59) < due)
        #expect(!(F.at(berlin, F.day(2026, 10, 10), 0) < due))
    }

    @Test func restoredOnASaturday() {
        let cal = F.calendar(.utc)
        // Sat 2026-10-03: Mon 10-05 (1) ... Fri 10-09 (5); due Sat 10-10 00:00.
        #expect(cal.workingDay(n: 5, after: F.day(2026, 10, 3)) == F.day(2026, 10, 9))
        #expect(cal.endOfWorkingDay(n: 5, after: F.day(2026, 10, 3)) == F.at(.utc, F.day(2026, 10, 10), 0))
        // The first working day after it is Monday.
        #expect(cal.workingDay(n: 1, after: F.day(2026, 10, 3)) == F.day(2026, 10, 5))
        // n = 0 is the date itself, and its end.
        #expect(cal.workingDay(n: 0, after: F.day(2026, 10, 3)) == F.day(2026, 10, 3))
        #expect(cal.endOfWorkingDay(n: 0, after: F.day(2026, 10, 3)) == F.at(.utc, F.day(2026, 10, 4), 0))
    }

    @Test func holidaysInsideTheRCAWindow() throws {
        let ny = try F.zone("America/New_York")
        // Restored Thu 2026-12-24 10:00, holiday Fri 12-25: Sat, Sun skipped; Mon 12-28 (1),
        // Tue 12-29 (2), Wed 12-30 (3), Thu 12-31 (4), Fri 2027-01-01 (5).
        let christmas = F.calendar(ny, holidays: [F.day(2026, 12, 25)])
        let d0 = christmas.localDate(of: F.at(ny, F.day(2026, 12, 24), 10))
        #expect(christmas.workingDay(n: 5, after: d0) == F.day(2027, 1, 1))
        #expect(christmas.endOfWorkingDay(n: 5, after: d0) == F.at(ny, F.day(2027, 1, 2), 0))
        // With 2027-01-01 off too, the 5th is Mon 2027-01-04 (Sat 01-02 and Sun 01-03 skipped).
        let both = F.calendar(ny, holidays: [F.day(2026, 12, 25), F.day(2027, 1, 1)])
        #expect(both.workingDay(n: 5, after: d0) == F.day(2027, 1, 4))
        // End of Mon 2027-01-04 = Tue 00:00 EST = 05:00Z.
        #expect(both.endOfWorkingDay(n: 5, after: d0) == F.at(.utc, F.day(2027, 1, 5), 5))
    }

    @Test func workingDaysBetween() {
        let cal = F.calendar(.utc)
        let fri = F.day(2026, 10, 9)
        // after Fri 10-09 through Tue 10-13: Mon 12, Tue 13 = 2.
        #expect(cal.workingDays(after: fri, through: F.day(2026, 10, 13)) == 2)
        // through the weekend only: 0; same day: 0; backwards: 0.
        #expect(cal.workingDays(after: fri, through: F.day(2026, 10, 11)) == 0)
        #expect(cal.workingDays(after: fri, through: fri) == 0)
        #expect(cal.workingDays(after: fri, through: F.day(2026, 10, 1)) == 0)
        // after Thu 10-08 through Fri 10-09: 1 (the "through" day counts, the "after" day does not).
        #expect(cal.workingDays(after: F.day(2026, 10, 8), through: fri) == 1)
        // Across the holidays: after Thu 12-24 through Mon 2027-01-04 with 12-25 and 01-01 off:
        // Mon 28, Tue 29, Wed 30, Thu 31, Mon 4 = 5.
        let holidays = F.calendar(.utc, holidays: [F.day(2026, 12, 25), F.day(2027, 1, 1)])
        #expect(holidays.workingDays(after: F.day(2026, 12, 24), through: F.day(2027, 1, 4)) == 5)
        // All of 2026: 52 weeks + Thu Jan 1 = 261 weekdays.
        #expect(cal.workingDays(after: F.day(2025, 12, 31), through: F.day(2026, 12, 31)) == 261)
        // The 261st working day after 2025-12-31 is Thu 2026-12-31 (found by skipping weeks).
        #expect(cal.workingDay(n: 261, after: F.day(2025, 12, 31)) == F.day(2026, 12, 31))
        #expect(cal.workingDay(n: 262, after: F.day(2025, 12, 31)) == F.day(2027, 1, 1))
    }

    @Test func otherWorkweeks() {
        // Sunday-Thursday.
        let cal = F.calendar(.utc, workdays: [7, 1, 2, 3, 4])
        // After Thu 2026-10-01: Fri, Sat off; Sun 10-04 (1), Mon (2), Tue (3), Wed (4), Thu 10-08 (5).
        #expect(cal.workingDay(n: 5, after: F.day(2026, 10, 1)) == F.day(2026, 10, 8))
        #expect(cal.workingDays(after: F.day(2026, 10, 1), through: F.day(2026, 10, 8)) == 5)
    }

    /// The week-skipping paths agree with counting one day at a time.
    @Test func skippingAgreesWithCounting() {
        let holidays = [F.day(2026, 1, 1), F.day(2026, 5, 1), F.day(2026, 12, 24), F.day(2026, 12, 25)]
        let cal = F.calendar(.utc, workdays: [1, 3, 5, 6], holidays: holidays)
        var random = SplitMix64(seed: 42)
        for _ in 0..<100 {
            let start = F.day(2025, 12, 1).adding(days: Int(random.next() % 400))
            let n = Int(random.next() % 150)
            var expected = start
            var left = n
            while left > 0 {
                expected = expected.adding(days: 1)
                if cal.isWorkingDay(expected) { left -= 1 }
            }
            #expect(cal.workingDay(n: n, after: start) == expected)
            #expect(cal.workingDays(after: start, through: expected) == n)
        }
    }
}
