import SLAModel
import SLATime

/// The rows `messy` adds to case_events.csv and escalations.csv (see `Quirk`).
extension ExportGenerator {
    func writeEventQuirk(_ planned: PlannedQuirk, near event: SimulatedEvent?) throws {
        let out = eventsOut
        let caseIndex = event?.caseIndex ?? lastEventCase
        let at = event?.at ?? horizon - 3600
        let v = planned.variant
        quirksApplied[planned.quirk.label, default: 0] += 1
        switch planned.quirk {
        case .orphanEvent:
            out.build { appendCaseID(Int32(-1 - v), into: &$0) }
            timestamp(out, at)
            out.raw(ExportGenerator.eventTypeWords[Int(EventType.update.rawValue)])
            out.empty()
            out.raw(ExportGenerator.actorWords[Int(Actor.customer.rawValue)])
        case .eventMissingRequired:
            out.build { appendCaseID(caseIndex, into: &$0) }
            if v == 0 { out.empty() } else { timestamp(out, at) }
            if v == 1 { out.empty() } else { out.raw(ExportGenerator.eventTypeWords[Int(EventType.update.rawValue)]) }
            out.empty()
            out.raw(ExportGenerator.actorWords[Int(Actor.support.rawValue)])
        case .eventBadTimestamp:
            out.build { appendCaseID(caseIndex, into: &$0) }
            let date = zone.localDateTime(of: Instant(seconds: at)).date
            let text = v == 0 ? "\(date)T25:61:00Z" : "\(date.day).\(date.month).\(date.year) 14:03"
            out.raw(Array(text.utf8))
            out.raw(ExportGenerator.eventTypeWords[Int(EventType.update.rawValue)])
            out.empty()
            out.raw(ExportGenerator.actorWords[Int(Actor.support.rawValue)])
        case .eventBadValue:
            out.build { appendCaseID(caseIndex, into: &$0) }
            timestamp(out, at)
            out.raw(Array((v == 0 ? "note" : "comment_added").utf8))
            out.empty()
            out.raw(ExportGenerator.actorWords[Int(Actor.support.rawValue)])
        case .eventWrongFieldCount:
            out.build { appendCaseID(caseIndex, into: &$0) }
            timestamp(out, at)
            out.raw(ExportGenerator.eventTypeWords[Int(EventType.update.rawValue)])
            out.empty()
            if v == 1 {
                out.raw(ExportGenerator.actorWords[Int(Actor.support.rawValue)])
                out.raw(Array("extra".utf8))
            }
        default:
            return
        }
        try out.endRow()
    }

    func writeEscalationQuirk(_ planned: PlannedQuirk, near escalation: SimulatedEscalation?) throws {
        guard let base = escalation ?? lastEscalation else { return }
        let v = planned.variant
        quirksApplied[planned.quirk.label, default: 0] += 1
        switch planned.quirk {
        case .orphanEscalation:
            escalationSerial += 1
            try writeEscalationRow(base, serial: escalationSerial, caseIndex: Int32(-10 - v))
        case .duplicateEscalationID:
            var copy = base
            copy.requested += 3600
            copy.decision = .pending
            copy.decided = nil
            copy.closed = nil
            try writeEscalationRow(copy, serial: max(1, escalationSerial))
        case .escalationMissingRequired:
            escalationSerial += 1
            try writeEscalationRow(base, serial: escalationSerial, requested: "")
        case .escalationBadTimestamp:
            escalationSerial += 1
            let date = zone.localDateTime(of: Instant(seconds: base.requested)).date
            try writeEscalationRow(
                base, serial: escalationSerial, requested: "\(date.month)/\(date.day)/\(date.year) 2:30 PM")
        case .escalationBadValue:
            escalationSerial += 1
            try writeEscalationRow(base, serial: escalationSerial, reason: "vip_customer")
        case .escalationWrongFieldCount:
            escalationSerial += 1
            try writeEscalationRow(base, serial: escalationSerial, dropOwner: true)
        default:
            return
        }
    }
}
