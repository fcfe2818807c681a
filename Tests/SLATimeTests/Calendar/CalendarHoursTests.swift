import Testing

@testable import SLATime

private typealias F = CalendarFixture

/// The version-2 calendar (SPEC 4): split shifts, per-weekday hours, half-day holidays, weekdays
/// made non-working, with every expectation worked out by hand in the comment beside it.
@Suite struct CalendarHoursTests {
    /// UTC, Mon-Fri 08:00-12:00 and 13:00-17:00: one business day is 4 h + 4 h = 8 h.
    static let split = F.calendar(.utc, ranges: F.hours("08:00-12:00", "13:00-17:00"))

    @Test func splitShiftCountsBothWindows() {
        let cal = Self.split
        let mon = F.day(2026, 10, 5)
        #expect(
            Array(cal.windows(on: mon)) == [
                F.at(.utc, mon, 8)..<F.at(.utc, mon, 12), F.at(.utc, mon, 13)..<F.at(.utc, mon, 17),
            ])
        // 11:30 → 13:30: 11:30-12:00 = 30 min, the lunch hour none, 13:00-13:30 = 30 min: 1 h.
        let from = F.at(.utc, mon, 11, 30)
        let to = F.at(.utc, mon, 13, 30)
        #expect(cal.businessMillis(from: from, to: to) == F.hour)
        #expect(
            cal.countedWindows(on: mon, from: from, to: to) == [
                F.at(.utc, mon, 11, 30)..<F.at(.utc, mon, 12), F.at(.utc, mon, 13)..<F.at(.utc, mon, 13, 30),
            ])
        // Inside the lunch hour nothing counts.
        #expect(cal.businessMillis(from: F.at(.utc, mon, 12, 10), to: F.at(.utc, mon, 12, 50)) == 0)
        #expect(cal.countedWindows(on: mon, from: F.at(.utc, mon, 12, 10), to: F.at(.utc, mon, 12, 50)).isEmpty)
        // A whole day: 4 h + 4 h.
        #expect(cal.businessMillis(from: F.at(.utc, mon, 0), to: F.at(.utc, mon, 23)) == 8 * F.hour)
    }

    @Test func splitShiftDeadlines() {
        let cal = Self.split
        let mon = F.day(2026, 10, 5)
        let eleven = F.at(.utc, mon, 11)
        // 2 h from 11:00: 11:00-12:00 = 1 h, then 13:00 + 1 h = 14:00.
        #expect(cal.instant(afterBusinessMillis: 2 * F.hour, from: eleven) == F.at(.utc, mon, 14))
        #expect(cal.deadline(for: SLADuration(seconds: 7200), clock: .business, from: eleven) == F.at(.utc, mon, 14))
        #expect(cal.lastMomentToMeet(SLADuration(seconds: 7200), clock: .business, from: eleven) == F.at(.utc, mon, 14))
        // 1 h from 11:00 runs out at 12:00, the end of the morning window; a reply in the lunch
        // hour has still used only 1 h, so the last moment to meet it is 13:00.
        #expect(cal.instant(afterBusinessMillis: F.hour, from: eleven) == F.at(.utc, mon, 12))
        #expect(cal.lastMomentToMeet(SLADuration(seconds: 3600), clock: .business, from: eleven) == F.at(.utc, mon, 13))
        // From 12:20, in the lunch hour, the clock starts at 13:00: 10 min → 13:10.
        #expect(
            cal.instant(afterBusinessMillis: 10 * F.minute, from: F.at(.utc, mon, 12, 20)) == F.at(.utc, mon, 13, 10))
        // A zero target from the lunch hour: met by a reply before 13:00.
        #expect(
            cal.lastMomentToMeet(SLADuration(), clock: .business, from: F.at(.utc, mon, 12, 20)) == F.at(.utc, mon, 13))
        // 1d = 4 h + 4 h = 8 h. From Mon 09:00: 09:00-12:00 = 3 h, 13:00-17:00 = 4 h, then
        // Tue 08:00 + 1 h = Tue 09:00.
        #expect(cal.settings.workingDaySeconds == 8 * 3600)
        #expect(
            cal.deadline(for: SLADuration(days: 1), clock: .business, from: F.at(.utc, mon, 9))
                == F.at(.utc, F.day(2026, 10, 6), 9))
        // Fri 16:00 + 2 h: Fri 16:00-17:00 = 1 h, Mon 2026-10-12 08:00 + 1 h = 09:00. And 1 h runs
        // out at Fri 17:00, so its last moment is the next window's start, Mon 08:00.
        let fri = F.at(.utc, F.day(2026, 10, 9), 16)
        #expect(cal.instant(afterBusinessMillis: 2 * F.hour, from: fri) == F.at(.utc, F.day(2026, 10, 12), 9))
        #expect(
            cal.lastMomentToMeet(SLADuration(seconds: 3600), clock: .business, from: fri)
                == F.at(.utc, F.day(2026, 10, 12), 8))
    }

    @Test func splitShiftOverWeeks() {
        let cal = Self.split
        let start = F.at(.utc, F.day(2026, 10, 5), 0)  // Monday
        // Four weeks to Mon 2026-11-02: 20 weekdays * 8 h = 160 h (counted by whole weeks).
        #expect(cal.businessMillis(from: start, to: F.at(.utc, F.day(2026, 11, 2), 0)) == 160 * F.hour)
        // 160 h from Monday 00:00 run out at the end of the 20th weekday, Fri 2026-10-30 17:00
        // (the week-skipping path: 160 h is more than two weeks of 40 h).
        #expect(cal.instant(afterBusinessMillis: 160 * F.hour, from: start) == F.at(.utc, F.day(2026, 10, 30), 17))
        // 161 h: one more hour from Mon 2026-11-02 08:00 → 09:00.
        #expect(cal.instant(afterBusinessMillis: 161 * F.hour, from: start) == F.at(.utc, F.day(2026, 11, 2), 9))
    }

    /// Mon-Thu 08:00-17:00, Friday 08:00-13:00 (`[calendar.days] fri = "08:00-13:00"`).
    @Test func shorterFriday() {
        let cal = F.calendar(.utc, ranges: F.hours("08:00-17:00"), days: [5: F.hours("08:00-13:00")])
        let fri = F.day(2026, 10, 9)
        #expect(Array(cal.windows(on: fri)) == [F.at(.utc, fri, 8)..<F.at(.utc, fri, 13)])
        // A week: 4 * 9 h + 5 h = 41 h; two weeks from Mon 2026-10-05 to Mon 2026-10-19: 82 h.
        let mon = F.at(.utc, F.day(2026, 10, 5), 0)
        #expect(cal.businessMillis(from: mon, to: F.at(.utc, F.day(2026, 10, 19), 0)) == 82 * F.hour)
        // Fri 12:00 + 2 h: Fri 12:00-13:00 = 1 h, Mon 2026-10-12 08:00 + 1 h = 09:00.
        let friNoon = F.at(.utc, fri, 12)
        #expect(cal.instant(afterBusinessMillis: 2 * F.hour, from: friNoon) == F.at(.utc, F.day(2026, 10, 12), 9))
        // 1 h from Fri 12:00 runs out at 13:00, Friday's end: the last moment is Mon 08:00.
        #expect(
            cal.lastMomentToMeet(SLADuration(seconds: 3600), clock: .business, from: friNoon)
                == F.at(.utc, F.day(2026, 10, 12), 8))
        // 1d is the length of `hours`, 9 h, whatever Friday works: Fri 08:00-13:00 = 5 h, then
        // Mon 08:00 + 4 h = Mon 12:00.
        #expect(
            cal.deadline(for: SLADuration(days: 1), clock: .business, from: F.at(.utc, fri, 8))
                == F.at(.utc, F.day(2026, 10, 12), 12))
        // Ten weeks of 41 h = 410 h from Mon 2026-10-05 00:00 run out at the end of the tenth
        // Friday, 2026-12-11 13:00 (10-05 + 70 days = Mon 12-14); the last moment is Mon 12-14 08:00.
        #expect(cal.instant(afterBusinessMillis: 410 * F.hour, from: mon) == F.at(.utc, F.day(2026, 12, 11), 13))
        #expect(
            cal.lastMomentToMeet(SLADuration(seconds: 410 * 3600), clock: .business, from: mon)
                == F.at(.utc, F.day(2026, 12, 14), 8))
    }

    /// Mon-Fri 08:00-17:00 and Saturday 10:00-14:00 (`sat = ["10:00-14:00"]`): Saturday is a
    /// working day, for the RCA count too.
    @Test func saturdayWindow() {
        let cal = F.calendar(.utc, ranges: F.hours("08:00-17:00"), days: [6: F.hours("10:00-14:00")])
        let sat = F.day(2026, 10, 3)
        #expect(cal.isWorkingDay(sat))
        #expect(cal.nonWorkingReason(sat) == nil)
        #expect(cal.nonWorkingReason(F.day(2026, 10, 4)) == "weekend")  // Sunday
        // Fri 16:00 + 2 h: Fri 16:00-17:00 = 1 h, Sat 10:00 + 1 h = Sat 11:00.
        #expect(
            cal.instant(afterBusinessMillis: 2 * F.hour, from: F.at(.utc, F.day(2026, 10, 2), 16))
                == F.at(.utc, sat, 11))
        // A week: 5 * 9 h + 4 h = 49 h; two weeks from Mon 2026-10-05: 98 h.
        #expect(
            cal.businessMillis(from: F.at(.utc, F.day(2026, 10, 5), 0), to: F.at(.utc, F.day(2026, 10, 19), 0))
                == 98 * F.hour)
        // RCA after Fri 2026-10-02: Sat 10-03 (1), Mon 10-05 (2), Tue (3), Wed (4), Thu 10-08 (5);
        // due at the end of Thursday.
        let fri = F.day(2026, 10, 2)
        #expect(cal.workingDay(n: 5, after: fri) == F.day(2026, 10, 8))
        #expect(cal.endOfWorkingDay(n: 5, after: fri) == F.at(.utc, F.day(2026, 10, 9), 0))
        // After Fri 10-02 through Fri 10-09: Sat, Mon, Tue, Wed, Thu, Fri = 6.
        #expect(cal.workingDays(after: fri, through: F.day(2026, 10, 9)) == 6)
        // 2026 starts on a Thursday and has 52 weeks + 1 day: 261 weekdays + 52 Saturdays = 313;
        // the 313th working day after 2025-12-31 is Thu 2026-12-31, the 314th Fri 2027-01-01.
        #expect(cal.workingDays(after: F.day(2025, 12, 31), through: F.day(2026, 12, 31)) == 313)
        #expect(cal.workingDay(n: 313, after: F.day(2025, 12, 31)) == F.day(2026, 12, 31))
        #expect(cal.workingDay(n: 314, after: F.day(2025, 12, 31)) == F.day(2027, 1, 1))
    }

    /// Mon-Fri 08:00-17:00, Christmas Eve (Thu 2026-12-24) a half day 08:00-12:00, Christmas
    /// (Fri 2026-12-25) off.
    static let christmas = F.calendar(
        .utc, ranges: F.hours("08:00-17:00"),
        holidays: [
            Holiday(date: F.day(2026, 12, 24), hours: F.hours("08:00-12:00")), Holiday(date: F.day(2026, 12, 25)),
        ])

    @Test func halfDayHoliday() {
        let cal = Self.christmas
        let eve = F.day(2026, 12, 24)
        #expect(Array(cal.windows(on: eve)) == [F.at(.utc, eve, 8)..<F.at(.utc, eve, 12)])
        #expect(cal.isWorkingDay(eve) && cal.isHoliday(eve))
        #expect(cal.nonWorkingReason(eve) == nil)
        #expect(cal.nonWorkingReason(F.day(2026, 12, 25)) == "holiday")
        // Wed 12-23 12:00 → Mon 12-28 12:00: Wed 12:00-17:00 = 5 h, Thu 08:00-12:00 = 4 h, Fri
        // off, the weekend none, Mon 08:00-12:00 = 4 h: 13 h.
        let wed = F.at(.utc, F.day(2026, 12, 23), 12)
        #expect(cal.businessMillis(from: wed, to: F.at(.utc, F.day(2026, 12, 28), 12)) == 13 * F.hour)
        // 6 h from Wed 12:00: 5 h on Wednesday, Thu 08:00 + 1 h = 09:00.
        #expect(cal.instant(afterBusinessMillis: 6 * F.hour, from: wed) == F.at(.utc, eve, 9))
        // 9 h run out at Thu 12:00, the half day's end; the next window is Mon 12-28 08:00.
        #expect(cal.instant(afterBusinessMillis: 9 * F.hour, from: wed) == F.at(.utc, eve, 12))
        #expect(
            cal.lastMomentToMeet(SLADuration(seconds: 9 * 3600), clock: .business, from: wed)
                == F.at(.utc, F.day(2026, 12, 28), 8))
        // December 2026 (Tue 12-01 to Thu 12-31): 4 + 5 + 5 + 5 + 4 = 23 weekdays * 9 h = 207 h,
        // less Christmas (9 h) and the 5 h Christmas Eve does not work: 193 h.
        #expect(
            cal.businessMillis(from: F.at(.utc, F.day(2026, 12, 1), 0), to: F.at(.utc, F.day(2027, 1, 1), 0))
                == 193 * F.hour)
        // After Wed 12-23 through Mon 12-28: Thu 24 (a half day is a working day), Mon 28 = 2.
        #expect(cal.workingDays(after: F.day(2026, 12, 23), through: F.day(2026, 12, 28)) == 2)
        #expect(cal.workingDay(n: 2, after: F.day(2026, 12, 23)) == F.day(2026, 12, 28))
    }

    @Test func halfDayOnASunday() {
        // As `christmas`, and Sunday 2026-12-27 worked 10:00-12:00: a working day.
        var settings = Self.christmas.settings
        settings.holidays.append(Holiday(date: F.day(2026, 12, 27), hours: F.hours("10:00-12:00")))
        let cal = BusinessCalendar(zone: .utc, settings: settings)
        let sunday = F.day(2026, 12, 27)
        #expect(cal.isWorkingDay(sunday))
        #expect(cal.nonWorkingReason(sunday) == nil)
        #expect(cal.nonWorkingReason(F.day(2026, 12, 26)) == "weekend")
        // Sat 12-26 00:00 → Mon 12-28 00:00: Sunday's 2 h.
        #expect(
            cal.businessMillis(from: F.at(.utc, F.day(2026, 12, 26), 0), to: F.at(.utc, F.day(2026, 12, 28), 0))
                == 2 * F.hour)
        // After Thu 12-24 through Mon 12-28: Fri holiday, Sat no, Sun 27, Mon 28 = 2.
        #expect(cal.workingDays(after: F.day(2026, 12, 24), through: F.day(2026, 12, 28)) == 2)
        #expect(cal.workingDay(n: 1, after: F.day(2026, 12, 25)) == sunday)
        // All of 2026: 261 weekdays, less Christmas, plus the Sunday = 261 working days; the
        // 260th is Wed 12-30 and the 261st Thu 12-31 (found by skipping weeks).
        #expect(cal.workingDays(after: F.day(2025, 12, 31), through: F.day(2026, 12, 31)) == 261)
        #expect(cal.workingDay(n: 260, after: F.day(2025, 12, 31)) == F.day(2026, 12, 30))
        #expect(cal.workingDay(n: 261, after: F.day(2025, 12, 31)) == F.day(2026, 12, 31))
        // Business time in 2026: 261 * 9 h = 2349 h, less 9 h (Christmas) and 5 h (Christmas
        // Eve), plus 2 h (the Sunday) = 2337 h.
        #expect(
            cal.businessMillis(from: F.at(.utc, F.day(2026, 1, 1), 0), to: F.at(.utc, F.day(2027, 1, 1), 0))
                == 2337 * F.hour)
    }

    /// Mon-Fri and Sunday in `workdays`, but `[calendar.days]` lists Wednesday and Sunday with
    /// no ranges: both are non-working.
    @Test func weekdayMadeNonWorking() {
        let cal = F.calendar(
            .utc, ranges: F.hours("08:00-17:00"), workdays: [1, 2, 3, 4, 5, 7], days: [3: [], 7: []],
            holidays: [Holiday(date: F.day(2026, 10, 14))])
        #expect(!cal.isWorkingDay(F.day(2026, 10, 7)))
        #expect(cal.windows(on: F.day(2026, 10, 7)).isEmpty)
        #expect(cal.nonWorkingReason(F.day(2026, 10, 7)) == "not a workday")  // Wednesday
        #expect(cal.nonWorkingReason(F.day(2026, 10, 4)) == "weekend")  // Sunday, listed empty
        #expect(cal.nonWorkingReason(F.day(2026, 10, 3)) == "weekend")  // Saturday, not a workday
        #expect(cal.nonWorkingReason(F.day(2026, 10, 14)) == "holiday and not a workday")  // a Wednesday
        // Tue 10-06 16:00 → Thu 10-08 09:00: Tue 1 h, Wednesday none, Thu 1 h.
        #expect(
            cal.businessMillis(from: F.at(.utc, F.day(2026, 10, 6), 16), to: F.at(.utc, F.day(2026, 10, 8), 9))
                == 2 * F.hour)
        // A week: 4 * 9 h = 36 h; two weeks from Mon 10-05: 72 h (the holiday falls on a Wednesday).
        #expect(
            cal.businessMillis(from: F.at(.utc, F.day(2026, 10, 5), 0), to: F.at(.utc, F.day(2026, 10, 19), 0))
                == 72 * F.hour)
        // After Mon 10-05 through Mon 10-12: Tue, Thu, Fri, Mon = 4; the second is Thu 10-08.
        #expect(cal.workingDays(after: F.day(2026, 10, 5), through: F.day(2026, 10, 12)) == 4)
        #expect(cal.workingDay(n: 2, after: F.day(2026, 10, 5)) == F.day(2026, 10, 8))
    }

    /// Mondays 08:00-12:00 only, and Saturday and Sunday 2026-10-10/11 and 10-17 worked 10:00-14:00 as
    /// half days: the week-skipping paths must not jump over the weeks the half days make longer.
    @Test func halfDaysOnNonWorkingWeekdaysAreNotSkippedOver() {
        let cal = F.calendar(
            .utc, ranges: F.hours("08:00-12:00"), workdays: [1],
            holidays: [F.day(2026, 10, 10), F.day(2026, 10, 11), F.day(2026, 10, 17)].map {
                Holiday(date: $0, hours: F.hours("10:00-14:00"))
            })
        // After Sun 10-04: Mon 10-05 (1), Sat 10-10 (2), Sun 10-11 (3), Mon 10-12 (4), Sat 10-17 (5),
        // Mon 10-19 (6). With 4 left, skipping 4 / 1 - 1 = 3 weeks of one working day each would
        // land on Sun 10-25, past all 6.
        let sunday = F.day(2026, 10, 4)
        #expect(cal.workingDay(n: 4, after: sunday) == F.day(2026, 10, 12))
        #expect(cal.workingDay(n: 5, after: sunday) == F.day(2026, 10, 17))
        #expect(cal.workingDays(after: sunday, through: F.day(2026, 10, 25)) == 6)
        // 13 h from Sun 10-04 00:00: Mon 10-05 08:00-12:00 (4 h, 9 h left, more than two 4 h
        // weeks, but the next week holds 12 h), Sat 10-10 10:00-14:00 (5 h left), Sun 10-11
        // 10:00-14:00 (1 h left), Mon 10-12 08:00 + 1 h = 09:00.
        let start = F.at(.utc, sunday, 0)
        #expect(cal.instant(afterBusinessMillis: 13 * F.hour, from: start) == F.at(.utc, F.day(2026, 10, 12), 9))
        #expect(cal.businessMillis(from: start, to: F.at(.utc, F.day(2026, 10, 12), 9)) == 13 * F.hour)
    }

    /// Sydney leaves daylight time on Sunday 2026-04-05: 03:00 AEDT (UTC+11, 16:00Z on the 4th)
    /// becomes 02:00 AEST (UTC+10).
    @Test func sydneyAcrossTheAprilSwitch() throws {
        let sydney = try F.zone("Australia/Sydney")
        let cal = F.calendar(sydney, ranges: F.hours("08:00-12:00", "13:00-17:00"))
        // Friday's windows in AEDT: 08:00-12:00 = 21:00Z (Thu) - 01:00Z, 13:00-17:00 = 02:00Z - 06:00Z.
        let fri = F.day(2026, 4, 3)
        #expect(
            Array(cal.windows(on: fri)) == [
                F.at(.utc, F.day(2026, 4, 2), 21)..<F.at(.utc, fri, 1), F.at(.utc, fri, 2)..<F.at(.utc, fri, 6),
            ])
        // Monday's in AEST: 08:00 = 22:00Z (Sun) - 02:00Z, 13:00 = 03:00Z - 07:00Z.
        let mon = F.day(2026, 4, 6)
        #expect(
            Array(cal.windows(on: mon)) == [
                F.at(.utc, F.day(2026, 4, 5), 22)..<F.at(.utc, mon, 2), F.at(.utc, mon, 3)..<F.at(.utc, mon, 7),
            ])
        // A severity-3 target of 4 h from Fri 15:00 AEDT (04:00Z): Fri 04:00Z-06:00Z = 2 h, the
        // weekend none, Mon 22:00Z (Sun) + 2 h = 2026-04-06T00:00Z = Mon 10:00 AEST.
        let from = F.at(sydney, fri, 15)
        #expect(from == F.at(.utc, fri, 4))
        let due = cal.deadline(for: SLADuration(seconds: 4 * 3600), clock: .business, from: from)
        #expect(due == F.at(.utc, mon, 0))
        #expect(due == F.at(sydney, mon, 10))
        #expect(cal.lastMomentToMeet(SLADuration(seconds: 4 * 3600), clock: .business, from: from) == due)
        #expect(cal.businessMillis(from: from, to: due) == 4 * F.hour)
        // On the 24x7 clock the same span is 04-03 04:00Z → 04-06 00:00Z = 68 h, though the wall
        // clock moved only 67 h (Fri 15:00 → Mon 10:00).
        #expect(cal.elapsed(from: from, to: due, clock: .twentyFourSeven) == 68 * F.hour)
    }

    /// Sydney, with Sunday 00:00-03:00 worked besides the split shift: on 2026-04-05 the hour
    /// 02:00-03:00 happens twice, so the window is 00:00 AEDT (13:00Z on the 4th) to 03:00 AEST
    /// (17:00Z): 4 h.
    @Test func sydneyWindowThroughTheRepeatedHour() throws {
        let sydney = try F.zone("Australia/Sydney")
        let cal = F.calendar(
            sydney, ranges: F.hours("08:00-12:00", "13:00-17:00"), days: [7: F.hours("00:00-03:00")])
        let sunday = F.day(2026, 4, 5)
        #expect(
            Array(cal.windows(on: sunday)) == [F.at(.utc, F.day(2026, 4, 4), 13)..<F.at(.utc, F.day(2026, 4, 4), 17)])
        #expect(
            cal.businessMillis(from: F.at(sydney, F.day(2026, 4, 4), 12), to: F.at(sydney, sunday, 12)) == 4 * F.hour)
        // Two weeks from Mon 2026-03-30 00:00: nominally 2 * (5 * 8 h + 3 h) = 86 h, and the
        // switch Sunday works 4 h: 87 h (whole weeks counted, then that Sunday corrected).
        let start = F.at(sydney, F.day(2026, 3, 30), 0)
        #expect(cal.businessMillis(from: start, to: F.at(sydney, F.day(2026, 4, 13), 0)) == 87 * F.hour)
        // Week 1: 40 h to Fri 04-03 17:00, the switch Sunday 4 h (44 h); week 2: 40 h to
        // Fri 04-10 17:00 AEST (84 h), then Sun 04-12 00:00-03:00 (87 h).
        #expect(
            cal.instant(afterBusinessMillis: 84 * F.hour, from: start) == F.at(.utc, F.day(2026, 4, 10), 7))
        #expect(
            cal.lastMomentToMeet(SLADuration(seconds: 84 * 3600), clock: .business, from: start)
                == F.at(.utc, F.day(2026, 4, 11), 14))  // Sun 04-12 00:00 AEST
        #expect(
            cal.instant(afterBusinessMillis: 87 * F.hour, from: start) == F.at(.utc, F.day(2026, 4, 11), 17))
    }

    /// New York springs forward on Sunday 2026-03-08: 02:00 EST (07:00Z) becomes 03:00 EDT, so
    /// 02:00-03:00 never happens.
    @Test func splitShiftTouchingTheMarchGap() throws {
        let ny = try F.zone("America/New_York")
        let cal = F.calendar(ny, ranges: F.hours("00:00-03:00", "08:00-17:00"), workdays: Set(1...7))
        let sunday = F.day(2026, 3, 8)
        // 00:00 EST (05:00Z) to 03:00 EDT (07:00Z) = 2 h; 08:00 EDT (12:00Z) to 17:00 EDT (21:00Z) = 9 h.
        #expect(
            Array(cal.windows(on: sunday)) == [
                F.at(.utc, sunday, 5)..<F.at(.utc, sunday, 7), F.at(.utc, sunday, 12)..<F.at(.utc, sunday, 21),
            ])
        // The whole Sunday: 11 h, where the wall clock says 3 h + 9 h = 12 h; Saturday 12 h.
        #expect(cal.businessMillis(from: F.at(ny, sunday, 0), to: F.at(ny, F.day(2026, 3, 9), 0)) == 11 * F.hour)
        #expect(cal.businessMillis(from: F.at(ny, F.day(2026, 3, 7), 0), to: F.at(ny, sunday, 0)) == 12 * F.hour)
        // 2 h from Sat 17:00 EST run out at 07:00Z (03:00 EDT), the end of Sunday's first window;
        // the last moment is the next window's start, 08:00 EDT (12:00Z). 2 h 30 min: 12:30Z.
        let sat = F.at(ny, F.day(2026, 3, 7), 17)
        #expect(cal.instant(afterBusinessMillis: 2 * F.hour, from: sat) == F.at(.utc, sunday, 7))
        #expect(cal.lastMomentToMeet(SLADuration(seconds: 7200), clock: .business, from: sat) == F.at(.utc, sunday, 12))
        #expect(cal.instant(afterBusinessMillis: 150 * F.minute, from: sat) == F.at(.utc, sunday, 12, 30))
        // Two weeks, Mon 03-02 00:00 EST → Mon 03-16 00:00 EDT: 14 * 12 h less the lost hour = 167 h.
        #expect(
            cal.businessMillis(from: F.at(ny, F.day(2026, 3, 2), 0), to: F.at(ny, F.day(2026, 3, 16), 0))
                == 167 * F.hour)
    }

    @Test func windowsInTheGapDoNotOverlap() throws {
        let ny = try F.zone("America/New_York")
        // 00:00-02:30 and 03:00-05:00 on the March switch: the first ends in the gap and moves
        // forward to 03:30 EDT (07:30Z), past the second's start, 03:00 EDT (07:00Z), which is moved
        // up to 07:30Z: 05:00Z-07:30Z and 07:30Z-09:00Z (05:00 EDT). Together 4 h, the real time
        // from 00:00 EST to 05:00 EDT, not 4 h 30 min.
        let cal = F.calendar(ny, ranges: F.hours("00:00-02:30", "03:00-05:00"), workdays: Set(1...7))
        let sunday = F.day(2026, 3, 8)
        #expect(
            Array(cal.windows(on: sunday)) == [
                F.at(.utc, sunday, 5)..<F.at(.utc, sunday, 7, 30), F.at(.utc, sunday, 7, 30)..<F.at(.utc, sunday, 9),
            ])
        #expect(cal.businessMillis(from: F.at(ny, sunday, 0), to: F.at(ny, sunday, 12)) == 4 * F.hour)
        // Samoa skipped Friday 2011-12-30 (UTC-10 became UTC+14 at Thu 24:00, 10:00Z). With
        // 08:00-17:00 every day, Friday's hours move forward a whole day, onto Saturday's
        // 08:00-17:00 (+14: 12-30 18:00Z to 12-31 03:00Z), which then counts nothing more:
        // Thu 12-29 18:00Z-03:00Z and Sat 9 h = 18 h from Thu 00:00 to Sun 00:00 local.
        let apia = try F.zone("Pacific/Apia")
        let samoa = F.calendar(apia, ranges: F.hours("08:00-17:00"), workdays: Set(1...7))
        #expect(samoa.windows(on: F.day(2011, 12, 31)).map(\.isEmpty) == [true])
        #expect(
            samoa.businessMillis(from: F.at(.utc, F.day(2011, 12, 29), 10), to: F.at(.utc, F.day(2011, 12, 31), 10))
                == 18 * F.hour)
    }
}
