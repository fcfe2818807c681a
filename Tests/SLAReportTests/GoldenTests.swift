import Foundation
import SLAConfig
import SLAEngine
import SLAModel
import SLAReport
import SLARules
import SLATime
import Testing

/// Golden files: the three renderers' output for one small fixed report, byte for byte.
///
/// The report comes through the real pipeline (Loader → Analysis.run → Report) from the tiny
/// exports in `Golden/input/`, which touch every section: met, breached, pending and
/// negative-duration responses; RCA on time, late, overdue and pending; escalations breaking
/// rules and each decision audit count; rejected rows of every reason; rows naming an unknown
/// case; and text fields holding `|`, `<b>`, `"`, `,`, a line break and `=cmd()`.
///
/// To re-record after an intended change: `SLACHECK_RECORD_GOLDEN=1 swift test --filter Golden`,
/// review `git diff Tests/SLAReportTests/Golden`, then run again without the variable. A
/// recording run always fails, so it can never pass by accident.
@Suite("Golden report files")
struct GoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let input = folder.appendingPathComponent("input")
    static let expected = folder.appendingPathComponent("expected")
    static let recording = ProcessInfo.processInfo.environment["SLACHECK_RECORD_GOLDEN"] == "1"

    /// The fixture's report for October 2026 (or another `month` of 2026) as of 2026-10-20 12:00Z
    /// (so some items are pending).
    static func report(month: Int = 10) throws -> Report {
        let config = try SLAConfig.load(path: input.appendingPathComponent("slacheck.toml").path)
        let zone = config.zone
        func path(_ name: String) -> String { input.appendingPathComponent(name).path }
        // `.path` is CSVStream's InputLocation, which this target reaches only through SLAEngine.
        var data = try Loader(config: config).load(
            InputFiles(
                cases: [.path(path("cases.csv"))], events: [.path(path("case_events.csv"))],
                escalations: [.path(path("escalations.csv"))]))
        // Input paths are absolute and differ per checkout: show them relative to Golden/.
        let prefix = folder.path + "/"
        func relative(_ s: String) -> String { s.replacingOccurrences(of: prefix, with: "") }
        for i in data.files.indices { data.files[i].path = relative(data.files[i].path) }
        for i in data.rejections.indices {
            data.rejections[i].file = relative(data.rejections[i].file)
            data.rejections[i].detail = relative(data.rejections[i].detail)
        }
        for i in data.unknownCaseRows.indices { data.unknownCaseRows[i].file = relative(data.unknownCaseRows[i].file) }
        let asOf = try #require(TimestampParser(zone: .utc).parse("2026-10-20T12:00:00Z"))
        let context = MetricsContext(config: config, asOf: asOf)
        let period = ReportPeriod.month(year: 2026, month: month, zone: zone)
        return Report(Analysis.run(data, context: context, period: period), data: data, context: context)
    }

    /// Every rendered file, named as `slacheck report` names it.
    static func rendered() throws -> [(name: String, text: String)] {
        let r = try report()
        return [
            ("sla-2026-10.md", MarkdownRenderer.render(r)),
            ("sla-2026-10.json", JSONRenderer.render(r)),
            ("sla-2026-10-cases.csv", String(decoding: try CSVRenderer.cases(r), as: UTF8.self)),
            ("sla-2026-10-escalations.csv", String(decoding: try CSVRenderer.escalations(r), as: UTF8.self)),
            ("sla-2026-10-rca.csv", String(decoding: try CSVRenderer.rca(r), as: UTF8.self)),
            ("sla-2026-10-organizations.csv", String(decoding: try CSVRenderer.organizations(r), as: UTF8.self)),
            ("sla-2026-10-exclusions.csv", String(decoding: try CSVRenderer.exclusions(r), as: UTF8.self)),
            ("rejected.csv", String(decoding: try CSVRenderer.rejected(r), as: UTF8.self)),
        ]
    }

    @Test(
        "each renderer's output equals its golden file",
        arguments: [
            "sla-2026-10.md", "sla-2026-10.json", "sla-2026-10-cases.csv", "sla-2026-10-escalations.csv",
            "sla-2026-10-rca.csv", "sla-2026-10-organizations.csv", "sla-2026-10-exclusions.csv", "rejected.csv",
        ])
    func matchesGolden(name: String) throws {
        let text = try #require(try Self.rendered().first { $0.name == name }).text
        let url = Self.expected.appendingPathComponent(name)
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.expected, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            Issue.record(
                "re-recorded Golden/expected/\(name): review the diff, then run again without SLACHECK_RECORD_GOLDEN")
            return
        }
        guard let golden = FileManager.default.contents(atPath: url.path) else {
            Issue.record("Golden/expected/\(name) is missing: record it with SLACHECK_RECORD_GOLDEN=1")
            return
        }
        let fresh = Data(text.utf8)
        #expect(fresh == golden, "\(name) differs from its golden file: \(Self.firstDifference(fresh, golden))")
    }

    @Test("rendering is deterministic: two runs give the same bytes")
    func deterministic() throws {
        let a = try Self.rendered()
        let b = try Self.rendered()
        #expect(a.map(\.text) == b.map(\.text))
    }

    @Test("the fixture reaches every section it is meant to cover")
    func coverage() throws {
        let r = try Self.report()
        #expect(Set(r.cases.map(\.verdict.rawValue)) == ["met", "breached", "pending", "negative-duration"])
        #expect(Set(r.rcaItems.map(\.verdict)) == ["on_time", "late", "overdue", "pending"])
        #expect(Set(r.escalationItems.flatMap(\.rules)).count >= 7)
        #expect(
            r.escalations.approvedInvalid > 0 && r.escalations.rejectedValid > 0 && r.escalations.pendingDecision > 0)
        #expect(Set(r.rejections.map(\.reason)) == Set(RejectReason.allCases))
        #expect(!r.unknownCaseRows.isEmpty)
        #expect(r.trend.count == 2)
    }

    /// `line N: got "…" expected "…"` for the first line that differs.
    static func firstDifference(_ a: Data, _ b: Data) -> String {
        let got = String(decoding: a, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let want = String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(got.count, want.count) {
            let g = i < got.count ? String(got[i]) : "<end>"
            let w = i < want.count ? String(want[i]) : "<end>"
            if g != w { return "line \(i + 1): got \(g.debugDescription), expected \(w.debugDescription)" }
        }
        return "same lines, different bytes"
    }
}
