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
            "sla-2026-10-rca.csv", "sla-2026-10-organizations.csv", "sla-2026-10-exclusions.csv", "rejected.csv",
        ] {
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            let b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(a == b, "\(name) differs between two runs")
            #expect(!a.isEmpty)
        }
    }

    @Test("Any number of threads writes the same files as one thread")
    func threads() throws {
        // Enough cases that every thread's part holds cases, events and escalations; with every
        // target and exclusions, so that each part has target items and excluded cases too.
        let input = temporaryFolder("threads-input")
        let g = try slacheck(
            "generate", "--cases", "20000", "--seed", "5", "--months", "2", "--timezone", "Europe/Berlin", "--messy",
            "--zones", "4", "--lifecycle", "--exclusions", "400", "--out", input.path)
        try #require(g.status == 0, "\(g.stderr)")
        let config = input.appendingPathComponent("slacheck.toml").path
        func report(_ threads: Int) throws -> URL {
            let out = temporaryFolder("threads-\(threads)")
            let r = try slacheck(
                "report", "--input", input.path, "--config", config, "--period", "2026-10", "--out", out.path,
                "--threads", "\(threads)")
            #expect(r.status == 0, "\(r.stderr)")
            return out
        }
        let one = try report(1)
        let names = try FileManager.default.contentsOfDirectory(atPath: one.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(names.count == 11, "\(names)")
        for threads in [2, 3, 7] {
            let out = try report(threads)
            let theirs = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".") }
            #expect(theirs.sorted() == names)
            for name in names {
                let a = try Data(contentsOf: one.appendingPathComponent(name))
                let b = try Data(contentsOf: out.appendingPathComponent(name))
                #expect(a == b, "\(name) differs between --threads 1 and --threads \(threads)")
            }
        }
    }

    @Test("--threads outside 1...1024 is a usage error (exit 2)")
    func badThreads() throws {
        let dir = packageRoot.appendingPathComponent("samples").path
        for bad in ["0", "-3", "5000"] {
            let r = try slacheck("validate", "--input", dir, "--threads=\(bad)")
            #expect(r.status == 2)
            #expect(r.stderr.contains("--threads \(bad): give a number of threads from 1 to 1024"), "\(r.stderr)")
        }
    }
}
