import Foundation
import SLAModel
import SLATime

/// How one event-log CSV (one row per event, case attributes repeated on every row) maps onto
/// slacheck's cases, events and escalations: the `[event_log]` section of the configuration.
///
/// Activity names are compared trimmed and case-insensitively. When `activity` names several
/// columns, a row's activity is their values joined by `/` (`Accepted/In Progress`).
public struct EventLogProfile: Sendable, Equatable {
    /// The column that holds the case id (`event_log.case_id`).
    public var caseID: String
    /// The column that holds the event's timestamp (`event_log.timestamp`).
    public var timestamp: String
    /// The column or columns whose values, joined by `/`, are the activity (`event_log.activity`).
    public var activity: [String]
    /// Our case attribute → the export's column (`[event_log.attributes]`).
    public var attributes: [Attribute: String]
    /// Our case attribute → (the export's value → ours) (`[event_log.values.<attribute>]`);
    /// keys are kept as written. Columns with an empty map are left out.
    public var values: [Attribute: [String: String]]
    /// What an activity means → the activities that mean it (`[event_log.activities]`).
    public var activities: [Meaning: [String]]
    /// Activity → the status it sets (`[event_log.status]`).
    public var status: [String: CaseStatus]
    /// Escalations read from hand-overs between teams (`[event_log.handover]`), if configured.
    public var handover: Handover?
    /// What one row holds: the case as it stands (`snapshot`) or its values as of that row (`audit`).
    public var rows: Rows = .snapshot
    /// Instants of the case read from columns (`[event_log.instants]`): kind → column.
    public var instants: [InstantColumn: String] = [:]
    /// Events from changes of a column's value (`[event_log.changes]`): meaning → column.
    public var changes: [Meaning: Change] = [:]
    /// What an unknown value of an optional attribute does (`unknown_values`); absent: reject the row.
    public var unknownValues: [Attribute: UnknownValue] = [:]
    /// The keys of `status` (normalized) in the order they are written: among patterns, the first wins.
    public var statusOrder: [String] = []
    /// Every name the profile matches against the log (activities, statuses, mapped values,
    /// patterns), with its key and line, for `validate`'s checks.
    public var names: [Name] = []
    /// The profile's file name, as given (for the checks' messages).
    public var file: String = ""

    /// Creates a profile; only the three columns are required.
    public init(
        caseID: String, timestamp: String, activity: [String], attributes: [Attribute: String] = [:],
        values: [Attribute: [String: String]] = [:], activities: [Meaning: [String]] = [:],
        status: [String: CaseStatus] = [:], handover: Handover? = nil
    ) {
        self.caseID = caseID
        self.timestamp = timestamp
        self.activity = activity
        self.attributes = attributes
        self.values = values
        self.activities = activities
        self.status = status
        self.statusOrder = status.keys.sorted()
        self.handover = handover
    }

    /// A case attribute an event log may carry on its rows: in a snapshot the latest value in a
    /// case wins, in an audit log the first.
    public enum Attribute: String, Sendable, CaseIterable {
        case severity, priority, channel, deployment, org, customer, description
        case platformIncident = "platform_incident"

        /// The optional attributes with a fixed list of values, for which `unknown_values` applies.
        public static let optionalEnumerations: [Attribute] = [.priority, .channel, .deployment, .platformIncident]
    }

    /// What one row of the export holds.
    public enum Rows: String, Sendable, CaseIterable {
        /// The case as it stands at export time, repeated on every row (process-mining logs).
        case snapshot
        /// The case's values as of that row's update (a ServiceNow audit export): changes are events.
        case audit
    }

    /// An instant of the case that a column may give.
    public enum InstantColumn: String, Sendable, CaseIterable {
        case created, resolved, closed
    }

    /// A column whose change of value is an event.
    public struct Change: Sendable, Equatable {
        /// The export's column.
        public var column: String
        /// Patterns the new value must match for the change to count; nil: every change counts.
        public var into: [String]?

        /// Creates a column change.
        public init(column: String, into: [String]? = nil) {
            self.column = column
            self.into = into
        }

        /// Whether a change to `value` counts.
        public func counts(_ value: String) -> Bool {
            guard let into else { return true }
            return into.contains { EventLogProfile.matches(pattern: $0, value) }
        }

        /// The meanings a column change may have (those that carry no value).
        public static let meanings: [Meaning] = [
            .assigned, .firstResponse, .update, .serviceRestored, .rcaDelivered, .escalationRequested,
        ]
    }

    /// What an unknown value of an optional attribute does.
    public enum UnknownValue: Sendable, Equatable {
        /// The row is rejected (`bad-value`).
        case reject
        /// The value counts as missing; the finding `unknown-value` is counted.
        case blank
        /// The value counts as this value of ours; the finding `unknown-value` is counted.
        case value(String)
    }

    /// A name of the profile that should occur in the log, with where the profile writes it.
    public struct Name: Sendable, Equatable {
        /// What the name is compared with.
        public enum Kind: Sendable, Equatable {
            /// An activity name or pattern (`[event_log.activities]`, `[event_log.status]` keys).
            case activity
            /// A key of `[event_log.values.<attribute>]`.
            case value(Attribute)
            /// A team pattern of `[event_log.handover] escalate_into`.
            case team
            /// A pattern of `into` for a column change of this meaning.
            case change(Meaning)
        }

        public var kind: Kind
        /// The name as written.
        public var text: String
        /// The configuration key that holds it, e.g. `event_log.activities.first_response`.
        public var key: String
        /// Its line in the profile, when known.
        public var line: Int?

        /// Creates a name.
        public init(kind: Kind, text: String, key: String, line: Int?) {
            self.kind = kind
            self.text = text
            self.key = key
            self.line = line
        }
    }

    /// What an activity can mean.
    public enum Meaning: String, Sendable, CaseIterable {
        /// The case was opened (its created_at); without one, the case's first event is used.
        case created
        /// Support's first response (the earliest counts).
        case firstResponse = "first_response"
        /// Assignment to a support engineer.
        case assigned
        /// The severity changed to the value of the severity column on that row.
        case severityChanged = "severity_changed"
        /// The priority changed to the value of the priority column on that row.
        case priorityChanged = "priority_changed"
        /// A case update by support (for "last update before").
        case update
        /// Service was restored (platform incidents).
        case serviceRestored = "service_restored"
        /// The RCA document was delivered.
        case rcaDelivered = "rca_delivered"
        /// The case was closed (a `status closed` event).
        case closed
        /// The customer requested an escalation.
        case escalationRequested = "escalation_requested"
        /// Nothing: the activity is known to mean nothing (so the profile checks do not list it).
        case ignore
    }

    /// Escalations read from hand-overs: a row whose `column` value differs from the previous
    /// row's in the same case (in time order) and matches one of `escalateInto` is an escalation
    /// request; it closes at the next hand-over to another value.
    public struct Handover: Sendable, Equatable {
        /// The column naming the team that holds the case (e.g. `org:group`).
        public var column: String
        /// Patterns of team names a hand-over into which is an escalation; `*` matches any text,
        /// compared case-insensitively (e.g. `"* 2nd"`).
        public var escalateInto: [String]

        /// Creates a hand-over rule.
        public init(column: String, escalateInto: [String]) {
            self.column = column
            self.escalateInto = escalateInto
        }

        /// Whether `team` matches one of the patterns.
        public func escalates(into team: String) -> Bool {
            escalateInto.contains { EventLogProfile.matches(pattern: $0, team) }
        }
    }

    /// Whether `name` matches `pattern`, where `*` stands for any text: the whole name, trimmed,
    /// without regard to case. The one rule for activities, statuses, teams and changed values.
    public static func matches(pattern: String, _ name: String) -> Bool {
        matches(Array(normalize(pattern).utf8)[...], Array(normalize(name).utf8)[...])
    }

    /// Whether `value` is a number followed by a label (`1 - Critical`, `P2 - High`): a letter
    /// somewhere after its first digit. Such a severity or priority is read only through a value map.
    public static func isLabelled(_ value: String) -> Bool {
        var sawDigit = false
        for byte in value.utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                sawDigit = true
            } else if sawDigit && ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) {
                return true
            }
        }
        return false
    }

    /// The column changes in a fixed order (that of `Change.meanings`).
    public var orderedChanges: [(meaning: Meaning, change: Change)] {
        Change.meanings.compactMap { meaning in changes[meaning].map { (meaning, $0) } }
    }

    /// Whether `name` is a pattern (holds a `*`).
    public static func isPattern(_ name: String) -> Bool { name.contains("*") }

    /// The status an activity sets (normalized name): a key without `*` equal to it, else the
    /// first pattern key (in the order written) that matches it.
    public func status(ofNormalized activity: String) -> CaseStatus? {
        if let exact = status[activity], !Self.isPattern(activity) { return exact }
        for key in statusOrder where Self.isPattern(key) && Self.matches(pattern: key, activity) {
            return status[key]
        }
        return nil
    }

    /// The meanings of an activity (normalized name): every meaning with a name or pattern matching it.
    public func meanings(ofNormalized activity: String) -> Set<Meaning> {
        var result: Set<Meaning> = []
        for (meaning, names) in activities
        where names.contains(where: {
            Self.isPattern($0) ? Self.matches(pattern: $0, activity) : Self.normalize($0) == activity
        }) {
            result.insert(meaning)
        }
        return result
    }

    /// Whether `text` matches `pattern`, where `*` matches any run of bytes.
    static func matches(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        guard let p = pattern.first else { return text.isEmpty }
        if p == UInt8(ascii: "*") {
            var rest = text
            while true {
                if matches(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let t = text.first, t == p else { return false }
        return matches(pattern.dropFirst(), text.dropFirst())
    }

    /// The form in which activity names are compared: trimmed, lowercased.
    public static func normalize(_ activity: String) -> String {
        activity.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
