extension SVGRenderer {
    /// The organizations with the most escalations (up to ten, as in the report), each a bar of
    /// its valid escalations with the invalid ones stacked after them.
    ///
    /// Ten organizations fill 720 × 360; with fewer the rows keep their height and the chart is
    /// shorter, rather than leaving a blank space or drawing thick bars.
    public static func escalations(_ r: Report) -> String {
        let rows = r.byOrg
        let left = 212.0
        let right = 580.0
        let top = 96.0
        let rowHeight = min(26, 212 / Double(max(rows.count, 1)))
        let barHeight = (rowHeight * 0.65).rounded()
        let bottom = top + rowHeight * Double(rows.count)
        let title = "Escalations by organization, \(r.period.label)"
        var doc = SVGDocument(
            width: width, height: min(height, Int((bottom + 52).rounded())), title: title,
            description: "Escalations of the organizations with the most, split into valid and invalid.")
        doc.text(title, x: 24, y: 32, size: 18, extra: [("font-weight", "600")])
        let e = r.escalations
        doc.text(
            "The \(rows.count) organizations with the most escalations; overall \(e.invalid) of \(e.total)"
                + " broke a criterion (\(MarkdownRenderer.percent(e.invalidRate))).",
            x: 24, y: 52, size: 12, fill: Palette.muted)
        legend(&doc, y: 76, [("Valid", Palette.green), ("Invalid", Palette.vermillion)])

        let step = niceStep(rows.map(\.total).max() ?? 0)
        let axisMax = max(step, ((rows.map(\.total).max() ?? 0) + step - 1) / step * step)
        func x(_ count: Int) -> Double { left + (right - left) * Double(count) / Double(axisMax) }

        doc.open("g", [("class", "axis")])
        for tick in stride(from: 0, through: axisMax, by: step) {
            doc.line(
                x1: x(tick), y1: top - 4, x2: x(tick), y2: bottom, stroke: tick == 0 ? Palette.muted : Palette.grid)
            doc.text(String(tick), x: x(tick), y: bottom + 17, size: 11, fill: Palette.muted, anchor: "middle")
        }
        doc.text(
            "Escalations requested", x: (left + right) / 2, y: bottom + 38, size: 12, fill: Palette.muted,
            anchor: "middle")
        doc.close("g")

        for (i, row) in rows.enumerated() {
            let mid = top + rowHeight * (Double(i) + 0.5)
            let valid = row.total - row.invalid
            doc.open("g", [("class", "bar")])
            doc.element("title", [], text: "\(row.key): \(row.total) escalations, \(row.invalid) invalid")
            doc.text(SVGDocument.truncate(row.key, to: 26), x: left - 12, y: mid + 4.5, size: 12, anchor: "end")
            doc.rect(
                x: left, y: mid - barHeight / 2, width: x(valid) - left, height: barHeight, fill: Palette.green,
                extra: [("class", "valid")])
            doc.rect(
                x: x(valid), y: mid - barHeight / 2, width: x(row.total) - x(valid), height: barHeight,
                fill: Palette.vermillion, extra: [("class", "invalid")])
            var parts: [(text: String, attributes: SVGDocument.Attributes)] = [
                (String(row.total), [("fill", Palette.ink), ("font-weight", "600")])
            ]
            if row.invalid > 0 { parts.append(("(\(row.invalid) invalid)", [("dx", "5"), ("fill", Palette.muted)])) }
            doc.spans(
                [
                    ("x", SVGDocument.number(x(row.total) + 8)), ("y", SVGDocument.number(mid + 4.5)),
                    ("font-size", "12"),
                ],
                parts)
            doc.close("g")
        }
        return doc.finish()
    }

    /// A round step (1, 2 or 5 times a power of ten) that divides 0...maximum into at most five ticks.
    static func niceStep(_ maximum: Int) -> Int {
        var magnitude = 1
        while true {
            for m in [1, 2, 5] where maximum <= m * magnitude * 5 { return m * magnitude }
            magnitude *= 10
        }
    }
}
