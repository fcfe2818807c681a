import CSVStream
import Foundation
import TestSupport

/// A record as read back: its fields as text and the line it starts on.
struct ReadRecord: Equatable, CustomStringConvertible {
    var fields: [String]
    var line: Int
    var description: String { "\(line): \(fields)" }
}

/// Reads every record of `bytes` with the given chunk size.
func readAll(_ bytes: [UInt8], chunkSize: Int, maxFieldBytes: Int = 1 << 20, delimiter: UInt8 = UInt8(ascii: ","))
    throws -> [ReadRecord]
{
    let reader = CSVReader(
        source: MemorySource(bytes), name: "test.csv",
        options: CSVReaderOptions(delimiter: delimiter, chunkSize: chunkSize, maxFieldBytes: maxFieldBytes))
    var out: [ReadRecord] = []
    try reader.forEachRecord { record in out.append(ReadRecord(fields: record.strings(), line: record.line)) }
    return out
}

/// Reads `text` and returns the error it throws, or nil.
func readError(_ text: String, chunkSize: Int = 4096, maxFieldBytes: Int = 1 << 20) -> CSVError? {
    do {
        _ = try readAll(Array(text.utf8), chunkSize: chunkSize, maxFieldBytes: maxFieldBytes)
        return nil
    } catch let error as CSVError {
        return error
    } catch {
        return nil
    }
}

/// Writes a CSV file with every quirk the reader must survive, and, independently of the
/// reader, the records it holds and the physical line each begins on.
func quirkyFile(records count: Int, seed: UInt64) -> (bytes: [UInt8], expected: [ReadRecord]) {
    var rng = SplitMix64(seed: seed)
    var out: [UInt8] = [0xEF, 0xBB, 0xBF]  // BOM
    var expected: [ReadRecord] = []
    var line = 1
    let pieces = [
        "plain", "with,comma", "say \"hi\"", "two\nlines", "crlf\r\ninside", "", "Zürich €", "tab\there",
        "\"", "x,\"y\"\n,z",
    ]
    for r in 0..<count {
        let eol = rng.below(3) == 0 ? "\r\n" : "\n"
        // Blank lines between records, sometimes.
        if r > 0, rng.below(10) == 0 {
            out += Array(eol.utf8)
            line += 1
        }
        let fieldCount = 1 + rng.below(5)
        var fields: [String] = []
        let startLine = line
        for f in 0..<fieldCount {
            var value = pieces[rng.below(pieces.count)]
            if r == 0 && f == 0 && value.isEmpty { value = "first" }  // keep the first line non-blank
            fields.append(value)
            let needsQuotes =
                value.utf8.contains(where: { [0x2C, 0x22, 0x0D, 0x0A, 0x09].contains($0) }) || value.isEmpty
                || rng.below(4) == 0
            if f > 0 { out.append(UInt8(ascii: ",")) }
            if needsQuotes {
                out.append(UInt8(ascii: "\""))
                out += Array(value.replacingOccurrences(of: "\"", with: "\"\"").utf8)
                out.append(UInt8(ascii: "\""))
            } else {
                out += Array(value.utf8)
            }
            // Physical lines: LF and CRLF count once each.
            line += value.utf8.filter { $0 == 0x0A }.count
        }
        expected.append(ReadRecord(fields: fields, line: startLine))
        let last = r == count - 1
        if !last {  // the last record has no final newline
            out += Array(eol.utf8)
            line += 1
        }
    }
    return (out, expected)
}

/// This test process's scratch folder (see `TestSupport.scratchRoot(named:)`).
let scratchRoot = TestSupport.scratchRoot(named: "csvstream-tests")
