import CLibCSV

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a CSV input is read.
public struct CSVReaderOptions: Sendable {
    /// The field delimiter: `,` `;` tab or `|`.
    public var delimiter: UInt8 = UInt8(ascii: ",")
    /// Bytes handed to libcsv per call. Large by default; tests use tiny sizes to probe boundaries.
    public var chunkSize: Int = 1 << 20
    /// The longest field accepted, in bytes. Bounds memory when a quote is never closed.
    public var maxFieldBytes: Int = 1 << 20
    /// When true (the default), a stray quote is an error; when false libcsv keeps it as text.
    public var strictQuotes: Bool = true

    public init(
        delimiter: UInt8 = UInt8(ascii: ","), chunkSize: Int = 1 << 20, maxFieldBytes: Int = 1 << 20,
        strictQuotes: Bool = true
    ) {
        self.delimiter = delimiter
        self.chunkSize = max(1, chunkSize)
        self.maxFieldBytes = max(1, maxFieldBytes)
        self.strictQuotes = strictQuotes
    }
}

/// Streams the records of one CSV input through libcsv, in large chunks, with exact line numbers.
///
/// Memory stays bounded by three chunks' batches plus the field cap, whatever the input's size.
/// Line numbers are physical: with `CSV_REPALL_NL` every line end outside a field reaches the
/// record callback, and line ends inside quoted fields are counted in the field bytes.
/// A UTF-8 byte-order mark at the start is skipped; blank lines are skipped.
///
/// Reading has two stages: parsing a chunk (libcsv, and copying its fields into a batch) and
/// delivering the batch's records to the caller, in order. `forEachRecord` does both, one chunk
/// after the other, on the caller's thread; meanwhile another thread may call `helpParse` to
/// parse the next chunks ahead (up to `CSVReader.batchCount` batches), so that the caller only
/// delivers. A reader is used by one `forEachRecord` call; several threads may offer help at
/// once, and one of them parses at a time (the others wait for it or for the reader to finish).
public final class CSVReader: @unchecked Sendable {
    /// The input's name for messages.
    public let name: String
    public let options: CSVReaderOptions
    /// Bytes consumed (after decompression) up to the end of the chunk being delivered; all of
    /// them once reading is done.
    public private(set) var bytesRead: Int64 = 0
    /// Records delivered so far, the header included.
    public private(set) var recordsRead: Int = 0

    /// How many parsed chunks may wait for delivery, the one being delivered included. (At
    /// least 2: a chunk's batch takes over the open record of the one before.)
    public static let batchCount = 3

    // Parsing: touched only by the thread that holds `parsing`.
    private var source: any ByteSource
    private let parser: UnsafeMutablePointer<csv_parser>
    private let chunk: UnsafeMutableRawBufferPointer
    private var parsedBytes: Int64 = 0
    private var atStart = true

    /// Chunk `k`'s records go to `batches[k % batchCount]`, with the input offset at its end and
    /// the error that ended the input in it, if any.
    /// (Pointers, not arrays: the two threads write and read different slots.)
    private let batches: UnsafeMutablePointer<RecordBatch>
    private let batchEnds: UnsafeMutablePointer<Int64>
    private let batchErrors: UnsafeMutablePointer<CSVError?>

    // Shared between the reading and the helping thread, under `gate`.
    private let gate = Gate()
    /// Chunks parsed, and delivered.
    private var parsed = 0
    private var delivered = 0
    /// A thread is parsing chunk `parsed`.
    private var parsing = false
    /// The last chunk is parsed (the input ended, or failed).
    private var ended = false
    /// The reading thread stopped (done, or it failed): nothing more to parse.
    private var closed = false

    /// Prepares to read `source`, named `name` in messages.
    public init(source: any ByteSource, name: String, options: CSVReaderOptions = CSVReaderOptions()) {
        self.source = source
        self.name = name
        self.options = options
        parser = .allocate(capacity: 1)
        var flags = UInt8(CSV_REPALL_NL)
        if options.strictQuotes { flags |= UInt8(CSV_STRICT | CSV_STRICT_FINI) }
        // csv_init fails only for a null parser pointer.
        _ = csv_init(parser, flags)
        csv_set_delim(parser, options.delimiter)
        csv_set_blk_size(parser, 4096)
        batches = .allocate(capacity: CSVReader.batchCount)
        for i in 0..<CSVReader.batchCount {
            (batches + i).initialize(to: RecordBatch(maxFieldBytes: options.maxFieldBytes))
        }
        batchEnds = .allocate(capacity: CSVReader.batchCount)
        batchEnds.initialize(repeating: 0, count: CSVReader.batchCount)
        batchErrors = .allocate(capacity: CSVReader.batchCount)
        batchErrors.initialize(repeating: nil, count: CSVReader.batchCount)
        chunk = .allocate(byteCount: options.chunkSize, alignment: 16)
    }

    /// Opens `location` and prepares to read it.
    public convenience init(location: InputLocation, options: CSVReaderOptions = CSVReaderOptions())
        throws(CSVError)
    {
        self.init(source: try location.open(), name: location.description, options: options)
    }

    deinit {
        csv_free(parser)
        parser.deallocate()
        batches.deinitialize(count: CSVReader.batchCount)  // each batch releases its buffers
        batches.deallocate()
        batchEnds.deallocate()
        batchErrors.deinitialize(count: CSVReader.batchCount)
        batchErrors.deallocate()
        chunk.deallocate()
    }

    /// Calls `body` for every record in order, the header first. Stops at the first error,
    /// whether the input's or one that `body` throws.
    public func forEachRecord<E: Error>(_ body: (CSVRecord) throws(E) -> Void) throws {
        try read(lookahead: nil, body)
    }

    /// `forEachRecord`, with `lookahead` seeing each record twice before `body` does (within a
    /// chunk): `lookaheadDistance` records ahead with stage 0, and half as far with stage 1. A
    /// chance to prefetch what `body` will need for it, in two dependent steps.
    public func forEachRecord<E: Error>(
        lookahead: (CSVRecord, _ stage: Int) -> Void, _ body: (CSVRecord) throws(E) -> Void
    ) throws {
        try withoutActuallyEscaping(lookahead) { try read(lookahead: $0, body) }
    }

    /// Parses chunks ahead of the reading thread while there is room for them; returns once
    /// the input is all parsed or the reading stopped. Whether it parsed any.
    @discardableResult
    public func helpParse() -> Bool {
        var helped = false
        gate.lock()
        while !closed && !ended {
            if !parsing && parsed - delivered < CSVReader.batchCount {
                parseNextChunk()
                helped = true
            } else {
                gate.wait()
            }
        }
        gate.unlock()
        return helped
    }

    private func read<E: Error>(lookahead: ((CSVRecord, Int) -> Void)?, _ body: (CSVRecord) throws(E) -> Void) throws {
        defer {
            gate.lock()
            closed = true
            gate.broadcast()
            gate.unlock()
        }
        var k = 0
        while true {
            gate.lock()
            while k == parsed && !ended {
                if parsing { gate.wait() } else { parseNextChunk() }
            }
            let ready = k < parsed
            gate.unlock()
            guard ready else { break }
            let slot = k % CSVReader.batchCount
            if let error = batchErrors[slot] { throw error }
            bytesRead = batchEnds[slot]
            try deliver(batches + slot, lookahead, body)
            gate.lock()
            delivered = k + 1
            gate.broadcast()
            gate.unlock()
            k += 1
        }
        if recordsRead == 0 { throw CSVError(.empty, file: name) }
    }

    /// Parses chunk `parsed` into its batch; called with the gate locked, which it unlocks while
    /// parsing.
    private func parseNextChunk() {
        let k = parsed
        parsing = true
        gate.unlock()
        let slot = k % CSVReader.batchCount
        let batch = batches + slot
        batch.pointee.start(after: k == 0 ? nil : batches + (k - 1) % CSVReader.batchCount)
        var last = false
        do {
            last = try parseChunk(into: batch)
            batchErrors[slot] = nil
        } catch {
            batchErrors[slot] = error
            last = true
        }
        batchEnds[slot] = parsedBytes
        gate.lock()
        parsed = k + 1
        parsing = false
        if last { ended = true }
        gate.broadcast()
    }

    /// Reads the next chunk and parses it into `batch`, or ends the input there; true when the
    /// input has ended.
    private func parseChunk(into batch: UnsafeMutablePointer<RecordBatch>) throws(CSVError) -> Bool {
        let n = try source.read(into: chunk)
        if n == 0 {
            try finish(batch)
            return true
        }
        var data = UnsafeRawBufferPointer(rebasing: chunk[0..<n])
        if atStart {
            data = try skipByteOrderMark(data, filled: n, batch)
            atStart = false
        }
        try parse(data, batch)
        return false
    }

    /// Skips a UTF-8 BOM at the very start, reading more if the first read was shorter than it.
    private func skipByteOrderMark(
        _ data: UnsafeRawBufferPointer, filled: Int, _ batch: UnsafeMutablePointer<RecordBatch>
    ) throws(CSVError) -> UnsafeRawBufferPointer {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        var filled = filled
        // Tiny chunk sizes: gather up to three bytes before deciding.
        while filled < min(3, chunk.count) {
            let more = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: chunk[filled...]))
            if more == 0 { break }
            filled += more
        }
        if filled >= 3, chunk[0] == bom[0], chunk[1] == bom[1], chunk[2] == bom[2] {
            parsedBytes += 3
            return UnsafeRawBufferPointer(rebasing: chunk[3..<filled])
        }
        if chunk.count < 3, filled > 0 {
            // A chunk smaller than a BOM: compare what was read so far byte by byte.
            return try skipByteOrderMarkSlowly(filled: filled, batch)
        }
        return UnsafeRawBufferPointer(rebasing: chunk[0..<filled])
    }

    /// The BOM check for chunks of one or two bytes (tests only): reads the first three bytes aside.
    private func skipByteOrderMarkSlowly(
        filled: Int, _ batch: UnsafeMutablePointer<RecordBatch>
    ) throws(CSVError) -> UnsafeRawBufferPointer {
        var head = Array(chunk[0..<filled])
        var one = [UInt8](repeating: 0, count: 1)
        while head.count < 3 {
            let more = try one.withUnsafeMutableBytes { b in
                Result { () throws(CSVError) in try source.read(into: b) }
            }.get()
            if more == 0 { break }
            head.append(one[0])
        }
        if head == [0xEF, 0xBB, 0xBF] {
            parsedBytes += 3
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        try head.withUnsafeBytes { b in Result { () throws(CSVError) in try parse(b, batch) } }.get()
        return UnsafeRawBufferPointer(start: nil, count: 0)
    }

    /// Feeds one chunk to libcsv; the callbacks append fields and records to `batch`.
    private func parse(_ data: UnsafeRawBufferPointer, _ batch: UnsafeMutablePointer<RecordBatch>) throws(CSVError) {
        guard data.count > 0, let base = data.baseAddress else { return }
        // Only a quoted field can hold a line break. Without a quote in the chunk, and with the
        // parser not inside a quoted field, no field ending here needs its bytes scanned.
        batch.pointee.scanFields = parser.pointee.quoted != 0 || memchr(base, 0x22, data.count) != nil
        let done = csv_parse(parser, base, data.count, fieldEnded, recordEnded, batch)
        let startOffset = parsedBytes
        parsedBytes += Int64(data.count)
        if done < data.count {
            let pending = UnsafeBufferPointer(start: parser.pointee.entry_buf, count: parser.pointee.entry_pos)
            let error: CSVError.Kind =
                csv_error(parser) == CSV_EPARSE ? .malformedQuote : .unreadable(reason: "libcsv: out of memory")
            throw CSVError(
                error, file: name, line: batch.pointee.line + lineBreaks(in: pending).count,
                field: batch.pointee.fieldsInOpenRecord + 1, byteOffset: startOffset + Int64(done))
        }
        try checkFieldSizes(batch)
    }

    /// Fails when a field (finished, or still being read) is longer than the cap.
    private func checkFieldSizes(_ batch: UnsafeMutablePointer<RecordBatch>) throws(CSVError) {
        if let oversize = batch.pointee.oversizeField {
            throw CSVError(
                .fieldTooLarge(limit: options.maxFieldBytes), file: name, line: oversize.line, field: oversize.field)
        }
        if parser.pointee.entry_pos > options.maxFieldBytes {
            throw CSVError(
                .fieldTooLarge(limit: options.maxFieldBytes), file: name, line: batch.pointee.line,
                field: batch.pointee.fieldsInOpenRecord + 1, byteOffset: parsedBytes)
        }
    }

    /// Ends the input: flushes the last record, or reports a quote left open.
    private func finish(_ batch: UnsafeMutablePointer<RecordBatch>) throws(CSVError) {
        if csv_fini(parser, fieldEnded, recordEnded, batch) != 0 {
            throw CSVError(
                .unterminatedQuote, file: name, line: batch.pointee.line, field: batch.pointee.fieldsInOpenRecord + 1)
        }
        try checkFieldSizes(batch)
    }

    /// How many records ahead of `body` the lookahead runs.
    public static let lookaheadDistance = 16

    /// Hands the complete records of `batch` to `body`.
    private func deliver<E: Error>(
        _ batch: UnsafeMutablePointer<RecordBatch>, _ lookahead: ((CSVRecord, Int) -> Void)?,
        _ body: (CSVRecord) throws(E) -> Void
    ) throws(E) {
        let b = batch.pointee.view
        let before = recordsRead
        // Records handed to `body`, the one it may throw on included.
        var done = 0
        defer { recordsRead = before + done }
        func record(_ r: Int, firstField: Int) -> CSVRecord {
            let info = b.records[r]
            return CSVRecord(
                bytes: b.bytes, ends: b.ends + firstField, start: firstField == 0 ? 0 : b.ends[firstField - 1],
                count: info.fieldCount, line: info.line, index: before + r + 1)
        }
        // Unwrapped once: an optional closure tested per record is retained and released per record.
        guard let lookahead else {
            var firstField = 0
            for r in 0..<b.recordCount {
                done = r + 1
                try body(record(r, firstField: firstField))
                firstField += b.records[r].fieldCount
            }
            return
        }
        // The first field of every record, to reach records ahead.
        var firstFields = [Int]()
        firstFields.reserveCapacity(b.recordCount)
        var field = 0
        for r in 0..<b.recordCount {
            firstFields.append(field)
            field += b.records[r].fieldCount
        }
        let far = CSVReader.lookaheadDistance
        let near = far / 2
        for r in 0..<min(far, b.recordCount) { lookahead(record(r, firstField: firstFields[r]), 0) }
        for r in 0..<min(near, b.recordCount) { lookahead(record(r, firstField: firstFields[r]), 1) }
        for r in 0..<b.recordCount {
            if r + far < b.recordCount { lookahead(record(r + far, firstField: firstFields[r + far]), 0) }
            if r + near < b.recordCount { lookahead(record(r + near, firstField: firstFields[r + near]), 1) }
            done = r + 1
            try body(record(r, firstField: firstFields[r]))
        }
    }
}

/// A mutex and its condition (POSIX), for the two threads that may share a `CSVReader`.
private final class Gate {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
    func wait() { pthread_cond_wait(condition, mutex) }
    func broadcast() { pthread_cond_broadcast(condition) }
}

/// The records parsed from one or more chunks, waiting to be delivered; owned by a `CSVReader`.
///
/// libcsv's callbacks reach it through the `void *data` pointer, so they capture nothing and
/// touch no reference counts.
struct RecordBatch: ~Copyable {
    struct RecordInfo {
        var fieldCount: Int
        var line: Int
    }

    var bytes: UnsafeMutablePointer<UInt8> = .allocate(capacity: 1 << 16)
    var byteCount = 0
    var byteCapacity = 1 << 16
    /// End offset of every field, records one after another.
    var ends: UnsafeMutablePointer<Int> = .allocate(capacity: 1 << 12)
    var fieldCount = 0
    var endsCapacity = 1 << 12
    var records: UnsafeMutablePointer<RecordInfo> = .allocate(capacity: 1 << 10)
    var recordCount = 0
    var recordsCapacity = 1 << 10
    /// Fields of the record still being parsed.
    var fieldsInOpenRecord = 0
    /// The line on which the open record began.
    var openRecordLine = 1
    /// The current physical line: where the next field begins.
    var line = 1
    /// The last byte seen was a carriage return, so a line feed right after it ends no new line.
    var afterCR = false
    /// Whether fields may hold line breaks in the current chunk (see `CSVReader.parse`).
    var scanFields = true
    /// The cap on one field's length, and the first field found longer (its line and number).
    var maxFieldBytes = Int.max
    var oversizeField: (line: Int, field: Int)?

    init(maxFieldBytes: Int = Int.max) { self.maxFieldBytes = maxFieldBytes }

    mutating func appendField(_ p: UnsafeRawPointer?, _ n: Int) {
        if fieldsInOpenRecord == 0 { openRecordLine = line }
        // A field that began and ended inside one chunk; fields still open are checked after
        // each chunk (see `CSVReader.parse`).
        if n > maxFieldBytes, oversizeField == nil { oversizeField = (line, fieldsInOpenRecord + 1) }
        if n > 0, let p {
            if byteCount + n > byteCapacity { growBytes(byteCount + n) }
            (bytes + byteCount).update(from: p.assumingMemoryBound(to: UInt8.self), count: n)
            byteCount += n
            if scanFields {
                let breaks = lineBreaks(in: UnsafeBufferPointer(start: p.assumingMemoryBound(to: UInt8.self), count: n))
                line += breaks.count
                afterCR = breaks.endsWithCR
            } else {
                afterCR = false
            }
        } else {
            afterCR = false
        }
        if fieldCount == endsCapacity { growEnds() }
        ends[fieldCount] = byteCount
        fieldCount += 1
        fieldsInOpenRecord += 1
    }

    mutating func endRecord(_ c: Int32) {
        if c == 0x0D {
            line += 1
            afterCR = true
        } else if c == 0x0A {
            if !afterCR { line += 1 }
            afterCR = false
        }
        guard fieldsInOpenRecord > 0 else { return }  // a blank line
        if recordCount == recordsCapacity { growRecords() }
        records[recordCount] = RecordInfo(fieldCount: fieldsInOpenRecord, line: openRecordLine)
        recordCount += 1
        fieldsInOpenRecord = 0
    }

    /// Empties the batch for the next chunk, taking over the record left open at the end of
    /// `previous` (the previous chunk's batch, which is only read) and where its line count
    /// stood.
    mutating func start(after previous: UnsafeMutablePointer<RecordBatch>?) {
        byteCount = 0
        fieldCount = 0
        recordCount = 0
        guard let p = previous?.pointee.view else { return }
        let first = p.fieldCount - p.fieldsInOpenRecord
        let byteBase = first == 0 ? 0 : p.ends[first - 1]
        let kept = p.byteCount - byteBase
        if kept > byteCapacity { growBytes(kept) }
        if kept > 0 { bytes.update(from: p.bytes + byteBase, count: kept) }
        if p.fieldsInOpenRecord > endsCapacity { growEnds(to: p.fieldsInOpenRecord) }
        for i in 0..<p.fieldsInOpenRecord { ends[i] = p.ends[first + i] - byteBase }
        byteCount = kept
        fieldCount = p.fieldsInOpenRecord
        fieldsInOpenRecord = p.fieldsInOpenRecord
        openRecordLine = p.openRecordLine
        line = p.line
        afterCR = p.afterCR
        // Until `CSVReader.parse` sets it for this chunk; the end of the input (`finish`) parses
        // no chunk and goes on with the last one's.
        scanFields = p.scanFields
        oversizeField = p.oversizeField
    }

    private mutating func growBytes(_ needed: Int) {
        var capacity = byteCapacity
        while capacity < needed { capacity *= 2 }
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        new.update(from: bytes, count: byteCount)
        bytes.deallocate()
        bytes = new
        byteCapacity = capacity
    }

    private mutating func growEnds(to needed: Int = 0) {
        var capacity = endsCapacity * 2
        while capacity < needed { capacity *= 2 }
        let new = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        new.update(from: ends, count: fieldCount)
        ends.deallocate()
        ends = new
        endsCapacity = capacity
    }

    private mutating func growRecords() {
        let new = UnsafeMutablePointer<RecordInfo>.allocate(capacity: recordsCapacity * 2)
        new.update(from: records, count: recordCount)
        records.deallocate()
        records = new
        recordsCapacity *= 2
    }

    /// What a reader of the batch's records needs, copied out (the batch itself cannot be copied).
    struct View {
        let bytes: UnsafeMutablePointer<UInt8>
        let byteCount: Int
        let ends: UnsafeMutablePointer<Int>
        let fieldCount: Int
        let records: UnsafeMutablePointer<RecordInfo>
        let recordCount: Int
        let fieldsInOpenRecord: Int
        let openRecordLine: Int
        let line: Int
        let afterCR: Bool
        let scanFields: Bool
        let oversizeField: (line: Int, field: Int)?
    }

    /// The batch's buffers and counts as they are now; valid while the batch is not changed.
    var view: View {
        View(
            bytes: bytes, byteCount: byteCount, ends: ends, fieldCount: fieldCount, records: records,
            recordCount: recordCount, fieldsInOpenRecord: fieldsInOpenRecord, openRecordLine: openRecordLine,
            line: line, afterCR: afterCR, scanFields: scanFields, oversizeField: oversizeField)
    }

    /// The buffers belong to the batch alone (it cannot be copied): they go with it.
    deinit {
        bytes.deallocate()
        ends.deallocate()
        records.deallocate()
    }
}

/// libcsv's end-of-field callback.
private func fieldEnded(_ field: UnsafeMutableRawPointer?, _ length: Int, _ data: UnsafeMutableRawPointer?) {
    data?.assumingMemoryBound(to: RecordBatch.self).pointee.appendField(field, length)
}

/// libcsv's end-of-record callback; with `CSV_REPALL_NL` also called for every line end.
private func recordEnded(_ c: Int32, _ data: UnsafeMutableRawPointer?) {
    data?.assumingMemoryBound(to: RecordBatch.self).pointee.endRecord(c)
}

/// Counts line breaks in bytes: LF, CRLF and a lone CR each count once.
@inline(__always)
func lineBreaks(in bytes: UnsafeBufferPointer<UInt8>) -> (count: Int, endsWithCR: Bool) {
    // Most fields hold no byte below 0x0E at all: look eight bytes at a time first.
    if !mayHoldLineBreak(bytes) { return (0, false) }
    var count = 0
    for i in bytes.indices where bytes[i] <= 0x0D {
        if bytes[i] == 0x0D {
            count += 1
        } else if bytes[i] == 0x0A, i == 0 || bytes[i - 1] != 0x0D {
            count += 1  // an LF right after a CR ends the same line
        }
    }
    return (count, bytes.last == 0x0D)
}

/// False when no byte of `bytes` is below 0x0E (so none is CR or LF); checked a word at a time.
@inline(__always)
func mayHoldLineBreak(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    let raw = UnsafeRawPointer(base)
    let n = bytes.count
    var i = 0
    // A byte b < 0x0E makes (b - 0x0E) borrow into its high bit while b's own high bit is clear.
    let low: UInt64 = 0x0E0E_0E0E_0E0E_0E0E
    let high: UInt64 = 0x8080_8080_8080_8080
    while i + 8 <= n {
        let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        if (word &- low) & ~word & high != 0 { return true }
        i += 8
    }
    while i < n {
        if base[i] < 0x0E { return true }
        i += 1
    }
    return false
}
