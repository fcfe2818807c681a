/// A point in time: milliseconds since 1970-01-01T00:00:00Z.
///
/// Every timestamp slacheck reads becomes an `Instant` straight from the field bytes; no
/// `Date` or `DateFormatter` is involved on the hot path. Sub-millisecond digits are truncated.
public struct Instant: Hashable, Comparable, Sendable {
    /// Milliseconds since the Unix epoch (UTC). Negative before 1970.
    public var millis: Int64

    @inlinable public init(millis: Int64) { self.millis = millis }

    @inlinable public init(seconds: Int64) { self.millis = seconds * 1000 }

    /// Whole seconds since the epoch, rounded toward negative infinity.
    @inlinable public var seconds: Int64 {
        millis >= 0 ? millis / 1000 : (millis - 999) / 1000
    }

    @inlinable public static func < (a: Instant, b: Instant) -> Bool { a.millis < b.millis }

    /// The instant `ms` milliseconds later.
    @inlinable public func adding(millis ms: Int64) -> Instant { Instant(millis: millis + ms) }
}
