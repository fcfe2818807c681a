import CSVStream
import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

/// Writes a `CaseExplanation` as plain text for `slacheck explain`.
///
/// Deterministic: the same explanation gives the same bytes. Every instant is shown in the
/// configured zone with UTC beside it. Each verdict sits on a line of its own that begins with
/// `verdict: ` followed by the code the report uses (`met`, `late`, `invalid`, ...), so a script
/// can compare it with the report's CSV files.
public enum ExplainText {
    public static func render(_ x: CaseExplanation) -> String {
        var out = Output(format: x.format)
        header(x, &out)
        judgement(x, &out)
        timeline(x, &out)
        firstResponse(x, &out)
        rca(x, &out)
        for target in x.targets { self.target(target, x, &out) }
        if !x.exclusions.isEmpty {
            out.line()
            out.line("Exclusions (SPEC 3.10)")
            out.line(
                "the report counts this case as excluded from these targets (`all`: every one, RCA too), "
                    + "not as the verdicts shown above:", indent: 2)
            for exclusion in x.exclusions { out.line(exclusion, indent: 4) }
        }
        escalations(x, &out)
        return out.text
    }

    struct Output {
        let format: ExplainFormat
        var text = ""

        mutating func line(_ s: String = "", indent: Int = 0) {
            text += String(repeating: " ", count: indent) + s + "\n"
        }

        func t(_ instant: Instant) -> String { format.instant(instant) }
        func t(_ instant: Instant?) -> String { instant.map(format.instant) ?? "-" }
    }

    static func header(_ x: CaseExplanation, _ out: inout Output) {
        let r = x.record
        out.line("Case \(x.caseID), read from \(x.source)")
        out.line("organization \(x.org), customer \(x.customer ?? "not given")", indent: 2)
        out.line(
            "as submitted: severity \(r.severity), priority \(r.priority?.description ?? "not given"), "
                + "channel \(r.channel?.description ?? "not given"), deployment \(r.deployment), "
                + "platform incident \(r.platformIncident ? "yes" : "no")", indent: 2)
        let zone = x.format.zone
        out.line("times in \(zone.identifier)\(zone.isUTC ? "" : ", UTC in brackets")", indent: 2)
        out.line(
            "as-of \(out.t(x.asOf))"
                + (x.asOfIsDefault ? " (the latest instant in the inputs; --as-of changes it)" : " (--as-of)"),
            indent: 2)
        for note in x.notes { out.line("note: \(note)", indent: 2) }
    }

    static func judgement(_ x: CaseExplanation, _ out: inout Output) {
        let j = x.judgement
        out.line()
        out.line("Clock and contract (SPEC 3.0)")
        out.line("organization: \(j.organization)", indent: 2)
        out.line("tier: \(j.tier)", indent: 2)
        out.line("targets: \(j.terms)", indent: 2)
        out.line("calendar: \(j.calendar)", indent: 2)
        out.line("time zone: \(j.zone)", indent: 2)
        out.line("severity basis: \(j.severityBasis)", indent: 2)
    }

    static func timeline(_ x: CaseExplanation, _ out: inout Output) {
        out.line()
        let events = x.eventFiles.isEmpty ? "" : " and rows of \(x.eventFiles.joined(separator: ", "))"
        out.line("Timeline (row values\(events) up to as-of; state in force after each)")
        if x.timeline.isEmpty { out.line("nothing has happened by as-of", indent: 2) }
        for e in x.timeline {
            out.line("\(out.t(e.at))  \(e.what)  [\(origin(e.origin))]", indent: 2)
            let state =
                e.status.map { "status \($0), severity \(e.severity), priority \(e.priority?.description ?? "-")" }
                ?? "no status (the case does not exist yet)"
            out.line("→ \(state)", indent: 6)
            if let note = e.note { out.line("note: \(note)", indent: 6) }
        }
        guard !x.notYetHappened.isEmpty else { return }
        out.line("Not happened yet at as-of (stamped after \(out.t(x.asOf)); no metric uses them)", indent: 2)
        for e in x.notYetHappened {
            out.line("\(out.t(e.at))  \(e.what)  [\(origin(e.origin))]", indent: 4)
        }
    }

    static func origin(_ o: TimelineEntry.Origin) -> String { TimelineEntry.Origin.text(o) }

    static func firstResponse(_ x: CaseExplanation, _ out: inout Output) {
        let f = x.firstResponse
        out.line()
        out.line("First response (SPEC 3.1)")
        let wall = f.target.clock == .twentyFourSeven
        out.line(
            "\(x.judgement.severityBasis.hasPrefix("highest") ? "judged severity" : "severity at creation") "
                + "\(f.severity): target "
                + "\(ExplainFormat.target(f.target.target, millis: f.targetMillis, withDays: wall)) on the "
                + (wall ? "24x7 clock (wall-clock time)" : "business clock (working hours only)"), indent: 2)
        if let note = f.severityNote { out.line("note: \(note)", indent: 4) }
        out.line("source: \(f.source)", indent: 2)
        for note in f.sourceNotes { out.line("note: \(note)", indent: 4) }
        guard let item = f.item else {
            out.line("verdict: none — \(f.reason)", indent: 2)
            return
        }
        if let period = x.period {
            let inside = period.contains(item.createdAt)
            out.line(
                "in the \(period.label) report: "
                    + (inside ? "yes, created in the period" : "no, not created in the period")
                    + (item.verdict == .negativeDuration ? " (as a negative-duration finding only)" : ""), indent: 2)
        }
        if item.verdict != .negativeDuration {
            if wall {
                if let ms = item.responseMillis {
                    out.line(
                        "counted on the 24x7 clock: every minute from created_at to the response, "
                            + ExplainFormat.duration(ms, withDays: true), indent: 2)
                } else {
                    out.line("on the 24x7 clock the target runs out \(out.t(f.targetRunsOut))", indent: 2)
                }
            } else {
                clockDays(x, f, item, &out)
            }
        }
        if f.stopsOn.isEmpty, item.deadline != f.targetRunsOut {
            out.line(
                "the target runs out \(out.t(f.targetRunsOut)), exactly at the end of working hours: a reply "
                    + "before the next window opens has still used only the target", indent: 2)
        }
        if f.stopsOn.isEmpty {
            out.line("deadline (the last moment a reply still meets the target): \(out.t(item.deadline))", indent: 2)
        } else {
            // A running time (pause_on): the days above are business time before the pauses.
            out.line(
                "the clock stops while the status is \(f.stopsOn.map(\.description).joined(separator: ", ")); "
                    + "the time above less these pauses is the response time:", indent: 2)
            if f.pauses.isEmpty { out.line("no pause", indent: 4) }
            for pause in f.pauses {
                out.line(
                    "paused from \(out.t(pause.from)) to \(pause.to.map { out.t($0) } ?? "the response or as-of"): "
                        + "status \(pause.status)", indent: 4)
            }
            out.line(
                "deadline (the earliest instant the running time reaches the target): "
                    + (item.deadline.map { out.t($0) } ?? "none: the clock is stopped short of the target"), indent: 2)
        }
        out.line("verdict: \(item.verdict.rawValue) — \(f.reason)", indent: 2)
    }

    static func clockDays(
        _ x: CaseExplanation, _ f: FirstResponseExplanation, _ item: ResponseItem, _ out: inout Output
    ) {
        let until = item.firstResponse == nil ? "the instant the target runs out" : "the response"
        // The days and hours of the case's own clock, in its zone, with UTC beside them.
        let local = ExplainFormat(zone: f.clockZone)
        let inZone =
            f.clockZone.identifier == x.format.zone.identifier ? "" : " (local times in \(f.clockZone.identifier))"
        out.line("business time counted from created_at to \(until), window by window\(inZone):", indent: 2)
        var total: Int64 = 0
        for (i, day) in f.days.enumerated() {
            if f.omittedDays > 0 && i == ExplanationBuilder.headDays {
                out.line(
                    "... \(f.omittedDays) more days, \(ExplainFormat.duration(f.omittedMillis)) of business time",
                    indent: 4)
                total += f.omittedMillis
            }
            let date = ExplainFormat.day(day.date)
            switch day.kind {
            case .counted(let parts, let ms):
                total += ms
                // One part per window of the day: "08:00–12:00 (07:00Z–11:00Z), 13:00–14:15 (...)".
                let pieces = parts.map { part in
                    let utc =
                        local.zone.isUTC
                        ? "" : " (\(local.utcClock(part.lowerBound))–\(local.utcClock(part.upperBound)))"
                    return "\(local.clock(part.lowerBound))–\(local.clock(part.upperBound))\(utc)"
                }
                out.line("\(date)  \(pieces.joined(separator: ", "))  \(ExplainFormat.duration(ms))", indent: 4)
            case .outside(let why):
                out.line("\(date)  0m: \(why)", indent: 4)
            case .skipped(let why):
                out.line("\(date)  skipped: \(why)", indent: 4)
            }
        }
        if !f.stopsOn.isEmpty {
            out.line("total \(ExplainFormat.duration(total)) before the pauses below", indent: 4)
        } else if item.firstResponse != nil {
            out.line(
                "total \(ExplainFormat.duration(total)) against the "
                    + "\(ExplainFormat.target(f.target.target, millis: f.targetMillis)) target", indent: 4)
        } else {
            out.line(
                "the \(ExplainFormat.target(f.target.target, millis: total)) target runs out \(out.t(f.targetRunsOut))",
                indent: 4)
        }
    }

    static func rca(_ x: CaseExplanation, _ out: inout Output) {
        out.line()
        out.line("RCA (SPEC 3.2)")
        guard let r = x.rca else {
            out.line("not a platform incident: no RCA is due", indent: 2)
            return
        }
        out.line("restored: \(r.restoreSource)", indent: 2)
        guard let item = r.item, let evidence = r.evidence else {
            out.line("verdict: none — \(r.reason)", indent: 2)
            return
        }
        if let period = x.period {
            out.line(
                "in the \(period.label) report: "
                    + (period.contains(item.restoredAt)
                        ? "yes, restored in the period" : "no, not restored in the period"),
                indent: 2)
        }
        let n = evidence.days.last?.workingDay ?? 0
        out.line(
            "d0, the local date of the restore: \(ExplainFormat.day(evidence.restoreDate)); "
                + "the \(n) working days after it:", indent: 2)
        for day in evidence.days {
            if let k = day.workingDay {
                out.line("\(ExplainFormat.day(day.date))  working day \(k)", indent: 4)
            } else {
                out.line("\(ExplainFormat.day(day.date))  skipped: \(day.skippedBecause ?? "")", indent: 4)
            }
        }
        out.line("due: \(out.t(item.dueAt)), the end of \(ExplainFormat.day(item.dueDate))", indent: 2)
        out.line("delivered: \(r.deliverySource)", indent: 2)
        out.line("verdict: \(item.verdict.rawValue) — \(r.reason)", indent: 2)
        let lateDays = evidence.lateDays
        if !lateDays.isEmpty {
            let shown = lateDays.prefix(31).map(ExplainFormat.day).joined(separator: ", ")
            out.line(
                "business days late: \(item.businessDaysLate) (\(shown)\(lateDays.count > 31 ? ", ..." : ""))",
                indent: 2)
        }
    }

    static func target(_ e: TargetExplanation, _ x: CaseExplanation, _ out: inout Output) {
        let title =
            switch e.kind {
            case .restoration: "Restoration (SPEC 3.7)"
            case .resolution: "Resolution (SPEC 3.8)"
            case .update: "Periodic update (SPEC 3.9)"
            case .firstResponse: "First response"
            }
        out.line()
        out.line(title)
        guard let item = e.item, let target = e.target else {
            out.line("not measured for this case: \(e.leftOut ?? "")", indent: 2)
            return
        }
        let wall = target.clock == .twentyFourSeven
        out.line(
            "severity \(item.severity): target \(ExplainFormat.target(target.target, millis: item.targetMillis, withDays: wall)) "
                + "on the \(wall ? "24x7" : "business") clock; it stops while the status is "
                + (e.stopsOn.isEmpty
                    ? "(nothing: it never stops)" : e.stopsOn.map(\.description).joined(separator: ", ")),
            indent: 2)
        out.line(
            "start: \(out.t(item.start)) (\(e.kind == .update ? "the first response" : "created_at"))", indent: 2)
        for pause in e.pauses {
            let cause: String
            switch pause.source {
            case .event(let event)?: cause = "event at \(out.t(event.at))"
            case .resolvedAt?: cause = "the row's resolved_at"
            case .closedAt?: cause = "the row's closed_at"
            case .created?, nil: cause = "the row"
            }
            out.line(
                "paused from \(out.t(pause.from)) to \(pause.to.map { out.t($0) } ?? "as-of or the stop"): "
                    + "status \(pause.status) (\(cause))", indent: 4)
        }
        out.line("stop: \(item.stop.map { out.t($0) } ?? "not stopped by as-of")", indent: 2)
        if let ms = item.millis {
            let what = e.kind == .update ? "longest gap between support touches" : "running time"
            out.line("\(what): \(ExplainFormat.duration(ms, withDays: wall))", indent: 2)
        }
        out.line(
            "deadline: \(item.deadline.map { out.t($0) } ?? "none: the clock is stopped short of the target")",
            indent: 2)
        if item.reopened { out.line("reopened after a resolution", indent: 2) }
        out.line("verdict: \(item.verdict.rawValue)", indent: 2)
    }

    static func escalations(_ x: CaseExplanation, _ out: inout Output) {
        out.line()
        out.line("Escalations (SPEC 3.3)")
        if x.escalations.isEmpty { out.line("none", indent: 2) }
        let width = EscalationRule.allCases.map(\.rawValue.count).max() ?? 0
        for e in x.escalations {
            let r = e.record
            out.line("\(e.id), read from \(e.source)", indent: 2)
            out.line(
                "requested \(out.t(r.requestedAt)), reason \(r.reason?.description ?? "not given"), "
                    + "channel \(r.channel?.description ?? "not given"), owner \(e.owner ?? "not given")", indent: 4)
            out.line(
                "in the export: decision \(r.decision?.description ?? "none"), decided_at \(out.t(r.decidedAt)), "
                    + "closed_at \(out.t(r.closedAt))", indent: 4)
            guard let item = e.item else {
                out.line("verdict: none — \(e.audit)", indent: 4)
                continue
            }
            if let period = x.period {
                out.line(
                    "in the \(period.label) report: "
                        + (period.contains(r.requestedAt)
                            ? "yes, requested in the period" : "no, not requested in the period"),
                    indent: 4)
            }
            out.line(
                "at the request: status \(item.status?.description ?? "none"), severity \(item.severity), "
                    + "priority \(item.priority?.description ?? "not given")", indent: 4)
            for check in e.checks {
                let code = check.rule.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
                switch check.outcome {
                case .notApplied:
                    out.line("\(code)  not applied: disabled by [checks] disabled in the configuration", indent: 4)
                case .broken, .notBroken:
                    out.line("\(code)  \(check.facts) → \(check.broken ? "broken" : "not broken")", indent: 4)
                }
            }
            let broken = EscalationRule.ordered.filter(item.broken.contains).map(\.rawValue)
            let notApplied = e.checks.filter { $0.outcome == .notApplied }.map(\.rule.rawValue)
            out.line(
                "verdict: "
                    + (broken.isEmpty ? "valid — no rule broken" : "invalid — breaks \(broken.joined(separator: " "))")
                    + (notApplied.isEmpty ? "" : " (not applied: \(notApplied.joined(separator: " ")))"),
                indent: 4)
            out.line("decision audit: \(e.audit)", indent: 4)
        }
    }
}
