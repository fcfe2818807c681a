import CSVStream
import Foundation
import Testing

@Suite("CSVReader")
struct CSVReaderTests {
    @Test("Same records and lines whatever the chunk size", arguments: [1, 7, 4096, 65536])
    func chunkSizes(chunkSize: Int) throws {
        for seed: UInt64 in [1, 2, 3] {
            let (bytes, expected) = quirkyFile(records: 400, seed: seed)
            let got = try readAll(bytes, chunkSize: chunkSize)
            #expect(got.count == expected.count)
            let firstDifference = zip(got, expected).first { $0.0 != $0.1 }
            #expect(firstDifference == nil, "seed \(seed): read \(String(describing: firstDifference))")
        }
    }

    @Test("The lookahead sees every record twice, far then near, before the body does", arguments: [1, 7, 4096])
    func lookahead(chunkSize: Int) throws {
        let (bytes, expected) = quirkyFile(records: 400, seed: 4)
        let reader = CSVReader(
            source: MemorySource(bytes), name: "test.csv", options: CSVReaderOptions(chunkSize: chunkSize))
        // Per record index: what the lookahead saw, in order; then the body's record.
        var seen: [Int: [String]] = [:]
        var got: [ReadRecord] = []
        var misordered: [Int] = []
        try reader.forEachRecord(
            lookahead: { record, stage in
                seen[record.index, default: []].append(
                    "\(stage) \(ReadRecord(fields: record.strings(), line: record.line))")
            },
            { record in
                let read = ReadRecord(fields: record.strings(), line: record.line)
                got.append(read)
                if seen[record.index] != ["0 \(read)", "1 \(read)"] { misordered.append(record.index) }
            })
        #expect(got == expected)
        #expect(misordered.isEmpty)
        #expect(seen.count == expected.count)
    }

    @Test("Quoted commas, doubled quotes, line breaks inside quotes")
    func rfc4180() throws {
        let text = "id,text\r\n1,\"a,b\"\r\n2,\"say \"\"hi\"\"\"\r\n3,\"line one\nline two\"\r\n4,last"
        let got = try readAll(Array(text.utf8), chunkSize: 3)
        #expect(
            got == [
                ReadRecord(fields: ["id", "text"], line: 1),
                ReadRecord(fields: ["1", "a,b"], line: 2),
                ReadRecord(fields: ["2", "say \"hi\""], line: 3),
                ReadRecord(fields: ["3", "line one\nline two"], line: 4),
                ReadRecord(fields: ["4", "last"], line: 6),
            ])
    }

    @Test("Blank lines are skipped but counted; a BOM is skipped")
    func blankLinesAndBOM() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\n\n\r\n1,2\n\n".utf8)
        for size in [1, 2, 3, 4, 100] {
            let got = try readAll(bytes, chunkSize: size)
            #expect(got == [ReadRecord(fields: ["a", "b"], line: 1), ReadRecord(fields: ["1", "2"], line: 4)])
        }
    }

    @Test("Other delimiters")
    func delimiters() throws {
        let got = try readAll(Array("a;b\n\"x;y\";2".utf8), chunkSize: 5, delimiter: UInt8(ascii: ";"))
        #expect(got == [ReadRecord(fields: ["a", "b"], line: 1), ReadRecord(fields: ["x;y", "2"], line: 2)])
        let tabs = try readAll(Array("a\tb\n1\t2\n".utf8), chunkSize: 5, delimiter: 9)
        #expect(tabs == [ReadRecord(fields: ["a", "b"], line: 1), ReadRecord(fields: ["1", "2"], line: 2)])
    }

    @Test("An unterminated quote names the line where the field began", arguments: [1, 7, 4096])
    func unterminatedQuote(chunkSize: Int) {
        let error = readError("a,b\n1,2\n3,\"never\nclosed\n4,5\n", chunkSize: chunkSize)
        #expect(error?.kind == .unterminatedQuote)
        #expect(error?.line == 3)
        #expect(error?.field == 2)
        #expect(error?.description.hasPrefix("test.csv:3: field 2: a quoted field") == true)
    }

    @Test("An unterminated quote in a large input stops at the field cap")
    func fieldCap() {
        var text = "a,b\n1,\"open\n"
        for i in 0..<5000 { text += "row \(i),more text\n" }
        let error = readError(text, chunkSize: 1024, maxFieldBytes: 4096)
        #expect(error?.kind == .fieldTooLarge(limit: 4096))
        #expect(error?.line == 2)
        #expect(error?.field == 2)
        // Detected within one chunk of the cap, long before the end of the input.
        #expect((error?.byteOffset ?? 0) <= 4096 + 2 * 1024 + 16)
    }

    @Test("A stray quote is a malformed-quote error at its line and field")
    func strayQuote() {
        let error = readError("a,b,c\n1,2,3\n4,5\"x,6\n")
        #expect(error?.kind == .malformedQuote)
        #expect(error?.line == 3)
        #expect(error?.field == 2)
        #expect(error?.byteOffset == 15)
        let after = readError("a,b\n\"multi\nline\"x,1\n")
        #expect(after?.kind == .malformedQuote)
        #expect(after?.line == 3)  // the stray x sits on the field's second line
    }

    @Test("Empty input is an error")
    func empty() {
        #expect(readError("")?.kind == .empty)
        #expect(readError("\n\r\n")?.kind == .empty)
    }

    @Test("Line breaks are counted like a text editor would")
    func lineBreakCounting() throws {
        // Lone CR line ends (classic Mac) count too.
        let got = try readAll(Array("a\rb\r\"c\rd\"\re".utf8), chunkSize: 2)
        #expect(got.map(\.line) == [1, 2, 3, 5])
        #expect(got[2].fields == ["c\rd"])
    }

    @Test("A long field inside one chunk is refused too, at its line", arguments: [3, 64, 65536])
    func longFieldWithinAChunk(chunkSize: Int) {
        let long = String(repeating: "x", count: 5000)
        let error = readError("a,b\n1,2\n3,\"\(long)\"\n4,5\n", chunkSize: chunkSize, maxFieldBytes: 100)
        #expect(error?.kind == .fieldTooLarge(limit: 100))
        #expect(error?.line == 3)
        #expect(error?.field == 2)
        // A field exactly at the cap is fine.
        #expect(
            readError("a\n\(String(repeating: "y", count: 100))\n", chunkSize: chunkSize, maxFieldBytes: 100) == nil)
    }
}
