import Testing

@testable import SLATime

private typealias F = CalendarFixture

/// Business time and deadlines, with every expectation worked out by hand in the comment beside it.
@Suite struct BusinessTimeTests {
    @Test func berlinFridayToMonday() throws {
        let berlin = try F.zone("Europe/Berlin")
        let cal = F.calendar(berlin)
        let created = F.at(berlin, F.day(2026, 10, 2), 16, 55)  // Friday
        let answered = F.at(berlin, F.day(2026, 10, 5), 8, 10)  // Monday
        // Fri 16:55-17:00 = 5 min, Sat and Sun none, Mon 08:00-08:10 = 10 min: 15 min.
        #expect(cal.businessMillis(from: created, to: answered) == 15 * F.minute)
        #expect(cal.elapsed(from: created, to: answered, clock: .business) == 15 * F.minute)
        // 2h = 120 min: 5 min on Friday, 115 min from Mon 08:00 → Mon 09:55 CEST = 07:55Z.
        // 2026-10-05T00:00Z = 1_791_158_400 s; + 7h55m (28_500 s) = 1_791_186_900 s.
        let due = cal.deadline(for: SLADuration(seconds: 2 * 3600), clock: .business, from: created)
        #expect(due == F.at(berlin, F.day(2026, 10, 5), 9, 55))
        #expect(due == Instant(seconds: 1_791_186_900))
        #expect(cal.instant(afterBusinessMillis: 2 * F.hour, from: created) == due)
    }

    @Test func newYorkAcrossTheMarchSwitch() throws {
        let ny = try F.zone("America/New_York")
        let cal = F.calendar(ny)
        let from = F.at(ny, F.day(2026, 3, 6), 16)  // Fri 16:00 EST = 21:00Z
        let to = F.at(ny, F.day(2026, 3, 9), 9)  // Mon 09:00 EDT = 13:00Z
        // Wall clock: Fri 21:00Z → Mon 13:00Z = 2 days 16 h = 64 h (local clocks say 65 h).
        #expect(to.millis - from.millis == 64 * F.hour)
        #expect(cal.elapsed(from: from, to: to, clock: .twentyFourSeven) == 64 * F.hour)
        // Business: Fri 16:00-17:00 = 1 h, Mon 08:00-09:00 = 1 h → 2 h.
        #expect(cal.businessMillis(from: from, to: to) == 2 * F.hour)
        // And back: 2 h of business time from Fri 16:00 ends Mon 09:00 EDT.
        #expect(cal.instant(afterBusinessMillis: 2 * F.hour, from: from) == to)
    }

    @Test func newYorkAcrossTheNovemberSwitch() throws {
        let ny = try F.zone("America/New_York")
        let cal = F.calendar(ny)
        let from = F.at(ny, F.day(2026, 10, 30), 16)  // Fri 16:00 EDT = 20:00Z
        let to = F.at(ny, F.day(2026, 11, 2), 9)  // Mon 09:00 EST = 14:00Z
        // Wall clock: Fri 20:00Z → Mon 14:00Z = 2 days 18 h = 66 h (local clocks say 65 h).
        #expect(to.millis - from.millis == 66 * F.hour)
        // Business: 1 h Friday + 1 h Monday.
        #expect(cal.businessMillis(from: from, to: to) == 2 * F.hour)
        #expect(cal.instant(afterBusinessMillis: 2 * F.hour, from: from) == to)
    }

    @Test func twentyFourSevenCountsRealTime() throws {
        let ny = try F.zone("America/New_York")
        let cal = F.calendar(ny)
        let from = F.at(ny, F.day(2026, 3, 7), 23)  // Sat 23:00 EST = Sun 04:00Z
        let to = F.at(ny, F.day(2026, 3, 8), 5)  // Sun 05:00 EDT = 09:00Z
        // 04:00Z → 09:00Z = 5 h, although the clocks moved 6 h.
        #expect(cal.elapsed(from: from, to: to, clock: .twentyFourSeven) == 5 * F.hour)
        #expect(cal.elapsed(from: from, to: to, clock: .business) == 0)  // weekend
        // 1d on 24x7 = 86 400 s: Sat 12:00 EST (17:00Z) + 24 h = Sun 17:00Z = 13:00 EDT.
        let due = cal.deadline(
            for: SLADuration(days: 1), clock: .twentyFourSeven, from: F.at(ny, F.day(2026, 3, 7), 12))
        #expect(due == F.at(ny, F.day(2026, 3, 8), 13))
        #expect(cal.elapsed(from: to, to: from, clock: .twentyFourSeven) == 0)  // clamped
    }

    @Test func wholeDayWindowsOnSwitchDays() throws {
        let ny = try F.zone("America/New_York")
        // Sunday only, 00:00-24:00.
        let cal = F.calendar(ny, workdays: [7], from: 0, to: 86_400)
        // Sun 2026-03-08: 00:00 EST (05:00Z) to Mon 00:00 EDT (04:00Z) = 23 h.
        #expect(
            Array(cal.windows(on: F.day(2026, 3, 8))) == [
                F.at(ny, F.day(2026, 3, 8), 0)..<F.at(ny, F.day(2026, 3, 9), 0)
            ])
        let sat = F.at(ny, F.day(2026, 3, 7), 12)
        let mon = F.at(ny, F.day(2026, 3, 9), 12)
        #expect(cal.businessMillis(from: sat, to: mon) == 23 * F.hour)
        // Sun 2026-11-01: 00:00 EDT (04:00Z) to Mon 00:00 EST (05:00Z) = 25 h.
        #expect(
            cal.businessMillis(from: F.at(ny, F.day(2026, 10, 31), 12), to: F.at(ny, F.day(2026, 11, 2), 12)) == 25
                * F.hour)
        // 23 h of business time from Saturday noon end exactly at the end of Sunday, not a week later.
        #expect(cal.instant(afterBusinessMillis: 23 * F.hour, from: sat) == F.at(ny, F.day(2026, 3, 9), 0))
    }

    @Test func windowsAroundTheGapAndTheOverlap() throws {
        let ny = try F.zone("America/New_York")
        let early = F.calendar(ny, workdays: Set(1...7), from: 3600, to: 4 * 3600)  // 01:00-04:00 daily
        // Mar 8: 01:00 EST (06:00Z) to 04:00 EDT (08:00Z) = 2 h; the hour 02:00-03:00 never happens.
        #expect(
            early.businessMillis(from: F.at(ny, F.day(2026, 3, 8), 0), to: F.at(ny, F.day(2026, 3, 8), 12)) == 2
                * F.hour)
        // Nov 1: 01:00 EDT (05:00Z) to 04:00 EST (09:00Z) = 4 h; 01:00-02:00 happens twice.
        #expect(
            early.businessMillis(from: F.at(ny, F.day(2026, 11, 1), 0), to: F.at(ny, F.day(2026, 11, 1), 12)) == 4
                * F.hour)
        // An ordinary day: 3 h.
        #expect(
            early.businessMillis(from: F.at(ny, F.day(2026, 3, 9), 0), to: F.at(ny, F.day(2026, 3, 9), 12)) == 3
                * F.hour)

        // 02:30-05:00: the start is in the gap and moves forward by the gap (1 h) to 03:30 EDT
        // (07:30Z), as TimeZoneRules does; the end is 05:00 EDT (09:00Z): 1 h 30 min.
        let gapStart = F.calendar(ny, workdays: Set(1...7), from: 9000, to: 5 * 3600)
        let window = try #require(gapStart.windows(on: F.day(2026, 3, 8)).first)
        #expect(window.lowerBound == Instant(seconds: 1_772_955_000))  // 07:30Z, as in TimeZoneRulesTests
        #expect(window.upperBound.millis - window.lowerBound.millis == 90 * F.minute)
        // 02:30-03:10: the moved start (03:30 EDT) passes the end (03:10 EDT): an empty window.
        let swallowed = F.calendar(ny, workdays: Set(1...7), from: 9000, to: 3 * 3600 + 600)
        #expect(swallowed.windows(on: F.day(2026, 3, 8)).map(\.isEmpty) == [true])
        let sat = F.at(ny, F.day(2026, 3, 7), 12)
        // Sat 03:10-... is past; Sat's window is over by noon. Sun's is empty, Mon 02:30-03:10 = 40 min.
        #expect(swallowed.businessMillis(from: sat, to: F.at(ny, F.day(2026, 3, 9), 12)) == 40 * F.minute)
        #expect(swallowed.instant(afterBusinessMillis: 10 * F.minute, from: sat) == F.at(ny, F.day(2026, 3, 9), 2, 40))
    }

    @Test func outsideHoursAndDegenerateSpans() {
        let utc = TimeZoneRules.utc
        let cal = F.calendar(utc)
        let mon = F.day(2026, 10, 5)
        // Mon 06:00 → 19:00: the whole 08:00-17:00 window, 9 h.
        #expect(cal.businessMillis(from: F.at(utc, mon, 6), to: F.at(utc, mon, 19)) == 9 * F.hour)
        // Mon 06:00 → 07:59, Mon 17:00 → 23:00: nothing.
        #expect(cal.businessMillis(from: F.at(utc, mon, 6), to: F.at(utc, mon, 7, 59)) == 0)
        #expect(cal.businessMillis(from: F.at(utc, mon, 17), to: F.at(utc, mon, 23)) == 0)
        // Fri 18:00 → Mon 07:00 and Sat 10:00 → Sun 20:00: nothing.
        #expect(cal.businessMillis(from: F.at(utc, F.day(2026, 10, 2), 18), to: F.at(utc, mon, 7)) == 0)
        #expect(cal.businessMillis(from: F.at(utc, F.day(2026, 10, 3), 10), to: F.at(utc, F.day(2026, 10, 4), 20)) == 0)
        // from > to and from == to: 0.
        #expect(cal.businessMillis(from: F.at(utc, mon, 12), to: F.at(utc, mon, 10)) == 0)
        #expect(cal.businessMillis(from: F.at(utc, mon, 12), to: F.at(utc, mon, 12)) == 0)
        #expect(cal.elapsed(from: F.at(utc, mon, 12), to: F.at(utc, mon, 10), clock: .business) == 0)
        // One millisecond inside the window.
        #expect(cal.businessMillis(from: F.at(utc, mon, 12), to: F.at(utc, mon, 12).adding(millis: 1)) == 1)
    }

    @Test func deadlinesFromOutsideHoursAndAtWindowEnds() {
        let utc = TimeZoneRules.utc
        let cal = F.calendar(utc)
        let sat = F.at(utc, F.day(2026, 10, 3), 10)
        // From Saturday the clock starts Mon 08:00: 30 min → Mon 08:30.
        #expect(cal.instant(afterBusinessMillis: 30 * F.minute, from: sat) == F.at(utc, F.day(2026, 10, 5), 8, 30))
        // Zero (or negative) amount: `from` itself, even outside hours.
        #expect(cal.instant(afterBusinessMillis: 0, from: sat) == sat)
        #expect(cal.instant(afterBusinessMillis: -5, from: sat) == sat)
        // Mon 16:00 + 1 h is used up exactly at 17:00: Mon 17:00, not Tue 08:00.
        let mon16 = F.at(utc, F.day(2026, 10, 5), 16)
        #expect(cal.instant(afterBusinessMillis: F.hour, from: mon16) == F.at(utc, F.day(2026, 10, 5), 17))
        // One more minute spills into Tuesday: Tue 08:01.
        #expect(cal.instant(afterBusinessMillis: 61 * F.minute, from: mon16) == F.at(utc, F.day(2026, 10, 6), 8, 1))
        // From Mon 17:00 exactly (the window is half-open): Tue 08:01.
        #expect(
            cal.instant(afterBusinessMillis: F.minute, from: F.at(utc, F.day(2026, 10, 5), 17))
                == F.at(utc, F.day(2026, 10, 6), 8, 1))
    }

    @Test func oneBusinessDayIsOneWorkingDay() {
        let utc = TimeZoneRules.utc
        let cal = F.calendar(utc)
        let monTen = F.at(utc, F.day(2026, 10, 5), 10)
        // 1d on business = 17:00 - 08:00 = 9 h: Mon 10:00 + 7 h (to 17:00) + 2 h Tue → Tue 10:00.
        let due = cal.deadline(for: SLADuration(days: 1), clock: .business, from: monTen)
        #expect(due == F.at(utc, F.day(2026, 10, 6), 10))
        #expect(cal.businessMillis(from: monTen, to: due) == 9 * F.hour)
        // 1d4h: 13 h → Tue 10:00 + 4 h = Tue 14:00.
        #expect(
            cal.deadline(for: SLADuration(days: 1, seconds: 4 * 3600), clock: .business, from: monTen)
                == F.at(utc, F.day(2026, 10, 6), 14))
        // Fri 10:00 + 1d: 7 h Friday, 2 h Monday → Mon 10:00.
        #expect(
            cal.deadline(for: SLADuration(days: 1), clock: .business, from: F.at(utc, F.day(2026, 10, 2), 10)) == monTen
        )
    }

    @Test func holidaysHaveNoWorkingHours() {
        let utc = TimeZoneRules.utc
        let cal = F.calendar(utc, holidays: [F.day(2026, 10, 5)])  // Monday off
        #expect(!cal.isWorkingDay(F.day(2026, 10, 5)))
        #expect(cal.isHoliday(F.day(2026, 10, 5)))
        #expect(cal.windows(on: F.day(2026, 10, 5)).isEmpty)
        // Fri 16:00 → Tue 09:00: 1 h Friday + 1 h Tuesday.
        let fri = F.at(utc, F.day(2026, 10, 2), 16)
        #expect(cal.businessMillis(from: fri, to: F.at(utc, F.day(2026, 10, 6), 9)) == 2 * F.hour)
        // 2 h from Fri 16:00: Tue 09:00.
        #expect(cal.instant(afterBusinessMillis: 2 * F.hour, from: fri) == F.at(utc, F.day(2026, 10, 6), 9))
    }

    @Test func windowEndingAtMidnight() {
        let utc = TimeZoneRules.utc
        let cal = F.calendar(utc, hours: 20...24)  // Mon-Fri 20:00-24:00
        let mon23 = F.at(utc, F.day(2026, 10, 5), 23)
        // Mon 23:00 → Tue 01:00: Mon 23-24 = 1 h; Tue 00-01 is before Tuesday's window.
        #expect(cal.businessMillis(from: mon23, to: F.at(utc, F.day(2026, 10, 6), 1)) == F.hour)
        // 1 h from Mon 23:00 ends exactly at the window's end, Tue 00:00.
        #expect(cal.instant(afterBusinessMillis: F.hour, from: mon23) == F.at(utc, F.day(2026, 10, 6), 0))
        // 2 h: 1 h Monday, then Tue 20:00 + 1 h = Tue 21:00.
        #expect(cal.instant(afterBusinessMillis: 2 * F.hour, from: mon23) == F.at(utc, F.day(2026, 10, 6), 21))
        // Fri 23:00 + 2 h: 1 h Friday, Mon 20:00 + 1 h = Mon 21:00.
        #expect(
            cal.instant(afterBusinessMillis: 2 * F.hour, from: F.at(utc, F.day(2026, 10, 2), 23))
                == F.at(utc, F.day(2026, 10, 5), 21))
    }

    /// A year of business time is counted arithmetically and still comes out exact.
    @Test(arguments: ["UTC", "America/New_York", "Europe/Berlin"])
    func oneYear(id: String) throws {
        let zone = try F.zone(id)
        let cal = F.calendar(zone)
        let start = F.at(zone, F.day(2026, 1, 1), 0)
        let end = F.at(zone, F.day(2027, 1, 1), 0)
        // 2026 has 365 days = 52 weeks + 1 day, starting on a Thursday: 52 * 5 + 1 = 261 weekdays;
        // every switch is on a Sunday night, outside the windows: 261 * 9 h = 2349 h.
        #expect(cal.businessMillis(from: start, to: end) == 2349 * F.hour)
        // Used up exactly at the end of the last window: Thu 2026-12-31 17:00.
        #expect(cal.instant(afterBusinessMillis: 2349 * F.hour, from: start) == F.at(zone, F.day(2026, 12, 31), 17))
        // With New Year's Day (Thu) and Christmas (Fri) off and July 4th (a Saturday): 259 * 9 h.
        let holidays = [F.day(2026, 1, 1), F.day(2026, 7, 4), F.day(2026, 12, 25)]
        let off = F.calendar(zone, holidays: holidays)
        #expect(off.businessMillis(from: start, to: end) == 259 * 9 * F.hour)
        // Starting Jan 1 (a holiday) at 12:00: the same 259 days.
        #expect(off.businessMillis(from: F.at(zone, F.day(2026, 1, 1), 12), to: end) == 259 * 9 * F.hour)
    }
}
