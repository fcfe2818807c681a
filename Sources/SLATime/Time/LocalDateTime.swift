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
        TimeText.appendDate(date, to: &out)
        out.append(UInt8(ascii: " "))
        TimeText.appendTime(secondOfDay: secondOfDay, millis: millis, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
