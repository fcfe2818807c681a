import ArgumentParser
import Foundation
import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

/// `slacheck validate`: reads the inputs, reports what would be rejected, writes nothing.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the inputs and the configuration; write nothing.",
        discussion: """
            Reads every input as `report` would and prints, per file, the rows read and rejected,
            the rejections by reason and the first rejected rows with file, line and column.
            With --event-log it also checks the profile against the log: the activities and
            values seen but not mapped (with their rows), and every name of the profile that
            never occurs in the log (with its line).
            Exits 0 when every row is accepted, 3 when any row is rejected or a file cannot be
            read (with --strict, also when the profile checks find anything), 2 when the
            configuration or the flags are wrong.

            Examples:
              slacheck validate --input exports/
              slacheck validate --cases 'exports/cases-*.csv.gz' --config slacheck.toml
              slacheck validate --event-log incidents.csv --config servicenow.toml --strict
            """)

    @OptionGroup var inputs: InputOptions

    @Option(help: "How many rejected rows to list.")
    var show: Int = 20

    @Flag(
        help: "Also exit 3 when the event-log profile checks find an unmapped activity or value, or a name never seen.")
    var strict = false

    func run() throws {
        try runReportingFailures {
            let config = try inputs.loadConfig()
            let data = try inputs.loadDataset(config: config)
            print(ValidationSummary(data, show: show).text, terminator: "")
            if !data.rejections.isEmpty { throw ExitCode(Exit.input.rawValue) }
            if strict, let check = data.eventLogCheck, !check.isClean { throw ExitCode(Exit.input.rawValue) }
        }
    }
}

/// The plain-text account of what was read, for `validate`.
struct ValidationSummary {
    let text: String

    init(_ data: Dataset, show: Int) {
        var out = ""
        for file in data.files {
            out += "\(file.path): \(file.rowsRead) rows read, \(file.rowsRejected) rejected\n"
        }
        var byReason: [RejectReason: Int] = [:]
        for r in data.rejections { byReason[r.reason, default: 0] += 1 }
        for reason in RejectReason.allCases where byReason[reason] != nil {
            out += "  \(reason.rawValue): \(byReason[reason] ?? 0)\n"
        }
        if data.unknownCaseCount > 0 {
            out +=
                "  unknown-case: \(data.unknownCaseCount) event, escalation or exclusion rows name a case not in the cases file\n"
        }
        let unknownOrganizations = data.unknownOrganizationCount
        if unknownOrganizations > 0 {
            // Which org ids, most cases first: the rows organizations.csv probably lacks.
            var byOrg: [Int32: Int] = [:]
            for c in data.cases where data.organization(of: c) == nil { byOrg[c.org, default: 0] += 1 }
            let top = byOrg.sorted { ($0.value, data.orgs.string($1.key)) > ($1.value, data.orgs.string($0.key)) }
            let listed = top.prefix(5).map { "\(data.orgs.string($0.key)) (\($0.value))" }.joined(separator: ", ")
            out +=
                "  unknown-organization: \(unknownOrganizations) cases of organizations not in organizations.csv, "
                + "judged on the defaults: \(listed)\(top.count > 5 ? ", ..." : "")\n"
        }
        for r in data.rejections.prefix(show) { out += "\(r)\n" }
        if data.rejections.count > show { out += "... and \(data.rejections.count - show) more\n" }
        for u in data.unknownCaseRows.prefix(show) {
            out += "\(u.file):\(u.line): case \"\(u.caseID)\" is not among the accepted cases [unknown-case]\n"
        }
        if data.countsUnknownValues {
            let unknown = data.unknownValueCounts.reduce(0) { $0 + Int($1) }
            out +=
                unknown == 1
                ? "unknown-value: 1 value not ours was blanked or read as the profile's default\n"
                : "unknown-value: \(unknown) values not ours were blanked or read as the profile's default\n"
        }
        if let check = data.eventLogCheck {
            out += "profile checks (\(check.profileFile)):\n"
            for line in check.lines { out += line + "\n" }
        }
        out += data.rejections.isEmpty ? "ok: every row was accepted\n" : "\(data.rejections.count) rows rejected\n"
        text = out
    }
}
