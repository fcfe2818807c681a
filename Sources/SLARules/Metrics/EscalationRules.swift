import SLAConfig
import SLAModel
import SLATime

extension EscalationRule {
    /// The published criterion, in plain words, with the configured RCA delay
    /// (`rca.business_days`) and high-priority wait (`escalations.high_priority_wait`).
    public func criterion(rcaBusinessDays: Int, highPriorityWait: SLADuration) -> String {
        switch self {
        case .caseNotActive: "There must be an active case."
        case .awaitingCustomer: "Support must not be waiting on information from the customer."
        case .urgencyChange: "To change urgency or impact, ask for a priority change, not an escalation."
        case .rcaTooEarly:
            "RCA escalations only after the RCA is due (\(rcaBusinessDays) business day\(rcaBusinessDays == 1 ? "" : "s") after restore)."
        case .lowPriority: "Low-priority cases are not eligible."
        case .highPriorityTooSoon:
            "High-priority escalations need \(highPriorityWait.words) since the last update."
        case .alreadyOpen: "One open escalation per case."
        case .fedrampUnassigned: "FedRAMP cases can be escalated once assigned."
        case .criticalNotByPhone: "Critical issues go to Product Support by phone."
        }
    }
}

extension EscalationRule {
    /// Whether the facts break this rule: the one place each rule of SPEC 3.3 is decided.
    public func isBroken(by facts: EscalationFacts) -> Bool {
        switch self {
        case .caseNotActive: return facts.status == nil || facts.status == .closed
        case .awaitingCustomer: return facts.status == .waitingOnCustomer
        case .urgencyChange: return facts.reason == .urgencyChange || facts.reason == .impactChange
        case .rcaTooEarly:
            // Never restored, or restored but the RCA is not yet due at the request.
            guard facts.reason == .rcaRequest else { return false }
            guard let due = facts.rcaDue else { return true }
            return facts.requestedAt < due.at
        case .lowPriority: return facts.priority == .low
        case .highPriorityTooSoon:
            guard facts.priority == .high, let last = facts.lastUpdate else { return false }
            return facts.requestedAt.millis - last.at.millis < facts.highPriorityWaitMillis
        case .alreadyOpen: return facts.openEarlier != nil
        case .fedrampUnassigned: return facts.deployment == .fedramp && facts.assignment == nil
        case .criticalNotByPhone:
            guard facts.severity == .s1 || facts.priority == .critical, let channel = facts.channel else {
                return false
            }
            return channel != .phone
        }
    }
}

/// What one rule made of one escalation.
public enum RuleOutcome: Sendable, Equatable {
    case broken
    case notBroken
    /// Disabled by `[checks] disabled`: not evaluated, and the escalation's validity ignores it.
    case notApplied
}

extension MetricsContext {
    /// Whether `rule` is applied at all: false when `[checks] disabled` names it. The one place
    /// that decides it; `outcome(of:_:)`, the report's list of disabled rules and its `by_rule`
    /// ask here.
    public func applies(_ rule: EscalationRule) -> Bool { !config.disabledChecks.disables(rule) }

    /// Whether `check` (SPEC 3.4) is applied at all: false when `[checks] disabled` names it.
    public func applies(_ check: SubmissionCheck) -> Bool { !config.disabledChecks.disables(check) }

    /// What `rule` makes of the escalation with these facts: the verdict that the tallies (through
    /// `escalationItem`), the escalations CSV and `explain` all take.
    public func outcome(of rule: EscalationRule, _ facts: EscalationFacts) -> RuleOutcome {
        guard applies(rule) else { return .notApplied }
        return rule.isBroken(by: facts) ? .broken : .notBroken
    }
}

/// What one escalation is judged on at its request (SPEC 3.3): the case's state then and the
/// values each rule reads. `EscalationRule.isBroken(by:)` decides the rules from it; the report
/// tallies the verdicts and `explain` prints the facts.
public struct EscalationFacts: Sendable {
    public var requestedAt: Instant
    public var reason: EscalationReason?
    public var channel: Channel?
    /// The case's status, priority and severity at the request (status nil: not created yet).
    public var status: CaseStatus?
    public var priority: Priority?
    public var severity: Severity
    public var deployment: Deployment
    /// For an `rca_request`: when service was restored (nil: never, by as-of) and when the RCA
    /// fell due after it.
    public var restoredAt: Instant?
    public var rcaDue: (date: CivilDate, at: Instant)?
    /// For a high-priority case: the last update before the request, and the wait required.
    public var lastUpdate: CaseTimeline.Source?
    public var highPriorityWaitMillis: Int64
    /// For a FedRAMP case: what made it assigned at the request (nil: not assigned).
    public var assignment: CaseTimeline.Source?
    /// The case's earlier escalations, and the position among them of the first one still open
    /// at the request.
    public var earlier: ArraySlice<EscalationRecord>
    public var openEarlier: Int?
}

/// Whether an escalation is still open at an instant, and why not (see
/// `MetricsContext.openState`).
public enum OpenState: Sendable, Equatable {
    case open
    case closed(Instant)
    case rejected(Instant)
    /// Rejected without `decided_at`: counts from its own request.
    case rejectedUndated

    public var isOpen: Bool { self == .open }
}

/// A set of broken rules, as bits in `EscalationRule.allCases` order.
public struct BrokenRules: Sendable, Equatable, Sequence {
    public var bits: UInt16 = 0

    public init() {}

    public mutating func insert(_ rule: EscalationRule) { bits |= 1 << rule.position }
    public func contains(_ rule: EscalationRule) -> Bool { bits & (1 << rule.position) != 0 }
    public var isEmpty: Bool { bits == 0 }

    /// The rules in `EscalationRule.allCases` order, read off the bits (nothing is allocated).
    public func makeIterator() -> Iterator { Iterator(bits: bits) }

    public struct Iterator: IteratorProtocol {
        var bits: UInt16

        public mutating func next() -> EscalationRule? {
            guard bits != 0 else { return nil }
            let i = bits.trailingZeroBitCount
            bits &= bits - 1
            return EscalationRule.ordered[i]
        }
    }
}

/// One escalation of the population with the rules it broke (of those applied) and what was known
/// at request time.
public struct EscalationItem: Sendable, Equatable {
    public var escalationIndex: Int32
    public var caseIndex: Int32
    public var requestedAt: Instant
    public var broken: BrokenRules
    /// The case's priority, severity and status at `requestedAt`.
    public var priority: Priority?
    public var severity: Severity
    public var status: CaseStatus?
    /// The decision as known at as-of (a decision stamped after as-of is still pending).
    public var decision: Decision
    /// decided_at - requested_at, milliseconds, for an approval or rejection decided by as-of.
    public var decisionMillis: Int64?
    /// The decision is stamped before the request (a data problem; no decision time is taken).
    public var decidedBeforeRequest = false

    /// Invalid: it broke at least one rule applied (SPEC 3.3; a rule that `[checks] disabled`
    /// names is not evaluated, so breaking only such rules leaves an escalation valid).
    public var isInvalid: Bool { !broken.isEmpty }
}

extension MetricsContext {
    /// The facts one escalation is judged on at its `requested_at`.
    ///
    /// `earlier` are the same case's escalations requested before this one (at the same
    /// instant: earlier in the file), for `already-open`. Only what a rule reads for this
    /// escalation is looked up (the RCA due date for an `rca_request`, the last update for a
    /// high-priority case, the assignment for a FedRAMP case).
    public func escalationFacts(
        _ e: EscalationRecord, case t: CaseTimeline, earlier: ArraySlice<EscalationRecord>
    ) -> EscalationFacts {
        let at = e.requestedAt
        let priority = t.priority(at: at)
        var facts = EscalationFacts(
            requestedAt: at, reason: e.reason, channel: e.channel, status: t.status(at: at), priority: priority,
            severity: t.severity(at: at), deployment: t.record.deployment, restoredAt: nil, rcaDue: nil,
            lastUpdate: nil, highPriorityWaitMillis: highPriorityWaitMillis, assignment: nil, earlier: earlier,
            openEarlier: nil)
        if e.reason == .rcaRequest, let restored = t.serviceRestored {
            facts.restoredAt = restored
            // On the case's own clock (SPEC 3.0): its calendar, in its zone.
            facts.rcaDue = rcaDue(restoredAt: restored, calendar: judging.calendar(judging.judgement(of: t.record)))
        }
        if priority == .high { facts.lastUpdate = t.lastUpdateSource(before: at) }
        if t.record.deployment == .fedramp { facts.assignment = t.assignment(at: at) }
        if let i = earlier.firstIndex(where: { openState($0, at: at).isOpen }) { facts.openEarlier = i }
        return facts
    }

    /// Checks one escalation against every rule applied, at its `requested_at` (see `escalationFacts`).
    public func escalationItem(
        _ e: EscalationRecord, index: Int32, case t: CaseTimeline, earlier: ArraySlice<EscalationRecord>
    ) -> EscalationItem {
        escalationItem(e, index: index, facts: escalationFacts(e, case: t, earlier: earlier))
    }

    /// The item of an escalation whose facts are known.
    public func escalationItem(_ e: EscalationRecord, index: Int32, facts: EscalationFacts) -> EscalationItem {
        let at = e.requestedAt
        var broken = BrokenRules()
        for rule in EscalationRule.ordered where outcome(of: rule, facts) == .broken { broken.insert(rule) }
        let priority = facts.priority
        let severity = facts.severity
        let status = facts.status
        var decision = e.decision ?? .pending
        var decisionMillis: Int64?
        var decidedBeforeRequest = false
        if let decided = e.decidedAt {
            if decided > asOf {
                decision = .pending  // not decided yet at as-of
            } else if decision != .pending {
                // A decision stamped before its request is counted apart (a data problem) and
                // kept out of the time-to-decision percentiles.
                if decided < at { decidedBeforeRequest = true } else { decisionMillis = decided.millis - at.millis }
            }
        }
        return EscalationItem(
            escalationIndex: index, caseIndex: e.caseIndex, requestedAt: at, broken: broken, priority: priority,
            severity: severity, status: status, decision: decision, decisionMillis: decisionMillis,
            decidedBeforeRequest: decidedBeforeRequest)
    }

    /// Whether an earlier escalation is still open at `t`: not closed, and not rejected (a
    /// rejection without `decided_at` counts from its own request).
    public func openState(_ e: EscalationRecord, at t: Instant) -> OpenState {
        if let closed = e.closedAt, closed <= t { return .closed(closed) }
        if e.decision == .rejected {
            if let decided = e.decidedAt {
                if decided <= t { return .rejected(decided) }
            } else if e.requestedAt <= t {
                return .rejectedUndated
            }
        }
        return .open
    }
}
