import CSVStream
import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

extension ExplanationBuilder {
    /// The RCA verdict of a platform incident, the working days counted, and the reason; nil
    /// when the case is not a platform incident.
    func rca() -> RCAExplanation? {
        guard record.platformIncident else { return nil }
        let restoreSource = milestoneSource(
            column: "service_restored_at", record.serviceRestoredAt, eventType: .serviceRestored,
            never: "never restored by as-of: no service_restored_at, no service_restored event")
        let deliverySource = milestoneSource(
            column: "rca_delivered_at", record.rcaDeliveredAt, eventType: .rcaDelivered,
            never: "not delivered by as-of: no rca_delivered_at, no rca_delivered event")
        guard let item = context.rcaItem(timeline) else {
            return RCAExplanation(
                item: nil, restoreSource: restoreSource, evidence: nil, deliverySource: deliverySource,
                reason: "service was not restored by as-of: no RCA is due, and the incident is in no RCA population")
        }
        let due = "the due instant \(format.instant(item.dueAt)) (the end of \(ExplainFormat.day(item.dueDate)))"
        let late = "\(item.businessDaysLate) business day\(item.businessDaysLate == 1 ? "" : "s") late"
        let reason: String
        switch item.verdict {
        case .onTime:
            reason = "delivered before " + due
        case .late:
            reason =
                "delivered at or after " + due + ": " + late
                + " (working days after the due date up to and including the delivery date)"
        case .overdue:
            reason =
                "not delivered by as-of (\(format.instant(asOf))), which is at or past " + due + ": " + late
                + " so far (working days after the due date up to and including the as-of date)"
        case .pending:
            reason = "not delivered yet, and as-of (\(format.instant(asOf))) is before " + due
        }
        return RCAExplanation(
            item: item, restoreSource: restoreSource, evidence: context.rcaEvidence(for: item),
            deliverySource: deliverySource, reason: reason)
    }

    /// Which source gives a row milestone with an event fallback (SPEC 2), in words.
    func milestoneSource(column: String, _ value: Instant?, eventType: EventType, never: String) -> String {
        var notes: [String] = []
        if let note = afterAsOfNote(column, value) { notes.append(note) }
        let text: String
        if let t = value, t <= asOf {
            text = "\(column) of the row: \(format.instant(t))"
        } else if let e = firstEvent({ $0.type == eventType }) {
            text = "the earliest \(eventType) event, \(rows.label(e)): \(format.instant(e.at))"
        } else {
            text = never
        }
        return ([text] + notes).joined(separator: "; ")
    }
}
