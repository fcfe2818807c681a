import Foundation

/// Appends CSV cells to a byte buffer: RFC 4180 quoting, CRLF or LF row ends and, when asked
/// for, a guard against text a spreadsheet would run as a formula.
///
/// The one CSV writer: the report's tables and the generator's exports are both written with
/// it. Cells are separated by `comma()`; what a cell means (a timestamp, a rule code) is the
/// caller's business, which writes it with `raw` or, as text, with `text` or `field`.
///
/// The buffer is raw memory written through a pointer: a million-row file is some ten million
/// cells, and an `Array` append checks uniqueness and capacity for every byte. The writer owns
/// it alone (it cannot be copied) and releases it when it goes away.
public struct CSVWriter: ~Copyable {
    /// How rows end.
    public enum LineEnd: Sendable {
        /// CR LF, as RFC 4180 says.
        case crlf
        /// LF alone.
        case lf
    }

    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var count = 0
    @usableFromInline var capacity: Int
    /// Where full buffers go; nil to keep everything in memory.
    public let sink: ByteSink?
    /// How rows end.
    public let lineEnd: LineEnd
    /// Whether text cells that begin like a formula get a leading `'` (see `field`).
    public let guardsFormulas: Bool
    /// Bytes handed to the sink so far.
    public private(set) var bytesWritten = 0
    /// A few bytes remembered under a key (see `remember`), and how many.
    @usableFromInline var rememberedKey = Int.min
    @usableFromInline var remembered: (UInt64, UInt64) = (0, 0)
    @usableFromInline var rememberedCount = 0
    /// Room to join a cell's parts in (see `words`).
    private var scratch: [UInt8] = []

    /// Bytes collected before they go to the sink.
    public static let flushSize = 1 << 20

    /// A writer that keeps about `capacity` bytes in memory, or, with a `sink`, hands them over
    /// every `flushSize` bytes.
    public init(capacity: Int, sink: ByteSink? = nil, lineEnd: LineEnd = .crlf, guardsFormulas: Bool = false) {
        self.capacity = max(sink == nil ? capacity : CSVWriter.flushSize + 4096, 64)
        base = .allocate(capacity: self.capacity)
        self.sink = sink
        self.lineEnd = lineEnd
        self.guardsFormulas = guardsFormulas
    }

    /// The bytes written so far (kept in memory when there is no sink).
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Makes room for `n` more bytes.
    @inlinable @inline(__always)
    mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    @usableFromInline
    mutating func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        new.update(from: base, count: count)
        base.deallocate()
        base = new
        capacity = newCapacity
    }

    @inlinable @inline(__always)
    mutating func put(_ c: UInt8) {
        reserve(1)
        base[count] = c
        count += 1
    }

    @inlinable
    mutating func put(_ b: UnsafeBufferPointer<UInt8>) {
        guard let p = b.baseAddress, !b.isEmpty else { return }
        reserve(b.count)
        (base + count).update(from: p, count: b.count)
        count += b.count
    }

    @inlinable @inline(__always)
    mutating func putLineEnd() {
        reserve(2)
        if lineEnd == .crlf {
            base[count] = 0x0D
            count += 1
        }
        base[count] = 0x0A
        count += 1
    }

    /// Ends the row; hands a full buffer to the sink.
    @inlinable
    public mutating func endRow() throws {
        putLineEnd()
        if sink != nil, count >= CSVWriter.flushSize { try flush() }
    }

    @usableFromInline
    mutating func flush() throws {
        guard let sink else { return }
        try sink.write(UnsafeRawBufferPointer(start: base, count: count))
        bytesWritten += count
        count = 0
    }

    /// Hands the rest to the sink and returns nothing, or returns every byte when there is none.
    public mutating func finish() throws -> [UInt8] {
        guard sink != nil else { return bytes }
        try flush()
        return []
    }

    /// Hands what is in memory to `sink` (another than the writer's own) and empties the buffer.
    public mutating func write(to sink: ByteSink) throws {
        try sink.write(UnsafeRawBufferPointer(start: base, count: count))
        bytesWritten += count
        count = 0
    }

    deinit { base.deallocate() }

    /// The header row: the names as they are (column names need no quoting), then the row end.
    public mutating func header(_ names: [String]) {
        for (i, name) in names.enumerated() {
            if i > 0 { comma() }
            var copy = name
            copy.withUTF8 { put($0) }
        }
        putLineEnd()
    }

    /// The separator between two cells.
    @inlinable @inline(__always)
    public mutating func comma() { put(0x2C) }

    /// Bytes that need no quoting (ids, numbers, timestamps, enumeration words), as they are;
    /// also for rows that are malformed on purpose.
    @inlinable
    public mutating func raw(_ b: UnsafeBufferPointer<UInt8>) { put(b) }

    /// Bytes that need no quoting, as they are (see `raw(_:)`).
    @inlinable
    public mutating func raw(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { put($0) } }

    /// One byte that needs no quoting.
    @inlinable @inline(__always)
    public mutating func raw(byte c: UInt8) { put(c) }

    /// Lets `body` write up to `maximum` bytes in place, as they are; it returns how many it wrote.
    @inlinable @inline(__always)
    public mutating func raw(upTo maximum: Int, _ body: (UnsafeMutableRawBufferPointer) -> Int) {
        reserve(maximum)
        count += body(UnsafeMutableRawBufferPointer(start: base + count, count: maximum))
    }

    /// Writes the bytes remembered under `key` (see `remember`) and returns true, or writes
    /// nothing and returns false when other bytes, or none, are remembered.
    ///
    /// For a part that cell after cell repeats, such as the date of a timestamp in a month's
    /// rows: it is formatted once, then copied.
    @inlinable @inline(__always) @discardableResult
    public mutating func appendRemembered(_ key: Int) -> Bool {
        guard key == rememberedKey else { return false }
        reserve(16)
        withUnsafeBytes(of: remembered) { r in
            for i in 0..<rememberedCount { base[count + i] = r[i] }
        }
        count += rememberedCount
        return true
    }

    /// Remembers up to 16 bytes under `key`, written by `body` (which returns how many), in
    /// place of what was remembered before; `appendRemembered(key)` then writes them.
    public mutating func remember(_ key: Int, _ body: (UnsafeMutableRawBufferPointer) -> Int) {
        rememberedCount = min(16, max(0, withUnsafeMutableBytes(of: &remembered) { body($0) }))
        rememberedKey = key
    }

    /// A text cell, quoted as needed (and formula-guarded when the writer guards formulas).
    public mutating func text(_ s: String) {
        var copy = s
        copy.withUTF8 { field($0) }
    }

    /// A text cell from bytes, quoted as needed (and formula-guarded when the writer guards
    /// formulas).
    public mutating func text(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { field($0) }
    }

    /// Words joined by single spaces as one text cell (as `text(words.joined(separator: " "))`,
    /// without building the joined string for every row).
    public mutating func words<Words: Sequence<String>>(_ list: Words) {
        var joined = scratch
        scratch = []
        joined.removeAll(keepingCapacity: true)
        for (i, word) in list.enumerated() {
            if i > 0 { joined.append(0x20) }
            joined.append(contentsOf: word.utf8)
        }
        joined.withUnsafeBufferPointer { field($0) }
        scratch = joined
    }

    /// Writes `b` as one text cell: quoted when it holds `,` `"` CR or LF or begins or ends
    /// with a space, inner quotes doubled (RFC 4180); when the writer guards formulas, a
    /// leading `'` before text that begins like a formula (`startsFormula`).
    ///
    /// Text may hold invalid UTF-8 or NUL bytes: those are written as U+FFFD, so every output
    /// is valid UTF-8 that spreadsheets open.
    @inlinable
    public mutating func field(_ b: UnsafeBufferPointer<UInt8>) {
        var needsQuotes = false
        var unusual = false
        if CSVWriter.mayNeedCare(b) {
            for c in b {
                if c == 0x2C || c == 0x22 || c == 0x0D || c == 0x0A { needsQuotes = true }
                if c == 0 || c >= 0x80 { unusual = true }
            }
        }
        if unusual, let repaired = CSVWriter.repaired(b) {
            var text = repaired
            text.withUTF8 { field($0) }
            return
        }
        let guarded = guardsFormulas && !b.isEmpty && CSVWriter.startsFormula(b[0])
        // A leading or trailing space would be trimmed by many readers (and by libcsv).
        if !b.isEmpty, b[0] == 0x20 || b[b.count - 1] == 0x20 { needsQuotes = true }
        if !needsQuotes {
            if guarded { put(0x27) }
            put(b)
            return
        }
        reserve(2 * b.count + 3)
        base[count] = 0x22
        count += 1
        if guarded {
            base[count] = 0x27
            count += 1
        }
        for c in b {
            if c == 0x22 {
                base[count] = 0x22
                count += 1
            }
            base[count] = c
            count += 1
        }
        base[count] = 0x22
        count += 1
    }

    /// An integer in decimal.
    @inlinable
    public mutating func integer(_ v: Int64) {
        reserve(20)
        var magnitude = v.magnitude
        if v < 0 {
            base[count] = 0x2D
            count += 1
        }
        var digits = 1
        var rest = magnitude / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        var i = count + digits - 1
        repeat {
            base[i] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
            magnitude /= 10
            i -= 1
        } while magnitude > 0
        count += digits
    }

    /// `b` as valid UTF-8 without NUL bytes, or nil when it already is.
    @usableFromInline
    static func repaired(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        let valid = String(validating: b, as: UTF8.self)
        guard valid == nil || b.contains(0) else { return nil }
        return String(decoding: b, as: UTF8.self).replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
    }

    /// False when no byte of `b` is `,` `"` CR or LF (which need quotes), NUL or 0x80 and up
    /// (which need the UTF-8 check): then the cell is copied as it is. Checked eight bytes at
    /// a time; a true answer (also given for other control bytes) means "look byte by byte".
    @inlinable @inline(__always)
    static func mayNeedCare(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i + 8 <= b.count {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // With every high bit clear, (x - n·ones) & ~x & high is nonzero exactly when some
            // byte of x is below n: below 0x0E catches NUL, LF and CR; a zero byte of w ^ c·ones
            // is a byte equal to c.
            let comma = w ^ (ones &* 0x2C)
            let quote = w ^ (ones &* 0x22)
            if w & high != 0 || (w &- ones &* 0x0E) & ~w & high != 0 || (comma &- ones) & ~comma & high != 0
                || (quote &- ones) & ~quote & high != 0
            {
                return true
            }
            i += 8
        }
        while i < b.count {
            let c = base[i]
            if c == 0x2C || c == 0x22 || c == 0x0D || c == 0x0A || c == 0 || c >= 0x80 { return true }
            i += 1
        }
        return false
    }

    /// Whether a cell starting with `c` would be read as a formula (`=`, `+`, `-`, `@`, tab, CR).
    @inlinable
    public static func startsFormula(_ c: UInt8) -> Bool {
        c == 0x3D || c == 0x2B || c == 0x2D || c == 0x40 || c == 0x09 || c == 0x0D
    }
}
