/// A wall-clock date and time in some time zone, without the zone: what a local clock shows.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The local calendar date.
    public var date: CivilDate
    /// Seconds since local midnight, 0..<86400.
    public var secondOfDay: Int
    /// Milliseconds within the second, 0..<1000.
    public var millis: Int

    /// Creates a local date-time from its parts; the parts are stored as given.
    public init(date: CivilDate, secondOfDay: Int, millis: Int = 0) {
        self.date = date
        self.secondOfDay = secondOfDay
        self.millis = millis
    }

    /// The wall-clock date and time at `instant` on a clock `offsetSeconds` east of UTC.
    @inlinable public init(_ instant: Instant, offsetSeconds: Int) {
        let local = instant.millis + Int64(offsetSeconds) * 1000
        let msPerDay: Int64 = 86_400_000
        var days = local / msPerDay
        var rest = local % msPerDay
        if rest < 0 {
            rest += msPerDay
            days -= 1
        }
        self.init(date: CivilDate(daysSinceEpoch: Int(days)), secondOfDay: Int(rest / 1000), millis: Int(rest % 1000))
    }

    /// Hour of the day, 0...23.
    public var hour: Int { secondOfDay / 3600 }

    /// Minute of the hour, 0...59.
    public var minute: Int { secondOfDay / 60 % 60 }

    /// Second of the minute, 0...59.
    public var second: Int { secondOfDay % 60 }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool {
        (a.date, a.secondOfDay, a.millis) < (b.date, b.secondOfDay, b.millis)
    }

    /// `2026-10-03 14:05:00`, with `.123` appended only when `millis` is not zero.
    public var description: String {
        var out: [UInt8] = []
        out.reserveCapacity(23)
        append(to: &out, separator: UInt8(ascii: " "))
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `2026-10-03T14:05:00` as UTF-8 bytes (with `separator` between the date and the
    /// time), and `.123` only when `millis` is not zero.
    public func append(to out: inout [UInt8], separator: UInt8 = UInt8(ascii: "T")) {
        TimeText.appendDate(date, to: &out)
        out.append(separator)
        TimeText.appendTime(secondOfDay: secondOfDay, millis: millis, to: &out)
    }
}
