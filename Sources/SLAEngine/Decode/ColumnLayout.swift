import CSVStream
import SLAConfig
import SLAModel
import SLARules
import SLATime

/// Where each of our columns sits in one input, and how its values are mapped.
///
/// Built once per file from the header row and the config's `[input.KIND.columns]` and
/// `[input.KIND.values.COLUMN]` tables.
struct ColumnLayout {
    /// Position of each of our columns in the file (indexed by `Column.rawValue`), -1 when absent.
    private var positions = [Int](repeating: -1, count: Column.allCases.count)
    /// Per field position: the config's value map (keys lowercased and trimmed), if any.
    private(set) var valueMaps: [[String: String]?]
    let fieldCount: Int
    /// Values that read as missing (`input.missing_tokens`).
    let missing: MissingTokens

    /// Matches `header` against `columns` (our names); fails naming the first missing required one.
    init(
        header: CSVHeader, file: String, kind: SLAConfig.InputFile, columns: [(column: Column, required: Bool)],
        mapping: SLAConfig.FileMapping, missing: MissingTokens = MissingTokens()
    ) throws(InputError) {
        fieldCount = header.count
        self.missing = missing
        valueMaps = [[String: String]?](repeating: nil, count: header.count)
        for (column, required) in columns {
            let exportName = mapping.columns[column.name] ?? column.name
            if let i = header.index(of: exportName) {
                positions[column.rawValue] = i
                if let map = mapping.values[column.name], !map.isEmpty {
                    var lowered: [String: String] = [:]
                    for (k, v) in map { lowered[CSVHeader.normalize(k)] = v }
                    valueMaps[i] = lowered
                }
            } else if required {
                let mapped =
                    mapping.columns[column.name].map {
                        " (mapped to \"\($0)\" by input.\(kind.rawValue).columns)"
                    } ?? ""
                throw InputError(
                    file: file, line: 1,
                    message: "missing required column \(column.name)\(mapped); the header has: "
                        + header.names.map { "\"\($0)\"" }.joined(separator: ", "))
            }
        }
    }

    /// The position of `column` in the file, if the file has it.
    @inline(__always)
    func position(_ column: Column) -> Int? {
        let i = positions[column.rawValue]
        return i >= 0 ? i : nil
    }
}

/// An input error that stops the run (exit 3): unreadable file, bad CSV, missing column.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public init(_ csv: CSVError) {
        self.init(file: csv.file, line: csv.line, message: csv.description)
    }

    /// Any error met while reading `file`, as an input error: itself, a CSV error with its
    /// position, or anything else with the file's name.
    static func wrapping(_ error: any Error, file: String) -> InputError {
        switch error {
        case let error as InputError: return error
        case let error as CSVError: return InputError(error)
        default: return InputError(file: file, line: 0, message: "\(error)")
        }
    }

    public var description: String {
        message.hasPrefix(file) ? message : (line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)")
    }
}
