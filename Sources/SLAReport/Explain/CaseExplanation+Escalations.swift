import CSVStream
import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

extension ExplanationBuilder {
    /// The case's escalations in request order (same instant: file order), as `Analysis` orders
    /// them for `already-open`, each checked against every rule.
    func escalations(caseNumber: Int32) -> [EscalationExplanation] {
        let indices = data.escalations.indices.filter { data.escalations[$0].caseIndex == caseNumber }.sorted {
            let a = data.escalations[$0]
            let b = data.escalations[$1]
            return (a.requestedAt, a.sequence) < (b.requestedAt, b.sequence)
        }
        let sorted = indices.map { data.escalations[$0] }
        return sorted.enumerated().map { position, e in
            let id = data.escalationIDs.string(e.id)
            let source = "\(data.files[Int(e.source.file)].path):\(e.source.line)"
            let owner = e.owner >= 0 ? data.owners.string(e.owner) : nil
            guard e.requestedAt <= asOf else {
                return EscalationExplanation(
                    record: e, id: id, source: source, owner: owner, item: nil, checks: [],
                    audit: "requested after as-of: it has not happened yet and is in no report")
            }
            let facts = context.escalationFacts(e, case: timeline, earlier: sorted[0..<position])
            let item = context.escalationItem(e, index: Int32(indices[position]), facts: facts)
            let checks = EscalationRule.ordered.map { rule in
                let outcome = context.outcome(of: rule, facts)
                // A rule not applied reads nothing: no facts.
                return RuleCheck(
                    rule: rule, outcome: outcome, facts: outcome == .notApplied ? "" : factsText(rule, facts))
            }
            return EscalationExplanation(
                record: e, id: id, source: source, owner: owner, item: item, checks: checks,
                audit: audit(e, item))
        }
    }

    /// The facts one rule read, in words (the rule itself is decided by `EscalationRule.isBroken`).
    func factsText(_ rule: EscalationRule, _ facts: EscalationFacts) -> String {
        let at = facts.requestedAt
        let priority = facts.priority
        let statusText = facts.status.map { "status at request: \($0)" } ?? notCreatedText(at)
        switch rule {
        case .caseNotActive, .awaitingCustomer:
            return statusText
        case .urgencyChange:
            return "reason: \(facts.reason?.description ?? "not given")"
        case .rcaTooEarly:
            guard facts.reason == .rcaRequest else {
                return "reason \(facts.reason?.description ?? "not given"), not rca_request"
            }
            guard let restored = facts.restoredAt, let due = facts.rcaDue else {
                return "reason rca_request, but service was never restored (by as-of)"
            }
            let text =
                "reason rca_request; service restored \(format.instant(restored)), RCA due "
                + "\(format.instant(due.at)) (end of \(ExplainFormat.day(due.date))); requested "
            if at >= due.at {
                return text + "\(ExplainFormat.duration(at.millis - due.at.millis, withDays: true)) after it"
            }
            return text + "\(ExplainFormat.duration(due.at.millis - at.millis, withDays: true)) before it"
        case .lowPriority:
            return "priority at request: \(priority?.description ?? "not given")"
        case .highPriorityTooSoon:
            guard priority == .high, let last = facts.lastUpdate else {
                return "priority at request: \(priority?.description ?? "not given"), not high"
            }
            let gap = at.millis - last.at.millis
            let what: String
            switch last {
            case .event(let e): what = "last update \(format.instant(e.at)) (\(rows.label(e)))"
            case .row(let created):
                what = "no update or status event before the request, so created_at \(format.instant(created)) counts"
            }
            let compare = gap < facts.highPriorityWaitMillis ? "<" : "≥"
            return "priority high, \(what), \(ExplainFormat.duration(gap, withDays: true)) before the request "
                + "\(compare) \(context.config.highPriorityWait)"
        case .alreadyOpen:
            guard !facts.earlier.isEmpty else { return "no earlier escalation of this case" }
            let parts = facts.earlier.map { other -> String in
                let same = other.requestedAt == at ? ", same instant but earlier in the file" : ""
                return "\(data.escalationIDs.string(other.id)) (requested \(format.instant(other.requestedAt))\(same)) "
                    + openText(other, context.openState(other, at: at))
            }
            return parts.joined(separator: "; ")
        case .fedrampUnassigned:
            guard facts.deployment == .fedramp else { return "deployment commercial" }
            switch facts.assignment {
            case .row(let a)?: return "deployment fedramp, assigned_at \(format.instant(a)), before the request"
            case .event(let e)?:
                return "deployment fedramp, assigned event at \(format.instant(e.at)) (\(rows.label(e)))"
            case nil:
                let later = record.assignedAt.map { ": assigned_at \(format.instant($0)) is after it" } ?? ""
                return "deployment fedramp, no assigned_at or assigned event at or before the request\(later)"
            }
        case .criticalNotByPhone:
            var critical: [String] = []
            if facts.severity == .s1 { critical.append("severity 1") }
            if priority == .critical { critical.append("priority critical") }
            guard !critical.isEmpty else {
                return "severity \(facts.severity), priority \(priority?.description ?? "not given"): not critical"
            }
            let which = critical.joined(separator: " and ")
            guard let channel = facts.channel else { return "\(which), but the channel is not known" }
            if channel == .phone { return "\(which), requested by phone" }
            return "\(which), requested by \(channel), not phone"
        }
    }

    func notCreatedText(_ at: Instant) -> String {
        "no status at request: the case was created later, \(format.instant(record.createdAt))"
    }

    /// Why an earlier escalation is or is not open at the request, from its `OpenState`.
    func openText(_ e: EscalationRecord, _ state: OpenState) -> String {
        switch state {
        case .closed(let closed): return "closed \(format.instant(closed)): not open"
        case .rejected(let decided): return "rejected \(format.instant(decided)): not open"
        case .rejectedUndated: return "rejected (no decided_at: counts from its own request): not open"
        case .open:
            var why: [String] = []
            why.append(e.closedAt.map { "closed only \(format.instant($0))" } ?? "not closed")
            switch e.decision {
            case .rejected: why.append("rejected only \(e.decidedAt.map(format.instant) ?? "")")
            case .some(let d): why.append("decision \(d)")
            case nil: why.append("no decision")
            }
            return "still open (\(why.joined(separator: ", ")))"
        }
    }

    /// The decision as known at as-of and what the decision audit counts it as.
    func audit(_ e: EscalationRecord, _ item: EscalationItem) -> String {
        var text: String
        switch (item.decision, item.isInvalid) {
        case (.approved, true): text = "approved although invalid (decision audit: approved_invalid)"
        case (.rejected, false): text = "rejected although valid (decision audit: rejected_valid)"
        case (.approved, false): text = "approved, and valid: consistent"
        case (.rejected, true): text = "rejected, and invalid: consistent"
        case (.pending, _):
            text = "still pending (decision audit: pending)"
            if let decided = e.decidedAt, decided > asOf, let d = e.decision, d != .pending {
                text += ": \(d) only at \(format.instant(decided)), after as-of"
            } else if e.decision == nil {
                text += ": no decision in the export"
            }
        }
        if let ms = item.decisionMillis {
            text += "; decided \(ExplainFormat.duration(ms, withDays: true)) after the request"
        }
        return text
    }
}
