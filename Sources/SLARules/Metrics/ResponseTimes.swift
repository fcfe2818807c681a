import SLAConfig
import SLAModel
import SLATime

/// The first-response verdict of one case (SPEC section 3.1).
public enum ResponseVerdict: String, Sendable, Equatable {
    case met, breached, pending
    /// First response before creation: a data-quality finding, left out of the metric.
    case negativeDuration = "negative-duration"
}

/// One case of the response population with its verdict, for the per-case CSV and `explain`.
///
/// Optional instants are stored as milliseconds with a sentinel (a month of a million cases
/// keeps one item per case); use the `Instant?` properties.
public struct ResponseItem: Sendable, Equatable {
    public var caseIndex: Int32
    public var severity: Severity
    public var verdict: ResponseVerdict
    public var createdAt: Instant
    /// The last instant at which a reply still meets the target (created_at plus the target on
    /// the severity's clock; on a business clock, the next window's start when the target runs
    /// out exactly at the end of one). With a `pause_on`, the earliest instant the running time
    /// reaches the target (SPEC 2), nil while the clock is stopped short of it.
    public var deadline: Instant? {
        get { deadlineMillis == Int64.max ? nil : Instant(millis: deadlineMillis) }
        set { deadlineMillis = newValue?.millis ?? Int64.max }
    }
    private var deadlineMillis: Int64
    /// The clock that judged it (an index in `Judging.clocks`).
    public var clock: Int32 = 0
    /// Its organization's tier (an index in the configuration's tiers), -1 for none.
    public var tier: Int32 = -1
    /// The target that judged it, in milliseconds of its clock.
    public var targetMillis: Int64 = 0
    private var firstResponseMillis: Int64
    private var elapsedMillis: Int64

    public init(
        caseIndex: Int32, severity: Severity, createdAt: Instant, firstResponse: Instant?, deadline: Instant?,
        responseMillis: Int64?, verdict: ResponseVerdict
    ) {
        self.caseIndex = caseIndex
        self.severity = severity
        self.verdict = verdict
        self.createdAt = createdAt
        deadlineMillis = deadline?.millis ?? Int64.max
        firstResponseMillis = firstResponse?.millis ?? Int64.min
        elapsedMillis = responseMillis ?? Int64.min
    }

    /// Support's first response, if any by as-of.
    public var firstResponse: Instant? {
        get { firstResponseMillis == Int64.min ? nil : Instant(millis: firstResponseMillis) }
        set { firstResponseMillis = newValue?.millis ?? Int64.min }
    }

    /// Elapsed time on the clock, milliseconds; nil when not responded.
    public var responseMillis: Int64? {
        get { elapsedMillis == Int64.min ? nil : elapsedMillis }
        set { elapsedMillis = newValue ?? Int64.min }
    }
}

/// Counts and response times of one severity; an accumulator that can be merged.
public struct ResponseTally: Sendable, Equatable {
    public var cases = 0
    public var met = 0
    public var breached = 0
    public var pending = 0
    public var negativeDuration = 0
    /// Responded cases (a negative-duration case not counted); for the other targets, the
    /// cases with a figure (restored, stopped, every update case).
    public var responded = 0
    /// Response times of responded cases (milliseconds), in no particular order; empty in a
    /// tally that only counts (the months of the trend, whose compliance is all they show).
    public var times: [Int64] = []
    /// Cases excluded by exclusions.csv (SPEC 3.10): in `cases`, `responded` and the times, out
    /// of met, breached and pending.
    public var excluded = 0
    /// What the excluded cases would have counted as: for `complianceRaw`.
    public var excludedMet = 0
    public var excludedBreached = 0
    /// Resolution: cases reopened after a resolution.
    public var reopened = 0

    public init() {}

    /// met / (met + breached); nil when both are zero.
    public var compliance: Double? { met + breached == 0 ? nil : Double(met) / Double(met + breached) }

    /// The compliance with the excluded cases counted as their verdicts (SPEC 3.10).
    public var complianceRaw: Double? {
        let m = met + excludedMet
        let b = breached + excludedBreached
        return m + b == 0 ? nil : Double(m) / Double(m + b)
    }

    /// Counts a verdict, or an exclusion of it.
    mutating func count(_ verdict: ResponseVerdict, excluded isExcluded: Bool) {
        if isExcluded && verdict != .negativeDuration {
            excluded += 1
            if verdict == .met { excludedMet += 1 }
            if verdict == .breached { excludedBreached += 1 }
            return
        }
        switch verdict {
        case .met: met += 1
        case .breached: breached += 1
        case .pending: pending += 1
        case .negativeDuration: negativeDuration += 1
        }
    }

    /// Adds a restoration, resolution or update item (SPEC 3.7-3.9).
    public mutating func add(_ item: TargetItem, excluded isExcluded: Bool = false, keepingTime: Bool = true) {
        cases += 1
        count(item.verdict, excluded: isExcluded)
        if item.reopened { reopened += 1 }
        if let ms = item.millis {
            responded += 1
            if keepingTime { times.append(ms) }
        }
    }

    /// Adds a case. A negative-duration case is left out of the metric (SPEC 3.1): it is only
    /// counted as such, not in `cases`.
    public mutating func add(_ item: ResponseItem, excluded isExcluded: Bool = false, keepingTime: Bool = true) {
        if item.verdict != .negativeDuration { cases += 1 }
        count(item.verdict, excluded: isExcluded)
        if item.verdict != .negativeDuration, let ms = item.responseMillis {
            responded += 1
            if keepingTime { times.append(ms) }
        }
    }

    public mutating func merge(_ other: ResponseTally) {
        excluded += other.excluded
        excludedMet += other.excludedMet
        excludedBreached += other.excludedBreached
        reopened += other.reopened
        cases += other.cases
        met += other.met
        breached += other.breached
        pending += other.pending
        negativeDuration += other.negativeDuration
        responded += other.responded
        times += other.times
    }

    public var stats: DurationStats? { DurationStats(times) }
}

/// Severity changes after creation, per starting severity.
public struct Redeterminations: Sendable, Equatable {
    /// Index = severity - 1.
    public var upgraded = [0, 0, 0, 0]
    public var downgraded = [0, 0, 0, 0]

    public init() {}

    /// Counts `history` (the starting severity first, then the severity after each later change):
    /// upgraded when the number went down from one to the next at some point, downgraded when it
    /// went up (a case can be both: 4 → 3 → 4 is both).
    public mutating func add(_ history: [Severity]) {
        guard let first = history.first else { return }
        let steps = zip(history, history.dropFirst())
        if steps.contains(where: { $1 < $0 }) { upgraded[Int(first.rawValue) - 1] += 1 }
        if steps.contains(where: { $1 > $0 }) { downgraded[Int(first.rawValue) - 1] += 1 }
    }

    /// Counts the severity history of `t` (as `add(t.severityHistory)`, without the array).
    public mutating func add(_ t: CaseTimeline) {
        let first = t.severity(at: t.record.createdAt)
        var previous = first
        var up = false
        var down = false
        t.forEachSeverityAfterCreation { s in
            if s < previous { up = true }
            if s > previous { down = true }
            previous = s
        }
        if up { upgraded[Int(first.rawValue) - 1] += 1 }
        if down { downgraded[Int(first.rawValue) - 1] += 1 }
    }

    public mutating func merge(_ other: Redeterminations) {
        for i in 0..<4 {
            upgraded[i] += other.upgraded[i]
            downgraded[i] += other.downgraded[i]
        }
    }
}

extension MetricsContext {
    /// The severity that judges `t` for a target that stops at `stop` (nil: not stopped by
    /// as-of), SPEC 3.0: the severity at creation, or with `severity_basis = "highest"` the most
    /// severe of the row's and of every severity event from creation through the stop (or as-of).
    public func judgedSeverity(_ t: CaseTimeline, stop: Instant?) -> Severity {
        switch config.severityBasis {
        case .creation: t.severity(at: t.record.createdAt)
        case .highest: t.highestSeverity(through: stop ?? asOf)
        }
    }

    /// The response verdict of one case created in the period, on its own clock and targets
    /// (SPEC 3.0, 3.1). Every severity has a first-response entry: the default table has all
    /// four, and a tier's or a contract's entries only replace them.
    public func responseItem(_ t: CaseTimeline) -> ResponseItem {
        let judgement = judging.judgement(of: t.record)
        let created = t.record.createdAt
        let firstResponse = t.firstResponse
        let severity = judgedSeverity(t, stop: firstResponse)
        let target =
            judging.target(.firstResponse, severity, judgement)
            ?? config.firstResponse[severity: Int(severity.rawValue)]
        let calendar = judging.calendar(judgement)
        let targetMillis = target.seconds(workingDaySeconds: calendar.workingDaySeconds) * 1000
        // Without pause_on (the default) version 1's clock and deadline; with one, a running
        // time that stops in those statuses (SPEC 2).
        let running =
            judging.stopMask(.firstResponse, judgement) == 0
            ? nil : runningClock(.firstResponse, judgement, clock: target.clock, changes: t.statusChanges())
        let deadline =
            running.map { $0.deadline(from: created, amount: targetMillis) }
            ?? calendar.lastMomentToMeet(target.target, clock: target.clock, from: created)
        var item = ResponseItem(
            caseIndex: t.record.id, severity: severity, createdAt: created, firstResponse: firstResponse,
            deadline: deadline, responseMillis: nil, verdict: .pending)
        item.clock = judgement.clock
        item.tier = judgement.tier
        item.targetMillis = targetMillis
        if let response = firstResponse {
            if response < created {
                item.verdict = .negativeDuration
                return item
            }
            let elapsed =
                running?.running(from: created, to: response)
                ?? calendar.elapsed(from: created, to: response, clock: target.clock)
            item.responseMillis = elapsed
            item.verdict = elapsed <= targetMillis ? .met : .breached
        } else if let deadline, asOf > deadline {
            // Past the last moment a reply could still meet the target.
            item.verdict = .breached
        }
        return item
    }
}
