import SLAConfig
import SLAModel
import SLATime

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
    /// Counted by the enums' raw values, with one more place for "none" or "unknown": a
    /// dictionary keyed by text cost three string hashes per escalation.
    var priorityGroups = [Group](repeating: Group(), count: 5)  // 1...4, then 0 for none
    var channelGroups = [Group](repeating: Group(), count: Channel.allCases.count + 1)  // last: unknown
    var deploymentGroups = [Group](repeating: Group(), count: Deployment.allCases.count)
    /// Keyed by the priority at request time ("none" when unknown).
    public var byPriority: [String: Group] {
        EscalationTally.named(priorityGroups) { $0 == 0 ? "none" : Priority(rawValue: UInt8($0))?.description ?? "" }
    }
    /// Keyed by the escalation's channel ("unknown" when missing).
    public var byChannel: [String: Group] {
        EscalationTally.named(channelGroups) { Channel(rawValue: UInt8($0))?.description ?? "unknown" }
    }
    public var byDeployment: [String: Group] {
        EscalationTally.named(deploymentGroups) { Deployment(rawValue: UInt8($0))?.description ?? "" }
    }
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

    /// Adds an escalation; without `detail`, its org and decision time are left out (the months
    /// of the trend show only the invalid rate).
    public mutating func add(
        _ item: EscalationItem, org: Int32, deployment: Deployment, channel: Channel?, detail: Bool = true
    ) {
        total += 1
        let isInvalid = item.isInvalid
        if isInvalid { invalid += 1 }
        var rules = item.broken.bits
        while rules != 0 {
            byRule[rules.trailingZeroBitCount] += 1
            rules &= rules - 1
        }
        priorityGroups[Int(item.priority?.rawValue ?? 0)].add(invalid: isInvalid)
        channelGroups[Int(channel?.rawValue ?? UInt8(Channel.allCases.count))].add(invalid: isInvalid)
        deploymentGroups[Int(deployment.rawValue)].add(invalid: isInvalid)
        if detail { byOrg[org, default: Group()].add(invalid: isInvalid) }
        switch item.decision {
        case .approved where isInvalid: approvedInvalid += 1
        case .rejected where !isInvalid: rejectedValid += 1
        case .pending: pendingDecision += 1
        default: break
        }
        if detail, let ms = item.decisionMillis { decisionTimes.append(ms) }
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
        for i in priorityGroups.indices { priorityGroups[i].merge(other.priorityGroups[i]) }
        for i in channelGroups.indices { channelGroups[i].merge(other.channelGroups[i]) }
        for i in deploymentGroups.indices { deploymentGroups[i].merge(other.deploymentGroups[i]) }
        byOrg.merge(other.byOrg, uniquingKeysWith: combine)
        approvedInvalid += other.approvedInvalid
        rejectedValid += other.rejectedValid
        pendingDecision += other.pendingDecision
        decidedBeforeRequest += other.decidedBeforeRequest
        decisionTimes += other.decisionTimes
    }

    /// The groups that hold an escalation, keyed by `name(index)`.
    static func named(_ groups: [Group], _ name: (Int) -> String) -> [String: Group] {
        var out: [String: Group] = [:]
        for (i, group) in groups.enumerated() where group.total > 0 { out[name(i)] = group }
        return out
    }

    /// The count of escalations that broke `rule`.
    public func count(_ rule: EscalationRule) -> Int { byRule[rule.position] }
}

extension SubmissionCheck {
    /// Whether the case row, as submitted, fails this check (SPEC 3.4): the one place each check
    /// is decided. Nil for the Designated Contacts checks, which are not computed yet.
    public func isFailed(by c: CaseRecord) -> Bool? {
        switch self {
        case .criticalNotByPhone:
            guard c.priority == .critical || c.severity == .s1, let channel = c.channel else { return false }
            return channel != .phone
        case .incompleteSubmission: return c.channel == .portal && (c.customer < 0 || c.org < 0 || !c.hasDescription)
        case .undesignatedContact, .noBackupContact: return nil
        }
    }
}

/// Case-submission checks and the priority × severity matrix (SPEC section 3.4).
public struct SubmissionTally: Sendable, Equatable {
    public var cases = 0
    /// Cases that failed each check; a check that is not applied (`[checks] disabled`) counts none.
    public var criticalNotByPhone = 0
    public var incompleteSubmission = 0
    /// [priority 0 = none, 1...4][severity 1...4 at index 0...3].
    public var matrix = [[Int]](repeating: [0, 0, 0, 0], count: 5)

    public init() {}

    /// Adds a case created in the period, by its row values as submitted, against the checks
    /// `context` applies.
    public mutating func add(_ c: CaseRecord, in context: MetricsContext) {
        cases += 1
        if counts(.criticalNotByPhone, c, context) { criticalNotByPhone += 1 }
        if counts(.incompleteSubmission, c, context) { incompleteSubmission += 1 }
        matrix[Int(c.priority?.rawValue ?? 0)][Int(c.severity.rawValue) - 1] += 1
    }

    /// Whether `check` is applied and `c` fails it.
    private func counts(_ check: SubmissionCheck, _ c: CaseRecord, _ context: MetricsContext) -> Bool {
        context.applies(check) && check.isFailed(by: c) == true
    }

    public mutating func merge(_ other: SubmissionTally) {
        cases += other.cases
        criticalNotByPhone += other.criticalNotByPhone
        incompleteSubmission += other.incompleteSubmission
        for p in 0..<5 { for s in 0..<4 { matrix[p][s] += other.matrix[p][s] } }
    }
}
