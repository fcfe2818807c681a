import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The command line as a cron job meets it: inputs from stdin and gzip, exit statuses, messages.
@Suite("Command line")
struct CLITests {
    static let cases = """
        case_id,org_id,created_at,severity,first_response_at
        C1,o1,2026-10-05T09:00:00Z,2,2026-10-05T09:30:00Z
        C2,o1,2026-10-06T09:00:00Z,3,2026-10-06T15:00:00Z

        """

    @Test("Standard input ('-') is read")
    func standardInput() throws {
        let r = try slacheck("validate", "--cases", "-", stdin: Data(Self.cases.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("-: 2 rows read, 0 rejected"))
    }

    @Test("A .gz input is decompressed, and so is gzip on standard input")
    func gzipInput() throws {
        let dir = temporaryFolder("gz")
        let path = write(Self.cases, "cases.csv", in: dir)
        try run("/bin/gzip", ["-f", path])
        let r = try slacheck("validate", "--input", dir.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("cases.csv.gz: 2 rows read, 0 rejected"))
        let compressed = try Data(contentsOf: URL(fileURLWithPath: path + ".gz"))
        let piped = try slacheck("validate", "--cases", "-", stdin: compressed)
        #expect(piped.stdout.contains("-: 2 rows read, 0 rejected"), "\(piped.stderr)")
    }

    @Test("A missing required column: exit 3, naming the column and the headers found")
    func missingColumn() throws {
        let dir = temporaryFolder("col")
        write("case_id,org_id,opened,severity\nC1,o,2026-10-05T09:00:00Z,2\n", "cases.csv", in: dir)
        let r = try slacheck(
            "report", "--input", dir.path, "--period", "2026-10", "--out", dir.appendingPathComponent("out").path)
        #expect(r.status == 3)
        #expect(
            r.stderr.contains(
                "cases.csv:1: missing required column created_at; the header has: \"case_id\", \"org_id\", \"opened\", \"severity\""
            ))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/sla-2026-10.json").path))
    }

    @Test("A folder without cases.csv, and a file that does not exist: exit 3")
    func missingInputs() throws {
        let dir = temporaryFolder("empty")
        let r = try slacheck("validate", "--input", dir.path)
        #expect(r.status == 3)
        #expect(r.stderr.contains("cannot find cases.csv: the folder has no cases.csv"))
        let missing = try slacheck("validate", "--cases", dir.appendingPathComponent("nope.csv").path)
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("nope.csv: cannot read: No such file or directory"))
    }

    @Test("An unterminated quote: exit 3 naming the line where the field began")
    func unterminatedQuote() throws {
        let dir = temporaryFolder("quote")
        write(Self.cases + "C3,o1,\"2026-10-07T09:00:00Z,2,\nC4,o1,2026-10-08T09:00:00Z,2,\n", "cases.csv", in: dir)
        let r = try slacheck("validate", "--input", dir.path)
        #expect(r.status == 3)
        // Header line 1, C1 line 2, C2 line 3: the C3 row and its open quote are on line 4.
        #expect(
            r.stderr.contains("cases.csv:4: field 3: a quoted field that begins on this line is never closed"),
            "\(r.stderr)")
    }

    @Test("Configuration errors: exit 2 naming the file, line and key; nothing written")
    func configError() throws {
        let dir = temporaryFolder("cfg")
        write(Self.cases, "cases.csv", in: dir)
        let config = write("timezone = \"Europe/Berlin\"\n\n[calendar]\nhollidays = []\n", "bad.toml", in: dir)
        let out = dir.appendingPathComponent("out")
        let r = try slacheck(
            "report", "--input", dir.path, "--config", config, "--period", "2026-10", "--out", out.path)
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.toml:4: calendar.hollidays"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("A bad [checks] disabled exits 2 from report, validate and explain, naming the file, line and key")
    func checksDisabledErrors() throws {
        let dir = temporaryFolder("cfg-checks")
        write(Self.cases, "cases.csv", in: dir)
        let unknown = write("[checks]\ndisabled = [\"low-priority\",\n  \"fedramp\"]\n", "unknown.toml", in: dir)
        let notList = write("[checks]\ndisabled = \"low-priority\"\n", "scalar.toml", in: dir)
        let out = dir.appendingPathComponent("out")
        let report = try slacheck(
            "report", "--input", dir.path, "--config", unknown, "--period", "2026-10", "--out", out.path)
        #expect(report.status == 2)
        #expect(
            report.stderr.contains(
                "unknown.toml:3: checks.disabled: \"fedramp\" is not an escalation rule or a submission check"),
            "\(report.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let validate = try slacheck("validate", "--input", dir.path, "--config", notList)
        #expect(validate.status == 2)
        #expect(
            validate.stderr.contains("scalar.toml:2: checks.disabled: expected an array, found a string"),
            "\(validate.stderr)")
        #expect(try slacheck("explain", "--input", dir.path, "--config", unknown, "C1").status == 2)
    }

    @Test("Usage errors exit 2: impossible period, --from after --to")
    func usageErrors() throws {
        let dir = temporaryFolder("usage")
        write(Self.cases, "cases.csv", in: dir)
        let month = try slacheck("report", "--input", dir.path, "--period", "2026-13")
        #expect(month.status == 2)
        #expect(month.stderr.contains("--period 2026-13: not a month"))
        let order = try slacheck("report", "--input", dir.path, "--from", "2026-10-10", "--to", "2026-10-01")
        #expect(order.status == 2)
        #expect(order.stderr.contains("is not before --to"))
        let none = try slacheck("report", "--input", dir.path)
        #expect(none.status == 2)
    }

    @Test("--strict turns a rejected row into exit 3 with nothing written; validate exits 3 too")
    func strict() throws {
        let dir = temporaryFolder("strict")
        write(Self.cases + "C3,o1,yesterday,2,\n", "cases.csv", in: dir)
        let out = dir.appendingPathComponent("out")
        let r = try slacheck("report", "--input", dir.path, "--period", "2026-10", "--out", out.path, "--strict")
        #expect(r.status == 3)
        #expect(r.stderr.contains("cases.csv:4: column created_at: \"yesterday\" is not a timestamp"))
        #expect(
            ((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).filter { !$0.hasPrefix(".") }
                .isEmpty)
        let lenient = try slacheck("report", "--input", dir.path, "--period", "2026-10", "--out", out.path)
        #expect(lenient.status == 0)
        let rejected = try String(contentsOf: out.appendingPathComponent("rejected.csv"), encoding: .utf8)
        #expect(rejected.contains(",cases,4,bad-timestamp,created_at,yesterday,"))
        #expect(try slacheck("validate", "--input", dir.path).status == 3)
    }

    @Test("--fail-under: the report is written, exit 1 when compliance is below it")
    func failUnder() throws {
        let dir = temporaryFolder("fail")
        // C1 answered in 30 min (met); C2 in 6 business hours against 4h (breached): 50%.
        write(Self.cases, "cases.csv", in: dir)
        let out = dir.appendingPathComponent("out")
        let below = try slacheck(
            "report", "--input", dir.path, "--period", "2026-10", "--out", out.path, "--fail-under", "60")
        #expect(below.status == 1)
        #expect(below.stderr.contains("first-response compliance 50% is below --fail-under 60%"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("sla-2026-10.json").path))
        let above = try slacheck(
            "report", "--input", dir.path, "--period", "2026-10", "--out", out.path, "--fail-under", "50")
        #expect(above.status == 0)
    }

    @Test("The published criteria in the Markdown state the configured RCA delay and high-priority wait")
    func criteriaFollowTheConfig() throws {
        let dir = temporaryFolder("criteria")
        write(Self.cases, "cases.csv", in: dir)
        let markdown = { (config: String?) throws -> String in
            let out = dir.appendingPathComponent("out-\(config == nil ? "defaults" : "set")")
            var arguments = ["report", "--input", dir.path, "--period", "2026-10", "--out", out.path]
            if let config { arguments += ["--config", write(config, "slacheck.toml", in: dir)] }
            let r = try run(slacheckBinary, arguments)
            #expect(r.status == 0, "\(r.stderr)")
            return try String(contentsOf: out.appendingPathComponent("sla-2026-10.md"), encoding: .utf8)
        }
        let defaults = try markdown(nil)
        #expect(defaults.contains("RCA escalations only after the RCA is due (5 business days after restore)."))
        #expect(defaults.contains("High-priority escalations need 24 hours since the last update."))
        let set = try markdown("[rca]\nbusiness_days = 3\n[escalations]\nhigh_priority_wait = \"8h\"\n")
        #expect(set.contains("RCA escalations only after the RCA is due (3 business days after restore)."))
        #expect(set.contains("High-priority escalations need 8 hours since the last update."))
        #expect(!set.contains("5 business days") && !set.contains("24 hours"))
        #expect(defaults.contains("RCA due by the end of the 5th working day after service was restored."))
        #expect(set.contains("RCA due by the end of the 3rd working day after service was restored."))
        let one = try markdown("[rca]\nbusiness_days = 1\n[escalations]\nhigh_priority_wait = \"1h30m\"\n")
        #expect(one.contains("RCA due by the end of the 1st working day after service was restored."))
        #expect(one.contains("(1 business day after restore)"))
        #expect(one.contains("need 1 hour 30 minutes since the last update"))
    }

    @Test("Another run holding the output folder: exit 4, nothing written")
    func locked() throws {
        let dir = temporaryFolder("lock")
        write(Self.cases, "cases.csv", in: dir)
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let fd = open(out.appendingPathComponent(".slacheck.lock").path, O_RDWR | O_CREAT, 0o644)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        defer { close(fd) }
        let r = try slacheck("report", "--input", dir.path, "--period", "2026-10", "--out", out.path)
        #expect(r.status == 4)
        #expect(r.stderr.contains("another slacheck run is writing a report here"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("sla-2026-10.json").path))
    }

    @Test("`slacheck config` prints a file that slacheck reads back")
    func configRoundTrip() throws {
        let printed = try slacheck("config")
        #expect(printed.status == 0)
        #expect(printed.stdout.contains("PLACEHOLDER TARGETS"))
        let dir = temporaryFolder("cfgrt")
        write(Self.cases, "cases.csv", in: dir)
        let config = write(printed.stdout, "slacheck.toml", in: dir)
        #expect(try slacheck("validate", "--input", dir.path, "--config", config).status == 0)
    }
}
