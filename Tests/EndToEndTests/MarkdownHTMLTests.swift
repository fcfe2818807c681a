import Foundation
import Testing

/// The Markdown report through a real GitHub-flavoured Markdown renderer, `cmark-gfm`
/// (Debian package cmark-gfm; `make deps` installs it): every table survives as a table with
/// all its rows and cells, and no text from the data turns into HTML.
@Suite("Markdown as HTML")
struct MarkdownHTMLTests {
    static let samples = packageRoot.appendingPathComponent("samples").path
    /// The golden report, whose inputs hold `|`, `<b>`, `<script>`, a line break and `=cmd()`.
    static let golden = packageRoot.appendingPathComponent("Tests/SLAReportTests/Golden/expected/sla-2026-10.md")
    /// The only tags the report's own Markdown produces; anything else came from the data.
    static let allowedTags: Set<String> = [
        "h1", "h2", "h3", "p", "table", "thead", "tbody", "tr", "th", "td", "code", "img", "a", "ul", "li", "br",
    ]

    /// `cmark-gfm -e table --unsafe`: with --unsafe raw HTML passes through, so a leak shows.
    func html(_ markdown: String) throws -> String {
        let cmark = ["/usr/bin/cmark-gfm", "/usr/local/bin/cmark-gfm"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        let path = try #require(cmark, "cmark-gfm is not installed: run `make deps`")
        let r = try run(path, ["-e", "table", "--unsafe"], stdin: Data(markdown.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }

    /// The Markdown's tables: for each, the cell count of every row (header and body).
    static func markdownTables(_ markdown: String) -> [[Int]] {
        var tables: [[Int]] = []
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var i = 0
        while i + 1 < lines.count {
            if lines[i].hasPrefix("|"), isDelimiterRow(lines[i + 1]) {
                var rows = [cellCount(lines[i])]
                var j = i + 2
                while j < lines.count, lines[j].hasPrefix("|") {
                    rows.append(cellCount(lines[j]))
                    j += 1
                }
                tables.append(rows)
                i = j
            } else {
                i += 1
            }
        }
        return tables
    }

    static func isDelimiterRow(_ line: String) -> Bool {
        line.range(of: #"^\|( *:?-+:? *\|)+$"#, options: .regularExpression) != nil
    }

    /// Cells of a `| a | b |` row, counting only pipes that are not backslash-escaped.
    static func cellCount(_ line: String) -> Int {
        var pipes = 0
        var escaped = false
        for c in line {
            if escaped {
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "|" {
                pipes += 1
            }
        }
        return pipes - 1
    }

    /// The HTML's tables: for each, the number of `<th>`/`<td>` cells in every `<tr>`.
    static func htmlTables(_ html: String) -> [[Int]] {
        html.components(separatedBy: "<table>").dropFirst().map { table in
            let body = table.components(separatedBy: "</table>")[0]
            return body.components(separatedBy: "<tr>").dropFirst().map { row in
                row.components(separatedBy: "</tr>")[0]
                    .matches(of: /<t[hd][ >]/).count
            }
        }
    }

    /// Tag names in the HTML that the report's own Markdown does not produce.
    static func foreignTags(_ html: String) -> [String] {
        html.matches(of: /<\/?([A-Za-z][A-Za-z0-9]*)/).map { String($0.output.1).lowercased() }
            .filter { !allowedTags.contains($0) }
    }

    func check(_ markdown: String, _ name: String) throws {
        let html = try html(markdown)
        let expected = Self.markdownTables(markdown)
        let actual = Self.htmlTables(html)
        #expect(!expected.isEmpty, "\(name): no tables found in the Markdown")
        #expect(
            actual.count == expected.count,
            "\(name): \(expected.count) tables in the Markdown, \(actual.count) in the HTML")
        for (t, rows) in expected.enumerated() {
            // GFM pads or cuts a row to the header's width, so the Markdown rows must match it themselves.
            #expect(Set(rows).count == 1, "\(name): Markdown table \(t + 1) has rows of \(Set(rows).sorted()) cells")
        }
        for (t, (md, out)) in zip(expected, actual).enumerated() {
            #expect(
                out.count == md.count,
                "\(name): table \(t + 1) has \(md.count) rows in the Markdown, \(out.count) in the HTML")
            #expect(
                Set(out).count == 1 && out.first == md.first,
                "\(name): table \(t + 1) cells per row \(out), expected \(md.first ?? 0)")
        }
        #expect(html.range(of: "<script", options: .caseInsensitive) == nil, "\(name): <script reached the HTML")
        #expect(!html.contains("raw HTML omitted"), "\(name): raw HTML in the Markdown")
        #expect(Self.foreignTags(html).isEmpty, "\(name): tags from the data: \(Self.foreignTags(html))")
    }

    @Test("the samples' report renders with every table intact and no HTML from the data")
    func samplesReport() throws {
        let out = temporaryFolder("markdown-html")
        let r = try run(
            slacheckBinary,
            [
                "report", "--input", Self.samples, "--config", Self.samples + "/slacheck.toml", "--period", "2026-10",
                "--out", out.path,
            ])
        #expect(r.status == 0, "\(r.stderr)")
        try check(String(contentsOf: out.appendingPathComponent("sla-2026-10.md"), encoding: .utf8), "samples")
    }

    @Test("the checks catch a broken table and raw HTML (so a pass means something)")
    func checksCatchBreakage() throws {
        let broken = "| a | b |\n|---|---|\n| x | y | z |\n| Acme\nCo | <b>bold</b> |\n"
        let tables = Self.markdownTables(broken)
        #expect(tables.count == 1 && Set(tables[0]).count > 1, "uneven rows not seen: \(tables)")
        let html = try html(broken)
        #expect(Self.foreignTags(html).contains("b"), "raw <b> not seen: \(html)")
    }

    @Test("the golden report, full of hostile text, renders with tables intact and text escaped")
    func goldenReport() throws {
        let markdown = try String(contentsOf: Self.golden, encoding: .utf8)
        try check(markdown, "golden")
        let html = try html(markdown)
        // Escaped text comes out as text: the pipe inside its cell, the tags as entities.
        #expect(html.contains("<td>=cmd() | &lt;b&gt;x&lt;/b&gt; next</td>"))
        #expect(html.contains("<td>&lt;b&gt;Bold&lt;/b&gt; Ltd</td>"))
        #expect(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"))
        #expect(html.contains("<td>Multi Line GmbH</td>"))
    }
}
