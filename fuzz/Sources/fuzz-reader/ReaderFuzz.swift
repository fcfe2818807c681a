import CSVStream
import FuzzSupport

// Fuzz target (a): CSVReader over arbitrary bytes.
//
// Input: byte 0 picks the reader options, byte 1 the chunk size and the read pattern (when the
// top bits of both are set, the CSV is repeated to about 80 KB), the rest is the CSV. Each input is read twice: once in a single large chunk (the reference) and once
// in tiny chunks from a source that returns short reads. Checked: no crash or memory error;
// line numbers strictly increase, start at 1 or later and never pass 1 + the line breaks; a
// clean read consumes every byte; both reads give the same records, or one is a prefix of the
// other when one stops at an error; an error names a line inside the input.

private let delimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]
private let fieldCaps = [8, 64, 3, 1 << 20]
private let chunkSizes = [1, 2, 3, 5, 7, 16, 64, 4096]

/// A source that hands out its bytes in short reads of 1...`longest` bytes, in a fixed rhythm,
/// as a pipe or a slow disk may.
private struct TrickleSource: ByteSource {
    let bytes: [UInt8]
    let longest: Int
    var position = 0
    var turn = 0

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(CSVError) -> Int {
        turn += 1
        let n = min(buffer.count, bytes.count - position, 1 + (turn * 7919) % longest)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { src in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[position..<position + n]))
        }
        position += n
        return n
    }
}

/// What one read produced: its records copied into flat arrays (no allocation per field, which
/// under ASan would cost more than the read itself), and the error that stopped it.
private struct Outcome {
    var bytes: [UInt8] = []
    /// End offset in `bytes` of each field.
    var fieldEnds: [Int] = []
    /// End index in `fieldEnds` of each record.
    var recordEnds: [Int] = []
    var lines: [Int] = []
    var error: CSVError?

    var count: Int { lines.count }

    /// Whether the first `n` records of both are the same.
    func samePrefix(_ other: Outcome, _ n: Int) -> Bool {
        guard n > 0 else { return true }
        guard n <= count, n <= other.count, FuzzSupport.samePrefix(lines, other.lines, n),
            FuzzSupport.samePrefix(recordEnds, other.recordEnds, n)
        else { return false }
        let fields = recordEnds[n - 1]
        guard FuzzSupport.samePrefix(fieldEnds, other.fieldEnds, fields) else { return false }
        return FuzzSupport.samePrefix(bytes, other.bytes, fields == 0 ? 0 : fieldEnds[fields - 1])
    }
}

private func read(_ source: any ByteSource, _ options: CSVReaderOptions, data: [UInt8], breaks: Int) -> Outcome {
    let reader = CSVReader(source: source, name: "fuzz.csv", options: options)
    var outcome = Outcome()
    var lastLine = 0
    do {
        try reader.forEachRecord { (record: CSVRecord) in
            check(record.count >= 1, "a record with no fields at line \(record.line)")
            check(record.line > lastLine, "line \(record.line) after line \(lastLine)")
            check(record.line <= 1 + breaks, "line \(record.line) in an input with \(breaks) line breaks")
            check(record.index == outcome.count + 1, "record index \(record.index) for record \(outcome.count + 1)")
            lastLine = record.line
            for i in 0..<record.count {
                let field = record[i]
                // The cap is checked between chunks, so a field may pass it by at most one chunk.
                check(
                    field.count <= options.maxFieldBytes + options.chunkSize,
                    "a field of \(field.count) bytes with cap \(options.maxFieldBytes), chunk \(options.chunkSize)")
                outcome.bytes.append(contentsOf: field)
                outcome.fieldEnds.append(outcome.bytes.count)
            }
            check(record[record.count].isEmpty && record[-1].isEmpty, "out-of-range field not empty")
            outcome.recordEnds.append(outcome.fieldEnds.count)
            outcome.lines.append(record.line)
        }
    } catch let error as CSVError {
        outcome.error = error
    } catch {
        check(false, "unexpected error type: \(error)")
    }
    check(reader.recordsRead == outcome.count, "recordsRead \(reader.recordsRead), delivered \(outcome.count)")
    check(reader.bytesRead <= Int64(data.count), "bytesRead \(reader.bytesRead) of \(data.count)")
    if let error = outcome.error {
        check(
            error.line >= 0 && error.line <= 1 + breaks, "error at line \(error.line) with \(breaks) breaks: \(error)")
        check(error.file == "fuzz.csv", "error names \(error.file)")
        check(!error.description.isEmpty, "empty error message")
        if error.kind == .empty { check(outcome.count == 0, "empty error after \(outcome.count) records") }
    } else {
        check(outcome.count > 0, "a clean read of no records")
        check(reader.bytesRead == Int64(data.count), "clean read consumed \(reader.bytesRead) of \(data.count) bytes")
    }
    return outcome
}

/// Whether the records of one read are a prefix of the other's, whichever is shorter.
private func onePrefixOfOther(_ a: Outcome, _ b: Outcome) -> Bool {
    a.samePrefix(b, min(a.count, b.count))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTarget(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    guard let start, count >= 2 else { return 0 }
    let input = UnsafeBufferPointer(start: start, count: count)
    let mode = input[0]
    let rhythm = input[1]
    var data = Array(input[2...])
    // One input in 32 is repeated past the batch's first capacities (64 KiB of field bytes,
    // 4,096 fields, 1,024 records), so the paths that grow them run too; it is then read in
    // large chunks only, or it would cost a hundred times more than the others.
    let amplified = mode >> 5 == 7 && rhythm >> 6 == 3 && !data.isEmpty
    if amplified {
        let once = data
        data.reserveCapacity(80_000 + once.count)
        while data.count < 80_000 { data.append(contentsOf: once) }
    }
    let breaks = lineBreakCount(data[...])
    let delimiter = delimiters[Int(mode & 3)]
    let strict = mode & 4 == 0
    let cap = fieldCaps[Int(mode >> 3) & 3]

    let whole = CSVReaderOptions(
        delimiter: delimiter, chunkSize: max(1, data.count), maxFieldBytes: cap, strictQuotes: strict)
    let reference = read(MemorySource(data), whole, data: data, breaks: breaks)

    let small = CSVReaderOptions(
        delimiter: delimiter, chunkSize: amplified ? 70_000 - Int(rhythm) : chunkSizes[Int(rhythm & 7)],
        maxFieldBytes: cap, strictQuotes: strict)
    let trickle = TrickleSource(bytes: data, longest: amplified ? 1 << 20 : 1 + Int(rhythm >> 3) % 8)
    let chunked = read(trickle, small, data: data, breaks: breaks)

    switch (reference.error, chunked.error) {
    case (nil, nil):
        check(
            reference.count == chunked.count && reference.samePrefix(chunked, reference.count),
            "chunk size \(small.chunkSize) changed the records")
    case (nil, let error?):
        // Only the field cap, checked between chunks, may stop a chunked read that a whole read passes.
        if case .fieldTooLarge = error.kind {} else { check(false, "chunked read failed alone: \(error)") }
        check(
            chunked.count <= reference.count && onePrefixOfOther(chunked, reference),
            "chunked records are not a prefix of the whole read's")
    case (let error?, nil):
        check(false, "whole read failed alone: \(error)")
    case (let a?, let b?):
        check(onePrefixOfOther(reference, chunked), "records before the error differ")
        if a.kind == b.kind, a.kind == .malformedQuote || a.kind == .unterminatedQuote {
            check(a.line == b.line && a.field == b.field, "error position differs: \(a) vs \(b)")
            check(a.byteOffset == b.byteOffset, "error offset differs: \(a) vs \(b)")
        }
    }
    return 0
}
