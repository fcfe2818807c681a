import CSVStream
import Foundation
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLARules
@testable import SLATime

/// Each organization's own analysis (SPEC 3.12) is the full analysis cut to its cases: every
/// item and count of one organization's run equals the full run's for that organization.
@Suite("Analysis of one organization's cases")
struct SubsetAnalysisTests {
    @Test("Every organization of samples/: items and counts equal the full run's, restricted")
    func samplesPartition() throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples")
        func path(_ name: String) -> InputLocation { .path(samples.appendingPathComponent(name).path) }
        let config = try SLAConfig.load(path: samples.appendingPathComponent("slacheck.toml").path)
        let data = try Loader(config: config).load(
            InputFiles(
                cases: [path("cases.csv")], events: [path("case_events.csv")],
                escalations: [path("escalations.csv")]))
        let context = MetricsContext(config: config, asOf: try #require(data.latestInstant))
        let period = ReportPeriod.month(year: 2026, month: 10, zone: context.zone)
        let full = Analysis.run(data, context: context, period: period)
        let subsets = CaseSubset.byOrganization(data, period: period, asOf: context.asOf)
        #expect(subsets.count == full.tallies.byOrganization.count)
        #expect(subsets.count > 5)

        var cases = 0
        var escalations = 0
        for (org, subset) in subsets {
            let own = Analysis.run(data, context: context, period: period, subset: subset)
            let orgOf = { (caseIndex: Int32) in data.cases[Int(caseIndex)].org }
            #expect(own.responseItems == full.responseItems.filter { orgOf($0.caseIndex) == org })
            #expect(own.rcaItems == full.rcaItems.filter { orgOf($0.caseIndex) == org })
            #expect(own.escalationItems == full.escalationItems.filter { orgOf($0.caseIndex) == org })
            let whole = try #require(full.tallies.byOrganization[org])
            #expect(own.tallies.submissions.cases == whole.cases)
            #expect(own.tallies.response.reduce(0) { $0 + $1.met } == whole.firstResponse.met)
            #expect(own.tallies.response.reduce(0) { $0 + $1.breached } == whole.firstResponse.breached)
            #expect(own.tallies.escalations.total == full.tallies.escalations.byOrg[org]?.total ?? 0)
            // Data quality: the organization's accepted rows only, nothing rejected.
            #expect(own.dataQuality.files.allSatisfy { $0.rowsRejected == 0 })
            #expect(own.dataQuality.files.first { $0.kind == .cases }?.rowsRead == subset.cases.count)
            #expect(own.dataQuality.findings["unknown-case"] == 0)
            cases += own.tallies.submissions.cases
            escalations += own.tallies.escalations.total
        }
        #expect(cases == full.tallies.submissions.cases)
        #expect(escalations == full.tallies.escalations.total)
    }
}
