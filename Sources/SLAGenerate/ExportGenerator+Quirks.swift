import CSVStream
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
        let update = ExportGenerator.eventTypeWords[Int(EventType.update.rawValue)]
        let support = ExportGenerator.actorWords[Int(Actor.support.rawValue)]
        switch planned.quirk {
        case .orphanEvent:
            caseID(out, Int32(-1 - v))
            out.csv.comma()
            timestamp(out, at)
            out.csv.comma()
            out.csv.raw(update)
            out.csv.comma()
            out.csv.comma()
            out.csv.raw(ExportGenerator.actorWords[Int(Actor.customer.rawValue)])
        case .eventMissingRequired:
            caseID(out, caseIndex)
            out.csv.comma()
            if v != 0 { timestamp(out, at) }
            out.csv.comma()
            if v != 1 { out.csv.raw(update) }
            out.csv.comma()
            out.csv.comma()
            out.csv.raw(support)
        case .eventBadTimestamp:
            caseID(out, caseIndex)
            out.csv.comma()
            let date = zone.localDateTime(of: Instant(seconds: at)).date
            let text = v == 0 ? "\(date)T25:61:00Z" : "\(date.day).\(date.month).\(date.year) 14:03"
            out.csv.raw(Array(text.utf8))
            out.csv.comma()
            out.csv.raw(update)
            out.csv.comma()
            out.csv.comma()
            out.csv.raw(support)
        case .eventBadValue:
            caseID(out, caseIndex)
            out.csv.comma()
            timestamp(out, at)
            out.csv.comma()
            out.csv.raw(Array((v == 0 ? "note" : "comment_added").utf8))
            out.csv.comma()
            out.csv.comma()
            out.csv.raw(support)
        case .eventWrongFieldCount:
            caseID(out, caseIndex)
            out.csv.comma()
            timestamp(out, at)
            out.csv.comma()
            out.csv.raw(update)
            out.csv.comma()
            if v == 1 {  // one field too many; the first variant lacks the actor
                out.csv.comma()
                out.csv.raw(support)
                out.csv.comma()
                out.csv.raw(Array("extra".utf8))
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
