import CSVStream
import SLAConfig
import SLAModel
import SLARules
import SLATime

/// Why a row was rejected (SPEC section 3.6); the raw value is the code used in every output.
public enum RejectReason: String, Sendable, CaseIterable, Comparable {
    case missingRequired = "missing-required"
    case badTimestamp = "bad-timestamp"
    case badValue = "bad-value"
    case wrongFieldCount = "wrong-field-count"
    case duplicateID = "duplicate-id"

    public static func < (a: RejectReason, b: RejectReason) -> Bool { a.rawValue < b.rawValue }
}

/// A rejected row, kept whole with its position and the reason, for the report and rejected.csv.
public struct Rejection: Sendable, Equatable, CustomStringConvertible {
    /// The input it came from (its path as given).
    public var file: String
    public var kind: SLAConfig.InputFile
    public var line: Int
    /// Our name of the offending column; empty when the problem is the whole row.
    public var column: String
    /// The offending value, cut to 200 characters.
    public var value: String
    public var reason: RejectReason
    /// What is wrong, in words.
    public var detail: String
    /// Every field of the row as read.
    public var fields: [String]

    /// `cases.csv:1042: column created_at: "2026-13-45" is not a timestamp (...)`.
    public var description: String {
        let column = column.isEmpty ? "" : "column \(column): "
        return "\(file):\(line): \(column)\(detail) [\(reason.rawValue)]"
    }
}

/// What is wrong with one field; becomes a `Rejection` once the row's position is known.
struct FieldProblem: Error {
    var column: String
    var value: String
    var reason: RejectReason
    var detail: String

    /// The problem of a row whose field count differs from the header's.
    static func wrongFieldCount(_ count: Int, header: Int) -> FieldProblem {
        FieldProblem(
            column: "", value: "", reason: .wrongFieldCount, detail: "the row has \(count) fields, the header \(header)"
        )
    }

    static func cut(_ text: String) -> String {
        text.count <= 200 ? text : String(text.prefix(200))
    }
}

extension Rejection {
    /// The rejection of `record` for `problem`.
    init(_ problem: FieldProblem, file: String, kind: SLAConfig.InputFile, record: CSVRecord) {
        self.init(
            file: file, kind: kind, line: record.line, column: problem.column, value: problem.value,
            reason: problem.reason, detail: problem.detail, fields: record.strings())
    }
}
