import CSVStream
import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

/// Renders the per-item tables as RFC 4180 CSV for spreadsheets.
///
/// Any text cell that begins with `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'`
/// so that no spreadsheet runs it as a formula (SPEC section 5). Numbers are written as numbers.
/// Rows are written straight into bytes: a month of a million cases makes a 120 MB file.
public enum CSVRenderer {
    /// `sla-P-cases.csv`: one row per case of the response population, in memory, on one
    /// thread. The report command streams the same bytes through `CaseRowsPipeline`.
    public static func cases(_ r: Report) throws -> [UInt8] {
        var w = CSVWriter.report(capacity: r.cases.count * 160)
        casesHeader(r, &w)
        try caseRows(r, r.cases.indices, &w)
        return try w.finish()
    }

    /// The header: version 1's columns, the case's clock, then for each measured target beyond
    /// first response its deadline, figure and verdict and, with exclusions.csv, the targets the
    /// case is excluded from.
    static func casesHeader(_ r: Report, _ w: inout CSVWriter) {
        var columns = [
            "case_id", "customer", "org_id", "severity", "created_at", "first_response_at", "deadline",
            "response_seconds", "target_seconds", "verdict", "tier", "timezone", "calendar",
        ]
        columns += r.measuredTargets.flatMap { t in
            ["deadline", "seconds", "verdict"].map { "\(t.kind.rawValue)_\($0)" }
        }
        if r.exclusionsGiven { columns.append("excluded_from") }
        w.header(columns)
    }

    /// The rows of `r.cases[rows]`.
    static func caseRows(_ r: Report, _ rows: Range<Int>, _ w: inout CSVWriter) throws {
        // The tier, time zone and calendar cells (as `Report.clock`) are few: their bytes are made once.
        let tierCells = r.tierNames.map { Array($0.utf8) }
        let zoneCells = r.clockNames.map { Array($0.zone.utf8) }
        let calendarCells = r.clockNames.map { Array($0.calendar.utf8) }
        // The measured kinds beyond first response, by index (`kind.index - 1`).
        let measured = r.measuredTargets.map { $0.kind.index - 1 }
        for row in rows {
            // Cases name customers and organizations in no order: their bytes are asked for early.
            if row + 16 < rows.upperBound {
                let ahead = r.record(r.cases[row + 16])
                r.names.customers.prefetchBytes(ahead.customer, stage: 0)
                r.names.orgs.prefetchBytes(ahead.org, stage: 0)
            }
            if row + 8 < rows.upperBound {
                let ahead = r.record(r.cases[row + 8])
                r.names.customers.prefetchBytes(ahead.customer, stage: 1)
                r.names.orgs.prefetchBytes(ahead.org, stage: 1)
            }
            let item = r.cases[row]
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
            w.verdict(item.verdict)
            w.comma()
            if item.tier >= 0 { w.text(tierCells[Int(item.tier)]) }
            w.comma()
            w.text(zoneCells[Int(item.clock)])
            w.comma()
            w.text(calendarCells[Int(item.clock)])
            for k in measured {
                let target = r.targetVerdict(k, row: row)
                w.comma()
                w.instant(target?.deadline)
                w.comma()
                w.seconds(target?.millis)
                w.comma()
                if let verdict = target?.verdict { w.verdict(verdict) }
            }
            if r.exclusionsGiven {
                w.comma()
                w.words(excludedFrom(r, item, row: row, measured: measured))
            }
            try w.endRow()
        }
    }

    /// The targets of the row's verdict columns that exclusions.csv excludes the case from (first
    /// response apart from a negative duration, which is in no population), in column order.
    static func excludedFrom(_ r: Report, _ item: ResponseItem, row: Int, measured: [Int]) -> [String] {
        guard Int(item.caseIndex) < r.exclusionMask.count, r.exclusionMask[Int(item.caseIndex)] != 0 else { return [] }
        var targets: [String] = []
        if item.verdict != .negativeDuration, r.isExcluded(item.caseIndex, from: .firstResponse) {
            targets.append(ExclusionTarget.firstResponse.rawValue)
        }
        for k in measured where r.targetVerdict(k, row: row) != nil {
            let target = ExclusionTarget(Report.measurable[k])
            if r.isExcluded(item.caseIndex, from: target) { targets.append(target.rawValue) }
        }
        return targets
    }

    /// `sla-P-escalations.csv`: one row per escalation with its rule codes.
    public static func escalations(_ r: Report, to sink: ByteSink? = nil) throws -> [UInt8] {
        var w = CSVWriter.report(capacity: sink == nil ? r.escalationItems.count * 120 : 1 << 20 + 4096, sink: sink)
        w.header([
            "escalation_id", "case_id", "org_id", "requested_at", "priority", "severity", "channel", "decision",
            "valid", "rules",
        ])
        let items = r.escalationItems
        for (i, e) in items.enumerated() {
            // Escalations name their cases in no order: the case ids' bytes are asked for early.
            if i + 16 < items.count { r.names.caseIDs.prefetchBytes(items[i + 16].caseID, stage: 0) }
            if i + 8 < items.count { r.names.caseIDs.prefetchBytes(items[i + 8].caseID, stage: 1) }
            w.text(r.names.escalationIDs, e.escalationID)
            w.comma()
            w.text(r.names.caseIDs, e.caseID)
            w.comma()
            w.text(r.names.orgs, e.org)
            w.comma()
            w.instant(e.requestedAt)
            w.comma()
            w.text(e.priority?.description ?? "")
            w.comma()
            w.integer(Int64(e.severity))
            w.comma()
            w.text(e.channel?.description ?? "")
            w.comma()
            w.text(e.decision.description)
            w.comma()
            w.text(e.rules.isEmpty ? "yes" : "no")
            w.comma()
            w.words(e.rules.lazy.map(\.rawValue))
            try w.endRow()
        }
        return try w.finish()
    }

    /// `sla-P-organizations.csv`: one row per organization with a case created in the period
    /// (SPEC 3.11), by org_id. Compliance is a fraction as in the JSON; empty when there is none.
    public static func organizations(_ r: Report, to sink: ByteSink? = nil) throws -> [UInt8] {
        var w = CSVWriter.report(capacity: sink == nil ? r.organizations.count * 120 + 256 : 1 << 20 + 4096, sink: sink)
        // The measured kinds beyond first response add their columns at the end.
        let measured = r.measuredTargets.map(\.kind)
        w.header(
            [
                "org_id", "name", "tier", "timezone", "calendar", "known", "cases", "first_response_met",
                "first_response_breached", "first_response_pending", "first_response_excluded",
                "first_response_compliance", "escalations_total", "escalations_invalid",
            ]
                + measured.flatMap { kind in
                    ["met", "breached", "pending", "excluded", "compliance"].map { "\(kind.rawValue)_\($0)" }
                })
        for o in r.organizations {
            let f = o.firstResponse
            w.text(o.orgID)
            w.comma()
            w.text(o.name ?? "")
            w.comma()
            w.text(o.tier ?? "")
            w.comma()
            w.text(o.timezone)
            w.comma()
            w.text(o.calendar)
            w.comma()
            w.text(o.known ? "yes" : "no")
            w.comma()
            w.integer(Int64(o.cases))
            w.comma()
            w.integer(Int64(f.met))
            w.comma()
            w.integer(Int64(f.breached))
            w.comma()
            w.integer(Int64(f.pending))
            w.comma()
            w.integer(Int64(f.excluded))
            w.comma()
            if let compliance = f.compliance { w.raw(Array(JSON.format(compliance, decimals: 6).utf8)) }
            w.comma()
            w.integer(Int64(o.escalationsTotal))
            w.comma()
            w.integer(Int64(o.escalationsInvalid))
            for kind in measured {
                let t = o.targets[kind.index - 1]
                for n in [t.met, t.breached, t.pending, t.excluded] {
                    w.comma()
                    w.integer(Int64(n))
                }
                w.comma()
                if let compliance = t.compliance { w.raw(Array(JSON.format(compliance, decimals: 6).utf8)) }
            }
            try w.endRow()
        }
        return try w.finish()
    }

    /// `sla-P-exclusions.csv`: one row per listed exclusion (SPEC 3.10), as in the JSON's
    /// `exclusions`; each target's column holds the verdict the exclusion removed there (for `all`,
    /// every target whose population holds the case), empty elsewhere.
    public static func exclusions(_ r: Report, to sink: ByteSink? = nil) throws -> [UInt8] {
        var w = CSVWriter.report(capacity: sink == nil ? r.exclusions.count * 160 + 256 : 1 << 20 + 4096, sink: sink)
        let targets: [ExclusionTarget] = [.firstResponse, .restoration, .resolution, .update, .rca]
        w.header(["case_id", "org_id", "target", "reason", "approved_by"] + targets.map { "\($0.rawValue)_verdict" })
        for x in r.exclusions {
            w.text(x.caseID)
            w.comma()
            w.text(r.names.orgs, x.org)
            w.comma()
            w.text(x.target.rawValue)
            w.comma()
            w.text(x.reason)
            w.comma()
            w.text(x.approvedBy ?? "")
            for target in targets {
                w.comma()
                if let removed = x.verdicts.first(where: { $0.target == target }) { w.text(removed.verdict) }
            }
            try w.endRow()
        }
        return try w.finish()
    }

    /// `sla-P-rca.csv`: one row per platform incident restored in the period.
    public static func rca(_ r: Report, to sink: ByteSink? = nil) throws -> [UInt8] {
        var w = CSVWriter.report(capacity: sink == nil ? r.rcaItems.count * 140 : 1 << 20 + 4096, sink: sink)
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
        var w = CSVWriter.report(capacity: sink == nil ? 4096 : 1 << 20 + 4096, sink: sink)
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
        var w = CSVWriter(capacity: 2 * s.utf8.count + 3)
        w.text(s)
        return String(decoding: (try? w.finish()) ?? [], as: UTF8.self)
    }
}
