import Foundation
import SLAReport
import Testing

/// The Markdown of the golden fixture (Europe/Berlin): instants in the report's zone, and a
/// period in which nothing happened said in words.
@Suite("Markdown: the report's zone and a period without data")
struct MarkdownPeriodAndZoneTests {
    /// C-03 was created at 2026-10-05T06:00:00Z, 08:00 in Berlin (CEST, +02:00), and never
    /// answered; C-02 at 08:00Z, 10:00 in Berlin.
    @Test("The worst-breaches table shows its instants in the report's zone, with their offset")
    func worstBreachesInReportZone() throws {
        let markdown = MarkdownRenderer.render(try GoldenTests.report())
        let section = try #require(
            TiersAndOrganizationsMarkdownTests.section("Worst first-response breaches", of: markdown))
        #expect(section.contains("| C-03 | Multi Line GmbH | 2 | 2026-10-05T08:00:00+02:00 | not answered |\n"))
        #expect(section.contains("| C-02 | &lt;b&gt;Bold&lt;/b&gt; Ltd | 3 | 2026-10-01T10:00:00+02:00 | 5h |\n"))
        #expect(!section.contains("Z |"))
    }

    /// The fixture's cases were created in September (C-11) and October 2026; August has no
    /// case, no escalation and no restore.
    @Test("A period with no case says so under its title, with the months the inputs cover")
    func emptyPeriod() throws {
        let report = try GoldenTests.report(month: 8)
        #expect(report.periodIsEmpty)
        let note =
            "no case was created, no escalation requested and no service restored in it; "
            + "the inputs' cases were created from 2026-09 to 2026-10 (Europe/Berlin)"
        #expect(report.emptyPeriodNote == note)
        let markdown = MarkdownRenderer.render(report)
        #expect(
            markdown.hasPrefix(
                "# SLA compliance report — 2026-08\n\n"
                    + "Period 2026-08-01 to 2026-08-31 (Europe/Berlin); data as of 2026-10-20T12:00:00Z.\n\n"
                    + "**No data for this period**: \(note).\n\n## Summary\n"))
    }

    @Test("A period with cases has no such note")
    func periodWithCases() throws {
        let report = try GoldenTests.report()
        #expect(!report.periodIsEmpty)
        #expect(report.emptyPeriodNote == nil)
        #expect(!MarkdownRenderer.render(report).contains("No data for this period"))
    }
}
