import ArgumentParser
import Foundation
import SLAConfig
import SLAEngine
import SLAModel
import SLAReport
import SLARules
import SLATime

/// `slacheck explain`: one case's timeline and verdicts, step by step.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one case's timeline and verdicts, step by step.",
        discussion: """
            Prints, for a support manager who disputes a figure: the case's row and where it was read;
            every event in order with the status, severity and priority in force after it (ties at the
            same instant explained); the first response's source, the clock segments that counted and
            the verdict; the RCA's working days and verdict for a platform incident; and each
            escalation against every rule, with the decision audit. Times are shown in the configured
            zone with UTC beside them. The verdicts are the report's for the same inputs and as-of.

            --period names the report the case is looked at for (which of its populations it joins);
            as-of is the report's default either way: the latest instant in the inputs, or --as-of.

            Exit status: 0 explained, 2 usage or configuration error, 3 input error or a case id that
            is not among the accepted cases (a near id is suggested; a rejected row is named).

            Examples:
              slacheck explain --input exports/ C-000123
              slacheck explain --input samples/ --config samples/slacheck.toml --period 2026-10 C-0100042
              slacheck explain --input exports/ --as-of 2026-10-15T12:00:00Z C-000123
            """)

    @OptionGroup var inputs: InputOptions

    @Option(
        help: ArgumentHelp(
            "The report period to place the case in: a month (2026-10) or last-month.", valueName: "month"))
    var period: String?

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "The instant to explain the case as of (2026-11-01T00:00:00Z); default: the latest instant in the inputs.",
            valueName: "instant"))
    var asOf: String?

    @Argument(help: ArgumentHelp("The case id, as in cases.csv.", valueName: "case-id"))
    var caseID: String

    func run() throws {
        try runReportingFailures {
            let config = try inputs.loadConfig()
            let zone = config.zone
            let reportPeriod = try period.map { try parseMonthFlag($0, zone: zone) }
            let explicitAsOf = try parseAsOfFlag(asOf, zone: zone)
            let data = try inputs.loadDataset(config: config)
            guard let asOfInstant = explicitAsOf ?? data.latestInstant ?? reportPeriod?.end else {
                throw CommandFailure(Exit.input, "case \(caseID) not found in cases (0 cases read)")
            }
            let context = MetricsContext(config: config, asOf: asOfInstant, organizations: data.organizationBook)
            let explanation: CaseExplanation
            do throws(CaseLookupError) {
                explanation = try CaseExplanation(
                    caseID: caseID, data: data, context: context, period: reportPeriod,
                    asOfIsDefault: explicitAsOf == nil)
            } catch {
                throw CommandFailure(Exit.input, error.message)
            }
            print(ExplainText.render(explanation), terminator: "")
        }
    }
}
