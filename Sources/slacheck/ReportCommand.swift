import ArgumentParser
import Foundation
import SLAConfig
import SLAEngine
import SLAModel
import SLAReport
import SLARules
import SLATime

/// `slacheck report`: computes the period's metrics and writes the report files.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the period's SLA compliance report (Markdown, JSON, CSV).",
        discussion: """
            Writes sla-P.md, sla-P.json, sla-P-cases.csv, sla-P-escalations.csv, sla-P-rca.csv,
            sla-P-organizations.csv, sla-P-exclusions.csv and rejected.csv into --out, each
            atomically (temporary name, then rename). P is the period label, e.g. 2026-10. Exit status: 0 written, 1 written
            but below --fail-under, 2 usage or configuration error, 3 input error, 4 another run
            holds the output folder.

            Examples:
              slacheck report --input exports/ --period 2026-10
              slacheck report --input exports/ --period last-month --config slacheck.toml --fail-under 95
              slacheck report --cases 'exports/*/cases.csv.gz' --from 2026-10-01 --to 2026-10-16 --out q4/
            """)

    @OptionGroup var inputs: InputOptions

    @Option(help: ArgumentHelp("A calendar month (2026-10) or last-month.", valueName: "month"))
    var period: String?

    @Option(help: ArgumentHelp("First day of the period (2026-10-01), with --to.", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("The day after the period (2026-11-01): the period is [from, to).", valueName: "date"))
    var to: String?

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "The instant the report is as of (2026-11-01T00:00:00Z); default: the latest instant in the inputs.",
            valueName: "instant"))
    var asOf: String?

    @Option(help: ArgumentHelp("Output folder (created if missing).", valueName: "dir"))
    var out: String = "reports"

    @Flag(
        help:
            "Treat any rejected row as an input error (exit 3, nothing written); with --event-log, also any finding of the profile checks (see validate)."
    )
    var strict = false

    @Flag(
        name: .customLong("per-org"),
        help: "Also write one report set per organization with cases in the period, in orgs/<org id>/ under --out.")
    var perOrg = false

    @Option(
        name: .customLong("fail-under"),
        help: ArgumentHelp("Exit 1 when overall first-response compliance is below PCT percent.", valueName: "pct"))
    var failUnder: Double?

    func validate() throws {
        switch (period, from, to) {
        case (_?, nil, nil), (nil, _?, _?): break
        case (nil, nil, nil):
            throw ValidationError("name the period: --period 2026-10, --period last-month, or --from DATE --to DATE")
        case (_?, _, _): throw ValidationError("give either --period or --from/--to, not both")
        default: throw ValidationError("--from and --to go together")
        }
        if let f = failUnder, !(0...100).contains(f) {
            throw ValidationError("--fail-under takes a percentage from 0 to 100")
        }
    }

    func run() throws {
        try runReportingFailures {
            let config = try inputs.loadConfig()
            let zone = config.zone
            let reportPeriod = try resolvePeriod(zone: zone)
            let explicitAsOf = try parseAsOfFlag(asOf, zone: zone)
            let outFolder = try prepareOutputFolder()
            StagedFiles.removeOnSignals()
            let lock = try OutputLock(folder: outFolder)
            defer { lock.release() }

            var phases = PhaseTimer()
            var data = try inputs.loadDataset(config: config)
            phases.lap("load")
            if strict, let first = data.rejections.first {
                throw CommandFailure(
                    Exit.input, "\(first) (--strict: \(data.rejections.count) rejected rows; nothing written)")
            }
            if strict, let check = data.eventLogCheck, !check.isClean {
                throw CommandFailure(
                    Exit.input,
                    (check.lines.dropLast() + [
                        "--strict: the profile does not fit the log (run validate); nothing written"
                    ])
                    .joined(separator: "\n"))
            }
            let asOfInstant = explicitAsOf ?? data.latestInstant ?? reportPeriod.end
            let context = MetricsContext(config: config, asOf: asOfInstant, organizations: data.organizationBook)
            let result = Analysis.run(data, context: context, period: reportPeriod)
            // The report needs no events once they are analysed (the organizations' own
            // reports do): their memory goes back now.
            if !perOrg { data.events = [] }
            phases.lap("analysis")
            let report = Report(result, data: data, context: context)
            phases.lap("report")
            let label = reportPeriod.label
            let staged = StagedFiles(folder: outFolder)
            var sets = [staged]
            do {
                try ReportSet.stage(report, label: label, into: staged)
                phases.lap("render and stage")
                if perOrg {
                    // One set per organization with cases in the period, over its cases alone
                    // (SPEC 3.12), in orgs/<safe name>/; staged with the main set, committed
                    // after every file of every set is written.
                    let orgsFolder = outFolder.appendingPathComponent("orgs")
                    for (org, subset) in CaseSubset.byOrganization(data, period: reportPeriod, asOf: asOfInstant) {
                        let id = data.orgs.string(org)
                        let folder = orgsFolder.appendingPathComponent(OrganizationFolder.name(id))
                        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                        let own = Analysis.run(data, context: context, period: reportPeriod, subset: subset)
                        let orgReport = Report(own, data: data, context: context, organization: id)
                        let orgStaged = StagedFiles(folder: folder)
                        sets.append(orgStaged)
                        try ReportSet.stage(orgReport, label: label, into: orgStaged)
                    }
                    phases.lap("per-organization reports")
                }
                // The organizations' sets first, the main report last: a reader that sees the
                // new main report sees every organization's too.
                for set in sets.dropFirst() { try set.commit() }
                try staged.commit()
            } catch {
                for set in sets { set.discard() }
                throw CommandFailure(
                    Exit.input, "\(outFolder.path): cannot write the report: \(error.localizedDescription)")
            }
            phases.lap("commit")
            phases.report()
            if isatty(STDERR_FILENO) != 0 {
                FileHandle.standardError.write(Data("wrote the \(label) report to \(outFolder.path)\n".utf8))
            }
            // SPEC 6 has no status for a period without data: the report is written (0), and
            // standard error says so.
            if let warning = report.emptyPeriodWarning {
                FileHandle.standardError.write(Data("slacheck: warning: \(warning)\n".utf8))
            }
            if let threshold = failUnder, let compliance = report.responseCompliance, compliance * 100 < threshold {
                FileHandle.standardError.write(
                    Data(
                        ("slacheck: first-response compliance \(JSON.format(compliance * 100, decimals: 2))% "
                            + "is below --fail-under \(JSON.format(threshold, decimals: 2))%\n").utf8))
                throw Exit.belowThreshold
            }
        }
    }

    func resolvePeriod(zone: TimeZoneRules) throws -> ReportPeriod {
        if let period { return try parseMonthFlag(period, zone: zone) }
        guard let fromText = from, let toText = to else {
            throw CommandFailure(Exit.usage, "--from and --to go together")
        }
        guard let first = CivilDate(iso: Substring(fromText)) else {
            throw CommandFailure(Exit.usage, "--from \(fromText): not a date (write 2026-10-01)")
        }
        guard let end = CivilDate(iso: Substring(toText)) else {
            throw CommandFailure(Exit.usage, "--to \(toText): not a date (write 2026-11-01)")
        }
        guard first < end else {
            throw CommandFailure(
                Exit.usage, "--from \(fromText) is not before --to \(toText): the period [from, to) is empty")
        }
        return ReportPeriod(from: first, to: end, zone: zone)
    }

    /// Creates the output folder if needed; exits 2 when it is a file or cannot be created.
    func prepareOutputFolder() throws -> URL {
        let url = URL(fileURLWithPath: out)
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw CommandFailure(Exit.usage, "--out \(out): is a file, not a folder") }
        } else {
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } catch {
                throw CommandFailure(
                    Exit.usage, "--out \(out): cannot create the folder: \(error.localizedDescription)")
            }
        }
        guard access(url.path, W_OK) == 0 else {
            throw CommandFailure(Exit.usage, "--out \(out): the folder is not writable")
        }
        return url
    }
}

/// An exclusive lock on the output folder, so two runs cannot interleave their files.
struct OutputLock {
    let fd: Int32

    /// Takes the lock or exits 4 when another run holds it.
    init(folder: URL) throws {
        let path = folder.appendingPathComponent(".slacheck.lock").path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CommandFailure(Exit.usage, "\(path): cannot create the lock file") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw CommandFailure(
                Exit.locked, "\(folder.path): another slacheck run is writing a report here; try again when it ends")
        }
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// Wall time per phase, printed to standard error when `SLACHECK_TIMING` is set (for benchmarks).
struct PhaseTimer {
    private var last = DispatchTime.now().uptimeNanoseconds
    private var laps: [(String, UInt64)] = []

    private var memory: [String] = []

    mutating func lap(_ name: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        laps.append((name, now - last))
        last = now
        if PhaseTimer.enabled { memory.append(PhaseTimer.residentMemory()) }
    }

    static let enabled = ProcessInfo.processInfo.environment["SLACHECK_TIMING"] != nil

    func report() {
        guard PhaseTimer.enabled else { return }
        let text = zip(laps, memory).map { "\($0.0.0) \(String(format: "%.3f", Double($0.0.1) / 1e9))s [\($0.1)]" }
            .joined(separator: ", ")
        FileHandle.standardError.write(Data("timing: \(text)\n".utf8))
    }

    /// Current and peak resident memory (Linux /proc), e.g. "rss 312 MB, peak 410 MB".
    static func residentMemory() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "" }
        func megabytes(_ key: String) -> String {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key) }),
                let kb = line.split(separator: " ").compactMap({ Int($0) }).first
            else { return "?" }
            return "\(kb / 1024) MB"
        }
        return "rss \(megabytes("VmRSS:")), peak \(megabytes("VmHWM:"))"
    }
}
