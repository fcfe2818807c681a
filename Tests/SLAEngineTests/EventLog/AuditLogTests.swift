import CSVStream
import Foundation
import SLATestSupport
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLARules
@testable import SLATime

/// Audit logs (`rows = "audit"`), instants and changes from columns, unknown values, numbers with
/// labels and patterns: what the event-log loader makes of small logs, computed by hand.
@Suite("Event-log profiles: audit logs, instants, changes, unknown values")
struct AuditLogTests {
    let folder = TempFolder()

    /// A ServiceNow-like profile; `rows` and `extra` vary per test.
    static func profile(rows: String = "audit", extra: String = "") -> String {
        """
        timezone = "UTC"
        [input]
        missing_tokens = ["?"]
        [event_log]
        case_id = "Case"
        timestamp = "At"
        activity = "State"
        rows = "\(rows)"
        [event_log.unknown_values]
        channel = "blank"
        [event_log.instants]
        created = "Opened"
        resolved = "Resolved"
        closed = "Closed"
        [event_log.attributes]
        severity = "Priority"
        priority = "Priority"
        channel = "Contact"
        [event_log.values.severity]
        "1 - Critical" = 1
        "2 - High" = 2
        "3 - Moderate" = 3
        [event_log.values.priority]
        "1 - Critical" = "critical"
        "2 - High" = "high"
        "3 - Moderate" = "medium"
        [event_log.activities]
        first_response = "Active"
        [event_log.status]
        "New" = "new"
        "Active" = "open"
        "Resolved" = "resolved"
        "Closed" = "closed"
        [event_log.changes]
        assigned = "Assignee"
        \(extra)
        """
    }

    /// Case A: opened at 09:00 but first logged at 09:10; re-prioritised twice, reassigned,
    /// resolved, reopened, resolved again and closed; `?` on some fields; one unknown contact.
    static let log = """
        Case,At,State,Priority,Assignee,Opened,Resolved,Closed,Contact
        A,2026-10-05T09:10:00Z,New,3 - Moderate,,2026-10-05T09:00:00Z,?,?,Phone
        A,2026-10-05T09:20:00Z,New,2 - High,Beth,2026-10-05T09:00:00Z,?,?,Phone
        A,2026-10-05T09:30:00Z,Active,?,Beth,?,?,?,Walk-in
        A,2026-10-05T09:40:00Z,active,2 - High,David,2026-10-05T09:00:00Z,?,?,Phone
        A,2026-10-05T10:00:00Z,Resolved,2 - High,David,2026-10-05T09:00:00Z,2026-10-05T10:00:00Z,?,Phone
        A,2026-10-05T11:00:00Z,Active,1 - Critical,David,2026-10-05T09:00:00Z,?,?,Phone
        A,2026-10-05T12:00:00Z,Resolved,1 - Critical,?,2026-10-05T09:00:00Z,2026-10-05T12:00:00Z,?,Phone
        A,2026-10-06T12:00:00Z,Closed,1 - Critical,David,2026-10-05T09:00:00Z,2026-10-05T12:00:00Z,2026-10-06T12:00:00Z,Phone

        """

    func load(_ log: String, profile: String) throws -> Dataset {
        let config = try SLAConfig.parse(text: profile, fileName: "profile.toml")
        return try EventLogLoader(config: config, chunkSize: 7).load(folder.write("log.csv", log))
    }

    func utc(_ text: String) -> Instant? { (try? TimestampParser())?.parse(text) }

    /// `HH:MM type value` of each event of case 0 (day 5 October; `+1` for the next day).
    func story(_ data: Dataset) -> [String] {
        let start = utc("2026-10-05T00:00:00Z")?.millis ?? 0
        return data.events[Int(data.eventStart[0])..<Int(data.eventStart[1])].map { e in
            let minutes = Int((e.at.millis - start) / 60_000)
            let day = minutes >= 1440 ? "+1 " : ""
            let clock = String(format: "%02d:%02d", (minutes % 1440) / 60, minutes % 60)
            let value: String
            switch e.type {
            case .status: value = " \(e.status.map { "\($0)" } ?? "?")"
            case .severity: value = " \(e.value)"
            case .priority: value = " \(e.priority.map { "\($0)" } ?? "?")"
            default: value = ""
            }
            return "\(day)\(clock) \(e.type)\(value)"
        }
    }

    @Test("An audit log: opening values from the first row, changes as events, the activity as a state")
    func auditLog() throws {
        let data = try load(Self.log, profile: Self.profile())
        #expect(data.rejections.isEmpty)
        let a = try #require(data.cases.first)
        // Created at the Opened column (09:00), not at the first row (09:10).
        #expect(a.createdAt == utc("2026-10-05T09:00:00Z"))
        // Opening values: the first row's.
        #expect(a.severity == .s3 && a.priority == .medium && a.channel == .phone)
        // Resolved: the latest value given (12:00); closed the next day.
        #expect(a.resolvedAt == utc("2026-10-05T12:00:00Z"))
        #expect(a.closedAt == utc("2026-10-06T12:00:00Z"))
        #expect(
            story(data) == [
                "09:10 status new",  // the first status set
                "09:20 severity 2", "09:20 priority high", "09:20 assigned",  // re-prioritised, Beth
                "09:30 status open", "09:30 first_response",  // New -> Active; `?` priority: no change
                "09:40 assigned",  // "active" is the same state: nothing; David is a new assignee
                "10:00 status resolved",
                // Reopened and raised; Active again after Resolved is a change, so its meaning applies
                // (a later first response, which changes nothing: the earliest counts).
                "11:00 status open", "11:00 severity 1", "11:00 priority critical", "11:00 first_response",
                "12:00 status resolved",  // `?` assignee: no change
                "+1 12:00 status closed",
            ], "\(story(data))")
        // Walk-in is blanked and counted once.
        #expect(data.countsUnknownValues && data.unknownValueCounts == [1])
        // Every instant of an accepted row counts for as-of.
        #expect(data.latestInstant == utc("2026-10-06T12:00:00Z"))
    }

    @Test("The same log read as a snapshot: latest values, an event per activity row, changes still from columns")
    func snapshotOfTheSameLog() throws {
        let data = try load(Self.log, profile: Self.profile(rows: "snapshot"))
        let a = try #require(data.cases.first)
        #expect(a.createdAt == utc("2026-10-05T09:00:00Z"))
        #expect(a.severity == .s1 && a.priority == .critical && a.channel == .phone)
        #expect(
            story(data) == [
                "09:10 status new", "09:20 status new", "09:20 assigned", "09:30 status open", "09:30 first_response",
                "09:40 status open", "09:40 assigned", "09:40 first_response", "10:00 status resolved",
                "11:00 status open", "11:00 first_response", "12:00 status resolved", "+1 12:00 status closed",
            ], "\(story(data))")
    }

    @Test("Without an instants column the case starts at its created activity, else its first row")
    func createdWithoutColumn() throws {
        let log = """
            Case,At,State,Priority,Assignee,Opened,Resolved,Closed,Contact
            B,2026-10-05T09:10:00Z,New,3 - Moderate,,?,?,?,Phone
            B,2026-10-05T09:00:00Z,Active,3 - Moderate,,?,?,?,Phone

            """
        let data = try load(log, profile: Self.profile())
        // No Opened value on any row: the earliest row (09:00, second in the file).
        #expect(data.cases.first?.createdAt == utc("2026-10-05T09:00:00Z"))
        // In time order: Active (09:00), then New (09:10).
        #expect(story(data) == ["09:00 status open", "09:00 first_response", "09:10 status new"])
    }

    @Test("A bad instant in an instants column rejects the row and names the column")
    func badInstant() throws {
        let log = """
            Case,At,State,Priority,Assignee,Opened,Resolved,Closed,Contact
            C,2026-10-05T09:10:00Z,New,3 - Moderate,,2026-10-05T09:00:00Z,soon,?,Phone
            C,2026-10-05T09:20:00Z,New,3 - Moderate,,2026-10-05T09:00:00Z,?,?,Phone

            """
        let data = try load(log, profile: Self.profile())
        #expect(data.rejections.map { "\($0.line) \($0.reason.rawValue) \($0.column)" } == ["2 bad-timestamp Resolved"])
        #expect(data.rejections.first?.detail.contains("\"soon\" is not a timestamp") == true)
        #expect(data.cases.first?.resolvedAt == nil)
    }

    @Test("Column changes: the first value counts, `?` is no change, `into` filters, escalations numbered")
    func columnChanges() throws {
        let extra = "escalation_requested = { column = \"Escalation\", into = [\"High\", \"Over*\"] }"
        let log = """
            Case,At,State,Priority,Assignee,Opened,Resolved,Closed,Contact,Escalation
            D,2026-10-05T09:00:00Z,New,3 - Moderate,Beth,?,?,?,Phone,High
            D,2026-10-05T09:10:00Z,New,3 - Moderate,?,?,?,?,Phone,?
            D,2026-10-05T09:20:00Z,New,3 - Moderate,Beth,?,?,?,Phone,Moderate
            D,2026-10-05T09:30:00Z,New,3 - Moderate,Fred,?,?,?,Phone,High
            D,2026-10-05T09:40:00Z,New,3 - Moderate,Beth,?,?,?,Phone,Overdue
            D,2026-10-05T09:50:00Z,New,3 - Moderate,Beth,?,?,?,Phone,Normal

            """
        let data = try load(log, profile: Self.profile(extra: extra))
        // Assigned: Beth (first value), Fred, Beth again; the `?` row and the repeated Beth are not changes.
        #expect(story(data) == ["09:00 status new", "09:00 assigned", "09:30 assigned", "09:40 assigned"])
        // Escalations: High (first value), High again after Moderate, Overdue; not Moderate or Normal.
        let requests = data.escalations.map { "\(data.escalationIDs.string($0.id)) \($0.source.line)" }
        #expect(requests == ["D#1 2", "D#2 5", "D#3 6"])
        #expect(data.escalations.allSatisfy { $0.closedAt == nil })
    }

    @Test("Unknown optional values: reject the row, blank the value, or read a default; always counted")
    func unknownValues() throws {
        let log = """
            Case,At,State,Priority,Assignee,Opened,Resolved,Closed,Contact
            E,2026-10-05T09:00:00Z,New,3 - Moderate,,?,?,?,Fax
            E,2026-10-05T09:10:00Z,Active,3 - Moderate,,?,?,?,Fax
            F,2026-10-05T09:00:00Z,New,2 - High,,?,?,?,Phone

            """
        func profile(_ setting: String) -> String {
            Self.profile().replacingOccurrences(of: "channel = \"blank\"", with: "channel = \(setting)")
        }
        // reject: both of E's rows go, and with them the case (it has no other row).
        let rejected = try load(log, profile: profile("\"reject\""))
        #expect(
            rejected.rejections.map { "\($0.line) \($0.reason.rawValue) \($0.column)" } == [
                "2 bad-value Contact", "3 bad-value Contact",
            ])
        #expect(rejected.rejections.first?.detail.contains("\"Fax\" is not a channel") == true)
        #expect(rejected.cases.count == 1 && !rejected.countsUnknownValues)
        // blank: E stays, without a channel; two values counted.
        let blanked = try load(log, profile: profile("\"blank\""))
        #expect(blanked.rejections.isEmpty && blanked.cases.count == 2)
        #expect(blanked.cases[0].channel == nil && blanked.cases[1].channel == .phone)
        #expect(blanked.unknownValueCounts == [2, 0])
        // default: E is read as by email; still counted.
        let defaulted = try load(log, profile: profile("{ default = \"email\" }"))
        #expect(defaulted.cases[0].channel == .email && defaulted.unknownValueCounts == [2, 0])
        // A value mapped to "" is no value, and no finding.
        let mapped = try load(
            log,
            profile: profile("\"reject\"") + "\n[event_log.values.channel]\n\"Fax\" = \"\"\n\"Phone\" = \"phone\"\n")
        #expect(mapped.rejections.isEmpty && mapped.cases[0].channel == nil)
    }

    @Test("The finding unknown-value is reported only when a profile blanks or defaults, also per organization")
    func unknownValueFinding() throws {
        let log = """
            Case,At,State,Priority,Assignee,Opened,Resolved,Closed,Contact
            E,2026-10-05T09:00:00Z,New,3 - Moderate,,?,?,?,Fax
            F,2026-10-05T09:00:00Z,New,2 - High,,?,?,?,Walk-in

            """
        let data = try load(log, profile: Self.profile())
        let config = try SLAConfig.parse(text: Self.profile())
        let period = ReportPeriod.month(year: 2026, month: 10, zone: config.zone)
        let context = MetricsContext(config: config, asOf: try #require(data.latestInstant))
        #expect(Analysis.run(data, context: context, period: period).dataQuality.findings["unknown-value"] == 2)
        let one = CaseSubset(cases: [1], escalations: [])
        #expect(
            Analysis.run(data, context: context, period: period, subset: one).dataQuality.findings["unknown-value"]
                == 1)
        let plain = try load(log.replacingOccurrences(of: ",Walk-in", with: ",Phone"), profile: Self.profile())
        #expect(plain.countsUnknownValues)
        let strict = try load(
            "Case,At,State,Priority,Assignee,Opened,Resolved,Closed,Contact\nF,2026-10-05T09:00:00Z,New,2 - High,,?,?,?,Phone\n",
            profile: Self.profile().replacingOccurrences(of: "channel = \"blank\"", with: "channel = \"reject\""))
        #expect(
            Analysis.run(strict, context: context, period: period).dataQuality.findings["unknown-value"] == nil)
    }

    @Test("A number with a label is read only through a value map")
    func numbersWithLabels() throws {
        let profile = """
            [event_log]
            case_id = "Case"
            timestamp = "At"
            activity = "State"
            [event_log.attributes]
            severity = "Severity"
            priority = "Urgency"
            """
        let log = """
            Case,At,State,Severity,Urgency
            A,2026-10-05T09:00:00Z,New,S1,Critical
            B,2026-10-05T09:00:00Z,New,Sev 2,P2
            C,2026-10-05T09:00:00Z,New,1 - Critical,1
            D,2026-10-05T09:00:00Z,New,3,3 - Low
            E,2026-10-05T09:00:00Z,New,critical,low

            """
        let data = try load(log, profile: profile)
        #expect(data.rejections.map { "\($0.line) \($0.column)" } == ["4 Severity", "5 Urgency"])
        try #require(data.rejections.count == 2)
        #expect(data.rejections.allSatisfy { $0.reason == .badValue })
        #expect(
            data.rejections[1].detail.contains(
                "\"3 - Low\" is a number with a label, which an event log reads only through a value map"))
        #expect(data.rejections[1].detail.contains("[event_log.values.priority]"))
        #expect(data.cases.map(\.severity) == [.s1, .s2, .s1])
        #expect(data.cases.map(\.priority) == [.critical, .high, .low])
        // With a map, the label decides as the map says.
        let mapped = try load(
            log,
            profile: profile
                + "\n[event_log.values.severity]\n\"1 - Critical\" = 1\n[event_log.values.priority]\n\"3 - Low\" = \"low\"\n"
        )
        #expect(mapped.rejections.isEmpty)
        #expect(mapped.cases.map(\.priority) == [.critical, .high, .critical, .low, .low])
    }

    @Test("Patterns in activities and statuses; an exact status key beats a pattern, the first pattern wins")
    func patterns() throws {
        let profile = """
            [event_log]
            case_id = "Case"
            timestamp = "At"
            activity = "State"
            [event_log.attributes]
            severity = "Severity"
            [event_log.activities]
            first_response = ["Accept*"]
            update = ["*note*"]
            [event_log.status]
            "Wait*" = "waiting_on_support"
            "Wait - User" = "waiting_on_customer"
            "W*" = "open"
            """
        let log = """
            Case,At,State,Severity
            A,2026-10-05T09:00:00Z,accepted by L1,2
            A,2026-10-05T09:10:00Z,Wait - User,2
            A,2026-10-05T09:20:00Z,Wait - Vendor,2
            A,2026-10-05T09:30:00Z,Work note added,2
            A,2026-10-05T09:40:00Z,Accept,2

            """
        let data = try load(log, profile: profile)
        #expect(
            data.events.map { "\($0.type)\($0.status.map { " \($0)" } ?? "")" } == [
                "first_response", "status waiting_on_customer", "status waiting_on_support", "status open",
                "update", "first_response",
            ])
    }
}
