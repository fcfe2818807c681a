import Foundation

/// A CSV file written through one large in-memory buffer (RFC 4180 quoting, LF or CRLF).
///
/// Fields are appended as bytes; the buffer goes to disk in multi-megabyte writes, never a
/// line at a time.
final class CSVOutput {
    let url: URL
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let capacity = 4 << 20
    private let lineEnd: [UInt8]
    private var atRowStart = true
    /// Bytes written so far (including what is still buffered).
    private(set) var bytes = 0
    /// Data rows ended so far (the header is not counted).
    private(set) var rows = 0

    init(url: URL, crlf: Bool = false, byteOrderMark: Bool = false) throws {
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw GeneratorError.cannotWrite(url.path, "cannot create the file")
        }
        do {
            handle = try FileHandle(forWritingTo: url)
        } catch {
            throw GeneratorError.cannotWrite(url.path, "\(error)")
        }
        lineEnd = crlf ? [13, 10] : [10]
        buffer.reserveCapacity(capacity + 65536)
        if byteOrderMark { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    /// Writes the header row (not counted in `rows`).
    func header(_ names: [String]) throws {
        for name in names { field(name) }
        try endRow(counted: false)
    }

    @inline(__always)
    private func separator() {
        if atRowStart { atRowStart = false } else { buffer.append(44) }
    }

    /// An empty field (a missing value).
    @inline(__always)
    func empty() { separator() }

    /// A field from bytes known to need no quoting (ids, enums, timestamps).
    @inline(__always)
    func raw(_ bytes: [UInt8]) {
        separator()
        buffer.append(contentsOf: bytes)
    }

    /// A field from bytes that may need quoting.
    func text(_ bytes: [UInt8]) {
        separator()
        CSVOutput.appendQuotedIfNeeded(bytes, to: &buffer)
    }

    /// A field from a string that may need quoting.
    func field(_ string: String) { text(Array(string.utf8)) }

    /// Starts a field and lets `body` append its raw bytes (used for numbers and timestamps).
    @inline(__always)
    func build(_ body: (inout [UInt8]) -> Void) {
        separator()
        body(&buffer)
    }

    /// Appends bytes verbatim, with no separator (for deliberately malformed rows).
    func verbatim(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }

    /// Ends the current row.
    func endRow(counted: Bool = true) throws {
        buffer.append(contentsOf: lineEnd)
        atRowStart = true
        if counted { rows += 1 }
        if buffer.count >= capacity { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        bytes += buffer.count
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw GeneratorError.cannotWrite(url.path, "\(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        do { try handle.close() } catch { throw GeneratorError.cannotWrite(url.path, "\(error)") }
    }

    /// RFC 4180: quote when the field holds a comma, a quote, CR or LF; double inner quotes.
    static func appendQuotedIfNeeded(_ bytes: [UInt8], to out: inout [UInt8]) {
        var needs = false
        for b in bytes where b == 44 || b == 34 || b == 10 || b == 13 {
            needs = true
            break
        }
        guard needs else {
            out.append(contentsOf: bytes)
            return
        }
        out.append(34)
        for b in bytes {
            if b == 34 { out.append(34) }
            out.append(b)
        }
        out.append(34)
    }
}
