import SLACore

/// Renders the per-item tables as RFC 4180 CSV for spreadsheets.
///
/// Any text cell that begins with `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'`
/// so that no spreadsheet runs it as a formula (SPEC section 5). Numbers are written as numbers.
/// Rows are written straight into bytes: a month of a million cases makes a 120 MB file.
public enum CSVRenderer {
    /// `sla-P-cases.csv`: one row per case of the response population.
    public static func cases(_ r: Report, to sink: ByteSink? = nil) throws -> [UInt8] {
        var w = CSVWriter(capacity: sink == nil ? r.cases.count * 160 : 1 << 20 + 4096, sink: sink)
        w.header([
            "case_id", "customer", "org_id", "severity", "created_at", "first_response_at", "deadline",
            "response_seconds", "target_seconds", "verdict",
        ])
        for item in r.cases {
            let c = r.record(item)
            w.text(r.names.caseIDs, c.id)
            w.comma()
            w.text(r.names.customers, c.customer)
            w.comma()
            w.text(r.names.orgs, c.org)
            w.comma()
            w.integer(Int64(item.severity.rawValue))
            w.comma()
            w.instant(item.createdAt)
            w.comma()
            w.instant(item.firstResponse)
            w.comma()
            w.instant(item.deadline)
            w.comma()
            w.seconds(item.responseMillis)
            w.comma()
            w.seconds(r.targetMillis(item))
            w.comma()
            w.text(item.verdict.rawValue)
            try w.endRow()
        }
        return try w.finish()
    }

    /// `sla-P-escalations.csv`: one row per escalation with its rule codes.
    public static func escalations(_ r: Report, to sink: ByteSink? = nil) throws -> [UInt8] {
        var w = CSVWriter(capacity: sink == nil ? r.escalationItems.count * 120 : 1 << 20 + 4096, sink: sink)
        w.header([
            "escalation_id", "case_id", "org_id", "requested_at", "priority", "severity", "channel", "decision",
            "valid", "rules",
        ])
        for e in r.escalationItems {
            w.text(r.names.escalationIDs, e.escalationID)
            w.comma()
            w.text(r.names.caseIDs, e.caseID)
            w.comma()
            w.text(r.names.orgs, e.org)
            w.comma()
            w.instant(e.requestedAt)
            w.comma()
            w.text(e.priority)
            w.comma()
            w.integer(Int64(e.severity))
            w.comma()
            w.text(e.channel)
            w.comma()
            w.text(e.decision)
            w.comma()
            w.text(e.rules.isEmpty ? "yes" : "no")
            w.comma()
            w.text(e.rules.joined(separator: " "))
            try w.endRow()
        }
        return try w.finish()
    }

    /// `sla-P-rca.csv`: one row per platform incident restored in the period.
    public static func rca(_ r: Report, to sink: ByteSink? = nil) throws -> [UInt8] {
        var w = CSVWriter(capacity: sink == nil ? r.rcaItems.count * 140 : 1 << 20 + 4096, sink: sink)
        w.header([
            "case_id", "customer", "restored_at", "due_date", "due_at", "delivered_at", "verdict",
            "business_days_late",
        ])
        for i in r.rcaItems {
            w.text(r.names.caseIDs, i.caseID)
            w.comma()
            w.text(r.names.customers, i.customer)
            w.comma()
            w.instant(i.restoredAt)
            w.comma()
            w.text(i.dueDate.description)
            w.comma()
            w.instant(i.dueAt)
            w.comma()
            w.instant(i.deliveredAt)
            w.comma()
            w.text(i.verdict)
            w.comma()
            w.integer(Int64(i.businessDaysLate))
            try w.endRow()
        }
        return try w.finish()
    }

    /// `rejected.csv`: every rejected row, whole, with its position and reason.
    public static func rejected(_ r: Report, to sink: ByteSink? = nil) throws -> [UInt8] {
        var w = CSVWriter(capacity: sink == nil ? 4096 : 1 << 20 + 4096, sink: sink)
        w.header(["file", "kind", "line", "reason", "column", "value", "detail", "row"])
        for x in r.rejections {
            w.text(x.file)
            w.comma()
            w.text(x.kind.rawValue)
            w.comma()
            w.integer(Int64(x.line))
            w.comma()
            w.text(x.reason.rawValue)
            w.comma()
            w.text(x.column)
            w.comma()
            w.text(x.value)
            w.comma()
            w.text(x.detail)
            w.comma()
            w.text(rowText(x.fields))
            try w.endRow()
        }
        return try w.finish()
    }

    /// The fields of a rejected row re-encoded as one CSV line, so the row is kept whole.
    static func rowText(_ fields: [String]) -> String {
        fields.map { quoteIfNeeded($0) }.joined(separator: ",")
    }

    /// Prefixes `'` to text a spreadsheet would read as a formula.
    public static func guardFormula(_ s: String) -> String {
        guard let first = s.utf8.first, CSVWriter.startsFormula(first) else { return s }
        return "'" + s
    }

    /// Quotes a field holding a comma, quote, CR or LF (or surrounding spaces), doubling quotes.
    static func quoteIfNeeded(_ s: String) -> String {
        var w = CSVWriter(capacity: s.utf8.count + 2)
        var copy = s
        copy.withUTF8 { w.field($0, guardFormula: false) }
        return String(decoding: w.bytes, as: UTF8.self)
    }
}

/// Appends CSV cells to a byte buffer: RFC 4180 quoting, formula guards, CRLF row ends.
struct CSVWriter {
    private(set) var bytes: [UInt8] = []
    /// Where full buffers go; nil to keep everything in `bytes`.
    let sink: ByteSink?

    init(capacity: Int, sink: ByteSink? = nil) {
        bytes.reserveCapacity(capacity)
        self.sink = sink
    }

    /// Ends the row; hands a full MiB to the sink.
    mutating func endRow() throws {
        bytes.append(contentsOf: [0x0D, 0x0A])
        if let sink, bytes.count >= 1 << 20 {
            try sink.write(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    /// Hands the rest to the sink and returns nothing, or returns every byte when there is none.
    mutating func finish() throws -> [UInt8] {
        guard let sink else { return bytes }
        try sink.write(bytes)
        bytes.removeAll()
        return []
    }

    mutating func header(_ names: [String]) {
        for (i, name) in names.enumerated() {
            if i > 0 { comma() }
            bytes.append(contentsOf: name.utf8)
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    mutating func comma() { bytes.append(0x2C) }

    /// A text cell, formula-guarded and quoted as needed.
    mutating func text(_ s: String) {
        var copy = s
        copy.withUTF8 { field($0, guardFormula: true) }
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
        for c in b {
            if c == 0x2C || c == 0x22 || c == 0x0D || c == 0x0A { needsQuotes = true }
            if c == 0 || c >= 0x80 { unusual = true }
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
            if guarded { bytes.append(0x27) }
            bytes.append(contentsOf: b)
            return
        }
        bytes.append(0x22)
        if guarded { bytes.append(0x27) }
        for c in b {
            if c == 0x22 { bytes.append(0x22) }
            bytes.append(c)
        }
        bytes.append(0x22)
    }

    mutating func integer(_ v: Int64) {
        var v = v
        if v < 0 {
            bytes.append(0x2D)
            v = -v
        }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8
            ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(v % 10) + 0x30
                v /= 10
                n += 1
            } while v > 0
            for i in stride(from: n - 1, through: 0, by: -1) { bytes.append(d[i]) }
        }
    }

    /// An instant in RFC 3339 UTC; empty when nil.
    mutating func instant(_ t: Instant?) {
        guard let t else { return }
        TimestampParser.appendRFC3339UTC(t, to: &bytes)
    }

    /// Milliseconds as seconds with up to three decimals (trailing zeros dropped); empty when nil.
    mutating func seconds(_ ms: Int64?) {
        guard let ms else { return }
        if ms < 0 { bytes.append(0x2D) }
        let magnitude = ms.magnitude
        integer(Int64(magnitude / 1000))
        var fraction = Int(magnitude % 1000)
        guard fraction != 0 else { return }
        bytes.append(0x2E)
        var width = 3
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(fraction / divisor % 10) + 0x30)
            divisor /= 10
        }
    }

    /// `b` as valid UTF-8 without NUL bytes, or nil when it already is.
    static func repaired(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        let valid = String(validating: b, as: UTF8.self)
        guard valid == nil || b.contains(0) else { return nil }
        return String(decoding: b, as: UTF8.self).replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
    }

    /// Whether a cell starting with `c` would be read as a formula (`=`, `+`, `-`, `@`, tab, CR).
    static func startsFormula(_ c: UInt8) -> Bool {
        c == 0x3D || c == 0x2B || c == 0x2D || c == 0x40 || c == 0x09 || c == 0x0D
    }
}
