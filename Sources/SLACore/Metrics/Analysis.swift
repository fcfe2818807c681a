/// Every tally of one period; an accumulator that can be merged (SPEC section 3).
public struct PeriodTallies: Sendable, Equatable {
    /// Index = severity - 1.
    public var response = [ResponseTally](repeating: ResponseTally(), count: 4)
    public var redeterminations = Redeterminations()
    public var rca = RCATally()
    public var escalations = EscalationTally()
    public var submissions = SubmissionTally()

    public init() {}

    /// Met over met + breached across all severities; nil when both are zero.
    public var responseCompliance: Double? {
        let met = response.reduce(0) { $0 + $1.met }
        let breached = response.reduce(0) { $0 + $1.breached }
        return met + breached == 0 ? nil : Double(met) / Double(met + breached)
    }

    public mutating func merge(_ other: PeriodTallies) {
        for i in 0..<4 { response[i].merge(other.response[i]) }
        redeterminations.merge(other.redeterminations)
        rca.merge(other.rca)
        escalations.merge(other.escalations)
        submissions.merge(other.submissions)
    }
}

/// The data-quality findings over the whole input (SPEC section 3.6).
public struct DataQuality: Sendable, Equatable {
    public var files: [FileStats]
    /// Count per finding code: the rejection reasons, `unknown-case` and `negative-duration`.
    public var findings: [String: Int]
}

/// The analysis of one period: tallies, the items behind them, the trend and data quality.
public struct AnalysisResult: Sendable {
    public var period: ReportPeriod
    public var asOf: Instant
    public var tallies: PeriodTallies
    public var responseItems: [ResponseItem]
    public var rcaItems: [RCAItem]
    public var escalationItems: [EscalationItem]
    /// Up to 12 calendar months ending with the period's, oldest first, from the first month
    /// the inputs cover.
    public var trend: [(period: ReportPeriod, tallies: PeriodTallies)]
    public var dataQuality: DataQuality
}

/// Computes every metric of SPEC section 3 for a period in one pass over the cases and one
/// over the escalations.
public enum Analysis {
    public static func run(
        _ data: Dataset, context: MetricsContext, period: ReportPeriod, trendMonths: Int = 12
    ) -> AnalysisResult {
        let timelines = Timelines(data, asOf: context.asOf)
        let months = trendMonthsCovered(data, context: context, period: period, count: trendMonths)
        var monthTallies = [PeriodTallies](repeating: PeriodTallies(), count: months.count)
        func monthIndex(_ t: Instant) -> Int? { months.firstIndex { $0.contains(t) } }

        var tallies = PeriodTallies()
        var responseItems: [ResponseItem] = []
        var rcaItems: [RCAItem] = []
        var negativeDurations = 0
        for index in data.cases.indices {
            let timeline = timelines.timeline(index, in: data)
            let record = data.cases[index]
            if let response = timeline.firstResponse, response < record.createdAt { negativeDurations += 1 }
            if record.createdAt <= context.asOf {
                let inPeriod = period.contains(record.createdAt)
                let month = monthIndex(record.createdAt)
                if inPeriod || month != nil {
                    let item = context.responseItem(timeline)
                    let severityIndex = Int(item.severity.rawValue) - 1
                    if inPeriod {
                        tallies.response[severityIndex].add(item)
                        tallies.redeterminations.add(timeline.severityHistory)
                        tallies.submissions.add(record)
                        responseItems.append(item)
                    }
                    if let m = month {
                        monthTallies[m].response[severityIndex].add(item)
                        monthTallies[m].submissions.add(record)
                    }
                }
            }
            if let item = context.rcaItem(timeline) {
                if period.contains(item.restoredAt) {
                    tallies.rca.add(item)
                    rcaItems.append(item)
                }
                if let m = monthIndex(item.restoredAt) { monthTallies[m].rca.add(item) }
            }
        }

        // Escalations grouped by case in request order (same instant: file order).
        let order = data.escalations.indices.sorted {
            let a = data.escalations[$0]
            let b = data.escalations[$1]
            return (a.caseIndex, a.requestedAt, a.sequence) < (b.caseIndex, b.requestedAt, b.sequence)
        }
        let sorted = order.map { data.escalations[$0] }
        var escalationItems: [EscalationItem] = []
        var groupStart = 0
        for (position, e) in sorted.enumerated() {
            if position > 0, sorted[position - 1].caseIndex != e.caseIndex { groupStart = position }
            guard e.requestedAt <= context.asOf else { continue }
            let inPeriod = period.contains(e.requestedAt)
            let month = monthIndex(e.requestedAt)
            guard inPeriod || month != nil else { continue }
            let timeline = timelines.timeline(Int(e.caseIndex), in: data)
            let item = context.escalationItem(
                e, index: Int32(order[position]), case: timeline, earlier: sorted[groupStart..<position])
            let c = data.cases[Int(e.caseIndex)]
            if inPeriod {
                tallies.escalations.add(item, org: c.org, deployment: c.deployment, channel: e.channel)
                escalationItems.append(item)
            }
            if let m = month {
                monthTallies[m].escalations.add(item, org: c.org, deployment: c.deployment, channel: e.channel)
            }
        }
        escalationItems.sort { $0.escalationIndex < $1.escalationIndex }

        var findings: [String: Int] = [:]
        for r in data.rejections { findings[r.reason.rawValue, default: 0] += 1 }
        findings["unknown-case"] = data.unknownCaseCount
        findings["negative-duration"] = negativeDurations
        for reason in RejectReason.allCases where findings[reason.rawValue] == nil { findings[reason.rawValue] = 0 }

        return AnalysisResult(
            period: period, asOf: context.asOf, tallies: tallies, responseItems: responseItems, rcaItems: rcaItems,
            escalationItems: escalationItems, trend: Array(zip(months, monthTallies)).map { ($0.0, $0.1) },
            dataQuality: DataQuality(files: data.files, findings: findings))
    }

    /// The trailing months to show in the trend: up to `count` ending with the period's month,
    /// starting no earlier than the month of the earliest case.
    static func trendMonthsCovered(
        _ data: Dataset, context: MetricsContext, period: ReportPeriod, count: Int
    ) -> [ReportPeriod] {
        guard count > 0, let earliest = data.cases.lazy.map(\.createdAt).min() else { return [] }
        return period.trailingMonths(count, zone: context.zone).filter { $0.end > earliest }
    }
}
