import Foundation
import Testing

/// Every figure of a report checked against an independent implementation: the Python
/// reference in Tests/reference, written from SPEC without reading the Swift sources.
@Suite("Report figures match the independent reference", .serialized)
struct ReferenceComparisonTests {
    static let python = "/usr/bin/env"
    static let reference = packageRoot.appendingPathComponent("Tests/reference/slacheck_ref.py").path

    /// Runs slacheck and the reference on the same inputs and compares every shared figure;
    /// with `organizations`, also the v2 figures (tiers, organizations) and the per-customer
    /// reports of those org ids against the reference's `--org`.
    /// With `targets`, also every figure of restoration, resolution, update and the exclusions
    /// (`compareTargets`); `asOf` is given to both.
    @discardableResult
    func compare(
        input: String, config: String, period: String, organizations: [String]? = nil, asOf: String? = nil,
        targets: Bool = false
    ) throws -> URL {
        let out = temporaryFolder("ref")
        var arguments = ["report", "--input", input, "--config", config, "--period", period, "--out", out.path]
        var shared: [String] = []
        if let asOf { shared = ["--as-of", asOf] }
        if organizations != nil { arguments.append("--per-org") }
        let ours = try run(slacheckBinary, arguments + shared)
        #expect(ours.status == 0, "\(ours.stderr)")
        let theirs = try run(
            Self.python, ["python3", Self.reference, "--input", input, "--config", config, "--period", period] + shared)
        try #require(theirs.status == 0, "reference failed: \(theirs.stderr)")
        try compareFigures(
            out.appendingPathComponent("sla-\(period).json"), theirs.stdout,
            csvFolder: out, period: period, v2: organizations != nil, targets: targets)
        for org in organizations ?? [] {
            let name = try run(Self.python, ["python3", Self.reference, "--per-org-name", org]).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let folder = out.appendingPathComponent("orgs").appendingPathComponent(name)
            let own = try run(
                Self.python,
                ["python3", Self.reference, "--input", input, "--config", config, "--period", period, "--org", org]
                    + shared)
            try #require(own.status == 0, "reference --org \(org) failed: \(own.stderr)")
            try compareFigures(
                folder.appendingPathComponent("sla-\(period).json"), own.stdout, csvFolder: folder, period: period,
                v2: true, targets: targets)
        }
        return out
    }

    /// Compares one report's JSON (and its CSV items) with the reference's output.
    func compareFigures(
        _ json: URL, _ reference: String, csvFolder out: URL, period: String, v2: Bool, targets: Bool = false
    ) throws {
        let a = try jsonObject(try String(contentsOf: json, encoding: .utf8))
        let b = try jsonObject(reference)
        if v2 { compareV2(a, b) }
        if targets { try compareTargets(a, b, csvFolder: out, period: period) }

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
        // `[checks] disabled`: both name the same checks, and a disabled rule has no count in either.
        for list in ["escalations.disabled", "submissions.disabled"] {
            let x = value(a, list) as? [String]
            #expect(x != nil && x == value(b, list) as? [String], "\(list): slacheck \(String(describing: x))")
        }
        let disabled = Set(value(a, "escalations.disabled") as? [String] ?? [])
        for rule in [
            "case-not-active", "awaiting-customer", "urgency-change", "rca-too-early", "low-priority",
            "high-priority-too-soon", "already-open", "fedramp-unassigned", "critical-not-by-phone",
        ] {
            if disabled.contains(rule) {
                #expect(value(a, "escalations.by_rule.\(rule)") == nil, "\(rule) is disabled but counted")
                #expect(value(b, "escalations.by_rule.\(rule)") == nil, "\(rule) is disabled: reference counts it")
            } else {
                paths.append("escalations.by_rule.\(rule)")
            }
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
            // Means: ours has 2 decimals, the reference's 3.
            let tolerance = path.hasSuffix(".mean") ? 0.0051 : 0.001
            #expect(
                same(x, y, tolerance: tolerance),
                "\(path): slacheck \(String(describing: x)), reference \(String(describing: y))")
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
        // Per case: the first-response verdict of every case of the population.
        let casesCSV = csvRows(
            try String(contentsOf: out.appendingPathComponent("sla-\(period)-cases.csv"), encoding: .utf8))
        let header = casesCSV.first ?? []
        let verdictColumn = header.firstIndex(of: "verdict") ?? 9
        let ourVerdicts = Dictionary(
            casesCSV.dropFirst().map { ($0[0], $0[verdictColumn]) }, uniquingKeysWith: { a, _ in a })
        let theirResponses = (value(b, "response_times.items") as? [[String: Any]]) ?? []
        #expect(ourVerdicts.count == theirResponses.count)
        for item in theirResponses {
            let id = caseID(item)
            #expect(ourVerdicts[id] == item["verdict"] as? String, "case \(id): first-response verdict")
        }
    }

    /// The v2 figures: the unknown-organization finding, first response per tier (by name) and
    /// per organization (by org_id).
    func compareV2(_ a: [String: Any], _ b: [String: Any]) {
        let x = value(a, "data_quality.findings.unknown-organization")
        let y = value(b, "data_quality.findings.unknown-organization")
        #expect(
            same(x ?? 0, y ?? 0),
            "unknown-organization: slacheck \(String(describing: x)), reference \(String(describing: y))")
        func keyed(_ list: Any?, _ key: String) -> [String: [String: Any]] {
            Dictionary(
                ((list as? [[String: Any]]) ?? []).map { ($0[key] as? String ?? "", $0) },
                uniquingKeysWith: { a, _ in a })
        }
        let ourTiers = keyed(value(a, "response_times.by_tier"), "tier")
        let theirTiers = keyed(value(b, "response_times.by_tier"), "tier")
        #expect(Set(ourTiers.keys) == Set(theirTiers.keys))
        for (tier, ours) in ourTiers {
            for s in 0..<4 {
                for k in [
                    "cases", "met", "breached", "pending", "compliance", "clock", "target_seconds", "seconds.p50",
                ] {
                    let path = "by_severity.\(s).\(k)"
                    #expect(
                        same(value(ours, path), theirTiers[tier].flatMap { value($0, path) }),
                        "tier \(tier) \(path): slacheck \(String(describing: value(ours, path)))")
                }
            }
        }
        let ourOrgs = keyed(value(a, "organizations"), "org_id")
        let theirOrgs = keyed(value(b, "organizations"), "org_id")
        #expect(ourOrgs.count == theirOrgs.count && !ourOrgs.isEmpty)
        #expect(Set(ourOrgs.keys) == Set(theirOrgs.keys))
        for (org, ours) in ourOrgs {
            for k in [
                "name", "tier", "timezone", "calendar", "cases", "first_response.met", "first_response.breached",
                "first_response.pending", "first_response.compliance", "escalations.total", "escalations.invalid",
            ] {
                #expect(
                    same(value(ours, k), theirOrgs[org].flatMap { value($0, k) }),
                    "organization \(org) \(k): slacheck \(String(describing: value(ours, k))), reference \(String(describing: theirOrgs[org].flatMap { value($0, k) }))"
                )
            }
        }
    }

    /// The v2 targets (SPEC 3.7-3.11): every row of restoration, resolution and update per severity
    /// and per tier, the exclusion counts and `compliance_raw` of first response and RCA, the
    /// exclusions list, each organization's figures per kind, and each case's verdict, seconds and
    /// deadline per kind and its exclusions (the cases CSV's columns).
    func compareTargets(_ a: [String: Any], _ b: [String: Any], csvFolder out: URL, period: String) throws {
        func text(_ x: Any?) -> String { x.map { "\($0)" } ?? "nil" }
        func check(_ what: String, _ x: Any?, _ y: Any?, tolerance: Double = 0.001) {
            // Instants: ours are in milliseconds, the reference's in microseconds.
            if let p = (x as? String).flatMap(Self.instantSeconds), let q = (y as? String).flatMap(Self.instantSeconds)
            {
                #expect(abs(p - q) < 0.001, "\(what): slacheck \(text(x)), reference \(text(y))")
                return
            }
            #expect(same(x, y, tolerance: tolerance), "\(what): slacheck \(text(x)), reference \(text(y))")
        }
        func rows(_ list: Any?) -> [Int: [String: Any]] {
            Dictionary(
                ((list as? [[String: Any]]) ?? []).map { (($0["severity"] as? NSNumber)?.intValue ?? 0, $0) },
                uniquingKeysWith: { x, _ in x })
        }
        let rowKeys = [
            "clock", "target_seconds", "cases", "responded", "met", "breached", "pending", "excluded", "compliance",
            "compliance_raw", "seconds.p50", "seconds.p90", "seconds.p95", "seconds.max",
        ]
        func compareRows(_ what: String, _ ours: Any?, _ theirs: Any?, kind: String) {
            let x = rows(ours)
            let y = rows(theirs)
            #expect(x.keys.sorted() == y.keys.sorted(), "\(what): severities \(x.keys.sorted()) != \(y.keys.sorted())")
            for (severity, row) in x {
                var keys = rowKeys
                if kind == "resolution" { keys.append("reopened") }
                for k in keys {
                    check("\(what) severity \(severity) \(k)", value(row, k), y[severity].flatMap { value($0, k) })
                }
                // Means: ours has 3 decimals, as the reference's.
                check(
                    "\(what) severity \(severity) seconds.mean", value(row, "seconds.mean"),
                    y[severity].flatMap { value($0, "seconds.mean") }, tolerance: 0.0051)
            }
        }
        // First response and RCA: exclusions and compliance_raw.
        for s in 0..<4 {
            for k in ["excluded", "compliance_raw"] {
                let path = "response_times.by_severity.\(s).\(k)"
                check(path, value(a, path), value(b, path))
            }
        }
        for k in ["excluded", "compliance_raw"] { check("rca.\(k)", value(a, "rca.\(k)"), value(b, "rca.\(k)")) }
        compareTiers("response_times", a, b, keys: ["excluded", "compliance_raw"])

        let casesCSV = csvRows(
            try String(contentsOf: out.appendingPathComponent("sla-\(period)-cases.csv"), encoding: .utf8))
        let header = casesCSV.first ?? []
        let caseRows = Dictionary(
            casesCSV.dropFirst().map { ($0[0], Dictionary(uniqueKeysWithValues: zip(header, $0))) },
            uniquingKeysWith: { x, _ in x })
        for kind in ["restoration", "resolution", "update"] {
            compareRows(kind, value(a, "\(kind).by_severity"), value(b, "\(kind).by_severity"), kind: kind)
            check(
                "\(kind).pause_on", (value(a, "\(kind).pause_on") as? [String])?.joined(separator: ","),
                (value(b, "\(kind).pause_on") as? [String])?.joined(separator: ","))
            if kind == "resolution" {
                check("resolution.reopened", value(a, "resolution.reopened"), value(b, "resolution.reopened"))
            }
            let ourTiers = (value(a, "\(kind).by_tier") as? [[String: Any]]) ?? []
            let theirTiers = (value(b, "\(kind).by_tier") as? [[String: Any]]) ?? []
            #expect(
                ourTiers.count == theirTiers.count,
                "\(kind).by_tier: \(ourTiers.count) tiers, reference \(theirTiers.count)")
            for tier in ourTiers {
                let name = tier["tier"] as? String ?? ""
                let theirs = theirTiers.first { $0["tier"] as? String == name }
                compareRows("\(kind) tier \(name)", tier["by_severity"], theirs?["by_severity"], kind: kind)
            }
            // Each case's verdict, figure and deadline: the cases CSV's columns.
            let theirItems = ((value(b, "\(kind).items") as? [[String: Any]]) ?? []).filter {
                $0["verdict"] as? String != "negative-duration"
            }
            let column = "\(kind)_verdict"
            let measured = header.contains(column)
            let ourVerdicts = caseRows.compactMapValues { row in row[column].flatMap { $0.isEmpty ? nil : $0 } }
            #expect(
                ourVerdicts.count == theirItems.count,
                "\(kind): \(ourVerdicts.count) cases with a verdict, reference \(theirItems.count)")
            #expect(measured || theirItems.isEmpty, "\(kind): no verdict column")
            for item in theirItems {
                let id = item["case_id"] as? String ?? ""
                check("case \(id) \(kind) verdict", ourVerdicts[id], item["verdict"])
                let excluded = caseRows[id]?["excluded_from"]?.split(separator: " ").contains { $0 == kind }
                check("case \(id) \(kind) excluded", excluded.map { $0 as NSNumber }, item["excluded"])
                // Empty cells are nulls, numbers are numbers.
                func cell(_ column: String) -> Any? {
                    guard let text = caseRows[id]?["\(kind)_\(column)"] else { return nil }
                    if text.isEmpty { return NSNull() }
                    return Double(text).map { NSNumber(value: $0) } ?? text
                }
                check("case \(id) \(kind) seconds", cell("seconds"), item["seconds"])
                check("case \(id) \(kind) deadline", cell("deadline"), item["deadline"])
            }
        }
        // The exclusions list: same order (by case_id, file order within a case), same fields.
        let ourExclusions = (value(a, "exclusions") as? [[String: Any]]) ?? []
        let theirExclusions = (value(b, "exclusions") as? [[String: Any]]) ?? []
        #expect(
            ourExclusions.count == theirExclusions.count,
            "exclusions: \(ourExclusions.count) listed, reference \(theirExclusions.count)")
        for (x, y) in zip(ourExclusions, theirExclusions) {
            let id = y["case_id"] as? String ?? ""
            for k in ["case_id", "target", "reason", "approved_by"] { check("exclusion \(id) \(k)", x[k], y[k]) }
            if let verdicts = y["verdict"] as? [String: String] {
                #expect(x["verdict"] as? [String: String] == verdicts, "exclusion \(id) verdict: \(text(x["verdict"]))")
            } else {
                check("exclusion \(id) verdict", x["verdict"], y["verdict"])
            }
        }
        // Organizations: every kind's figures.
        let ourOrgs = (value(a, "organizations") as? [[String: Any]]) ?? []
        let theirOrgs = Dictionary(
            ((value(b, "organizations") as? [[String: Any]]) ?? []).map { ($0["org_id"] as? String ?? "", $0) },
            uniquingKeysWith: { x, _ in x })
        #expect(ourOrgs.count == theirOrgs.count)
        for org in ourOrgs {
            let id = org["org_id"] as? String ?? ""
            for kind in ["first_response", "restoration", "resolution", "update"] {
                for k in ["met", "breached", "pending", "excluded", "compliance"] {
                    let path = "\(kind).\(k)"
                    check("organization \(id) \(path)", value(org, path), theirOrgs[id].flatMap { value($0, path) })
                }
            }
        }
    }

    /// Seconds since 1970 of an RFC 3339 UTC instant (`2026-11-02T16:13:26.064741Z`); nil for other text.
    static func instantSeconds(_ s: String) -> Double? {
        guard s.hasSuffix("Z"), s.count >= 20 else { return nil }
        let whole = String(s.prefix(19)) + "Z"
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: whole) else { return nil }
        let fraction = s.dropFirst(19).dropLast()
        guard fraction.isEmpty || fraction.first == "." else { return nil }
        return date.timeIntervalSince1970 + (fraction.isEmpty ? 0 : Double("0" + fraction) ?? 0)
    }

    /// `keys` of every `by_tier` row of `block` (matched by tier name and position).
    func compareTiers(_ block: String, _ a: [String: Any], _ b: [String: Any], keys: [String]) {
        let ours = (value(a, "\(block).by_tier") as? [[String: Any]]) ?? []
        let theirs = (value(b, "\(block).by_tier") as? [[String: Any]]) ?? []
        for tier in ours {
            let name = tier["tier"] as? String ?? ""
            let match = theirs.first { $0["tier"] as? String == name }
            for s in 0..<4 {
                for k in keys {
                    let path = "by_severity.\(s).\(k)"
                    let x = value(tier, path)
                    let y = match.flatMap { value($0, path) }
                    #expect(
                        same(x, y),
                        "\(block) tier \(name) \(path): slacheck \(String(describing: x)), reference \(String(describing: y))"
                    )
                }
            }
        }
    }

    /// Equal, with numbers compared to 0.001 (means and rates are rounded in our JSON).
    func same(_ x: Any?, _ y: Any?, tolerance: Double = 0.001) -> Bool {
        switch (x, y) {
        case (nil, nil): return true
        case (is NSNull, nil), (nil, is NSNull), (is NSNull, is NSNull): return true
        case (let p as NSNumber, let q as NSNumber): return abs(p.doubleValue - q.doubleValue) < tolerance
        case (let p as String, let q as String): return p == q
        default: return false
        }
    }

    @Test("The committed sample month")
    func samples() throws {
        let dir = packageRoot.appendingPathComponent("samples").path
        // With per-customer reports: a premium customer on the weekend calendar, one on the us
        // calendar, one whose organizations.csv row is rejected (Mars/Olympus), one absent; and
        // every figure of restoration, resolution, update and the exclusions.
        try compare(
            input: dir, config: dir + "/slacheck.toml", period: "2026-10",
            organizations: ["ORG-46777", "ORG-30939", "ORG-28048", "ORG-83481"], targets: true)
        try compare(input: dir, config: dir + "/slacheck.toml", period: "2026-09", targets: true)
    }

    @Test("Checks disabled: the sample month and a generated customer base, per-customer reports too")
    func checksDisabled() throws {
        let dir = packageRoot.appendingPathComponent("samples").path
        let folder = temporaryFolder("checks")
        let base = try String(contentsOfFile: dir + "/slacheck.toml", encoding: .utf8)
        let config = write(
            base + "\n[checks]\ndisabled = [\"fedramp-unassigned\", \"critical-not-by-phone\", \"already-open\"]\n",
            "checks.toml", in: folder)
        let out = try compare(
            input: dir, config: config, period: "2026-10", organizations: ["ORG-46777", "ORG-30939", "ORG-83481"])
        // Not vacuous: with every rule applied, some escalations broke only these three, and some cases
        // failed the submission check; both now count nothing.
        let all = try compare(input: dir, config: dir + "/slacheck.toml", period: "2026-10")
        let ours = try jsonObject(String(contentsOf: out.appendingPathComponent("sla-2026-10.json"), encoding: .utf8))
        let before = try jsonObject(String(contentsOf: all.appendingPathComponent("sla-2026-10.json"), encoding: .utf8))
        let count = { (doc: [String: Any], path: String) in (value(doc, path) as? NSNumber)?.intValue ?? -1 }
        #expect(count(ours, "escalations.invalid") < count(before, "escalations.invalid"))
        #expect(count(before, "submissions.critical_not_by_phone") > 0)
        #expect(value(ours, "submissions.critical_not_by_phone") is NSNull)

        // A generated customer base over six zones with other checks disabled, spelled as the JSON keys.
        let gen = try slacheck(
            "generate", "--cases", "2500", "--seed", "41", "--from", "2026-03-01", "--to", "2026-05-01", "--months",
            "2", "--timezone", "Europe/Berlin", "--zones", "6", "--messy", "--out", folder.path)
        try #require(gen.status == 0, "\(gen.stderr)")
        let generated = try String(contentsOf: folder.appendingPathComponent("slacheck.toml"), encoding: .utf8)
        let other = write(
            generated + "\n[checks]\ndisabled = [\"low_priority\", \"Awaiting-Customer\", \"incomplete_submission\"]\n",
            "other.toml", in: folder)
        let second = try compare(input: folder.path, config: other, period: "2026-04", organizations: [])
        let doc = try jsonObject(String(contentsOf: second.appendingPathComponent("sla-2026-04.json"), encoding: .utf8))
        #expect(value(doc, "escalations.disabled") as? [String] == ["awaiting-customer", "low-priority"])
        #expect(value(doc, "submissions.disabled") as? [String] == ["incomplete-submission"])
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

    @Test("A generated month with every target, exclusions and case lifecycles, at the export and mid-month")
    func targetsAndExclusions() throws {
        let dir = temporaryFolder("targets")
        let gen = try slacheck(
            "generate", "--cases", "3000", "--seed", "29", "--from", "2026-10-01", "--to", "2026-12-01", "--months",
            "2", "--timezone", "America/New_York", "--zones", "6", "--lifecycle", "--exclusions", "200", "--messy",
            "--out", dir.path)
        try #require(gen.status == 0, "\(gen.stderr)")
        let config = dir.appendingPathComponent("slacheck.toml").path
        // The largest organization and one of each tier, for their own reports.
        let organizations = csvRows(
            try String(contentsOf: dir.appendingPathComponent("organizations.csv"), encoding: .utf8)
        ).dropFirst()
        var chosen = [organizations.first?[0] ?? ""]
        for tier in ["premium", "standard"] {
            if let row = organizations.first(where: { $0.count > 4 && $0[4] == tier }) { chosen.append(row[0]) }
        }
        // Only organizations with a case created in November have a report of their own.
        let cases = csvRows(try String(contentsOf: dir.appendingPathComponent("cases.csv"), encoding: .utf8))
        let november = Set(cases.dropFirst().filter { $0.count > 3 && $0[3].hasPrefix("2026-11") }.map { $0[1] })
        let withReports = Set(chosen).filter { november.contains($0) }.sorted()
        #expect(withReports.count >= 2)
        let out = try compare(
            input: dir.path, config: config, period: "2026-11", organizations: withReports, targets: true)
        // The comparison is not vacuous: every kind has verdicts, exclusions and breaches.
        let doc = try jsonObject(String(contentsOf: out.appendingPathComponent("sla-2026-11.json"), encoding: .utf8))
        for kind in ["restoration", "resolution", "update"] {
            let rows = (value(doc, "\(kind).by_severity") as? [[String: Any]]) ?? []
            #expect(rows.reduce(0) { $0 + (($1["cases"] as? NSNumber)?.intValue ?? 0) } > 0, "\(kind) has no case")
            #expect(((value(doc, "\(kind).excluded") as? NSNumber)?.intValue ?? 0) > 0, "\(kind) has no exclusion")
        }
        #expect(((value(doc, "resolution.reopened") as? NSNumber)?.intValue ?? 0) > 0)
        #expect(((value(doc, "exclusions") as? [[String: Any]]) ?? []).contains { $0["target"] as? String == "all" })
        // Mid-month (a Monday noon in New York): many items still pending, some reopenings not yet.
        let mid = try compare(
            input: dir.path, config: config, period: "2026-11", organizations: [], asOf: "2026-11-16T17:00:00Z",
            targets: true)
        let midDoc = try jsonObject(
            String(contentsOf: mid.appendingPathComponent("sla-2026-11.json"), encoding: .utf8))
        #expect(((value(midDoc, "resolution.by_severity.0.pending") as? NSNumber)?.intValue ?? 0) > 0)
        // October: the month before the contract amendment.
        try compare(input: dir.path, config: config, period: "2026-10", organizations: [], targets: true)
    }

    @Test("A generated multi-zone customer base: calendars, tiers, a contract; per-customer reports too")
    func multiZone() throws {
        let dir = temporaryFolder("zones")
        let gen = try slacheck(
            "generate", "--cases", "4000", "--seed", "17", "--from", "2026-03-01", "--to", "2026-05-01", "--months",
            "2", "--timezone", "Europe/Berlin", "--zones", "20", "--messy", "--out", dir.path)
        try #require(gen.status == 0, "\(gen.stderr)")
        let config = dir.appendingPathComponent("slacheck.toml").path
        // The organizations: the largest, one of each tier and calendar, one left out of the file.
        let organizations = csvRows(
            try String(contentsOf: dir.appendingPathComponent("organizations.csv"), encoding: .utf8)
        ).dropFirst()
        var chosen = [organizations.first?[0] ?? ""]
        for column in [3, 4] {
            for value in Set(organizations.map { $0[column] }) {
                if let row = organizations.first(where: { $0[column] == value }) { chosen.append(row[0]) }
            }
        }
        let listed = Set(organizations.map { $0[0] })
        let cases = csvRows(try String(contentsOf: dir.appendingPathComponent("cases.csv"), encoding: .utf8))
        if let absent = cases.dropFirst().first(where: { $0.count > 1 && !$0[1].isEmpty && !listed.contains($0[1]) }) {
            chosen.append(absent[1])
        }
        // Only organizations with a case created in April have a report of their own.
        let april = Set(cases.dropFirst().filter { $0.count > 3 && $0[3].hasPrefix("2026-04") }.map { $0[1] })
        let withReports = Set(chosen).filter { april.contains($0) }.sorted()
        #expect(withReports.count >= 5)
        try compare(input: dir.path, config: config, period: "2026-04", organizations: withReports)
        // The same with severity_basis = "highest".
        let text = try String(contentsOfFile: config, encoding: .utf8) + "\n[targets]\nseverity_basis = \"highest\"\n"
        let highest = write(text, "highest.toml", in: dir)
        try compare(input: dir.path, config: highest, period: "2026-04", organizations: [])
    }
}
