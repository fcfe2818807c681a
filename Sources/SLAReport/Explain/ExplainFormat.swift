import CSVStream
import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

/// How `explain` writes instants, dates and durations: local time in the configured zone with
/// UTC beside it, so a figure can be checked against the report (UTC) and the desk's clock.
public struct ExplainFormat: Sendable {
    public let zone: TimeZoneRules

    public init(zone: TimeZoneRules) { self.zone = zone }

    /// `2026-10-05T11:00:00+02:00 (2026-10-05T09:00:00Z)`; one form when both read the same.
    public func instant(_ t: Instant) -> String {
        let local = TimestampParser.formatRFC3339(t, in: zone)
        let utc = TimestampParser.formatRFC3339UTC(t)
        return local == utc ? utc : "\(local) (\(utc))"
    }

    /// The local wall-clock time of day, `HH:MM` (`HH:MM:SS` when it has seconds).
    public func clock(_ t: Instant) -> String {
        Self.clockText(zone.localDateTime(of: t))
    }

    /// The UTC time of day, `HH:MM` or `HH:MM:SS`, with `Z`.
    public func utcClock(_ t: Instant) -> String {
        Self.clockText(TimeZoneRules.utc.localDateTime(of: t)) + "Z"
    }

    /// `Mon 2026-10-05`.
    public static func day(_ d: CivilDate) -> String {
        "\(weekdayNames[d.isoWeekday - 1]) \(d)"
    }

    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let weekdayFullNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    static func clockText(_ local: LocalDateTime) -> String {
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var text = "\(pad(local.hour)):\(pad(local.minute))"
        if local.second != 0 || local.millis != 0 { text += ":\(pad(local.second))" }
        if local.millis != 0 { text += "." + String(String(local.millis + 1000).dropFirst()) }
        return text
    }

    /// A target as configured, with its length in clock time when that reads differently:
    /// `4h`, `1d (9h)`.
    public static func target(_ target: SLADuration, millis: Int64, withDays: Bool = false) -> String {
        let length = duration(millis, withDays: withDays)
        let configured = target.description
        return configured == length.replacingOccurrences(of: " ", with: "") ? configured : "\(configured) (\(length))"
    }

    /// A duration in units, zero parts left out: `3h 10m`, `45s`, `2h 1.5s`, `1d 2h`, `0m`.
    ///
    /// Business time is shown in hours, never days (a business "day" is the calendar's working
    /// hours, not 24 h); wall-clock time of a day or more is shown with days (`withDays`).
    public static func duration(_ ms: Int64, withDays: Bool = false) -> String {
        if ms < 0 { return "-" + duration(-ms, withDays: withDays) }
        let totalSeconds = ms / 1000
        let rest = ms % 1000
        var parts: [String] = []
        var hours = totalSeconds / 3600
        if withDays && hours >= 24 {
            parts.append("\(hours / 24)d")
            hours %= 24
        }
        if hours > 0 { parts.append("\(hours)h") }
        if totalSeconds % 3600 / 60 > 0 { parts.append("\(totalSeconds % 3600 / 60)m") }
        let seconds = totalSeconds % 60
        if rest != 0 {
            var fraction = String(String(rest + 1000).dropFirst())
            while fraction.hasSuffix("0") { fraction.removeLast() }
            parts.append("\(seconds).\(fraction)s")
        } else if seconds != 0 {
            parts.append("\(seconds)s")
        }
        return parts.isEmpty ? "0m" : parts.joined(separator: " ")
    }
}
