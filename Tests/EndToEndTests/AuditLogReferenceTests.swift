import Foundation
import Testing

/// A ServiceNow-shaped incident audit export (Fixtures/servicenow-audit: one row per update, each
/// carrying the incident's fields as of that update) read through its profile with audit-log
/// semantics on and off: every figure equals an independent computation. The independent side is
/// Tests/reference/eventlog_convert.py (the profile semantics of docs/event-logs.md, written
/// without the Swift sources), which turns the export into the three plain inputs, and
/// slacheck_ref.py, which computes every figure of those.
@Suite("A ServiceNow audit export matches the independent reference", .serialized)
struct AuditLogReferenceTests {
    static let fixture = packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/servicenow-audit")
    static let log = fixture.appendingPathComponent("incidents-audit.csv").path
    static let converter = packageRoot.appendingPathComponent("Tests/reference/eventlog_convert.py").path

    /// Runs slacheck on the export and the reference on its conversion; compares every figure.
    /// Returns slacheck's JSON report.
    @discardableResult
    func compare(profile name: String, period: String) throws -> [String: Any] {
        let profile = Self.fixture.appendingPathComponent("\(name).toml").path
        let converted = temporaryFolder("converted")
        let conversion = try run(
            "/usr/bin/env",
            ["python3", Self.converter, "--event-log", Self.log, "--profile", profile, "--out", converted.path])
        try #require(conversion.status == 0, "converter failed: \(conversion.stderr)")
        let summary = try jsonObject(conversion.stdout)
        let asOf = try #require(summary["as_of"] as? String)

        // Two agreed exclusions (also read with an event log), given to both sides.
        let exclusions = Self.fixture.appendingPathComponent("exclusions.csv").path
        let out = temporaryFolder("audit")
        let ours = try slacheck(
            "report", "--event-log", Self.log, "--config", profile, "--exclusions", exclusions, "--period", period,
            "--out", out.path)
        try #require(ours.status == 0, "\(ours.stderr)")
        // The reference reads the converted inputs; as-of is the export's (the conversion keeps
        // only the instants the figures need), and slacheck's default as-of must equal it.
        let theirs = try run(
            "/usr/bin/env",
            [
                "python3", ReferenceComparisonTests.reference, "--input", converted.path, "--config",
                converted.appendingPathComponent("slacheck.toml").path, "--exclusions", exclusions, "--period",
                period, "--as-of", asOf,
            ])
        try #require(theirs.status == 0, "reference failed: \(theirs.stderr)")
        let json = out.appendingPathComponent("sla-\(period).json")
        try ReferenceComparisonTests().compareFigures(
            json, theirs.stdout, csvFolder: out, period: period, v2: false, targets: true)

        let report = try jsonObject(String(contentsOf: json, encoding: .utf8))
        #expect(value(report, "as_of") as? String == asOf, "\(name) \(period): as-of")
        #expect(
            (value(report, "data_quality.files.0.rows_read") as? NSNumber)?.intValue
                == (summary["rows"] as? NSNumber)?.intValue, "\(name) \(period): rows read")
        let rejected = (summary["rejected"] as? [String: NSNumber] ?? [:]).values.reduce(0) { $0 + $1.intValue }
        #expect((value(report, "data_quality.files.0.rows_rejected") as? NSNumber)?.intValue == rejected)
        #expect(
            (value(report, "data_quality.findings.unknown-value") as? NSNumber)?.intValue
                == (summary["unknown_value"] as? NSNumber)?.intValue, "\(name) \(period): unknown-value")
        return report
    }

    @Test("Audit-log semantics on: three months")
    func audit() throws {
        var months: [[String: Any]] = []
        for period in ["2024-02", "2024-03", "2024-04"] { months.append(try compare(profile: "audit", period: period)) }
        // Not vacuous: March has re-prioritised cases, a reopen, escalations breaking rules, and
        // the Walk-in contacts blanked.
        let march = months[1]
        let changed = (0..<4).reduce(0) { total, s in
            ["upgraded", "downgraded"].reduce(total) {
                $0
                    + ((value(march, "response_times.by_severity.\(s).redeterminations.\($1)") as? NSNumber)?.intValue
                        ?? 0)
            }
        }
        #expect(changed > 0)
        #expect(((value(march, "resolution.reopened") as? NSNumber)?.intValue ?? 0) > 0)
        #expect(((value(march, "escalations.invalid") as? NSNumber)?.intValue ?? 0) > 0)
        #expect(((value(march, "data_quality.findings.unknown-value") as? NSNumber)?.intValue ?? 0) > 0)
    }

    @Test("Audit-log semantics off (the same export read as a snapshot): three months")
    func snapshot() throws {
        var months: [[String: Any]] = []
        for period in ["2024-02", "2024-03", "2024-04"] {
            months.append(try compare(profile: "snapshot", period: period))
        }
        // Read as a snapshot, nothing is ever re-prioritised, and the March groups differ from
        // the audit reading's (final priorities instead of opening ones).
        for s in 0..<4 {
            for k in ["upgraded", "downgraded"] {
                #expect(
                    (value(months[1], "response_times.by_severity.\(s).redeterminations.\(k)") as? NSNumber)?.intValue
                        == 0)
            }
        }
        let audit = try compare(profile: "audit", period: "2024-03")
        let groups = { (r: [String: Any]) in
            (0..<4).map { value(r, "response_times.by_severity.\($0).cases") as? NSNumber }
        }
        #expect(groups(audit) != groups(months[1]))
    }
}
