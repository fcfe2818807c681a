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
            let earlier = sorted[0..<position]
            let item = context.escalationItem(
                e, index: Int32(indices[position]), case: timeline, earlier: earlier)
            let checks = EscalationRule.allCases.map { rule in
                let (facts, breaks) = ruleFacts(rule, e, earlier: earlier)
                return RuleCheck(rule: rule, broken: item.broken.contains(rule), facts: facts, factsBreak: breaks)
            }
            return EscalationExplanation(
                record: e, id: id, source: source, owner: owner, item: item, checks: checks,
                audit: audit(e, item))
        }
    }

    /// The facts behind one rule at the escalation's request, and whether they break it.
    func ruleFacts(_ rule: EscalationRule, _ e: EscalationRecord, earlier: ArraySlice<EscalationRecord>)
        -> (String, Bool)
    {
        let at = e.requestedAt
        let status = timeline.status(at: at)
        let priority = timeline.priority(at: at)
        let severity = timeline.severity(at: at)
        let statusText = status.map { "status at request: \($0)" } ?? notCreatedText(at)
        switch rule {
        case .caseNotActive:
            return (statusText, status == nil || status == .closed)
        case .awaitingCustomer:
            return (statusText, status == .waitingOnCustomer)
        case .urgencyChange:
            let breaks = e.reason == .urgencyChange || e.reason == .impactChange
            return ("reason: \(e.reason?.description ?? "not given")", breaks)
        case .rcaTooEarly:
            guard e.reason == .rcaRequest else {
                return ("reason \(e.reason?.description ?? "not given"), not rca_request", false)
            }
            guard let restored = timeline.serviceRestored else {
                return ("reason rca_request, but service was never restored (by as-of)", true)
            }
            let due = context.rcaDue(restoredAt: restored)
            let text =
                "reason rca_request; service restored \(format.instant(restored)), RCA due "
                + "\(format.instant(due.at)) (end of \(ExplainFormat.day(due.date))); requested "
            if at >= due.at {
                return (text + "\(ExplainFormat.duration(at.millis - due.at.millis, withDays: true)) after it", false)
            }
            return (text + "\(ExplainFormat.duration(due.at.millis - at.millis, withDays: true)) before it", true)
        case .lowPriority:
            return ("priority at request: \(priority?.description ?? "not given")", priority == .low)
        case .highPriorityTooSoon:
            guard priority == .high else {
                return ("priority at request: \(priority?.description ?? "not given"), not high", false)
            }
            let last = timeline.lastUpdate(before: at)
            let gap = at.millis - last.millis
            let wait = context.highPriorityWaitMillis
            let what =
                timeline.events.last(where: { $0.at < at && ($0.type == .update || $0.type == .status) })
                .map { "last update \(format.instant($0.at)) (\(rows.label($0)))" }
                ?? "no update or status event before the request, so created_at \(format.instant(last)) counts"
            let compare = gap < wait ? "<" : "≥"
            return (
                "priority high, \(what), \(ExplainFormat.duration(gap, withDays: true)) before the request "
                    + "\(compare) \(context.config.highPriorityWait)", gap < wait
            )
        case .alreadyOpen:
            guard !earlier.isEmpty else { return ("no earlier escalation of this case", false) }
            var open = false
            let parts = earlier.map { other -> String in
                let isOpen = context.isOpen(other, at: at)
                if isOpen { open = true }
                let same = other.requestedAt == at ? ", same instant but earlier in the file" : ""
                return "\(data.escalationIDs.string(other.id)) (requested \(format.instant(other.requestedAt))\(same)) "
                    + openText(other, at: at, open: isOpen)
            }
            return (parts.joined(separator: "; "), open)
        case .fedrampUnassigned:
            guard record.deployment == .fedramp else { return ("deployment commercial", false) }
            if let a = record.assignedAt, a <= at, a <= asOf {
                return ("deployment fedramp, assigned_at \(format.instant(a)), before the request", false)
            }
            if let e = timeline.events.last(where: { $0.at <= at && $0.type == .assigned }) {
                return ("deployment fedramp, assigned event at \(format.instant(e.at)) (\(rows.label(e)))", false)
            }
            let later = record.assignedAt.map { ": assigned_at \(format.instant($0)) is after it" } ?? ""
            return ("deployment fedramp, no assigned_at or assigned event at or before the request\(later)", true)
        case .criticalNotByPhone:
            var critical: [String] = []
            if severity == .s1 { critical.append("severity 1") }
            if priority == .critical { critical.append("priority critical") }
            guard !critical.isEmpty else {
                return ("severity \(severity), priority \(priority?.description ?? "not given"): not critical", false)
            }
            let which = critical.joined(separator: " and ")
            guard let channel = e.channel else { return ("\(which), but the channel is not known", false) }
            if channel == .phone { return ("\(which), requested by phone", false) }
            return ("\(which), requested by \(channel), not phone", true)
        }
    }

    func notCreatedText(_ at: Instant) -> String {
        "no status at request: the case was created later, \(format.instant(record.createdAt))"
    }

    /// Why an earlier escalation is or is not open at `at` (see `MetricsContext.isOpen`).
    func openText(_ e: EscalationRecord, at: Instant, open: Bool) -> String {
        if let closed = e.closedAt, closed <= at { return "closed \(format.instant(closed)): not open" }
        if e.decision == .rejected {
            if let decided = e.decidedAt {
                if decided <= at { return "rejected \(format.instant(decided)): not open" }
            } else {
                return "rejected (no decided_at: counts from its own request): not open"
            }
        }
        var why: [String] = []
        why.append(e.closedAt.map { "closed only \(format.instant($0))" } ?? "not closed")
        switch e.decision {
        case .rejected: why.append("rejected only \(e.decidedAt.map(format.instant) ?? "")")
        case .some(let d): why.append("decision \(d)")
        case nil: why.append("no decision")
        }
        return "still open (\(why.joined(separator: ", ")))"
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
