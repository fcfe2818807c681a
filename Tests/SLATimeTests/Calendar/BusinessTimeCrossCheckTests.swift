import Foundation
import TestSupport
import Testing

@testable import SLATime

private typealias F = CalendarFixture

/// What Foundation's calendar says the local clock shows at each step of a range of instants.
///
/// This is the independent reference: it never calls `TimeZoneRules` or `BusinessCalendar`.
private struct WallClockReadings {
    let start: Instant
    let step: Int64
    /// Per step: local date, ISO weekday and second of the day, as Foundation reads them.
    let readings: [(date: CivilDate, isoWeekday: Int, secondOfDay: Int)]

    init(zone id: String, startSeconds: Int64, steps: Int, step: Int64) throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: id))
        self.start = Instant(seconds: startSeconds)
        self.step = step
        readings = (0..<steps).map { index in
            let seconds = startSeconds + Int64(index) * step / 1000
            let parts = calendar.dateComponents(
                [.year, .month, .day, .hour, .minute, .second, .weekday],
                from: Date(timeIntervalSince1970: TimeInterval(seconds))
            )
            let weekday = parts.weekday ?? 0  // Foundation: 1 = Sunday ... 7 = Saturday
            return (
                CivilDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0),
                weekday == 1 ? 7 : weekday - 1,
                (parts.hour ?? 0) * 3600 + (parts.minute ?? 0) * 60 + (parts.second ?? 0)
            )
        }
    }

    /// `prefix[k]` = how many of the first `k` steps are working time under `settings`.
    func prefix(_ settings: CalendarSettings) -> [Int64] {
        var sums: [Int64] = [0]
        sums.reserveCapacity(readings.count + 1)
        for reading in readings {
            let working = settings.hours(on: reading.date).contains {
                reading.secondOfDay >= $0.start && reading.secondOfDay < $0.end
            }
            sums.append((sums.last ?? 0) + (working ? 1 : 0))
        }
        return sums
    }

    func instant(_ index: Int) -> Instant { start.adding(millis: Int64(index) * step) }
}

/// One calendar to cross-check: workdays, working hours (seconds of the day), holidays.
private struct Setup {
    let workdays: Set<Int>
    let start: Int
    let end: Int
    let holidays: [CivilDate]

    var settings: CalendarSettings {
        CalendarSettings(workdays: workdays, workStart: start, workEnd: end, holidays: holidays)
    }
}

/// Random version-2 calendars: split shifts, per-weekday hours (some weekdays made non-working),
/// whole holidays and half days.
///
/// Range bounds lie on a grid and never strictly between 01:00 and 03:00 local, where the zones
/// checked skip or repeat an hour and the two policies legitimately differ (a bound inside a
/// gap moves forward here; a bound inside a repeated hour is its first occurrence here, while
/// the brute force counts both).
private enum RandomCalendar {
    /// 1 to `maxCount` ascending, disjoint ranges with bounds on multiples of `step` seconds.
    static func ranges(_ random: inout SplitMix64, step: Int, maxCount: Int = 3) -> [TimeRange] {
        var grid = stride(from: 0, through: 86_400, by: step).filter { $0 <= 3600 || $0 >= 3 * 3600 }
        var bounds: [Int] = []
        for _ in 0..<(2 * (1 + random.below(maxCount))) { bounds.append(grid.remove(at: random.below(grid.count))) }
        bounds.sort()
        return stride(from: 0, to: bounds.count, by: 2).map { TimeRange(start: bounds[$0], end: bounds[$0 + 1]) }
    }

    /// A calendar with up to five holidays among the `span` days from `first`.
    static func settings(_ random: inout SplitMix64, step: Int, holidaysFrom first: CivilDate, span: Int)
        -> CalendarSettings
    {
        let workdays = Set((1...7).filter { _ in random.below(7) < 5 })
        var days: [Int: [TimeRange]] = [:]
        for weekday in 1...7 where random.below(4) == 0 {
            days[weekday] = random.below(3) == 0 ? [] : ranges(&random, step: step)
        }
        let holidays = (0..<random.below(6)).map { _ in
            Holiday(
                date: first.adding(days: random.below(span)),
                hours: random.below(2) == 0 ? [] : ranges(&random, step: step, maxCount: 2))
        }
        var settings = CalendarSettings(
            hours: ranges(&random, step: step), workdays: workdays, days: days, holidays: holidays)
        if (1...7).allSatisfy({ settings.hours(onWeekday: $0).isEmpty }) {  // a week must work
            settings.workdays.insert(1)
            settings.days[1] = nil
        }
        return settings
    }
}

/// Random pairs of instants checked against a brute force over Foundation's wall-clock readings.
@Suite struct BusinessTimeCrossCheckTests {
    /// Bounds avoid the gap itself (02:00-03:00), where the two policies legitimately differ.
    private static let setups: [String: [Setup]] = [
        "America/New_York": [
            Setup(
                workdays: [1, 2, 3, 4, 5], start: 8 * 3600, end: 17 * 3600,
                holidays: [F.day(2026, 3, 10), F.day(2026, 11, 3)]),
            Setup(workdays: [7, 1, 3], start: 0, end: 86_400, holidays: []),
            Setup(workdays: Set(1...7), start: 3600, end: 4 * 3600, holidays: [F.day(2026, 3, 12)]),
        ],
        "Europe/Berlin": [
            Setup(
                workdays: [1, 2, 3, 4, 5], start: 8 * 3600, end: 17 * 3600,
                holidays: [F.day(2026, 4, 3), F.day(2026, 4, 6)]),
            Setup(workdays: [6, 7], start: 5400, end: 12_600, holidays: []),  // 01:30-03:30
        ],
    ]

    /// Four weeks around each 2026 switch, minute by minute; 20 pairs per setup and range
    /// (3 * 2 * 20 + 2 * 2 * 20 = 200 pairs), each also checked as a deadline.
    @Test(arguments: [
        // 2026-02-23 and 2026-10-19 00:00Z (New York switches 03-08, 11-01);
        // 2026-03-16 and 2026-10-12 00:00Z (Berlin switches 03-29, 10-25).
        ("America/New_York", [Int64(1_771_804_800), 1_792_368_000]),
        ("Europe/Berlin", [Int64(1_773_619_200), 1_791_763_200]),
    ])
    func minuteByMinuteAroundTheSwitches(id: String, starts: [Int64]) throws {
        let zone = try F.zone(id)
        var random = SplitMix64(seed: 0xCA1E_0000 &+ UInt64(id.utf8.count))
        for startSeconds in starts {
            let steps = 28 * 1440
            let reference = try WallClockReadings(zone: id, startSeconds: startSeconds, steps: steps, step: F.minute)
            for setup in Self.setups[id] ?? [] {
                let prefix = reference.prefix(setup.settings)
                for calendar in Self.plainAndTabled(zone, setup.settings, around: reference.instant(0)) {
                    for _ in 0..<20 {
                        let i = Int(random.next() % UInt64(steps))
                        let j = Int(random.next() % UInt64(steps))
                        let expected = j > i ? (prefix[j] - prefix[i]) * F.minute : 0
                        let got = calendar.businessMillis(from: reference.instant(i), to: reference.instant(j))
                        #expect(got == expected, "\(id) \(setup.workdays) from step \(i) to \(j)")
                        checkDeadline(calendar, reference, prefix, from: i, random: &random)
                    }
                }
            }
        }
    }

    /// All of 2026 hour by hour: long spans go through the week-skipping paths.
    @Test(arguments: ["America/New_York", "Europe/Berlin"])
    func hourByHourOverAYear(id: String) throws {
        let zone = try F.zone(id)
        let steps = 366 * 24
        // 2025-12-31T00:00Z, so that the range covers every local hour of 2026.
        let reference = try WallClockReadings(zone: id, startSeconds: 1_767_139_200, steps: steps, step: F.hour)
        let setup = Setup(
            workdays: [1, 2, 3, 4, 5], start: 8 * 3600, end: 17 * 3600,
            holidays: [F.day(2026, 1, 1), F.day(2026, 5, 1), F.day(2026, 7, 3), F.day(2026, 12, 25)]
        )
        let prefix = reference.prefix(setup.settings)
        var random = SplitMix64(seed: 0x7EA2 &+ UInt64(id.utf8.count))
        for calendar in Self.plainAndTabled(zone, setup.settings, around: reference.instant(0)) {
            for _ in 0..<40 {
                let i = Int(random.next() % UInt64(steps))
                let j = Int(random.next() % UInt64(steps))
                let expected = j > i ? (prefix[j] - prefix[i]) * F.hour : 0
                #expect(calendar.businessMillis(from: reference.instant(i), to: reference.instant(j)) == expected)
                checkDeadline(calendar, reference, prefix, from: i, random: &random)
            }
        }
    }

    /// Random version-2 calendars, four weeks minute by minute: around each 2026 switch, and in
    /// Kathmandu (UTC+05:45, no switches) over Christmas. 6 calendars per zone and range, plain
    /// and tabled, 15 pairs each, each pair also checked as a deadline; working days counted.
    @Test(arguments: [
        ("America/New_York", [CivilDate(year: 2026, month: 2, day: 23), CivilDate(year: 2026, month: 10, day: 19)]),
        ("Europe/Berlin", [CivilDate(year: 2026, month: 3, day: 16), CivilDate(year: 2026, month: 10, day: 12)]),
        // Sydney switches on 2026-04-05 and 2026-10-04, St. John's (UTC-03:30) with New York.
        ("Australia/Sydney", [CivilDate(year: 2026, month: 3, day: 23), CivilDate(year: 2026, month: 9, day: 21)]),
        ("America/St_Johns", [CivilDate(year: 2026, month: 2, day: 23), CivilDate(year: 2026, month: 10, day: 19)]),
        ("Asia/Kathmandu", [CivilDate(year: 2026, month: 12, day: 7)]),
    ])
    func randomCalendarsMinuteByMinute(id: String, starts: [CivilDate]) throws {
        let zone = try F.zone(id)
        var random = SplitMix64(seed: 0x5B11_7000 &+ UInt64(id.utf8.count))
        for first in starts {
            let steps = 28 * 1440
            let reference = try WallClockReadings(
                zone: id, startSeconds: Int64(first.daysSinceEpoch) * 86_400, steps: steps, step: F.minute)
            for _ in 0..<6 {
                let settings = RandomCalendar.settings(&random, step: 900, holidaysFrom: first, span: 28)
                let prefix = reference.prefix(settings)
                let calendars = Self.plainAndTabled(zone, settings, around: reference.instant(0))
                checkWindows(calendars, from: first.adding(days: -1), days: 30)
                for calendar in calendars {
                    for _ in 0..<15 {
                        let i = random.below(steps)
                        let j = random.below(steps)
                        let expected = j > i ? (prefix[j] - prefix[i]) * F.minute : 0
                        let got = calendar.businessMillis(from: reference.instant(i), to: reference.instant(j))
                        #expect(got == expected, "\(id) \(settings) from step \(i) to \(j)")
                        checkDeadline(calendar, reference, prefix, from: i, random: &random)
                        checkWorkingDays(calendar, from: first, span: 28, maxN: 30, random: &random)
                    }
                }
            }
        }
    }

    /// Random version-2 calendars over all of 2026 hour by hour (whole-hour bounds, holidays
    /// anywhere in the year): long spans go through the week-skipping paths, long working-day
    /// counts through the skipping in `workingDay(n:after:)`.
    @Test(arguments: ["America/New_York", "Europe/Berlin", "Australia/Sydney"])
    func randomCalendarsHourByHourOverAYear(id: String) throws {
        let zone = try F.zone(id)
        let steps = 368 * 24
        // 2025-12-31T00:00Z to 2027-01-03: every local hour of 2026 in these zones.
        let reference = try WallClockReadings(zone: id, startSeconds: 1_767_139_200, steps: steps, step: F.hour)
        var random = SplitMix64(seed: 0xA11_2026 &+ UInt64(id.utf8.count))
        for _ in 0..<5 {
            let settings = RandomCalendar.settings(
                &random, step: 3600, holidaysFrom: F.day(2026, 1, 1), span: 365)
            let prefix = reference.prefix(settings)
            let calendars = Self.plainAndTabled(zone, settings, around: reference.instant(0))
            checkWindows(calendars, from: F.day(2025, 12, 31), days: 368)
            for calendar in calendars {
                for _ in 0..<30 {
                    let i = random.below(steps)
                    let j = random.below(steps)
                    let expected = j > i ? (prefix[j] - prefix[i]) * F.hour : 0
                    let got = calendar.businessMillis(from: reference.instant(i), to: reference.instant(j))
                    #expect(got == expected, "\(id) \(settings) from step \(i) to \(j)")
                    checkDeadline(calendar, reference, prefix, from: i, random: &random)
                    checkWorkingDays(calendar, from: F.day(2026, 1, 1), span: 365, maxN: 300, random: &random)
                }
            }
        }
    }

    /// The calendar of `settings`, as it is, with the windows of a part of the checked range
    /// worked out ahead (days 8 to 20 after `start`), and with those of all of it: each must
    /// agree with the reference, on the days in the table (where business time and deadlines
    /// are read from the table's running totals), outside it and across its ends.
    private static func plainAndTabled(
        _ zone: TimeZoneRules, _ settings: CalendarSettings, around start: Instant
    ) -> [BusinessCalendar] {
        let plain = BusinessCalendar(zone: zone, settings: settings)
        let first = plain.localDate(of: start)
        return [
            plain, plain.withWindows(from: first.adding(days: 8), through: first.adding(days: 20)),
            plain.withWindows(from: first.adding(days: -2), through: first.adding(days: 400)),
        ]
    }

    /// Checks `instant(afterBusinessMillis:from:)` for a random amount that ends inside the range.
    private func checkDeadline(
        _ calendar: BusinessCalendar, _ reference: WallClockReadings, _ prefix: [Int64], from i: Int,
        random: inout SplitMix64
    ) {
        let available = (prefix.last ?? 0) - prefix[i]
        guard available > 0 else { return }
        let amount = 1 + Int64(random.next() % UInt64(available))
        // The first k with prefix[k] - prefix[i] == amount: the end of the step that uses it up.
        var low = i
        var high = prefix.count - 1
        while low < high {
            let mid = (low + high) / 2
            if prefix[mid] - prefix[i] < amount { low = mid + 1 } else { high = mid }
        }
        let from = reference.instant(i)
        let got = calendar.instant(afterBusinessMillis: amount * reference.step, from: from)
        #expect(got == reference.instant(low), "deadline from step \(i) after \(amount) steps")
        // The inverse: that much business time lies between `from` and the deadline, and one
        // millisecond less just before it.
        #expect(calendar.businessMillis(from: from, to: got) == amount * reference.step)
        #expect(calendar.businessMillis(from: from, to: got.adding(millis: -1)) == amount * reference.step - 1)
        // The last moment to meet it: the start of the first working step at or after the deadline.
        if let next = (low..<reference.readings.count).first(where: { prefix[$0 + 1] > prefix[$0] }) {
            let target = SLADuration(seconds: Int(amount * reference.step / 1000))
            #expect(
                calendar.lastMomentToMeet(target, clock: .business, from: from) == reference.instant(next),
                "last moment from step \(i) after \(amount) steps")
        }
    }

    /// Checks `workingDay(n:after:)`, `workingDays(after:through:)`, `isWorkingDay` and
    /// `nonWorkingReason` against counting day by day the dates with working hours
    /// (`settings.hours(on:)`), from a random date of the `span` days from `first`.
    private func checkWorkingDays(
        _ calendar: BusinessCalendar, from first: CivilDate, span: Int, maxN: Int, random: inout SplitMix64
    ) {
        let works = { (date: CivilDate) in !calendar.settings.hours(on: date).isEmpty }
        let start = first.adding(days: random.below(span))
        #expect(calendar.isWorkingDay(start) == works(start))
        #expect((calendar.nonWorkingReason(start) == nil) == works(start))
        let n = random.below(maxN + 1)
        var expected = start
        var left = n
        while left > 0 {
            expected = expected.adding(days: 1)
            if works(expected) { left -= 1 }
        }
        #expect(calendar.workingDay(n: n, after: start) == expected, "\(n) working days after \(start)")
        let through = start.adding(days: random.below(2 * maxN + 2) - maxN / 2)
        var count = 0
        var day = start.adding(days: 1)
        while day <= through {
            if works(day) { count += 1 }
            day = day.adding(days: 1)
        }
        #expect(calendar.workingDays(after: start, through: through) == count, "after \(start) through \(through)")
    }

    /// Checks that each day's windows are one per range of its hours, in order, clear of the
    /// windows before them (the day before's too), and the same with and without the table.
    private func checkWindows(_ calendars: [BusinessCalendar], from first: CivilDate, days: Int) {
        guard let plain = calendars.first else { return }
        var previousEnd = Instant(millis: .min)
        for offset in 0..<days {
            let day = first.adding(days: offset)
            let windows = Array(plain.windows(on: day))
            #expect(windows.count == plain.settings.hours(on: day).count)
            for calendar in calendars.dropFirst() { #expect(Array(calendar.windows(on: day)) == windows) }
            for window in windows where !window.isEmpty {
                #expect(window.lowerBound >= previousEnd, "\(day): \(windows)")
                previousEnd = window.upperBound
            }
        }
    }
}

/// Internal consistency in zones with unusual switches, where a Foundation brute force would need
/// the same gap policy: the arithmetic paths agree with the day-by-day ones.
@Suite struct BusinessTimeConsistencyTests {
    @Test(arguments: ["America/Santiago", "Australia/Lord_Howe", "Pacific/Apia", "America/Havana", "Asia/Tehran"])
    func fastPathsAgreeWithDayByDay(id: String) throws {
        let zone = try F.zone(id)
        var random = SplitMix64(seed: 0xFA57 &+ UInt64(id.utf8.count))
        let hours = [(0, 86_400), (8 * 3600, 17 * 3600), (1800, 5400), (23 * 3600, 86_400)]
        let low: Int64 = 1_293_840_000  // 2011-01-01T00:00Z
        let span: Int64 = 16 * 365 * 86_400
        for round in 0..<60 {
            let (start, end) = hours[round % hours.count]
            let calendar = F.calendar(
                zone, workdays: [1, 2, 3, 4, 6], from: start, to: end,
                holidays: [F.day(2011, 12, 29), F.day(2020, 1, 1)]
            )
            let from = Instant(seconds: low + Int64(random.next() % UInt64(span)))
            let to = from.adding(millis: Int64(random.next() % UInt64(400 * 86_400_000)))
            let first = calendar.localDate(of: from).adding(days: -1)
            let last = calendar.localDate(of: to).adding(days: 1)
            let slow = calendar.overlapMillis(from: from, to: to, days: first, through: last)
            #expect(calendar.businessMillis(from: from, to: to) == slow, "\(id) \(from) \(to)")
            // The deadline of that much business time is reached by `to`, and not before the
            // last business millisecond of the span.
            guard slow > 0 else { continue }
            let due = calendar.instant(afterBusinessMillis: slow, from: from)
            #expect(due <= to)
            #expect(calendar.businessMillis(from: from, to: due) == slow)
            #expect(calendar.businessMillis(from: from, to: due.adding(millis: -1)) == slow - 1)
        }
    }
}
