import SLATime

/// One accepted row of cases.csv: a case as it stands at export time.
///
/// Text values are interned: `id`, `org` and `customer` are numbers in the dataset's tables.
/// The optional instants are stored as plain milliseconds with a sentinel for "missing" (an
/// `Instant?` takes 16 bytes, a million cases hold six of them each); read and write them
/// through the `Instant?` properties.
public struct CaseRecord: Sendable, Equatable {
    /// Number in `Dataset.caseIDs`; also this case's index in `Dataset.cases`.
    public var id: Int32
    /// Number in `Dataset.orgs`; -1 when missing.
    public var org: Int32
    /// Number in `Dataset.customers`; -1 when missing.
    public var customer: Int32
    /// Where the row was read.
    public var source: SourcePosition
    public var createdAt: Instant
    private var times: (Int64, Int64, Int64, Int64, Int64, Int64)
    /// Severity when the case was opened.
    public var severity: Severity
    /// The customer's priority when the case was opened.
    public var priority: Priority?
    public var channel: Channel?
    public var deployment: Deployment
    public var hasDescription: Bool
    public var platformIncident: Bool

    public init(
        id: Int32, org: Int32, customer: Int32, createdAt: Instant, severity: Severity, priority: Priority?,
        channel: Channel?, deployment: Deployment, hasDescription: Bool, firstResponseAt: Instant?,
        assignedAt: Instant?, resolvedAt: Instant?, closedAt: Instant?, platformIncident: Bool,
        serviceRestoredAt: Instant?, rcaDeliveredAt: Instant?, source: SourcePosition
    ) {
        self.id = id
        self.org = org
        self.customer = customer
        self.source = source
        self.createdAt = createdAt
        self.severity = severity
        self.priority = priority
        self.channel = channel
        self.deployment = deployment
        self.hasDescription = hasDescription
        self.platformIncident = platformIncident
        let none = CaseRecord.missing
        times = (
            firstResponseAt?.millis ?? none, assignedAt?.millis ?? none, resolvedAt?.millis ?? none,
            closedAt?.millis ?? none, serviceRestoredAt?.millis ?? none, rcaDeliveredAt?.millis ?? none
        )
    }

    /// The stored value meaning "no instant".
    static let missing = Int64.min

    @inline(__always) static func instant(_ ms: Int64) -> Instant? { ms == missing ? nil : Instant(millis: ms) }

    public var firstResponseAt: Instant? {
        get { CaseRecord.instant(times.0) }
        set { times.0 = newValue?.millis ?? CaseRecord.missing }
    }
    public var assignedAt: Instant? {
        get { CaseRecord.instant(times.1) }
        set { times.1 = newValue?.millis ?? CaseRecord.missing }
    }
    public var resolvedAt: Instant? {
        get { CaseRecord.instant(times.2) }
        set { times.2 = newValue?.millis ?? CaseRecord.missing }
    }
    public var closedAt: Instant? {
        get { CaseRecord.instant(times.3) }
        set { times.3 = newValue?.millis ?? CaseRecord.missing }
    }
    public var serviceRestoredAt: Instant? {
        get { CaseRecord.instant(times.4) }
        set { times.4 = newValue?.millis ?? CaseRecord.missing }
    }
    public var rcaDeliveredAt: Instant? {
        get { CaseRecord.instant(times.5) }
        set { times.5 = newValue?.millis ?? CaseRecord.missing }
    }

    public static func == (a: CaseRecord, b: CaseRecord) -> Bool {
        a.id == b.id && a.org == b.org && a.customer == b.customer && a.source == b.source
            && a.createdAt == b.createdAt && a.times == b.times && a.severity == b.severity
            && a.priority == b.priority && a.channel == b.channel && a.deployment == b.deployment
            && a.hasDescription == b.hasDescription && a.platformIncident == b.platformIncident
    }
}

/// One accepted row of case_events.csv.
public struct CaseEvent: Sendable, Equatable {
    /// The case's index in `Dataset.cases`.
    public var caseIndex: Int32
    /// The row's line in its file (it fits where `at` would leave padding).
    public var line: Int32 = 0
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

    public init(
        caseIndex: Int32, line: Int32 = 0, at: Instant, type: EventType, value: UInt8, actor: Actor?, sequence: Int32
    ) {
        self.caseIndex = caseIndex
        self.line = line
        self.at = at
        self.type = type
        self.value = value
        self.actor = actor
        self.sequence = sequence
    }
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

    public init(
        id: Int32, caseIndex: Int32, requestedAt: Instant, reason: EscalationReason?, channel: Channel?,
        decision: Decision?, decidedAt: Instant?, closedAt: Instant?, owner: Int32, sequence: Int32,
        source: SourcePosition
    ) {
        self.id = id
        self.caseIndex = caseIndex
        self.requestedAt = requestedAt
        self.reason = reason
        self.channel = channel
        self.decision = decision
        self.decidedAt = decidedAt
        self.closedAt = closedAt
        self.owner = owner
        self.sequence = sequence
        self.source = source
    }
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

/// One accepted row of organizations.csv (SPEC section 1, v2): a customer's clock and contract.
public struct OrganizationRecord: Sendable, Equatable {
    /// The org_id as written (trimmed).
    public var orgID: String
    public var name: String?
    /// Index in `Dataset.zones` of its `timezone`; nil when not given.
    public var zone: Int32?
    /// Index in the configuration's `calendars`; nil when not given.
    public var calendar: Int32?
    /// Index in the configuration's `tiers`; nil when not given.
    public var tier: Int32?
    /// Its Designated Contacts as listed (the primary first), trimmed, without empty entries.
    public var designatedContacts: [String]
    /// Where the row was read.
    public var source: SourcePosition

    public init(
        orgID: String, name: String?, zone: Int32?, calendar: Int32?, tier: Int32?, designatedContacts: [String],
        source: SourcePosition
    ) {
        self.orgID = orgID
        self.name = name
        self.zone = zone
        self.calendar = calendar
        self.tier = tier
        self.designatedContacts = designatedContacts
        self.source = source
    }
}

/// What an exclusion of exclusions.csv applies to (SPEC v2 3.10).
public enum ExclusionTarget: String, Sendable, CaseIterable {
    case firstResponse = "first_response"
    case restoration
    case resolution
    case update
    case rca
    /// Every target, RCA included.
    case all

    /// Its bit in an exclusion mask.
    public var bit: UInt8 {
        switch self {
        case .firstResponse: 1
        case .restoration: 2
        case .resolution: 4
        case .update: 8
        case .rca: 16
        case .all: 31
        }
    }
}

/// One accepted row of exclusions.csv: an agreed exclusion of a case from a target.
public struct ExclusionRecord: Sendable, Equatable {
    /// The case_id as written (trimmed).
    public var caseID: String
    /// The case's index in the dataset; -1 when no accepted case has that id (`unknown-case`).
    public var caseIndex: Int32
    public var target: ExclusionTarget
    public var reason: String
    public var approvedBy: String?
    public var source: SourcePosition

    public init(
        caseID: String, caseIndex: Int32, target: ExclusionTarget, reason: String, approvedBy: String?,
        source: SourcePosition
    ) {
        self.caseID = caseID
        self.caseIndex = caseIndex
        self.target = target
        self.reason = reason
        self.approvedBy = approvedBy
        self.source = source
    }
}
