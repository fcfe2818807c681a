import FuzzSupport
import SLATime

// Fuzz target (c): TimestampParser.parse over arbitrary bytes, in several zones and formats.
//
// Input: byte 0 picks the zone (low three bits) and the formats (next two bits); the rest is
// the timestamp. With the fourth format choice the rest is a format pattern, the byte 0x1E,
// then the timestamp, so format compilation is fuzzed too. Checked: no crash or memory error;
// both `parse` overloads agree; blanks around the value change nothing; an instant found is
// written back by `formatRFC3339UTC` and `formatRFC3339(_:in:)` and parses to itself (when the
// year has four digits and the zone's offset whole minutes); local time round-trips through
// the zone's rules.

private let zoneNames = [
    "UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kolkata",
    "America/St_Johns", "Africa/Monrovia",
]

/// The zones' rules, built once.
private let zones: [TimeZoneRules] = zoneNames.map { name in
    guard let zone = TimeZoneRules(identifier: name) else {
        check(false, "no rules for \(name)")
        fatalError()
    }
    return zone
}

private let formatSets: [[String]] = [
    [],
    ["%d.%m.%Y %H:%M", "%m/%d/%Y %I:%M:%S %p", "%Y%m%dT%H%M%S%z", "%b %e %Y %T %Z"],
    ["%y-%m-%d %H:%M:%S.%f", "%e %B %Y", "%Y/%m/%d %H:%M %z", "%%%Y-%m-%d %I %p"],
]

/// One parser per zone and format set, built once.
private let parsers: [[TimestampParser]] = zones.map { zone in
    formatSets.map { formats in
        do {
            return try TimestampParser(zone: zone, formats: formats)
        } catch {
            check(false, "a fuzz format does not compile: \(error)")
            fatalError()
        }
    }
}

private let isoUTC = TimestampParser(zone: .utc, compiled: [])

private func parseBoth(_ parser: TimestampParser, _ bytes: [UInt8]) -> Instant? {
    let raw = bytes.withUnsafeBytes { parser.parse($0) }
    let typed = bytes.withUnsafeBufferPointer { parser.parse($0) }
    check(raw == typed, "the two parse overloads disagree on \(bytes)")
    return raw
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTarget(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    guard let start, count >= 1 else { return 0 }
    let input = Array(UnsafeBufferPointer(start: start, count: count))
    let mode = Int(input[0])
    let zone = zones[mode & 7]
    let choice = (mode >> 3) & 3
    let parser: TimestampParser
    var value = Array(input[1...])
    if choice < formatSets.count {
        parser = parsers[mode & 7][choice]
    } else {
        let parts = splitParts(input[1...], parts: 2)
        let pattern = String(decoding: parts[0], as: UTF8.self)
        value = Array(parts.count > 1 ? parts[1] : [])
        do {
            parser = try TimestampParser(zone: zone, formats: [pattern])
        } catch {
            check(!error.description.isEmpty, "a format error without a message")
            return 0
        }
    }

    let found = parseBoth(parser, value)
    let padded = [0x20, 0x09] + value + [0x09, 0x20]
    check(parseBoth(parser, padded) == found, "blanks around \(value) change the result")
    guard let t = found else { return 0 }

    let utc = TimeZoneRules.utc.localDateTime(of: t)
    if (0...9999).contains(utc.date.year) {
        let text = TimestampParser.formatRFC3339UTC(t)
        check(isoUTC.parse(text) == t, "\(t.millis) written as \(text) does not parse back")
    }
    let local = zone.localDateTime(of: t)
    let offset = zone.offsetSeconds(at: t)
    if (0...9999).contains(local.date.year), offset % 60 == 0 {
        let text = TimestampParser.formatRFC3339(t, in: zone)
        check(isoUTC.parse(text) == t, "\(t.millis) written as \(text) in \(zone) does not parse back")
    }
    // The earliest instant with this wall-clock time is `t` or, in an overlap, earlier.
    let earliest = zone.instant(forLocal: local)
    check(earliest <= t, "\(local) in \(zone) maps to \(earliest.millis), after \(t.millis)")
    check(zone.localDateTime(of: earliest) == local, "\(local) in \(zone) does not round-trip")
    return 0
}
