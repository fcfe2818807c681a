import SLAConfig
import SLAModel
import SLATime

/// One case's verdict on restoration, resolution or periodic update (SPEC v2 3.7-3.9).
public struct TargetItem: Sendable, Equatable {
    public var kind: SLAConfig.TargetKind
    public var caseIndex: Int32
    /// The severity that judged it (SPEC 3.0).
    public var severity: Severity
    public var verdict: ResponseVerdict
    /// Where its clock starts: `created_at` (restoration, resolution) or the first response (update).
    public var start: Instant
    /// Where it stopped (the restore, the standing resolution); nil when it has not.
    public var stop: Instant?
    /// The earliest instant the running time reaches the target (restoration, resolution: from
    /// the start; update: from the last support touch); nil while the clock is stopped short of it.
    public var deadline: Instant?
    /// The figure: running time to the stop (restoration, resolution; nil when not stopped), or
    /// the longest gap between support touches (update; the unfinished one measured to as-of).
    public var millis: Int64?
    /// The target in milliseconds of its clock.
    public var targetMillis: Int64
    /// The clock that judged it (an index in `Judging.clocks`) and its tier (-1 for none).
    public var clock: Int32
    public var tier: Int32
    /// Resolution: whether the case was reopened after a resolution by as-of.
    public var reopened = false
}

extension CaseTimeline {
    /// SPEC 3.8: the last instant the case became resolved or closed (from an unresolved status),
    /// provided it is still resolved or closed at as-of; and whether it was reopened after a
    /// resolution. Resolved then closed is one stop, at the resolution.
    public static func resolutionStop(_ changes: [(at: Instant, status: CaseStatus)]) -> (
        stop: Instant?, reopened: Bool
    ) {
        var done = false
        var stop: Instant?
        var reopened = false
        for change in changes {
            let isDone = change.status == .resolved || change.status == .closed
            if isDone && !done { stop = change.at }
            if !isDone && done { reopened = true }
            done = isDone
        }
        return (done ? stop : nil, reopened)
    }
}

extension MetricsContext {
    /// The clock of target `kind` for a case judged by `judgement`: its calendar, stopped in the
    /// kind's `pause_on` statuses and, for resolution and update, while resolved or closed.
    public func runningClock(
        _ kind: SLAConfig.TargetKind, _ judgement: CaseJudgement, clock: SLAClock,
        changes: [(at: Instant, status: CaseStatus)], calendar: BusinessCalendar? = nil
    ) -> RunningClock {
        RunningClock(
            calendar: calendar ?? judging.calendar(judgement), clock: clock, changes: changes,
            stopMask: judging.stopMask(kind, judgement))
    }

    /// What every target of a case reads: its status changes, its standing resolution and what
    /// judges it. Worked out once per case when several targets are measured.
    public struct CaseFacts {
        public let changes: [(at: Instant, status: CaseStatus)]
        public let resolution: (stop: Instant?, reopened: Bool)
        public let judgement: CaseJudgement
    }

    /// The facts of `t` the targets read; `changes` are its status changes when already worked
    /// out (`CaseTimeline.statusChanges`).
    public func facts(_ t: CaseTimeline, changes known: [(at: Instant, status: CaseStatus)]? = nil) -> CaseFacts {
        let changes = known ?? t.statusChanges()
        return CaseFacts(
            changes: changes, resolution: CaseTimeline.resolutionStop(changes),
            judgement: judging.judgement(of: t.record))
    }

    /// The verdict of `t` on restoration, resolution or update (SPEC 3.7-3.9), on its own clock
    /// and targets; nil when the case is not in that target's population (not a platform
    /// incident for restoration, no first response by as-of for update, or no entry for its
    /// judged severity). The one place each of these rules is decided.
    public func targetItem(_ kind: SLAConfig.TargetKind, _ t: CaseTimeline) -> TargetItem? {
        targetItem(kind, t, facts: facts(t))
    }

    /// `targetItem(_:_:)` from the case's `facts`, already worked out.
    public func targetItem(_ kind: SLAConfig.TargetKind, _ t: CaseTimeline, facts: borrowing CaseFacts)
        -> TargetItem?
    {
        precondition(kind != .firstResponse, "first response has its own rule: responseItem")
        let record = t.record
        let created = record.createdAt
        guard created <= asOf else { return nil }
        if kind == .restoration && !record.platformIncident { return nil }
        let resolution = facts.resolution
        // Where the target stops, for the judged severity under "highest".
        let stop: Instant?
        switch kind {
        case .restoration: stop = t.serviceRestored
        case .resolution, .update: stop = resolution.stop
        case .firstResponse: stop = nil
        }
        let start: Instant
        if kind == .update {
            // A first response before creation is a negative-duration case: left out here too.
            guard let first = t.firstResponse, first >= created else { return nil }
            start = first
        } else {
            start = created
        }
        // A restore before creation leaves the case out (SPEC 3.7).
        if kind == .restoration, let restored = stop, restored < created { return nil }
        let judgement = facts.judgement
        let severity = judgedSeverity(t, stop: stop)
        guard let target = judging.target(kind, severity, judgement) else { return nil }
        let calendar = judging.calendar(judgement)
        let targetMillis = target.seconds(workingDaySeconds: calendar.workingDaySeconds) * 1000
        let clock = runningClock(kind, judgement, clock: target.clock, changes: facts.changes, calendar: calendar)
        var item = TargetItem(
            kind: kind, caseIndex: record.id, severity: severity, verdict: .pending, start: start, stop: stop,
            deadline: nil, millis: nil, targetMillis: targetMillis, clock: judgement.clock, tier: judgement.tier,
            reopened: kind == .resolution && resolution.reopened)
        switch kind {
        case .restoration, .resolution:
            item.deadline = clock.deadline(from: start, amount: targetMillis)
            if let stop {
                let running = clock.running(from: start, to: stop)
                item.millis = running
                item.verdict = running <= targetMillis ? .met : .breached
            } else if let deadline = item.deadline, asOf > deadline {
                item.verdict = .breached
            }
        case .update:
            // Support touches: the first response and every support update after it, up to the
            // stop (or as-of); the gaps run between them and from the last to the stop.
            let end = min(stop ?? asOf, asOf)
            var last = start
            var longest: Int64 = 0
            var breached = false
            for i in t.events.indices {
                let e = t.events[i]
                guard e.type == .update, e.actor == .support, e.at > start, e.at <= end else { continue }
                let gap = clock.running(from: last, to: e.at)
                longest = max(longest, gap)
                if gap > targetMillis { breached = true }
                last = e.at
            }
            let tail = clock.running(from: last, to: end)
            longest = max(longest, tail)
            item.deadline = clock.deadline(from: last, amount: targetMillis)
            if stop != nil {
                // The last gap finished at the stop.
                if tail > targetMillis { breached = true }
            } else if let deadline = item.deadline, asOf > deadline {
                breached = true
            }
            item.millis = longest
            item.verdict = breached ? .breached : (stop != nil ? .met : .pending)
        case .firstResponse:
            break
        }
        return item
    }
}

/// A stretch of a target's clock stopped by the case's status (SPEC 2): for `explain`.
public struct TargetPause: Sendable, Equatable {
    public var from: Instant
    /// Nil when still stopped at the end looked at.
    public var to: Instant?
    public var status: CaseStatus
    /// What set that status.
    public var source: CaseTimeline.StatusSource?
}

extension MetricsContext {
    /// The pauses of `item`'s clock between its start and its stop (or as-of), each with the
    /// status that caused it and where that status came from: the intervals `RunningClock`
    /// leaves out, as the rule counted them.
    public func pauses(of item: TargetItem, _ t: CaseTimeline) -> [TargetPause] {
        pauses(item.kind, severity: item.severity, from: item.start, to: item.stop ?? asOf, t)
    }

    /// The pauses of target `kind`'s clock for a case judged at `severity`, from `start` to `end`.
    public func pauses(
        _ kind: SLAConfig.TargetKind, severity: Severity, from start: Instant, to end: Instant, _ t: CaseTimeline
    ) -> [TargetPause] {
        let changes = t.statusChanges()
        let judgement = judging.judgement(of: t.record)
        guard let entry = judging.target(kind, severity, judgement) else { return [] }
        let clock = runningClock(kind, judgement, clock: entry.clock, changes: changes)
        var out: [TargetPause] = []
        var cursor = start
        for interval in clock.runningIntervals(from: start) {
            if interval.start >= end { break }
            if interval.start > cursor { out.append(pause(from: cursor, to: interval.start, changes, t)) }
            guard let stop = interval.end else {
                cursor = end
                break
            }
            cursor = stop
        }
        if cursor < end { out.append(pause(from: cursor, to: nil, changes, t)) }
        return out
    }

    private func pause(
        from: Instant, to: Instant?, _ changes: [(at: Instant, status: CaseStatus)], _ t: CaseTimeline
    ) -> TargetPause {
        let status = changes.last { $0.at <= from }?.status ?? .open
        return TargetPause(from: from, to: to, status: status, source: t.statusSource(at: from))
    }
}

/// The restoration, resolution and update verdicts of a period's cases, kept beside their
/// response items for the cases CSV (SPEC 3.7-3.9, 5): for each measured kind, one entry per
/// response item, in the same order.
///
/// An entry keeps what the CSV shows of an item (its deadline, figure and verdict) in 24 bytes,
/// where a `TargetItem` takes 88: a month of a million cases has three million of them, written
/// in place by the analysis' threads rather than appended and merged. The tallies have counted
/// the rest; `explain` works a case's items out again.
public struct TargetVerdicts: Sendable {
    /// One case's verdict on one kind; `verdict` nil when the case is not in the kind's population.
    public struct Entry: Sendable {
        var deadlineMillis: Int64
        var figureMillis: Int64
        /// Nil: the case is not in the kind's population.
        public let verdict: ResponseVerdict?

        /// No item: the case is not in the kind's population.
        public static let none = Entry(deadlineMillis: .min, figureMillis: .min, verdict: nil)

        init(deadlineMillis: Int64, figureMillis: Int64, verdict: ResponseVerdict?) {
            self.deadlineMillis = deadlineMillis
            self.figureMillis = figureMillis
            self.verdict = verdict
        }

        /// What the CSV shows of `item`.
        public init(_ item: TargetItem) {
            self.init(
                deadlineMillis: item.deadline?.millis ?? .min, figureMillis: item.millis ?? .min,
                verdict: item.verdict)
        }

        /// `TargetItem.deadline`.
        public var deadline: Instant? { deadlineMillis == .min ? nil : Instant(millis: deadlineMillis) }
        /// `TargetItem.millis`.
        public var millis: Int64? { figureMillis == .min ? nil : figureMillis }
    }

    /// The kinds measured (`MetricsContext.judging.measures`), in index order.
    public let kinds: [SLAConfig.TargetKind]
    /// The response items the entries go with.
    public let count: Int
    /// Kind-major: the entries of `kinds[m]` are `entries[m * count ..< (m + 1) * count]`.
    var entries: [Entry]

    /// Room for `count` response items' entries of each of `kinds`, none in a population yet.
    public init(kinds: [SLAConfig.TargetKind], count: Int) {
        self.kinds = kinds
        self.count = count
        entries = [Entry](repeating: .none, count: kinds.count * count)
    }

    /// Lets `body` write the entries: the entry of `kinds[m]` for response item `row` is at
    /// `m * count + row`.
    public mutating func withEntries<R>(_ body: (UnsafeMutableBufferPointer<Entry>) throws -> R) rethrows -> R {
        try entries.withUnsafeMutableBufferPointer { try body($0) }
    }

    /// The verdict of `kind` of response item number `row`; nil when the kind is not measured or
    /// the case is not in its population.
    public func entry(_ kind: SLAConfig.TargetKind, row: Int) -> Entry? {
        guard let m = kinds.firstIndex(of: kind), row < count else { return nil }
        let entry = entries[m * count + row]
        return entry.verdict == nil ? nil : entry
    }
}
