/// The nine escalation criteria of SPEC section 3.3, in the SPEC's order; the raw value is the
/// rule code every output uses.
///
/// Whether an escalation breaks one is decided in `SLARules` (`EscalationRule.isBroken(by:)`);
/// the codes live here so that the configuration can name them (`[checks] disabled`).
public enum EscalationRule: String, Sendable, CaseIterable {
    case caseNotActive = "case-not-active"
    case awaitingCustomer = "awaiting-customer"
    case urgencyChange = "urgency-change"
    case rcaTooEarly = "rca-too-early"
    case lowPriority = "low-priority"
    case highPriorityTooSoon = "high-priority-too-soon"
    case alreadyOpen = "already-open"
    case fedrampUnassigned = "fedramp-unassigned"
    case criticalNotByPhone = "critical-not-by-phone"
}

/// The case-submission checks of SPEC section 3.4, in the SPEC's order; the raw value is the
/// check's code.
///
/// `undesignatedContact` and `noBackupContact` (Designated Contacts, SPEC v2) are not computed
/// yet: they are here so that `[checks] disabled` accepts every code SPEC names.
public enum SubmissionCheck: String, Sendable, CaseIterable {
    case criticalNotByPhone = "critical-not-by-phone"
    case incompleteSubmission = "incomplete-submission"
    case undesignatedContact = "undesignated-contact"
    case noBackupContact = "no-backup-contact"
}

extension EscalationRule {
    /// `allCases`, built once: the synthesized property builds a new array at every use.
    public static let ordered = allCases

    /// The rule's place in SPEC order, 0...8: its bit in a set of rules (asked for every rule of
    /// every escalation, so a switch rather than a search).
    @inline(__always)
    public var position: Int {
        switch self {
        case .caseNotActive: 0
        case .awaitingCustomer: 1
        case .urgencyChange: 2
        case .rcaTooEarly: 3
        case .lowPriority: 4
        case .highPriorityTooSoon: 5
        case .alreadyOpen: 6
        case .fedrampUnassigned: 7
        case .criticalNotByPhone: 8
        }
    }
}

extension SubmissionCheck {
    /// `allCases`, built once.
    public static let ordered = allCases

    /// The check's place in SPEC order: its bit in a set of checks.
    @inline(__always)
    public var position: Int {
        switch self {
        case .criticalNotByPhone: 0
        case .incompleteSubmission: 1
        case .undesignatedContact: 2
        case .noBackupContact: 3
        }
    }
}
