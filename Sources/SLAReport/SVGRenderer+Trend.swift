import SLAConfig

extension SVGRenderer {
    /// One line of the trend chart.
    struct TrendSeries: Sendable {
        enum Marker: String, Sendable { case circle, square, diamond }
        var name: String
        var colour: String
        var dash: String?
        var marker: Marker
        var value: @Sendable (Report.TrendRow) -> Double?
    }

    /// The lines of `r`'s trend: first response, each measured target beyond it, RCA and
    /// invalid escalations.
    static func trendSeries(_ r: Report) -> [TrendSeries] {
        let dashes: [SLAConfig.TargetKind: (String, TrendSeries.Marker)] = [
            .restoration: ("9 3 2 3", .circle), .resolution: ("4 2", .square), .update: ("10 3", .diamond),
        ]
        let targets = r.measuredTargets.map { t in
            let k = t.kind.index - 1
            let (dash, marker) = dashes[t.kind] ?? ("4 2", .circle)
            return TrendSeries(
                name: "\(MarkdownRenderer.title(t.kind)) met", colour: colour(t.kind), dash: dash, marker: marker
            ) { $0.targetCompliance[k] }
        }
        return [trendSeriesBase[0]] + targets + trendSeriesBase.dropFirst()
    }

    static let trendSeriesBase = [
        TrendSeries(name: "First response met", colour: Palette.blue, dash: nil, marker: .circle) {
            $0.responseCompliance
        },
        TrendSeries(name: "RCA on time", colour: Palette.orange, dash: "7 4", marker: .square) { $0.rcaCompliance },
        TrendSeries(
            name: "Invalid escalations (lower is better)", colour: Palette.vermillion, dash: "2 3", marker: .diamond
        ) { $0.escalationInvalidRate },
    ]

    /// The monthly trend: first response met, RCA on time and invalid escalations as lines with a
    /// marker per month. A month without a value leaves a gap in its line.
    public static func trend(_ r: Report) -> String {
        let months = r.trend
        let span = months.count > 1 ? "\(months[0].month) to \(months[months.count - 1].month)" : months.first?.month
        let title = "Monthly trend" + (span.map { ", \($0)" } ?? "")
        var doc = SVGDocument(
            width: width, height: height, title: title,
            description: "First response met, RCA on time and invalid escalations per calendar month, in percent.")
        doc.text(title, x: 24, y: 32, size: 18, extra: [("font-weight", "600")])
        doc.text(
            "Per calendar month, in percent; a gap is a month with nothing to measure.", x: 24, y: 52, size: 12,
            fill: Palette.muted)
        let series = trendSeries(r)
        trendLegend(&doc, y: 76, series)

        let left = 64.0
        let right = 696.0
        // A legend on more than one line moves the plot's top down.
        let top = 96.0 + 18 * Double(legendLines(series.map(\.name), swatch: 36) - 1)
        let bottom = 288.0
        let step = (right - left) / Double(max(months.count, 1))
        func x(_ i: Int) -> Double { left + step * (Double(i) + 0.5) }
        func y(_ fraction: Double) -> Double { bottom - (bottom - top) * min(max(fraction, 0), 1) }

        doc.open("g", [("class", "axis")])
        for tick in stride(from: 0, through: 100, by: 25) {
            let ty = y(Double(tick) / 100)
            doc.line(x1: left, y1: ty, x2: right, y2: ty, stroke: tick == 0 ? Palette.muted : Palette.grid)
            doc.text("\(tick)%", x: left - 8, y: ty + 4, size: 11, fill: Palette.muted, anchor: "end")
        }
        for (i, month) in months.enumerated() {
            let (name, year) = monthLabel(month.month, showYear: i == 0)
            doc.text(name, x: x(i), y: bottom + 17, size: 11, fill: Palette.ink, anchor: "middle")
            if let year { doc.text(year, x: x(i), y: bottom + 31, size: 11, fill: Palette.muted, anchor: "middle") }
        }
        let middle = SVGDocument.number((top + bottom) / 2)
        doc.text(
            "Share (%)", x: 20, y: (top + bottom) / 2, size: 12, fill: Palette.muted, anchor: "middle",
            extra: [("transform", "rotate(-90 20 \(middle))")])
        doc.text("Month", x: (left + right) / 2, y: bottom + 54, size: 12, fill: Palette.muted, anchor: "middle")
        doc.close("g")

        for series in series {
            doc.open("g", [("class", "series \(series.marker.rawValue)")])
            // Consecutive months with a value form one line; a missing value breaks it.
            var runs: [[Int]] = []
            var current: [Int] = []
            for (i, month) in months.enumerated() {
                if series.value(month) != nil {
                    current.append(i)
                } else if !current.isEmpty {
                    runs.append(current)
                    current = []
                }
            }
            if !current.isEmpty { runs.append(current) }
            for run in runs where run.count > 1 {
                let points = run.compactMap { i in
                    series.value(months[i]).map { "\(SVGDocument.number(x(i))),\(SVGDocument.number(y($0)))" }
                }
                var attributes: SVGDocument.Attributes = [
                    ("points", points.joined(separator: " ")), ("fill", "none"), ("stroke", series.colour),
                    ("stroke-width", "2.5"), ("stroke-linejoin", "round"), ("stroke-linecap", "round"),
                ]
                if let dash = series.dash { attributes.append(("stroke-dasharray", dash)) }
                doc.element("polyline", attributes)
            }
            for (i, month) in months.enumerated() {
                guard let value = series.value(month) else { continue }
                marker(
                    &doc, series.marker, x: x(i), y: y(value), colour: series.colour,
                    title: "\(month.month), \(series.name): \(MarkdownRenderer.percent(value))")
            }
            doc.close("g")
        }
        return doc.finish()
    }

    /// `Oct` with `2026` under it for a `2026-10` label (the year on the first month and on January);
    /// any other label as it is.
    static func monthLabel(_ label: String, showYear: Bool) -> (String, String?) {
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let parts = label.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, Int(parts[0]) != nil,
            let month = Int(parts[1]), (1...12).contains(month)
        else { return (label, nil) }
        return (names[month - 1], showYear || month == 1 ? String(parts[0]) : nil)
    }

    /// A point marker (class `point`, with a tooltip) or a legend swatch (no title); white-edged so
    /// that touching markers stay apart.
    static func marker(
        _ doc: inout SVGDocument, _ shape: TrendSeries.Marker, x: Double, y: Double, colour: String, title: String?
    ) {
        let n = SVGDocument.number
        var attributes: SVGDocument.Attributes
        let name: String
        switch shape {
        case .circle:
            name = "circle"
            attributes = [("cx", n(x)), ("cy", n(y)), ("r", "4.5")]
        case .square:
            name = "rect"
            attributes = [("x", n(x - 4)), ("y", n(y - 4)), ("width", "8"), ("height", "8")]
        case .diamond:
            name = "path"
            attributes = [
                ("d", "M\(n(x)) \(n(y - 5.5))L\(n(x + 5.5)) \(n(y))L\(n(x)) \(n(y + 5.5))L\(n(x - 5.5)) \(n(y))Z")
            ]
        }
        attributes += [("fill", colour), ("stroke", "#FFFFFF"), ("stroke-width", "1.5")]
        attributes.append(("class", title == nil ? "swatch" : "point"))
        if let title {
            doc.open(name, attributes)
            doc.element("title", [], text: title)
            doc.close(name)
        } else {
            doc.element(name, attributes)
        }
    }

    /// The trend's legend: a stretch of each line with its marker, on as many lines as it needs.
    static func trendLegend(_ doc: inout SVGDocument, y: Double, _ series: [TrendSeries]) {
        doc.open("g", [("class", "legend")])
        for (series, place) in zip(series, legendPlaces(series.map(\.name), swatch: 36)) {
            let x = place.x
            let line = y + 18 * Double(place.line)
            let attributes: SVGDocument.Attributes = series.dash.map { [("stroke-dasharray", $0)] } ?? []
            doc.line(
                x1: x, y1: line - 4, x2: x + 28, y2: line - 4, stroke: series.colour, width: 2.5, extra: attributes)
            marker(&doc, series.marker, x: x + 14, y: line - 4, colour: series.colour, title: nil)
            doc.text(series.name, x: x + 36, y: line, size: 12)
        }
        doc.close("g")
    }
}
