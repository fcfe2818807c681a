import CSVStream
import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

extension ExplanationBuilder {
    /// At most this many days are listed on the business clock; a longer span shows its first
    /// `headDays` and last `tailDays` with the business time of those between.
    static let maxListedDays = 40
    static let headDays = 25
    static let tailDays = 10

    /// The first-response verdict, its source, its clock segments and the reason in words.
    func firstResponse() -> FirstResponseExplanation {
        let created = record.createdAt
        // The judged severity and its entry, as the report's rule decides them (SPEC 3.0).
        let severity = context.judgedSeverity(timeline, stop: timeline.firstResponse)
        let target =
            context.judging.target(.firstResponse, severity, judgement)
            ?? context.config.firstResponse[severity: Int(severity.rawValue)]
        let targetMillis = target.seconds(calendar: calendar.settings) * 1000
        let runsOut = calendar.deadline(for: target.target, clock: target.clock, from: created)
        var severityNote: String?
        if context.config.severityBasis == .highest {
            let stop = timeline.firstResponse == nil ? "as-of" : "the first response"
            if severity != record.severity,
                let e = allEvents.first(where: {
                    $0.severity == severity && $0.at >= created && $0.at <= (timeline.firstResponse ?? asOf)
                })
            {
                severityNote =
                    "severity_basis = \"highest\": \(rows.label(e)) raised it to \(severity) before \(stop); "
                    + "the row's was \(record.severity)"
            } else {
                severityNote =
                    "severity_basis = \"highest\": no severity above the row's \(record.severity) before \(stop)"
            }
        } else if severity != record.severity,
            let e = allEvents.last(where: { $0.at == created && $0.severity != nil })
        {
            severityNote =
                "\(rows.label(e)) sets severity \(severity) at created_at, replacing the row's \(record.severity)"
        }
        let (source, sourceNotes) = responseSource()
        var explanation = FirstResponseExplanation(
            item: nil, severity: severity, severityNote: severityNote, target: target, targetMillis: targetMillis,
            source: source, sourceNotes: sourceNotes, days: [], clockZone: calendar.zone, omittedDays: 0,
            omittedMillis: 0,
            targetRunsOut: runsOut, reason: "")
        guard created <= asOf else {
            explanation.reason =
                "the case was created after as-of (\(format.instant(asOf))): it has not happened yet and is in no report"
            return explanation
        }
        let item = context.responseItem(timeline)
        explanation.item = item
        explanation.stopsOn = context.judging.pauseOn(.firstResponse, judgement)
        if !explanation.stopsOn.isEmpty {
            explanation.pauses = context.pauses(
                .firstResponse, severity: item.severity, from: created, to: item.firstResponse ?? asOf, timeline)
        }
        if target.clock == .business, item.verdict != .negativeDuration {
            // The span that decides the verdict: up to the response, or, without one, the
            // business time the target allows.
            let end = item.firstResponse ?? runsOut
            let days = clockDays(from: created, to: end, responded: item.firstResponse != nil)
            if days.count > Self.maxListedDays {
                let middle = days[Self.headDays..<(days.count - Self.tailDays)]
                explanation.days = Array(days.prefix(Self.headDays)) + Array(days.suffix(Self.tailDays))
                explanation.omittedDays = middle.count
                explanation.omittedMillis = middle.reduce(0) { $0 + $1.countedMillis }
            } else {
                explanation.days = days
            }
        }
        explanation.reason = responseReason(item, target: target, targetMillis: targetMillis)
        return explanation
    }

    /// Which source gives the first response (SPEC 2), and the sources passed over.
    func responseSource() -> (String, [String]) {
        var notes: [String] = []
        if let note = afterAsOfNote("first_response_at", record.firstResponseAt) { notes.append(note) }
        switch timeline.firstResponseSource {
        case .row(let t)?:
            // The event the row's value wins over, for the record.
            if let e = firstEvent({ $0.type == .firstResponse }), e.at != t {
                notes.append(
                    "the first_response event at \(format.instant(e.at)) (\(rows.label(e))) is not used: "
                        + "first_response_at comes first")
            }
            return ("first_response_at of the row: \(format.instant(t))", notes)
        case .event(let e)? where e.type == .firstResponse:
            return ("the earliest first_response event, \(rows.label(e)): \(format.instant(e.at))", notes)
        case .event(let e)?:
            return (
                "the first update by support (no first_response_at, no first_response event), \(rows.label(e)): "
                    + format.instant(e.at), notes
            )
        case nil:
            return ("none by as-of: no first_response_at, no first_response event, no update by support", notes)
        }
    }

    /// The local dates from `from` to `to` on the business clock: what each counted, or why not.
    ///
    /// The day before and after are looked at too, as `businessMillis` does, but shown only
    /// when they count (a window can reach across local midnight only around a DST switch).
    func clockDays(from: Instant, to: Instant, responded: Bool) -> [ClockDay] {
        let firstDate = calendar.localDate(of: from)
        let lastDate = calendar.localDate(of: to)
        var out: [ClockDay] = []
        var day = firstDate.adding(days: -1)
        let stop = lastDate.adding(days: 1)
        while day <= stop {
            defer { day = day.adding(days: 1) }
            let inside = day >= firstDate && day <= lastDate
            let windows = calendar.windows(on: day)
            guard !windows.isEmpty else {
                if inside {
                    out.append(ClockDay(date: day, kind: .skipped(calendar.nonWorkingReason(day) ?? "no working time")))
                }
                continue
            }
            let counted = calendar.countedWindows(on: day, from: from, to: to)
            if !counted.isEmpty {
                let millis = counted.reduce(0) { $0 + $1.upperBound.millis - $1.lowerBound.millis }
                out.append(ClockDay(date: day, kind: .counted(counted, millis: millis)))
            } else if inside {
                out.append(
                    ClockDay(date: day, kind: .outside(outsideReason(windows, from: from, responded: responded))))
            }
        }
        return out
    }

    /// Why a working day's windows count nothing: each lies before `from` or after the span's end.
    func outsideReason(_ windows: ArraySlice<Range<Instant>>, from: Instant, responded: Bool) -> String {
        let shown = windows.filter { !$0.isEmpty }
        guard !shown.isEmpty else { return "no working time (the working hours fall in a DST gap)" }
        func hours(_ windows: [Range<Instant>]) -> String {
            // In the case's own zone, as its working hours are written.
            let local = ExplainFormat(zone: calendar.zone)
            return windows.map { "\(local.clock($0.lowerBound))–\(local.clock($0.upperBound))" }.joined(separator: ", ")
        }
        let before = shown.filter { $0.upperBound <= from }
        let after = shown.filter { $0.upperBound > from }
        var parts: [String] = []
        if !before.isEmpty { parts.append("\(hours(before)) ended before the case was created") }
        if !after.isEmpty {
            parts.append(
                "\(hours(after)) " + (responded ? "start after the response" : "start after the target ran out"))
        }
        return "working hours " + parts.joined(separator: ", ")
    }

    func responseReason(_ item: ResponseItem, target: SLAConfig.ResponseTarget, targetMillis: Int64) -> String {
        let clock = target.clock == .business ? "business" : "24x7"
        let wall = target.clock == .twentyFourSeven
        let targetText =
            "\(ExplainFormat.target(target.target, millis: targetMillis, withDays: wall)) target on the \(clock) clock"
        switch item.verdict {
        case .negativeDuration:
            let gap = record.createdAt.millis - (item.firstResponse?.millis ?? record.createdAt.millis)
            return "the first response is \(ExplainFormat.duration(gap, withDays: true)) before created_at: "
                + "a data-quality finding (negative-duration), left out of the response metric "
                + "(neither met, breached nor pending)"
        case .met:
            let took = item.responseMillis ?? 0
            let spare = targetMillis - took
            return "responded after \(ExplainFormat.duration(took, withDays: wall)) on the \(clock) clock, within the "
                + targetText
                + (spare == 0
                    ? ": exactly the target" : " with \(ExplainFormat.duration(spare, withDays: wall)) to spare")
        case .breached:
            if let took = item.responseMillis {
                return "responded after \(ExplainFormat.duration(took, withDays: wall)) on the \(clock) clock: "
                    + "\(ExplainFormat.duration(took - targetMillis, withDays: wall)) over the " + targetText
            }
            return "no first response by as-of, and as-of is past the deadline, the last moment a reply could "
                + "still meet the " + targetText
        case .pending:
            return "no first response by as-of, but as-of is not past the deadline: a reply by then still meets the "
                + targetText
        }
    }
}
