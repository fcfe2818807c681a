import ArgumentParser
import Foundation
import SLAConfig
import SLAEngine
import SLAGenerate
import SLAModel
import SLARules
import SLATime

/// `slacheck generate`: realistic synthetic exports for demos, tests and benchmarks.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract:
            "Write realistic synthetic exports (cases.csv, case_events.csv, escalations.csv; organizations.csv with --zones, exclusions.csv with --exclusions).",
        discussion: """
            Cases are spread over --from..--to (local dates, --to exclusive), created mostly in \
            working hours of --timezone. The export is taken at local midnight of --to: nothing \
            later appears, so the most recent cases are still pending. The same flags give \
            byte-identical files on every machine.

            --messy mixes the spellings a reader must accept (offsets, local times without an \
            offset, fractional seconds, "Sev 2", "yes", "PORTAL") and injects a handful of each \
            data-quality finding: duplicate ids, unknown cases, negative durations, missing \
            values, bad timestamps and values, wrong field counts, a BOM on cases.csv and CRLF \
            line ends on case_events.csv.

            --zones K (1 to 20) also writes organizations.csv (org_id, name, timezone, calendar, tier: \
            one row per organization of cases.csv) and slacheck.toml, the configuration that \
            defines its calendars (emea, apac, us, weekend), tiers (premium, standard) and a \
            contract amendment from the first day of the last month. The organizations' time \
            zones are the first K of: UTC, Europe/London, Europe/Berlin, Europe/Helsinki, \
            Asia/Kolkata, Asia/Kathmandu, Asia/Shanghai, Asia/Tokyo, Australia/Sydney, \
            Australia/Adelaide, Pacific/Auckland, America/Sao_Paulo, America/New_York, \
            America/Chicago, America/Denver, America/Los_Angeles, America/St_Johns, \
            Pacific/Honolulu, Africa/Johannesburg, Asia/Dubai. About 20% of the organizations are \
            premium, 40% standard and 40% have no tier; 30% have a calendar of their own. The three \
            exports are the same with or without --zones. With --messy (and 20 organizations or \
            more), organizations.csv also has 2 rows each with an unknown time zone, an unknown \
            calendar and an unknown tier, 2 rows repeating an org_id, and leaves out the 3 \
            organizations with the fewest cases.

            --customers N sets the number of organizations (default: one per 50 cases, at least 8 \
            and at most 20000).

            --exclusions N also writes exclusions.csv (case_id, target, reason, approved_by): N \
            agreed exclusions of distinct cases, each in its target's population: 25% \
            first_response, 25% resolution, 20% update, 10% restoration and 10% rca (platform \
            incidents), 10% all. The other files are the same with or without it. With --messy, 5 \
            more rows: 3 for cases that do not exist, 1 with the target "resolutoin" and 1 \
            without a reason.

            --lifecycle shapes some cases for the restoration, resolution and update targets: \
            about 4% of the answered cases wait on the customer two or three times, 2% are \
            resolved, reopened and resolved again, 2% are resolved then closed, 1% are reopened \
            and still open at the export, 3% get support updates days apart (one from a Friday \
            afternoon to the Monday after); and two platform incidents are restored across each \
            daylight-saving change of --timezone in the generated months. It changes the three \
            exports; without it they are what they have always been.

            With --zones and either --exclusions or --lifecycle, slacheck.toml also defines those \
            targets (SPEC v2: [targets.restoration], [targets.resolution], [targets.update], \
            premium's resolution and the contract's update amendment).

            Examples:
              slacheck generate --cases 1000 --out demo/
              slacheck generate --cases 2000 --seed 7 --messy --months 3 --timezone Europe/Berlin --out samples/
              slacheck generate --cases 5000 --zones 6 --customers 120 --messy --out v2-demo/
              slacheck generate --cases 5000 --zones 6 --exclusions 40 --lifecycle --timezone America/New_York --from 2026-11-01 --to 2026-12-01 --out v2-targets/
              slacheck generate --cases 1000000 --from 2026-09-01 --to 2026-10-01 --out /tmp/bench
            """
    )

    @Option(help: "Number of cases to write (0 or more), spread over all generated months.")
    var cases: Int

    @Option(help: "Seed of the pseudo-random generator; the same seed gives the same files.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Folder to write the files into (created if missing).", valueName: "dir"))
    var out: String

    @Option(help: ArgumentHelp("First local date of the period, YYYY-MM-DD.", valueName: "date"))
    var from: String = "2026-10-01"

    @Option(help: ArgumentHelp("End of the period (exclusive), YYYY-MM-DD; the export instant.", valueName: "date"))
    var to: String = "2026-11-01"

    @Option(help: "Months generated, ending with the period: N-1 earlier months are added for the trend.")
    var months: Int = 1

    @Option(
        name: .customLong("timezone"),
        help: ArgumentHelp("IANA time zone of working hours and naive timestamps.", valueName: "name"))
    var timeZone: String = "UTC"

    @Flag(help: "Mix value spellings and inject a handful of each data-quality quirk.")
    var messy = false

    @Option(
        help: ArgumentHelp(
            "Time zones among the organizations (0 to 20); above 0, also write organizations.csv and slacheck.toml.",
            valueName: "k"))
    var zones: Int = 0

    @Option(
        help: ArgumentHelp(
            "Number of organizations (1 to 90000; default: one per 50 cases, at least 8, at most 20000).",
            valueName: "n"))
    var customers: Int?

    @Option(
        help: ArgumentHelp(
            "Agreed exclusions to write to exclusions.csv (0 to the number of cases; 0 writes no file).",
            valueName: "n"))
    var exclusions: Int = 0

    @Flag(
        help:
            "Shape some cases for the v2 targets: repeated waits, reopenings, long gaps between updates, incidents restored across a DST change."
    )
    var lifecycle = false

    func validate() throws {
        _ = try options()
    }

    private func options() throws -> GeneratorOptions {
        guard let fromDate = CivilDate(iso: Substring(from)) else {
            throw ValidationError("--from \"\(from)\" is not a date (expected YYYY-MM-DD)")
        }
        guard let toDate = CivilDate(iso: Substring(to)) else {
            throw ValidationError("--to \"\(to)\" is not a date (expected YYYY-MM-DD)")
        }
        let options = GeneratorOptions(
            cases: cases, seed: seed, from: fromDate, to: toDate, months: months, timeZone: timeZone, messy: messy,
            zones: zones, customers: customers, exclusions: exclusions, lifecycle: lifecycle)
        do {
            try options.validate()
        } catch let error as GeneratorError {
            throw ValidationError(error.description)
        }
        return options
    }

    func run() throws {
        let options = try options()
        let start = Date()
        let summary: GenerationSummary
        do {
            summary = try generateExports(options, to: URL(fileURLWithPath: out, isDirectory: true))
        } catch let error as GeneratorError {
            FileHandle.standardError.write(Data("slacheck generate: \(error)\n".utf8))
            throw Exit.usage
        }
        let seconds = Date().timeIntervalSince(start)
        let megabytes = Double(summary.totalBytes) / 1_000_000
        var line =
            "generated \(summary.cases.rows) cases, \(summary.events.rows) events, \(summary.escalations.rows) escalations"
            + " (\(String(format: "%.1f", megabytes)) MB) in \(out) in \(String(format: "%.1f", seconds)) s"
        if let organizations = summary.organizations {
            line += "; \(organizations.name): \(organizations.rows) rows over \(zones) time zones"
            if let configuration = summary.configuration { line += ", with \(configuration.lastPathComponent)" }
        }
        if let exclusions = summary.exclusions { line += "; \(exclusions.name): \(exclusions.rows) rows" }
        if lifecycle {
            let incidents = summary.lifecycle["dst-incident", default: 0]
            let shaped = summary.lifecycle.values.reduce(0, +) - incidents
            line += "; lifecycles: \(shaped) cases shaped, \(incidents) incidents restored across a DST change"
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
