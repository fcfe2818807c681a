import CSVStream
import Foundation
import SLATestSupport
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLARules
@testable import SLATime

/// `EventLogLoader`: one event-log CSV through a profile into a complete dataset.
@Suite("Event-log loader")
struct EventLogLoaderTests {
    let folder = TempFolder()

    static let profile = """
        timezone = "Europe/Rome"
        [input]
        timestamp_formats = ["%Y/%m/%d %H:%M:%S"]
        missing_tokens = ["?", "NULL"]
        [event_log]
        case_id = "Case"
        timestamp = "At"
        activity = ["Status", "Sub"]
        [event_log.attributes]
        severity = "Impact"
        org = "Org"
        [event_log.values.severity]
        "Major" = 1
        "Minor" = 4
        [event_log.activities]
        created = "Insert/"
        first_response = "Accepted/In Progress"
        severity_changed = "Assess/"
        escalation_requested = "Upgrade/"
        [event_log.status]
        "Accepted/In Progress" = "open"
        "Accepted/Wait - User" = "waiting_on_customer"
        "Completed/Closed" = "closed"
        [event_log.handover]
        column = "Team"
        escalate_into = ["* 2nd"]
        """

    /// An RFC 3339 instant.
    func utc(_ text: String) -> Instant? { (try? TimestampParser())?.parse(text) }

    func load(_ log: String, profile: String = Self.profile) throws -> Dataset {
        let config = try SLAConfig.parse(text: profile)
        return try EventLogLoader(config: config, chunkSize: 7).load(folder.write("log.csv", log))
    }

    @Test("Cases, events and escalations from one log")
    func buildsTheDataset() throws {
        let data = try load(
            """
            Case,At,Status,Sub,Impact,Org,Team
            A,2012/10/9 14:00:00,Accepted,In Progress,Minor,o1,G1
            B,2012/10/9 09:00:00,Insert,,NULL,o2,G1
            A,2012/10/9 13:00:00,Queued,Awaiting,Minor,?,G1
            B,2012/10/9 09:05:00,Assess,,Major,o2,G1
            A,2012/10/9 15:00:00,Accepted,In Progress,Minor,o1,V5 2nd
            A,2012/10/9 16:00:00,accepted,wait - user,Minor,o1,G1
            B,2012/10/9 10:00:00,Upgrade,,Minor,o3,G1
            A,2012/10/9 17:00:00,Completed,Closed,Minor,o1,G7 2nd

            """)
        #expect(data.rejections.isEmpty)
        #expect(
            data.files == [
                FileStats(
                    kind: .events, path: folder.url.path + "/log.csv", rowsRead: 8, rowsRejected: 0,
                    bytes: data.files[0].bytes)
            ])
        #expect(data.cases.count == 2)
        let a = data.cases[0]
        let b = data.cases[1]
        #expect(data.caseID(a) == "A" && data.caseID(b) == "B")
        // A: no created activity, so its earliest event (13:00 Rome = 11:00Z); rows out of order.
        #expect(a.createdAt == utc("2012-10-09T11:00:00Z"))
        #expect(a.source.line == 4)
        // B: the created activity; the latest severity (Minor, 10:00) wins for the row.
        #expect(b.createdAt == utc("2012-10-09T07:00:00Z"))
        #expect(b.severity == .s4)
        #expect(data.orgs.string(b.org) == "o3")
        #expect(data.orgs.string(a.org) == "o1")
        // Events grouped by case, each in time order.
        #expect(data.eventStart == [0, 6, 7])
        #expect(data.events[0..<6].map(\.type) == [.status, .firstResponse, .status, .firstResponse, .status, .status])
        #expect(data.events[4].status == .waitingOnCustomer && data.events[5].status == .closed)
        #expect(data.events[6].severity == .s1)
        #expect(data.events[0..<6].allSatisfy { $0.caseIndex == 0 } && data.events[6].caseIndex == 1)
        // Escalations: B's activity, A's two hand-overs into 2nd-line teams (the first closed by the next hand-over).
        let ids = data.escalations.map { data.escalationIDs.string($0.id) }
        #expect(Set(ids) == ["A#1", "A#2", "B#1"])
        let a1 = try #require(data.escalations.first { data.escalationIDs.string($0.id) == "A#1" })
        #expect(a1.requestedAt == utc("2012-10-09T13:00:00Z"))
        #expect(a1.closedAt == utc("2012-10-09T14:00:00Z"))
        #expect(data.latestInstant == utc("2012-10-09T15:00:00Z"))
    }

    @Test("Every rejected row has a reason that is true of it")
    func rejections() throws {
        let data = try load(
            """
            Case,At,Status,Sub,Impact,Org,Team
            A,2012/10/9 14:00:00,Accepted,In Progress,Minor,o1,G1
            A,2012/13/9 14:00:00,Accepted,In Progress,Minor,o1,G1
            ,2012/10/9 14:00:00,Accepted,In Progress,Minor,o1,G1
            A,2012/10/9 15:00:00,Accepted,In Progress,Huge,o1,G1
            A,2012/10/9 15:00:00,Accepted
            A,NULL,Accepted,In Progress,Minor,o1,G1
            A,2012/10/9 16:00:00,?,,Minor,o1,G1
            A,2012/10/9 16:00:00,Assess,,,o1,G1
            C,2012/10/9 16:00:00,Accepted,In Progress,,o1,G1
            C,2012/10/9 17:00:00,Completed,Closed,?,o1,G1

            """)
        let found = data.rejections.map { "\($0.line) \($0.reason.rawValue) \($0.column)" }
        #expect(
            found == [
                "3 bad-timestamp At", "4 missing-required Case", "5 bad-value Impact", "6 wrong-field-count ",
                "7 missing-required At", "8 missing-required Status", "9 missing-required Impact",
                "10 missing-required Impact", "11 missing-required Impact",
            ])
        #expect(data.rejections[2].detail.contains("\"Huge\" is not a severity"))
        #expect(data.rejections[6].detail.contains("a severity change (Assess/) needs the new severity"))
        #expect(data.rejections[7].detail.contains("no row of case \"C\" has a severity"))
        #expect(data.rejections[7].fields.first == "C")
        #expect(data.files[0].rowsRead == 10 && data.files[0].rowsRejected == 9)
        #expect(data.cases.count == 1)
    }

    @Test("A missing column names the profile key")
    func missingColumn() throws {
        #expect(throws: InputError.self) {
            try load("Case,At,Status,Impact,Org,Team\nA,2012/10/9 14:00:00,x,Minor,o,G\n")
        }
        do {
            _ = try load("Case,At,Status,Impact,Org,Team\nA,2012/10/9 14:00:00,x,Minor,o,G\n")
        } catch {
            #expect("\(error)".contains("missing column \"Sub\" (named by event_log.activity)"), "\(error)")
        }
    }

    @Test("Missing tokens apply to the plain files too")
    func missingTokensInPlainFiles() throws {
        var config = SLAConfig.defaults
        config.input.missingTokens = ["NULL", "n/a"]
        let inputs = InputFiles(
            cases: [
                folder.write(
                    "cases.csv",
                    "case_id,org_id,created_at,severity,priority\nC1,o1,2026-10-01T09:00:00Z,2,null\nC2,o1,2026-10-01T09:00:00Z,N/A,low\n"
                )
            ])
        let data = try Loader(config: config).load(inputs)
        #expect(data.cases.count == 1)
        #expect(data.cases[0].priority == nil)
        #expect(data.rejections.map(\.reason) == [.missingRequired])
        #expect(data.rejections.first?.column == "severity")
    }
}
