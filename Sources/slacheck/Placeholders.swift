import ArgumentParser

// Subcommands declared but not built yet (issue 2 declares them; issues 3 and 4 build them).
// Each says so and exits with the usage status rather than pretending to work.

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Explain one case (not built yet).")
    func run() throws { throw ValidationError("`slacheck explain` is not implemented yet") }
}
