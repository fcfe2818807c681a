import CSVStream
import SLAEngine

/// The files of one report: Markdown, JSON, the CSV tables and the charts, staged together.
public enum ReportSet {
    /// Renders `report` for period label `label` into `staged`, on every thread: the per-case
    /// table, by far the largest file, is rendered in blocks by all of them, the first writing
    /// the other files before it joins.
    public static func stage(_ report: Report, label: String, into staged: StagedFiles) throws {
        let casesFile = try staged.open("sla-\(label)-cases.csv")
        let caseRows = CaseRowsPipeline(report, sink: casesFile)
        let results = PartResults<Result<Void, any Error>>(Parallel.threads)
        Parallel.forEach(results.count) { thread in
            results[thread] = Result {
                if thread == 0 { try stageSmallFiles(report, label: label, into: staged) }
                try caseRows.work()
            }
        }
        for thread in 0..<results.count { try results.take(thread).get() }
        try casesFile.close()
    }

    /// Every file but the per-case table.
    static func stageSmallFiles(_ report: Report, label: String, into staged: StagedFiles) throws {
        try staged.write("rejected.csv") { _ = try CSVRenderer.rejected(report, to: $0) }
        try staged.write("sla-\(label)-escalations.csv") { _ = try CSVRenderer.escalations(report, to: $0) }
        try staged.write("sla-\(label)-rca.csv") { _ = try CSVRenderer.rca(report, to: $0) }
        try staged.write("sla-\(label)-organizations.csv") { _ = try CSVRenderer.organizations(report, to: $0) }
        try staged.write("sla-\(label)-exclusions.csv") { _ = try CSVRenderer.exclusions(report, to: $0) }
        try staged.write("sla-\(label).json", bytes: Array(JSONRenderer.render(report).utf8))
        let charts = SVGRenderer.charts(report)
        for chart in charts { try staged.write(chart.fileName, bytes: Array(chart.svg.utf8)) }
        try staged.write("sla-\(label).md", bytes: Array(MarkdownRenderer.render(report, charts: charts).utf8))
    }
}
