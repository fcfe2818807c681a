import Foundation
import Testing

/// Every figure of a report checked against an independent implementation: the Python
/// reference in Tests/reference, written from SPEC without reading the Swift sources.
@Suite("Report figures match the independent reference", .serialized)
struct ReferenceComparisonTests {
    static let python = "/usr/bin/env"
    static let reference = packageRoot.appendingPathComponent("Tests/reference/slacheck_ref.py").path

    /// Runs slacheck and the reference on the same inputs and compares every shared figure.
    func compare(input: String, config: String, period: String) throws {
        let out = temporaryFolder("ref")
        let ours = try slacheck("report", "--input", input, "--config", config, "--period", period, "--out", out.path)
        #expect(ours.status == 0, "\(ours.stderr)")
        let theirs = try run(
            Self.python, ["python3", Self.reference, "--input", input, "--config", config, "--period", period])
        try #require(theirs.status == 0, "reference failed: \(theirs.stderr)")
        let a = try jsonObject(
            try String(contentsOf: out.appendingPathComponent("sla-\(period).json"), encoding: .utf8))
        let b = try jsonObject(theirs.stdout)

        var paths = ["as_of", "period.start", "period.end", "period.timezone"]
        for s in 0..<4 {
            for k in [
                "severity", "clock", "target_seconds", "cases", "responded", "met", "breached", "pending",
                "negative_duration", "compliance", "seconds.mean", "seconds.p50", "seconds.p90", "seconds.p95",
                "seconds.max",
            ] {
                paths.append("response_times.by_severity.\(s).\(k)")
            }
        }
        paths += [
            "rca.business_days", "rca.incidents", "rca.on_time", "rca.late", "rca.overdue", "rca.pending",
            "rca.compliance", "escalations.total", "escalations.invalid", "escalations.invalid_rate",
            "escalations.decision_audit.approved_invalid", "escalations.decision_audit.rejected_valid",
            "escalations.decision_audit.pending", "escalations.decision_audit.decided_before_request",
            "escalations.decision_audit.p50_seconds",
            "escalations.decision_audit.p90_seconds", "submissions.cases", "submissions.critical_not_by_phone",
            "submissions.incomplete_submission",
        ]
        for rule in [
            "case-not-active", "awaiting-customer", "urgency-change", "rca-too-early", "low-priority",
            "high-priority-too-soon", "already-open", "fedramp-unassigned", "critical-not-by-phone",
        ] {
            paths.append("escalations.by_rule.\(rule)")
        }
        for p in ["none", "critical", "high", "medium", "low"] {
            for s in 1...4 { paths.append("submissions.matrix.\(p).\(s)") }
        }
        for f in [
            "unknown-case", "negative-duration", "missing-required", "bad-timestamp", "bad-value",
            "wrong-field-count", "duplicate-id",
        ] {
            paths.append("data_quality.findings.\(f)")
        }
        for path in paths {
            let x = value(a, path)
            let y = value(b, path)
            // A mistyped path would compare nil with nil; every path must exist in both.
            #expect(x != nil && y != nil, "\(path) is missing")
            #expect(same(x, y), "\(path): slacheck \(String(describing: x)), reference \(String(describing: y))")
        }
        // Redeterminations: the reference lists them per severity.
        for s in 0..<4 {
            for k in ["upgraded", "downgraded"] {
                let x = value(a, "response_times.by_severity.\(s).redeterminations.\(k)")
                let y = value(b, "redeterminations.\(s).\(k)")
                #expect(same(x, y), "redeterminations severity \(s + 1) \(k)")
            }
        }
        // Per item: each escalation's broken rules, each RCA verdict.
        let escalationCSV = csvRows(
            try String(contentsOf: out.appendingPathComponent("sla-\(period)-escalations.csv"), encoding: .utf8))
        let ourRules = Dictionary(
            escalationCSV.dropFirst().map { ($0[0], $0[9].split(separator: " ").map(String.init)) },
            uniquingKeysWith: { a, _ in a })
        let theirItems = (value(b, "escalations.items") as? [[String: Any]]) ?? []
        #expect(ourRules.count == theirItems.count)
        for item in theirItems {
            let id = item["escalation_id"] as? String ?? ""
            #expect(ourRules[id] == (item["rules"] as? [String]), "escalation \(id)")
        }
        let theirRCA = (value(b, "rca.items") as? [[String: Any]]) ?? []
        let ourRCA = (value(a, "rca.items") as? [[String: Any]]) ?? []
        #expect(ourRCA.count == theirRCA.count)
        let caseID = { (item: [String: Any]) in item["case_id"] as? String ?? "" }
        for (x, y) in zip(
            ourRCA.sorted { caseID($0) < caseID($1) }, theirRCA.sorted { caseID($0) < caseID($1) })
        {
            #expect(caseID(x) == caseID(y), "RCA items of different cases")
            #expect(same(x["verdict"], y["verdict"]) && same(x["due_at"], y["due_at"]), "RCA \(caseID(x))")
        }
    }

    /// Equal, with numbers compared to 0.001 (means and rates are rounded in our JSON).
    func same(_ x: Any?, _ y: Any?) -> Bool {
        switch (x, y) {
        case (nil, nil): return true
        case (is NSNull, nil), (nil, is NSNull), (is NSNull, is NSNull): return true
        case (let p as NSNumber, let q as NSNumber): return abs(p.doubleValue - q.doubleValue) < 0.001
        case (let p as String, let q as String): return p == q
        default: return false
        }
    }

    @Test("The committed sample month")
    func samples() throws {
        let dir = packageRoot.appendingPathComponent("samples").path
        try compare(input: dir, config: dir + "/slacheck.toml", period: "2026-10")
        try compare(input: dir, config: dir + "/slacheck.toml", period: "2026-09")
    }

    @Test("A generated quarter in New York, across both DST switches")
    func newYork() throws {
        let dir = temporaryFolder("ny")
        let gen = try slacheck(
            "generate", "--cases", "2500", "--seed", "11", "--from", "2026-02-01", "--to", "2026-05-01", "--months",
            "3",
            "--timezone", "America/New_York", "--messy", "--out", dir.path)
        try #require(gen.status == 0, "\(gen.stderr)")
        let config = write(
            """
            timezone = "America/New_York"
            [calendar]
            holidays = ["2026-02-16", "2026-04-03"]
            [targets.first_response]
            2 = { target = "3h", clock = "business" }
            4 = { target = "2d", clock = "business" }
            [rca]
            business_days = 3
            """, "slacheck.toml", in: dir)
        for month in ["2026-02", "2026-03", "2026-04"] { try compare(input: dir.path, config: config, period: month) }
    }
}
