import SLAConfig
import SLAModel
import SLATime

/// The nine escalation criteria of SPEC section 3.3, in the SPEC's order.
public enum EscalationRule: String, Sendable, CaseIterable {
    case caseNotActive = "case-not-active"
    case awaitingCustomer = "awaiting-customer"
    case urgencyChange = "urgency-change"
    case rcaTooEarly = "rca-too-early"
    case lowPriority = "low-priority"
    case highPriorityTooSoon = "high-priority-too-soon"
    case alreadyOpen = "already-open"
    case fedrampUnassigned = "fedramp-unassigned"
    case criticalNotByPhone = "critical-not-by-phone"

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

/// A set of broken rules, as bits in `EscalationRule.allCases` order.
public struct BrokenRules: Sendable, Equatable, Sequence {
    public var bits: UInt16 = 0

    public init() {}

    public mutating func insert(_ rule: EscalationRule) { bits |= 1 << EscalationRule.index(rule) }
    public func contains(_ rule: EscalationRule) -> Bool { bits & (1 << EscalationRule.index(rule)) != 0 }
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

extension EscalationRule {
    /// `allCases`, built once: the synthesized property builds a new array at every use.
    static let ordered = allCases

    static func index(_ rule: EscalationRule) -> UInt16 {
        UInt16(ordered.firstIndex(of: rule) ?? 0)
    }
}

/// One escalation of the population with the rules it broke and what was known at request time.
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

    public var isInvalid: Bool { !broken.isEmpty }
}

extension MetricsContext {
    /// Checks one escalation against every rule, at its `requested_at`.
    ///
    /// `earlier` are the same case's escalations requested before this one (at the same
    /// instant: earlier in the file), for `already-open`.
    public func escalationItem(
        _ e: EscalationRecord, index: Int32, case t: CaseTimeline, earlier: ArraySlice<EscalationRecord>
    ) -> EscalationItem {
        let at = e.requestedAt
        let status = t.status(at: at)
        let priority = t.priority(at: at)
        let severity = t.severity(at: at)
        var broken = BrokenRules()
        if status == nil || status == .closed { broken.insert(.caseNotActive) }
        if status == .waitingOnCustomer { broken.insert(.awaitingCustomer) }
        if e.reason == .urgencyChange || e.reason == .impactChange { broken.insert(.urgencyChange) }
        if e.reason == .rcaRequest {
            // Never restored, or restored but the RCA is not yet due at the request.
            if let restored = t.serviceRestored, at >= rcaDue(restoredAt: restored).at {
            } else {
                broken.insert(.rcaTooEarly)
            }
        }
        if priority == .low { broken.insert(.lowPriority) }
        if priority == .high, at.millis - t.lastUpdate(before: at).millis < highPriorityWaitMillis {
            broken.insert(.highPriorityTooSoon)
        }
        if earlier.contains(where: { isOpen($0, at: at) }) { broken.insert(.alreadyOpen) }
        if t.record.deployment == .fedramp, !t.isAssigned(at: at) { broken.insert(.fedrampUnassigned) }
        if severity == .s1 || priority == .critical, let channel = e.channel, channel != .phone {
            broken.insert(.criticalNotByPhone)
        }
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
    package func isOpen(_ e: EscalationRecord, at t: Instant) -> Bool {
        if let closed = e.closedAt, closed <= t { return false }
        if e.decision == .rejected, (e.decidedAt ?? e.requestedAt) <= t { return false }
        return true
    }
}
