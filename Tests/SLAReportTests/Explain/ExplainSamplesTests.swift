import CSVStream
import Foundation
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLAReport
@testable import SLARules
@testable import SLATime

/// Every case of samples/ explained: the verdicts are the report's, the reasons agree with them.
@Suite("Explain: samples/ agrees with the report")
struct ExplainSamplesTests {
    let data: Dataset
    let context: MetricsContext
    let result: AnalysisResult

    init() throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples")
        func path(_ name: String) -> InputLocation { .path(samples.appendingPathComponent(name).path) }
        let config = try SLAConfig.load(path: samples.appendingPathComponent("slacheck.toml").path)
        data = try Loader(config: config).load(
            InputFiles(
                cases: [path("cases.csv")], events: [path("case_events.csv")],
                escalations: [path("escalations.csv")]))
        context = MetricsContext(config: config, asOf: try #require(data.latestInstant))
        result = Analysis.run(
            data, context: context, period: ReportPeriod.month(year: 2026, month: 10, zone: context.zone))
    }

    func explain(_ index: Int) throws -> CaseExplanation {
        try CaseExplanation(
            caseID: data.caseIDs.string(Int32(index)), data: data, context: context)
    }

    @Test("Response, RCA and escalation verdicts equal the report's for every case")
    func verdicts() throws {
        let responses = Dictionary(uniqueKeysWithValues: result.responseItems.map { (Int($0.caseIndex), $0) })
        let rcas = Dictionary(uniqueKeysWithValues: result.rcaItems.map { (Int($0.caseIndex), $0) })
        let escalations = Dictionary(uniqueKeysWithValues: result.escalationItems.map { ($0.escalationIndex, $0) })
        #expect(responses.count > 200 && !rcas.isEmpty && escalations.count > 40)
        let timelines = Timelines(data, asOf: context.asOf)
        for index in data.cases.indices {
            let x = try explain(index)
            let timeline = timelines.timeline(index, in: data)
            if let reported = responses[index] { #expect(x.firstResponse.item == reported) }
            #expect(x.firstResponse.item == context.responseItem(timeline))
            if let reported = rcas[index] { #expect(x.rca?.item == reported) }
            #expect(x.rca?.item == context.rcaItem(timeline))
            if let item = x.rca?.item {
                // The day-by-day evidence and the rule's bulk count agree.
                let evidence = try #require(x.rca?.evidence)
                #expect(evidence.days.last?.date == item.dueDate)
                #expect(evidence.days.last?.workingDay == context.config.rcaBusinessDays)
                #expect(evidence.lateDays.count == item.businessDaysLate)
            }
            for e in x.escalations {
                guard let item = e.item else { continue }
                if let reported = escalations[item.escalationIndex] { #expect(item == reported) }
                #expect(e.checks.map(\.rule) == EscalationRule.allCases)
                for check in e.checks {
                    #expect(check.broken == item.broken.contains(check.rule), "\(e.id) \(check.rule.rawValue)")
                }
            }
        }
    }

    @Test("The state after each timeline entry is CaseTimeline's; the clock days add up")
    func timelineAndClock() throws {
        let timelines = Timelines(data, asOf: context.asOf)
        for index in data.cases.indices {
            let x = try explain(index)
            let t = timelines.timeline(index, in: data)
            for e in x.timeline {
                #expect(e.status == t.status(at: e.at), "\(x.caseID) at \(e.at)")
                #expect(e.severity == t.severity(at: e.at), "\(x.caseID) at \(e.at)")
                #expect(e.priority == t.priority(at: e.at), "\(x.caseID) at \(e.at)")
            }
            let f = x.firstResponse
            guard let item = f.item, f.target.clock == .business, item.verdict != .negativeDuration else { continue }
            let counted = f.days.reduce(f.omittedMillis) { $0 + $1.countedMillis }
            #expect(counted == (item.responseMillis ?? f.targetMillis), "\(x.caseID)")
        }
    }
}
