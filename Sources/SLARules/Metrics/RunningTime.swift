import SLAConfig
import SLAModel
import SLATime

/// A target's clock on one case (SPEC section 2, v2): the case's calendar (24x7 or business),
/// stopped while the case's status is one the target pauses on.
///
/// Built from the case's status changes (`CaseTimeline.statusChanges()`); the running time from
/// `s` to `t` is the clock's time between them less the time spent paused, and the deadline of
/// an amount from `s` is the earliest instant the running time reaches it.
public struct RunningClock: Sendable {
    public let calendar: BusinessCalendar
    public let clock: SLAClock
    /// The status in force from each instant on, in time order.
    public let changes: [(at: Instant, status: CaseStatus)]
    /// The statuses the clock stops in, one bit each (`1 << rawValue`).
    public let stopMask: UInt8

    public init(
        calendar: BusinessCalendar, clock: SLAClock, changes: [(at: Instant, status: CaseStatus)],
        stopsIn statuses: [CaseStatus]
    ) {
        self.init(calendar: calendar, clock: clock, changes: changes, stopMask: Self.mask(statuses))
    }

    /// A clock that stops in the statuses of `stopMask` (`mask(_:)`).
    public init(
        calendar: BusinessCalendar, clock: SLAClock, changes: [(at: Instant, status: CaseStatus)], stopMask: UInt8
    ) {
        self.calendar = calendar
        self.clock = clock
        self.changes = changes
        self.stopMask = stopMask
    }

    /// `statuses` as bits, `1 << rawValue` each.
    public static func mask(_ statuses: [CaseStatus]) -> UInt8 {
        statuses.reduce(0) { $0 | 1 << $1.rawValue }
    }

    /// Whether the clock stops in `status`.
    @inline(__always)
    public func pauses(_ status: CaseStatus) -> Bool { stopMask & 1 << status.rawValue != 0 }

    /// The intervals from `start` on in which the clock runs, in order; the last may be open
    /// (`end` nil: it runs from then on). At `start` the status then in force decides; before
    /// the first change (the case's creation) the clock runs.
    public func runningIntervals(from start: Instant) -> [(start: Instant, end: Instant?)] {
        var out: [(start: Instant, end: Instant?)] = []
        forEachRunningInterval(from: start) { from, to in
            out.append((from, to))
            return true
        }
        return out
    }

    /// Calls `body` with each running interval from `start` on, in order, until it returns false;
    /// what `runningIntervals` lists, without an array.
    @inline(__always)
    public func forEachRunningInterval(from start: Instant, _ body: (Instant, Instant?) -> Bool) {
        var runningFrom: Instant? = start
        for change in changes {
            if change.at <= start {
                runningFrom = pauses(change.status) ? nil : start
            } else if pauses(change.status) {
                if let from = runningFrom {
                    if !body(from, change.at) { return }
                }
                runningFrom = nil
            } else if runningFrom == nil {
                runningFrom = change.at
            }
        }
        if let from = runningFrom { _ = body(from, nil) }
    }

    /// The running time from `start` to `end`, in milliseconds of the clock; 0 when `end <= start`.
    public func running(from start: Instant, to end: Instant) -> Int64 {
        guard end > start else { return 0 }
        var total: Int64 = 0
        forEachRunningInterval(from: start) { from, to in
            if from >= end { return false }
            total += calendar.elapsed(from: from, to: min(to ?? end, end), clock: clock)
            return true
        }
        return total
    }

    /// The time paused between `start` and `end` (wall-clock milliseconds), for explanations.
    public func pausedMillis(from start: Instant, to end: Instant) -> Int64 {
        guard end > start else { return 0 }
        var running: Int64 = 0
        for interval in runningIntervals(from: start) {
            if interval.start >= end { break }
            running += min(interval.end ?? end, end).millis - interval.start.millis
        }
        return end.millis - start.millis - running
    }

    /// The earliest instant at which the running time from `start` reaches `amount`
    /// milliseconds; nil when the clock stops for good short of it.
    public func deadline(from start: Instant, amount: Int64) -> Instant? {
        var remaining = amount
        var found: Instant?
        forEachRunningInterval(from: start) { from, to in
            if remaining <= 0 {
                found = from
                return false
            }
            guard let to else {
                found = instant(after: remaining, from: from)
                return false
            }
            let available = calendar.elapsed(from: from, to: to, clock: clock)
            if remaining <= available {
                found = instant(after: remaining, from: from)
                return false
            }
            remaining -= available
            return true
        }
        if found == nil && remaining <= 0 { return start }
        return found
    }

    /// The instant `amount` ms of the clock after `from`, the clock running throughout.
    func instant(after amount: Int64, from: Instant) -> Instant {
        switch clock {
        case .twentyFourSeven: from.adding(millis: amount)
        case .business: calendar.instant(afterBusinessMillis: amount, from: from)
        }
    }
}
