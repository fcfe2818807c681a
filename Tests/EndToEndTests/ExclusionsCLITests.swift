import Foundation
import Testing

/// exclusions.csv through the command line: a missing required column is an input error (SPEC
/// section 6: exit 3, nothing written); rejected and unknown-case rows are reported, not fatal.
@Suite("Command line: exclusions.csv")
struct ExclusionsCLITests {
    /// C1: severity 2, answered in 30 minutes against 2 business hours, met. C2: severity 3,
    /// Tuesday 09:00 to 15:00 is 6 business hours against 4h, breached (SPEC 4's defaults).
    static let cases = """
        case_id,org_id,created_at,severity,first_response_at
        C1,o1,2026-10-05T09:00:00Z,2,2026-10-05T09:30:00Z
        C2,o1,2026-10-06T09:00:00Z,3,2026-10-06T15:00:00Z

        """

    /// Whether `out` holds no report file (a lock file aside).
    static func isEmpty(_ out: URL) -> Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).filter { !$0.hasPrefix(".") }.isEmpty
    }

    @Test("A missing required column of exclusions.csv: exit 3 naming the file and the column; nothing written")
    func missingColumn() throws {
        let dir = temporaryFolder("excl-col")
        write(Self.cases, "cases.csv", in: dir)
        write("case_id,reason,approved_by\nC1,Agreed,J. Doe\n", "exclusions.csv", in: dir)
        let out = dir.appendingPathComponent("out")
        let message =
            "exclusions.csv:1: missing required column target; the header has: \"case_id\", \"reason\", \"approved_by\""
        let r = try slacheck("report", "--input", dir.path, "--period", "2026-10", "--out", out.path)
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(Self.isEmpty(out))
        let validate = try slacheck("validate", "--input", dir.path)
        #expect(validate.status == 3)
        #expect(validate.stderr.contains(message), "\(validate.stderr)")
        // Named by its flag, the file is read the same way, whatever its name.
        let named = write("case_id,target,approved_by\nC1,all,J. Doe\n", "waivers.csv", in: dir)
        let flagged = try slacheck(
            "report", "--cases", dir.appendingPathComponent("cases.csv").path, "--exclusions", named, "--period",
            "2026-10", "--out", out.path)
        #expect(flagged.status == 3)
        #expect(
            flagged.stderr.contains(
                "waivers.csv:1: missing required column reason; the header has: \"case_id\", \"target\", \"approved_by\""
            ),
            "\(flagged.stderr)")
        #expect(Self.isEmpty(out))
    }

    @Test("Rejected and unknown-case rows: validate lists them and exits 3; report keeps them in rejected.csv, exit 0")
    func rejectedRows() throws {
        let dir = temporaryFolder("excl-rows")
        write(Self.cases, "cases.csv", in: dir)
        write(
            """
            case_id,target,reason,approved_by
            C1,targett,Agreed in the QBR,J. Doe
            C2,first_response,,J. Doe
            NOPE-1,all,Not a case of this export,J. Doe
            C2,First Response,Answered by phone,J. Doe

            """, "exclusions.csv", in: dir)
        let validate = try slacheck("validate", "--input", dir.path)
        #expect(validate.status == 3)
        for line in [
            "exclusions.csv: 4 rows read, 2 rejected",
            "exclusions.csv:2: column target: \"targett\" is not a target "
                + "(first_response/restoration/resolution/update/rca/all) [bad-value]",
            "exclusions.csv:3: column reason: required value is missing [missing-required]",
            "exclusions.csv:4: case \"NOPE-1\" is not among the accepted cases [unknown-case]",
        ] {
            #expect(validate.stdout.contains(line), "\(line)\n\(validate.stdout)")
        }

        // --strict: any rejected row is an input error (SPEC 6), nothing written.
        let out = dir.appendingPathComponent("out")
        let strict = try slacheck("report", "--input", dir.path, "--period", "2026-10", "--out", out.path, "--strict")
        #expect(strict.status == 3)
        #expect(
            strict.stderr.contains("exclusions.csv:2: column target: \"targett\" is not a target"), "\(strict.stderr)")
        #expect(Self.isEmpty(out))

        // Without it the report is written, the rejected rows with it (SPEC 3.6).
        let r = try slacheck("report", "--input", dir.path, "--period", "2026-10", "--out", out.path)
        #expect(r.status == 0, "\(r.stderr)")
        let rejected = csvRows(try String(contentsOf: out.appendingPathComponent("rejected.csv"), encoding: .utf8))
        // file, kind, line, reason, column, value, detail, row.
        #expect(
            rejected.dropFirst().map { $0[1...5].joined(separator: " ") } == [
                "exclusions 2 bad-value target targett", "exclusions 3 missing-required reason ",
            ])
        #expect(rejected.dropFirst().allSatisfy { $0[0].hasSuffix("exclusions.csv") })
        #expect(rejected.last?.last == "C2,first_response,,J. Doe")
        let json = try jsonObject(
            try String(contentsOf: out.appendingPathComponent("sla-2026-10.json"), encoding: .utf8))
        #expect(value(json, "data_quality.findings.bad-value") as? Int == 1)
        #expect(value(json, "data_quality.findings.missing-required") as? Int == 1)
        #expect(value(json, "data_quality.findings.unknown-case") as? Int == 1)
        let files = value(json, "data_quality.files") as? [[String: Any]] ?? []
        let file = files.first { $0["kind"] as? String == "exclusions" }
        #expect(file?["rows_read"] as? Int == 4)
        #expect(file?["rows_rejected"] as? Int == 2)
        // The one accepted row: C2 out of first response, where it was breached; C1's row was
        // rejected, so C1 still counts as met.
        let rows = value(json, "response_times.by_severity") as? [[String: Any]] ?? []
        let s2 = rows.first { $0["severity"] as? Int == 2 }
        let s3 = rows.first { $0["severity"] as? Int == 3 }
        #expect(s2?["met"] as? Int == 1)
        #expect(s2?["excluded"] as? Int == 0)
        #expect(s3?["breached"] as? Int == 0)
        #expect(s3?["excluded"] as? Int == 1)
        #expect(s3?["compliance_raw"] as? Double == 0)
        let exclusions = value(json, "exclusions") as? [[String: Any]] ?? []
        #expect(exclusions.count == 1)
        #expect(exclusions.first?["case_id"] as? String == "C2")
        #expect(exclusions.first?["target"] as? String == "first_response")
        #expect(exclusions.first?["verdict"] as? String == "breached")
    }
}
