import Foundation
import Testing

@Suite("Determinism")
struct DeterminismTests {
    @Test("Same inputs and flags give byte-identical outputs")
    func byteIdentical() throws {
        let dir = packageRoot.appendingPathComponent("samples").path
        let first = temporaryFolder("det1")
        let second = temporaryFolder("det2")
        for out in [first, second] {
            let r = try slacheck(
                "report", "--input", dir, "--config", dir + "/slacheck.toml", "--period", "2026-10", "--out", out.path)
            #expect(r.status == 0, "\(r.stderr)")
        }
        for name in [
            "sla-2026-10.json", "sla-2026-10.md", "sla-2026-10-cases.csv", "sla-2026-10-escalations.csv",
            "sla-2026-10-rca.csv", "rejected.csv",
        ] {
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            let b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(a == b, "\(name) differs between two runs")
            #expect(!a.isEmpty)
        }
    }
}
