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
                "unknown key (allowed in [event_log]: case_id, timestamp, activity, attributes, values, activities, status, handover)"
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
