import CSVStream
import Foundation
import Testing

/// `CSVReader.helpParse`: a second thread parsing chunks ahead of the one that reads.
@Suite("CSVReader with a helper")
struct HelpParseTests {
    /// Memory bytes that tell when the helper thread first reads some.
    final class WatchedSource: ByteSource, @unchecked Sendable {
        private var inner: MemorySource
        private let lock = NSLock()
        private var helper: pthread_t?
        private var helperHasRead = false
        let helperRead = DispatchSemaphore(value: 0)

        init(_ bytes: [UInt8]) { inner = MemorySource(bytes) }

        /// Marks the calling thread as the helper.
        func becomeHelper() { lock.withLock { helper = pthread_self() } }

        func read(into buffer: UnsafeMutableRawBufferPointer) throws(CSVError) -> Int {
            let first = lock.withLock {
                guard let helper, pthread_equal(helper, pthread_self()) != 0, !helperHasRead else { return false }
                helperHasRead = true
                return true
            }
            if first { helperRead.signal() }
            return try inner.read(into: buffer)
        }
    }

    /// Reads `bytes` with a helper thread parsing ahead: the body of the first record waits
    /// until the helper has read input, so that the helper surely parses some chunks, and the
    /// first records are slow to read, so that it runs as far ahead as it may. Returns
    /// what was read (or the error), whether the helper parsed any chunk, and whether it
    /// returned at all.
    func readWithHelper(
        _ bytes: [UInt8], chunkSize: Int, throwAt: Int? = nil
    ) -> (records: [ReadRecord], error: (any Error)?, helped: Bool, helperReturned: Bool) {
        let source = WatchedSource(bytes)
        let reader = CSVReader(source: source, name: "test.csv", options: CSVReaderOptions(chunkSize: chunkSize))
        let helperDone = DispatchSemaphore(value: 0)
        let helped = LockedFlag()
        Thread.detachNewThread {
            source.becomeHelper()
            helped.set(reader.helpParse())
            helperDone.signal()
        }
        var records: [ReadRecord] = []
        var failure: (any Error)?
        struct Stop: Error {}
        do {
            try reader.forEachRecord { record in
                if record.index == 1 { _ = source.helperRead.wait(timeout: .now() + 10) }
                // Slow at first, so that the helper fills every batch it may and no more.
                if record.index < 60 { usleep(200) }
                if record.index == throwAt { throw Stop() }
                records.append(ReadRecord(fields: record.strings(), line: record.line))
            }
        } catch {
            failure = error
        }
        let returned = helperDone.wait(timeout: .now() + 10) == .success
        return (records, failure, helped.value, returned)
    }

    final class LockedFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var flag = false
        func set(_ value: Bool) { lock.withLock { flag = value } }
        var value: Bool { lock.withLock { flag } }
    }

    @Test("Same records and lines when a helper parses ahead", arguments: [5, 64, 4096])
    func sameRecords(chunkSize: Int) {
        for seed: UInt64 in [11, 12, 13] {
            let (bytes, expected) = quirkyFile(records: 300, seed: seed)
            let got = readWithHelper(bytes, chunkSize: chunkSize)
            #expect(got.error == nil)
            #expect(got.helped, "the helper parsed no chunk")
            #expect(got.helperReturned)
            #expect(got.records.count == expected.count)
            let firstDifference = zip(got.records, expected).first { $0.0 != $0.1 }
            #expect(firstDifference == nil, "seed \(seed): read \(String(describing: firstDifference))")
        }
    }

    @Test("An input error parsed by the helper is thrown after the records before its chunk")
    func inputError() throws {
        // Line 40 has a quote inside an unquoted field: libcsv stops there (strict quotes).
        var text = "id,text\n"
        for i in 2..<40 { text += "\(i),row \(i)\n" }
        text += "40,bro\"ken\n41,after\n"
        let withHelper = readWithHelper(Array(text.utf8), chunkSize: 16)
        let alone = readError(text, chunkSize: 16)
        let error = try #require(withHelper.error as? CSVError)
        #expect(error.line == 40)
        #expect(alone?.line == 40)
        #expect(error == alone)
        #expect(withHelper.helped)
        #expect(withHelper.helperReturned)
        // Chunks end mid-record, so the records read are those of the chunks before the one
        // that failed: all of them before line 40, in order.
        #expect(withHelper.records.count < 39)
        #expect(withHelper.records.map(\.line) == Array(1...withHelper.records.count))
    }

    @Test("The helper returns when the reading stops early")
    func stopEarly() {
        let (bytes, expected) = quirkyFile(records: 300, seed: 14)
        let got = readWithHelper(bytes, chunkSize: 5, throwAt: 20)
        #expect(got.error != nil)
        #expect(got.records == Array(expected.prefix(19)))
        #expect(got.helperReturned, "the helper is still waiting for room")
    }
}
