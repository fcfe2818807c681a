/// One record (row) of a CSV input: a view of its fields' bytes, valid only inside the
/// closure that received it.
///
/// Like rust-csv's `ByteRecord`, all fields of many records live in one byte buffer with an
/// array of field end offsets, so reading allocates nothing per field or per record.
public struct CSVRecord {
    @usableFromInline let bytes: UnsafePointer<UInt8>
    @usableFromInline let ends: UnsafePointer<Int>
    @usableFromInline let start: Int
    /// The number of fields.
    public let count: Int
    /// The physical line (1-based) on which the record begins.
    public let line: Int
    /// The 1-based number of this record in its input, the header being record 1.
    public let index: Int

    @inlinable init(
        bytes: UnsafePointer<UInt8>, ends: UnsafePointer<Int>, start: Int, count: Int, line: Int, index: Int
    ) {
        self.bytes = bytes
        self.ends = ends
        self.start = start
        self.count = count
        self.line = line
        self.index = index
    }

    /// The bytes of field `i` (0-based), unquoted and unescaped. Empty when `i` is out of range.
    @inlinable public subscript(i: Int) -> UnsafeBufferPointer<UInt8> {
        guard i >= 0, i < count else { return UnsafeBufferPointer(start: nil, count: 0) }
        let lower = i == 0 ? start : ends[i - 1]
        return UnsafeBufferPointer(start: bytes + lower, count: ends[i] - lower)
    }

    /// Field `i` as text (invalid UTF-8 repaired). Allocates: for messages and rejected rows only.
    public func string(_ i: Int) -> String {
        String(decoding: self[i], as: UTF8.self)
    }

    /// All fields as text. Allocates: for headers, messages and rejected rows only.
    public func strings() -> [String] {
        (0..<count).map(string)
    }
}
