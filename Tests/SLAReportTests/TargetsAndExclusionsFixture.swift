import Foundation
import SLAConfig
import SLAEngine
import SLAReport
import SLATestSupport
import Testing

/// The report of `Fixtures/targets-and-exclusions`: restoration, resolution and update beside
/// first response, a severity only a tier measures, a reopened case, and exclusions (one of them
/// `all`, one of a case outside the period, one with a formula-like reason and a marked-up
/// approver). Every expected figure is worked out in its NOTES.md.
enum TargetsAndExclusions {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/targets-and-exclusions")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// The fixture's October 2026 as of 2026-10-31T12:00:00Z, through the real Loader, analysis and `Report`.
    static func report() throws -> Report {
        let config = try SLAConfig.load(path: folder.appendingPathComponent("slacheck.toml").path)
        let fixture = try MetricsFixture(
            config: config, cases: text("cases.csv"), events: text("case_events.csv"),
            organizations: text("organizations.csv"), exclusions: text("exclusions.csv"),
            asOf: "2026-10-31T12:00:00Z")
        return Report(fixture.run(fixture.october), data: fixture.data, context: fixture.context)
    }

    /// The hostile texts of exclusions.csv, as read.
    static let formulaReason = "=HYPERLINK(\"http://evil.example\",\"x\")"
    static let markupApprover = "<b>Ops|Lead</b>"
}
