import Foundation
import Testing

@testable import SLATime

// Expected milliseconds were computed independently with `date -u -d ... +%s` and Python's
// `datetime`/`zoneinfo`, not with this code. 2026-10-03T14:05:00Z = 1791036300000.

private let utcParser = TimestampParser(zone: .utc, compiled: [])

private func zoned(_ id: String, _ formats: [String] = []) throws -> TimestampParser {
    try TimestampParser(zone: try #require(TimeZoneRules(identifier: id)), formats: formats)
}

@Suite struct TimestampParserISOTests {
    @Test(arguments: [
        ("2026-10-03T14:05:00Z", 1_791_036_300_000),
        ("2026-10-03t14:05:00z", 1_791_036_300_000),
        ("2026-10-03 14:05:00Z", 1_791_036_300_000),
        ("2026-10-03 16:05:00+02:00", 1_791_036_300_000),
        ("2026-10-03T16:05:00+0200", 1_791_036_300_000),
        ("2026-10-03T16:05:00+02", 1_791_036_300_000),
        ("2026-10-03T10:35:00-0330", 1_791_036_300_000),
        ("2026-10-03T19:50:00+05:45", 1_791_036_300_000),
        ("2026-10-03T14:05:00-00:00", 1_791_036_300_000),
        ("2026-10-03T14:05:00+00:00", 1_791_036_300_000),
        ("2026-10-04T08:05:00+18:00", 1_791_036_300_000),
        ("2026-10-03T14:05:00.5Z", 1_791_036_300_500),
        ("2026-10-03T14:05:00.123456789Z", 1_791_036_300_123),
        ("2026-10-03T14:05:00.1239Z", 1_791_036_300_123),
        ("2026-10-03T14:05:00,25Z", 1_791_036_300_250),
        ("2026-10-03T16:05:00.123+02:00", 1_791_036_300_123),
        ("2026-10-03T14:05Z", 1_791_036_300_000),
        ("2026-10-03T14:05", 1_791_036_300_000),
        ("2026-10-03 14:05:00", 1_791_036_300_000),
        ("2026-10-03", 1_790_985_600_000),
        ("  2026-10-03T14:05:00Z  ", 1_791_036_300_000),
        ("\t2026-10-03T14:05:00Z", 1_791_036_300_000),
        ("2024-02-29", 1_709_164_800_000),
        ("2000-02-29", 951_782_400_000),
        ("1969-12-31T23:59:59.5Z", -500),
        // A leap second is clamped to :59.999 of its minute.
        ("2016-12-31T23:59:60Z", 1_483_228_799_999),
        ("2016-12-31T23:59:60.5Z", 1_483_228_799_999),
    ])
    func accepts(text: String, millis: Int) {
        #expect(utcParser.parse(text) == Instant(millis: Int64(millis)), "\(text)")
    }

    @Test(arguments: [
        "", "   ", "abc", "2026", "2026-13-45", "2026-02-30", "2026-02-29", "1900-02-29", "2026-00-10",
        "2026-10-00", "2026-04-31", "2026-10-3", "2026-1-03", "26-10-03", "2026/10/03", "+2026-10-03",
        "2026-10-03T", "2026-10-03T14", "2026-10-03T14:5", "2026-10-03T1:05", "2026-10-03T25:00",
        "2026-10-03T24:00", "2026-10-03T14:60", "2026-10-03T14:05:61", "2026-10-03T14:05:6",
        "2026-10-03T14:05:00+19:00", "2026-10-03T14:05:00+18:01", "2026-10-03T14:05:00+02:60",
        "2026-10-03T14:05:00+2", "2026-10-03T14:05:00+020", "2026-10-03T14:05:00+02:0",
        "2026-10-03T14:05:00+02:", "2026-10-03T14:05:00.", "2026-10-03T14:05:00.Z", "2026-10-03T14:05.5",
        "2026-10-03T14:05:00Zjunk", "2026-10-03T14:05:00 Z", "2026-10-03T14:05:00 x", "2026-10-03x",
        "2026-10-03  14:05", "2026-10-03_14:05", "2026-10-03T14:05:00ZZ", "２０２６-10-03",
    ])
    func rejects(text: String) {
        #expect(utcParser.parse(text) == nil, "\(text)")
    }

    @Test func naiveTimesUseTheZone() throws {
        let berlin = try zoned("Europe/Berlin")
        #expect(berlin.parse("2026-10-03 14:05:00") == Instant(millis: 1_791_029_100_000))
        #expect(berlin.parse("2026-10-03T14:05:00Z") == Instant(millis: 1_791_036_300_000))
        let ny = try zoned("America/New_York")
        #expect(ny.parse("2026-03-08") == Instant(millis: 1_772_946_000_000))
        #expect(ny.parse("2026-03-08 02:30:00") == Instant(millis: 1_772_955_000_000))
        #expect(ny.parse("2026-11-01 01:30:00") == Instant(millis: 1_793_511_000_000))
        #expect(ny.parse("2026-03-08 01:59:59") == Instant(millis: 1_772_953_199_000))
        #expect(ny.parse("2026-03-08 03:00:00") == Instant(millis: 1_772_953_200_000))
    }

    @Test func parsesRawBytes() {
        let bytes: [UInt8] = Array("x2026-10-03T14:05:00Zx".utf8)
        bytes.withUnsafeBytes { raw in
            let inner = UnsafeRawBufferPointer(rebasing: raw[1..<(raw.count - 1)])
            #expect(utcParser.parse(inner) == Instant(millis: 1_791_036_300_000))
            #expect(utcParser.parse(raw) == nil)
        }
        bytes.withUnsafeBufferPointer { typed in
            #expect(utcParser.parse(UnsafeBufferPointer(rebasing: typed[1..<21])) == Instant(millis: 1_791_036_300_000))
        }
        #expect(utcParser.parse(UnsafeRawBufferPointer(start: nil, count: 0)) == nil)
    }
}

@Suite struct TimestampParserFormatTests {
    @Test func dayMonthYear() throws {
        let parser = try TimestampParser(zone: .utc, formats: ["%d-%m-%Y %H:%M:%S"])
        #expect(parser.parse("03-10-2026 14:05:00") == Instant(millis: 1_791_036_300_000))
        #expect(parser.parse("3-10-2026 14:05:00") == Instant(millis: 1_791_036_300_000))
        #expect(parser.parse("31-02-2026 14:05:00") == nil)
        #expect(parser.parse("03-10-2026 14:05") == nil)
        #expect(parser.parse("03-10-2026 14:05:00 extra") == nil)
        // ISO 8601 is still tried first.
        #expect(parser.parse("2026-10-03T14:05:00Z") == Instant(millis: 1_791_036_300_000))
    }

    @Test func twelveHourClock() throws {
        let parser = try TimestampParser(zone: .utc, formats: ["%m/%d/%Y %I:%M %p"])
        #expect(parser.parse("10/3/2026 2:05 PM") == Instant(millis: 1_791_036_300_000))
        #expect(parser.parse("10/03/2026 02:05 pm") == Instant(millis: 1_791_036_300_000))
        #expect(parser.parse("10/3/2026 2:05PM") == Instant(millis: 1_791_036_300_000))
        #expect(parser.parse("10/3/2026 2:05 AM") == Instant(millis: 1_790_993_100_000))
        #expect(parser.parse("12/31/2026 12:00 am") == Instant(millis: 1_798_675_200_000))
        #expect(parser.parse("12/31/2026 12:00 PM") == Instant(millis: 1_798_718_400_000))
        #expect(parser.parse("12/31/2026 13:00 PM") == nil)
        #expect(parser.parse("12/31/2026 0:00 AM") == nil)
        #expect(parser.parse("12/31/2026 1:00 XM") == nil)
        #expect(parser.parse("12/31/2026 1:00") == nil)
    }

    @Test func unpaddedFields() throws {
        let parser = try TimestampParser(zone: .utc, formats: ["%Y/%m/%d %H:%M:%S", "%Y-%m-%d"])
        #expect(parser.parse("2012/10/9 14:50:17") == Instant(millis: 1_349_794_217_000))
        #expect(parser.parse("2012/10/09 14:50:17") == Instant(millis: 1_349_794_217_000))
        // Rejected by ISO 8601, accepted by the explicit format.
        #expect(utcParser.parse("2026-10-3") == nil)
        #expect(parser.parse("2026-10-3") == Instant(millis: 1_790_985_600_000))
    }

    @Test func monthNamesAndPaddedDays() throws {
        let parser = try TimestampParser(zone: .utc, formats: ["%b %e %Y %H:%M", "%d %B %Y"])
        #expect(parser.parse("Oct  3 2026 14:05") == Instant(millis: 1_791_036_300_000))
        #expect(parser.parse("oct 3 2026 14:05") == Instant(millis: 1_791_036_300_000))
        #expect(parser.parse("OCTOBER 03 2026 14:05") == Instant(millis: 1_791_036_300_000))
        #expect(parser.parse("Sept 3 2026 14:05") == Instant(millis: 1_788_444_300_000))
        #expect(parser.parse("Sep 3 2026 14:05") == Instant(millis: 1_788_444_300_000))
        #expect(parser.parse("3 october 2026") == Instant(millis: 1_790_985_600_000))
        #expect(parser.parse("Octo 3 2026 14:05") == nil)
        #expect(parser.parse("Foo 3 2026 14:05") == nil)
        #expect(parser.parse("Mayo 3 2026 14:05") == nil)
    }

    @Test func twoDigitYears() throws {
        let parser = try TimestampParser(zone: .utc, formats: ["%d/%m/%y"])
        #expect(parser.parse("02/01/99") == Instant(millis: 915_235_200_000))
        #expect(parser.parse("02/01/69") == Instant(millis: -31_449_600_000))
        #expect(parser.parse("02/01/68") == Instant(millis: 3_092_688_000_000))
        #expect(parser.parse("03/10/26") == Instant(millis: 1_790_985_600_000))
        #expect(parser.parse("03/10/2026") == nil)
    }

    @Test func fractionsOffsetsAndLiterals() throws {
        let parser = try TimestampParser(
            zone: try #require(TimeZoneRules(identifier: "Europe/Berlin")),
            formats: ["%Y-%m-%dT%H:%M:%S.%f%z", "%d.%m.%Y %T %Z", "%Y%m%d%H%M%S", "%Y-%m-%d%%", "%d.%m.%Y %T"]
        )
        #expect(parser.parse("2026-10-03T14:05:00.123456+0200") == Instant(millis: 1_791_029_100_123))
        #expect(parser.parse("2026-10-03T14:05:00.1Z") == Instant(millis: 1_791_036_300_100))
        #expect(parser.parse("03.10.2026 14:05:00 UTC") == Instant(millis: 1_791_036_300_000))
        #expect(parser.parse("03.10.2026 14:05:00 gmt") == Instant(millis: 1_791_036_300_000))
        // Without an offset, the configured zone applies (CEST in October).
        #expect(parser.parse("03.10.2026 14:05:00") == Instant(millis: 1_791_029_100_000))
        #expect(parser.parse("20261003140500") == Instant(millis: 1_791_029_100_000))
        #expect(parser.parse("2026-10-03%") == Instant(millis: 1_790_985_600_000 - 7_200_000))
        #expect(parser.parse("03.10.2026 14:05:00 CEST") == nil)
    }
}

@Suite struct TimestampFormattingTests {
    @Test func rfc3339UTC() {
        #expect(TimestampParser.formatRFC3339UTC(Instant(millis: 1_791_029_100_000)) == "2026-10-03T12:05:00Z")
        #expect(TimestampParser.formatRFC3339UTC(Instant(millis: 1_791_029_100_123)) == "2026-10-03T12:05:00.123Z")
        #expect(TimestampParser.formatRFC3339UTC(Instant(millis: 1_791_029_100_007)) == "2026-10-03T12:05:00.007Z")
        #expect(TimestampParser.formatRFC3339UTC(Instant(millis: -500)) == "1969-12-31T23:59:59.500Z")
        #expect(TimestampParser.formatRFC3339UTC(Instant(millis: 0)) == "1970-01-01T00:00:00Z")
    }

    @Test func rfc3339InZone() throws {
        let instant = Instant(millis: 1_791_029_100_000)
        let berlin = try #require(TimeZoneRules(identifier: "Europe/Berlin"))
        let ny = try #require(TimeZoneRules(identifier: "America/New_York"))
        let kathmandu = try #require(TimeZoneRules(identifier: "Asia/Kathmandu"))
        #expect(TimestampParser.formatRFC3339(instant, in: berlin) == "2026-10-03T14:05:00+02:00")
        #expect(TimestampParser.formatRFC3339(instant, in: ny) == "2026-10-03T08:05:00-04:00")
        #expect(TimestampParser.formatRFC3339(instant, in: kathmandu) == "2026-10-03T17:50:00+05:45")
        #expect(TimestampParser.formatRFC3339(instant, in: .utc) == "2026-10-03T12:05:00Z")
        #expect(berlin.localDateTime(of: instant).description == "2026-10-03 14:05:00")
    }

    @Test func localTextAndOffsets() throws {
        func local(_ l: LocalDateTime, _ separator: Character = "T") -> String {
            var out: [UInt8] = []
            l.append(to: &out, separator: UInt8(ascii: separator.unicodeScalars.first ?? "T"))
            return String(decoding: out, as: UTF8.self)
        }
        func offset(_ seconds: Int) -> String {
            var out: [UInt8] = []
            TimestampParser.appendOffset(seconds, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        let early = LocalDateTime(date: CivilDate(year: 2026, month: 3, day: 8), secondOfDay: 2 * 3600 + 30 * 60 + 5)
        #expect(local(early) == "2026-03-08T02:30:05")
        #expect(local(early, " ") == "2026-03-08 02:30:05")
        #expect(
            local(LocalDateTime(date: CivilDate(year: 999, month: 1, day: 2), secondOfDay: 0, millis: 40))
                == "0999-01-02T00:00:00.040")
        #expect(offset(0) == "+00:00")
        #expect(offset(19_800) == "+05:30")
        #expect(offset(-12_600) == "-03:30")
        #expect(offset(-8 * 3600) == "-08:00")
        #expect(offset(-2670) == "-00:44:30")  // Monrovia, before 1972
        // The local time and the offset together spell the instant they were made from.
        let ny = try #require(TimeZoneRules(identifier: "America/New_York"))
        let instant = Instant(millis: 1_791_029_100_000)
        let spelled = local(ny.localDateTime(of: instant)) + offset(ny.offsetSeconds(at: instant))
        #expect(spelled == "2026-10-03T08:05:00-04:00")
        #expect(utcParser.parse(spelled) == instant)
        // A fixed offset, with no zone: the same instant at +05:30 and at -03:30, and before 1970.
        #expect(local(LocalDateTime(instant, offsetSeconds: 19_800)) == "2026-10-03T17:35:00")
        #expect(local(LocalDateTime(instant, offsetSeconds: -12_600)) == "2026-10-03T08:35:00")
        #expect(local(LocalDateTime(Instant(millis: -1), offsetSeconds: 3600)) == "1970-01-01T00:59:59.999")
    }

    @Test func formattedTextParsesBack() throws {
        let berlin = try zoned("Europe/Berlin")
        for millis: Int64 in [0, -500, 1_791_029_100_123, 1_792_888_200_000, 1_792_891_800_000] {
            let instant = Instant(millis: millis)
            #expect(utcParser.parse(TimestampParser.formatRFC3339UTC(instant)) == instant)
            #expect(berlin.parse(TimestampParser.formatRFC3339(instant, in: berlin.zone)) == instant)
        }
    }
}

/// The 20-byte `YYYY-MM-DDTHH:MM:SSZ` fast path must read exactly as the general scanner does;
/// a trailing space (trimmed) sends the same text through the general scanner.
@Suite struct TimestampParserFastPathTests {
    @Test func agreesWithTheGeneralScanner() {
        var state: UInt64 = 0x5EED
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let alphabet = Array("0123456789-:TtZz +.x")
        var disagreements: [String] = []
        var accepted = 0
        for _ in 0..<60_000 {
            // A valid-looking timestamp near the edges (leap days, second 60, month 13, day 31),
            // then sometimes one byte replaced.
            let year = [1970, 1999, 2000, 2024, 2026, 2100, 9999, 0][next(8)]
            var text = String(
                format: "%04d-%02d-%02dT%02d:%02d:%02dZ", year, next(14), next(33), next(26), next(62), next(62))
            if next(3) == 0 {
                var chars = Array(text)
                chars[next(20)] = alphabet[next(alphabet.count)]
                text = String(chars)
            }
            guard text.utf8.count == 20 else { continue }
            let fast = utcParser.parse(text)
            if fast != nil { accepted += 1 }
            if fast != utcParser.parse(text + " ") { disagreements.append(text) }
        }
        #expect(disagreements.count == 0, "first disagreements: \(disagreements.prefix(5))")
        #expect(accepted > 10_000)
        #expect(utcParser.parse("2024-02-29T23:59:60Z")?.millis == 1_709_251_199_999)
        #expect(utcParser.parse("2025-02-29T00:00:00Z") == nil)
    }
}
