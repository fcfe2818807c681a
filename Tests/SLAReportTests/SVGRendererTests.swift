import Foundation
import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime
import Testing

@testable import SLAReport

/// The report's charts: standalone, well-formed SVG with the expected bars, points and labels,
/// text from the data escaped, and the same bytes for the same report.
@Suite("SVG charts")
struct SVGRendererTests {
    /// A trend row with the three rates (fractions) of one month.
    static func month(_ label: String, _ response: Double?, _ rca: Double?, _ invalid: Double?) -> Report.TrendRow {
        Report.TrendRow(
            month: label, responseCompliance: response, rcaCompliance: rca, escalationInvalidRate: invalid, cases: 1,
            severityCompliance: [response, response, response, response])
    }

    @Test("the fixture gets all three charts, named after the period")
    func chartList() throws {
        let charts = SVGRenderer.charts(try SVGFixture.report())
        #expect(charts.map(\.kind) == [.compliance, .escalations, .trend])
        #expect(
            charts.map(\.fileName) == [
                "sla-2026-10-compliance.svg", "sla-2026-10-escalations-by-org.svg", "sla-2026-10-trend.svg",
            ])
    }

    @Test("a chart with nothing to draw is left out: no escalations, a single month")
    func leftOut() throws {
        var r = try SVGFixture.report()
        r.escalations = EscalationTally()
        r.byOrg = []
        r.trend = [Self.month("2026-10", 1, nil, nil)]
        #expect(SVGRenderer.charts(r).map(\.kind) == [.compliance])
    }

    @Test("every chart is standalone SVG 1.1 at slide size, with a title and no scripts or external references")
    func standalone() throws {
        for chart in SVGRenderer.charts(try SVGFixture.report()) {
            #expect(chart.svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
            #expect(chart.svg.hasSuffix("</svg>\n"))
            let svg = try #require(SVGNode.parse(chart.svg))
            #expect(svg.name == "svg")
            #expect(svg.attributes["xmlns"] == "http://www.w3.org/2000/svg")
            #expect(svg.attributes["version"] == "1.1")
            // Slide size: 720 wide, 360 high (the escalations chart is shorter with fewer than ten rows).
            let height = try #require(svg.attributes["height"].flatMap { Int($0) })
            #expect(svg.attributes["width"] == "720" && (chart.kind == .escalations ? height <= 360 : height == 360))
            #expect(svg.attributes["viewBox"] == "0 0 720 \(height)")
            #expect(svg.attributes["font-family"]?.hasSuffix("sans-serif") == true)
            #expect(svg.children.first?.name == "title")
            #expect(svg.children.first?.text.contains("2026-10") == true)
            let names = Set(svg.all.map(\.name))
            #expect(names.isDisjoint(with: ["script", "image", "use", "foreignObject", "style", "a", "iframe"]))
            for node in svg.all {
                for (key, value) in node.attributes {
                    #expect(!key.hasPrefix("on") && !key.contains("href"), "\(chart.fileName): attribute \(key)")
                    #expect(!value.contains("url("), "\(chart.fileName): \(key)=\(value)")
                }
            }
            #expect(!chart.svg.contains("<!DOCTYPE"))
            // A legend and axis labels.
            #expect(!svg.find("g", class: "legend").isEmpty)
            #expect(!svg.find("g", class: "axis").isEmpty)
        }
    }

    @Test("compliance: one bar per severity, RCA and escalations; no data shows as an empty bar")
    func complianceBars() throws {
        let r = try SVGFixture.report()
        let svg = try #require(SVGNode.parse(SVGRenderer.compliance(r)))
        let bars = svg.find("g", class: "bar")
        #expect(bars.count == 6)
        #expect(
            bars.map { $0.texts[0] } == [
                "Severity 1", "Severity 2", "Severity 3", "Severity 4", "RCA on time", "Valid escalations",
            ])
        #expect(bars[0].texts[1] == "target 1h 24x7")
        #expect(bars[0].texts[2] == "50%1 of 2")
        #expect(bars[1].texts[2] == "100%1 of 1")
        #expect(bars[2].texts[2] == "100%1 of 1")
        #expect(bars[4].texts[2] == "100%1 of 1")
        // Severity 4 had no decided case: a track without a value bar, labelled.
        let empty = svg.find("g", class: "no-data")
        #expect(empty.count == 1)
        // Its target is `1d` on the business clock: one working day of the fixture's 9-hour calendar.
        #expect(empty.first?.texts == ["Severity 4", "target 1d business, d = 9h", "no data"])
        #expect(empty.first?.find("rect", class: "value").isEmpty == true)
        // Value bars are proportional: the plot is 368 wide.
        let widths = svg.find("rect", class: "value").map { $0.attributes["width"] ?? "" }
        let e = r.escalations
        let valid = SVGDocument.number(368 * Double(e.total - e.invalid) / Double(e.total))
        #expect(widths == ["184", "368", "368", "368", valid])
        #expect(bars[5].texts[2].hasSuffix("\(e.total - e.invalid) of \(e.total)"))
        // The goal is marked and labelled, and the overall figure is in the subtitle.
        #expect(svg.find("line", class: "goal").count == 1)
        #expect(svg.texts.contains("goal 100%"))
        #expect(svg.texts.contains { $0.hasPrefix("First response within target, all severities: 75% (3 of 4).") })
    }

    @Test("trend of the fixture: Aug to Oct, September a gap in every line")
    func fixtureTrend() throws {
        let svg = try #require(SVGNode.parse(SVGRenderer.trend(try SVGFixture.report())))
        let axis = try #require(svg.find("g", class: "axis").first)
        #expect(axis.texts.filter { ["Aug", "Sep", "Oct", "2026"].contains($0) } == ["Aug", "2026", "Sep", "Oct"])
        // Response: August and October, not adjacent, so two lone points and no line.
        let response = try #require(svg.find("g", class: "circle").first)
        #expect(response.find("circle", class: "point").count == 2)
        #expect(response.find("polyline").isEmpty)
        #expect(svg.find("g", class: "square").first?.find("rect", class: "point").count == 1)
        #expect(svg.find("g", class: "diamond").first?.find("path", class: "point").count == 1)
        #expect(
            response.find("title").map(\.text) == [
                "2026-08, First response met: 100%", "2026-10, First response met: 75%",
            ])
    }

    @Test("trend of 12 full months: three lines of 12 points, years shown on the first month and January")
    func twelveMonths() throws {
        var r = try SVGFixture.report()
        let labels = ["2025-11", "2025-12"] + (1...10).map { "2026-\($0 < 10 ? "0" : "")\($0)" }
        r.trend = labels.enumerated().map { i, label in Self.month(label, Double(i) / 11, 1, 0.1) }
        let svg = try #require(SVGNode.parse(SVGRenderer.trend(r)))
        let lines = svg.find("polyline")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { ($0.attributes["points"] ?? "").split(separator: " ").count == 12 })
        #expect(
            svg.find("g", class: "series").flatMap { $0.all.filter { $0.attributes["class"] == "point" } }.count == 36)
        let axis = try #require(svg.find("g", class: "axis").first)
        #expect(
            axis.texts.filter { $0.count == 3 && $0 != "25%" && $0 != "50%" && $0 != "75%" } == [
                "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            ])
        #expect(axis.texts.filter { $0 == "2025" || $0 == "2026" } == ["2025", "2026"])
        #expect(svg.children.first?.text == "Monthly trend, 2025-11 to 2026-10")
        // The first response line climbs from 0% (bottom, y 288) to 100% (top, y 96).
        let first = try #require(svg.find("g", class: "circle").first?.find("polyline").first?.attributes["points"])
        #expect(first.hasPrefix("90.3,288 ") && first.hasSuffix(" 669.7,96"))
    }

    @Test("trend of one month: a point per series, no lines")
    func oneMonth() throws {
        var r = try SVGFixture.report()
        r.trend = [Self.month("2026-10", 0.9, 0.5, 0.25)]
        let svg = try #require(SVGNode.parse(SVGRenderer.trend(r)))
        #expect(svg.find("polyline").isEmpty)
        #expect(svg.find("circle", class: "point").count == 1)
        #expect(svg.find("rect", class: "point").count == 1)
        #expect(svg.find("path", class: "point").count == 1)
        // Centred in the plot.
        #expect(svg.find("circle", class: "point").first?.attributes["cx"] == "380")
    }

    @Test("trend with missing values: lines break at each gap, and a month with no value has no point")
    func gaps() throws {
        var r = try SVGFixture.report()
        r.trend = [
            Self.month("2026-06", 0.9, nil, nil), Self.month("2026-07", nil, nil, nil),
            Self.month("2026-08", 0.8, 1, nil), Self.month("2026-09", 0.7, 1, nil),
            Self.month("2026-10", 0.6, nil, 0.5),
        ]
        let svg = try #require(SVGNode.parse(SVGRenderer.trend(r)))
        let response = try #require(svg.find("g", class: "circle").first)
        #expect(response.find("circle", class: "point").count == 4)
        #expect(response.find("polyline").map { ($0.attributes["points"] ?? "").split(separator: " ").count } == [3])
        let rca = try #require(svg.find("g", class: "square").first)
        #expect(rca.find("rect", class: "point").count == 2)
        #expect(rca.find("polyline").count == 1)
        let invalid = try #require(svg.find("g", class: "diamond").first)
        #expect(invalid.find("path", class: "point").count == 1)
        #expect(invalid.find("polyline").isEmpty)
    }

    @Test("escalations: one stacked bar per organization, valid then invalid")
    func escalationBars() throws {
        let r = try SVGFixture.report()
        let svg = try #require(SVGNode.parse(SVGRenderer.escalations(r)))
        let bars = svg.find("g", class: "bar")
        #expect(bars.count == r.byOrg.count)
        #expect(bars.map { $0.texts[0] } == r.byOrg.map(\.key))
        for (bar, row) in zip(bars, r.byOrg) {
            #expect(bar.find("rect", class: "valid").count == 1 && bar.find("rect", class: "invalid").count == 1)
            #expect(bar.texts[1].hasPrefix(String(row.total)))
        }
        #expect(r.escalations.total == 3)
        #expect(svg.attributes["height"] == "226")

        // Ten organizations fill the slide.
        var ten = r
        ten.byOrg = (0..<10).map { Report.GroupRow(key: "org-\($0)", total: 20 - $0, invalid: $0, invalidRate: nil) }
        let full = try #require(SVGNode.parse(SVGRenderer.escalations(ten)))
        #expect(full.attributes["height"] == "360")
        #expect(full.find("g", class: "bar").count == 10)
        // Ticks 0, 5, ... 20 over the 368-wide plot; org-0 has 20, 0 of them invalid.
        #expect(full.find("rect", class: "valid").first?.attributes["width"] == "368")
        #expect(full.find("rect", class: "invalid").first?.attributes["width"] == "0")
        #expect(full.find("g", class: "axis").first?.texts.prefix(5) == ["0", "5", "10", "15", "20"])
    }

    @Test("text from the data is escaped: an organization or month named <script>&\" stays text")
    func escaping() throws {
        var r = try SVGFixture.report()
        #expect(r.byOrg.contains { $0.key == SVGFixture.hostileOrg })
        let escalations = SVGRenderer.escalations(r)
        #expect(!escalations.contains("<script"))
        #expect(escalations.contains("&lt;script&gt;&amp;&quot;Org"))
        let parsed = try #require(SVGNode.parse(escalations))
        #expect(parsed.find("script").isEmpty)
        #expect(parsed.texts.contains(SVGFixture.hostileOrg))
        #expect(parsed.find("title").contains { $0.text.hasPrefix(SVGFixture.hostileOrg + ":") })

        r.trend = [Self.month("<b>&\"x'\u{1}", 0.5, nil, nil), Self.month("2026-10", 0.5, nil, nil)]
        let trend = SVGRenderer.trend(r)
        #expect(!trend.contains("<b>"))
        let tree = try #require(SVGNode.parse(trend))
        #expect(tree.texts.contains("<b>&\"x' "))
        #expect(SVGDocument.escape("<script>&\"'") == "&lt;script&gt;&amp;&quot;&apos;")
    }

    @Test("long organization names are cut to 26 characters")
    func truncation() throws {
        var r = try SVGFixture.report()
        r.byOrg[0].key = String(repeating: "x", count: 40)
        let svg = try #require(SVGNode.parse(SVGRenderer.escalations(r)))
        #expect(svg.find("g", class: "bar")[0].texts[0] == String(repeating: "x", count: 25) + "…")
    }

    @Test("the same input gives the same bytes: two loads, two renderings")
    func deterministic() throws {
        let a = SVGRenderer.charts(try SVGFixture.report())
        let b = SVGRenderer.charts(try SVGFixture.report())
        #expect(a == b)
        #expect(a.map(\.svg) == SVGRenderer.charts(try SVGFixture.report()).map(\.svg))
    }

    @Test("the Markdown embeds each chart by its file name, and nothing without charts")
    func markdownEmbeds() throws {
        let r = try SVGFixture.report()
        let charts = SVGRenderer.charts(r)
        let markdown = MarkdownRenderer.render(r, charts: charts)
        for chart in charts { #expect(markdown.contains("](\(chart.fileName))\n")) }
        #expect(markdown.contains("![First response by severity, RCA on time and valid escalations, 2026-10]"))
        // The compliance chart follows the summary table; the trend chart follows the trend table.
        let summary = try #require(markdown.range(of: "## Summary"))
        let compliance = try #require(markdown.range(of: "sla-2026-10-compliance.svg"))
        let response = try #require(markdown.range(of: "## First response by severity"))
        #expect(summary.upperBound < compliance.lowerBound && compliance.upperBound < response.lowerBound)
        let trend = try #require(markdown.range(of: "## Trend"))
        let trendChart = try #require(markdown.range(of: "sla-2026-10-trend.svg"))
        #expect(trend.upperBound < trendChart.lowerBound)
        #expect(!MarkdownRenderer.render(r).contains(".svg"))
    }

    @Test("axis steps are 1, 2 or 5 times a power of ten, at most five per axis")
    func niceSteps() {
        #expect(
            [0, 1, 3, 5, 6, 10, 11, 26, 50, 51, 1234].map(SVGRenderer.niceStep) == [
                1, 1, 1, 1, 2, 2, 5, 10, 10, 20, 500,
            ])
    }
}
