import SLAConfig
import SLAModel
import SLARules
import SLATime

/// Every column slacheck reads, across the input files (SPEC section 1).
///
/// A row's fields are found by `Column` through an array, so no column name is hashed per row.
enum Column: Int, CaseIterable {
    case caseID, orgID, customer, createdAt, severity, priority, channel, deployment, description
    case firstResponseAt, assignedAt, resolvedAt, closedAt, platformIncident, serviceRestoredAt, rcaDeliveredAt
    case at, type, value, actor
    case escalationID, requestedAt, reason, decision, decidedAt, owner
    case name, timezone, calendar, tier, designatedContacts
    case target, approvedBy

    /// The column's name in SPEC and in headers.
    var name: String {
        switch self {
        case .caseID: "case_id"
        case .orgID: "org_id"
        case .customer: "customer"
        case .createdAt: "created_at"
        case .severity: "severity"
        case .priority: "priority"
        case .channel: "channel"
        case .deployment: "deployment"
        case .description: "description"
        case .firstResponseAt: "first_response_at"
        case .assignedAt: "assigned_at"
        case .resolvedAt: "resolved_at"
        case .closedAt: "closed_at"
        case .platformIncident: "platform_incident"
        case .serviceRestoredAt: "service_restored_at"
        case .rcaDeliveredAt: "rca_delivered_at"
        case .at: "at"
        case .type: "type"
        case .value: "value"
        case .actor: "actor"
        case .escalationID: "escalation_id"
        case .requestedAt: "requested_at"
        case .reason: "reason"
        case .decision: "decision"
        case .decidedAt: "decided_at"
        case .owner: "owner"
        case .name: "name"
        case .timezone: "timezone"
        case .calendar: "calendar"
        case .tier: "tier"
        case .designatedContacts: "designated_contacts"
        case .target: "target"
        case .approvedBy: "approved_by"
        }
    }

    /// The column called `name`, if any.
    init?(name: String) {
        guard let c = Column.allCases.first(where: { $0.name == name }) else { return nil }
        self = c
    }
}
