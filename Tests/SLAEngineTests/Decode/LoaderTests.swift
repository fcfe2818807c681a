import CSVStream
import Foundation
import SLATestSupport
import TestSupport
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLARules
@testable import SLATime

@Suite("Loader")
struct LoaderTests {
    let folder = TempFolder()

    func load(cases: String, events: String? = nil, escalations: String? = nil, config: SLAConfig = .defaults)
        throws -> Dataset
    {
        let inputs = InputFiles(
            cases: [folder.write("cases.csv", cases)],
            events: events.map { [folder.write("case_events.csv", $0)] } ?? [],
            escalations: escalations.map { [folder.write("escalations.csv", $0)] } ?? [])
        return try Loader(config: config, chunkSize: 7).load(inputs)
    }

    @Test("Cases decode with every spelling; headers match loosely")
    func decodesCases() throws {
        let data = try load(
            cases: """
                \u{FEFF} Case_ID ,ORG_ID,created_at,Severity,priority,channel,deployment,platform_incident,first_response_at,extra
                C1,o1,2026-10-05T09:00:00Z,Sev 2,P1,Phone,FedRAMP,yes,2026-10-05 11:30:00+02:00,x
                C2,o2,2026-10-05 10:00:00,1 - Critical Impact,,,,,,y

                """)
        #expect(data.cases.count == 2)
        #expect(data.rejections.isEmpty)
        let c1 = data.cases[0]
        #expect(data.caseID(c1) == "C1")
        #expect(c1.severity == .s2)
        #expect(c1.priority == .critical)
        #expect(c1.channel == .phone)
        #expect(c1.deployment == .fedramp)
        #expect(c1.platformIncident)
        // 11:30+02:00 is 09:30Z: half an hour after creation.
        #expect(c1.firstResponseAt?.millis == c1.createdAt.millis + 1_800_000)
        #expect(data.cases[1].severity == .s1)
        #expect(data.cases[1].deployment == .commercial)
        #expect(data.cases[1].source.line == 3)
        #expect(data.files.first?.rowsRead == 2)
        #expect(data.latestInstant == Instant(seconds: 1_791_194_400))  // 2026-10-05T10:00:00Z (date -u)
    }

    @Test("Bad rows are rejected whole with reason, column and line; the first id wins")
    func rejections() throws {
        let data = try load(
            cases: """
                case_id,org_id,created_at,severity,description
                C1,o1,2026-10-05T09:00:00Z,2,"first
                line two"
                C2,,2026-10-05T09:00:00Z,2,missing org
                C3,o1,2026-13-45T09:00:00Z,2,bad date
                C4,o1,2026-10-05T09:00:00Z,5,bad severity
                C5,o1,2026-10-05T09:00:00Z,2
                C1,o9,2026-10-06T09:00:00Z,3,duplicate
                C6,o1,2026-10-05T09:00:00Z,2,fine
                """)
        #expect(data.cases.map { data.caseID($0) } == ["C1", "C6"])
        let got = data.rejections.map { "\($0.line) \($0.reason.rawValue) \($0.column) \($0.value)" }
        #expect(
            got == [
                "4 missing-required org_id ", "5 bad-timestamp created_at 2026-13-45T09:00:00Z",
                "6 bad-value severity 5", "7 wrong-field-count  ", "8 duplicate-id case_id C1",
            ])
        #expect(data.rejections[1].fields == ["C3", "o1", "2026-13-45T09:00:00Z", "2", "bad date"])
        #expect(
            data.rejections[1].description.hasSuffix(
                "cases.csv:5: column created_at: \"2026-13-45T09:00:00Z\" is not a timestamp (expected ISO 8601 "
                    + "such as 2026-10-03T14:05:00Z, or one of input.timestamp_formats) [bad-timestamp]"))
        #expect(data.files[0].rowsRead == 7)
        #expect(data.files[0].rowsRejected == 5)
    }

    @Test("Events and escalations join to cases read first; unknown cases are counted")
    func joins() throws {
        let data = try load(
            cases: "case_id,org_id,created_at,severity\nC1,o,2026-10-01T00:00:00Z,1\n",
            events: """
                case_id,at,type,value,actor
                C1,2026-10-01T01:00:00Z,status,Waiting on customer,support
                C9,2026-10-01T01:00:00Z,update,,customer
                C1,2026-10-01T02:00:00Z,severity,S3,
                C1,2026-10-01T03:00:00Z,status,,
                """,
            escalations: """
                escalation_id,case_id,requested_at,reason,decision
                E1,C1,2026-10-02T00:00:00Z,rca_request,approved
                E2,C7,2026-10-02T00:00:00Z,,
                E2,C1,2026-10-03T00:00:00Z,,
                """)
        #expect(data.events.count == 2)
        #expect(data.events[0].status == .waitingOnCustomer)
        #expect(data.events[0].actor == .support)
        #expect(data.events[1].severity == .s3)
        #expect(data.rejections.map(\.reason) == [.missingRequired, .duplicateID])
        #expect(data.rejections.map(\.line) == [5, 4])
        #expect(data.escalations.count == 1)
        #expect(data.escalations[0].reason == .rcaRequest)
        // Escalation rows are numbered after the 4 event rows, as if read after them.
        #expect(data.escalations[0].sequence == 4)
        #expect(data.unknownCaseCount == 2)
        #expect(
            data.unknownCaseRows.map { "\($0.kind) \($0.line) \($0.caseID)" } == ["events 3 C9", "escalations 3 C7"])
        // 2026-10-02T00:00:00Z (date -u); the rejected 10-03 row does not count.
        #expect(data.latestInstant == Instant(seconds: 1_790_899_200))
    }

    @Test("Unknown cases across several events files name the right file and line")
    func unknownCasesAcrossFiles() throws {
        let inputs = InputFiles(
            cases: [folder.write("cases.csv", "case_id,org_id,created_at,severity\nC1,o,2026-10-01T00:00:00Z,1\n")],
            events: [
                folder.write(
                    "events-1.csv", "case_id,at,type\nC1,2026-10-01T01:00:00Z,update\nC8,2026-10-01T02:00:00Z,update\n"),
                folder.write("events-2.csv", "case_id,at,type\n"),
                folder.write(
                    "events-3.csv",
                    "case_id,at,type\nC1,2026-10-02T01:00:00Z,update\nC9,2026-10-02T02:00:00Z,update\nC8,2026-10-02T03:00:00Z,update\n"
                ),
            ],
            escalations: [
                folder.write("esc-1.csv", "escalation_id,case_id,requested_at\nE1,C7,2026-10-03T00:00:00Z\n"),
                folder.write(
                    "esc-2.csv",
                    "escalation_id,case_id,requested_at\nE2,C1,2026-10-03T00:00:00Z\nE3,C6,2026-10-04T00:00:00Z\n"),
            ])
        let data = try Loader(config: .defaults, chunkSize: 5).load(inputs)
        #expect(
            data.unknownCaseRows.map {
                "\($0.kind) \(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line) \($0.caseID)"
            }
                == [
                    "events events-1.csv:3 C8", "events events-3.csv:3 C9", "events events-3.csv:4 C8",
                    "escalations esc-1.csv:2 C7", "escalations esc-2.csv:3 C6",
                ])
        #expect(data.unknownCaseCount == 5)
        // Files in reading order, and each escalation points at its own file.
        #expect(
            data.files.map { URL(fileURLWithPath: $0.path).lastPathComponent } == [
                "cases.csv", "events-1.csv", "events-2.csv", "events-3.csv", "esc-1.csv", "esc-2.csv",
            ])
        #expect(data.escalations.map { data.files[Int($0.source.file)].path.hasSuffix("esc-2.csv") } == [true])
        // After the 5 event rows of the three events files and esc-1.csv's row.
        #expect(data.escalations.map(\.sequence) == [6])
        #expect(data.events.count == 2)
        #expect(data.latestInstant == Instant(seconds: 1_791_072_000))  // 2026-10-04T00:00:00Z, an unknown case's row
    }

    @Test("Several files of a kind read as their concatenation, the arrays sized for all at the first")
    func severalFiles() throws {
        // Each file spans many chunks, so that the arrays are sized from the first chunk's rows
        // (for every file of the kind at once); rows and case ids read as from one file.
        let caseRows = (0..<300).map { "C\($0),o\($0 % 7),2026-10-0\(1 + $0 % 9)T08:00:00Z,\(1 + $0 % 4)\n" }
        let eventRows = (0..<600).map { "C\(($0 * 7) % 300),2026-10-11T0\($0 % 10):00:00Z,update\n" }
        let caseHeader = "case_id,org_id,created_at,severity\n"
        let eventHeader = "case_id,at,type\n"
        let split = InputFiles(
            cases: [
                folder.write("cases1.csv", caseHeader + caseRows[..<120].joined()),
                folder.write("cases2.csv", caseHeader + caseRows[120...].joined()),
            ],
            events: [
                folder.write("events1.csv", eventHeader + eventRows[..<250].joined()),
                folder.write("events2.csv", eventHeader + eventRows[250...].joined()),
            ])
        let whole = InputFiles(
            cases: [folder.write("cases.csv", caseHeader + caseRows.joined())],
            events: [folder.write("events.csv", eventHeader + eventRows.joined())])
        let a = try Loader(config: .defaults, chunkSize: 64).load(split)
        let b = try Loader(config: .defaults, chunkSize: 64).load(whole)
        #expect(a.cases.count == 300 && a.events.count == 600)
        #expect(a.files.map(\.rowsRead) == [120, 180, 250, 350])
        let fields = { (c: CaseRecord) in [c.id, c.org, Int32(c.severity.rawValue)] }
        #expect(a.cases.map(fields) == b.cases.map(fields))
        #expect(a.cases.map(\.createdAt) == b.cases.map(\.createdAt))
        #expect((0..<300).map { a.caseIDs.string(Int32($0)) } == (0..<300).map { "C\($0)" })
        #expect(a.eventStart == b.eventStart)
        #expect(a.events.map(\.caseIndex) == b.events.map(\.caseIndex))
        #expect(a.events.map(\.at) == b.events.map(\.at))
        #expect(a.rejections.isEmpty && b.rejections.isEmpty)
    }

    @Test("Errors in several files: the one sequential reading meets first is reported")
    func errorOrder() {
        // The three kinds are read side by side, whichever core is free: the error reported is
        // still the one met first when the files are read one after the other.
        let goodCases = "case_id,org_id,created_at,severity\nC1,o,2026-10-01T00:00:00Z,1\n"
        let badCases = "case_id,org_id,created_at\nC1,o,2026-10-01T00:00:00Z\n"
        let badEvents = "case_id,at\nC1,2026-10-01T01:00:00Z\n"
        let badEscalations = "escalation_id,case_id\nE1,C1\n"
        func failure(cases: String = goodCases, events: String, escalations: String) -> String? {
            do {
                _ = try load(cases: cases, events: events, escalations: escalations)
                return nil
            } catch {
                return (error as? InputError)?.description
            }
        }
        let goodEvents = "case_id,at,type\nC1,2026-10-01T01:00:00Z,update\n"
        let goodEscalations = "escalation_id,case_id,requested_at\nE1,C1,2026-10-02T00:00:00Z\n"
        #expect(
            failure(events: badEvents, escalations: badEscalations)?.contains("missing required column type") == true)
        #expect(
            failure(events: goodEvents, escalations: badEscalations)?.contains("missing required column requested_at")
                == true)
        #expect(failure(events: goodEvents, escalations: goodEscalations) == nil)
        #expect(
            failure(cases: badCases, events: badEvents, escalations: badEscalations)?.contains(
                "missing required column severity") == true)
        #expect(
            failure(cases: badCases, events: goodEvents, escalations: goodEscalations)?.contains(
                "missing required column severity") == true)
        #expect(
            failure(events: badEvents, escalations: goodEscalations)?.contains("missing required column type") == true)
    }

    @Test("Column and value maps from the config")
    func mappings() throws {
        var config = SLAConfig.defaults
        config.input.cases = SLAConfig.FileMapping(
            columns: ["case_id": "Incident ID", "created_at": "Opened"], values: ["severity": ["P1": "1", "P2": "2"]])
        let data = try load(
            cases:
                "Incident ID,org_id,Opened,severity\nINC1,o,2026-10-01T00:00:00Z,p1\nINC2,o,2026-10-01T00:00:00Z,P2\n",
            config: config)
        #expect(data.cases.map(\.severity) == [.s1, .s2])
    }

    @Test("A missing required column stops the load, naming it and the headers found")
    func missingColumn() {
        #expect {
            _ = try load(cases: "case_id,org,created_at,severity\n")
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.description.hasSuffix(
                "cases.csv:1: missing required column org_id; the header has: \"case_id\", \"org\", \"created_at\", \"severity\""
            )
        }
    }
}

/// This test process's scratch folder (see `TestSupport.scratchRoot(named:)`).
let scratchRoot = TestSupport.scratchRoot(named: "slacore-tests")
