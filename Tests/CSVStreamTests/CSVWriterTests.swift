import Foundation
import Testing

@testable import CSVStream

@Suite("CSV cells")
struct CSVWriterTests {
    /// The rule `mayNeedCare` stands in for, byte by byte.
    static func needsCare(_ bytes: [UInt8]) -> Bool {
        bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A || $0 == 0 || $0 >= 0x80 }
    }

    @Test("The eight-bytes-at-a-time check never misses a byte that needs care, at any place")
    func wordCheck() {
        // Every byte value at every place of cells of 1 to 19 bytes (two words and a tail).
        for length in 1...19 {
            for place in 0..<length {
                for value in 0...255 {
                    var cell = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    cell[place] = UInt8(value)
                    let found = cell.withUnsafeBufferPointer { CSVWriter.mayNeedCare($0) }
                    if CSVWriterTests.needsCare(cell) {
                        #expect(found, "byte \(value) at \(place) of \(length)")
                    } else if value >= 0x0E {
                        // Only control bytes may give a false alarm (they fall back to the slow look).
                        #expect(!found, "byte \(value) at \(place) of \(length)")
                    }
                }
            }
        }
        #expect([UInt8]().withUnsafeBufferPointer { CSVWriter.mayNeedCare($0) } == false)
    }

    /// One cell as the writer writes it.
    static func cell(_ bytes: [UInt8], guardFormula: Bool = true) -> String {
        var writer = CSVWriter(capacity: 64, guardsFormulas: guardFormula)
        writer.text(bytes)
        return String(decoding: (try? writer.finish()) ?? [], as: UTF8.self)
    }

    @Test("Cells are quoted, escaped, guarded and repaired as RFC 4180 and the SPEC say")
    func cells() {
        let long = "Cedar Point Pharmacy Inc"
        #expect(CSVWriterTests.cell(Array(long.utf8)) == long)
        #expect(CSVWriterTests.cell(Array("Smith, Jones and Partners".utf8)) == "\"Smith, Jones and Partners\"")
        #expect(CSVWriterTests.cell(Array("The \"best\" pharmacy".utf8)) == "\"The \"\"best\"\" pharmacy\"")
        #expect(CSVWriterTests.cell(Array("line one\r\nline two".utf8)) == "\"line one\r\nline two\"")
        #expect(CSVWriterTests.cell(Array("=SUM(A1:A9) of the week".utf8)) == "'=SUM(A1:A9) of the week")
        #expect(CSVWriterTests.cell(Array("=1,2".utf8)) == "\"'=1,2\"")
        #expect(CSVWriterTests.cell(Array(" padded name here".utf8)) == "\" padded name here\"")
        #expect(CSVWriterTests.cell(Array("Café Crème Brûlée".utf8)) == "Café Crème Brûlée")
        #expect(CSVWriterTests.cell([0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0xFF]) == "ABCDEFGH\u{FFFD}")
        #expect(CSVWriterTests.cell([0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x00]) == "ABCDEFGH\u{FFFD}")
        #expect(CSVWriterTests.cell(Array("tab\tinside a long cell".utf8)) == "tab\tinside a long cell")
    }

    @Test("Without the formula guard, text is written as it is, only quoted when it must be")
    func unguarded() {
        #expect(CSVWriterTests.cell(Array("=SUM(A1:A9)".utf8), guardFormula: false) == "=SUM(A1:A9)")
        #expect(CSVWriterTests.cell(Array("-1,5".utf8), guardFormula: false) == "\"-1,5\"")
    }

    @Test("Rows end in CRLF or LF; raw cells, integers and remembered parts are copied as they are")
    func rows() throws {
        for (lineEnd, end) in [(CSVWriter.LineEnd.crlf, "\r\n"), (.lf, "\n")] {
            var w = CSVWriter(capacity: 16, lineEnd: lineEnd)
            w.header(["a", "b", "c"])
            w.raw(Array("x-1".utf8))
            w.comma()
            w.integer(-120)
            w.comma()
            let before = w.appendRemembered(7)
            w.remember(7) { out in
                out[0] = UInt8(ascii: "d")
                return 1
            }
            let found = [w.appendRemembered(7), w.appendRemembered(7), w.appendRemembered(8)]
            #expect(!before && found == [true, true, false])
            w.raw(upTo: 4) { out in
                out[0] = UInt8(ascii: "!")
                return 1
            }
            try w.endRow()
            let text = String(decoding: try w.finish(), as: UTF8.self)
            #expect(text == "a,b,c\(end)x-1,-120,dd!\(end)")
        }
    }

    @Test("With a sink, full buffers go to the file and every byte is counted")
    func sink() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csvwriter-\(getpid()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sink = try ByteSink(path: path)
        var w = CSVWriter(capacity: 0, sink: sink, lineEnd: .lf)
        w.header(["n", "text"])
        var expected = "n,text\n"
        for n in 0..<100_000 {
            w.integer(Int64(n))
            w.comma()
            w.text("row \(n), with a comma")
            try w.endRow()
            expected += "\(n),\"row \(n), with a comma\"\n"
        }
        #expect(try w.finish().isEmpty)
        try sink.close()
        #expect(w.bytesWritten == expected.utf8.count)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
    }
}
