import SLATestSupport
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLARules
@testable import SLATime

private typealias M = MetricsFixture

/// SPEC 3.1 percentiles (nearest rank: the ⌈p/100 · n⌉-th smallest value) and the merging of tallies.
@Suite("Metrics: percentiles and merging")
struct PercentileMergeMetricsTests {
    @Test("Nearest rank on ten values: p50 = 5th, p90 = 9th, p95 = 10th")
    func tenValues() throws {
        let stats = try #require(DurationStats([70, 20, 100, 10, 50, 90, 30, 80, 40, 60]))
        // Sorted: 10 20 30 40 50 60 70 80 90 100.
        #expect(stats.count == 10)
        #expect(stats.mean == 55)  // 550 / 10
        #expect(stats.p50 == 50)  // ⌈0.50 · 10⌉ = 5 -> 5th = 50
        #expect(stats.p90 == 90)  // ⌈0.90 · 10⌉ = 9 -> 9th = 90
        #expect(stats.p95 == 100)  // ⌈0.95 · 10⌉ = ⌈9.5⌉ = 10 -> 10th = 100
        #expect(stats.max == 100)
    }

    @Test("Nearest rank on other sizes")
    func otherSizes() throws {
        // n = 20, values 1...20 reversed: p50 ⌈10⌉ = 10th = 10; p90 ⌈18⌉ = 18; p95 ⌈19⌉ = 19; max 20.
        let twenty = try #require(DurationStats(Array((1...20).reversed())))
        #expect([twenty.p50, twenty.p90, twenty.p95, twenty.max] == [10, 18, 19, 20])
        // n = 7, values 1...7: p50 ⌈3.5⌉ = 4th = 4; p90 ⌈6.3⌉ = 7th = 7; p95 ⌈6.65⌉ = 7th = 7.
        let seven = try #require(DurationStats([4, 1, 7, 2, 6, 3, 5]))
        #expect([seven.p50, seven.p90, seven.p95] == [4, 7, 7])
        #expect(seven.mean == 4)  // 28 / 7
        // n = 3, {1, 3, 5}: p50 ⌈1.5⌉ = 2nd = 3; p90 ⌈2.7⌉ = 3rd = 5; p95 ⌈2.85⌉ = 3rd = 5.
        let three = try #require(DurationStats([5, 1, 3]))
        #expect([three.p50, three.p90, three.p95] == [3, 5, 5])
        // n = 1: every percentile is the value.
        let one = try #require(DurationStats([42]))
        #expect([one.p50, one.p90, one.p95, one.max] == [42, 42, 42, 42])
        // No values: no statistics.
        #expect(DurationStats([]) == nil)
    }

    // MARK: Merging

    static func fixture() throws -> MetricsFixture {
        // UTC; 2026-10-05 is a Monday, 2026-10-30 a Friday. K8 is in September (outside the period).
        try M(
            cases: """
                case_id,org_id,customer,created_at,severity,priority,channel,description,platform_incident,service_restored_at,rca_delivered_at,first_response_at
                K1,o1,c1,2026-10-05T09:00:00Z,2,medium,phone,d,,,,2026-10-05T10:00:00Z
                K2,o1,c1,2026-10-05T09:00:00Z,2,low,portal,d,,,,2026-10-05T12:00:00Z
                K3,o2,c2,2026-10-05T09:00:00Z,1,critical,phone,d,true,2026-10-05T12:00:00Z,2026-10-08T10:00:00Z,2026-10-05T09:30:00Z
                K4,o2,c2,2026-10-05T09:00:00Z,1,critical,email,d,true,2026-10-05T12:00:00Z,,
                K5,o3,c3,2026-10-05T09:00:00Z,3,high,portal,,,,,2026-10-05T11:00:00Z
                K6,o3,c3,2026-10-30T16:00:00Z,4,medium,chat,d,,,,
                K7,o1,c1,2026-10-05T09:00:00Z,2,medium,phone,d,,,,2026-10-05T09:45:00Z
                K8,o1,c1,2026-09-28T09:00:00Z,2,medium,phone,d,,,,2026-09-28T09:10:00Z
                """,
            events: """
                case_id,at,type,value,actor
                K7,2026-10-06T09:00:00Z,severity,1,support
                """,
            escalations: """
                escalation_id,case_id,requested_at,reason,channel,decision,decided_at,closed_at
                X1,K1,2026-10-06T10:00:00Z,business_impact,phone,approved,2026-10-06T12:00:00Z,
                X2,K1,2026-10-07T10:00:00Z,business_impact,phone,approved,2026-10-07T11:00:00Z,
                X3,K2,2026-10-06T10:00:00Z,business_impact,phone,rejected,2026-10-06T10:30:00Z,
                X4,K7,2026-10-06T10:00:00Z,no_progress,phone,rejected,2026-10-06T14:00:00Z,
                X5,K3,2026-10-06T10:00:00Z,business_impact,email,,,
                X6,K5,2026-10-06T10:00:00Z,business_impact,phone,,,
                """,
            asOf: "2026-10-31T00:00:00Z")
    }

    /// The October tallies of cases `range` (case order) and escalation items `escalations`.
    static func tallies(
        _ f: MetricsFixture, cases range: Range<Int>, escalations: ArraySlice<EscalationItem>
    ) -> PeriodTallies {
        var t = PeriodTallies()
        for index in range {
            let timeline = f.timelines.timeline(index, in: f.data)
            let record = f.data.cases[index]
            if f.october.contains(record.createdAt) {
                let item = f.context.responseItem(timeline)
                t.response[Int(item.severity.rawValue) - 1].add(item)
                t.addJudged(item, org: record.org)
                t.redeterminations.add(timeline.severityHistory)
                t.submissions.add(record, in: f.context)
            }
            if let rca = f.context.rcaItem(timeline), f.october.contains(rca.restoredAt) { t.rca.add(rca) }
        }
        for item in escalations {
            let e = f.data.escalations[Int(item.escalationIndex)]
            let c = f.data.cases[Int(e.caseIndex)]
            t.escalations.add(item, org: c.org, deployment: c.deployment, channel: e.channel)
        }
        return t
    }

    /// Orders the lists that SPEC leaves unordered, so that tallies compare by content.
    static func normalized(_ t: PeriodTallies) -> PeriodTallies {
        var t = t
        for i in 0..<4 { t.response[i].times.sort() }
        t.escalations.decisionTimes.sort()
        return t
    }

    @Test("The tallies of one pass, worked out by hand")
    func onePassByHand() throws {
        let f = try Self.fixture()
        let t = f.run(f.october).tallies
        // Severity 1: K3 1800 s (met, <= 3600), K4 no response (breached, as-of far past).
        #expect([t.response[0].cases, t.response[0].met, t.response[0].breached] == [2, 1, 1])
        // Severity 2: K1 3600 s met, K2 10 800 s breached (> 7200), K7 2700 s met; K8 is September.
        #expect([t.response[1].cases, t.response[1].met, t.response[1].breached] == [3, 2, 1])
        // Sorted 2 700 000, 3 600 000, 10 800 000 ms: p50 ⌈1.5⌉ = 2nd, p90 ⌈2.7⌉ = 3rd, p95 3rd;
        // mean 17 100 000 / 3 = 5 700 000.
        let s2 = try #require(t.response[1].stats)
        #expect([s2.p50, s2.p90, s2.p95, s2.max] == [3_600_000, 10_800_000, 10_800_000, 10_800_000])
        #expect(s2.mean == 5_700_000)
        // Severity 3: K5 09:00-11:00 = 7200 s <= 4 h -> met. Severity 4: K6 Fri 16:00 to as-of
        // Sat 00:00 = 1 business hour < 9 h -> pending.
        #expect([t.response[2].cases, t.response[2].met] == [1, 1])
        #expect([t.response[3].cases, t.response[3].pending] == [1, 1])
        // K7 went from severity 2 to 1: upgraded.
        #expect(t.redeterminations.upgraded == [0, 1, 0, 0])
        #expect(t.redeterminations.downgraded == [0, 0, 0, 0])
        // RCA: restored Mon 10-05 12:00, due end of Mon 10-12. K3 delivered 10-08: on time.
        // K4 not delivered, as-of 10-31: overdue.
        #expect([t.rca.incidents, t.rca.onTime, t.rca.overdue] == [2, 1, 1])
        // Submissions: 7 October cases; K4 critical by email; K5 portal without description.
        #expect(
            [t.submissions.cases, t.submissions.criticalNotByPhone, t.submissions.incompleteSubmission] == [7, 1, 1])
        // Escalations: X2 already-open (X1 approved, not closed), X3 low-priority, X5 critical by email.
        #expect([t.escalations.total, t.escalations.invalid] == [6, 3])
        // Audit: approved although invalid X2; rejected although valid X4; pending X5 X6.
        #expect(
            [t.escalations.approvedInvalid, t.escalations.rejectedValid, t.escalations.pendingDecision] == [1, 1, 2])
        // Decision times: X1 2 h, X2 1 h, X3 30 min, X4 4 h.
        #expect(t.escalations.decisionTimes.sorted() == [1_800_000, 3_600_000, 7_200_000, 14_400_000])
    }

    @Test("Merging the tallies of two halves equals the tally of one pass")
    func mergeHalves() throws {
        let f = try Self.fixture()
        let items = f.run(f.october).escalationItems[...]
        let n = f.data.cases.count
        let whole = Self.tallies(f, cases: 0..<n, escalations: items)
        let firstHalf = Self.tallies(f, cases: 0..<(n / 2), escalations: items.prefix(items.count / 2))
        let secondHalf = Self.tallies(f, cases: (n / 2)..<n, escalations: items.dropFirst(items.count / 2))

        var merged = firstHalf
        merged.merge(secondHalf)
        #expect(merged == whole)
        // The halves are not trivial: each holds part of the work.
        #expect(firstHalf.response[1].cases + secondHalf.response[1].cases == 3)
        #expect(firstHalf.escalations.total == 3 && secondHalf.escalations.total == 3)

        // The parts merge the same way one by one.
        var response = firstHalf.response[1]
        response.merge(secondHalf.response[1])
        #expect(response == whole.response[1])
        var escalations = firstHalf.escalations
        escalations.merge(secondHalf.escalations)
        #expect(escalations == whole.escalations)

        // And the analysis's own single pass agrees, up to the order of the duration lists.
        #expect(Self.normalized(f.run(f.october).tallies) == Self.normalized(whole))
    }

    @Test("The trend's month of the period counts what the period counts, without the times")
    func trendMonthCountsOnly() throws {
        let f = try Self.fixture()
        let result = f.run(f.october)
        let month = try #require(result.trend.last)
        #expect(month.period.label == "2026-10")
        var counted = result.tallies
        // What a month keeps: the counts; what it leaves out: durations, orgs, tiers and severity
        // changes.
        for i in 0..<4 { counted.response[i].times = [] }
        counted.byOrganization = [:]
        counted.byTier = []
        counted.escalations.decisionTimes = []
        counted.escalations.byOrg = [:]
        counted.redeterminations = Redeterminations()
        #expect(month.tallies == counted)
        #expect(month.tallies.response.map(\.responded) == result.tallies.response.map(\.responded))
        #expect(result.tallies.response.map(\.responded) == result.tallies.response.map(\.times.count))
        #expect(result.tallies.response[1].responded == 3)  // K1, K2 and K7
    }
}

@Suite("Metrics: escalations grouped by case")
struct EscalationGroupingTests {
    @Test("By case, then request time, then input order, whatever order they were read in")
    func grouping() {
        // (case, requested at in seconds): input positions 0-6.
        let rows: [(Int32, Int64)] = [(2, 50), (0, 30), (2, 10), (1, 20), (2, 50), (0, 30), (2, 40)]
        let escalations = rows.enumerated().map { i, row in
            EscalationRecord(
                id: Int32(i), caseIndex: row.0, requestedAt: Instant(millis: row.1 * 1000), reason: nil, channel: nil,
                decision: nil, decidedAt: nil, closedAt: nil, owner: -1, sequence: Int32(i),
                source: SourcePosition(file: 0, line: Int32(i + 2)))
        }
        // Case 0: positions 1 and 5 (same time: input order). Case 1: 3. Case 2: 2 (10 s),
        // 6 (40 s), then 0 and 4 (50 s, input order). Case 3 has none.
        #expect(Analysis.groupedByCase(escalations, caseCount: 4) == [1, 5, 3, 2, 6, 0, 4])
        #expect(Analysis.groupedByCase([], caseCount: 4) == [])
    }
}
