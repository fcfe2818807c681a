import Foundation
import Testing

@Suite("Committed reports")
struct CommittedReportTests {
    /// reports/ must be what `make report` writes from samples/ today.
    @Test("reports/ is up to date with samples/ (run `make report` to refresh)")
    func upToDate() throws {
        let out = temporaryFolder("committed")
        let r = try run(
            slacheckBinary,
            [
                "report", "--input", "samples", "--config", "samples/slacheck.toml", "--period", "2026-10", "--out",
                out.path,
            ],
            cwd: packageRoot)
        #expect(r.status == 0, "\(r.stderr)")
        let committed = packageRoot.appendingPathComponent("reports")
        for name in try FileManager.default.contentsOfDirectory(atPath: out.path) where !name.hasPrefix(".") {
            let fresh = try Data(contentsOf: out.appendingPathComponent(name))
            let old = try? Data(contentsOf: committed.appendingPathComponent(name))
            #expect(old == fresh, "reports/\(name) is out of date: run `make report`")
        }
    }

    /// The sample month keeps exercising every target (issue 18): in the committed report, each of
    /// first response, restoration, resolution and update has, over all severities, cases met,
    /// breached, pending and excluded. A regenerated samples/ (`make samples`: seed, flags) or a
    /// changed samples/slacheck.toml must keep it so.
    @Test(
        "reports/sla-2026-10.json has met, breached, pending and excluded cases for every target",
        arguments: ["response_times", "restoration", "resolution", "update"])
    func everyTargetExercised(block: String) throws {
        let json = try jsonObject(
            String(contentsOf: packageRoot.appendingPathComponent("reports/sla-2026-10.json"), encoding: .utf8))
        if block != "response_times" { #expect(value(json, "\(block).measured") as? Bool == true, "\(block)") }
        let rows = try #require(value(json, "\(block).by_severity") as? [[String: Any]], "\(block).by_severity")
        for verdict in ["met", "breached", "pending", "excluded"] {
            let total = rows.reduce(0) { $0 + ((value($1, verdict) as? NSNumber)?.intValue ?? 0) }
            #expect(total > 0, "\(block): no \(verdict) case over all severities in reports/sla-2026-10.json")
        }
        // The block's own total of excluded cases agrees with its rows.
        let excluded = rows.reduce(0) { $0 + ((value($1, "excluded") as? NSNumber)?.intValue ?? 0) }
        #expect((value(json, "\(block).excluded") as? NSNumber)?.intValue == excluded, "\(block).excluded")
    }
}

@Suite("Committed reports of the real logs")
struct CommittedRealReportTests {
    /// reports/real must be what `make real-reports` writes today.
    @Test(
        "reports/real is up to date (run `make real-reports` to refresh)",
        arguments: [
            ("helpdesk", "helpdesk/helpdesk.csv", "2012-07"),
            ("bpic2013", "bpic2013/bpic2013_incidents.csv", "2012-05"),
        ])
    func upToDate(name: String, log: String, period: String) throws {
        let data = "data/real/" + log
        try #require(FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent(data).path))
        let out = temporaryFolder("real-\(name)")
        let r = try run(
            slacheckBinary,
            [
                "report", "--event-log", data, "--config", "samples/profiles/\(name).toml", "--period", period, "--out",
                out.path,
            ],
            cwd: packageRoot)
        #expect(r.status == 0, "\(r.stderr)")
        let committed = packageRoot.appendingPathComponent("reports/real/\(name)")
        for file in try FileManager.default.contentsOfDirectory(atPath: out.path) where !file.hasPrefix(".") {
            let fresh = try Data(contentsOf: out.appendingPathComponent(file))
            let old = try? Data(contentsOf: committed.appendingPathComponent(file))
            #expect(old == fresh, "reports/real/\(name)/\(file) is out of date: run `make real-reports`")
        }
    }
}
