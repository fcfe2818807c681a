import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLARules
@testable import SLATime

/// The `[event_log]` profile and `input.missing_tokens`: what they read, and their errors.
@Suite("Event-log profile")
struct EventLogProfileTests {
    static let minimal = """
        [event_log]
        case_id = "Case ID"
        timestamp = "When"
        activity = ["Status", "Sub status"]
        [event_log.attributes]
        severity = "Impact"
        """

    @Test("A full profile reads into its parts")
    func readsAProfile() throws {
        let config = try SLAConfig.parse(
            text: Self.minimal + """

                org = "Customer"
                [event_log.values.severity]
                "Major" = 1
                "Low" = "low"
                [event_log.activities]
                created = "Insert ticket"
                first_response = ["Accepted/In Progress", "Completed/In Call"]
                escalation_requested = ["Require upgrade"]
                [event_log.status]
                "Accepted/Wait - User" = "waiting_on_customer"
                [event_log.handover]
                column = "Team"
                escalate_into = ["* 2nd"]
                [input]
                missing_tokens = ["?", " NULL "]
                """)
        let p = try #require(config.eventLog)
        #expect(p.caseID == "Case ID" && p.timestamp == "When" && p.activity == ["Status", "Sub status"])
        #expect(p.attributes == [.severity: "Impact", .org: "Customer"])
        #expect(p.values[.severity] == ["Major": "1", "Low": "low"])
        #expect(p.activities[.created] == ["Insert ticket"])
        #expect(p.activities[.firstResponse] == ["Accepted/In Progress", "Completed/In Call"])
        #expect(p.status["accepted/wait - user"] == .waitingOnCustomer)
        #expect(p.handover?.escalates(into: "G230 2nd") == true)
        #expect(p.handover?.escalates(into: "G230 3rd") == false)
        #expect(config.input.missingTokens == ["?", "NULL"])
    }

    @Test(
        "The keys of audit logs, instants, changes and unknown values read into the profile, with the lines of its names"
    )
    func readsTheNewKeys() throws {
        let config = try SLAConfig.parse(
            text: Self.minimal + """

                priority = "Urgency"
                channel = "Contact"
                [event_log.values.priority]
                "1 - High" = "critical"
                [event_log.instants]
                created = "opened_at"
                closed = "closed_at"
                [event_log.changes]
                assigned = "assigned_to"
                escalation_requested = { column = "escalation", into = ["High", "Over*"] }
                [event_log.unknown_values]
                channel = "blank"
                priority = { default = "low" }
                [event_log.activities]
                ignore = ["Note*"]
                first_response = "Active"
                [event_log.status]
                "Awaiting User*" = "waiting_on_customer"
                "Awaiting*" = "waiting_on_support"
                """, fileName: "p.toml")
        let p = try #require(config.eventLog)
        #expect(p.rows == .snapshot && p.file == "p.toml")
        #expect(p.instants == [.created: "opened_at", .closed: "closed_at"])
        #expect(p.changes[.assigned] == EventLogProfile.Change(column: "assigned_to"))
        #expect(
            p.changes[.escalationRequested] == EventLogProfile.Change(column: "escalation", into: ["High", "Over*"]))
        #expect(p.unknownValues == [.channel: .blank, .priority: .value("low")])
        #expect(p.activities[.ignore] == ["Note*"])
        #expect(p.statusOrder == ["awaiting user*", "awaiting*"])
        #expect(p.status(ofNormalized: "awaiting user info") == .waitingOnCustomer)
        #expect(p.status(ofNormalized: "awaiting vendor") == .waitingOnSupport)
        #expect(p.meanings(ofNormalized: "note added") == [.ignore])
        #expect(p.changes[.escalationRequested]?.counts("overdue") == true)
        #expect(p.changes[.escalationRequested]?.counts("Moderate") == false)
        // Every name the checks look for, with its key and line.
        let names = p.names.map { "\($0.line ?? 0) \($0.key) \($0.text)" }
        #expect(
            Set(names) == [
                "10 event_log.values.priority.\"1 - High\" 1 - High",
                "16 event_log.changes.escalation_requested.into High",
                "16 event_log.changes.escalation_requested.into Over*",
                "21 event_log.activities.ignore Note*", "22 event_log.activities.first_response Active",
                "24 event_log.status.\"Awaiting User*\" Awaiting User*", "25 event_log.status.\"Awaiting*\" Awaiting*",
            ], "\(names)")
        // unknown_values as one string applies to every optional attribute.
        let blank = try SLAConfig.parse(
            text: "[event_log]\ncase_id = \"a\"\ntimestamp = \"b\"\nactivity = \"c\"\nrows = \"audit\"\n"
                + "unknown_values = \"blank\"\n[event_log.attributes]\nseverity = \"s\"\n")
        #expect(blank.eventLog?.rows == .audit)
        #expect(
            blank.eventLog?.unknownValues == [
                .priority: .blank, .channel: .blank, .deployment: .blank, .platformIncident: .blank,
            ])
    }

    @Test("Without [event_log] there is no profile")
    func noProfile() throws {
        #expect(try SLAConfig.parse(text: "timezone = \"UTC\"\n").eventLog == nil)
    }

    @Test("Hand-over patterns: * matches any text, case-insensitively")
    func patterns() {
        let h = EventLogProfile.Handover(column: "t", escalateInto: ["* 2nd", "L3*"])
        #expect(h.escalates(into: "V5 2ND"))
        #expect(h.escalates(into: "l3 network"))
        #expect(!h.escalates(into: "2nd"))
        #expect(!h.escalates(into: "V5 2nd line"))
    }

    /// One bad profile: the line, key and words its error must have.
    struct Bad: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var line: Int
        var key: String
        var says: String
        var testDescription: String { name }
    }

    static let bad: [Bad] = [
        Bad(
            name: "misspelled key", text: "[event_log]\ncase_id = \"a\"\ntimestamp = \"b\"\n\nactivty = \"c\"\n",
            line: 5, key: "event_log.activty",
            says:
                "unknown key (allowed in [event_log]: case_id, timestamp, activity, attributes, values, activities, status, handover, rows, unknown_values, instants, changes)"
        ),
        Bad(
            name: "unknown meaning",
            text: minimal + "\n[event_log.activities]\nclosed = \"Closed\"\nopened = \"Open\"\n",
            line: 9, key: "event_log.activities.opened",
            says: "allowed in [event_log.activities]: created, first_response"),
        Bad(
            name: "unknown attribute", text: minimal + "\nsevrity = \"X\"\n", line: 7,
            key: "event_log.attributes.sevrity", says: "not a case attribute"),
        Bad(
            name: "missing activity", text: "[event_log]\ncase_id = \"a\"\ntimestamp = \"b\"\n", line: 1,
            key: "event_log.activity", says: "missing: an event log needs its activity column"),
        Bad(
            name: "no severity column", text: "[event_log]\ncase_id = \"a\"\ntimestamp = \"b\"\nactivity = \"c\"\n",
            line: 1, key: "event_log.attributes", says: "no severity column"),
        Bad(
            name: "a severity that is not ours", text: minimal + "\n[event_log.values.severity]\n\"Value 1\" = 7\n",
            line: 8, key: "event_log.values.severity.\"Value 1\"", says: "\"7\" is not a severity"),
        Bad(
            name: "values of an unmapped attribute", text: minimal + "\n[event_log.values.priority]\n\"P1\" = 1\n",
            line: 7, key: "event_log.values.priority", says: "values for priority, which has no column"),
        Bad(
            name: "a status that is not ours", text: minimal + "\n[event_log.status]\n\"Wait\" = \"paused\"\n",
            line: 8, key: "event_log.status.Wait", says: "\"paused\" is not a status"),
        Bad(
            name: "an empty activity list", text: minimal + "\n[event_log.activities]\nclosed = []\n",
            line: 8, key: "event_log.activities.closed", says: "an empty list"),
        Bad(
            name: "handover without patterns", text: minimal + "\n[event_log.handover]\ncolumn = \"Team\"\n",
            line: 7, key: "event_log.handover", says: "needs both column and escalate_into"),
        Bad(
            name: "a pattern in a value map", text: minimal + "\n[event_log.values.severity]\n\"P1*\" = 1\n",
            line: 8, key: "event_log.values.severity.\"P1*\"",
            says: "a * pattern in a value map, which is matched value by value (write each of the export's values"),
        Bad(
            name: "a number with a label as our value",
            text: minimal + "\n[event_log.values.severity]\n\"P1\" = \"1 - Critical\"\n",
            line: 8, key: "event_log.values.severity.P1", says: "\"1 - Critical\" is a number with a label"),
        Bad(
            name: "severity_changed in an audit log",
            text: "[event_log]\ncase_id = \"a\"\ntimestamp = \"b\"\nactivity = \"c\"\nrows = \"audit\"\n"
                + "[event_log.attributes]\nseverity = \"s\"\n[event_log.activities]\nseverity_changed = \"Sev\"\n",
            line: 9, key: "event_log.activities.severity_changed", says: "not allowed with rows = \"audit\""),
        Bad(
            name: "rows neither snapshot nor audit",
            text: "[event_log]\nrows = \"history\"\ncase_id = \"a\"\ntimestamp = \"b\"\nactivity = \"c\"\n",
            line: 2, key: "event_log.rows", says: "\"history\" is not a kind of export (write \"snapshot\""),
        Bad(
            name: "an unknown instant", text: minimal + "\n[event_log.instants]\nopened = \"opened_at\"\n",
            line: 8, key: "event_log.instants.opened",
            says: "unknown key (allowed in [event_log.instants]: created, resolved, closed)"),
        Bad(
            name: "a change with a value", text: minimal + "\n[event_log.changes]\nseverity_changed = \"s\"\n",
            line: 8, key: "event_log.changes.severity_changed",
            says: "allowed in [event_log.changes]: assigned, first_response"),
        Bad(
            name: "a change without a column", text: minimal + "\n[event_log.changes]\nassigned = { into = [\"x\"] }\n",
            line: 8, key: "event_log.changes.assigned", says: "no column"),
        Bad(
            name: "unknown severities cannot be blanked",
            text: minimal + "\n[event_log.unknown_values]\nseverity = \"blank\"\n",
            line: 8, key: "event_log.unknown_values.severity", says: "a severity is required"),
        Bad(
            name: "an unknown way with unknown values",
            text: minimal + "\n[event_log.unknown_values]\nchannel = \"drop\"\n",
            line: 8, key: "event_log.unknown_values.channel", says: "\"drop\" is not a way to handle unknown values"),
        Bad(
            name: "a default that is not ours",
            text: minimal + "\npriority = \"U\"\n[event_log.unknown_values]\npriority = { default = \"urgent\" }\n",
            line: 9, key: "event_log.unknown_values.priority.default", says: "\"urgent\" is not a priority"),
        Bad(
            name: "an empty org name in a map", text: minimal + "\norg = \"O\"\n[event_log.values.org]\n\"x\" = \"\"\n",
            line: 9, key: "event_log.values.org.x", says: "an empty name"),
        Bad(
            name: "a number as a missing token", text: "[input]\nmissing_tokens = [\"?\", 0]\n", line: 2,
            key: "input.missing_tokens", says: "expected a string, found an integer"),
    ]

    @Test(arguments: bad)
    func errorsNameLineAndKey(_ bad: Bad) throws {
        do {
            _ = try SLAConfig.parse(text: bad.text, fileName: "profile.toml")
            Issue.record("\(bad.name) parsed")
        } catch {
            #expect(error.line == bad.line, "\(error)")
            #expect(error.key == bad.key, "\(error)")
            #expect(error.description.hasPrefix("profile.toml:\(bad.line): \(bad.key): "), "\(error)")
            #expect(error.description.contains(bad.says), "\(error)")
            #expect(error.description.hasSuffix(")"), "every message says how to fix it: \(error)")
        }
    }
}
