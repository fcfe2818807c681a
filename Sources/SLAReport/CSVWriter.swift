import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Appends CSV cells to a byte buffer: RFC 4180 quoting, formula guards, CRLF row ends.
///
/// The buffer is raw memory written through a pointer: a million-row file is some ten million
/// cells, and an `Array` append checks uniqueness and capacity for every byte. Call `finish()`
/// (or `free()`, which is idempotent, on the way out of a failure).
struct CSVWriter {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// Where full buffers go; nil to keep everything in memory.
    let sink: ByteSink?
    /// The day last written by `instant`, and its `YYYY-MM-DDT` text: rows of one month share
    /// few days, so most instants only need their time of day formatted.
    private var cachedDay = Int.min
    private var dayText: (UInt64, UInt64) = (0, 0)
    /// Room to join a cell's parts in (see `words`).
    private var scratch: [UInt8] = []

    /// Bytes collected before they go to the sink.
    static let flushSize = 1 << 20

    init(capacity: Int, sink: ByteSink? = nil) {
        self.capacity = max(sink == nil ? capacity : CSVWriter.flushSize + 4096, 64)
        base = .allocate(capacity: self.capacity)
        self.sink = sink
    }

    /// The bytes written so far (kept in memory when there is no sink).
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Makes room for `n` more bytes.
    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private mutating func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        new.update(from: base, count: count)
        base.deallocate()
        base = new
        capacity = newCapacity
    }

    @inline(__always)
    private mutating func put(_ c: UInt8) {
        reserve(1)
        base[count] = c
        count += 1
    }

    private mutating func put(_ b: UnsafeBufferPointer<UInt8>) {
        guard let p = b.baseAddress, !b.isEmpty else { return }
        reserve(b.count)
        (base + count).update(from: p, count: b.count)
        count += b.count
    }

    /// Ends the row; hands a full buffer to the sink.
    mutating func endRow() throws {
        reserve(2)
        base[count] = 0x0D
        base[count + 1] = 0x0A
        count += 2
        if let sink, count >= CSVWriter.flushSize {
            try sink.write(UnsafeRawBufferPointer(start: base, count: count))
            count = 0
        }
    }

    /// Hands the rest to the sink and returns nothing, or returns every byte when there is none;
    /// releases the buffer either way.
    mutating func finish() throws -> [UInt8] {
        defer { free() }
        guard let sink else { return bytes }
        try sink.write(UnsafeRawBufferPointer(start: base, count: count))
        return []
    }

    /// Hands what is in memory to `sink` and releases the buffer.
    mutating func write(to sink: ByteSink) throws {
        defer { free() }
        try sink.write(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// Releases the buffer (again: nothing happens); the writer is not used after this.
    mutating func free() {
        guard capacity > 0 else { return }
        base.deallocate()
        capacity = 0
        count = 0
    }

    mutating func header(_ names: [String]) {
        for (i, name) in names.enumerated() {
            if i > 0 { comma() }
            var copy = name
            copy.withUTF8 { put($0) }
        }
        put(0x0D)
        put(0x0A)
    }

    @inline(__always)
    mutating func comma() { put(0x2C) }

    /// A text cell, formula-guarded and quoted as needed.
    mutating func text(_ s: String) {
        var copy = s
        copy.withUTF8 { field($0, guardFormula: true) }
    }

    /// Words joined by single spaces as one text cell (as `text(words.joined(separator: " "))`,
    /// without building the joined string for every row).
    mutating func words<Words: Sequence<String>>(_ list: Words) {
        var joined = scratch
        scratch = []
        joined.removeAll(keepingCapacity: true)
        for (i, word) in list.enumerated() {
            if i > 0 { joined.append(0x20) }
            joined.append(contentsOf: word.utf8)
        }
        joined.withUnsafeBufferPointer { field($0, guardFormula: true) }
        scratch = joined
    }

    /// The interned text number `n` of `table` as a text cell; empty when `n` is negative.
    mutating func text(_ table: IDTable, _ n: Int32) {
        guard n >= 0 else { return }
        table.withBytes(n) { field($0, guardFormula: true) }
    }

    /// Writes `b` as one field: a leading `'` before formula-like text, quotes when needed.
    ///
    /// Text from the data may hold invalid UTF-8 or NUL bytes: those are written as U+FFFD, so
    /// every output is valid UTF-8 that spreadsheets open.
    mutating func field(_ b: UnsafeBufferPointer<UInt8>, guardFormula: Bool) {
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
            text.withUTF8 { field($0, guardFormula: guardFormula) }
            return
        }
        let guarded = guardFormula && !b.isEmpty && CSVWriter.startsFormula(b[0])
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

    mutating func integer(_ v: Int64) {
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

    /// An instant in RFC 3339 UTC (as `TimestampParser.formatRFC3339UTC`); empty when nil.
    mutating func instant(_ t: Instant?) {
        guard let t else { return }
        let msPerDay: Int64 = 86_400_000
        var day = t.millis / msPerDay
        var rest = t.millis % msPerDay
        if rest < 0 {
            rest += msPerDay
            day -= 1
        }
        if Int(day) != cachedDay {
            let date = CivilDate(daysSinceEpoch: Int(day))
            guard (0...9999).contains(date.year) else {
                var text: [UInt8] = []
                TimestampParser.appendRFC3339UTC(t, to: &text)
                text.withUnsafeBufferPointer { put($0) }
                return
            }
            cachedDay = Int(day)
            withUnsafeMutableBytes(of: &dayText) { d in
                CSVWriter.digits(date.year, 4, into: d, at: 0)
                d[4] = 0x2D
                CSVWriter.digits(date.month, 2, into: d, at: 5)
                d[7] = 0x2D
                CSVWriter.digits(date.day, 2, into: d, at: 8)
                d[10] = 0x54  // T
            }
        }
        reserve(24)
        withUnsafeBytes(of: dayText) { d in
            for i in 0..<11 { base[count + i] = d[i] }
        }
        count += 11
        let second = Int(rest / 1000)
        let millis = Int(rest % 1000)
        let out = UnsafeMutableRawBufferPointer(start: base + count, count: 13)
        CSVWriter.digits(second / 3600, 2, into: out, at: 0)
        out[2] = 0x3A
        CSVWriter.digits(second / 60 % 60, 2, into: out, at: 3)
        out[5] = 0x3A
        CSVWriter.digits(second % 60, 2, into: out, at: 6)
        if millis != 0 {
            out[8] = 0x2E
            CSVWriter.digits(millis, 3, into: out, at: 9)
            out[12] = 0x5A  // Z
            count += 13
        } else {
            out[8] = 0x5A
            count += 9
        }
    }

    /// Writes `value` (not negative) as exactly `width` zero-padded digits.
    @inline(__always)
    private static func digits(_ value: Int, _ width: Int, into out: UnsafeMutableRawBufferPointer, at offset: Int) {
        var v = value
        for i in stride(from: offset + width - 1, through: offset, by: -1) {
            out[i] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
            v /= 10
        }
    }

    /// Milliseconds as seconds with up to three decimals (trailing zeros dropped); empty when nil.
    mutating func seconds(_ ms: Int64?) {
        guard let ms else { return }
        if ms < 0 { put(0x2D) }
        let magnitude = ms.magnitude
        integer(Int64(magnitude / 1000))
        var fraction = Int(magnitude % 1000)
        guard fraction != 0 else { return }
        put(0x2E)
        var width = 3
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            put(UInt8(fraction / divisor % 10) + 0x30)
            divisor /= 10
        }
    }

    /// `b` as valid UTF-8 without NUL bytes, or nil when it already is.
    static func repaired(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        let valid = String(validating: b, as: UTF8.self)
        guard valid == nil || b.contains(0) else { return nil }
        return String(decoding: b, as: UTF8.self).replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
    }

    /// False when no byte of `b` is `,` `"` CR or LF (which need quotes), NUL or 0x80 and up
    /// (which need the UTF-8 check): then the cell is copied as it is. Checked eight bytes at
    /// a time; a true answer (also given for other control bytes) means "look byte by byte".
    @inline(__always)
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
    static func startsFormula(_ c: UInt8) -> Bool {
        c == 0x3D || c == 0x2B || c == 0x2D || c == 0x40 || c == 0x09 || c == 0x0D
    }
}
