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

/// exclusions.csv (SPEC v2 sections 1, 3.6 and 3.10): every bad row rejected with its reason,
/// file, line and column; a row of an unknown case counted as `unknown-case`, not rejected.
///
/// The expected values are worked out by hand from SPEC; the reasoning is beside each.
@Suite("Loader: exclusions.csv")
struct ExclusionsLoaderTests {
    let folder = TempFolder()

    /// Four cases of October 2026 in UTC (default config). C1 is severity 2, created Monday
    /// 09:00 and answered at 09:30: 30 business minutes against 2h, met (SPEC 4's defaults).
    static let cases = """
        case_id,org_id,created_at,severity,first_response_at
        C1,o1,2026-10-05T09:00:00Z,2,2026-10-05T09:30:00Z
        C2,o1,2026-10-06T09:00:00Z,3,
        C3,o1,2026-10-07T09:00:00Z,4,
        C4,o1,2026-10-08T09:00:00Z,4,

        """

    /// Every target bit but `all`'s, spelled out: SPEC 3.10's five kinds (`all` is "every target,
    /// RCA included").
    static let kinds: [ExclusionTarget] = [.firstResponse, .restoration, .resolution, .update, .rca]

    func load(
        cases: String = ExclusionsLoaderTests.cases, events: String? = nil, exclusions: String,
        config: SLAConfig = .defaults
    ) throws -> Dataset {
        let inputs = InputFiles(
            cases: [folder.write("cases.csv", cases)],
            events: events.map { [folder.write("case_events.csv", $0)] } ?? [],
            exclusions: [folder.write("exclusions.csv", exclusions)])
        // A 7-byte chunk: every row, the quoted line break included, crosses chunk boundaries.
        return try Loader(config: config, chunkSize: 7).load(inputs)
    }

    /// The analysis of October 2026, as of 1 November (MetricsFixture without its "no rejected
    /// rows" check: these inputs are meant to have some).
    func october(_ data: Dataset, config: SLAConfig = .defaults) throws -> AnalysisResult {
        let context = MetricsContext(
            config: config, asOf: try MetricsFixture.instant("2026-11-01T00:00:00Z"),
            organizations: data.organizationBook)
        return Analysis.run(
            data, context: context, period: ReportPeriod.month(year: 2026, month: 10, zone: context.zone))
    }

    /// The exclusion bits of case `id`.
    func mask(_ data: Dataset, _ id: String) throws -> UInt8 {
        data.exclusionMask[Int(try #require(data.caseIDs.lookup(id)))]
    }

    @Test("Targets: any case, a space or hyphen for the underscore, surrounding spaces; each maps to its bits")
    func targetSpellings() throws {
        // SPEC 1: "Enumerations are case-insensitive and accept the obvious spellings".
        let data = try load(
            cases: """
                case_id,org_id,created_at,severity
                C1,o1,2026-10-05T09:00:00Z,2
                C2,o1,2026-10-05T09:00:00Z,2
                C3,o1,2026-10-05T09:00:00Z,2
                C4,o1,2026-10-05T09:00:00Z,2
                C5,o1,2026-10-05T09:00:00Z,1
                C6,o1,2026-10-05T09:00:00Z,3
                C7,o1,2026-10-05T09:00:00Z,1
                C8,o1,2026-10-05T09:00:00Z,1
                C9,o1,2026-10-05T09:00:00Z,1
                C10,o1,2026-10-05T09:00:00Z,4
                """,
            exclusions: """
                case_id,target,reason,approved_by
                C1,first_response,Answered by phone,J. Doe
                C2,First Response,Answered by phone,
                C3,first-response,Answered by phone,
                C4,FIRST_RESPONSE,Answered by phone,
                C5,Restoration,Carrier outage, A. Smith
                C5,UPDATE,Customer asked for no updates,
                C6,resolution,Change freeze,
                C7,RCA,RCA waived in the QBR,
                C8, all ,Customer froze all changes,
                C9,All,Customer froze all changes,
                C10,"Periodic-Update",Not a spelling of update,
                """)
        // Only the last row is wrong: "periodic update" is not one of SPEC's six names.
        #expect(
            data.rejections.map { "\($0.line) \($0.reason.rawValue) \($0.column) \($0.value)" } == [
                "12 bad-value target Periodic-Update"
            ])
        #expect(
            data.exclusions.map(\.target) == [
                .firstResponse, .firstResponse, .firstResponse, .firstResponse, .restoration, .update, .resolution,
                .rca, .all, .all,
            ])
        #expect(data.exclusions.map(\.source.line) == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
        // Text is trimmed; an empty approver is no approver.
        #expect(data.exclusions[4].approvedBy == "A. Smith")
        #expect(data.exclusions.map(\.approvedBy) == ["J. Doe", nil, nil, nil, "A. Smith", nil, nil, nil, nil, nil])
        #expect(data.exclusions.map(\.caseID) == ["C1", "C2", "C3", "C4", "C5", "C5", "C6", "C7", "C8", "C9"])
        // Every row names a known case: each points at it, none is a finding.
        #expect(
            data.exclusions.allSatisfy { $0.caseIndex >= 0 && data.caseID(data.cases[Int($0.caseIndex)]) == $0.caseID })
        #expect(data.unknownCaseCount == 0)

        let fr = ExclusionTarget.firstResponse.bit
        for id in ["C1", "C2", "C3", "C4"] { #expect(try mask(data, id) == fr, "\(id)") }
        // C5: two rows, two targets: both bits, nothing else.
        #expect(try mask(data, "C5") == ExclusionTarget.restoration.bit | ExclusionTarget.update.bit)
        #expect(try mask(data, "C6") == ExclusionTarget.resolution.bit)
        #expect(try mask(data, "C7") == ExclusionTarget.rca.bit)
        // `all`: every one of the five kinds, RCA included.
        for id in ["C8", "C9"] {
            for kind in Self.kinds { #expect(try mask(data, id) & kind.bit != 0, "\(id) \(kind)") }
        }
        // The five bits are distinct, so no one kind's exclusion stands for another's.
        #expect(Set(Self.kinds.map(\.bit)).count == 5)
        #expect(Self.kinds.allSatisfy { $0.bit.nonzeroBitCount == 1 })
        // C10's row was rejected: it excludes nothing.
        #expect(try mask(data, "C10") == 0)
    }

    @Test("Bad rows are rejected whole with reason, file, line and column; they exclude nothing")
    func rejections() throws {
        let data = try load(
            exclusions: """
                case_id,target,reason,approved_by
                C1,targett,Agreed in the QBR,J. Doe
                C1,rca_delivery,RCA waived,J. Doe
                C2,update,,J. Doe
                C2,update,   ,J. Doe
                ,all,No case named,J. Doe
                C3,,No target named,J. Doe
                C3,all,"Customer froze
                all changes",
                C4,update,Agreed,J. Doe,extra
                C4,update,Agreed
                C2,resolution,Agreed,

                """)
        // Header line 1; the quoted reason of line 8 runs onto line 9, so the next row is line 10.
        // SPEC 3.6: an unknown target is `bad-value` (rca_delivery is an event type, not a
        // target); an empty (or blank) required field is `missing-required` (case_id, target and
        // reason are required, SPEC 1); a row with more or fewer fields than the header is
        // `wrong-field-count`, with no column.
        #expect(
            data.rejections.map { "\($0.line) \($0.reason.rawValue) \($0.column) \($0.value)" } == [
                "2 bad-value target targett", "3 bad-value target rca_delivery", "4 missing-required reason ",
                "5 missing-required reason ", "6 missing-required case_id ", "7 missing-required target ",
                "10 wrong-field-count  ", "11 wrong-field-count  ",
            ])
        #expect(data.rejections.allSatisfy { $0.kind == .exclusions && $0.file.hasSuffix("/exclusions.csv") })
        // The message names the file, line, column, value and the accepted spellings.
        #expect(
            data.rejections[0].description.hasSuffix(
                "exclusions.csv:2: column target: \"targett\" is not a target "
                    + "(first_response/restoration/resolution/update/rca/all) [bad-value]"))
        #expect(
            data.rejections[2].description.hasSuffix(
                "exclusions.csv:4: column reason: required value is missing [missing-required]"))
        #expect(data.rejections[7].detail == "the row has 3 fields, the header 4")
        // Each row is kept whole, as read.
        #expect(data.rejections[0].fields == ["C1", "targett", "Agreed in the QBR", "J. Doe"])
        #expect(data.rejections[6].fields == ["C4", "update", "Agreed", "J. Doe", "extra"])

        // Rows read: lines 2-7 (6), 8-9 (1), 10, 11 and 12: 10; rejected: 8.
        let file = try #require(data.files.last)
        #expect(file.kind == .exclusions && file.path.hasSuffix("/exclusions.csv"))
        #expect("\(file.rowsRead) \(file.rowsRejected)" == "10 8")
        #expect(
            data.exclusions.map { "\($0.source.line) \($0.caseID) \($0.target)" } == ["8 C3 all", "12 C2 resolution"])
        #expect(data.exclusions[0].reason == "Customer froze\nall changes")
        #expect(data.exclusions[1].approvedBy == nil)
        // A rejected row excludes nothing: C1's and C4's rows were all rejected, C2 keeps only
        // its resolution row.
        #expect(try mask(data, "C1") == 0)
        #expect(try mask(data, "C4") == 0)
        #expect(try mask(data, "C2") == ExclusionTarget.resolution.bit)
        #expect(try mask(data, "C3") == ExclusionTarget.all.bit)
        #expect(data.unknownCaseCount == 0)

        // Data quality counts one reason per rejected row (SPEC 3.6), and the file's rows.
        let quality = try october(data).dataQuality
        #expect(quality.findings["bad-value"] == 2)
        #expect(quality.findings["missing-required"] == 4)
        #expect(quality.findings["wrong-field-count"] == 2)
        #expect(quality.findings["duplicate-id"] == 0)
        #expect(quality.findings["unknown-case"] == 0)
        #expect(
            quality.files.map { "\($0.kind) \($0.rowsRead) \($0.rowsRejected)" } == ["cases 4 0", "exclusions 10 8"])
    }

    @Test("A missing token reads as empty: a reason of n/a is missing; target and case too")
    func missingTokens() throws {
        let config = try SLAConfig.parse(text: "[input]\nmissing_tokens = [\"n/a\"]\n")
        let data = try load(
            exclusions: """
                case_id,target,reason
                C1,update,N/A
                N/A,update,Agreed
                C1,n/a,Agreed
                C1,update,Agreed

                """,
            config: config)
        #expect(
            data.rejections.map { "\($0.line) \($0.reason.rawValue) \($0.column)" } == [
                "2 missing-required reason", "3 missing-required case_id", "4 missing-required target",
            ])
        // approved_by is optional: a file without the column is read.
        #expect(data.exclusions.map { "\($0.source.line) \($0.caseID) \($0.reason)" } == ["5 C1 Agreed"])
    }

    @Test("Column and value maps: a waiver list read as exclusions.csv; a map onto a wrong name is bad-value")
    func maps() throws {
        let config = try SLAConfig.parse(
            text: """
                [input.exclusions.columns]
                case_id = "Ticket"
                target = "SLA"
                reason = "Justification"
                approved_by = "Approved By"
                [input.exclusions.values.target]
                "Time to resolution" = "resolution"
                "Time to first response" = "first_response"
                "Everything" = "sla"
                """)
        let data = try load(
            exclusions: """
                Ticket,SLA,Justification,Approved By
                C1,time to resolution,Fix waited on the change window,A. Smith
                C2,Update,Asked for updates by phone,
                C3,Time to first response,Answered by phone,J. Doe
                C4,Everything,Agreed,J. Doe

                """,
            config: config)
        #expect(
            data.exclusions.map { "\($0.caseID) \($0.target)" } == ["C1 resolution", "C2 update", "C3 firstResponse"])
        // Errors name our column, whatever the export's header.
        #expect(
            data.rejections.map { "\($0.line) \($0.reason.rawValue) \($0.column) \($0.value)" } == [
                "5 bad-value target Everything"
            ])
        #expect(
            data.rejections[0].detail
                == "\"Everything\" the configured value \"sla\" is not a target "
                + "(first_response/restoration/resolution/update/rca/all)")
    }

    @Test("No duplicate-id: a case named twice for a target is accepted, and excluded once in the figures")
    func duplicates() throws {
        // exclusions.csv has no unique id column (SPEC 1), so SPEC 3.6's duplicate-id does not
        // apply to it. Any approver text is accepted (free text, optional).
        let data = try load(
            exclusions: """
                case_id,target,reason,approved_by
                C1,first_response,Answered by phone,J. Doe
                C1,First-Response,Answered by phone (again),A. Smith
                C1,rca,Not an incident,
                C2,update,Agreed,"Doe, J."
                C2,update,Agreed,=cmd|' /C calc'!A0

                """)
        #expect(data.rejections.isEmpty)
        #expect(data.exclusions.count == 5)
        #expect(data.exclusions.map(\.approvedBy) == ["J. Doe", "A. Smith", nil, "Doe, J.", "=cmd|' /C calc'!A0"])
        #expect(try mask(data, "C1") == ExclusionTarget.firstResponse.bit | ExclusionTarget.rca.bit)
        #expect(try mask(data, "C2") == ExclusionTarget.update.bit)
        // C1 (severity 2, met in 30 minutes) leaves met and counts once as excluded; its raw
        // compliance is its verdict's: 1 met of 1 (SPEC 3.10).
        let s2 = try october(data).tallies.response[1]
        #expect("\(s2.cases) \(s2.met) \(s2.breached) \(s2.pending) \(s2.excluded)" == "1 0 0 0 1")
        #expect(s2.compliance == nil)
        #expect(s2.complianceRaw == 1)
    }

    @Test("A row of an unknown case is the finding unknown-case: not rejected, excludes nothing")
    func unknownCases() throws {
        let data = try load(
            cases: """
                case_id,org_id,created_at,severity,first_response_at
                C1,o1,2026-10-05T09:00:00Z,2,2026-10-05T09:30:00Z
                C2,o1,2026-13-01T09:00:00Z,2,

                """,
            events: """
                case_id,at,type
                C1,2026-10-05T09:10:00Z,update
                C9,2026-10-05T09:10:00Z,update

                """,
            exclusions: """
                case_id,target,reason,approved_by
                NOPE-1,first_response,Not a case of this export,J. Doe
                C2,all,Its case row was rejected,J. Doe
                C9,first_response,Only an event names it,J. Doe
                C1,resolution,Agreed,J. Doe

                """)
        // SPEC 1: "An exclusion whose case is not among the accepted cases is the finding
        // unknown-case": NOPE-1 (in no file), C2 (its row was rejected) and C9 (only an event of
        // an unknown case names it). The one rejection is C2's case row.
        #expect(data.rejections.map { "\($0.kind) \($0.line) \($0.reason.rawValue)" } == ["cases 3 bad-timestamp"])
        #expect(data.exclusions.map(\.caseIndex) == [-1, -1, -1, 0])
        #expect(data.exclusionMask == [ExclusionTarget.resolution.bit])
        // One finding per row: the event of C9 and the three exclusions, each with its file and line.
        #expect(data.unknownCaseCount == 4)
        #expect(
            data.unknownCaseRows.map {
                "\($0.kind) \(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line) \($0.caseID)"
            } == [
                "events case_events.csv:3 C9", "exclusions exclusions.csv:2 NOPE-1", "exclusions exclusions.csv:3 C2",
                "exclusions exclusions.csv:4 C9",
            ])
        #expect(data.files.last.map { [$0.rowsRead, $0.rowsRejected] } == [4, 0])

        let result = try october(data)
        #expect(result.dataQuality.findings["unknown-case"] == 4)
        #expect(result.dataQuality.findings["bad-timestamp"] == 1)
        // The unknown rows change no figure: C1 is still met for first response.
        let s2 = result.tallies.response[1]
        #expect("\(s2.cases) \(s2.met) \(s2.excluded)" == "1 1 0")
        #expect(result.tallies.response.allSatisfy { $0.excluded == 0 })
        #expect(result.tallies.rca.excluded == 0)
    }

    @Test("A missing required column stops the load, naming the file, the column and the headers found")
    func missingColumn() throws {
        func failure(_ exclusions: String, config: SLAConfig = .defaults) -> String? {
            do {
                _ = try load(exclusions: exclusions, config: config)
                return nil
            } catch {
                return (error as? InputError)?.description ?? "\(error)"
            }
        }
        for (header, column) in [
            ("target,reason,approved_by", "case_id"), ("case_id,reason,approved_by", "target"),
            ("case_id,target,approved_by", "reason"),
        ] {
            let names = header.split(separator: ",").map { "\"\($0)\"" }.joined(separator: ", ")
            let message = failure("\(header)\nC1,x,y\n")
            #expect(
                message?.hasSuffix("exclusions.csv:1: missing required column \(column); the header has: \(names)")
                    == true, "\(message ?? "no error")")
        }
        // A mapped column is looked for under its mapped name only.
        var config = SLAConfig.defaults
        config.input.exclusions = SLAConfig.FileMapping(columns: ["target": "SLA"], values: [:])
        let mapped = failure("case_id,target,reason\nC1,all,Agreed\n", config: config)
        #expect(
            mapped?.hasSuffix(
                "exclusions.csv:1: missing required column target (mapped to \"SLA\" by input.exclusions.columns); "
                    + "the header has: \"case_id\", \"target\", \"reason\"") == true, "\(mapped ?? "no error")")
        // approved_by is not required.
        #expect(failure("case_id,target,reason\nC1,all,Agreed\n") == nil)
    }
}
