import SLAConfig
import SLAModel

/// The Markdown of restoration, resolution, update and the exclusions (SPEC v2 3.7-3.10).
extension MarkdownRenderer {
    /// `(6 of 7; 3 excluded: 70% with them)`, or without `met`/`decided` the part after the counts
    /// (`; 3 excluded: 70% with them`); nothing about exclusions when none is excluded.
    static func excludedNote(_ excluded: Int, _ raw: Double?, met: Int, decided: Int) -> String {
        " (\(met) of \(decided)\(excludedNote(excluded, raw)))"
    }

    static func excludedNote(_ excluded: Int, _ raw: Double?) -> String {
        excluded == 0 ? "" : "; \(excluded) excluded: \(percent(raw)) with them"
    }

    /// A row's target and clock (`4h 24x7`, `3d business`); `–` when only a tier gives the severity an entry.
    static func target(_ s: Report.SeverityRow) -> String {
        guard s.targetSeconds != nil, let clock = s.clock else { return "–" }
        return "\(targetDuration(s)) \(clock)"
    }

    /// The name of a target kind in titles: `First response`, `Restoration`, `Resolution`,
    /// `Periodic update`.
    static func title(_ kind: SLAConfig.TargetKind) -> String {
        switch kind {
        case .firstResponse: "First response"
        case .restoration: "Restoration"
        case .resolution: "Resolution"
        case .update: "Periodic update"
        }
    }

    /// The header of a kind's column of cases with a figure.
    static func respondedColumn(_ kind: SLAConfig.TargetKind) -> String {
        switch kind {
        case .firstResponse: "responded"
        case .restoration: "restored"
        case .resolution: "resolved"
        case .update: "measured"
        }
    }

    /// `waiting_on_customer`, `waiting_on_customer or new`: the statuses a clock stops in.
    static func statuses(_ names: [String]) -> String {
        names.map { "`\($0)`" }.joined(separator: " or ")
    }

    /// Restoration, resolution or periodic update by severity (SPEC 3.7-3.9), like first response's.
    /// `workingDaySeconds`: `Report.workingDaySeconds`, for the note on the business clock.
    static func targetSection(_ t: Report.TargetSection, workingDaySeconds: Int?) -> String {
        var out = "## \(title(t.kind)) by severity\n\n"
        let pause = t.pauseOn.isEmpty ? "" : "the clock stops while the case is \(statuses(t.pauseOn)); "
        switch t.kind {
        case .restoration:
            out += "Platform incidents created in the period, from creation to the restore of service, on the "
            out += "severity's clock; \(pause)a case not restored is breached once its deadline has passed.\n\n"
        case .resolution:
            out += "Cases created in the period, from creation to the last time they became resolved or closed, "
            out += "if they still are at as-of; \(pause)time resolved before a reopen does not count. "
            out += "\(t.totals.reopened) of them \(t.totals.reopened == 1 ? "was" : "were") reopened after a "
            out += "resolution.\n\n"
        case .update, .firstResponse:
            out += "Cases created in the period and answered by as-of: the longest time between support touches "
            out += "(the first response and every support update), or from the last touch to the resolution (to "
            out += "as-of while unresolved); \(pause)one gap longer than the target breaches the case.\n\n"
        }
        guard !t.severities.isEmpty else { return out + "No severity has a target.\n\n" }
        out += severityTable(t.severities, responded: respondedColumn(t.kind), kind: t.kind)
        out += "\nDurations on the severity's clock. A target shown as – is given by a tier only."
        if anyBusiness(t.severities) { out += " " + businessDayNote(workingDaySeconds: workingDaySeconds) }
        out += "\n\n"
        return out
    }

    /// Every listed exclusion (SPEC 3.10); nothing when exclusions.csv was not given.
    static func exclusionSection(_ r: Report) -> String {
        guard r.exclusionsGiven else { return "" }
        var out = "## Exclusions\n\n"
        guard !r.exclusions.isEmpty else {
            return out + "No agreed exclusion concerns a case of this period's targets.\n\n"
        }
        let n = r.exclusions.count
        out += "\(n) agreed \(n == 1 ? "exclusion concerns" : "exclusions concern") cases of this period's targets "
        out += "(exclusions.csv). An excluded case is left out of that target's met, breached and pending, and "
        out += "compliance is counted over the rest; the raw compliance counts it as its verdict would have been. "
        out += "`all` covers every target and RCA.\n\n"
        out += "| case | target | reason | approved by | verdict removed |\n|---|---|---|---|---|\n"
        for x in r.exclusions {
            let verdicts =
                x.target == .all
                ? x.verdicts.map { "\(label($0.target)): \($0.verdict)" }.joined(separator: ", ")
                : x.verdicts.first?.verdict ?? "–"
            out += "| \(escape(x.caseID)) | \(x.target.rawValue) | \(escape(x.reason)) "
            out += "| \(x.approvedBy.map(escape) ?? "–") | \(verdicts) |\n"
        }
        return out + "\n"
    }

    /// An exclusion target in words: `first response`, `periodic update`, `RCA`, ...
    static func label(_ target: ExclusionTarget) -> String {
        switch target {
        case .firstResponse: "first response"
        case .restoration: "restoration"
        case .resolution: "resolution"
        case .update: "periodic update"
        case .rca: "RCA"
        case .all: "all"
        }
    }
}
