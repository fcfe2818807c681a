import ArgumentParser
import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

/// `slacheck config`: prints the default configuration as a commented TOML file.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the default configuration as a commented TOML file to start from.",
        discussion: """
            Example:
              slacheck config > slacheck.toml    # then edit timezone, calendar and the contract's targets
            """)

    func run() throws {
        print(SLAConfig.defaultFileText, terminator: SLAConfig.defaultFileText.hasSuffix("\n") ? "" : "\n")
    }
}
