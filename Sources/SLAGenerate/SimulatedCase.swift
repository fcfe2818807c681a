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
}

enum Channel: UInt8, CaseIterable {
    case phone, portal, email, chat, web

    var name: String {
        switch self {
        case .phone: return "phone"
        case .portal: return "portal"
        case .email: return "email"
        case .chat: return "chat"
        case .web: return "web"
        }
    }
}

enum EventType: UInt8, CaseIterable {
    case status, severity, priority, update, assigned, firstResponse, serviceRestored, rcaDelivered

    var name: String {
        switch self {
        case .status: return "status"
        case .severity: return "severity"
        case .priority: return "priority"
        case .update: return "update"
        case .assigned: return "assigned"
        case .firstResponse: return "first_response"
        case .serviceRestored: return "service_restored"
        case .rcaDelivered: return "rca_delivered"
        }
    }
}

enum Status: UInt8, CaseIterable {
    case new, open, waitingOnCustomer, waitingOnSupport, resolved, closed, reopened

    var name: String {
        switch self {
        case .new: return "new"
        case .open: return "open"
        case .waitingOnCustomer: return "waiting_on_customer"
        case .waitingOnSupport: return "waiting_on_support"
        case .resolved: return "resolved"
        case .closed: return "closed"
        case .reopened: return "reopened"
        }
    }
}

enum EventActor: UInt8, CaseIterable {
    case none, customer, support, system

    var name: String {
        switch self {
        case .none: return ""
        case .customer: return "customer"
        case .support: return "support"
        case .system: return "system"
        }
    }
}

/// One case_events.csv row. `value` is a `Status`, a severity 1...4, a priority 1...4 or an
/// engineer index, depending on `type`. A negative `caseIndex` names an unknown case.
struct SimulatedEvent {
    var at: Int64
    var caseIndex: Int32
    var type: EventType
    var value: UInt8
    var actor: EventActor
}

enum EscalationReason: UInt8, CaseIterable {
    case businessImpact, noProgress, rcaRequest, urgencyChange, impactChange, other

    var name: String {
        switch self {
        case .businessImpact: return "business_impact"
        case .noProgress: return "no_progress"
        case .rcaRequest: return "rca_request"
        case .urgencyChange: return "urgency_change"
        case .impactChange: return "impact_change"
        case .other: return "other"
        }
    }
}

enum Decision: UInt8 {
    case approved, rejected, pending, none

    var name: String {
        switch self {
        case .approved: return "approved"
        case .rejected: return "rejected"
        case .pending: return "pending"
        case .none: return ""
        }
    }
}

/// One escalations.csv row; its id is given when it is written.
struct SimulatedEscalation {
    var caseIndex: Int32
    var requested: Int64
    var reason: EscalationReason
    var channel: Channel?
    var decision: Decision
    var decided: Int64?
    var closed: Int64?
    var owner: Int?
}

/// The rule codes of SPEC 3.3, in the order the generator tallies them.
enum Rule: Int, CaseIterable {
    case caseNotActive, awaitingCustomer, urgencyChange, rcaTooEarly, lowPriority
    case highPriorityTooSoon, alreadyOpen, fedrampUnassigned, criticalNotByPhone

    var code: String {
        switch self {
        case .caseNotActive: return "case-not-active"
        case .awaitingCustomer: return "awaiting-customer"
        case .urgencyChange: return "urgency-change"
        case .rcaTooEarly: return "rca-too-early"
        case .lowPriority: return "low-priority"
        case .highPriorityTooSoon: return "high-priority-too-soon"
        case .alreadyOpen: return "already-open"
        case .fedrampUnassigned: return "fedramp-unassigned"
        case .criticalNotByPhone: return "critical-not-by-phone"
        }
    }
}
