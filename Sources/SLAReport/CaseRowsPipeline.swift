import CSVStream
import Foundation
import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

/// `sla-P-cases.csv`, the largest file by far, rendered by every thread that has time.
///
/// The rows are cut into blocks. Each thread that calls `work` takes the next block, renders it
/// in memory and leaves it to be written; whichever thread finds the next block in file order
/// ready writes it, and those after it that are ready too. So the file comes out as
/// `CSVRenderer.cases` writes it, while a thread done with the other files helps with the rows.
public final class CaseRowsPipeline: @unchecked Sendable {
    private let report: Report
    private let sink: ByteSink
    private let blocks: [Range<Int>]
    private let lock = NSLock()
    private var nextBlock = 0
    /// Blocks rendered and not yet written, by number.
    private var rendered: [Int: Rendered] = [:]
    private var nextToWrite = 0
    private var writing = false
    private var failure: (any Error)?
    /// Called before a block is rendered; tests delay a block with it to finish blocks out of order.
    var beforeBlock: (@Sendable (Int) -> Void)?

    /// Rows per block: a few megabytes of text, so that few blocks wait in memory.
    public static let defaultBlockRows = 4096

    public init(_ report: Report, sink: ByteSink, blockRows: Int = CaseRowsPipeline.defaultBlockRows) {
        self.report = report
        self.sink = sink
        let step = max(1, blockRows)
        // Block 0 holds the header, even with no rows.
        blocks = stride(from: 0, to: max(report.cases.count, 1), by: step).map {
            $0..<min($0 + step, report.cases.count)
        }
    }

    /// Renders and writes blocks until none is left (or a write has failed); call it from as
    /// many threads as may help. When every call has returned, every block is written.
    public func work() throws {
        while let block = take() {
            beforeBlock?(block)
            var w = CSVWriter.report(capacity: blocks[block].count * 160 + 4096)
            if block == 0 { CSVRenderer.casesHeader(report, &w) }
            try CSVRenderer.caseRows(report, blocks[block], &w)
            try finished(block, w)
        }
        if let failure = lock.withLock({ failure }) { throw failure }
    }

    private func take() -> Int? {
        lock.withLock {
            guard failure == nil, nextBlock < blocks.count else { return nil }
            defer { nextBlock += 1 }
            return nextBlock
        }
    }

    /// Leaves `w` to be written, and writes every block that is next in order while no other
    /// thread is writing.
    private func finished(_ block: Int, _ w: consuming CSVWriter) throws {
        lock.lock()
        rendered[block] = Rendered(w)
        guard !writing else {
            lock.unlock()
            return
        }
        writing = true
        while failure == nil, let next = rendered.removeValue(forKey: nextToWrite) {
            lock.unlock()
            do {
                try next.writer.write(to: sink)
            } catch {
                lock.withLock { failure = error }
            }
            lock.lock()
            nextToWrite += 1
        }
        writing = false
        if failure != nil { rendered.removeAll() }
        lock.unlock()
    }
}

/// A rendered block waiting for its turn to be written. (A class: a writer cannot be copied, so
/// it cannot be a dictionary's value itself.)
private final class Rendered {
    var writer: CSVWriter

    init(_ writer: consuming CSVWriter) { self.writer = writer }
}
