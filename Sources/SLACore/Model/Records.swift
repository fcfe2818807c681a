/// One accepted row of cases.csv: a case as it stands at export time.
///
/// Text values are interned: `id`, `org` and `customer` are numbers in the dataset's tables.
public struct CaseRecord: Sendable, Equatable {
    /// Number in `Dataset.caseIDs`; also this case's index in `Dataset.cases`.
    public var id: Int32
    /// Number in `Dataset.orgs`; -1 when missing.
    public var org: Int32
    /// Number in `Dataset.customers`; -1 when missing.
    public var customer: Int32
    public var createdAt: Instant
    /// Severity when the case was opened.
    public var severity: Severity
    /// The customer's priority when the case was opened.
    public var priority: Priority?
    public var channel: Channel?
    public var deployment: Deployment
    public var hasDescription: Bool
    public var firstResponseAt: Instant?
    public var assignedAt: Instant?
    public var resolvedAt: Instant?
    public var closedAt: Instant?
    public var platformIncident: Bool
    public var serviceRestoredAt: Instant?
    public var rcaDeliveredAt: Instant?
    /// Where the row was read.
    public var source: SourcePosition
}

/// One accepted row of case_events.csv.
public struct CaseEvent: Sendable, Equatable {
    /// The case's index in `Dataset.cases`.
    public var caseIndex: Int32
    public var at: Instant
    public var type: EventType
    /// The new value's raw number: a `CaseStatus`, `Severity` or `Priority` for those types; 0 otherwise.
    public var value: UInt8
    public var actor: Actor?
    /// Order in the input (across files, in the order given): later wins ties at the same instant.
    public var sequence: Int32

    public var status: CaseStatus? { type == .status ? CaseStatus(rawValue: value) : nil }
    public var severity: Severity? { type == .severity ? Severity(rawValue: value) : nil }
    public var priority: Priority? { type == .priority ? Priority(rawValue: value) : nil }
}

/// One accepted row of escalations.csv.
public struct EscalationRecord: Sendable, Equatable {
    /// Number in `Dataset.escalationIDs`.
    public var id: Int32
    /// The case's index in `Dataset.cases`.
    public var caseIndex: Int32
    public var requestedAt: Instant
    public var reason: EscalationReason?
    public var channel: Channel?
    public var decision: Decision?
    public var decidedAt: Instant?
    public var closedAt: Instant?
    /// Number in `Dataset.owners`; -1 when missing.
    public var owner: Int32
    /// Order in the input: at the same instant, earlier in the file counts as earlier.
    public var sequence: Int32
    public var source: SourcePosition
}

/// Where a row was read: which input file and which physical line.
public struct SourcePosition: Sendable, Equatable, Hashable {
    /// Index in `Dataset.files`.
    public var file: Int32
    public var line: Int32

    public init(file: Int32, line: Int32) {
        self.file = file
        self.line = line
    }
}
