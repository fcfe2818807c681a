import SLACore

/// Renders the per-item tables as RFC 4180 CSV for spreadsheets.
///
/// Any text cell that begins with `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'`
/// so that no spreadsheet runs it as a formula (SPEC section 5). Numbers are written as numbers.
public enum CSVRenderer {
    /// `sla-P-cases.csv`: one row per case of the response population.
    public static func cases(_ r: Report) -> String {
        table(
            ["case_id", "customer", "org_id", "severity", "created_at", "first_response_at", "deadline",
                "response_seconds", "target_seconds", "verdict"],
            r.cases.map { c in
                [.text(c.caseID), .text(c.customer), .text(c.org), .number(String(c.severity)), .instant(c.createdAt),
                    .instant(c.firstResponse), .instant(c.deadline), .seconds(c.responseMillis),
                    .seconds(c.targetMillis), .text(c.verdict)]
            })
    }

    /// `sla-P-escalations.csv`: one row per escalation with its rule codes.
    public static func escalations(_ r: Report) -> String {
        table(
            ["escalation_id", "case_id", "org_id", "requested_at", "priority", "severity", "channel", "decision",
                "valid", "rules"],
            r.escalationItems.map { e in
                [.text(e.escalationID), .text(e.caseID), .text(e.org), .instant(e.requestedAt), .text(e.priority),
                    .number(String(e.severity)), .text(e.channel), .text(e.decision),
                    .text(e.rules.isEmpty ? "yes" : "no"), .text(e.rules.joined(separator: " "))]
            })
    }

    /// `sla-P-rca.csv`: one row per platform incident restored in the period.
    public static func rca(_ r: Report) -> String {
        table(
            ["case_id", "customer", "restored_at", "due_date", "due_at", "delivered_at", "verdict",
                "business_days_late"],
            r.rcaItems.map { i in
                [.text(i.caseID), .text(i.customer), .instant(i.restoredAt), .text(i.dueDate.description),
                    .instant(i.dueAt), .instant(i.deliveredAt), .text(i.verdict), .number(String(i.businessDaysLate))]
            })
    }

    /// `rejected.csv`: every rejected row, whole, with its position and reason.
    public static func rejected(_ r: Report) -> String {
        table(
            ["file", "kind", "line", "reason", "column", "value", "detail", "row"],
            r.rejections.map { x in
                [.text(x.file), .text(x.kind.rawValue), .number(String(x.line)), .text(x.reason.rawValue),
                    .text(x.column), .text(x.value), .text(x.detail), .text(rowText(x.fields))]
            })
    }

    /// The fields of a rejected row re-encoded as one CSV line, so the row is kept whole.
    static func rowText(_ fields: [String]) -> String {
        fields.map { quoteIfNeeded($0) }.joined(separator: ",")
    }

    enum Cell {
        case text(String)
        case number(String)
        case instant(Instant?)
        case seconds(Int64?)
    }

    static func table(_ header: [String], _ rows: [[Cell]]) -> String {
        var out = header.joined(separator: ",") + "\r\n"
        for row in rows {
            out += row.map(render).joined(separator: ",")
            out += "\r\n"
        }
        return out
    }

    static func render(_ cell: Cell) -> String {
        switch cell {
        case .text(let s): return quoteIfNeeded(guardFormula(s))
        case .number(let s): return s
        case .instant(let t): return t.map(TimestampParser.formatRFC3339UTC) ?? ""
        case .seconds(let ms): return ms.map { JSON.format(Double($0) / 1000, decimals: 3) } ?? ""
        }
    }

    /// Prefixes `'` to text a spreadsheet would read as a formula.
    public static func guardFormula(_ s: String) -> String {
        guard let first = s.unicodeScalars.first else { return s }
        return "=+-@\t\r".unicodeScalars.contains(first) ? "'" + s : s
    }

    /// Quotes a field holding a comma, quote, CR or LF (or surrounding spaces), doubling quotes.
    static func quoteIfNeeded(_ s: String) -> String {
        let needs = s.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
            || s.hasPrefix(" ") || s.hasSuffix(" ")
        return needs ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
