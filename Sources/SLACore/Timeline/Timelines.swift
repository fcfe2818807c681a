/// Every case's events grouped and ordered, so that a `CaseTimeline` is a slice, not a copy.
public struct Timelines: Sendable {
    /// Events of known cases at or before as-of, grouped by case, each group by time then input order.
    public let events: [CaseEvent]
    /// `start[c] ..< start[c + 1]` are case `c`'s events in `events`.
    let start: [Int]
    public let asOf: Instant

    /// Groups `data.events` by case (a counting sort, stable), then orders each case's events.
    public init(_ data: Dataset, asOf: Instant) {
        self.asOf = asOf
        var counts = [Int](repeating: 0, count: data.cases.count + 1)
        for e in data.events where e.at <= asOf { counts[Int(e.caseIndex) + 1] += 1 }
        for c in 0..<data.cases.count { counts[c + 1] += counts[c] }
        start = counts
        var next = counts
        var grouped = [CaseEvent](
            repeating: CaseEvent(
                caseIndex: 0, at: Instant(millis: 0), type: .update, value: 0, actor: nil, sequence: 0),
            count: counts[data.cases.count])
        for e in data.events where e.at <= asOf {
            grouped[next[Int(e.caseIndex)]] = e
            next[Int(e.caseIndex)] += 1
        }
        // Input order within a case is already sequence order; sort each group by time, stably.
        for c in 0..<data.cases.count where counts[c + 1] - counts[c] > 1 {
            grouped[counts[c]..<counts[c + 1]].sort { ($0.at, $0.sequence) < ($1.at, $1.sequence) }
        }
        events = grouped
    }

    /// Case `index`'s timeline.
    public func timeline(_ index: Int, in data: Dataset) -> CaseTimeline {
        CaseTimeline(record: data.cases[index], events: events[start[index]..<start[index + 1]], asOf: asOf)
    }
}
