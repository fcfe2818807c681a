import SLATime

/// Case severity, 1 (critical) to 4 (low), as assigned by support.
public enum Severity: UInt8, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case s1 = 1
    case s2, s3, s4

    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
    public var description: String { String(rawValue) }
}

/// The customer's designated priority.
public enum Priority: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case critical = 1
    case high, medium, low

    public var description: String {
        switch self {
        case .critical: "critical"
        case .high: "high"
        case .medium: "medium"
        case .low: "low"
        }
    }
}

/// How a case or an escalation was submitted.
public enum Channel: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case phone, portal, email, chat, web

    public var description: String {
        switch self {
        case .phone: "phone"
        case .portal: "portal"
        case .email: "email"
        case .chat: "chat"
        case .web: "web"
        }
    }
}

/// Where the customer's organization runs.
public enum Deployment: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case commercial, fedramp

    public var description: String { self == .commercial ? "commercial" : "fedramp" }
}

/// A case's status; `reopened` in an export means `open`.
public enum CaseStatus: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case new, open, waitingOnCustomer, waitingOnSupport, resolved, closed

    public var description: String {
        switch self {
        case .new: "new"
        case .open: "open"
        case .waitingOnCustomer: "waiting_on_customer"
        case .waitingOnSupport: "waiting_on_support"
        case .resolved: "resolved"
        case .closed: "closed"
        }
    }
}

/// The kind of a case_events.csv row.
public enum EventType: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case status, severity, priority, update, assigned, firstResponse, serviceRestored, rcaDelivered

    public var description: String {
        switch self {
        case .status: "status"
        case .severity: "severity"
        case .priority: "priority"
        case .update: "update"
        case .assigned: "assigned"
        case .firstResponse: "first_response"
        case .serviceRestored: "service_restored"
        case .rcaDelivered: "rca_delivered"
        }
    }
}

/// Who made an event.
public enum Actor: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case customer, support, system

    public var description: String {
        switch self {
        case .customer: "customer"
        case .support: "support"
        case .system: "system"
        }
    }
}

/// Why an escalation was requested.
public enum EscalationReason: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case businessImpact, noProgress, rcaRequest, urgencyChange, impactChange, other

    public var description: String {
        switch self {
        case .businessImpact: "business_impact"
        case .noProgress: "no_progress"
        case .rcaRequest: "rca_request"
        case .urgencyChange: "urgency_change"
        case .impactChange: "impact_change"
        case .other: "other"
        }
    }
}

/// The Escalation Owner's decision.
public enum Decision: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case approved, rejected, pending

    public var description: String {
        switch self {
        case .approved: "approved"
        case .rejected: "rejected"
        case .pending: "pending"
        }
    }
}
