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

    /// The calendar of `settings`, as it is and with the windows of a part of the checked range
    /// worked out ahead (days 8 to 20 after `start`): both must agree with the reference, on
    /// the days in the table, outside it and across its ends.
    private static func plainAndTabled(
        _ zone: TimeZoneRules, _ settings: CalendarSettings, around start: Instant
    ) -> [BusinessCalendar] {
        let plain = BusinessCalendar(zone: zone, settings: settings)
        let first = plain.localDate(of: start)
        return [plain, plain.withWindows(from: first.adding(days: 8), through: first.adding(days: 20))]
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
        let got = calendar.instant(afterBusinessMillis: amount * reference.step, from: reference.instant(i))
        #expect(got == reference.instant(low), "deadline from step \(i) after \(amount) steps")
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
