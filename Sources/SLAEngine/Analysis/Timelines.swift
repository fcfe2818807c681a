import CPrefetch
import SLAConfig
import SLAModel
import SLARules
import SLATime

/// Every case's timeline, over the dataset's events (grouped by case and ordered by time when
/// loaded), so that no event is copied.
public struct Timelines: @unchecked Sendable {
    /// All events of known cases, grouped by case, each group by time then input order.
    public let events: [CaseEvent]
    let start: [Int32]
    public let asOf: Instant

    public init(_ data: Dataset, asOf: Instant) {
        self.asOf = asOf
        events = data.events
        start = data.eventStart.count == data.cases.count + 1 ? data.eventStart : Timelines.starts(data)
    }

    /// Case `index`'s timeline: its events up to as-of, borrowed from `events` (the compiler
    /// keeps the timeline from outliving this `Timelines`).
    @_lifetime(borrow self)
    public func timeline(_ index: Int, in data: Dataset) -> CaseTimeline {
        let lower = Int(start[index])
        var upper = Int(start[index + 1])
        while upper > lower, events[upper - 1].at > asOf { upper -= 1 }
        return CaseTimeline(record: data.cases[index], events: events.span.extracting(lower..<upper), asOf: asOf)
    }

    /// Case `index`'s timeline over all its events, whatever as-of: for what the data says
    /// regardless of when it is read (SPEC 3.6's data-quality findings).
    @_lifetime(borrow self)
    public func wholeTimeline(_ index: Int, in data: Dataset) -> CaseTimeline {
        CaseTimeline(
            record: data.cases[index], events: events.span.extracting(Int(start[index])..<Int(start[index + 1])),
            asOf: Instant(millis: Int64.max))
    }

    /// Starts loading what `timeline(index, in:)` reads: stage 0 case `index`'s record and
    /// where its events start, stage 1 (once that is in the cache) its first and last events. For
    /// callers that go through the cases out of order.
    @inline(__always)
    func prefetch(_ index: Int, cases: UnsafeBufferPointer<CaseRecord>, stage: Int) {
        guard index >= 0, index < cases.count else { return }
        if stage == 0 {
            if let record = cases.baseAddress { slacheck_prefetch(record + index) }
            start.withUnsafeBufferPointer { if let s = $0.baseAddress { slacheck_prefetch(s + index) } }
        } else if start[index + 1] > start[index] {
            // The last one is read first (see `timeline`).
            events.withUnsafeBufferPointer {
                guard let events = $0.baseAddress else { return }
                slacheck_prefetch(events + Int(start[index]))
                slacheck_prefetch(events + Int(start[index + 1]) - 1)
            }
        }
    }

    /// Group starts for a dataset built by hand (tests), whose events are already grouped.
    static func starts(_ data: Dataset) -> [Int32] {
        var start = [Int32](repeating: 0, count: data.cases.count + 1)
        for e in data.events { start[Int(e.caseIndex) + 1] += 1 }
        for c in 0..<data.cases.count { start[c + 1] += start[c] }
        return start
    }
}
