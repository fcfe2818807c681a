import SLAModel

/// The generator's model of one case at export time. Times are UTC seconds; `nil` is a value
/// the export leaves empty (never happened, or not yet at the export instant).
struct SimulatedCase {
    var index: Int = 0
    var org: Int = 0
    var created: Int64 = 0
    /// 1...4.
    var severity: Int = 3
    /// 1 = critical ... 4 = low.
    var priority: Int = 3
    var channel: Channel = .portal
    var fedramp = false
    var incident = false
    var hasCustomer = true
    var hasDescription = true
    var firstResponse: Int64?
    var assigned: Int64?
    var resolved: Int64?
    var closed: Int64?
    var restored: Int64?
    var rcaDelivered: Int64?
    /// Seeds the description's words, so the text is drawn only when the row is written.
    var descriptionSeed: UInt64 = 0
    /// The first response and the restore as simulated, before the export cut and whether the
    /// row or an event records them (to tell which targets' populations the case is in).
    var response: Int64?
    var restore: Int64?
}

/// One case_events.csv row. `value` is a `CaseStatus` raw value (or `CaseStatus.reopenedValue`),
/// a severity 1...4, a priority 1...4 or an engineer index, depending on `type`. A negative
/// `caseIndex` names an unknown case; a nil `actor` is written empty.
struct SimulatedEvent {
    var at: Int64
    var caseIndex: Int32
    var type: EventType
    var value: UInt8
    var actor: Actor?
}

extension CaseStatus {
    /// A status event's value for `reopened`, the spelling exports use for a case opened again
    /// (read back as `open`): the first value after the domain's statuses.
    static let reopenedValue = UInt8(allCases.count)
}

/// One escalations.csv row; its id is given when it is written.
struct SimulatedEscalation {
    var caseIndex: Int32
    var requested: Int64
    var reason: EscalationReason
    var channel: Channel?
    /// Nil: no decision recorded (written empty).
    var decision: Decision?
    var decided: Int64?
    var closed: Int64?
    var owner: Int?
}
