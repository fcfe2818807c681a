import Foundation
import Testing

/// The two real event logs (Helpdesk, BPI Challenge 2013 incidents) read through their profiles
/// in samples/profiles: complete reports, no rejected row, and figures equal to an independent
/// computation (Tests/reference/eventlog_ref.py, plain Python from the profile semantics).
/// The real logs, committed in the repository with their sources (data/real/*/SOURCE.md).
private let realData = packageRoot.appendingPathComponent("data/real")

@Suite("Real event logs", .serialized)
struct RealLogTests {
    static let helpdesk = realData.appendingPathComponent("helpdesk/helpdesk.csv").path
    static let bpic2013 = realData.appendingPathComponent("bpic2013/bpic2013_incidents.csv").path
    static let reference = packageRoot.appendingPathComponent("Tests/reference/eventlog_ref.py").path

    static func profile(_ name: String) -> String {
        packageRoot.appendingPathComponent("samples/profiles/\(name).toml").path
    }

    /// slacheck's JSON report of `log` for `period` (or `from`..`to`).
    func report(_ log: String, _ profile: String, _ range: [String]) throws -> (json: [String: Any], out: URL) {
        let out = temporaryFolder("real")
        let r = try run(slacheckBinary, ["report", "--event-log", log, "--config", profile, "--out", out.path] + range)
        try #require(r.status == 0, "\(r.stderr)")
        let label = range.count == 2 ? range[1] : "\(range[1])_\(range[3])"
        let name = try FileManager.default.contentsOfDirectory(atPath: out.path)
            .first { $0.hasPrefix("sla-") && $0.hasSuffix(".json") }
        let file = try #require(name, "no JSON report for \(label)")
        return (try jsonObject(try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)), out)
    }

    /// The reference's figures.
    func referenceFigures(_ log: String, _ profile: String, _ period: String) throws -> [String: Any] {
        let r = try run(
            "/usr/bin/env", ["python3", Self.reference, "--event-log", log, "--profile", profile, "--period", period])
        try #require(r.status == 0, "reference failed: \(r.stderr)")
        return try jsonObject(r.stdout)
    }

    func same(_ x: Any?, _ y: Any?) -> Bool {
        switch (x, y) {
        case (nil, nil), (is NSNull, nil), (nil, is NSNull), (is NSNull, is NSNull): return true
        case (let p as NSNumber, let q as NSNumber): return abs(p.doubleValue - q.doubleValue) < 0.001
        default: return false
        }
    }

    /// The month's figures equal the reference's; no row is rejected; no finding.
    func check(_ log: String, _ profileName: String, _ period: String) throws {
        let profile = Self.profile(profileName)
        let ours = try report(log, profile, ["--period", period]).json
        let theirs = try referenceFigures(log, profile, period)
        #expect((value(ours, "period.start") as? String) == (value(theirs, "period.start") as? String))
        #expect((value(ours, "as_of") as? String) == (value(theirs, "as_of") as? String))
        for s in 0..<4 {
            for key in ["severity", "cases", "responded", "negative_duration"] {
                let x = value(ours, "response_times.by_severity.\(s).\(key)")
                let y = value(theirs, "by_severity.\(s).\(key)")
                #expect(
                    same(x, y),
                    "\(profileName) \(period) severity \(s + 1) \(key): slacheck \(x ?? "nil"), reference \(y ?? "nil")"
                )
            }
            for p in ["p50", "p90"] {
                let x = value(ours, "response_times.by_severity.\(s).seconds.\(p)")
                let y = value(theirs, "by_severity.\(s).\(p)")
                #expect(
                    same(x, y),
                    "\(profileName) \(period) severity \(s + 1) \(p): slacheck \(x ?? "nil"), reference \(y ?? "nil")")
            }
        }
        let escalations = value(ours, "escalations.total")
        #expect(same(escalations, value(theirs, "escalations.period")), "\(profileName) \(period) escalations")
        #expect(same(value(ours, "data_quality.files.0.rows_read"), value(theirs, "rows")))
        #expect(same(value(ours, "data_quality.files.0.rows_rejected"), 0))
        let findings = value(ours, "data_quality.findings") as? [String: Any] ?? [:]
        #expect(!findings.isEmpty && findings.values.allSatisfy { same($0, 0) }, "\(findings)")
    }

    @Test("Helpdesk: the report month and another month match the reference")
    func helpdeskMonths() throws {
        try check(Self.helpdesk, "helpdesk", "2012-07")
        try check(Self.helpdesk, "helpdesk", "2011-11")
    }

    @Test("BPI Challenge 2013: the report month and another month match the reference")
    func bpicMonths() throws {
        try check(Self.bpic2013, "bpic2013", "2012-05")
        try check(Self.bpic2013, "bpic2013", "2012-04")
    }

    @Test("Whole logs: every case and every escalation request is counted", arguments: ["helpdesk", "bpic2013"])
    func wholeLogs(_ name: String) throws {
        let log = name == "helpdesk" ? Self.helpdesk : Self.bpic2013
        let (ours, out) = try report(log, Self.profile(name), ["--from", "2000-01-01", "--to", "2030-01-01"])
        // Reference: any month gives the whole-log totals.
        let theirs = try referenceFigures(log, Self.profile(name), "2012-05")
        #expect(same(value(ours, "submissions.cases"), value(theirs, "cases_total")))
        #expect(same(value(ours, "escalations.total"), value(theirs, "escalations.all")))
        // The published counts (SOURCE.md): 4,580 and 7,554 cases.
        #expect(same(value(ours, "submissions.cases"), name == "helpdesk" ? 4580 : 7554))
        let rejected = try String(contentsOf: out.appendingPathComponent("rejected.csv"), encoding: .utf8)
        #expect(csvRows(rejected).count == 1, "only the header: \(rejected.prefix(500))")
    }

    @Test("A damaged copy of the Helpdesk log: each rejected row is rejected for what is wrong with it")
    func damagedHelpdesk() throws {
        let text = try String(contentsOfFile: Self.helpdesk, encoding: .utf8)
        var lines = text.components(separatedBy: "\r\n").prefix(41).map { $0 }
        func damage(_ line: Int, field: Int, to value: String) {
            var fields = lines[line - 1].components(separatedBy: ",")
            fields[field] = value
            lines[line - 1] = fields.joined(separator: ",")
        }
        damage(3, field: 3, to: "2012/10/32 14:51:01")  // no 32nd of October
        damage(5, field: 11, to: "Value 9")  // not in event_log.values.severity
        damage(7, field: 0, to: "NULL")  // a missing token
        lines[9 - 1] = "Case 3,Closed"  // cut short
        damage(11, field: 3, to: "n/a")
        let folder = temporaryFolder("damaged")
        let log = write(lines.joined(separator: "\r\n"), "helpdesk-damaged.csv", in: folder)
        let r = try run(slacheckBinary, ["validate", "--event-log", log, "--config", Self.profile("helpdesk")])
        #expect(r.status == 3, "validate exits 3 on rejected rows")
        let out = temporaryFolder("damaged-out")
        let rep = try run(
            slacheckBinary,
            [
                "report", "--event-log", log, "--config", Self.profile("helpdesk"), "--period", "2012-10", "--out",
                out.path,
            ])
        try #require(rep.status == 0, "\(rep.stderr)")
        let rows = csvRows(try String(contentsOf: out.appendingPathComponent("rejected.csv"), encoding: .utf8))
        let header = rows.first ?? []
        let line = try #require(header.firstIndex(of: "line"))
        let reason = try #require(header.firstIndex(of: "reason"))
        let column = try #require(header.firstIndex(of: "column"))
        let found = rows.dropFirst().map { "\($0[line]) \($0[reason]) \($0[column])" }
        #expect(
            found == [
                "3 bad-timestamp Complete Timestamp", "5 bad-value seriousness_2", "7 missing-required Case ID",
                "9 wrong-field-count ", "11 missing-required Complete Timestamp",
            ], "\(rows)")
    }
}
