import SLAConfig

/// One chart of the report: an SVG file written beside the Markdown, which embeds it.
public struct ReportChart: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// First response per severity, RCA on time and valid escalations, as bars from 0 to 100%.
        case compliance
        /// Up to 12 months of first response, RCA and invalid escalations, as lines.
        case trend
        /// The organizations with the most escalations, valid and invalid stacked.
        case escalations = "escalations-by-org"
    }

    public var kind: Kind
    /// `sla-P-compliance.svg`, `sla-P-escalations-by-org.svg`, `sla-P-trend.svg`, beside `sla-P.md`.
    public var fileName: String
    /// The image's alternative text in the Markdown.
    public var altText: String
    public var svg: String
}

/// Renders the report's charts as standalone SVG 1.1, sized for a slide (720 × 360).
///
/// Like the other renderers it only draws what the report holds; the output depends on nothing
/// but the report, so the same report gives the same bytes.
public enum SVGRenderer {
    static let width = 720
    static let height = 360

    /// The charts of a report, in a fixed order. A chart with nothing to draw is left out: the
    /// escalations chart when there were none, the trend (like the Markdown's trend section) when
    /// it has a single month.
    public static func charts(_ r: Report) -> [ReportChart] {
        let label = r.period.label
        func chart(_ kind: ReportChart.Kind, _ alt: String, _ svg: String) -> ReportChart {
            ReportChart(kind: kind, fileName: fileName(kind, label: label), altText: alt, svg: svg)
        }
        // The measured targets beyond first response, named in the charts' alternative text.
        let others = r.measuredTargets.map { MarkdownRenderer.title($0.kind).lowercased() + ", " }.joined()
        var out = [
            chart(
                .compliance, "First response by severity, \(others)RCA on time and valid escalations, \(label)",
                compliance(r))
        ]
        if r.escalations.total > 0 && !r.byOrg.isEmpty {
            out.append(chart(.escalations, "Escalations per organization, valid and invalid, \(label)", escalations(r)))
        }
        if r.trend.count > 1 {
            out.append(
                chart(
                    .trend, "Monthly trend of first response, \(others)RCA and invalid escalations to \(label)",
                    trend(r)))
        }
        return out
    }

    /// `sla-2026-10-compliance.svg`.
    public static func fileName(_ kind: ReportChart.Kind, label: String) -> String {
        "sla-\(label)-\(kind.rawValue).svg"
    }

    // MARK: - Compliance bars

    /// First-response compliance per severity, RCA on time and valid escalations, each a bar on
    /// a 0–100% track with its value and counts; the goal (100%) is marked.
    public static func compliance(_ r: Report) -> String {
        struct Row {
            var label: String
            var detail: String
            var value: Double?
            var count: String
            var colour: String
        }
        var rows = r.severities.map { s in
            Row(
                label: "Severity \(s.severity)",
                detail: "target \(MarkdownRenderer.targetLabel(s, workingDaySeconds: r.workingDaySeconds))",
                value: s.compliance, count: "\(s.met) of \(s.met + s.breached)", colour: Palette.blue)
        }
        // One bar per measured target beyond first response, all its severities together.
        let measured = r.measuredTargets
        for t in measured {
            rows.append(
                Row(
                    label: MarkdownRenderer.title(t.kind), detail: "each severity's target",
                    value: t.totals.compliance, count: "\(t.totals.met) of \(t.totals.met + t.totals.breached)",
                    colour: colour(t.kind)))
        }
        rows.append(
            Row(
                label: "RCA on time", detail: "within \(r.rcaBusinessDays) business days", value: r.rca.compliance,
                count: "\(r.rca.onTime) of \(r.rca.onTime + r.rca.late + r.rca.overdue)", colour: Palette.orange))
        let e = r.escalations
        rows.append(
            Row(
                label: "Valid escalations", detail: "met every criterion", value: e.invalidRate.map { 1 - $0 },
                count: "\(e.total - e.invalid) of \(e.total)", colour: Palette.green))

        let title = "SLA compliance, \(r.period.label)"
        let rowHeight = 36.0
        let legendItems =
            [("First response", Palette.blue)] + measured.map { (MarkdownRenderer.title($0.kind), colour($0.kind)) }
            + [("RCA delivery", Palette.orange), ("Escalations", Palette.green)]
        // A legend too wide for one line takes more, and moves the bars down.
        let top = 96.0 + 18 * Double(legendLines(legendItems.map(\.0)) - 1)
        // Slide height, taller when the other targets add bars (six rows fill 360).
        let chartHeight = max(height, Int(top + rowHeight * Double(rows.count)) + 48)
        var doc = SVGDocument(
            width: width, height: chartHeight, title: title,
            description: "Share of cases meeting each target, as bars from 0 to 100 percent; the goal is 100 percent.")
        doc.text(title, x: 24, y: 32, size: 18, extra: [("font-weight", "600")])
        let overall = r.severities.reduce((met: 0, decided: 0)) { ($0.met + $1.met, $0.decided + $1.met + $1.breached) }
        doc.text(
            "First response within target, all severities: \(MarkdownRenderer.percent(r.responseCompliance))"
                + " (\(overall.met) of \(overall.decided)). Goal: 100%.",
            x: 24, y: 52, size: 12, fill: Palette.muted)
        legend(&doc, y: 76, legendItems)

        let left = 188.0
        let right = 556.0
        let barHeight = 20.0
        let bottom = top + rowHeight * Double(rows.count)
        func x(_ fraction: Double) -> Double { left + (right - left) * min(max(fraction, 0), 1) }

        // Grid and axis.
        doc.open("g", [("class", "axis")])
        for tick in stride(from: 0, through: 100, by: 25) {
            let tx = x(Double(tick) / 100)
            if tick < 100 { doc.line(x1: tx, y1: top - 4, x2: tx, y2: bottom, stroke: Palette.grid) }
            doc.text("\(tick)%", x: tx, y: bottom + 17, size: 11, fill: Palette.muted, anchor: "middle")
        }
        doc.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: Palette.muted)
        doc.text(
            "Share meeting the target", x: (left + right) / 2, y: bottom + 38, size: 12, fill: Palette.muted,
            anchor: "middle")
        doc.close("g")

        for (i, row) in rows.enumerated() {
            let mid = top + rowHeight * (Double(i) + 0.5)
            let valueText = row.value.map { MarkdownRenderer.percent($0) } ?? "no data"
            doc.open("g", [("class", row.value == nil ? "bar no-data" : "bar")])
            doc.element("title", [], text: "\(row.label): \(valueText) (\(row.count))")
            doc.text(row.label, x: left - 12, y: mid - 1, size: 13, anchor: "end")
            doc.text(row.detail, x: left - 12, y: mid + 12, size: 10.5, fill: Palette.muted, anchor: "end")
            doc.rect(x: left, y: mid - barHeight / 2, width: right - left, height: barHeight, fill: Palette.track)
            if let value = row.value {
                doc.rect(
                    x: left, y: mid - barHeight / 2, width: x(value) - left, height: barHeight, fill: row.colour,
                    extra: [("class", "value")])
                doc.spans(
                    [("x", SVGDocument.number(right + 12)), ("y", SVGDocument.number(mid + 4.5)), ("font-size", "13")],
                    [
                        (valueText, [("fill", Palette.ink), ("font-weight", "600")]),
                        (row.count, [("dx", "6"), ("fill", Palette.muted), ("font-size", "11")]),
                    ])
            } else {
                doc.text(
                    "no data", x: right + 12, y: mid + 4.5, size: 12, fill: Palette.muted,
                    extra: [("font-style", "italic")])
            }
            doc.close("g")
        }

        // The goal: every case within its target.
        doc.line(
            x1: right, y1: top - 6, x2: right, y2: bottom, stroke: Palette.ink, width: 1.5,
            extra: [("stroke-dasharray", "4 3"), ("class", "goal")])
        doc.text("goal 100%", x: right, y: top - 10, size: 10.5, fill: Palette.ink, anchor: "middle")
        return doc.finish()
    }

    // MARK: - Shared parts

    /// The colour of a target kind in the charts (first response is blue).
    static func colour(_ kind: SLAConfig.TargetKind) -> String {
        switch kind {
        case .firstResponse: Palette.blue
        case .restoration: Palette.purple
        case .resolution: Palette.sky
        case .update: Palette.brown
        }
    }

    /// A legend of colour swatches from the left margin, on as many lines (18 apart) as it needs.
    static func legend(_ doc: inout SVGDocument, y: Double, _ items: [(String, String)]) {
        doc.open("g", [("class", "legend")])
        for (item, place) in zip(items, legendPlaces(items.map(\.0), swatch: 18)) {
            let (label, colour) = item
            let line = y + 18 * Double(place.line)
            doc.rect(x: place.x, y: line - 10, width: 12, height: 12, fill: colour)
            doc.text(label, x: place.x + 18, y: line, size: 12)
        }
        doc.close("g")
    }

    /// Where each legend entry starts (`swatch`: the room before its label), wrapping before an
    /// entry that would pass the right margin.
    static func legendPlaces(_ labels: [String], swatch: Double) -> [(x: Double, line: Int)] {
        var x = 24.0
        var line = 0
        var places: [(x: Double, line: Int)] = []
        for label in labels {
            let w = swatch + approximateWidth(label, size: 12)
            if x > 24, x + w > Double(width) - 24 {
                x = 24
                line += 1
            }
            places.append((x, line))
            x += w + 24
        }
        return places
    }

    /// How many lines a legend of `labels` takes.
    static func legendLines(_ labels: [String], swatch: Double = 18) -> Int {
        (legendPlaces(labels, swatch: swatch).last?.line ?? 0) + 1
    }

    /// A rough width of text in a sans-serif font (0.56 em a character), for laying out legends.
    static func approximateWidth(_ s: String, size: Double) -> Double { Double(s.count) * size * 0.56 }
}
