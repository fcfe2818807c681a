import Foundation
import Testing

@Suite("slacheck explain")
struct ExplainTests {
    static let sampleArgs = ["--input", "samples", "--config", "samples/slacheck.toml"]

    func explain(_ arguments: [String]) throws -> RunResult {
        try run(slacheckBinary, ["explain"] + arguments, cwd: packageRoot)
    }

    /// The `verdict:` codes of an explanation by section: `response`, `rca`, `restoration`,
    /// `resolution`, `update`, and each escalation id.
    func verdicts(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        var section = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("First response") { section = "response" }
            if line.hasPrefix("RCA") { section = "rca" }
            if line.hasPrefix("Restoration") { section = "restoration" }
            if line.hasPrefix("Resolution") { section = "resolution" }
            if line.hasPrefix("Periodic update") { section = "update" }
            if line.hasPrefix("Exclusions") || line.hasPrefix("Escalations") { section = "" }
            if line.hasPrefix("  E-"), let id = line.split(separator: ",").first {
                section = id.trimmingCharacters(in: .whitespaces)
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("verdict: ") else { continue }
            let rest = trimmed.dropFirst("verdict: ".count)
            let code = rest.components(separatedBy: " — ")
            if code[0] == "invalid", code.count > 1 {
                out[section] = String(code[1].dropFirst("breaks ".count))
            } else {
                out[section] = code[0] == "valid" ? "" : code[0]
            }
        }
        return out
    }

    @Test("Verdicts equal the report's CSV files for a handful of samples/ cases")
    func matchesReport() throws {
        let out = temporaryFolder("explain")
        let r = try run(
            slacheckBinary, ["report"] + Self.sampleArgs + ["--period", "2026-10", "--out", out.path], cwd: packageRoot)
        #expect(r.status == 0, "\(r.stderr)")
        let cases = csvRows(
            try String(contentsOf: out.appendingPathComponent("sla-2026-10-cases.csv"), encoding: .utf8))
        let rca = csvRows(try String(contentsOf: out.appendingPathComponent("sla-2026-10-rca.csv"), encoding: .utf8))
        let escalations = csvRows(
            try String(contentsOf: out.appendingPathComponent("sla-2026-10-escalations.csv"), encoding: .utf8))
        // The first case of each verdict, every RCA case, and the cases of invalid escalations;
        // then, for restoration, resolution and update, a case of each of their verdicts that
        // none of those cases already shows.
        var expected: [String: [String: String]] = [:]
        var seenVerdicts: Set<String> = []
        for row in cases.dropFirst() where !seenVerdicts.contains(row[9]) {
            seenVerdicts.insert(row[9])
            expected[row[0], default: [:]]["response"] = row[9]
        }
        for row in rca.dropFirst() { expected[row[0], default: [:]]["rca"] = row[6] }
        for row in escalations.dropFirst() where !row[9].isEmpty && expected.count < 12 {
            expected[row[1], default: [:]][row[0]] = row[9]
        }
        #expect(seenVerdicts.isSuperset(of: ["met", "breached", "pending", "negative-duration"]))
        let header = cases.first ?? []
        let caseRows = Dictionary(cases.dropFirst().map { ($0[0], $0) }, uniquingKeysWith: { x, _ in x })
        let targets = ["restoration", "resolution", "update"]
        let targetColumns = targets.map { header.firstIndex(of: "\($0)_verdict") }
        for (target, column) in zip(targets, targetColumns) {
            let column = try #require(column, "\(target)_verdict column")
            var shown = Set(expected.keys.compactMap { caseRows[$0]?[column] })
            for row in cases.dropFirst() where !row[column].isEmpty && !shown.contains(row[column]) {
                shown.insert(row[column])
                expected[row[0], default: [:]][target] = row[column]
            }
            #expect(shown.isSuperset(of: ["met", "breached", "pending"]), "\(target): \(shown.sorted())")
        }
        for (id, wanted) in expected.sorted(by: { $0.key < $1.key }) {
            let x = try explain(Self.sampleArgs + ["--period", "2026-10", id])
            #expect(x.status == 0, "\(x.stderr)")
            let got = verdicts(x.stdout)
            for (section, verdict) in wanted {
                #expect(got[section] == verdict, "\(id) \(section)")
            }
            // The three other targets' verdicts, or none where the CSV has none.
            for (target, column) in zip(targets, targetColumns) {
                guard let column, let row = caseRows[id] else { continue }
                let want: String? = row[column].isEmpty ? nil : row[column]
                #expect(got[target] == want, "\(id) \(target)")
            }
            // Every escalation the report lists for this case appears with the same rules.
            for row in escalations.dropFirst() where row[1] == id {
                #expect(got[row[0]] == row[9], "\(id) \(row[0])")
            }
        }
    }

    @Test("An unknown id exits 3 and suggests the nearest")
    func notFound() throws {
        let r = try explain(Self.sampleArgs + ["C-100002"])
        #expect(r.status == 3)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("slacheck: case C-100002 not found in cases ("))
        #expect(r.stderr.contains(" cases read); did you mean C-0100002, "))
    }

    @Test("A small case by hand: tie, segments, a rule and an event after as-of")
    func smallCase() throws {
        let folder = temporaryFolder("explain-small")
        write(
            """
            case_id,org_id,created_at,severity,priority,channel
            C-1,ORG,2026-10-02T15:30:00Z,3,high,portal

            """, "cases.csv", in: folder)
        write(
            """
            case_id,at,type,value,actor
            C-1,2026-10-05T09:00:00Z,update,,support
            C-1,2026-10-05T10:00:00Z,status,waiting_on_customer,support
            C-1,2026-10-09T10:00:00Z,status,closed,support

            """, "case_events.csv", in: folder)
        write(
            """
            escalation_id,case_id,requested_at,reason,channel
            E-1,C-1,2026-10-05T12:10:00Z,business_impact,phone

            """, "escalations.csv", in: folder)
        let r = try run(
            slacheckBinary, ["explain", "--input", folder.path, "--as-of", "2026-10-06T00:00:00Z", "C-1"])
        #expect(r.status == 0, "\(r.stderr)")
        // UTC calendar 08:00-17:00: Fri 15:30-17:00 is 1h30m, the weekend skipped, Mon 08:00-09:00 1h.
        #expect(r.stdout.contains("    Fri 2026-10-02  15:30–17:00  1h 30m\n"))
        #expect(r.stdout.contains("    Sat 2026-10-03  skipped: weekend\n"))
        #expect(r.stdout.contains("    Sun 2026-10-04  skipped: weekend\n"))
        #expect(r.stdout.contains("    Mon 2026-10-05  08:00–09:00  1h\n"))
        #expect(r.stdout.contains("  verdict: met — responded after 2h 30m on the business clock"))
        #expect(
            r.stdout.contains(
                "    high-priority-too-soon  priority high, last update 2026-10-05T10:00:00Z ("
                    + "\(folder.path)/case_events.csv:3), 2h 10m before the request < 24h → broken\n"))
        #expect(r.stdout.contains("    awaiting-customer       status at request: waiting_on_customer → broken\n"))
        #expect(r.stdout.contains("Not happened yet at as-of"))
        #expect(r.stdout.contains("    2026-10-09T10:00:00Z  status → closed by support"))
    }

    /// An event log: every event's source, the timeline's heading, the tie note and a rejected
    /// row name the log and its line, never case_events.csv (which was not read).
    @Test("--event-log: sources name the log and its lines")
    func eventLogSources() throws {
        let folder = temporaryFolder("explain-event-log")
        let profile = write(
            """
            timezone = "UTC"
            [event_log]
            case_id = "Case"
            timestamp = "At"
            activity = "Activity"
            [event_log.attributes]
            severity = "Sev"
            [event_log.activities]
            created = ["Open"]
            severity_changed = ["Triage"]
            first_response = ["Reply"]
            [event_log.status]
            "Close" = "closed"

            """, "profile.toml", in: folder)
        // Line 5 is rejected (hour 25); the Triage at the opening instant ties with the row's severity.
        let log = write(
            """
            Case,At,Activity,Sev
            A,2026-10-05T09:00:00Z,Open,3
            A,2026-10-05T09:00:00Z,Triage,2
            A,2026-10-05T10:00:00Z,Reply,2
            A,2026-10-05T25:00:00Z,Reply,2
            A,2026-10-06T10:00:00Z,Close,2

            """, "log.csv", in: folder)
        let r = try run(slacheckBinary, ["explain", "--event-log", log, "--config", profile, "A"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("case_events"), "\(r.stdout)")
        #expect(r.stdout.contains("Case A, read from \(log):2\n"))
        #expect(r.stdout.contains("  note: a row with this id was rejected and is not used: \(log):5: "))
        #expect(r.stdout.contains("Timeline (row values and rows of \(log) up to as-of; state in force after each)\n"))
        #expect(r.stdout.contains("  2026-10-05T09:00:00Z  severity → 2  [\(log):3]\n"))
        #expect(r.stdout.contains("this one wins (an event from \(log) beats the row's value)\n"))
        #expect(r.stdout.contains("  source: the earliest first_response event, \(log):4: 2026-10-05T10:00:00Z\n"))
    }

    @Test("--help shows an example; a bad --period is a usage error")
    func helpAndUsage() throws {
        let help = try explain(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("slacheck explain --input exports/ C-000123"))
        let bad = try explain(Self.sampleArgs + ["--period", "October", "C-0100002"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--period October"))
    }

    @Test("Targets beyond first response and exclusions, on the hand-computed v2-targets set")
    func targetsAndExclusions() throws {
        let set = [
            "--input", "Tests/reference/cases/v2-targets", "--config", "Tests/reference/cases/v2-targets/slacheck.toml",
        ]
        // R1 (NOTES.md): resolution paused twice by waiting_on_customer; 16h of business time,
        // exactly its 2d (16h) target; deadline Fri 11-06 12:00; met.
        let r1 = try explain(set + ["--as-of", "2026-11-30T00:00:00Z", "R1"])
        #expect(r1.status == 0, "\(r1.stderr)")
        let resolution = r1.stdout.components(separatedBy: "Resolution (SPEC 3.8)").last ?? ""
        #expect(
            resolution.contains("paused from 2026-11-02T14:00:00Z to 2026-11-03T11:00:00Z: status waiting_on_customer"))
        #expect(
            resolution.contains("paused from 2026-11-04T10:00:00Z to 2026-11-05T15:00:00Z: status waiting_on_customer"))
        #expect(resolution.contains("running time: 16h"))
        #expect(resolution.contains("deadline: 2026-11-06T12:00:00Z"))
        #expect(resolution.contains("verdict: met"))
        // F1 (NOTES.md): first response under a contract with pause_on waiting_on_customer:
        // 10:00-15:30 is 5h30 of business time, less the 3h paused (11:00-14:00): 2h30 <= 4h, met;
        // the running time reaches 4h at 17:00.
        let f1 = try explain(set + ["--as-of", "2026-11-30T00:00:00Z", "F1"])
        let response = f1.stdout.components(separatedBy: "First response (SPEC 3.1)").last ?? ""
        #expect(
            response.contains("paused from 2026-11-25T11:00:00Z to 2026-11-25T14:00:00Z: status waiting_on_customer"))
        #expect(
            response.contains(
                "deadline (the earliest instant the running time reaches the target): 2026-11-25T17:00:00Z"))
        #expect(response.contains("verdict: met — responded after 2h 30m"))
        // P1 is excluded from every target by line 2 of exclusions.csv.
        let p1 = try explain(set + ["--as-of", "2026-11-30T00:00:00Z", "P1"])
        #expect(p1.stdout.contains("Exclusions (SPEC 3.10)"))
        #expect(
            p1.stdout.contains(
                "all (Tests/reference/cases/v2-targets/exclusions.csv:2): Carrier outage outside the platform, "
                    + "agreed with the customer, approved by J. Doe"))
    }
}
