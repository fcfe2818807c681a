import CSVStream
import Foundation
import Testing

@Suite("Inputs")
struct InputSourceTests {
    let folder: URL = {
        let url = scratchRoot.appendingPathComponent("inputs")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Compresses `text` with the system's gzip, an independent implementation.
    func gzip(_ text: String, name: String) throws -> String {
        let plain = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: plain)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-f", plain.path]
        try process.run()
        process.waitUntilExit()
        return plain.path + ".gz"
    }

    func records(at location: InputLocation, chunkSize: Int = 4096) throws -> [ReadRecord] {
        let reader = try CSVReader(location: location, options: CSVReaderOptions(chunkSize: chunkSize))
        var out: [ReadRecord] = []
        try reader.forEachRecord { out.append(ReadRecord(fields: $0.strings(), line: $0.line)) }
        return out
    }

    @Test("A .gz file is decompressed")
    func gzipFile() throws {
        var text = "id,v\n"
        for i in 0..<3000 { text += "\(i),\"value \(i)\"\n" }
        let path = try gzip(text, name: "big.csv")
        let got = try records(at: .path(path), chunkSize: 1000)
        #expect(got.count == 3001)
        #expect(got.last == ReadRecord(fields: ["2999", "value 2999"], line: 3001))
    }

    @Test("A truncated .gz file is an error, not a short read")
    func truncatedGzip() throws {
        var text = "id,v\n"
        for i in 0..<20000 { text += "\(i),\(i * 7)\n" }
        let path = try gzip(text, name: "cut.csv")
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try records(at: .path(path))
        } throws: { error in
            guard let error = error as? CSVError, case .badGzip = error.kind else { return false }
            return error.file == path
        }
    }

    @Test("A missing file and a folder are clear errors")
    func unreadable() throws {
        let missing = folder.appendingPathComponent("nope.csv").path
        #expect {
            _ = try records(at: .path(missing))
        } throws: { error in
            (error as? CSVError)?.description == "\(missing): cannot read: No such file or directory"
        }
        #expect {
            _ = try records(at: .path(folder.path))
        } throws: { error in
            (error as? CSVError)?.description == "\(folder.path): cannot read: it is a folder, not a file"
        }
    }

    @Test("The real Helpdesk log: 21,348 records, each on its own line")
    func helpdesk() throws {
        let path = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data/real/helpdesk/helpdesk.csv").path
        try #require(
            FileManager.default.fileExists(atPath: path), "data/real/helpdesk/helpdesk.csv is in the repository")
        // Independent reference: the file has no quotes, so splitting on CRLF gives its lines.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.count == 21_349)
        for chunkSize in [7, 65536] {
            let got = try records(at: .path(path), chunkSize: chunkSize)
            #expect(got.count == 21_349)  // the header and 21,348 events
            var mismatches = 0
            for (i, record) in got.enumerated() {
                if record.line != i + 1 || record.fields != lines[i].components(separatedBy: ",") { mismatches += 1 }
            }
            #expect(mismatches == 0)
            #expect(got.last?.line == 21_349)
            #expect(got.last?.fields.first == "Case 4580")
        }
    }
}
