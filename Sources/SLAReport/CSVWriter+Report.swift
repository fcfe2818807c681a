import CSVStream
import SLAEngine
import SLARules
import SLATime

/// The report's cells on CSVStream's writer: interned ids and names, instants and durations.
extension CSVWriter {
    /// A writer for the report's CSV files: CRLF row ends, and every text cell that begins
    /// like a formula prefixed with `'` (SPEC section 5).
    static func report(capacity: Int, sink: ByteSink? = nil) -> CSVWriter {
        CSVWriter(capacity: capacity, sink: sink, lineEnd: .crlf, guardsFormulas: true)
    }

    /// The interned text number `n` of `table` as a text cell; empty when `n` is negative.
    mutating func text(_ table: IDTable, _ n: Int32) {
        guard n >= 0 else { return }
        table.withBytes(n) { field($0) }
    }

    /// A verdict's name (`ResponseVerdict.rawValue`) from static text: a month of a million
    /// cases writes four verdicts a row.
    mutating func verdict(_ v: ResponseVerdict) {
        let name: StaticString =
            switch v {
            case .met: "met"
            case .breached: "breached"
            case .pending: "pending"
            case .negativeDuration: "negative-duration"
            }
        assert(name.description == v.rawValue, "a verdict's CSV name is its raw value")
        name.withUTF8Buffer { raw($0) }
    }

    /// An instant in RFC 3339 UTC (as `TimestampParser.formatRFC3339UTC`); empty when nil.
    ///
    /// Rows of one month share few days: the `YYYY-MM-DDT` of the last day written is
    /// remembered, so most instants only need their time of day formatted.
    mutating func instant(_ t: Instant?) {
        guard let t else { return }
        let msPerDay: Int64 = 86_400_000
        var day = t.millis / msPerDay
        var rest = t.millis % msPerDay
        if rest < 0 {
            rest += msPerDay
            day -= 1
        }
        if !appendRemembered(Int(day)) {
            let date = CivilDate(daysSinceEpoch: Int(day))
            guard (0...9999).contains(date.year) else {
                var text: [UInt8] = []
                TimestampParser.appendRFC3339UTC(t, to: &text)
                raw(text)
                return
            }
            remember(Int(day)) { d in
                CSVWriter.digits(date.year, 4, into: d, at: 0)
                d[4] = 0x2D
                CSVWriter.digits(date.month, 2, into: d, at: 5)
                d[7] = 0x2D
                CSVWriter.digits(date.day, 2, into: d, at: 8)
                d[10] = 0x54  // T
                return 11
            }
            appendRemembered(Int(day))
        }
        let second = Int(rest / 1000)
        let millis = Int(rest % 1000)
        raw(upTo: 13) { out in
            CSVWriter.digits(second / 3600, 2, into: out, at: 0)
            out[2] = 0x3A
            CSVWriter.digits(second / 60 % 60, 2, into: out, at: 3)
            out[5] = 0x3A
            CSVWriter.digits(second % 60, 2, into: out, at: 6)
            guard millis != 0 else {
                out[8] = 0x5A  // Z
                return 9
            }
            out[8] = 0x2E
            CSVWriter.digits(millis, 3, into: out, at: 9)
            out[12] = 0x5A
            return 13
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
        if ms < 0 { raw(byte: 0x2D) }
        let magnitude = ms.magnitude
        integer(Int64(magnitude / 1000))
        var fraction = Int(magnitude % 1000)
        guard fraction != 0 else { return }
        raw(byte: 0x2E)
        var width = 3
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            raw(byte: UInt8(fraction / divisor % 10) + 0x30)
            divisor /= 10
        }
    }
}
