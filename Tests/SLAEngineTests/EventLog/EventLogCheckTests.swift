import CSVStream
import Foundation
import SLATestSupport
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel

/// The profile checks: what the log has that the profile does not map, and what the profile
/// names that the log never has.
@Suite("Event-log profile checks")
struct EventLogCheckTests {
    let folder = TempFolder()

    static let profile = """
        [event_log]
        case_id = "Case"
        timestamp = "At"
        activity = "State"
        [event_log.attributes]
        severity = "Severity"
        channel = "Contact"
        org = "Company"
        [event_log.values.severity]
        "Major" = 1
        "Minor" = 4
        "Blocker" = 1
        [event_log.values.org]
        "ACME" = "acme-uk"
        [event_log.unknown_values]
        channel = "blank"
        [event_log.activities]
        first_response = ["In Progres", "Accept*"]
        ignore = ["Note*"]
        [event_log.status]
        "Closed" = "closed"
        "Wait*" = "waiting_on_customer"
        [event_log.changes]
        escalation_requested = { column = "Escalation", into = ["High", "Urgent*"] }
        [event_log.handover]
        column = "Team"
        escalate_into = ["* 2nd"]
        """

    static let log = """
        Case,At,State,Severity,Contact,Company,Escalation,Team
        A,2026-10-05T09:00:00Z,New,Major,Phone,ACME,Normal,L1
        A,2026-10-05T09:10:00Z,Accepted,Major,Walk-in,ACME,High,L1
        A,2026-10-05T09:20:00Z,Reassign,Major,Walk-in,Globex,High,L2 2nd
        A,2026-10-05T09:30:00Z,reassign,Critical,Phone,ACME,High,L1
        A,2026-10-05T09:40:00Z,Note added,Minor,Phone,ACME,High,L1
        B,2026-10-05T09:00:00Z,New,Minor,Fax,,Normal,L1
        B,2026-10-05T09:10:00Z,Closed,Minor,Fax,,Normal,L1

        """

    func check(_ log: String = Self.log, profile: String = Self.profile) throws -> EventLogCheck {
        let config = try SLAConfig.parse(text: profile, fileName: "p.toml")
        let data = try EventLogLoader(config: config).load(folder.write("log.csv", log))
        return try #require(data.eventLogCheck)
    }

    @Test("Activities seen but not mapped: every spelling of one activity counted together, most rows first")
    func unmappedActivities() throws {
        let c = try check()
        // New (2 rows) and Reassign (2 rows, two spellings); Accepted matches "Accept*", Note added
        // is ignored, Closed and the patterns map the rest.
        #expect(c.unmappedActivities == [.init(text: "New", rows: 2), .init(text: "Reassign", rows: 2)])
    }

    @Test("Values seen but not mapped: unlisted by a value map, or not ours; with rows and what was done")
    func unmappedValues() throws {
        let c = try check()
        let found = c.unmappedValues.map { "\($0.attribute.rawValue) \($0.text) \($0.rows): \($0.outcome)" }
        #expect(
            found == [
                // Critical is not in the severity map but is read by its spelling.
                "severity Critical 1: read as severity 1 by its spelling",
                "channel Fax 2: not a channel (phone/portal/email/chat/web): blanked [unknown-value]",
                "channel Walk-in 2: not a channel (phone/portal/email/chat/web): blanked [unknown-value]",
                // Phone has no channel map: read by its spelling, not listed. Globex is not in the org map.
                "org Globex 1: kept as written",
            ], "\(found)")
    }

    @Test("Names of the profile never seen in the log, with file, line and key")
    func unseenNames() throws {
        let c = try check()
        let found = c.unseenNames.map { "\($0.line ?? 0) \($0.key) \($0.text)" }
        #expect(
            found == [
                "12 event_log.values.severity.Blocker Blocker",
                "18 event_log.activities.first_response In Progres",
                "22 event_log.status.\"Wait*\" Wait*",
                "24 event_log.changes.escalation_requested.into Urgent*",
            ], "\(found)")
        let lines = c.lines
        #expect(
            lines.contains(
                "  p.toml:18: event_log.activities.first_response: \"In Progres\" matches no activity of the log"))
        #expect(
            lines.contains(
                "  p.toml:12: event_log.values.severity.Blocker: \"Blocker\" never occurs in the severity column"))
        #expect(lines.contains("  activity seen but not mapped: \"Reassign\" (2 rows)"))
        #expect(
            lines.last
                == "profile: 2 activities and 4 values not mapped, 4 names of the profile never seen (--strict fails on these)"
        )
        #expect(!c.isClean)
    }

    @Test("A profile that fits its log is clean")
    func clean() throws {
        let log = """
            Case,At,State,Severity,Contact,Company,Escalation,Team
            A,2026-10-05T09:00:00Z,In Progres,Major,Phone,ACME,Urgent!,L1
            A,2026-10-05T09:10:00Z,Accepted,Blocker,Phone,ACME,High,L2 2nd
            A,2026-10-05T09:20:00Z,Waiting,Minor,Phone,ACME,High,L1
            A,2026-10-05T09:25:00Z,Note to self,Minor,Phone,ACME,High,L1
            A,2026-10-05T09:30:00Z,Closed,Minor,Phone,ACME,High,L1

            """
        let c = try check(log)
        #expect(c.isClean, "\(c.lines)")
        #expect(
            c.lines == [
                "profile: every activity and value seen is mapped, every name of the profile occurs in the log"
            ])
        // A hand-over pattern that matches no team is a name never seen.
        let noTeam = try check(log.replacingOccurrences(of: "L2 2nd", with: "L2"))
        #expect(noTeam.unseenNames.map(\.key) == ["event_log.handover.escalate_into"])
    }
}
