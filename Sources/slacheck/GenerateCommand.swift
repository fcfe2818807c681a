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
        abstract: "Write realistic synthetic exports (cases.csv, case_events.csv, escalations.csv).",
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

            Examples:
              slacheck generate --cases 1000 --out demo/
              slacheck generate --cases 2000 --seed 7 --messy --months 3 --timezone Europe/Berlin --out samples/
              slacheck generate --cases 1000000 --from 2026-09-01 --to 2026-10-01 --out /tmp/bench
            """
    )

    @Option(help: "Number of cases to write (0 or more), spread over all generated months.")
    var cases: Int

    @Option(help: "Seed of the pseudo-random generator; the same seed gives the same files.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Folder to write the three files into (created if missing).", valueName: "dir"))
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
            cases: cases, seed: seed, from: fromDate, to: toDate, months: months, timeZone: timeZone, messy: messy)
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
        let line =
            "generated \(summary.cases.rows) cases, \(summary.events.rows) events, \(summary.escalations.rows) escalations"
            + " (\(String(format: "%.1f", megabytes)) MB) in \(out) in \(String(format: "%.1f", seconds)) s\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
