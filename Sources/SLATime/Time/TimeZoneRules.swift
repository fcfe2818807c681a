import Foundation

/// The UTC offsets of one IANA time zone, precomputed once so conversions need no Foundation.
///
/// `init?(identifier:)` asks Foundation's `TimeZone` for every offset change between 1900 and
/// 2200 and keeps them in a sorted table; after that, every conversion is a binary search over
/// that table. Before 1900 the offset in force on 1900-01-01 applies (often local mean time),
/// and after 2200 the last offset of the table applies (DST is no longer modelled there).
/// UTC, and any zone without transitions, takes a fast path with no search at all.
public struct TimeZoneRules: Sendable, Hashable, CustomStringConvertible {
    /// The IANA name the rules were built from, such as `Europe/Berlin`.
    public let identifier: String
    /// Offset (seconds east of UTC) in force before the first transition.
    @usableFromInline let initialOffset: Int
    /// Instants (ms since the epoch) at which the offset changes, ascending.
    @usableFromInline let transitionMillis: [Int64]
    /// Offset (seconds) in force from `transitionMillis[i]` on.
    @usableFromInline let offsetAfter: [Int32]
    /// Local wall-clock time (ms, as if UTC) at which transition `i`'s gap or overlap begins:
    /// the transition instant plus the smaller of the offsets before and after it.
    @usableFromInline let localWindowStart: [Int64]

    /// Coordinated Universal Time: offset zero, no transitions.
    public static let utc = TimeZoneRules(
        identifier: "UTC", initialOffset: 0, transitionMillis: [], offsetAfter: [], localWindowStart: []
    )

    private init(
        identifier: String, initialOffset: Int, transitionMillis: [Int64], offsetAfter: [Int32],
        localWindowStart: [Int64]
    ) {
        self.identifier = identifier
        self.initialOffset = initialOffset
        self.transitionMillis = transitionMillis
        self.offsetAfter = offsetAfter
        self.localWindowStart = localWindowStart
    }

    /// Builds the rules of the IANA zone `identifier` (`UTC`, `Europe/Berlin`, ...); nil if unknown.
    ///
    /// This is the only place Foundation is used; it costs a few hundred `TimeZone` calls.
    public init?(identifier: String) {
        if identifier == "UTC" || identifier == "Etc/UTC" {
            self.init(
                identifier: identifier, initialOffset: 0, transitionMillis: [], offsetAfter: [], localWindowStart: []
            )
            return
        }
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        let start = Date(timeIntervalSince1970: -2_208_988_800)  // 1900-01-01T00:00:00Z
        let end = Date(timeIntervalSince1970: 7_258_118_400)  // 2200-01-01T00:00:00Z
        let initial = zone.secondsFromGMT(for: start)
        var times: [Int64] = []
        var offsets: [Int32] = []
        var windows: [Int64] = []
        var previous = initial
        var cursor = start
        // `nextDaylightSavingTimeTransition` reports every offset change, not only DST ones
        // (checked against `secondsFromGMT` for all known zones); it also reports changes of
        // the DST flag alone, which are skipped here because the offset stays the same.
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < end, next > cursor {
            cursor = next
            let offset = zone.secondsFromGMT(for: next)
            guard offset != previous else { continue }
            let at = Int64((next.timeIntervalSince1970 * 1000).rounded(.down))
            times.append(at)
            offsets.append(Int32(offset))
            windows.append(at + Int64(min(offset, previous)) * 1000)
            previous = offset
        }
        self.init(
            identifier: identifier, initialOffset: initial, transitionMillis: times, offsetAfter: offsets,
            localWindowStart: windows
        )
    }

    /// Whether the zone never changes its offset and that offset is zero.
    @inlinable public var isUTC: Bool { transitionMillis.isEmpty && initialOffset == 0 }

    /// The UTC offset, in seconds east of UTC, in force at `instant`.
    @inlinable public func offsetSeconds(at instant: Instant) -> Int {
        if transitionMillis.isEmpty { return initialOffset }
        let ms = instant.millis
        // First index whose transition is after `ms`.
        var low = 0
        var high = transitionMillis.count
        while low < high {
            let mid = (low + high) >> 1
            if transitionMillis[mid] <= ms { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? initialOffset : Int(offsetAfter[low - 1])
    }

    /// The wall-clock date and time shown in this zone at `instant`.
    @inlinable public func localDateTime(of instant: Instant) -> LocalDateTime {
        LocalDateTime(instant, offsetSeconds: offsetSeconds(at: instant))
    }

    /// The instant at which this zone's clocks show `date` at `secondOfDay` and `millis`.
    ///
    /// Local times that do not name exactly one instant are resolved like java.time does:
    /// - in a fall-back overlap (the hour that happens twice) the **earlier** instant, the first
    ///   occurrence, is used: 01:30 on 2026-11-01 in America/New_York is 01:30 EDT = 05:30Z;
    /// - a time inside a spring-forward gap (a time that never happens) is moved forward by
    ///   the length of the gap: 02:30 on 2026-03-08 in America/New_York becomes 03:30 EDT =
    ///   07:30Z. Equivalently, the offset in force before the transition is used.
    ///
    /// `secondOfDay` may lie outside `0..<86400`; it then counts from local midnight of `date`.
    @inlinable public func instant(forLocal date: CivilDate, secondOfDay: Int, millis: Int = 0) -> Instant {
        let local = (Int64(date.daysSinceEpoch) * 86_400 + Int64(secondOfDay)) * 1000 + Int64(millis)
        return instant(forLocalMillis: local)
    }

    /// The instant at which this zone's clocks show `local`; see `instant(forLocal:secondOfDay:millis:)`.
    @inlinable public func instant(forLocal local: LocalDateTime) -> Instant {
        instant(forLocal: local.date, secondOfDay: local.secondOfDay, millis: local.millis)
    }

    /// The first instant of `date` in this zone (its local midnight, or the end of a gap over it).
    @inlinable public func startOfDay(_ date: CivilDate) -> Instant {
        instant(forLocal: date, secondOfDay: 0)
    }

    /// Converts local wall-clock milliseconds (counted as if the wall clock were UTC) to an instant.
    @inlinable func instant(forLocalMillis local: Int64) -> Instant {
        if localWindowStart.isEmpty { return Instant(millis: local - Int64(initialOffset) * 1000) }
        // Last transition whose gap or overlap starts at or before `local`.
        var low = 0
        var high = localWindowStart.count
        while low < high {
            let mid = (low + high) >> 1
            if localWindowStart[mid] <= local { low = mid + 1 } else { high = mid }
        }
        if low == 0 { return Instant(millis: local - Int64(initialOffset) * 1000) }
        let index = low - 1
        let before = Int64(index == 0 ? initialOffset : Int(offsetAfter[index - 1]))
        let after = Int64(offsetAfter[index])
        // Inside the window (gap or overlap) the earlier offset wins; past it, the new one.
        let windowEnd = transitionMillis[index] + max(before, after) * 1000
        let offset = local < windowEnd ? before : after
        return Instant(millis: local - offset * 1000)
    }

    /// These rules with only the offset changes after `range.lowerBound` and up to
    /// `range.upperBound`: before the range the offset in force at its start applies, after it
    /// the offset at its end, as if the zone had changed its clocks only within the range.
    ///
    /// For a caller that must reproduce a view of the zone taken over a window, such as the
    /// synthetic exports, which have always been computed with the offsets of the generated
    /// dates and three days either side.
    public func limited(to range: ClosedRange<Instant>) -> TimeZoneRules {
        let start = range.lowerBound.millis
        let end = range.upperBound.millis
        let kept = transitionMillis.indices.filter { transitionMillis[$0] > start && transitionMillis[$0] <= end }
        return TimeZoneRules(
            identifier: identifier, initialOffset: offsetSeconds(at: range.lowerBound),
            transitionMillis: kept.map { transitionMillis[$0] }, offsetAfter: kept.map { offsetAfter[$0] },
            localWindowStart: kept.map { localWindowStart[$0] })
    }

    /// The number of offset changes in the table (1900 to 2200).
    public var transitionCount: Int { transitionMillis.count }

    public static func == (a: TimeZoneRules, b: TimeZoneRules) -> Bool {
        a.identifier == b.identifier && a.initialOffset == b.initialOffset
            && a.transitionMillis == b.transitionMillis && a.offsetAfter == b.offsetAfter
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(identifier)
        hasher.combine(transitionMillis.count)
    }

    /// The IANA name.
    public var description: String { identifier }
}
