import Foundation
import SLAReport
import Testing

/// Restoration, resolution, update and the exclusions in every output, for
/// `Fixtures/targets-and-exclusions`; every expected value is worked out in its NOTES.md.
@Suite("Targets and exclusions in every output")
struct TargetsAndExclusionsTests {
    let report: Report
    let doc: [String: Any]

    init() throws {
        report = try TargetsAndExclusions.report()
        doc = try #require(
            try JSONSerialization.jsonObject(with: Data(JSONRenderer.render(report).utf8)) as? [String: Any])
    }

    /// The object or array element at a dotted path (`a.b.0.c`).
    func at(_ path: String) -> Any? {
        var node: Any? = doc
        for part in path.split(separator: ".") {
            if let index = Int(part), let list = node as? [Any] {
                node = index < list.count ? list[index] : nil
            } else {
                node = (node as? [String: Any])?[String(part)]
            }
        }
        return node
    }

    /// `path`'s figures as text (`null` for JSON null, `1` for true), to compare many at once.
    func figures(_ path: String, _ keys: [String]) -> [String] {
        keys.map { key in
            switch at("\(path).\(key)") {
            case is NSNull: "null"
            case let n as NSNumber:
                n.doubleValue == n.doubleValue.rounded()
                    ? String(Int(n.doubleValue)) : JSON.format(n.doubleValue, decimals: 6)
            case let s as String: s
            case let v?: "\(v)"
            case nil: "missing"
            }
        }
    }

    static let rowKeys = [
        "severity", "clock", "target_seconds", "cases", "responded", "met", "breached", "pending", "excluded",
        "compliance", "compliance_raw", "seconds.p50", "seconds.max",
    ]

    // MARK: - JSON

    @Test("JSON: each kind's rows list the severities any table measures, a tier-only one with null clock and target")
    func rows() {
        #expect((at("restoration.by_severity") as? [Any])?.count == 1)
        #expect(
            figures("restoration.by_severity.0", Self.rowKeys) == [
                "1", "24x7", "14400", "2", "2", "1", "0", "0", "1", "1", "0.5", "10800", "21600",
            ])
        #expect((at("resolution.by_severity") as? [Any])?.count == 3)
        #expect(
            figures("resolution.by_severity.0", Self.rowKeys + ["reopened"]) == [
                "1", "24x7", "28800", "3", "3", "2", "0", "0", "1", "1", "0.666667", "21600", "39600", "1",
            ])
        #expect(
            figures("resolution.by_severity.1", Self.rowKeys + ["reopened"]) == [
                "2", "business", "57600", "3", "1", "1", "1", "1", "0", "0.5", "0.5", "50400", "50400", "0",
            ])
        // Severity 3 has gold's entry only: judged on it, but the row has no default clock or target.
        #expect(
            figures("resolution.by_severity.2", Self.rowKeys) == [
                "3", "null", "null", "1", "1", "1", "0", "0", "0", "1", "1", "39600", "39600",
            ])
        #expect(
            figures("update.by_severity.0", Self.rowKeys) == [
                "2", "business", "14400", "3", "3", "0", "1", "1", "1", "0", "0", "39600", "55800",
            ])
        // Rows of other kinds carry neither negative_duration nor redeterminations; only resolution's reopened.
        let row = at("restoration.by_severity.0") as? [String: Any] ?? [:]
        #expect(row["negative_duration"] == nil && row["redeterminations"] == nil && row["reopened"] == nil)
        #expect(
            figures("resolution", ["measured", "compliance", "compliance_raw", "excluded", "reopened"]) == [
                "1", "0.8", "0.666667", "1", "1",
            ])
        #expect(at("resolution.pause_on") as? [String] == ["waiting_on_customer"])
        #expect(at("restoration.pause_on") as? [String] == [])
    }

    @Test("JSON: by_tier per kind, on the tier's entry or else the default's")
    func tiers() {
        #expect(at("resolution.by_tier.0.tier") as? String == "gold")
        #expect(
            figures("resolution.by_tier.0.by_severity.0", ["severity", "clock", "target_seconds", "cases"]) == [
                "1", "24x7", "28800", "0",
            ])
        #expect(
            figures("resolution.by_tier.0.by_severity.2", ["severity", "clock", "target_seconds", "cases", "met"]) == [
                "3", "business", "86400", "1", "1",
            ])
    }

    @Test("JSON: exclusions listed by case_id with the verdicts they removed; D1's (not in October) left out")
    func exclusions() throws {
        let list = try #require(at("exclusions") as? [[String: Any]])
        #expect(list.map { $0["case_id"] as? String } == ["A1", "A2", "C1"])
        #expect(list[0]["target"] as? String == "rca" && list[0]["verdict"] as? String == "on_time")
        #expect(list[0]["reason"] as? String == "line one\nline two")
        #expect(list[1]["reason"] as? String == TargetsAndExclusions.formulaReason)
        #expect(list[1]["approved_by"] as? String == TargetsAndExclusions.markupApprover)
        #expect(
            list[1]["verdict"] as? [String: String] == [
                "first_response": "met", "restoration": "breached", "resolution": "breached", "rca": "overdue",
            ])
        #expect(list[2]["approved_by"] is NSNull && list[2]["verdict"] as? String == "breached")
        // `all`'s object lists the kinds in a fixed order.
        let text = JSONRenderer.render(report)
        let order = ["\"first_response\": \"met\"", "\"restoration\": \"breached\"", "\"rca\": \"overdue\""]
        let positions = order.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == 3 && positions == positions.sorted())
    }

    @Test("JSON: first response and RCA count their exclusions; RCA items say whether they are excluded")
    func excludedCounts() {
        #expect(
            figures("response_times.by_severity.0", ["excluded", "compliance", "compliance_raw"]) == ["1", "1", "1"])
        #expect(figures("response_times", ["excluded", "compliance_raw"]) == ["1", "1"])
        #expect(figures("rca", ["excluded", "compliance", "compliance_raw"]) == ["2", "null", "0.5"])
        #expect(figures("rca.items.0", ["case_id", "excluded"]) == ["A1", "1"])
        // Each case's figures are in the cases CSV, as first response's: no items here.
        #expect(at("resolution.items") == nil)
    }

    @Test("JSON: organizations per kind, zeros and null compliance where a kind has no case")
    func organizations() {
        let kinds = ["first_response", "restoration", "resolution", "update"]
        let keys = ["met", "breached", "pending", "excluded", "compliance"]
        #expect(
            kinds.map { figures("organizations.0.\($0)", keys).joined(separator: " ") } == [
                "5 0 0 1 1", "1 0 0 1 1", "3 1 1 1 0.75", "0 1 1 1 0",
            ])
        #expect(
            kinds.map { figures("organizations.1.\($0)", keys).joined(separator: " ") } == [
                "1 0 0 0 1", "0 0 0 0 null", "1 0 0 0 1", "0 0 0 0 null",
            ])
        #expect(
            figures("trend.1", ["restoration_compliance", "resolution_compliance", "update_compliance"]) == [
                "1", "0.8", "0",
            ])
    }

    @Test("JSON: a kind no table measures is still there, with no rows, tiers or items")
    func unmeasured() throws {
        let text = JSONRenderer.render(try TiersAndOrganizations.report())
        let other = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        for kind in ["restoration", "resolution", "update"] {
            let block = try #require(other[kind] as? [String: Any])
            #expect((block["measured"] as? NSNumber)?.boolValue == false)
            #expect((block["by_severity"] as? [Any])?.isEmpty == true)
            #expect((block["by_tier"] as? [Any])?.isEmpty == true && block["compliance"] is NSNull)
        }
        #expect((other["exclusions"] as? [Any])?.isEmpty == true)
    }

    // MARK: - CSV

    @Test("sla-P-cases.csv: each measured kind's deadline, seconds and verdict, and excluded_from, appended")
    func casesCSV() throws {
        let csv = String(decoding: try CSVRenderer.cases(report), as: UTF8.self)
        let head = "case_id,customer,org_id,severity,created_at,first_response_at,deadline,response_seconds,"
        // A stopped case whose clock stopped short of its target has no deadline (SPEC 2).
        let expected = [
            head + "target_seconds,verdict,tier,timezone,calendar,restoration_deadline,restoration_seconds,"
                + "restoration_verdict,resolution_deadline,resolution_seconds,resolution_verdict,update_deadline,"
                + "update_seconds,update_verdict,excluded_from",
            "A1,,ACME,1,2026-10-05T09:00:00Z,2026-10-05T09:20:00Z,2026-10-05T10:00:00Z,1200,3600,met,,UTC,default,"
                + "2026-10-05T13:00:00Z,10800,met,,21600,met,,,,",
            "A2,,ACME,1,2026-10-06T09:00:00Z,2026-10-06T09:30:00Z,2026-10-06T10:00:00Z,1800,3600,met,,UTC,default,"
                + "2026-10-06T13:00:00Z,21600,breached,2026-10-06T17:00:00Z,39600,breached,,,,"
                + "first_response restoration resolution",
            "B1,,GOLDCO,3,2026-10-07T09:00:00Z,2026-10-07T09:30:00Z,2026-10-07T13:00:00Z,1800,14400,met,gold,UTC,"
                + "default,,,,,39600,met,,,,",
            "C1,,ACME,2,2026-10-12T09:00:00Z,2026-10-12T10:00:00Z,2026-10-12T11:00:00Z,3600,7200,met,,UTC,default,"
                + ",,,,50400,met,2026-10-12T16:00:00Z,39600,breached,update",
            "C2,,ACME,2,2026-10-29T09:00:00Z,2026-10-29T09:30:00Z,2026-10-29T11:00:00Z,1800,7200,met,,UTC,default,"
                + ",,,2026-10-30T17:00:00Z,,breached,2026-10-29T13:30:00Z,55800,breached,",
            "C3,,ACME,2,2026-10-30T15:00:00Z,2026-10-30T15:30:00Z,2026-11-02T09:00:00Z,1800,7200,met,,UTC,default,"
                + ",,,2026-11-03T15:00:00Z,,pending,2026-11-02T11:30:00Z,5400,pending,",
            "R1,,ACME,1,2026-10-20T09:00:00Z,2026-10-20T09:10:00Z,2026-10-20T10:00:00Z,600,3600,met,,UTC,default,"
                + ",,,,10800,met,,,,",
        ]
        #expect(csv == expected.map { $0 + "\r\n" }.joined())
        // The streamed file (blocks of 2 rows on every thread) is the same bytes.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("slacheck-targets-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let staged = StagedFiles(folder: folder)
        let file = try staged.open("cases.csv")
        try CaseRowsPipeline(report, sink: file, blockRows: 2).work()
        try file.close()
        try staged.commit()
        #expect(
            String(decoding: try Data(contentsOf: folder.appendingPathComponent("cases.csv")), as: UTF8.self) == csv)
    }

    @Test("sla-P-exclusions.csv, byte for byte: the formula guarded, the line break quoted")
    func exclusionsCSV() throws {
        let csv = String(decoding: try CSVRenderer.exclusions(report), as: UTF8.self)
        let expected = [
            "case_id,org_id,target,reason,approved_by,first_response_verdict,restoration_verdict,"
                + "resolution_verdict,update_verdict,rca_verdict",
            "A1,ACME,rca,\"line one\nline two\",J. Doe,,,,,on_time",
            "A2,ACME,all,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",<b>Ops|Lead</b>,met,breached,"
                + "breached,,overdue",
            "C1,ACME,update,customer freeze,,,,,breached,",
        ]
        #expect(csv == expected.map { $0 + "\r\n" }.joined())
        let none = String(decoding: try CSVRenderer.exclusions(try TiersAndOrganizations.report()), as: UTF8.self)
        #expect(none == expected[0] + "\r\n")
    }

    @Test("sla-P-organizations.csv: first_response_excluded counted, each measured kind's columns appended")
    func organizationsCSV() throws {
        let csv = String(decoding: try CSVRenderer.organizations(report), as: UTF8.self)
        let kinds = ["restoration", "resolution", "update"].flatMap { kind in
            ["met", "breached", "pending", "excluded", "compliance"].map { "\(kind)_\($0)" }
        }
        let expected = [
            "org_id,name,tier,timezone,calendar,known,cases,first_response_met,first_response_breached,"
                + "first_response_pending,first_response_excluded,first_response_compliance,escalations_total,"
                + "escalations_invalid," + kinds.joined(separator: ","),
            "ACME,Acme | EU,,UTC,default,yes,6,5,0,0,1,1,0,0,1,0,0,1,1,3,1,1,1,0.75,0,1,1,1,0",
            "GOLDCO,Gold Co,gold,UTC,default,yes,1,1,0,0,0,1,0,0,0,0,0,0,,1,0,0,0,1,0,0,0,0,",
        ]
        #expect(csv == expected.map { $0 + "\r\n" }.joined())
    }

    // MARK: - Markdown

    @Test("Markdown: the summary shows each measured target, with raw compliance where something is excluded")
    func summary() throws {
        let markdown = MarkdownRenderer.render(report)
        let summary = try #require(TiersAndOrganizationsMarkdownTests.section("Summary", of: markdown))
        #expect(summary.contains("| First response met (all severities) | 100% (1 excluded: 100% with them) |"))
        #expect(summary.contains("| Severity 1 first response | 100% (2 of 2; 1 excluded: 100% with them) | 1h 24x7 |"))
        #expect(summary.contains("| Severity 2 first response | 100% (3 of 3) | 2h business |"))
        #expect(summary.contains("| Restoration met (all severities) | 100% (1 of 1; 1 excluded: 50% with them) |"))
        #expect(summary.contains("| Resolution met (all severities) | 80% (4 of 5; 1 excluded: 66.7% with them) |"))
        #expect(summary.contains("| Periodic update met (all severities) | 0% (0 of 1; 1 excluded: 0% with them) |"))
        #expect(summary.contains("| RCA delivered on time | – (0 of 0; 2 excluded: 50% with them) |"))
    }

    @Test("Markdown: a section per measured kind, excluded, raw compliance and reopened columns")
    func sections() throws {
        let markdown = MarkdownRenderer.render(report)
        let titles = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
        #expect(
            titles == [
                "## Summary", "## First response by severity", "## Restoration by severity",
                "## Resolution by severity", "## Periodic update by severity", "## By contract tier",
                "## Worst first-response breaches", "## Root-cause analysis delivery", "## Exclusions",
                "## Escalations", "## Case submission", "## By organization", "## Trend", "## Data quality",
            ])
        let resolution = try #require(
            TiersAndOrganizationsMarkdownTests.section("Resolution by severity", of: markdown))
        #expect(resolution.contains("the clock stops while the case is `waiting_on_customer`"))
        #expect(resolution.contains("1 of them was reopened after a resolution."))
        #expect(
            resolution.contains(
                "| severity | clock | target | cases | resolved | met | breached | pending | excluded | compliance "
                    + "| raw compliance | reopened | mean | p50 | p90 | p95 | max |"))
        #expect(
            resolution.contains(
                "| 1 | 24x7 | 8h | 3 | 3 | 2 | 0 | 0 | 1 | 100% | 66.7% | 1 | 6h 40m | 6h | 11h | 11h | 11h |"))
        #expect(
            resolution.contains("| 3 | – | – | 1 | 1 | 1 | 0 | 0 | 0 | 100% | 100% | 0 | 11h | 11h | 11h | 11h | 11h |")
        )
        let update = try #require(
            TiersAndOrganizationsMarkdownTests.section("Periodic update by severity", of: markdown))
        #expect(update.contains("| 2 | business | 4h | 3 | 3 | 0 | 1 | 1 | 1 | 0% | 0% | 9h 20m | 11h | 15h 30m |"))
        // The tier's tables have no excluded case: no excluded or raw columns.
        let tiers = try #require(TiersAndOrganizationsMarkdownTests.section("By contract tier", of: markdown))
        #expect(
            tiers.contains(
                "Resolution:\n\n| severity | clock | target | cases | resolved | met | breached | pending | compliance | reopened |"
            ))
        // Gold's `3d` on the business clock is 3 working days of 8 hours (24 business hours, 86 400
        // target_seconds): written as configured, not as `1d`, which would read as a calendar day.
        #expect(tiers.contains("| 3 | business | 3d | 1 | 1 | 1 | 0 | 0 | 100% | 0 | 11h |"))
        #expect(tiers.contains("| 3 | business | 1d | 1 | 1 | 1 | 0 | 0 | 100% | 0 | 11h |") == false)
        #expect(tiers.contains("a `d` in a target is one working day of 8 hours of the calendar in force"))
        let rca = try #require(TiersAndOrganizationsMarkdownTests.section("Root-cause analysis delivery", of: markdown))
        #expect(rca.contains("| 2 | 0 | 0 | 0 | 0 | 2 | – | 50% |"))
        #expect(rca.contains("| on_time (excluded) |"))
        let trend = try #require(TiersAndOrganizationsMarkdownTests.section("Trend", of: markdown))
        #expect(trend.contains("| 2026-10 | 7 | 100% | 100% | 80% | 0% | – | – |"))
    }

    @Test("Markdown: every listed exclusion with case, target, reason, approver and verdict removed, escaped")
    func exclusionSection() throws {
        let markdown = MarkdownRenderer.render(report)
        let section = try #require(TiersAndOrganizationsMarkdownTests.section("Exclusions", of: markdown))
        #expect(section.hasPrefix("\n3 agreed exclusions concern cases of this period's targets"))
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| ") }.map(String.init)
        #expect(
            rows == [
                "| case | target | reason | approved by | verdict removed |",
                "| A1 | rca | line one line two | J. Doe | on_time |",
                "| A2 | all | =HYPERLINK(\"http://evil.example\",\"x\") | &lt;b&gt;Ops\\|Lead&lt;/b&gt; "
                    + "| first response: met, restoration: breached, resolution: breached, RCA: overdue |",
                "| C1 | update | customer freeze | – | breached |",
            ])
        // Without exclusions.csv there is no such section.
        #expect(!MarkdownRenderer.render(try TiersAndOrganizations.report()).contains("## Exclusions"))
    }

    // MARK: - SVG

    @Test("SVG: a compliance bar per measured target, the chart taller for them; a trend line per target")
    func charts() throws {
        let charts = SVGRenderer.charts(report)
        let compliance = try #require(charts.first { $0.kind == .compliance })
        #expect(compliance.altText.contains("restoration, resolution, periodic update, RCA"))
        let svg = try #require(SVGNode.parse(compliance.svg))
        let bars = svg.find("g", class: "bar")
        #expect(
            bars.map { $0.texts[0] } == [
                "Severity 1", "Severity 2", "Severity 3", "Severity 4", "Restoration", "Resolution",
                "Periodic update", "RCA on time", "Valid escalations",
            ])
        #expect(bars[5].texts[2] == "80%4 of 5")
        #expect(bars[6].texts[2] == "0%0 of 1")
        // Nine rows of 36 below a two-line legend: taller than the 360 of six rows.
        #expect(svg.attributes["height"] == "486")
        let legend = try #require(svg.find("g", class: "legend").first)
        #expect(
            legend.texts == [
                "First response", "Restoration", "Resolution", "Periodic update", "RCA delivery", "Escalations",
            ])
        let trend = try #require(SVGNode.parse(SVGRenderer.trend(report)))
        #expect(trend.find("g", class: "series").count == 6)
        #expect(trend.attributes["height"] == "360")
    }
}
