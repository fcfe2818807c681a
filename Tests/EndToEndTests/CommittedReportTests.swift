import Foundation
import Testing

@Suite("Committed reports")
struct CommittedReportTests {
    /// reports/ must be what `make report` writes from samples/ today.
    @Test("reports/ is up to date with samples/ (run `make report` to refresh)")
    func upToDate() throws {
        let out = temporaryFolder("committed")
        let r = try run(
            slacheckBinary,
            ["report", "--input", "samples", "--config", "samples/slacheck.toml", "--period", "2026-10", "--out", out.path],
            cwd: packageRoot)
        #expect(r.status == 0, "\(r.stderr)")
        let committed = packageRoot.appendingPathComponent("reports")
        for name in try FileManager.default.contentsOfDirectory(atPath: out.path) where !name.hasPrefix(".") {
            let fresh = try Data(contentsOf: out.appendingPathComponent(name))
            let old = try? Data(contentsOf: committed.appendingPathComponent(name))
            #expect(old == fresh, "reports/\(name) is out of date: run `make report`")
        }
    }
}
