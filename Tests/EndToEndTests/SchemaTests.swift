import Foundation
import Testing

/// The JSON report against its schema, `schema/sla-report.schema.json`, checked by
/// `Tests/schema/validate.py` (Python's jsonschema, draft 2020-12; `make deps` installs it).
@Suite("JSON schema")
struct SchemaTests {
    static let samples = packageRoot.appendingPathComponent("samples").path
    static let validator = packageRoot.appendingPathComponent("Tests/schema/validate.py").path

    /// Runs the validator on `files`; its output names every problem.
    func validate(_ files: [String]) throws -> RunResult {
        try run("/usr/bin/env", ["python3", Self.validator] + files, cwd: packageRoot)
    }

    /// Runs `slacheck report` and returns the path of the JSON it wrote.
    func report(_ arguments: [String], label: String) throws -> String {
        let out = temporaryFolder("schema")
        let r = try run(slacheckBinary, ["report"] + arguments + ["--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        return out.appendingPathComponent("sla-\(label).json").path
    }

    @Test("the report of samples/ is valid, for a month and for --from/--to")
    func samplesReport() throws {
        let config = Self.samples + "/slacheck.toml"
        let month = try report(["--input", Self.samples, "--config", config, "--period", "2026-10"], label: "2026-10")
        let range = try report(
            ["--input", Self.samples, "--config", config, "--from", "2026-10-05", "--to", "2026-10-12"],
            label: "2026-10-05_2026-10-12")
        let r = try validate([month, range])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    }

    @Test("edge cases are valid: empty period, no escalations, no RCA, no cases at all")
    func edgeCases() throws {
        let input = temporaryFolder("schema-edge")
        // One September case, nothing in October; an escalations file with only its header.
        write(
            "case_id,org_id,created_at,severity,first_response_at\nC-1,ORG-1,2026-09-10T09:00:00Z,2,\n",
            "cases.csv", in: input)
        write("escalation_id,case_id,requested_at\n", "escalations.csv", in: input)
        let emptyPeriod = try report(["--input", input.path, "--period", "2026-10"], label: "2026-10")
        let samePeriod = try report(["--input", input.path, "--period", "2026-09"], label: "2026-09")

        let bare = temporaryFolder("schema-bare")
        write("case_id,org_id,created_at,severity\n", "cases.csv", in: bare)
        let noCases = try report(["--input", bare.path, "--period", "2026-10"], label: "2026-10")

        let r = try validate([emptyPeriod, samePeriod, noCases])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let doc = try jsonObject(String(contentsOfFile: emptyPeriod, encoding: .utf8))
        #expect(value(doc, "response_times.compliance") is NSNull)
        #expect(value(doc, "rca.compliance") is NSNull)
        #expect(value(doc, "escalations.invalid_rate") is NSNull)
        #expect(value(doc, "response_times.by_severity.1.seconds.p50") is NSNull)
    }

    @Test("v2: tiers, organizations.csv with an unknown org, hostile names: valid, and the whole set written")
    func tiersAndOrganizations() throws {
        let input = packageRoot.appendingPathComponent("Tests/SLAReportTests/Fixtures/tiers-and-organizations")
        let out = temporaryFolder("schema-v2")
        let r = try run(
            slacheckBinary,
            [
                "report", "--input", input.path, "--config", input.appendingPathComponent("slacheck.toml").path,
                "--period", "2026-10", "--as-of", "2026-10-31T12:00:00Z", "--out", out.path,
            ])
        #expect(r.status == 0, "\(r.stderr)")
        let json = out.appendingPathComponent("sla-2026-10.json").path
        let v = try validate([json])
        #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
        let doc = try jsonObject(String(contentsOfFile: json, encoding: .utf8))
        #expect((value(doc, "response_times.by_tier") as? [Any])?.count == 2)
        #expect((value(doc, "organizations") as? [Any])?.count == 4)
        #expect((value(doc, "data_quality.findings.unknown-organization") as? NSNumber)?.intValue == 2)
        // The organizations CSV is part of the set, renamed into place with the others.
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names.contains("sla-2026-10-organizations.csv"), "\(names)")
        #expect(!names.contains { $0.contains(".tmp-") }, "\(names)")
    }

    @Test("v2 targets: restoration, resolution, update, exclusions and per-kind organizations are valid")
    func targets() throws {
        // The hand-computed set at two as-of instants, and a generated month with every target.
        let set = packageRoot.appendingPathComponent("Tests/reference/cases/v2-targets")
        let config = set.appendingPathComponent("slacheck.toml").path
        var reports: [String] = []
        for asOf in ["2026-11-18T12:00:00Z", "2026-11-30T12:00:00Z"] {
            reports.append(
                try report(
                    ["--input", set.path, "--config", config, "--period", "2026-11", "--as-of", asOf],
                    label: "2026-11"))
        }
        let generated = temporaryFolder("schema-targets")
        let gen = try slacheck(
            "generate", "--cases", "800", "--seed", "3", "--zones", "4", "--lifecycle", "--exclusions", "60",
            "--messy", "--out", generated.path)
        try #require(gen.status == 0, "\(gen.stderr)")
        reports.append(
            try report(
                [
                    "--input", generated.path, "--config", generated.appendingPathComponent("slacheck.toml").path,
                    "--period", "2026-10",
                ], label: "2026-10"))
        let r = try validate(reports)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let doc = try jsonObject(String(contentsOfFile: reports[0], encoding: .utf8))
        #expect((value(doc, "resolution.by_severity") as? [Any])?.count == 2)
        #expect((value(doc, "exclusions") as? [Any])?.count == 3)
    }

    @Test("[checks] disabled: the hand-computed set and the sample month with every code disabled are valid")
    func checksDisabled() throws {
        let set = packageRoot.appendingPathComponent("Tests/reference/cases/checks_disabled")
        let hand = try report(
            ["--input", set.path, "--config", set.appendingPathComponent("slacheck.toml").path, "--period", "2026-10"],
            label: "2026-10")
        let folder = temporaryFolder("schema-checks")
        let all =
            try String(contentsOfFile: Self.samples + "/slacheck.toml", encoding: .utf8)
            + "\n[checks]\ndisabled = [\"case-not-active\", \"awaiting-customer\", \"urgency-change\", \"rca-too-early\", "
            + "\"low-priority\", \"high-priority-too-soon\", \"already-open\", \"fedramp-unassigned\", "
            + "\"critical-not-by-phone\", \"incomplete-submission\", \"undesignated-contact\", \"no-backup-contact\"]\n"
        let everything = try report(
            ["--input", Self.samples, "--config", write(all, "all.toml", in: folder), "--period", "2026-10"],
            label: "2026-10")
        let r = try validate([hand, everything])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let doc = try jsonObject(String(contentsOfFile: everything, encoding: .utf8))
        #expect((value(doc, "escalations.by_rule") as? [String: Any])?.isEmpty == true)
        #expect((value(doc, "escalations.disabled") as? [String])?.count == 9)
        #expect((value(doc, "escalations.invalid") as? NSNumber)?.intValue == 0)
        #expect((value(doc, "submissions.disabled") as? [String])?.count == 4)
    }

    @Test("the committed reports/ and the golden JSON are valid")
    func committedFiles() throws {
        let r = try validate([
            packageRoot.appendingPathComponent("reports/sla-2026-10.json").path,
            packageRoot.appendingPathComponent("Tests/SLAReportTests/Golden/expected/sla-2026-10.json").path,
        ])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    }

    @Test("the validator rejects what the schema forbids (so a pass means something)")
    func rejectsBrokenReports() throws {
        // The golden JSON is fixed, so these edits keep applying when reports/ is refreshed.
        let good = try String(
            contentsOf: packageRoot.appendingPathComponent("Tests/SLAReportTests/Golden/expected/sla-2026-10.json"),
            encoding: .utf8)
        let folder = temporaryFolder("schema-bad")
        let broken: [(name: String, from: String, to: String, message: String)] = [
            ("rate.json", "\"compliance\": 0.7,", "\"compliance\": 70,", "greater than the maximum"),
            (
                "instant.json", "\"as_of\": \"2026-10-20T12:00:00Z\"", "\"as_of\": \"2026-10-20 14:00:00+02:00\"",
                "does not match"
            ),
            ("version.json", "\"schema_version\": 2", "\"schema_version\": 1", "schema_version"),
            ("known.json", "\"known\": false", "\"known\": \"no\"", "is not of type 'boolean'"),
            ("excluded.json", "\"excluded\": 0,", "\"excluded\": -1,", "less than the minimum"),
            (
                "by-tier.json", "\"by_tier\": []", "\"by_tier\": [{\"tier\": \"gold\"}]",
                "'by_severity' is a required property"
            ),
            ("missing.json", "\"incidents\":", "\"incident_count\":", "'incidents' is a required property"),
            ("rule.json", "\"already-open\":", "\"already_open\":", "already-open"),
            ("negative.json", "\"p50_seconds\": 3600", "\"p50_seconds\": -3600", "less than the minimum"),
            // `[checks] disabled`: a rule is in by_rule or in disabled, never both nor neither; a
            // disabled submission figure is null; only submission checks are submissions.disabled.
            (
                "disabled-counted.json", "\"disabled\": [],\n    \"by_priority\"",
                "\"disabled\": [\"already-open\"],\n    \"by_priority\"",
                "should not be valid under {'required': ['already-open']}"
            ),
            ("rule-missing.json", "\"fedramp-unassigned\": 1,\n", "", "'fedramp-unassigned' is a required property"),
            (
                "disabled-figure.json", "\"disabled\": [],\n    \"matrix\"",
                "\"disabled\": [\"incomplete-submission\"],\n    \"matrix\"", "1 is not of type 'null'"
            ),
            (
                "disabled-rule-as-check.json", "\"disabled\": [],\n    \"matrix\"",
                "\"disabled\": [\"fedramp-unassigned\"],\n    \"matrix\"", "'fedramp-unassigned' is not one of"
            ),
        ]
        for b in broken {
            #expect(good.contains(b.from), "the golden JSON no longer has \(b.from): update this test")
            let path = write(good.replacingOccurrences(of: b.from, with: b.to), b.name, in: folder)
            let r = try validate([path])
            #expect(r.status == 1, "\(b.name) passed the schema")
            #expect(r.stdout.contains(b.message), "\(b.name): \(r.stdout)")
        }
    }
}
