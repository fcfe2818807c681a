extension TimestampParser {
    /// RFC 3339 in UTC for outputs: `2026-10-03T12:05:00Z`, or `2026-10-03T12:05:00.123Z`
    /// when the instant has milliseconds.
    public static func formatRFC3339UTC(_ instant: Instant) -> String {
        format(TimeZoneRules.utc.localDateTime(of: instant), offsetSeconds: 0)
    }

    /// Appends `formatRFC3339UTC(instant)` as UTF-8 bytes, without building a `String`.
    public static func appendRFC3339UTC(_ instant: Instant, to out: inout [UInt8]) {
        let local = TimeZoneRules.utc.localDateTime(of: instant)
        TimeText.appendDate(local.date, to: &out)
        out.append(UInt8(ascii: "T"))
        TimeText.appendTime(secondOfDay: local.secondOfDay, millis: local.millis, to: &out)
        out.append(UInt8(ascii: "Z"))
    }

    /// RFC 3339 with the zone's offset at that instant, for messages: `2026-10-03T14:05:00+02:00`.
    ///
    /// A zero offset is written `Z`. Offsets with seconds (local mean time before ~1900, which
    /// RFC 3339 cannot express) are written `+HH:MM:SS`.
    public static func formatRFC3339(_ instant: Instant, in zone: TimeZoneRules) -> String {
        format(zone.localDateTime(of: instant), offsetSeconds: zone.offsetSeconds(at: instant))
    }

    private static func format(_ local: LocalDateTime, offsetSeconds offset: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        TimeText.appendDate(local.date, to: &out)
        out.append(UInt8(ascii: "T"))
        TimeText.appendTime(secondOfDay: local.secondOfDay, millis: local.millis, to: &out)
        if offset == 0 {
            out.append(UInt8(ascii: "Z"))
        } else {
            appendOffset(offset, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends a UTC offset of `seconds` east of UTC as `+HH:MM` or `-HH:MM`; zero is `+00:00`.
    /// Offsets with seconds (local mean time before ~1900, which RFC 3339 cannot express) are
    /// written `+HH:MM:SS`.
    public static func appendOffset(_ seconds: Int, to out: inout [UInt8]) {
        out.append(UInt8(ascii: seconds < 0 ? "-" : "+"))
        let size = abs(seconds)
        TimeText.appendPadded(size / 3600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        TimeText.appendPadded(size / 60 % 60, width: 2, to: &out)
        if size % 60 != 0 {
            out.append(UInt8(ascii: ":"))
            TimeText.appendPadded(size % 60, width: 2, to: &out)
        }
    }
}

/// Byte-level helpers that write dates and times without Foundation.
enum TimeText {
    /// Appends `value` in decimal, zero-padded to `width` digits (a minus sign comes first).
    static func appendPadded(_ value: Int, width: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        let digits = String(value.magnitude).utf8
        for _ in digits.count..<max(digits.count, width) { out.append(UInt8(ascii: "0")) }
        out.append(contentsOf: digits)
    }

    /// Appends `YYYY-MM-DD`.
    static func appendDate(_ date: CivilDate, to out: inout [UInt8]) {
        appendPadded(date.year, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(date.month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(date.day, width: 2, to: &out)
    }

    /// Appends `HH:MM:SS`, and `.mmm` when `millis` is not zero.
    static func appendTime(secondOfDay: Int, millis: Int, to out: inout [UInt8]) {
        appendPadded(secondOfDay / 3600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(secondOfDay / 60 % 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(secondOfDay % 60, width: 2, to: &out)
        if millis != 0 {
            out.append(UInt8(ascii: "."))
            appendPadded(millis, width: 3, to: &out)
        }
    }
}
