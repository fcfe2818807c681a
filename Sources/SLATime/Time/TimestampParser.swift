/// Reads timestamps straight from field bytes into `Instant`s, with no allocation per call.
///
/// Accepted, after trimming surrounding spaces and tabs:
/// - ISO 8601 / RFC 3339: `YYYY-MM-DD`, then `T`, `t` or one space, then `HH:MM`, optionally
///   `:SS` and a fraction (`.` or `,` and one or more digits, truncated to milliseconds), then
///   optionally an offset: `Z`, `z`, `+HH:MM`, `+HHMM` or `+HH` (at most ±18:00). Every number
///   has exactly the digits shown. A date alone (`2026-10-03`) means local midnight.
/// - then each configured `TimestampFormat`, in order.
///
/// A timestamp without an offset is a wall-clock time in `zone`, converted with the policy of
/// `TimeZoneRules.instant(forLocal:secondOfDay:millis:)` (earlier instant in an overlap, moved
/// forward across a gap). Fields are range-checked: month 1–12, a day that exists in that
/// month, hour 0–23, minute 0–59, second 0–60. Second 60 is accepted only as a leap second and
/// is clamped to `:59.999` of the same minute, since `Instant` has no leap seconds.
public struct TimestampParser: Sendable {
    /// The zone of timestamps that carry no offset.
    public let zone: TimeZoneRules
    /// The extra formats, tried in order after ISO 8601.
    public let formats: [TimestampFormat]

    /// A parser for `zone` that also tries `formats` (strftime style), compiled here once.
    ///
    /// Throws the first format that cannot be compiled, with a message that names it.
    public init(zone: TimeZoneRules = .utc, formats: [String] = []) throws(TimestampFormatError) {
        var compiled: [TimestampFormat] = []
        compiled.reserveCapacity(formats.count)
        for text in formats { compiled.append(try TimestampFormat(text)) }
        self.init(zone: zone, compiled: compiled)
    }

    /// A parser for `zone` that also tries the already compiled `formats`, in order.
    public init(zone: TimeZoneRules, compiled formats: [TimestampFormat]) {
        self.zone = zone
        self.formats = formats
    }

    /// The instant `bytes` spell, or nil when they are not a valid timestamp.
    public func parse(_ bytes: UnsafeRawBufferPointer) -> Instant? {
        if bytes.count == 20, let fields = TimestampScan.utcSeconds(bytes), let instant = resolve(fields) {
            return instant
        }
        var start = 0
        var end = bytes.count
        while start < end, TimestampScan.isBlank(bytes[start]) { start += 1 }
        while end > start, TimestampScan.isBlank(bytes[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        if let fields = TimestampScan.iso8601(bytes, start, end), let instant = resolve(fields) {
            return instant
        }
        for format in formats {
            if let fields = TimestampScan.match(format.steps, bytes, start, end), let instant = resolve(fields) {
                return instant
            }
        }
        return nil
    }

    /// The instant `bytes` spell, or nil when they are not a valid timestamp.
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Instant? {
        parse(UnsafeRawBufferPointer(bytes))
    }

    /// The instant `text` spells, or nil; for tests, the config and command-line flags.
    public func parse(_ text: String) -> Instant? {
        var copy = text
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Validates the fields and turns them into an instant.
    private func resolve(_ f: TimestampFields) -> Instant? {
        guard f.month >= 1, f.month <= 12, f.day >= 1, f.day <= CivilDate.daysIn(month: f.month, year: f.year),
            f.hour >= 0, f.hour <= 23, f.minute >= 0, f.minute <= 59, f.second >= 0, f.second <= 60
        else { return nil }
        var second = f.second
        var millis = f.millis
        if second == 60 {  // a leap second: the last representable moment of the minute
            second = 59
            millis = 999
        }
        let date = CivilDate(year: f.year, month: f.month, day: f.day)
        let secondOfDay = f.hour * 3600 + f.minute * 60 + second
        guard f.hasOffset else { return zone.instant(forLocal: date, secondOfDay: secondOfDay, millis: millis) }
        let utcSeconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(secondOfDay - f.offsetSeconds)
        return Instant(millis: utcSeconds * 1000 + Int64(millis))
    }
}

/// The raw fields of a timestamp, before range checks.
struct TimestampFields {
    var year = 0
    var month = 1
    var day = 1
    var hour = 0
    var minute = 0
    var second = 0
    var millis = 0
    var offsetSeconds = 0
    var hasOffset = false
}

/// The byte scanners behind `TimestampParser`; each reads `p[start..<end]` and never beyond.
enum TimestampScan {
    typealias Bytes = UnsafeRawBufferPointer

    @inline(__always) static func isBlank(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t")
    }

    /// The value of the digit at `i`, or nil.
    @inline(__always) static func digit(_ p: Bytes, _ i: Int) -> Int? {
        let d = p[i] &- UInt8(ascii: "0")
        return d < 10 ? Int(d) : nil
    }

    /// Exactly `count` digits at `i` (the caller has checked `i + count <= end`).
    @inline(__always) static func fixed(_ p: Bytes, _ i: Int, _ count: Int) -> Int? {
        var value = 0
        for k in i..<(i + count) {
            guard let d = digit(p, k) else { return nil }
            value = value * 10 + d
        }
        return value
    }

    /// One or two digits at `i`, advancing past them.
    @inline(__always) static func upToTwo(_ p: Bytes, _ i: inout Int, _ end: Int) -> Int? {
        guard i < end, let first = digit(p, i) else { return nil }
        i += 1
        guard i < end, let second = digit(p, i) else { return first }
        i += 1
        return first * 10 + second
    }

    /// One or more fraction digits at `i` as milliseconds (truncated), advancing past them.
    static func fraction(_ p: Bytes, _ i: inout Int, _ end: Int) -> Int? {
        var millis = 0
        var count = 0
        while i < end, let d = digit(p, i) {
            if count < 3 { millis = millis * 10 + d }
            count += 1
            i += 1
        }
        guard count > 0 else { return nil }
        for _ in count..<max(count, 3) { millis *= 10 }
        return millis
    }

    /// `Z`, `z`, `+HH:MM`, `+HHMM` or `+HH` (or with `-`) at `i`, as seconds east of UTC.
    static func offset(_ p: Bytes, _ i: inout Int, _ end: Int) -> Int? {
        guard i < end else { return nil }
        let sign = p[i]
        if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
            i += 1
            return 0
        }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), i + 3 <= end,
            let hours = fixed(p, i + 1, 2)
        else { return nil }
        i += 3
        var minutes = 0
        if i < end, p[i] == UInt8(ascii: ":") {
            guard i + 3 <= end, let m = fixed(p, i + 1, 2) else { return nil }
            minutes = m
            i += 3
        } else if i + 2 <= end, let m = fixed(p, i, 2) {
            minutes = m
            i += 2
        }
        guard minutes <= 59, hours * 60 + minutes <= 18 * 60 else { return nil }
        let seconds = hours * 3600 + minutes * 60
        return sign == UInt8(ascii: "-") ? -seconds : seconds
    }

    /// ISO 8601 / RFC 3339 in `p[start..<end]` (already trimmed).
    static func iso8601(_ p: Bytes, _ start: Int, _ end: Int) -> TimestampFields? {
        guard end - start >= 10, p[start + 4] == UInt8(ascii: "-"), p[start + 7] == UInt8(ascii: "-"),
            let year = fixed(p, start, 4), let month = fixed(p, start + 5, 2), let day = fixed(p, start + 8, 2)
        else { return nil }
        var f = TimestampFields(year: year, month: month, day: day)
        var i = start + 10
        if i == end { return f }
        let separator = p[i]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " "),
            i + 6 <= end, p[i + 3] == UInt8(ascii: ":"),
            let hour = fixed(p, i + 1, 2), let minute = fixed(p, i + 4, 2)
        else { return nil }
        f.hour = hour
        f.minute = minute
        i += 6
        if i < end, p[i] == UInt8(ascii: ":") {
            guard i + 3 <= end, let second = fixed(p, i + 1, 2) else { return nil }
            f.second = second
            i += 3
            if i < end, p[i] == UInt8(ascii: ".") || p[i] == UInt8(ascii: ",") {
                i += 1
                guard let millis = fraction(p, &i, end) else { return nil }
                f.millis = millis
            }
        }
        if i < end {
            guard let offset = offset(p, &i, end) else { return nil }
            f.offsetSeconds = offset
            f.hasOffset = true
        }
        return i == end ? f : nil
    }

    /// The fields of the common export form `YYYY-MM-DDTHH:MM:SSZ` (exactly 20 bytes), read in
    /// one pass; nil for anything else, which `iso8601` then reads. Ranges are checked by
    /// `TimestampParser.resolve`, as for every other form.
    ///
    /// The 20 bytes are read as three words: the separators are compared under a mask, and the
    /// fourteen digits checked together (a byte is a digit when, XORed with `0x30`, its high
    /// nibble is zero and adding 6 leaves it below 0x10).
    @inline(__always) static func utcSeconds(_ p: Bytes) -> TimestampFields? {
        guard p.count == 20 else { return nil }
        let a = p.loadUnaligned(fromByteOffset: 0, as: UInt64.self)  // YYYY-MM-  (byte 0 lowest)
        let b = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)  // DDTHH:MM
        let c = UInt64(p.loadUnaligned(fromByteOffset: 16, as: UInt32.self))  // :SSZ
        // `-` at 4 and 7; `T` at 10 and `:` at 13; `:` at 16 and `Z` at 19.
        guard a & 0xFF00_00FF_0000_0000 == 0x2D00_002D_0000_0000,
            b & 0x0000_FF00_00FF_0000 == 0x0000_3A00_0054_0000, c & 0xFF00_00FF == 0x5A00_003A
        else { return nil }
        let zeros: UInt64 = 0x3030_3030_3030_3030
        let da = (a ^ zeros) & 0x00FF_FF00_FFFF_FFFF
        let db = (b ^ zeros) & 0xFFFF_00FF_FF00_FFFF
        let dc = (c ^ zeros) & 0x00FF_FF00
        let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
        let six: UInt64 = 0x0606_0606_0606_0606
        guard (da | db | dc) & high == 0, ((da &+ six) | (db &+ six) | (dc &+ six)) & high == 0 else { return nil }
        @inline(__always) func digit(_ w: UInt64, _ i: Int) -> Int { Int(truncatingIfNeeded: (w >> (8 * i)) & 0xFF) }
        return TimestampFields(
            year: digit(da, 0) * 1000 + digit(da, 1) * 100 + digit(da, 2) * 10 + digit(da, 3),
            month: digit(da, 5) * 10 + digit(da, 6), day: digit(db, 0) * 10 + digit(db, 1),
            hour: digit(db, 3) * 10 + digit(db, 4), minute: digit(db, 6) * 10 + digit(db, 7),
            second: digit(dc, 1) * 10 + digit(dc, 2), hasOffset: true)
    }

    /// Runs a compiled `TimestampFormat` over `p[start..<end]`; it must consume every byte.
    static func match(_ steps: [TimestampFormat.Step], _ p: Bytes, _ start: Int, _ end: Int) -> TimestampFields? {
        var f = TimestampFields()
        var i = start
        var hour12 = -1
        var pm = false
        for step in steps {
            switch step {
            case .literal(let byte):
                guard i < end, p[i] == byte else { return nil }
                i += 1
            case .whitespace:
                while i < end, isBlank(p[i]) { i += 1 }
            case .year4:
                guard i + 4 <= end, let year = fixed(p, i, 4) else { return nil }
                f.year = year
                i += 4
            case .year2:
                guard i + 2 <= end, let year = fixed(p, i, 2) else { return nil }
                f.year = year >= 69 ? 1900 + year : 2000 + year
                i += 2
            case .month:
                guard let month = upToTwo(p, &i, end) else { return nil }
                f.month = month
            case .monthName:
                guard let month = monthName(p, &i, end) else { return nil }
                f.month = month
            case .daySpacePadded:
                if i < end, p[i] == UInt8(ascii: " ") { i += 1 }
                guard let day = upToTwo(p, &i, end) else { return nil }
                f.day = day
            case .day:
                guard let day = upToTwo(p, &i, end) else { return nil }
                f.day = day
            case .hour24:
                guard let hour = upToTwo(p, &i, end) else { return nil }
                f.hour = hour
            case .hour12:
                guard let hour = upToTwo(p, &i, end), hour >= 1, hour <= 12 else { return nil }
                hour12 = hour
            case .meridiem:
                guard i + 2 <= end, p[i + 1] | 0x20 == UInt8(ascii: "m") else { return nil }
                switch p[i] | 0x20 {
                case UInt8(ascii: "a"): pm = false
                case UInt8(ascii: "p"): pm = true
                default: return nil
                }
                i += 2
            case .minute:
                guard let minute = upToTwo(p, &i, end) else { return nil }
                f.minute = minute
            case .second:
                guard let second = upToTwo(p, &i, end) else { return nil }
                f.second = second
            case .fraction:
                guard let millis = fraction(p, &i, end) else { return nil }
                f.millis = millis
            case .offset:
                guard let offset = offset(p, &i, end) else { return nil }
                f.offsetSeconds = offset
                f.hasOffset = true
            case .zoneName:
                guard let length = utcName(p, i, end) else { return nil }
                i += length
                f.offsetSeconds = 0
                f.hasOffset = true
            }
        }
        guard i == end else { return nil }
        if hour12 >= 0 { f.hour = hour12 % 12 + (pm ? 12 : 0) }
        return f
    }

    /// English month names, lower case; `Sept` is accepted besides the three-letter forms.
    private static let monthNames: [[UInt8]] = [
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    ].map { Array($0.utf8) }

    /// A month name at `i` (full, three letters, or `Sept`; any case), advancing past it.
    static func monthName(_ p: Bytes, _ i: inout Int, _ end: Int) -> Int? {
        var length = 0
        while i + length < end, (p[i + length] | 0x20) >= UInt8(ascii: "a"), (p[i + length] | 0x20) <= UInt8(ascii: "z")
        {
            length += 1
        }
        guard length >= 3 else { return nil }
        for (index, name) in monthNames.enumerated() {
            guard length == 3 || length == name.count || (index == 8 && length == 4) else { continue }
            guard length <= name.count else { continue }
            var same = true
            for k in 0..<length where p[i + k] | 0x20 != name[k] {
                same = false
                break
            }
            if same {
                i += length
                return index + 1
            }
        }
        return nil
    }

    /// The length of `UTC`, `GMT` or `Z` (any case) at `i`, or nil.
    static func utcName(_ p: Bytes, _ i: Int, _ end: Int) -> Int? {
        guard i < end else { return nil }
        if p[i] | 0x20 == UInt8(ascii: "z") { return 1 }
        guard i + 3 <= end else { return nil }
        let a = p[i] | 0x20
        let b = p[i + 1] | 0x20
        let c = p[i + 2] | 0x20
        let utc = a == UInt8(ascii: "u") && b == UInt8(ascii: "t") && c == UInt8(ascii: "c")
        let gmt = a == UInt8(ascii: "g") && b == UInt8(ascii: "m") && c == UInt8(ascii: "t")
        return utc || gmt ? 3 : nil
    }
}
