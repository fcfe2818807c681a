import ArgumentParser

// Subcommands declared but not built yet (issue 2 declares them; issues 3 and 4 build them).
// Each says so and exits with the usage status rather than pretending to work.

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Write the period's compliance report (not built yet).")
    func run() throws { throw ValidationError("`slacheck report` is not implemented yet") }
}
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Write synthetic exports (not built yet).")
    func run() throws { throw ValidationError("`slacheck generate` is not implemented yet") }
}
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Explain one case (not built yet).")
    func run() throws { throw ValidationError("`slacheck explain` is not implemented yet") }
}
