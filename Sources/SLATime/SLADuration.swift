/// A configured length of time such as `90m`, `4h`, `1h30m` or `2d`.
///
/// Whole days are kept apart from the rest because their length depends on the clock:
/// on a `24x7` clock `1d` is 86 400 seconds, on a `business` clock it is one working day
/// (the calendar's working hours). `1d` and `24h` are therefore different durations.
public struct SLADuration: Hashable, Sendable, CustomStringConvertible {
    /// Whole days (the `d` part).
    public var days: Int
    /// The hours, minutes and seconds, in seconds (the `h`, `m` and `s` parts).
    public var seconds: Int

    /// Creates a duration of `days` days plus `seconds` seconds.
    public init(days: Int = 0, seconds: Int = 0) {
        self.days = days
        self.seconds = seconds
    }

    /// The length in seconds, counting a day as `workingDaySeconds` seconds.
    ///
    /// Pass 86 400 for a `24x7` clock and the calendar's working hours for a business clock.
    public func seconds(workingDaySeconds: Int) -> Int64 {
        Int64(days) * Int64(workingDaySeconds) + Int64(seconds)
    }

    /// The length in seconds on a wall clock, where a day is 86 400 seconds.
    public var wallClockSeconds: Int64 { seconds(workingDaySeconds: 86_400) }

    /// Parses `90m`, `4h`, `1h30m`, `2d`, `45s`, `1d4h`; nil for anything else.
    ///
    /// Units are `d`, `h`, `m` and `s`, each at most once and largest first, each after
    /// a whole number of at most nine digits; the total must be more than zero.
    public init?(_ text: some StringProtocol) {
        let units: [(unit: UInt8, seconds: Int)] = [
            (UInt8(ascii: "d"), 0), (UInt8(ascii: "h"), 3600), (UInt8(ascii: "m"), 60), (UInt8(ascii: "s"), 1),
        ]
        var days = 0
        var seconds = 0
        var nextUnit = 0  // index into `units` of the smallest unit still allowed
        var number = 0
        var digits = 0
        for byte in text.utf8 {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                guard digits < 9 else { return nil }
                number = number * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                continue
            }
            guard digits > 0,
                let index = units[nextUnit...].firstIndex(where: { $0.unit == byte })
            else { return nil }
            if index == 0 { days = number } else { seconds += number * units[index].seconds }
            nextUnit = index + 1
            number = 0
            digits = 0
        }
        guard digits == 0, nextUnit > 0, days + seconds > 0 else { return nil }
        self.init(days: days, seconds: seconds)
    }

    /// The length in words for a sentence, largest unit first: `24 hours`, `1 day 4 hours`,
    /// `1 hour 30 minutes`.
    public var words: String {
        let parts: [(Int, String)] = [
            (days, "day"), (seconds / 3600, "hour"), (seconds % 3600 / 60, "minute"), (seconds % 60, "second"),
        ]
        let named = parts.filter { $0.0 > 0 }.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
        return named.isEmpty ? "0 seconds" : named.joined(separator: " ")
    }

    /// The canonical text, largest unit first: `1d4h`, `1h30m`, `45s`.
    public var description: String {
        var text = days > 0 ? "\(days)d" : ""
        let h = seconds / 3600
        let m = seconds % 3600 / 60
        let s = seconds % 60
        if h > 0 { text += "\(h)h" }
        if m > 0 { text += "\(m)m" }
        if s > 0 || text.isEmpty { text += "\(s)s" }
        return text
    }
}

/// How elapsed time is measured against a target.
public enum SLAClock: String, Hashable, Sendable, CaseIterable {
    /// Wall-clock time, around the clock.
    case twentyFourSeven = "24x7"
    /// Only the calendar's working hours on working days that are not holidays.
    case business
}
