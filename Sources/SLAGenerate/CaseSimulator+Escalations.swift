import SLAModel
import SLARules
import SLATime

/// Escalation requests for the current case, placed so that each rule of SPEC 3.3 comes up.
extension CaseSimulator {
    mutating func escalate(
        _ k: SimulatedCase, waiting: (Int64?, Int64?), after previous: Int64?, rng: inout Xoshiro256
    ) -> SimulatedEscalation? {
        let c = k.created
        let restored = k.restored ?? eventTime(.serviceRestored)
        let reason: EscalationReason
        if k.incident && rng.chance(0.45) {
            reason = .rcaRequest
        } else if previous != nil && rng.chance(0.5) {
            reason = .noProgress
        } else {
            reason = EscalationReason.allCases[rng.pick([0.37, 0.31, 0.04, 0.035, 0.02, 0.12])]
        }
        let critical = k.severity == 1 || k.priority == 1
        var channel: Channel? = Channel.allCases[
            rng.pick(critical ? [0.68, 0.18, 0.06, 0.05, 0.03] : [0.2, 0.5, 0.15, 0.1, 0.05])]
        if rng.chance(0.03) { channel = nil }

        // When: scenarios that make each rule of SPEC 3.3 come up now and then.
        let end = k.closed ?? k.resolved ?? min(horizon, c + 10 * 86400)
        var t: Int64
        let u = rng.unit()
        if let p = previous {
            t = p + CaseSimulator.secondLag.seconds(&rng)
        } else if reason == .rcaRequest, let s = restored {
            let due = calendar.endOfWorkingDay(5, after: s)
            t =
                rng.chance(0.55)
                ? due + rng.int(in: 3600...(6 * 86400)) : s + rng.int(in: 3600...max(3600, due - s - 60))
        } else if u < 0.05, let x = k.closed {
            t = x + rng.int(in: 3600...(10 * 86400))
        } else if u < 0.04, let ws = waiting.0 {
            t = ws + rng.int(in: 60...max(60, (waiting.1 ?? ws + 2 * 86400) - ws - 60))
        } else if k.fedramp && u < 0.5 {
            t = c + rng.int(in: 300...max(300, (k.assigned ?? c + 2 * 86400) - c))
        } else if u < 0.13 {
            var last = c
            var seen = 0
            for e in events where (e.type == .update || e.type == .status) && e.at < end {
                seen += 1
                if rng.below(seen) == 0 { last = e.at }
            }
            t = last + CaseSimulator.soonAfterUpdate.seconds(&rng)
        } else {
            t = c + CaseSimulator.generalLag.seconds(&rng)
            if t >= end && end > c { t = c + Int64(Double(end - c) * rng.unit()) }
            // Customers mostly escalate while they wait on support, not while support waits on them.
            if let ws = waiting.0, let we = waiting.1, t >= ws, t < we, rng.chance(0.7) {
                t = we + rng.int(in: 600...86400)
            }
            // Most customers with a high-priority case wait a day without news first.
            if k.priority == 2 && rng.chance(0.95) {
                var last = c
                for e in events where (e.type == .update || e.type == .status) && e.at < t { last = max(last, e.at) }
                if t - last < 86400 { t = last + 86400 + rng.int(in: 0...(2 * 86400)) }
            }
        }
        guard t < horizon else { return nil }

        let broken = rules(requested: t, reason: reason, channel: channel, case: k, restored: restored)
        for rule in broken { ruleHits[rule, default: 0] += 1 }
        if !broken.isEmpty { invalidEscalations += 1 }

        // The Escalation Owner's decision: mostly right, not always.
        let v = rng.unit()
        var decision: Decision?
        if !broken.isEmpty {
            decision = v < 0.76 ? .rejected : v < 0.88 ? .approved : v < 0.95 ? .pending : nil
        } else {
            decision = v < 0.84 ? .approved : v < 0.91 ? .rejected : v < 0.96 ? .pending : nil
        }
        var decided: Int64?
        var closed: Int64?
        if decision == .approved || decision == .rejected {
            let d = t + CaseSimulator.decisionLag.seconds(&rng)
            if d >= horizon {
                decision = rng.chance(0.7) ? .pending : nil
            } else {
                if !(decision == .rejected && rng.chance(0.04)) { decided = d }
                if decision == .approved && rng.chance(0.8) {
                    closed = d + CaseSimulator.escalationCloseLag.seconds(&rng)
                } else if decision == .rejected && rng.chance(0.85) {
                    closed = d + rng.int(in: 0...3600)
                }
                if let x = closed, x >= horizon { closed = nil }
            }
        }
        let owner: Int?
        switch decision {
        case .approved?, .rejected?: owner = rng.below(ownerCount)
        case .pending?: owner = rng.chance(0.6) ? rng.below(ownerCount) : nil
        case nil: owner = rng.chance(0.2) ? rng.below(ownerCount) : nil
        }
        return SimulatedEscalation(
            caseIndex: Int32(truncatingIfNeeded: k.index), requested: t, reason: reason, channel: channel,
            decision: decision, decided: decided, closed: closed, owner: owner)
    }

    /// The rules an escalation requested at `t` breaks, reading the case as the export
    /// records it. A simplified SPEC 3.3, used to set realistic decisions and to report the
    /// intended proportions.
    func rules(
        requested t: Int64, reason: EscalationReason, channel: Channel?, case k: SimulatedCase, restored: Int64?
    ) -> BrokenRules {
        var broken = BrokenRules()
        func mark(_ rule: EscalationRule) { broken.insert(rule) }

        // Status, severity and priority at t: the latest at or before t; events win ties.
        var status: CaseStatus? = nil
        var severity = k.severity
        var priority = k.priority
        var assigned = k.assigned.map { $0 <= t } ?? false
        var lastUpdate = k.created
        if t >= k.created {
            status = .open
            var statusAt = k.created
            if let x = k.closed, x <= t {
                status = .closed
                statusAt = x
            }
            var severityAt = Int64.min
            var priorityAt = Int64.min
            for e in events {
                switch e.type {
                case .status:
                    if e.at < t { lastUpdate = max(lastUpdate, e.at) }
                    if e.at <= t && e.at >= statusAt {
                        statusAt = e.at
                        status = CaseStatus(rawValue: e.value) ?? .open  // `reopened` reads as open
                    }
                case .update:
                    if e.at < t { lastUpdate = max(lastUpdate, e.at) }
                case .severity where e.at <= t && e.at >= severityAt:
                    severityAt = e.at
                    severity = Int(e.value)
                case .priority where e.at <= t && e.at >= priorityAt:
                    priorityAt = e.at
                    priority = Int(e.value)
                case .assigned where e.at <= t:
                    assigned = true
                default:
                    break
                }
            }
        }
        if status == nil || status == .closed { mark(.caseNotActive) }
        if status == .waitingOnCustomer { mark(.awaitingCustomer) }
        if reason == .urgencyChange || reason == .impactChange { mark(.urgencyChange) }
        if reason == .rcaRequest {
            if let s = restored, t >= calendar.endOfWorkingDay(5, after: s) {} else { mark(.rcaTooEarly) }
        }
        if priority == 4 { mark(.lowPriority) }
        if priority == 2 && t - lastUpdate < 86400 { mark(.highPriorityTooSoon) }
        for e in escalations {
            let rejected = e.decision == .rejected && (e.decided ?? e.requested) <= t
            let isClosed = e.closed.map { $0 <= t } ?? false
            if e.requested <= t && !rejected && !isClosed {
                mark(.alreadyOpen)
                break
            }
        }
        if k.fedramp && !assigned { mark(.fedrampUnassigned) }
        if severity == 1 || priority == 1, let ch = channel, ch != .phone { mark(.criticalNotByPhone) }
        return broken
    }

    func eventTime(_ type: EventType) -> Int64? {
        var best: Int64?
        for e in events where e.type == type { best = min(best ?? e.at, e.at) }
        return best
    }
}
