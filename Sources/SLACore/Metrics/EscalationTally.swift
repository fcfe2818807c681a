/// Escalation counts for the report; an accumulator that can be merged.
public struct EscalationTally: Sendable, Equatable {
    /// Total and invalid escalations of one group (a priority, channel, deployment or org).
    public struct Group: Sendable, Equatable {
        public var total = 0
        public var invalid = 0
        public var invalidRate: Double? { total == 0 ? nil : Double(invalid) / Double(total) }

        mutating func add(invalid isInvalid: Bool) {
            total += 1
            if isInvalid { invalid += 1 }
        }

        mutating func merge(_ other: Group) {
            total += other.total
            invalid += other.invalid
        }
    }

    public var total = 0
    public var invalid = 0
    /// Count per rule, in `EscalationRule.allCases` order.
    public var byRule = [Int](repeating: 0, count: EscalationRule.allCases.count)
    /// Keyed by the priority at request time ("none" when unknown).
    public var byPriority: [String: Group] = [:]
    /// Keyed by the escalation's channel ("unknown" when missing).
    public var byChannel: [String: Group] = [:]
    public var byDeployment: [String: Group] = [:]
    /// Keyed by the org's number in `Dataset.orgs`.
    public var byOrg: [Int32: Group] = [:]
    /// Decision audit.
    public var approvedInvalid = 0
    public var rejectedValid = 0
    public var pendingDecision = 0
    /// Decisions stamped before their request: kept out of `decisionTimes`.
    public var decidedBeforeRequest = 0
    /// Request-to-decision times of decided escalations (milliseconds).
    public var decisionTimes: [Int64] = []

    public init() {}

    /// invalid / total; nil when there are none.
    public var invalidRate: Double? { total == 0 ? nil : Double(invalid) / Double(total) }

    public mutating func add(_ item: EscalationItem, org: Int32, deployment: Deployment, channel: Channel?) {
        total += 1
        let isInvalid = item.isInvalid
        if isInvalid { invalid += 1 }
        for (i, rule) in EscalationRule.allCases.enumerated() where item.broken.contains(rule) { byRule[i] += 1 }
        byPriority[item.priority?.description ?? "none", default: Group()].add(invalid: isInvalid)
        byChannel[channel?.description ?? "unknown", default: Group()].add(invalid: isInvalid)
        byDeployment[deployment.description, default: Group()].add(invalid: isInvalid)
        byOrg[org, default: Group()].add(invalid: isInvalid)
        switch item.decision {
        case .approved where isInvalid: approvedInvalid += 1
        case .rejected where !isInvalid: rejectedValid += 1
        case .pending: pendingDecision += 1
        default: break
        }
        if let ms = item.decisionMillis { decisionTimes.append(ms) }
        if item.decidedBeforeRequest { decidedBeforeRequest += 1 }
    }

    public mutating func merge(_ other: EscalationTally) {
        total += other.total
        invalid += other.invalid
        for i in byRule.indices { byRule[i] += other.byRule[i] }
        func combine(_ a: Group, _ b: Group) -> Group {
            var sum = a
            sum.merge(b)
            return sum
        }
        byPriority.merge(other.byPriority, uniquingKeysWith: combine)
        byChannel.merge(other.byChannel, uniquingKeysWith: combine)
        byDeployment.merge(other.byDeployment, uniquingKeysWith: combine)
        byOrg.merge(other.byOrg, uniquingKeysWith: combine)
        approvedInvalid += other.approvedInvalid
        rejectedValid += other.rejectedValid
        pendingDecision += other.pendingDecision
        decidedBeforeRequest += other.decidedBeforeRequest
        decisionTimes += other.decisionTimes
    }

    /// The count of escalations that broke `rule`.
    public func count(_ rule: EscalationRule) -> Int { byRule[Int(EscalationRule.index(rule))] }
}

/// Case-submission checks and the priority × severity matrix (SPEC section 3.4).
public struct SubmissionTally: Sendable, Equatable {
    public var cases = 0
    public var criticalNotByPhone = 0
    public var incompleteSubmission = 0
    /// [priority 0 = none, 1...4][severity 1...4 at index 0...3].
    public var matrix = [[Int]](repeating: [0, 0, 0, 0], count: 5)

    public init() {}

    /// Adds a case created in the period, by its row values as submitted.
    public mutating func add(_ c: CaseRecord) {
        cases += 1
        if c.priority == .critical || c.severity == .s1, let channel = c.channel, channel != .phone {
            criticalNotByPhone += 1
        }
        if c.channel == .portal, c.customer < 0 || c.org < 0 || !c.hasDescription { incompleteSubmission += 1 }
        matrix[Int(c.priority?.rawValue ?? 0)][Int(c.severity.rawValue) - 1] += 1
    }

    public mutating func merge(_ other: SubmissionTally) {
        cases += other.cases
        criticalNotByPhone += other.criticalNotByPhone
        incompleteSubmission += other.incompleteSubmission
        for p in 0..<5 { for s in 0..<4 { matrix[p][s] += other.matrix[p][s] } }
    }
}
