import TestSupport
import Testing

@testable import SLATime

@Suite("Civil dates")
struct CivilDateTests {
    /// Days from 1970-01-01, counted by hand over whole years and months (independent of the
    /// conversion under test).
    static func countedDays(_ date: CivilDate) -> Int {
        var days = 0
        for y in 1970..<date.year { days += (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 366 : 365 }
        for m in 1..<date.month { days += CivilDate.daysIn(month: m, year: date.year) }
        return days + date.day - 1
    }

    @Test("Days since the epoch and back, for every day from 1970 to 2101")
    func conversions() {
        var date = CivilDate(year: 1970, month: 1, day: 1)
        var expected = 0
        while date.year < 2102 {
            #expect(date.daysSinceEpoch == expected, "\(date)")
            #expect(CivilDate(daysSinceEpoch: expected) == date)
            expected += 1
            // The next day by hand: the day after the month's last is the next month's first.
            if date.day < CivilDate.daysIn(month: date.month, year: date.year) {
                date.day += 1
            } else if date.month < 12 {
                date = CivilDate(year: date.year, month: date.month + 1, day: 1)
            } else {
                date = CivilDate(year: date.year + 1, month: 1, day: 1)
            }
        }
        #expect(CivilDateTests.countedDays(CivilDate(year: 2026, month: 10, day: 31)) == 20_757)
        #expect(CivilDate(year: 2026, month: 10, day: 31).daysSinceEpoch == 20_757)
    }

    @Test("Adding days agrees with the full conversion, across month, leap-day and year ends")
    func addingDays() {
        let steps = [-400, -31, -29, -28, -2, -1, 0, 1, 2, 3, 27, 28, 29, 30, 31, 32, 365, 366]
        var day = CivilDate(year: 1999, month: 12, day: 1).daysSinceEpoch
        let last = CivilDate(year: 2001, month: 3, day: 31).daysSinceEpoch
        while day <= last {
            let date = CivilDate(daysSinceEpoch: day)
            for n in steps {
                #expect(date.adding(days: n) == CivilDate(daysSinceEpoch: day + n), "\(date) + \(n)")
            }
            day += 1
        }
        // A date built out of range (day 31 of April) is still moved by the full conversion.
        #expect(CivilDate(year: 2026, month: 4, day: 31).adding(days: 1) == CivilDate(year: 2026, month: 5, day: 2))
    }

    @Test("The fast conversions agree with Howard Hinnant's, at every day of ±2,700 years and at random far out")
    func fastConversionsAgree() {
        // Every day from 700 BC to AD 4700, there and back.
        for days in -1_000_000...1_000_000 {
            let date = CivilDate(daysSinceEpoch: days)
            if date != CivilDate.civilFromDays(days) || date.daysSinceEpoch != days {
                Issue.record("day \(days): \(date), expected \(CivilDate.civilFromDays(days))")
                break
            }
        }
        // Random days and dates over the whole range of the fast paths and past both ends,
        // days 29-31 of every month included (built out of range on purpose).
        var rng = SplitMix64(seed: 20_261_123)
        for _ in 0..<200_000 {
            let days = Int(rng.below(320_000_000)) - 20_000_000
            #expect(CivilDate(daysSinceEpoch: days) == CivilDate.civilFromDays(days), "day \(days)")
            let year = Int(rng.below(1_100_000)) - 40_000
            let month = 1 + Int(rng.below(12))
            let day = 1 + Int(rng.below(31))
            #expect(
                CivilDate(year: year, month: month, day: day).daysSinceEpoch
                    == CivilDate.daysFromCivil(year, month, day), "\(year)-\(month)-\(day)")
        }
        // The edges of the fast paths, on both sides.
        for year in [-32_801, -32_800, -32_799, 999_999, 1_000_000] {
            for (month, day) in [(1, 1), (2, 28), (3, 1), (12, 31)] {
                #expect(
                    CivilDate(year: year, month: month, day: day).daysSinceEpoch
                        == CivilDate.daysFromCivil(year, month, day), "\(year)-\(month)-\(day)")
            }
        }
        let low = -CivilDate.shiftDays
        for days in [low - 1, low, low + 1, 299_999_999, 300_000_000] {
            #expect(CivilDate(daysSinceEpoch: days) == CivilDate.civilFromDays(days), "day \(days)")
        }
    }
}
