import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

/// Restoration, resolution and update in the report (SPEC v2 3.7-3.9): their rows per severity
/// and tier, their items, and each response row's verdict on them. Everything here is taken from
/// the analysis' tallies and items; nothing is judged again.
extension Report {
    /// The kinds beyond first response, in index order (`kind.index - 1`).
    public static let measurable: [SLAConfig.TargetKind] = [.restoration, .resolution, .update]

    /// A target kind's counts over all its severities (SPEC 3.10: excluded and `compliance_raw`).
    public struct KindTotals: Sendable, Equatable {
        public var cases = 0
        public var met = 0
        public var breached = 0
        public var pending = 0
        public var excluded = 0
        public var reopened = 0
        public var compliance: Double?
        public var complianceRaw: Double?

        /// The counts of `rows` (a kind's severities) added up with the tallies' own `merge`.
        public init(_ rows: [ResponseTally]) {
            var total = ResponseTally()
            for var row in rows {
                row.times = []
                total.merge(row)
            }
            cases = total.cases
            met = total.met
            breached = total.breached
            pending = total.pending
            excluded = total.excluded
            reopened = total.reopened
            compliance = total.compliance
            complianceRaw = total.complianceRaw
        }
    }

    /// Restoration, resolution or update (SPEC 3.7-3.9).
    public struct TargetSection: Sendable {
        public var kind: SLAConfig.TargetKind
        /// Whether any table in force at any time gives the kind an entry; an unmeasured kind has
        /// no rows, items or verdicts.
        public var measured: Bool
        /// The default table's `pause_on` in force on the period's first day, sorted.
        public var pauseOn: [String]
        /// Every severity that has an entry in any of the kind's tables (default, tiers,
        /// contracts), ascending.
        public var severities: [SeverityRow]
        /// Every configured tier, rows as `severities` on the tier's entries.
        public var tiers: [TierSection]
        public var totals: KindTotals
    }

    /// The rows' clock and target: the entry in force on the period's first day (SPEC 5), the
    /// tier's or else the default table's, `1d` on the tier's calendar in force then, else on
    /// `[calendar]`.
    struct RowMaker {
        let context: MetricsContext
        /// The index of the terms in force on the period's first day.
        let terms: Int

        func row(
            _ kind: SLAConfig.TargetKind, _ s: Severity, _ tally: ResponseTally, tier: Int, stats: DurationStats?,
            up: Int, down: Int
        ) -> SeverityRow {
            let config = context.config
            let judging = context.judging
            var target = judging.entry(kind, s, terms: terms, tier: tier)
            // First response: every severity has an entry (a tier or contract only replaces them).
            if kind == .firstResponse, target == nil { target = config.firstResponse[severity: Int(s.rawValue)] }
            let tierCalendar = tier < 0 ? nil : judging.terms[terms].tiers[tier].calendar
            let calendar = tierCalendar.flatMap(config.calendarIndex(named:)).map { config.calendars[$0].settings }
            return SeverityRow(
                severity: Int(s.rawValue), clock: target?.clock.rawValue,
                targetSeconds: target?.seconds(calendar: calendar ?? config.calendar), target: target?.target,
                cases: tally.cases,
                responded: tally.responded, met: tally.met, breached: tally.breached, pending: tally.pending,
                negativeDuration: tally.negativeDuration, excluded: tally.excluded, compliance: tally.compliance,
                complianceRaw: tally.complianceRaw, stats: stats, upgraded: up, downgraded: down,
                reopened: tally.reopened)
        }

        /// The severities with an entry of `kind` in any table in force at any time.
        func severities(_ kind: SLAConfig.TargetKind) -> [Severity] {
            let judging = context.judging
            let tiers = context.config.tiers.count
            return Severity.allCases.filter { s in
                judging.terms.indices.contains { t in
                    (-1..<tiers).contains { judging.entry(kind, s, terms: t, tier: $0) != nil }
                }
            }
        }
    }

    /// The three sections; `stats[kind.index - 1][severity - 1]` are the statistics of the
    /// report's rows (worked out beside the escalation rows).
    static func targetSections(_ result: AnalysisResult, rows: RowMaker, stats: [[DurationStats?]])
        -> [TargetSection]
    {
        let judging = rows.context.judging
        let config = rows.context.config
        return measurable.map { kind in
            let k = kind.index - 1
            let measured = judging.measures(kind)
            let severities = measured ? rows.severities(kind) : []
            let pauseOn = judging.terms[rows.terms].targets[kind]?.pauseOn ?? kind.defaultPauseOn
            let tallies = result.tallies.targets[k]
            let tiers = config.tiers.indices.map { t in
                let byTier =
                    t < result.tallies.targetsByTier.count
                    ? result.tallies.targetsByTier[t][k] : tallies.map { _ in ResponseTally() }
                return TierSection(
                    tier: config.tiers[t].name,
                    severities: severities.map { s in
                        let tally = byTier[Int(s.rawValue) - 1]
                        return rows.row(kind, s, tally, tier: t, stats: tally.stats, up: 0, down: 0)
                    })
            }
            return TargetSection(
                kind: kind, measured: measured, pauseOn: pauseOn.map(\.description).sorted(),
                severities: severities.map { s in
                    let i = Int(s.rawValue) - 1
                    return rows.row(kind, s, tallies[i], tier: -1, stats: stats[k][i], up: 0, down: 0)
                },
                tiers: measured ? tiers : [], totals: KindTotals(tallies))
        }
    }

    /// The verdict of target `k` (`kind.index - 1`) of response row `row`; nil when the kind is
    /// not measured or the case is not in its population. The cases CSV's columns, not the
    /// JSON's (a month of a million cases has as many).
    public func targetVerdict(_ k: Int, row: Int) -> TargetVerdicts.Entry? {
        targetVerdicts.entry(Report.measurable[k], row: row)
    }

    /// The position in `rows` (ascending case indices) of case `caseIndex`, if it has one.
    static func row(of caseIndex: Int32, in rows: [ResponseItem]) -> Int? {
        var low = 0
        var high = rows.count
        while low < high {
            let mid = (low + high) / 2
            if rows[mid].caseIndex < caseIndex { low = mid + 1 } else { high = mid }
        }
        return low < rows.count && rows[low].caseIndex == caseIndex ? low : nil
    }

    /// The section of `kind` (restoration, resolution or update).
    public func target(_ kind: SLAConfig.TargetKind) -> TargetSection { targets[kind.index - 1] }

    /// The measured kinds beyond first response, in index order.
    public var measuredTargets: [TargetSection] { targets.filter(\.measured) }

    /// Whether case `caseIndex` is excluded from `target` (one kind, or rca) by exclusions.csv,
    /// through an exclusion of that target or of `all`.
    public func isExcluded(_ caseIndex: Int32, from target: ExclusionTarget) -> Bool {
        Int(caseIndex) < exclusionMask.count && exclusionMask[Int(caseIndex)] & target.bit != 0
    }

    /// The tier, calendar and time zone of the clock that judged `item` (tier "" for none).
    public func clock(_ item: TargetItem) -> (tier: String, calendar: String, timezone: String) {
        let clock = clockNames[Int(item.clock)]
        return (item.tier >= 0 ? tierNames[Int(item.tier)] : "", clock.calendar, clock.zone)
    }
}

extension ExclusionTarget {
    /// The exclusion target of a target kind.
    public init(_ kind: SLAConfig.TargetKind) {
        switch kind {
        case .firstResponse: self = .firstResponse
        case .restoration: self = .restoration
        case .resolution: self = .resolution
        case .update: self = .update
        }
    }
}
