import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

/// The report of one period: every figure already computed, ready to render three ways.
///
/// Renderers only format what is here; none of them computes a metric.
public struct Report: Sendable {
    /// One severity of a target: of the report, or of a tier.
    public struct SeverityRow: Sendable {
        public var severity: Int
        /// The clock and target of the entry in force on the period's first day (SPEC 5); nil when
        /// only a tier gives this severity an entry (restoration, resolution, update).
        public var clock: String?
        public var targetSeconds: Int64?
        /// The entry's configured length (`3d`): on the business clock its days are working days.
        public var target: SLADuration?
        public var cases: Int
        /// The cases with a figure: responded (first response), restored, stopped (resolution),
        /// every case (update).
        public var responded: Int
        public var met: Int
        public var breached: Int
        public var pending: Int
        public var negativeDuration: Int
        /// Left out by an agreed exclusion (SPEC 3.10), and the compliance with them counted.
        public var excluded: Int = 0
        public var compliance: Double?
        public var complianceRaw: Double?
        /// Milliseconds; nil when nobody was answered.
        public var stats: DurationStats?
        public var upgraded: Int
        public var downgraded: Int
        /// Resolution: cases reopened after a resolution (0 for the other kinds).
        public var reopened: Int = 0
    }

    public struct GroupRow: Sendable {
        public var key: String
        public var total: Int
        public var invalid: Int
        public var invalidRate: Double?
    }

    /// The interned text the rows refer to by number (ids, customers, organizations).
    public struct Names: Sendable {
        public var caseIDs: IDTable
        public var customers: IDTable
        public var orgs: IDTable
        public var escalationIDs: IDTable

        public func caseID(_ n: Int32) -> String { caseIDs.string(n) }
        /// The customer's name, or "" when the case has none.
        public func customer(_ n: Int32) -> String { n >= 0 ? customers.string(n) : "" }
        public func org(_ n: Int32) -> String { n >= 0 ? orgs.string(n) : "" }
        public func escalationID(_ n: Int32) -> String { escalationIDs.string(n) }
    }

    public struct RCARow: Sendable {
        public var caseID: Int32
        public var customer: Int32
        public var restoredAt: Instant
        public var dueDate: CivilDate
        public var dueAt: Instant
        public var deliveredAt: Instant?
        public var verdict: String
        public var businessDaysLate: Int
        /// The clock that judged it (an index in `clockNames`).
        public var clock: Int32
        /// Whether exclusions.csv excludes it from RCA (SPEC 3.10).
        public var excluded = false
    }

    public struct EscalationRow: Sendable {
        public var escalationID: Int32
        public var caseID: Int32
        public var org: Int32
        public var requestedAt: Instant
        public var priority: Priority?
        public var severity: Int
        public var channel: Channel?
        public var decision: Decision
        public var rules: BrokenRules
    }

    public struct TrendRow: Sendable {
        public var month: String
        public var responseCompliance: Double?
        public var rcaCompliance: Double?
        public var escalationInvalidRate: Double?
        public var cases: Int
        /// First-response compliance per severity (index = severity - 1).
        public var severityCompliance: [Double?]
        /// Restoration, resolution and update compliance (index `kind.index - 1`); nil for a kind
        /// not measured.
        public var targetCompliance: [Double?] = [nil, nil, nil]
    }

    /// The month before the period (when the period is a month and the inputs cover it), for
    /// the summary's "change against the previous month".
    public var previousMonth: TrendRow?

    public var names: Names
    public var period: ReportPeriod
    public var timezone: String
    /// The report's zone (`timezone`): the Markdown shows instants in it.
    public var zone: TimeZoneRules
    public var asOf: Instant
    public var severities: [SeverityRow]
    public var responseCompliance: Double?
    public var rca: RCATally
    public var rcaBusinessDays: Int
    /// `escalations.high_priority_wait`, for the criterion's text.
    public var highPriorityWait: SLADuration
    public var escalations: EscalationTally
    public var decisionP50: Int64?
    public var decisionP90: Int64?
    public var byPriority: [GroupRow]
    public var byChannel: [GroupRow]
    public var byDeployment: [GroupRow]
    /// The ten organizations with the most escalations.
    public var byOrg: [GroupRow]
    public var submissions: SubmissionTally
    /// The escalation rules and submission checks `[checks] disabled` leaves out, in SPEC order:
    /// not evaluated and not counted (a disabled rule is in no `EscalationRow.rules` either).
    public var disabledRules: [EscalationRule]
    public var disabledSubmissionChecks: [SubmissionCheck]
    /// The rules applied, in SPEC order: `by_rule` and the Markdown's rule table list these.
    public var appliedRules: [EscalationRule] { EscalationRule.ordered.filter { !disabledRules.contains($0) } }
    /// The response population with its verdicts (shared with the analysis, not copied).
    public var cases: [ResponseItem]
    /// Every accepted case row, for the per-case columns (shared with the dataset, not copied).
    public var caseRecords: [CaseRecord]
    public var rcaItems: [RCARow]
    public var escalationItems: [EscalationRow]
    public var trend: [TrendRow]
    public var dataQuality: DataQuality
    public var rejections: [Rejection]
    public var unknownCaseRows: [UnknownCaseRow]

    /// First response per contract tier (SPEC 3.1 `by_tier`): every configured tier.
    public var tiers: [TierSection]
    /// First response over all severities: its exclusions and `compliance_raw` (SPEC 3.10).
    public var responseTotals: KindTotals
    /// Restoration, resolution and update (index `kind.index - 1`), measured or not (SPEC 3.7-3.9).
    public var targets: [TargetSection]
    /// The exclusions whose case is in their target's population for the period (SPEC 3.10), by
    /// case_id (file order within a case).
    public var exclusions: [ExclusionRow]
    /// Whether exclusions.csv was given.
    public var exclusionsGiven: Bool
    /// `exclusionMask[c]`: the `ExclusionTarget` bits of case `c` (empty without exclusions.csv;
    /// shared with the dataset, not copied).
    public var exclusionMask: [UInt8]
    /// Each response row's item of restoration, resolution and update (aligned with `cases`),
    /// shared with the analysis. See `targetVerdict(_:row:)`.
    public var targetVerdicts: TargetVerdicts
    /// Every organization with a case created in the period, by org_id (SPEC 3.11).
    public var organizations: [OrganizationRow]
    /// Whether organizations.csv was given.
    public var organizationsGiven: Bool
    /// `[targets] severity_basis`: `creation` or `highest`.
    public var severityBasis: String
    /// The organization a per-customer report covers alone (`--per-org`); nil for the full report.
    public var organization: String?
    /// The configured tiers' names, by index.
    public var tierNames: [String]
    /// Each clock's calendar name (`default` for `[calendar]`) and zone, by index.
    public var clockNames: [(calendar: String, zone: String)]
    /// The length in seconds of a working day (`1d` on the business clock) on every calendar
    /// that can judge a case; nil when their working hours differ.
    public var workingDaySeconds: Int?

    public struct TierSection: Sendable {
        public var tier: String
        /// As `severities`, on the tier's targets (redeterminations are not kept per tier: 0).
        public var severities: [SeverityRow]
    }

    /// One organization's figures (SPEC 3.11).
    public struct OrganizationRow: Sendable {
        public var orgID: String
        /// From organizations.csv; nil when absent there or not given.
        public var name: String?
        public var tier: String?
        /// The time zone of its clock (in force at the period's start).
        public var timezone: String
        /// Its calendar's name, `default` for `[calendar]`.
        public var calendar: String
        /// Whether organizations.csv lists it.
        public var known: Bool
        /// Cases created in the period.
        public var cases: Int
        public var firstResponse: ResponseTally
        /// Restoration, resolution and update (index `kind.index - 1`): zeros for a kind not
        /// measured. Counts only (no times).
        public var targets: [ResponseTally]
        public var escalationsTotal: Int
        public var escalationsInvalid: Int
    }

    /// Builds the report of one organization's analysis (`Analysis.run(subset:)`): no rejected
    /// row (a rejected row belongs to no organization) and no unknown-case row.
    public init(_ result: AnalysisResult, data: Dataset, context: MetricsContext, organization: String) {
        self.init(result, data: data, context: context)
        self.organization = organization
        rejections = []
        unknownCaseRows = []
    }

    /// Builds the report from an analysis and the data it ran on.
    public init(_ result: AnalysisResult, data: Dataset, context: MetricsContext) {
        let config = context.config
        names = Names(
            caseIDs: data.caseIDs, customers: data.customers, orgs: data.orgs, escalationIDs: data.escalationIDs)
        period = result.period
        timezone = config.timezone
        zone = context.zone
        asOf = result.asOf
        // The two slow parts on two cores: the response-time statistics (a sort of every
        // response time) and the escalation rows.
        let (allStats, escalationRows) = Parallel.both(
            { [result.tallies.response.map(\.stats)] + result.tallies.targets.map { $0.map(\.stats) } },
            { Report.escalationRows(result, data) })
        let stats = allStats[0]
        // A row's clock and target are the entry in force on the period's first day (SPEC 5):
        // the default table's, or a tier's (else the default's); `1d` on `[calendar]`.
        let judging = context.judging
        let termsAtStart = judging.terms(on: context.zone.localDateTime(of: result.period.start).date)
        let rowMaker = RowMaker(context: context, terms: termsAtStart)
        severities = Severity.allCases.map { s in
            let i = Int(s.rawValue) - 1
            return rowMaker.row(
                .firstResponse, s, result.tallies.response[i], tier: -1, stats: stats[i],
                up: result.tallies.redeterminations.upgraded[i], down: result.tallies.redeterminations.downgraded[i])
        }
        tierNames = config.tiers.map(\.name)
        severityBasis = config.severityBasis.rawValue
        clockNames = judging.clockNames
        let workingDays = Set(judging.clocks.map(\.workingDaySeconds))
        workingDaySeconds = workingDays.count == 1 ? workingDays.first : nil
        tiers = config.tiers.indices.map { t in
            let tallies =
                t < result.tallies.byTier.count ? result.tallies.byTier[t] : Array(repeating: ResponseTally(), count: 4)
            return TierSection(
                tier: config.tiers[t].name,
                severities: Severity.allCases.map { s in
                    let tally = tallies[Int(s.rawValue) - 1]
                    return rowMaker.row(.firstResponse, s, tally, tier: t, stats: tally.stats, up: 0, down: 0)
                })
        }
        responseTotals = KindTotals(result.tallies.response)
        targets = Report.targetSections(result, rows: rowMaker, stats: Array(allStats.dropFirst()))
        exclusionsGiven = data.exclusionsGiven
        exclusionMask = data.exclusionMask
        targetVerdicts = result.targets
        exclusions = Report.exclusionRows(result, data: data)
        organizationsGiven = data.organizationsGiven
        let escalationsByOrg = result.tallies.escalations.byOrg
        organizations = result.tallies.byOrganization.map { org, tally in
            let orgID = org >= 0 ? data.orgs.string(org) : ""
            let index = org >= 0 && Int(org) < data.organizationOf.count ? data.organizationOf[Int(org)] : -1
            let record = index >= 0 ? data.organizations[Int(index)] : nil
            // Its clock for a case created at the period's start.
            let clock = judging.clockNames[Int(judging.clock(organization: index, terms: termsAtStart))]
            let escalations = escalationsByOrg[org]
            return OrganizationRow(
                orgID: orgID, name: record?.name, tier: record?.tier.map { config.tiers[Int($0)].name },
                timezone: clock.zone, calendar: clock.calendar, known: record != nil, cases: tally.cases,
                firstResponse: tally.firstResponse, targets: tally.targets, escalationsTotal: escalations?.total ?? 0,
                escalationsInvalid: escalations?.invalid ?? 0)
        }.sorted { $0.orgID < $1.orgID }
        responseCompliance = result.tallies.responseCompliance
        rca = result.tallies.rca
        rcaBusinessDays = config.rcaBusinessDays
        highPriorityWait = config.highPriorityWait
        escalations = result.tallies.escalations
        let decisionTimes = escalations.decisionTimes.sorted()
        decisionP50 = decisionTimes.isEmpty ? nil : DurationStats.nearestRank(decisionTimes, 50)
        decisionP90 = decisionTimes.isEmpty ? nil : DurationStats.nearestRank(decisionTimes, 90)
        func rows(_ groups: [String: EscalationTally.Group], order: [String]) -> [GroupRow] {
            let known = order.filter { groups[$0] != nil }
            let others = groups.keys.filter { !order.contains($0) }.sorted()
            return (known + others).compactMap { key in
                groups[key].map {
                    GroupRow(key: key, total: $0.total, invalid: $0.invalid, invalidRate: $0.invalidRate)
                }
            }
        }
        byPriority = rows(escalations.byPriority, order: Priority.allCases.map(\.description) + ["none"])
        byChannel = rows(escalations.byChannel, order: Channel.allCases.map(\.description) + ["unknown"])
        byDeployment = rows(escalations.byDeployment, order: Deployment.allCases.map(\.description))
        byOrg = escalations.byOrg
            .map { (org: $0.key >= 0 ? data.orgs.string($0.key) : "", group: $0.value) }
            .sorted { ($0.group.total, $1.org) > ($1.group.total, $0.org) }
            .prefix(10)
            .map {
                GroupRow(
                    key: $0.org, total: $0.group.total, invalid: $0.group.invalid, invalidRate: $0.group.invalidRate)
            }
        submissions = result.tallies.submissions
        disabledRules = EscalationRule.ordered.filter { !context.applies($0) }
        disabledSubmissionChecks = SubmissionCheck.ordered.filter { !context.applies($0) }

        cases = result.responseItems
        caseRecords = data.cases
        rcaItems = result.rcaItems.map { item in
            let c = data.cases[Int(item.caseIndex)]
            return RCARow(
                caseID: c.id, customer: c.customer, restoredAt: item.restoredAt,
                dueDate: item.dueDate, dueAt: item.dueAt, deliveredAt: item.deliveredAt, verdict: item.verdict.rawValue,
                businessDaysLate: item.businessDaysLate, clock: item.clock,
                excluded: !data.exclusionMask.isEmpty
                    && data.exclusionMask[Int(item.caseIndex)] & ExclusionTarget.rca.bit != 0)
        }
        escalationItems = escalationRows
        trend = result.trend.map { month in
            TrendRow(
                month: month.period.label, responseCompliance: month.tallies.responseCompliance,
                rcaCompliance: month.tallies.rca.compliance,
                escalationInvalidRate: month.tallies.escalations.invalidRate,
                cases: month.tallies.submissions.cases,
                severityCompliance: month.tallies.response.map(\.compliance),
                targetCompliance: Report.measurable.map { month.tallies.compliance($0) })
        }
        if result.period.isMonth, trend.count >= 2, trend[trend.count - 1].month == result.period.label {
            previousMonth = trend[trend.count - 2]
        }
        dataQuality = result.dataQuality
        rejections = data.rejections
        unknownCaseRows = data.unknownCaseRows
    }

    /// One row per escalation item, with the escalation's and its case's details.
    static func escalationRows(_ result: AnalysisResult, _ data: Dataset) -> [EscalationRow] {
        result.escalationItems.map { item in
            let e = data.escalations[Int(item.escalationIndex)]
            let c = data.cases[Int(item.caseIndex)]
            return EscalationRow(
                escalationID: e.id, caseID: c.id, org: c.org, requestedAt: item.requestedAt, priority: item.priority,
                severity: Int(item.severity.rawValue), channel: e.channel, decision: item.decision,
                rules: item.broken)
        }
    }

    /// The ten organizations with the lowest first-response compliance (SPEC 3.11), for the
    /// Markdown: those without a compliance figure left out; ties: more breaches first, then
    /// org_id ascending. (An ordering of `organizations`; no figure is computed here.)
    public var lowestFirstResponse: [OrganizationRow] {
        organizations.compactMap { row in row.firstResponse.compliance.map { (row, $0) } }
            .sorted { a, b in
                if a.1 != b.1 { return a.1 < b.1 }
                if a.0.firstResponse.breached != b.0.firstResponse.breached {
                    return a.0.firstResponse.breached > b.0.firstResponse.breached
                }
                return a.0.orgID < b.0.orgID
            }
            .prefix(10)
            .map(\.0)
    }

    /// The row of the case behind a response item.
    public func record(_ item: ResponseItem) -> CaseRecord { caseRecords[Int(item.caseIndex)] }

    /// The first-response target that judged `item`, in milliseconds of its clock.
    public func targetMillis(_ item: ResponseItem) -> Int64 { item.targetMillis }

    /// The tier, calendar and time zone of the clock that judged `item` (tier "" for none).
    public func clock(_ item: ResponseItem) -> (tier: String, calendar: String, timezone: String) {
        let clock = clockNames[Int(item.clock)]
        return (item.tier >= 0 ? tierNames[Int(item.tier)] : "", clock.calendar, clock.zone)
    }
}
