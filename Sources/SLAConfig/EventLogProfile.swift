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
        self.handover = handover
    }

    /// A case attribute an event log may carry on its rows; the latest value in a case wins.
    public enum Attribute: String, Sendable, CaseIterable {
        case severity, priority, channel, deployment, org, customer, description
        case platformIncident = "platform_incident"
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
            let name = Array(team.lowercased().utf8)
            return escalateInto.contains { EventLogProfile.matches(Array($0.lowercased().utf8)[...], name[...]) }
        }
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
