import Foundation
import SLAReport
import Testing

/// The Markdown's "By contract tier" and "By organization" sections and the data-quality
/// finding; every expected line is worked out in `Fixtures/tiers-and-organizations/NOTES.md`
/// (durations as the report writes them: 1950 s is `32m 30s`, 1d on the 9-hour calendar `9h`).
@Suite("Markdown: by tier and by organization")
struct TiersAndOrganizationsMarkdownTests {
    let markdown: String

    init() throws { markdown = MarkdownRenderer.render(try TiersAndOrganizations.report()) }

    /// The text of the `## title` section, up to the next `## ` heading.
    static func section(_ title: String, of markdown: String) -> String? {
        guard let start = markdown.range(of: "\n## \(title)\n") else { return nil }
        let rest = markdown[start.upperBound...]
        let end = rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    static let severityHeader =
        "| severity | clock | target | cases | responded | met | breached | pending | compliance | mean | p50 | p90 | p95 | max |\n"
        + "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"

    @Test("By contract tier: one table per tier, like the per-severity one, on the tier's targets")
    func tiers() throws {
        let section = try #require(Self.section("By contract tier", of: markdown))
        let gold =
            "### Tier gold\n\n" + Self.severityHeader
            + "| 1 | 24x7 | 30m | 2 | 2 | 1 | 1 | 0 | 50% | 32m 30s | 20m | 45m | 45m | 45m |\n"
            + "| 2 | business | 1h | 1 | 1 | 1 | 0 | 0 | 100% | 30m | 30m | 30m | 30m | 30m |\n"
            + "| 3 | business | 4h | 0 | 0 | 0 | 0 | 0 | – | – | – | – | – | – |\n"
            + "| 4 | business | 1d | 0 | 0 | 0 | 0 | 0 | – | – | – | – | – | – |\n"
        let silver =
            "### Tier silver\n\n" + Self.severityHeader
            + "| 1 | 24x7 | 1h | 1 | 0 | 0 | 0 | 1 | – | – | – | – | – | – |\n"
            + "| 2 | business | 2h | 0 | 0 | 0 | 0 | 0 | – | – | – | – | – | – |\n"
            + "| 3 | business | 2h | 1 | 1 | 0 | 1 | 0 | 0% | 3h | 3h | 3h | 3h | 3h |\n"
            + "| 4 | business | 1d | 0 | 0 | 0 | 0 | 0 | – | – | – | – | – | – |\n"
        #expect(section.contains(gold), "\(section)")
        #expect(section.contains(silver), "\(section)")
        // It follows the report-wide table.
        let byTier = try #require(markdown.range(of: "## By contract tier"))
        let bySeverity = try #require(markdown.range(of: "## First response by severity"))
        #expect(bySeverity.lowerBound < byTier.lowerBound)
    }

    @Test("no tier configured: no By contract tier section")
    func noTiers() throws {
        #expect(!MarkdownRenderer.render(try TopTenTies.report()).contains("By contract tier"))
    }

    @Test("By organization: lowest compliance first, every data text escaped, the CSV named")
    func organizations() throws {
        let section = try #require(Self.section("By organization", of: markdown))
        let table =
            "| org | name | tier | time zone | cases | met | breached | pending | compliance | escalations | invalid |\n"
            + "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n"
            // `a|b<script>` LF `evil()`: the bar escaped, the angle brackets as entities, the
            // line break a space; `_` in the zone escaped too.
            + "| ORG-B | a\\|b&lt;script&gt; evil() | silver | America/New\\_York | 2 | 0 | 1 | 1 | 0% | 0 | 0 |\n"
            + "| ORG-C | =HYPERLINK(\"http://evil.example\",\"click\") | – | Asia/Tokyo | 2 | 1 | 1 | 0 | 50% | 1 | 0 |\n"
            + "| ORG-A | Alpha GmbH | gold | Europe/Berlin | 3 | 2 | 1 | 0 | 66.7% | 1 | 1 |\n"
            + "| ORG\\|Z | – | – | UTC | 2 | 1 | 0 | 1 | 100% | 0 | 0 |\n"
        #expect(section.contains(table), "\(section)")
        #expect(
            section.contains("4 organizations had cases in the period; sla-2026-10-organizations.csv lists every one."))
        // Nothing from the hostile name reaches the page raw.
        #expect(!markdown.contains("<script>"))
        #expect(!markdown.contains("a|b"))
    }

    @Test("By organization: ten at most, ties by more breaches, then org_id; no figure, no row")
    func topTenTies() throws {
        let report = try TopTenTies.report()
        #expect(report.organizations.count == 13)
        #expect(report.lowestFirstResponse.map(\.orgID) == TopTenTies.expected)
        let section = try #require(Self.section("By organization", of: MarkdownRenderer.render(report)))
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| ORG-") }
        #expect(
            rows.map { String($0.split(separator: "|")[0].trimmingCharacters(in: .whitespaces)) } == TopTenTies.expected
        )
        // Spot checks of whole rows: the tie leaders with their breaches.
        #expect(rows.first == "| ORG-03 | – | – | UTC | 2 | 0 | 2 | 0 | 0% | 0 | 0 |")
        #expect(rows.contains("| ORG-05 | – | – | UTC | 4 | 2 | 2 | 0 | 50% | 0 | 0 |"))
        #expect(rows.contains("| ORG-09 | – | – | UTC | 3 | 1 | 2 | 0 | 33.3% | 0 | 0 |"))
        #expect(!section.contains("ORG-07") && !section.contains("ORG-14") && !section.contains("ORG-13"))
        #expect(section.contains("13 organizations had cases in the period"))
    }

    @Test("Data quality lists unknown-organization and says what it means")
    func unknownOrganization() throws {
        let section = try #require(Self.section("Data quality", of: markdown))
        #expect(section.contains("| `unknown-organization` | 2 |\n"))
        #expect(section.contains("2 cases name an org_id that organizations.csv does not list"))
    }

    @Test("without organizations.csv there is no unknown-organization finding")
    func noOrganizationsFile() throws {
        let markdown = MarkdownRenderer.render(try TopTenTies.report())
        #expect(!markdown.contains("unknown-organization"))
    }
}
