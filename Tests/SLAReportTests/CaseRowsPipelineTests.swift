import Foundation
import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime
import Testing

@testable import SLAReport

/// `CaseRowsPipeline` renders the per-case table in blocks on several threads and must write
/// exactly the file `CSVRenderer.cases` writes on one (the golden file).
@Suite("Per-case table on two threads")
struct CaseRowsPipelineTests {
    /// Runs the pipeline from two threads into a staged file and returns what it wrote.
    static func written(
        _ report: Report, blockRows: Int, beforeBlock: (@Sendable (Int) -> Void)? = nil
    ) throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("slacheck-pipeline-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let staged = StagedFiles(folder: folder)
        let sink = try staged.open("cases.csv")
        let pipeline = CaseRowsPipeline(report, sink: sink, blockRows: blockRows)
        pipeline.beforeBlock = beforeBlock
        let (a, b) = Parallel.both({ Result { try pipeline.work() } }, { Result { try pipeline.work() } })
        try a.get()
        try b.get()
        try sink.close()
        try staged.commit()
        return Array(try Data(contentsOf: folder.appendingPathComponent("cases.csv")))
    }

    @Test("blocks of 1, 2, 3 and 1000 rows give the golden file byte for byte", arguments: [1, 2, 3, 1000])
    func sameAsOneThread(blockRows: Int) throws {
        let report = try GoldenTests.report()
        let golden = Array(try Data(contentsOf: GoldenTests.expected.appendingPathComponent("sla-2026-10-cases.csv")))
        #expect(report.cases.count > 3)
        #expect(try Self.written(report, blockRows: blockRows) == golden)
        #expect(try CSVRenderer.cases(report) == golden)
    }

    @Test("blocks finished out of order are still written in order")
    func outOfOrder() throws {
        let report = try GoldenTests.report()
        let golden = Array(try Data(contentsOf: GoldenTests.expected.appendingPathComponent("sla-2026-10-cases.csv")))
        // Block 0 is held back while the other thread renders every later block.
        let written = try Self.written(report, blockRows: 1) { block in
            if block == 0 { usleep(200_000) }
        }
        #expect(written == golden)
    }
}
