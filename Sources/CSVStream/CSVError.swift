/// An error found while reading a CSV input, with the position where it happened.
///
/// Every error names the input and a physical line, so a message always reads
/// `cases.csv:1042: ...`, like a compiler diagnostic.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The input could not be opened or read; `reason` is the system's message.
        case unreadable(reason: String)
        /// A quote appeared inside an unquoted field, or text followed a closing quote.
        case malformedQuote
        /// The input ended inside a quoted field that began at `line`.
        case unterminatedQuote
        /// One field grew past the configured cap; most often an unterminated quote.
        case fieldTooLarge(limit: Int)
        /// The gzip stream is corrupt or truncated.
        case badGzip(reason: String)
        /// The input has no header row.
        case empty
    }

    public var kind: Kind
    /// The input's name as the user gave it (a path, or `-` for standard input).
    public var file: String
    /// The physical line (1-based) where the offending field or record began; 0 when unknown.
    public var line: Int
    /// The 1-based field number within its record; 0 when not about one field.
    public var field: Int
    /// Byte offset in the (decompressed) input where the problem was detected; -1 when unknown.
    public var byteOffset: Int64

    public init(_ kind: Kind, file: String, line: Int = 0, field: Int = 0, byteOffset: Int64 = -1) {
        self.kind = kind
        self.file = file
        self.line = line
        self.field = field
        self.byteOffset = byteOffset
    }

    public var description: String {
        let position = line > 0 ? "\(file):\(line)" : file
        let fieldText = field > 0 ? "field \(field): " : ""
        let offset = byteOffset >= 0 ? " (byte \(byteOffset))" : ""
        switch kind {
        case .unreadable(let reason):
            return "\(position): cannot read: \(reason)"
        case .malformedQuote:
            return "\(position): \(fieldText)malformed quoting\(offset): a quote inside an unquoted field, "
                + "or text after a closing quote (quote the whole field and double the quotes inside it)"
        case .unterminatedQuote:
            return "\(position): \(fieldText)a quoted field that begins on this line is never closed "
                + "(the input ends inside it; look for a missing closing quote)"
        case .fieldTooLarge(let limit):
            return "\(position): \(fieldText)a field that begins on this line is longer than "
                + "\(limit) bytes\(offset); most often a quote that is never closed "
                + "(raise input.max_field_bytes if such fields are real)"
        case .badGzip(let reason):
            return "\(position): not a valid gzip stream\(offset): \(reason)"
        case .empty:
            return "\(file): the file is empty: expected a header row"
        }
    }
}
