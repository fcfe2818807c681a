import Foundation
import SLAModel
import SLATime

/// The generator's view of one IANA time zone over a bounded window: UTC offsets, local wall
/// time, and the default support calendar (Monday–Friday, 08:00–17:00 local, no holidays).
///
/// Foundation's `TimeZone` is asked once per hour of the window, when the clock is built; after
/// that every conversion is a lookup in a handful of constant-offset segments, so a million
/// cases never reach Foundation. Times are whole seconds since the epoch.
struct ZoneClock {
    /// Constant-offset stretches of the window: `starts[i]` (UTC seconds) begins `offsets[i]`.
    private let starts: [Int64]
    private let offsets: [Int64]

    static let openingSecond: Int64 = 8 * 3600
    static let closingSecond: Int64 = 17 * 3600

    /// The clock of `zone` between `start` and `end` (UTC seconds); outside the window the
    /// nearest segment's offset applies.
    init(zone: TimeZone, from start: Int64, to end: Int64) {
        func offset(_ t: Int64) -> Int64 {
            Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))))
        }
        var starts: [Int64] = [start]
        var offsets: [Int64] = [offset(start)]
        if zone.identifier != "UTC" && zone.identifier != "GMT" {
            // Sample every hour; where the offset changes, find the exact second by bisection.
            var t = start
            while t < end {
                let next = t + 3600
                let after = offset(next)
                if let last = offsets.last, after != last {
                    var lo = t
                    var hi = next  // offset(lo) == last, offset(hi) == after
                    while hi - lo > 1 {
                        let mid = lo + (hi - lo) / 2
                        if offset(mid) == last { lo = mid } else { hi = mid }
                    }
                    starts.append(hi)
                    offsets.append(after)
                }
                t = next
            }
        }
        self.starts = starts
        self.offsets = offsets
    }

    /// The UTC offset in seconds at instant `t`.
    @inline(__always)
    func offset(at t: Int64) -> Int64 {
        var i = offsets.count - 1
        while i > 0 && t < starts[i] { i -= 1 }
        return offsets[i]
    }

    /// Local wall time at `t`, as seconds since 1970-01-01T00:00 local.
    @inline(__always)
    func local(_ t: Int64) -> Int64 { t + offset(at: t) }

    /// The instant whose local wall time is `wall`. In a repeated hour the earlier instant is
    /// returned; in a skipped hour the offset before the gap applies.
    func utc(fromLocal wall: Int64) -> Int64 {
        if offsets.count == 1 { return wall - offsets[0] }
        for i in offsets.indices {
            let u = wall - offsets[i]
            let afterStart = i == 0 || u >= starts[i]
            let beforeEnd = i == offsets.count - 1 || u < starts[i + 1]
            if afterStart && beforeEnd { return u }
        }
        // In a gap (clocks jumped forward): use the offset in force just before it.
        for i in 1..<offsets.count where wall - offsets[i - 1] >= starts[i] && wall - offsets[i] < starts[i] {
            return wall - offsets[i - 1]
        }
        return wall - offsets[offsets.count - 1]
    }

    /// Whether the local wall time near `t` is unambiguous (no offset change within two hours),
    /// so that writing it without an offset cannot be misread.
    func isUnambiguous(_ t: Int64) -> Bool {
        offsets.count == 1 || (offset(at: t - 7200) == offset(at: t) && offset(at: t + 7200) == offset(at: t))
    }

    /// The local calendar day number (days since 1970-01-01) of instant `t`.
    func localDay(_ t: Int64) -> Int64 { floorDiv(local(t), 86400) }

    /// Whether local day `day` is a working day (Monday to Friday).
    static func isWorkday(_ day: Int64) -> Bool {
        // 1970-01-01 was a Thursday: day 0 → ISO weekday 4.
        let weekday = ((day % 7) + 7 + 3) % 7 + 1
        return weekday <= 5
    }

    /// `t` plus `seconds` of business time (working hours on working days, local).
    func addingBusiness(_ seconds: Int64, to t: Int64) -> Int64 {
        var remaining = seconds
        var wall = local(t)
        while true {
            let day = floorDiv(wall, 86400)
            let dayStart = day * 86400
            if !ZoneClock.isWorkday(day) || wall >= dayStart + ZoneClock.closingSecond {
                wall = dayStart + 86400 + ZoneClock.openingSecond
                continue
            }
            if wall < dayStart + ZoneClock.openingSecond { wall = dayStart + ZoneClock.openingSecond }
            let available = dayStart + ZoneClock.closingSecond - wall
            if remaining <= available { return utc(fromLocal: wall + remaining) }
            remaining -= available
            wall = dayStart + 86400 + ZoneClock.openingSecond
        }
    }

    /// The end (exclusive bound) of the `n`-th working day after the local date of `t`.
    func endOfWorkingDay(_ n: Int, after t: Int64) -> Int64 {
        var day = localDay(t)
        var counted = 0
        while counted < n {
            day += 1
            if ZoneClock.isWorkday(day) { counted += 1 }
        }
        return utc(fromLocal: (day + 1) * 86400)
    }
}

@inline(__always)
func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
