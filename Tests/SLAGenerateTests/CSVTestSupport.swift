import Foundation
import SLAConfig
import SLAEngine
import SLAGenerate
import SLAModel
import SLARules
import SLATime

/// A small, independent RFC 4180 reader for checking the generator's files: quoted fields,
/// doubled quotes, line breaks inside quotes, LF or CRLF. Not the generator's own code.
struct TestTable {
    var header: [String]
    var rows: [[String]]
    var hasByteOrderMark: Bool
    var usesCRLF: Bool

    init(url: URL) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        hasByteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if hasByteOrderMark { bytes.removeFirst(3) }
        usesCRLF = false
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var i = 0
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll()
        }
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == 34 {
                    if i + 1 < bytes.count && bytes[i + 1] == 34 {
                        field.append(34)
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(b)
                }
            } else if b == 34 && field.isEmpty {
                quoted = true
            } else if b == 44 {
                endField()
            } else if b == 13 && i + 1 < bytes.count && bytes[i + 1] == 10 {
                usesCRLF = true
            } else if b == 10 {
                endField()
                records.append(record)
                record = []
            } else {
                field.append(b)
            }
            i += 1
        }
        if !field.isEmpty || !record.isEmpty {
            endField()
            records.append(record)
        }
        header = records.first ?? []
        rows = Array(records.dropFirst())
    }

    /// The column's index in the header.
    func column(_ name: String) -> Int { header.firstIndex(of: name) ?? -1 }

    /// The values of a column (empty for rows too short to have it).
    func values(_ name: String) -> [String] {
        let c = column(name)
        return rows.map { c >= 0 && c < $0.count ? $0[c] : "" }
    }
}

/// Parses `YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|+HH:MM|-HH:MM]` to whole seconds since the epoch;
/// a time without an offset is read as UTC. Nil for anything else.
func parseTestTimestamp(_ text: String) -> Int64? {
    let b = Array(text.utf8)
    guard b.count >= 19, b[10] == 84 || b[10] == 32 else { return nil }
    func number(_ from: Int, _ count: Int) -> Int? {
        guard from + count <= b.count else { return nil }
        var v = 0
        for i in from..<(from + count) {
            guard b[i] >= 48 && b[i] <= 57 else { return nil }
            v = v * 10 + Int(b[i] - 48)
        }
        return v
    }
    guard let year = number(0, 4), b[4] == 45, let month = number(5, 2), b[7] == 45, let day = number(8, 2),
        let hour = number(11, 2), b[13] == 58, let minute = number(14, 2), b[16] == 58, let second = number(17, 2),
        hour < 24, minute < 60, second < 60
    else { return nil }
    let date = CivilDate(year: year, month: month, day: day)
    guard date.isValid else { return nil }
    var i = 19
    if i < b.count && b[i] == 46 {
        i += 1
        while i < b.count && b[i] >= 48 && b[i] <= 57 { i += 1 }
    }
    var offset = 0
    if i < b.count {
        if b[i] == 90 && i == b.count - 1 {
            offset = 0
        } else if (b[i] == 43 || b[i] == 45) && b.count == i + 6, let h = number(i + 1, 2), b[i + 3] == 58,
            let m = number(i + 4, 2)
        {
            offset = (h * 60 + m) * 60 * (b[i] == 45 ? -1 : 1)
        } else {
            return nil
        }
    }
    return Int64(date.daysSinceEpoch) * 86400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
}

/// A fresh temporary folder with generated exports, removed by `cleanUp()`.
struct GeneratedExports {
    let directory: URL
    let summary: GenerationSummary

    init(_ options: GeneratorOptions) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("slagenerate-tests-\(UUID().uuidString)", isDirectory: true)
        summary = try generateExports(options, to: directory)
    }

    func table(_ name: String) throws -> TestTable { try TestTable(url: directory.appendingPathComponent(name)) }

    func data(_ name: String) throws -> Data { try Data(contentsOf: directory.appendingPathComponent(name)) }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }
}

let exportFileNames = ["cases.csv", "case_events.csv", "escalations.csv"]

/// Seconds since the epoch of a UTC date's midnight.
func midnightUTC(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
    Int64(CivilDate(year: year, month: month, day: day).daysSinceEpoch) * 86400
}
