import Foundation
import Testing

@Suite("Killed runs", .serialized)
struct SignalTests {
    /// SIGTERM (and SIGINT) at any moment: no temporary file is left, and every report file in
    /// the folder is whole (the staged files are renamed together only at the end).
    @Test("A run killed mid-way leaves no partial report behind", arguments: [SIGTERM, SIGINT])
    func killed(signal: Int32) throws {
        let input = temporaryFolder("kill-in")
        let gen = try slacheck("generate", "--cases", "50000", "--seed", "3", "--out", input.path)
        try #require(gen.status == 0, "\(gen.stderr)")
        // A complete report, for comparison.
        let whole = temporaryFolder("kill-whole")
        try #require(
            try slacheck("report", "--input", input.path, "--period", "2026-10", "--out", whole.path).status == 0)
        let expected = try FileManager.default.contentsOfDirectory(atPath: whole.path).filter { !$0.hasPrefix(".") }

        var killedMidway = 0
        for delay in [0.05, 0.15, 0.3, 0.5, 0.8, 1.2] {
            let out = temporaryFolder("kill-out")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: slacheckBinary)
            process.arguments = ["report", "--input", input.path, "--period", "2026-10", "--out", out.path]
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            let status = process.terminationStatus
            if status != 0 {
                killedMidway += 1
                #expect(status == 128 + signal, "exit status \(status) after \(delay)s")
            }
            let left = try FileManager.default.contentsOfDirectory(atPath: out.path)
            #expect(left.filter { $0.contains(".tmp-") }.isEmpty, "temporaries left after \(delay)s: \(left)")
            for name in left where !name.hasPrefix(".") {
                let a = try Data(contentsOf: out.appendingPathComponent(name))
                let b = try Data(contentsOf: whole.appendingPathComponent(name))
                #expect(a == b, "\(name) is not whole after a kill at \(delay)s")
            }
            // Either nothing was written, or everything was.
            let written = left.filter { !$0.hasPrefix(".") }
            #expect(written.isEmpty || Set(written) == Set(expected), "a partial set after \(delay)s: \(written)")
        }
        // At least some of the kills must land mid-run for the test to mean anything.
        #expect(killedMidway >= 2)
    }
}
