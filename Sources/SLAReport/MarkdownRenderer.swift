import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

/// Renders a report as Markdown for a manager: a one-screen summary, then one section per metric.
///
/// Text taken from the data is escaped (`|`, `<`, `>`, `&`, line breaks, backslashes, backticks)
/// so that it cannot break a table or inject HTML.
public enum MarkdownRenderer {
    /// The report; `charts` (from `SVGRenderer.charts`) are embedded by file name in their sections.
    public static func render(_ r: Report, charts: [ReportChart] = []) -> String {
        var out = "# SLA compliance report — \(r.period.label)"
        if let organization = r.organization { out += " — organization \(escape(organization))" }
        out += "\n\n"
        out += "Period \(localDay(r.period.firstDate)) to \(localDay(r.period.endDate.adding(days: -1))) "
        out += "(\(escape(r.timezone))); data as of \(TimestampParser.formatRFC3339UTC(r.asOf)).\n\n"
        if let note = r.emptyPeriodNote {
            out += "**No data for this period**: \(escape(note)).\n\n"
        }
        out += summary(r)
        out += embed(charts, .compliance)
        out += responseSection(r)
        for t in r.measuredTargets { out += targetSection(t, workingDaySeconds: r.workingDaySeconds) }
        out += tierSection(r)
        out += worstBreaches(r)
        out += rcaSection(r)
        out += exclusionSection(r)
        out += escalationSection(r)
        out += embed(charts, .escalations)
        out += submissionSection(r)
        out += organizationSection(r)
        out += trendSection(r)
        out += embed(charts, .trend)
        out += dataQualitySection(r)
        return out
    }

    /// `![alt](sla-P-kind.svg)` for the chart of that kind, if there is one.
    static func embed(_ charts: [ReportChart], _ kind: ReportChart.Kind) -> String {
        guard let chart = charts.first(where: { $0.kind == kind }) else { return "" }
        return "![\(escape(chart.altText))](\(chart.fileName))\n\n"
    }

    static func summary(_ r: Report) -> String {
        let before = r.previousMonth
        let since = before.map { " (\($0.month))" } ?? ""
        var out = "## Summary\n\n| metric | result | target | change since the previous month\(since) |\n"
        out += "|---|---|---|---|\n"
        let t = r.responseTotals
        out += "| First response met (all severities) | \(percent(r.responseCompliance))"
        if t.excluded > 0 { out += " (\(t.excluded) excluded: \(percent(t.complianceRaw)) with them)" }
        out += " | each severity's target | \(change(r.responseCompliance, before?.responseCompliance)) |\n"
        for s in r.severities {
            out +=
                "| Severity \(s.severity) first response | \(percent(s.compliance)) (\(s.met) of \(s.met + s.breached)"
            out += excludedNote(s.excluded, s.complianceRaw) + ")"
            out += " | \(target(s)) "
            out += "| \(change(s.compliance, before?.severityCompliance[s.severity - 1])) |\n"
        }
        for section in r.measuredTargets {
            let t = section.totals
            out += "| \(title(section.kind)) met (all severities) | \(percent(t.compliance))"
            out += excludedNote(t.excluded, t.complianceRaw, met: t.met, decided: t.met + t.breached)
            out += " | each severity's target "
            out += "| \(change(t.compliance, before?.targetCompliance[section.kind.index - 1])) |\n"
        }
        out += "| RCA delivered on time | \(percent(r.rca.compliance)) (\(r.rca.onTime) of "
        out += "\(r.rca.onTime + r.rca.late + r.rca.overdue)\(excludedNote(r.rca.excluded, r.rca.complianceRaw))) "
        out += "| \(r.rcaBusinessDays) business days "
        out += "| \(change(r.rca.compliance, before?.rcaCompliance)) |\n"
        out += "| Invalid escalations | \(percent(r.escalations.invalidRate)) (\(r.escalations.invalid) of "
        out += "\(r.escalations.total)) | criteria of the escalation process"
        if !r.disabledRules.isEmpty { out += " (\(r.disabledRules.count) disabled)" }
        out += " "
        out += "| \(change(r.escalations.invalidRate, before?.escalationInvalidRate)) (lower is better) |\n\n"
        return out
    }

    /// The difference in percentage points, signed: "+2.1 pp", "-0.5 pp", "±0 pp"; "–" when
    /// either side has no figure.
    static func change(_ now: Double?, _ before: Double?) -> String {
        guard let now, let before else { return "–" }
        let points = (now - before) * 100
        let text = JSON.format(abs(points), decimals: 1)
        if text == "0" { return "±0 pp" }
        return (points > 0 ? "+" : "-") + text + " pp"
    }

    static func responseSection(_ r: Report) -> String {
        var out = "## First response by severity\n\n"
        out += severityTable(r.severities)
        out += "\nDurations on the severity's clock (business time counts working hours only). "
        out += "Percentiles use the nearest-rank method."
        if anyBusiness(r.severities) { out += " " + businessDayNote(workingDaySeconds: r.workingDaySeconds) }
        out += "\n\n"
        out += "Severity changes after opening (cases of the period):\n\n"
        out += "| starting severity | upgraded | downgraded |\n|---|---:|---:|\n"
        for s in r.severities { out += "| \(s.severity) | \(s.upgraded) | \(s.downgraded) |\n" }
        return out + "\n"
    }

    /// The table of one row per severity, of the report or of a tier: first response, or another
    /// kind (`responded` names its column of cases with a figure). The excluded and raw compliance
    /// columns are there when a row has an excluded case, the reopened column for resolution.
    static func severityTable(
        _ rows: [Report.SeverityRow], responded: String = "responded", kind: SLAConfig.TargetKind = .firstResponse
    ) -> String {
        let excluded = rows.contains { $0.excluded > 0 }
        let reopened = kind == .resolution
        var out = "| severity | clock | target | cases | \(responded) | met | breached | pending "
        var align = "|---|---|---|---:|---:|---:|---:|---:|"
        if excluded {
            out += "| excluded "
            align += "---:|"
        }
        out += "| compliance "
        align += "---:|"
        if excluded {
            out += "| raw compliance "
            align += "---:|"
        }
        if reopened {
            out += "| reopened "
            align += "---:|"
        }
        out += "| mean | p50 | p90 | p95 | max |\n" + align + "---:|---:|---:|---:|---:|\n"
        for s in rows {
            let st = s.stats
            out += "| \(s.severity) | \(s.clock ?? "–") | \(targetDuration(s)) "
            out += "| \(s.cases) | \(s.responded) | \(s.met) | \(s.breached) | \(s.pending) "
            if excluded { out += "| \(s.excluded) " }
            out += "| \(percent(s.compliance)) "
            if excluded { out += "| \(percent(s.complianceRaw)) " }
            if reopened { out += "| \(s.reopened) " }
            // Written on the row's clock: a business time in hours, without days.
            let times = [st.map { Int64($0.mean.rounded()) }, st?.p50, st?.p90, st?.p95, st?.max]
            out += times.map { "| \(duration($0, clock: s.clock)) " }.joined() + "|\n"
        }
        return out
    }

    /// First response per contract tier (SPEC 3.1 `by_tier`); nothing when no tier is configured.
    static func tierSection(_ r: Report) -> String {
        guard !r.tiers.isEmpty else { return "" }
        var out = "## By contract tier\n\n"
        out += "First response of the cases of each tier's organizations, on the tier's targets (a severity "
        out += "the tier gives no target keeps the default one). Each case is judged on its own clock."
        let measured = r.measuredTargets
        let tierRows = r.tiers.flatMap(\.severities) + measured.flatMap { $0.tiers.flatMap(\.severities) }
        if anyBusiness(tierRows) { out += " " + businessDayNote(workingDaySeconds: r.workingDaySeconds) }
        out += "\n\n"
        if !measured.isEmpty {
            out += "The other targets follow the same rule, each over the severities it measures.\n\n"
        }
        for (i, t) in r.tiers.enumerated() {
            out += "### Tier \(escape(t.tier))\n\n"
            if !measured.isEmpty { out += "First response:\n\n" }
            out += severityTable(t.severities) + "\n"
            for section in measured where i < section.tiers.count && !section.severities.isEmpty {
                out += "\(title(section.kind)):\n\n"
                out += severityTable(
                    section.tiers[i].severities, responded: respondedColumn(section.kind), kind: section.kind)
                out += "\n"
            }
        }
        return out
    }

    /// The ten organizations with the lowest first-response compliance (SPEC 3.11).
    static func organizationSection(_ r: Report) -> String {
        var out = "## By organization\n\n"
        let file = "sla-\(r.period.label)-organizations.csv"
        let count = r.organizations.count
        guard count > 0 else { return out + "No organization had a case in the period.\n\n" }
        let lowest = r.lowestFirstResponse
        out += "\(count) \(count == 1 ? "organization" : "organizations") had cases in the period; "
        out += "\(file) lists every one. "
        guard !lowest.isEmpty else { return out + "None has a first-response compliance figure yet.\n\n" }
        out += "The ten with the lowest first-response compliance, lowest first (ties: more breaches first, then "
        out += "org_id; organizations without a compliance figure left out):\n\n"
        let measured = r.measuredTargets
        if !measured.isEmpty {
            out += "Met, breached and pending are first response's; the other targets show their compliance.\n\n"
        }
        out += "| org | name | tier | time zone | cases | met | breached | pending | compliance "
        out += measured.map { "| \(title($0.kind).lowercased()) " }.joined()
        out += "| escalations | invalid |\n"
        out += "|---|---|---|---|---:|---:|---:|---:|---:|" + String(repeating: "---:|", count: measured.count)
        out += "---:|---:|\n"
        for o in lowest {
            let f = o.firstResponse
            out += "| \(escape(o.orgID)) | \(o.name.map(escape) ?? "–") | \(o.tier.map(escape) ?? "–") "
            out += "| \(escape(o.timezone)) | \(o.cases) | \(f.met) | \(f.breached) | \(f.pending) "
            out += "| \(percent(f.compliance)) "
            out += measured.map { "| \(percent(o.targets[$0.kind.index - 1].compliance)) " }.joined()
            out += "| \(o.escalationsTotal) | \(o.escalationsInvalid) |\n"
        }
        return out + "\n"
    }

    static func worstBreaches(_ r: Report) -> String {
        let late = r.cases.filter { $0.verdict == .breached }
            .map { item in
                (
                    row: item, over: item.responseMillis.map { $0 - r.targetMillis(item) },
                    id: r.names.caseID(r.record(item).id)
                )
            }
            .sorted { a, b in
                // Unanswered first (they are open-ended), then by how late, then by id.
                switch (a.over, b.over) {
                case (nil, nil): return a.id < b.id
                case (nil, _): return true
                case (_, nil): return false
                case (let x?, let y?): return x != y ? x > y : a.id < b.id
                }
            }
        var out = "## Worst first-response breaches\n\n"
        guard !late.isEmpty else { return out + "No breaches.\n\n" }
        out += "| case | customer | severity | created | late by |\n|---|---|---:|---|---|\n"
        for (c, over, id) in late.prefix(10) {
            out +=
                "| \(escape(id)) | \(escape(r.names.customer(r.record(c).customer))) | \(c.severity) | \(localInstant(c.createdAt, r)) "
            out += "| \(over.map { duration($0) } ?? "not answered") |\n"
        }
        if late.count > 10 { out += "\n\(late.count - 10) more in the cases CSV.\n" }
        return out + "\n"
    }

    static func rcaSection(_ r: Report) -> String {
        var out = "## Root-cause analysis delivery\n\n"
        out += "RCA due by the end of the \(ordinal(r.rcaBusinessDays)) working day after service was restored.\n\n"
        if r.rca.excluded > 0 {
            out += "| incidents | on time | late | overdue | pending | excluded | compliance | raw compliance |\n"
            out += "|---:|---:|---:|---:|---:|---:|---:|---:|\n"
            out += "| \(r.rca.incidents) | \(r.rca.onTime) | \(r.rca.late) | \(r.rca.overdue) | \(r.rca.pending) "
            out += "| \(r.rca.excluded) | \(percent(r.rca.compliance)) | \(percent(r.rca.complianceRaw)) |\n\n"
        } else {
            out += "| incidents | on time | late | overdue | pending | compliance |\n|---:|---:|---:|---:|---:|---:|\n"
            out += "| \(r.rca.incidents) | \(r.rca.onTime) | \(r.rca.late) | \(r.rca.overdue) | \(r.rca.pending) "
            out += "| \(percent(r.rca.compliance)) |\n\n"
        }
        guard !r.rcaItems.isEmpty else { return out }
        out += "| case | customer | restored | due by end of | delivered | verdict | business days late |\n"
        out += "|---|---|---|---|---|---|---:|\n"
        for i in r.rcaItems {
            out +=
                "| \(escape(r.names.caseID(i.caseID))) | \(escape(r.names.customer(i.customer))) | \(TimestampParser.formatRFC3339UTC(i.restoredAt)) "
            out += "| \(i.dueDate) | \(i.deliveredAt.map(TimestampParser.formatRFC3339UTC) ?? "–") "
            out += "| \(i.verdict)\(i.excluded ? " (excluded)" : "") "
            out += "| \(i.businessDaysLate) |\n"
        }
        return out + "\n"
    }

    /// `1st`, `2nd`, `3rd`, `4th`, ..., `11th`, `12th`, `13th`, `21st`, `22nd`, ...
    static func ordinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }

    static func escalationSection(_ r: Report) -> String {
        let e = r.escalations
        var out = "## Escalations\n\n"
        out += "\(e.total) escalations requested in the period; \(e.invalid) broke at least one criterion "
        out += "(\(percent(e.invalidRate))).\n\n| rule | escalations | criterion |\n|---|---:|---|\n"
        func criterion(_ rule: EscalationRule) -> String {
            rule.criterion(rcaBusinessDays: r.rcaBusinessDays, highPriorityWait: r.highPriorityWait)
        }
        for rule in r.appliedRules { out += "| `\(rule.rawValue)` | \(e.count(rule)) | \(criterion(rule)) |\n" }
        if !r.disabledRules.isEmpty {
            out += "\nDisabled by the configuration (`[checks] disabled`), so not checked and not counted: "
            out += r.disabledRules.map { "`\($0.rawValue)` (\(criterion($0).dropLast()))" }.joined(separator: "; ")
            out += ". An escalation that breaks only disabled rules is valid.\n"
        }
        out += "\n" + groupTable("priority at request", r.byPriority)
        out += groupTable("channel", r.byChannel)
        out += groupTable("deployment", r.byDeployment)
        out += groupTable("organization (10 with most escalations)", r.byOrg)
        out += "Decision audit: \(e.approvedInvalid) approved although invalid, \(e.rejectedValid) rejected "
        out += "although valid, \(e.pendingDecision) still pending; time to decision p50 \(duration(r.decisionP50)), "
        out += "p90 \(duration(r.decisionP90))"
        if e.decidedBeforeRequest > 0 {
            out += "; \(e.decidedBeforeRequest) decisions are stamped before their request and left out of those times"
        }
        out += ".\n\n"
        return out
    }

    static func groupTable(_ title: String, _ rows: [Report.GroupRow]) -> String {
        guard !rows.isEmpty else { return "" }
        var out = "| \(title) | escalations | invalid | invalid rate |\n|---|---:|---:|---:|\n"
        for g in rows { out += "| \(escape(g.key)) | \(g.total) | \(g.invalid) | \(percent(g.invalidRate)) |\n" }
        return out + "\n"
    }

    static func submissionSection(_ r: Report) -> String {
        let s = r.submissions
        var out = "## Case submission\n\n"
        let disabled = r.disabledSubmissionChecks
        out += "\(s.cases) cases opened; "
        if !disabled.contains(.criticalNotByPhone) {
            out += "\(s.criticalNotByPhone) critical cases not raised by phone; "
        }
        if !disabled.contains(.incompleteSubmission) {
            let noun = s.incompleteSubmission == 1 ? "submission" : "submissions"
            out += "\(s.incompleteSubmission) portal \(noun) missing the customer, organization or description; "
        }
        out.removeLast(2)
        out += ".\n\n"
        if !disabled.isEmpty {
            out += "Disabled by the configuration (`[checks] disabled`), so not checked and not counted: "
            out += disabled.map { "`\($0.rawValue)`" }.joined(separator: ", ") + ".\n\n"
        }
        out += "| priority \\ severity | 1 | 2 | 3 | 4 |\n|---|---:|---:|---:|---:|\n"
        let names = ["none"] + Priority.allCases.map(\.description)
        for p in [1, 2, 3, 4, 0] {
            out += "| \(names[p]) | " + s.matrix[p].map(String.init).joined(separator: " | ") + " |\n"
        }
        return out + "\n"
    }

    static func trendSection(_ r: Report) -> String {
        guard r.trend.count > 1 else { return "" }
        let measured = r.measuredTargets.map(\.kind)
        var out = "## Trend\n\n| month | cases | first response met "
        out += measured.map { "| \(title($0).lowercased()) met " }.joined()
        out += "| RCA on time | invalid escalations |\n"
        out += "|---|---:|---:|" + String(repeating: "---:|", count: measured.count) + "---:|---:|\n"
        for t in r.trend {
            out += "| \(t.month) | \(t.cases) | \(percent(t.responseCompliance)) "
            out += measured.map { "| \(percent(t.targetCompliance[$0.index - 1])) " }.joined()
            out += "| \(percent(t.rcaCompliance)) | \(percent(t.escalationInvalidRate)) |\n"
        }
        return out + "\n"
    }

    static func dataQualitySection(_ r: Report) -> String {
        var out = "## Data quality\n\n| file | kind | rows read | rows rejected |\n|---|---|---:|---:|\n"
        for f in r.dataQuality.files {
            out += "| \(escape(f.path)) | \(f.kind.rawValue) | \(f.rowsRead) | \(f.rowsRejected) |\n"
        }
        out += "\n| finding | count |\n|---|---:|\n"
        for (key, count) in r.dataQuality.findings.sorted(by: { $0.key < $1.key }) {
            out += "| `\(key)` | \(count) |\n"
        }
        if let organization = r.organization {
            out += "\nThis report covers organization \(escape(organization)) alone: the rows above are its "
            out += "accepted rows. A rejected row belongs to no organization: rejected rows are in the full "
            out += "report's rejected.csv.\n"
        }
        if let unknown = r.dataQuality.findings["unknown-organization"], unknown > 0 {
            out += "\n`unknown-organization`: \(unknown) \(unknown == 1 ? "case names" : "cases name") an org_id "
            out += "that organizations.csv does not list; they are judged on the default calendar and targets.\n"
        }
        if !r.rejections.isEmpty {
            out += "\nFirst rejected rows (all of them are in rejected.csv):\n\n"
            out += "| file | line | column | value | reason |\n|---|---:|---|---|---|\n"
            for x in r.rejections.prefix(20) {
                out +=
                    "| \(escape(x.file)) | \(x.line) | \(escape(x.column)) | \(escape(x.value)) | \(x.reason.rawValue) |\n"
            }
        }
        if !r.unknownCaseRows.isEmpty {
            out += "\nFirst rows naming an unknown case:\n\n| file | line | case |\n|---|---:|---|\n"
            for u in r.unknownCaseRows.prefix(10) { out += "| \(escape(u.file)) | \(u.line) | \(escape(u.caseID)) |\n" }
        }
        return out
    }

    // MARK: - Formatting

    /// Escapes text from the data for a Markdown table cell.
    public static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "|": out += "\\|"
            case "\\": out += "\\\\"
            case "`": out += "\\`"
            case "*": out += "\\*"
            case "_": out += "\\_"
            case "[": out += "\\["
            case "]": out += "\\]"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "~": out += "\\~"
            case "\n", "\r": out += " "
            case let c where c.value < 0x20 || c.value == 0x7F: out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func percent(_ v: Double?) -> String {
        guard let v else { return "–" }
        return JSON.format(v * 100, decimals: 1) + "%"
    }

    static func localDay(_ d: CivilDate) -> String { d.description }

    /// An instant in the report's zone with its offset: `2026-10-05T08:00:00+02:00`.
    static func localInstant(_ t: Instant, _ r: Report) -> String { TimestampParser.formatRFC3339(t, in: r.zone) }
}
