import Foundation
import TestSupport
import Testing

@testable import SLATime

// Expected instants were computed independently with Python's `zoneinfo` (fold=0, which
// has the same gap/overlap policy) and `date -u`, not with this code.

private func rules(_ id: String) throws -> TimeZoneRules {
    try #require(TimeZoneRules(identifier: id))
}

private func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d) }

private func sod(_ h: Int, _ m: Int, _ s: Int = 0) -> Int { h * 3600 + m * 60 + s }

@Suite struct TimeZoneRulesTests {
    @Test func unknownZoneIsNil() {
        #expect(TimeZoneRules(identifier: "Mars/Olympus_Mons") == nil)
        #expect(TimeZoneRules(identifier: "") == nil)
    }

    @Test func utcIsTrivial() throws {
        let utc = TimeZoneRules.utc
        #expect(utc.isUTC)
        #expect(utc.identifier == "UTC")
        #expect(utc.transitionCount == 0)
        #expect(utc.offsetSeconds(at: Instant(millis: 1_791_036_300_000)) == 0)
        #expect(utc.instant(forLocal: day(2026, 10, 3), secondOfDay: sod(14, 5)) == Instant(millis: 1_791_036_300_000))
        let local = utc.localDateTime(of: Instant(millis: 1_791_036_300_123))
        #expect(local == LocalDateTime(date: day(2026, 10, 3), secondOfDay: sod(14, 5), millis: 123))
        #expect(try rules("UTC").isUTC)
        #expect(try rules("Etc/UTC").isUTC)
    }

    @Test func beforeEpochFloorsToThePreviousDay() {
        let local = TimeZoneRules.utc.localDateTime(of: Instant(millis: -500))
        #expect(local == LocalDateTime(date: day(1969, 12, 31), secondOfDay: 86_399, millis: 500))
        #expect(TimeZoneRules.utc.instant(forLocal: local) == Instant(millis: -500))
    }

    @Test func newYorkSpringForward() throws {
        let ny = try rules("America/New_York")
        let before = ny.instant(forLocal: day(2026, 3, 8), secondOfDay: sod(1, 59, 59))
        let after = ny.instant(forLocal: day(2026, 3, 8), secondOfDay: sod(3, 0))
        #expect(before == Instant(millis: 1_772_953_199_000))
        #expect(after == Instant(millis: 1_772_953_200_000))
        #expect(after.millis - before.millis == 1000)
        // 02:30 does not exist; moved forward by the gap: 03:30 EDT = 07:30Z.
        #expect(ny.instant(forLocal: day(2026, 3, 8), secondOfDay: sod(2, 30)) == Instant(millis: 1_772_955_000_000))
        // 02:00 exactly is the start of the gap: 03:00 EDT.
        #expect(ny.instant(forLocal: day(2026, 3, 8), secondOfDay: sod(2, 0)) == after)
        // The switch is at 07:00Z.
        #expect(ny.offsetSeconds(at: Instant(millis: 1_772_953_200_000 - 1)) == -5 * 3600)
        #expect(ny.offsetSeconds(at: Instant(millis: 1_772_953_200_000)) == -4 * 3600)
        #expect(ny.startOfDay(day(2026, 3, 8)) == Instant(millis: 1_772_946_000_000))
    }

    @Test func newYorkFallBack() throws {
        let ny = try rules("America/New_York")
        // 01:30 happens twice; the earlier (EDT) one is chosen: 05:30Z, not 06:30Z.
        #expect(ny.instant(forLocal: day(2026, 11, 1), secondOfDay: sod(1, 30)) == Instant(millis: 1_793_511_000_000))
        #expect(
            ny.instant(forLocal: day(2026, 11, 1), secondOfDay: sod(0, 59, 59)) == Instant(millis: 1_793_509_199_000))
        #expect(ny.instant(forLocal: day(2026, 11, 1), secondOfDay: sod(2, 0)) == Instant(millis: 1_793_516_400_000))
        // The switch is at 06:00Z.
        #expect(ny.offsetSeconds(at: Instant(millis: 1_793_512_800_000 - 1)) == -4 * 3600)
        #expect(ny.offsetSeconds(at: Instant(millis: 1_793_512_800_000)) == -5 * 3600)
        // Both occurrences of 01:30 read back as 01:30.
        let first = ny.localDateTime(of: Instant(millis: 1_793_511_000_000))
        let second = ny.localDateTime(of: Instant(millis: 1_793_514_600_000))
        #expect(first == second)
        #expect(first == LocalDateTime(date: day(2026, 11, 1), secondOfDay: sod(1, 30)))
    }

    /// Every hour (and a few odd seconds) across both 2026 switches reads back as Foundation's
    /// calendar says, and converts back to itself, except the second pass through the overlap.
    @Test(arguments: [
        ("America/New_York", 1_772_863_200, 1_793_426_400), ("Europe/Berlin", 1_774_656_000, 1_792_800_000),
    ])
    func roundTripsAcrossSwitches(id: String, spring: Int, fall: Int) throws {
        let zone = try rules(id)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: id))
        var overlapSeen = 0
        for start in [Int64(spring), Int64(fall)] {
            for step in stride(from: Int64(0), to: 72 * 3600, by: 1800) {
                let instant = Instant(seconds: start + step + (step % 3600 == 0 ? 0 : 7))
                let local = zone.localDateTime(of: instant)
                let parts = calendar.dateComponents(
                    [.year, .month, .day, .hour, .minute, .second],
                    from: Date(timeIntervalSince1970: TimeInterval(instant.millis) / 1000)
                )
                #expect(local.date == day(parts.year ?? 0, parts.month ?? 0, parts.day ?? 0))
                #expect(local.secondOfDay == sod(parts.hour ?? -1, parts.minute ?? 0, parts.second ?? 0))
                let back = zone.instant(forLocal: local)
                if back != instant {
                    // Only the later occurrence of an overlapped hour may map elsewhere: to the earlier.
                    #expect(back.millis == instant.millis - 3_600_000)
                    #expect(zone.offsetSeconds(at: back) - zone.offsetSeconds(at: instant) == 3600)
                    overlapSeen += 1
                }
            }
        }
        #expect(overlapSeen == 2)  // 01:00:00 (or 02:00) and the :30:07 half-hour, once each
    }

    @Test func berlinSwitches() throws {
        let berlin = try rules("Europe/Berlin")
        // Fall back at 01:00Z on 2026-10-25: 02:30 is ambiguous, the CEST one is used.
        #expect(berlin.offsetSeconds(at: Instant(millis: 1_792_890_000_000 - 1)) == 7200)
        #expect(berlin.offsetSeconds(at: Instant(millis: 1_792_890_000_000)) == 3600)
        #expect(
            berlin.instant(forLocal: day(2026, 10, 25), secondOfDay: sod(2, 30)) == Instant(millis: 1_792_888_200_000))
        #expect(
            berlin.instant(forLocal: day(2026, 10, 25), secondOfDay: sod(3, 0)) == Instant(millis: 1_792_893_600_000))
        // Spring forward at 01:00Z on 2026-03-29: 02:30 becomes 03:30 CEST.
        #expect(berlin.offsetSeconds(at: Instant(millis: 1_774_746_000_000)) == 7200)
        #expect(
            berlin.instant(forLocal: day(2026, 3, 29), secondOfDay: sod(2, 30)) == Instant(millis: 1_774_747_800_000))
        #expect(
            berlin.instant(forLocal: day(2026, 10, 3), secondOfDay: sod(14, 5)) == Instant(millis: 1_791_029_100_000))
    }

    @Test func limitedToAWindow() throws {
        let berlin = try rules("Europe/Berlin")
        let september = berlin.limited(to: Instant(seconds: 1_788_220_800)...Instant(seconds: 1_790_812_800))
        #expect(september.transitionCount == 0)
        // Summer time all year: before and after the window, the offsets at its ends.
        #expect(september.offsetSeconds(at: Instant(seconds: 1_768_435_200)) == 7200)  // 2026-01-15
        #expect(september.offsetSeconds(at: Instant(seconds: 1_793_318_400)) == 7200)  // 2026-10-30
        #expect(
            september.instant(forLocal: day(2026, 10, 25), secondOfDay: sod(2, 30)) == Instant(seconds: 1_792_888_200))
        // October: the fall back inside is kept (and its overlap resolved as before), the spring
        // forward of 2027-03-28 is not: 02:30 that day is an ordinary CET time.
        let october = berlin.limited(to: Instant(seconds: 1_790_812_800)...Instant(seconds: 1_793_491_200))
        #expect(october.transitionCount == 1)
        #expect(october.offsetSeconds(at: Instant(seconds: 1_792_890_000 - 1)) == 7200)
        #expect(october.offsetSeconds(at: Instant(seconds: 1_792_890_000)) == 3600)
        #expect(
            october.instant(forLocal: day(2026, 10, 25), secondOfDay: sod(2, 30)) == Instant(seconds: 1_792_888_200))
        #expect(october.offsetSeconds(at: Instant(seconds: 1_807_315_200)) == 3600)  // 2027-04-10
        #expect(october.instant(forLocal: day(2027, 3, 28), secondOfDay: sod(2, 30)) == Instant(seconds: 1_806_197_400))
        // A change exactly at the end is kept; one exactly at the start is already in force.
        let fallBack = Instant(seconds: 1_792_890_000)
        #expect(berlin.limited(to: Instant(seconds: 1_790_812_800)...fallBack).transitionCount == 1)
        let after = berlin.limited(to: fallBack...Instant(seconds: 1_793_491_200))
        #expect(after.transitionCount == 0 && after.offsetSeconds(at: Instant(seconds: 1_790_812_800)) == 3600)
        #expect(TimeZoneRules.utc.limited(to: fallBack...fallBack) == .utc)
    }

    @Test func lordHoweHalfHourDST() throws {
        let zone = try rules("Australia/Lord_Howe")
        #expect(zone.offsetSeconds(at: Instant(millis: 1_782_869_400_000)) == 37_800)  // +10:30 in July
        // 2026-04-05: 02:00 (+11) falls back to 01:30 (+10:30); 01:45 is taken in +11.
        #expect(zone.instant(forLocal: day(2026, 4, 5), secondOfDay: sod(1, 45)) == Instant(millis: 1_775_313_900_000))
        #expect(zone.instant(forLocal: day(2026, 4, 5), secondOfDay: sod(2, 0)) == Instant(millis: 1_775_316_600_000))
        // 2026-10-04: 02:00 (+10:30) jumps to 02:30 (+11); 02:15 is moved forward to 02:45 +11.
        #expect(zone.instant(forLocal: day(2026, 10, 4), secondOfDay: sod(2, 15)) == Instant(millis: 1_791_042_300_000))
        #expect(zone.instant(forLocal: day(2026, 10, 4), secondOfDay: sod(1, 59)) == Instant(millis: 1_791_041_340_000))
        let moved = zone.localDateTime(of: Instant(millis: 1_791_042_300_000))
        #expect(moved == LocalDateTime(date: day(2026, 10, 4), secondOfDay: sod(2, 45)))
    }

    @Test func kathmanduOddOffset() throws {
        let zone = try rules("Asia/Kathmandu")
        #expect(zone.offsetSeconds(at: Instant(millis: 1_791_015_600_000)) == 5 * 3600 + 45 * 60)
        #expect(zone.instant(forLocal: day(2026, 10, 3), secondOfDay: sod(14, 5)) == Instant(millis: 1_791_015_600_000))
        #expect(!zone.isUTC)
    }

    @Test func apiaSkippedADay() throws {
        // Samoa skipped 2011-12-30 entirely (-10 → +14); that day is moved forward 24 hours.
        let zone = try rules("Pacific/Apia")
        let skipped = zone.instant(forLocal: day(2011, 12, 30), secondOfDay: sod(12, 0))
        #expect(skipped == Instant(seconds: 1_325_282_400))
        #expect(zone.instant(forLocal: day(2011, 12, 31), secondOfDay: sod(12, 0)) == skipped)
        #expect(zone.instant(forLocal: day(2011, 12, 29), secondOfDay: sod(12, 0)) == Instant(seconds: 1_325_196_000))
    }

    /// 10,000 pseudo-random instants in 1990...2040 in five zones agree with Foundation.
    @Test(arguments: [
        "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kathmandu", "America/Sao_Paulo",
    ])
    func offsetsMatchFoundation(id: String) throws {
        let zone = try rules(id)
        let reference = try #require(TimeZone(identifier: id))
        var generator = SplitMix64(seed: 0x5EED_0000 &+ UInt64(id.utf8.count))
        let low: Int64 = 631_152_000  // 1990-01-01T00:00:00Z
        let high: Int64 = 2_208_988_800  // 2040-01-01T00:00:00Z
        var mismatches = 0
        for _ in 0..<2000 {
            let seconds = low + Int64(generator.next() % UInt64(high - low))
            let expected = reference.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
            if zone.offsetSeconds(at: Instant(seconds: seconds)) != expected { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }
}
