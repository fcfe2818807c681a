import Foundation
import Testing

@Suite("Periods and trend")
struct PeriodTests {
    static let samples = packageRoot.appendingPathComponent("samples").path

    func report(_ extra: [String]) throws -> (folder: URL, files: [String]) {
        let out = temporaryFolder("period")
        let r = try run(
            slacheckBinary,
            ["report", "--input", Self.samples, "--config", Self.samples + "/slacheck.toml", "--out", out.path] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        return (out, try FileManager.default.contentsOfDirectory(atPath: out.path).sorted())
    }

    func json(_ folder: URL, _ name: String) throws -> [String: Any] {
        try jsonObject(String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
    }

    @Test("Each trend month equals that month's own report (each checked against the reference)")
    func trendMatchesMonthlyReports() throws {
        let october = try report(["--period", "2026-10"])
        let trend = try json(october.folder, "sla-2026-10.json")["trend"] as? [[String: Any]] ?? []
        // samples/ was generated with --from 2026-08-01 --months 3, which adds two months before
        // --from: the inputs cover June to October.
        #expect(trend.map { $0["month"] as? String } == ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10"])
        // The as-of must be the same for the comparison: the October run's default.
        let asOf = try json(october.folder, "sla-2026-10.json")["as_of"] as? String ?? ""
        for row in trend {
            let month = row["month"] as? String ?? ""
            let single = try report(["--period", month, "--as-of", asOf])
            let doc = try json(single.folder, "sla-\(month).json")
            #expect(
                value(doc, "response_times.compliance") as? Double == row["response_compliance"] as? Double, "\(month)")
            #expect(value(doc, "submissions.cases") as? Int == row["cases"] as? Int, "\(month)")
            #expect(
                value(doc, "escalations.invalid_rate") as? Double == row["escalation_invalid_rate"] as? Double,
                "\(month)")
            let rca = value(doc, "rca.compliance")
            #expect((rca as? Double) == (row["rca_compliance"] as? Double), "\(month)")
        }
    }

    @Test("--from/--to: a partial period, labelled by its dates, with the right population")
    func explicitDates() throws {
        let whole = try report(["--period", "2026-10"])
        let firstHalf = try report(["--from", "2026-10-01", "--to", "2026-10-16"])
        let secondHalf = try report(["--from", "2026-10-16", "--to", "2026-11-01"])
        #expect(firstHalf.files.contains("sla-2026-10-01_2026-10-16.json"))
        let w = try json(whole.folder, "sla-2026-10.json")
        let a = try json(firstHalf.folder, "sla-2026-10-01_2026-10-16.json")
        let b = try json(secondHalf.folder, "sla-2026-10-16_2026-11-01.json")
        // The two halves partition the month: counts add up exactly.
        for path in ["submissions.cases", "escalations.total", "escalations.invalid", "rca.incidents"] {
            let sum = (value(a, path) as? Int ?? -1) + (value(b, path) as? Int ?? -1)
            #expect(sum == value(w, path) as? Int, "\(path)")
        }
        for s in 0..<4 {
            for k in ["cases", "met", "breached"] {
                let path = "response_times.by_severity.\(s).\(k)"
                #expect(
                    (value(a, path) as? Int ?? -1) + (value(b, path) as? Int ?? -1) == value(w, path) as? Int, "\(path)"
                )
            }
        }
        // Local midnight in Berlin (UTC+2 in October) bounds the period.
        #expect(value(a, "period.start") as? String == "2026-09-30T22:00:00Z")
        #expect(value(a, "period.end") as? String == "2026-10-15T22:00:00Z")
    }

    @Test("--period last-month is the calendar month before today in the configured zone")
    func lastMonth() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin") ?? .gmt
        let previous = calendar.date(byAdding: .month, value: -1, to: Date()) ?? Date()
        let parts = calendar.dateComponents([.year, .month], from: previous)
        let label = String(format: "%04d-%02d", parts.year ?? 0, parts.month ?? 0)
        let result = try report(["--period", "last-month"])
        #expect(result.files.contains("sla-\(label).json"), "\(result.files)")
    }

    /// samples/ covers June to October 2026 (Europe/Berlin): January 2025 has no case, no
    /// escalation and no restore. SPEC 6 has no status for that, so the report is written (0)
    /// and standard error and the Markdown say it.
    @Test("A period without data: exit 0, a warning naming the period and the months it covers, a note in the Markdown")
    func emptyPeriod() throws {
        let out = temporaryFolder("period")
        let r = try run(
            slacheckBinary,
            [
                "report", "--input", Self.samples, "--config", Self.samples + "/slacheck.toml", "--out", out.path,
                "--period", "2025-01",
            ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stderr
                == "slacheck: warning: the period 2025-01 (2025-01-01 to 2025-01-31) has no data: no case was created, "
                + "no escalation requested and no service restored in it; the inputs' cases were created from 2026-06 "
                + "to 2026-10 (Europe/Berlin); the report was written with empty tables\n")
        let markdown = try String(contentsOf: out.appendingPathComponent("sla-2025-01.md"), encoding: .utf8)
        #expect(markdown.contains("\n\n**No data for this period**: no case was created, no escalation requested"))
        // A period with data prints nothing.
        let october = try run(
            slacheckBinary,
            [
                "report", "--input", Self.samples, "--config", Self.samples + "/slacheck.toml", "--out", out.path,
                "--period", "2026-10",
            ])
        #expect(october.status == 0 && october.stderr.isEmpty, "\(october.stderr)")
    }
}
