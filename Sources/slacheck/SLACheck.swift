import ArgumentParser
import Foundation
import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

/// The `slacheck` command: declares the subcommands; all logic lives in the library targets.
@main
struct SLACheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slacheck",
        abstract: "Batch SLA compliance analyzer for customer-support case exports.",
        discussion: """
            Reads cases.csv, case_events.csv and escalations.csv exports and writes the period's
            compliance report as Markdown, JSON and CSV.

            Examples:
              slacheck report --input exports/ --period 2026-10 --out reports/
              slacheck validate --input exports/
              slacheck config > slacheck.toml
              slacheck generate --cases 1000 --seed 7 --out demo/
              slacheck explain --input exports/ C-000123
            """,
        subcommands: [
            ReportCommand.self, ValidateCommand.self, ConfigCommand.self,
            GenerateCommand.self, ExplainCommand.self,
        ]
    )

    /// Runs the command, mapping argument-parser's usage status (64) onto SPEC's 2.
    static func main() {
        SystemMemory.mapLargeBlocksSeparately()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(Exit.usage.rawValue)
            }
            exit(withError: error)
        }
    }
}
