import CPrefetch
import SLAConfig
import SLAModel
import SLARules
import SLATime

/// Every tally of one period; an accumulator that can be merged (SPEC section 3).
public struct PeriodTallies: Sendable, Equatable {
    /// Index = severity - 1.
    public var response = [ResponseTally](repeating: ResponseTally(), count: 4)
    public var redeterminations = Redeterminations()
    public var rca = RCATally()
    public var escalations = EscalationTally()
    public var submissions = SubmissionTally()
    /// First response per contract tier: `byTier[t][severity - 1]` for tier `t` of the
    /// configuration (only as many tiers as have had a case).
    public var byTier: [[ResponseTally]] = []
    /// Per organization of a case created in the period (by org number in `Dataset.orgs`).
    public var byOrganization: [Int32: OrganizationTally] = [:]
    /// Restoration, resolution and update (index `kind.index - 1`), per severity.
    public var targets = [[ResponseTally]](
        repeating: [ResponseTally](repeating: ResponseTally(), count: 4), count: 3)
    /// The same per tier: `targetsByTier[t][kind.index - 1][severity - 1]`.
    public var targetsByTier: [[[ResponseTally]]] = []

    /// Met over met + breached of a target kind across its severities; nil when both are zero.
    public func compliance(_ kind: SLAConfig.TargetKind) -> Double? {
        kind == .firstResponse ? responseCompliance : Self.compliance(targets[kind.index - 1])
    }

    static func compliance(_ rows: [ResponseTally]) -> Double? {
        let met = rows.reduce(0) { $0 + $1.met }
        let breached = rows.reduce(0) { $0 + $1.breached }
        return met + breached == 0 ? nil : Double(met) / Double(met + breached)
    }

    /// Where an organization's tally is in `byOrganization`, from `addJudged`: valid until the
    /// next organization is added.
    typealias OrganizationSlot = Dictionary<Int32, OrganizationTally>.Index

    /// Counts a restoration, resolution or update item under its severity and, given the slot of
    /// its organization, under its tier and organization.
    mutating func add(_ item: TargetItem, excluded: Bool, organization: OrganizationSlot?, keepingTime: Bool) {
        let k = item.kind.index - 1
        let s = Int(item.severity.rawValue) - 1
        targets[k][s].add(item, excluded: excluded, keepingTime: keepingTime)
        guard let organization else { return }
        if item.tier >= 0 {
            let empty = [[ResponseTally]](repeating: [ResponseTally](repeating: ResponseTally(), count: 4), count: 3)
            while targetsByTier.count <= Int(item.tier) { targetsByTier.append(empty) }
            targetsByTier[Int(item.tier)][k][s].add(item, excluded: excluded)
        }
        byOrganization.values[organization].targets[k].add(item, excluded: excluded, keepingTime: false)
    }

    public init() {}

    /// Counts a case's response item under its tier and organization; where that organization's
    /// tally is, for the case's other targets.
    @discardableResult
    mutating func addJudged(_ item: ResponseItem, org: Int32, excluded: Bool = false) -> OrganizationSlot {
        if item.tier >= 0 {
            while byTier.count <= Int(item.tier) {
                byTier.append([ResponseTally](repeating: ResponseTally(), count: 4))
            }
            byTier[Int(item.tier)][Int(item.severity.rawValue) - 1].add(item, excluded: excluded)
        }
        let slot: OrganizationSlot
        if let known = byOrganization.index(forKey: org) {
            slot = known
        } else {
            byOrganization[org] = OrganizationTally()
            guard let added = byOrganization.index(forKey: org) else { preconditionFailure("an organization added") }
            slot = added
        }
        byOrganization.values[slot].add(item, excluded: excluded)
        return slot
    }

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
        while byTier.count < other.byTier.count { byTier.append([ResponseTally](repeating: ResponseTally(), count: 4)) }
        for t in other.byTier.indices {
            for i in 0..<4 { byTier[t][i].merge(other.byTier[t][i]) }
        }
        for k in 0..<3 {
            for i in 0..<4 { targets[k][i].merge(other.targets[k][i]) }
        }
        let empty = [[ResponseTally]](repeating: [ResponseTally](repeating: ResponseTally(), count: 4), count: 3)
        while targetsByTier.count < other.targetsByTier.count { targetsByTier.append(empty) }
        for t in other.targetsByTier.indices {
            for k in 0..<3 {
                for i in 0..<4 { targetsByTier[t][k][i].merge(other.targetsByTier[t][k][i]) }
            }
        }
        byOrganization.merge(other.byOrganization) { a, b in
            var merged = a
            merged.merge(b)
            return merged
        }
    }
}

/// One organization's figures in the period (SPEC 3.11).
public struct OrganizationTally: Sendable, Equatable {
    /// First response of its cases created in the period (`cases` counts them, negative
    /// durations apart).
    public var firstResponse = ResponseTally()
    /// Its cases created in the period, negative durations included.
    public var cases = 0
    /// Restoration, resolution and update (index `kind.index - 1`), all severities together.
    public var targets = [ResponseTally](repeating: ResponseTally(), count: 3)

    public init() {}

    mutating func add(_ item: ResponseItem, excluded: Bool) {
        cases += 1
        firstResponse.add(item, excluded: excluded, keepingTime: false)
    }

    public mutating func merge(_ other: OrganizationTally) {
        cases += other.cases
        firstResponse.merge(other.firstResponse)
        for k in 0..<3 { targets[k].merge(other.targets[k]) }
    }
}

/// One organization's cases and the escalations of those cases: what its own report covers
/// (SPEC 3.12).
public struct CaseSubset: Sendable {
    /// Case indices, ascending.
    public var cases: [Int32]
    /// Indices in `Dataset.escalations` of the escalations of those cases.
    public var escalations: [Int]

    /// The subsets of every organization with a case created in `period`, by org number, in one
    /// pass over the cases and one over the escalations.
    public static func byOrganization(_ data: Dataset, period: ReportPeriod, asOf: Instant) -> [(
        org: Int32, subset: CaseSubset
    )] {
        var cases: [Int32: [Int32]] = [:]
        var inPeriod = Set<Int32>()
        for (i, c) in data.cases.enumerated() {
            cases[c.org, default: []].append(Int32(i))
            if c.createdAt <= asOf, period.contains(c.createdAt) { inPeriod.insert(c.org) }
        }
        var escalations: [Int32: [Int]] = [:]
        for (i, e) in data.escalations.enumerated() {
            let org = data.cases[Int(e.caseIndex)].org
            if inPeriod.contains(org) { escalations[org, default: []].append(i) }
        }
        return inPeriod.sorted { data.orgs.string($0) < data.orgs.string($1) }.map { org in
            (org, CaseSubset(cases: cases[org] ?? [], escalations: escalations[org] ?? []))
        }
    }

    /// The input files with the subset's accepted rows in each (its cases, their events and
    /// escalations), none rejected.
    func files(_ data: Dataset) -> [FileStats] {
        var rows = [Int](repeating: 0, count: data.files.count)
        // An event's file: the last numbered file starting at or before its sequence.
        let numbered = data.sequencedFiles
        for c in cases {
            let record = data.cases[Int(c)]
            rows[Int(record.source.file)] += 1
            let start = Int(data.eventStart[Int(c)])
            let end = Int(data.eventStart[Int(c) + 1])
            for e in data.events[start..<end] {
                if let file = numbered.last(where: { $0.first <= Int(e.sequence) }) { rows[file.index] += 1 }
            }
        }
        for e in escalations { rows[Int(data.escalations[e].source.file)] += 1 }
        // exclusions.csv: the rows of the subset's cases.
        if !data.exclusions.isEmpty {
            let own = Set(cases)
            for x in data.exclusions where x.caseIndex >= 0 && own.contains(x.caseIndex) {
                rows[Int(x.source.file)] += 1
            }
        }
        return data.files.enumerated().map { i, file in
            // organizations.csv: the organization's own row, when it has one.
            var file = file
            file.rowsRejected = 0
            file.rowsRead = rows[i]
            if file.kind == .organizations {
                file.rowsRead = cases.first.map { data.organization(of: data.cases[Int($0)]) != nil } == true ? 1 : 0
            }
            return file
        }
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
    /// Restoration, resolution and update items of the cases created in the period, beside
    /// `responseItems`.
    public var targets: TargetVerdicts
    public var escalationItems: [EscalationItem]
    /// Up to 12 calendar months ending with the period's, oldest first, from the first month
    /// the inputs cover. Their tallies count only: no response or decision times, orgs or
    /// severity changes.
    public var trend: [(period: ReportPeriod, tallies: PeriodTallies)]
    public var dataQuality: DataQuality
}

/// Computes every metric of SPEC section 3 for a period in one pass over the cases and one
/// over the escalations.
///
/// Both passes run on `Parallel.threads` threads: each part of the cases, and each part of the
/// escalations (cut between two cases, once grouped by whichever thread is free first), is
/// tallied on its own, and the parts are merged in order, so that the items and every figure
/// are the same as from one pass.
public enum Analysis {
    /// Analyses the period over every case, or over `subset` only (one organization's cases and
    /// their escalations, for its own report): then data quality covers the subset's accepted
    /// rows only, and no rejected row (a rejected row belongs to no organization).
    public static func run(
        _ data: Dataset, context: MetricsContext, period: ReportPeriod, trendMonths: Int = 12,
        subset: CaseSubset? = nil
    ) -> AnalysisResult {
        let timelines = Timelines(data, asOf: context.asOf)
        let months = trendMonthsCovered(data, subset: subset, context: context, period: period, count: trendMonths)
        let pass = Pass(
            data: data, timelines: timelines, context: context, period: period, months: months, subset: subset,
            measuredKinds: [.restoration, .resolution, .update].filter { context.judging.measures($0) })

        // The response items of every part go straight into one array: each part's start where
        // the part before ends, counted beforehand.
        let caseParts = Parallel.parts(subset?.cases.count ?? data.cases.count)
        let itemCounts = caseParts.map { part in part.count { pass.hasResponseItem(data.cases[pass.caseIndex($0)]) } }
        let itemTotal = itemCounts.reduce(0, +)
        let parts = Parts(caseParts.count)
        // So do the target entries, beside them.
        var targets = TargetVerdicts(kinds: pass.measuredKinds, count: itemTotal)
        let responseItems = [ResponseItem](unsafeUninitializedCapacity: itemTotal) { buffer, count in
            targets.withEntries { entries in
                var items: [TargetRows] = []
                var offset = 0
                for n in itemCounts {
                    items.append(
                        TargetRows(
                            responses: UnsafeMutableBufferPointer(rebasing: buffer[offset..<offset + n]),
                            entries: entries, first: offset, total: itemTotal))
                    offset += n
                }
                nonisolated(unsafe) let partItems = items
                // The thread done first with its part of the cases groups the escalations.
                var steps = caseParts.indices.map { p in
                    Parallel.Step { parts.cases[p] = pass.withOwnClocks().cases(caseParts[p], items: partItems[p]) }
                }
                let grouped = steps.count
                steps.append(Parallel.Step { parts.groupEscalations(data, subset: subset) })
                steps += caseParts.indices.map { p in
                    Parallel.Step(after: [grouped]) {
                        parts.escalations[p] = pass.withOwnClocks().escalations(parts.escalationParts[p], parts.order)
                    }
                }
                Parallel.run(steps)
            }
            count = buffer.count
        }
        var total = parts.cases.take(0)
        for p in 1..<parts.cases.count { total.merge(parts.cases.take(p)) }
        for p in 0..<parts.escalations.count { total.merge(parts.escalations.take(p)) }
        total.escalationItems = inputOrder(total.escalationItems, escalationCount: data.escalations.count)

        var findings: [String: Int] = [:]
        var files = data.files
        if let subset {
            files = subset.files(data)
            findings["unknown-case"] = 0
            if data.organizationsGiven {
                findings["unknown-organization"] =
                    subset.cases.first.map { data.organization(of: data.cases[Int($0)]) == nil } == true
                    ? subset.cases.count : 0
            }
        } else {
            for r in data.rejections { findings[r.reason.rawValue, default: 0] += 1 }
            findings["unknown-case"] = data.unknownCaseCount
            if data.organizationsGiven { findings["unknown-organization"] = data.unknownOrganizationCount }
        }
        if data.countsUnknownValues {
            let cases = subset.map { $0.cases.map(Int.init) } ?? Array(data.unknownValueCounts.indices)
            findings["unknown-value"] = cases.reduce(0) { $0 + Int(data.unknownValueCounts[$1]) }
        }
        findings["negative-duration"] = total.negativeDurations
        for reason in RejectReason.allCases where findings[reason.rawValue] == nil { findings[reason.rawValue] = 0 }

        return AnalysisResult(
            period: period, asOf: context.asOf, tallies: total.tallies, responseItems: responseItems,
            rcaItems: total.rcaItems, targets: targets, escalationItems: total.escalationItems,
            trend: Array(zip(months, total.monthTallies)).map { ($0.0, $0.1) },
            dataQuality: DataQuality(files: files, findings: findings))
    }

    /// What the steps of `run` produce; each step writes its own properties.
    final class Parts: @unchecked Sendable {
        let cases: PartResults<PartResult>
        let escalations: PartResults<PartResult>
        /// The escalations grouped by case in request order (same instant: file order), and
        /// that order cut into parts between two cases.
        var order: [Int] = []
        var escalationParts: [Range<Int>] = []

        init(_ count: Int) {
            cases = PartResults(count)
            escalations = PartResults(count)
        }

        func groupEscalations(_ data: Dataset, subset: CaseSubset?) {
            let order: [Int]
            if let subset {
                // A subset's few escalations: ordered by case, then request, then input order.
                order = subset.escalations.sorted { a, b in
                    let x = data.escalations[a]
                    let y = data.escalations[b]
                    return (x.caseIndex, x.requestedAt, x.sequence) < (y.caseIndex, y.requestedAt, y.sequence)
                }
            } else {
                order = Analysis.groupedByCase(data.escalations, caseCount: data.cases.count)
            }
            // Cut between two cases: `already-open` looks at the earlier escalations of the case.
            escalationParts = Parallel.parts(order.count, cases.count) {
                $0 == 0 || data.escalations[order[$0 - 1]].caseIndex != data.escalations[order[$0]].caseIndex
            }
            self.order = order
        }
    }

    /// The indices of `escalations` (in input order) ordered by case, then request time, then
    /// input order: counted into their cases' places, then each case's few put in time order.
    static func groupedByCase(_ escalations: [EscalationRecord], caseCount: Int) -> [Int] {
        var start = [Int32](repeating: 0, count: caseCount + 1)
        for e in escalations { start[Int(e.caseIndex) + 1] += 1 }
        for c in 0..<caseCount { start[c + 1] += start[c] }
        var order = [Int](repeating: 0, count: escalations.count)
        var next = start
        for (i, e) in escalations.enumerated() {
            order[Int(next[Int(e.caseIndex)])] = i
            next[Int(e.caseIndex)] += 1
        }
        for c in 0..<caseCount where start[c + 1] - start[c] > 1 {
            order[Int(start[c])..<Int(start[c + 1])].sort { a, b in
                (escalations[a].requestedAt, escalations[a].sequence)
                    < (escalations[b].requestedAt, escalations[b].sequence)
            }
        }
        return order
    }

    /// What one part of a pass found: merged in order, parts give what one pass would.
    struct PartResult: Sendable {
        var tallies = PeriodTallies()
        var monthTallies: [PeriodTallies]
        var rcaItems: [RCAItem] = []
        var escalationItems: [EscalationItem] = []
        var negativeDurations = 0

        init(months: Int) { monthTallies = [PeriodTallies](repeating: PeriodTallies(), count: months) }

        mutating func merge(_ other: PartResult) {
            tallies.merge(other.tallies)
            for m in monthTallies.indices { monthTallies[m].merge(other.monthTallies[m]) }
            Analysis.append(other.rcaItems, to: &rcaItems)
            Analysis.append(other.escalationItems, to: &escalationItems)
            negativeDurations += other.negativeDurations
        }
    }

    /// Where one part of the cases writes its response items and their target entries: its
    /// rows `first ..< first + responses.count` of `total`.
    struct TargetRows {
        let responses: UnsafeMutableBufferPointer<ResponseItem>
        let entries: UnsafeMutableBufferPointer<TargetVerdicts.Entry>
        let first: Int
        let total: Int

        /// Writes the entry of measured kind number `m` of the part's row `row`.
        @inline(__always)
        func write(_ item: TargetItem, kind m: Int, row: Int) {
            entries[m * total + first + row] = TargetVerdicts.Entry(item)
        }
    }

    /// The two passes over a slice of the input.
    struct Pass: Sendable {
        let data: Dataset
        let timelines: Timelines
        let context: MetricsContext
        let period: ReportPeriod
        let months: [ReportPeriod]
        let subset: CaseSubset?

        /// The kinds beyond first response that some table measures.
        let measuredKinds: [SLAConfig.TargetKind]

        /// This pass with a context whose clocks are its own (`MetricsContext.withOwnClocks`).
        func withOwnClocks() -> Pass {
            Pass(
                data: data, timelines: timelines, context: context.withOwnClocks(), period: period, months: months,
                subset: subset, measuredKinds: measuredKinds)
        }

        /// The exclusion bits of case `index` (0 without exclusions.csv).
        @inline(__always)
        func exclusionMask(_ index: Int) -> UInt8 { data.exclusionMask.isEmpty ? 0 : data.exclusionMask[index] }

        /// The exclusion bit of a target kind.
        static func bit(_ kind: SLAConfig.TargetKind) -> UInt8 {
            switch kind {
            case .firstResponse: ExclusionTarget.firstResponse.bit
            case .restoration: ExclusionTarget.restoration.bit
            case .resolution: ExclusionTarget.resolution.bit
            case .update: ExclusionTarget.update.bit
            }
        }

        /// The case at `position` of the pass: the subset's, or every case in order.
        @inline(__always)
        func caseIndex(_ position: Int) -> Int { subset.map { Int($0.cases[position]) } ?? position }

        func monthIndex(_ t: Instant) -> Int? { months.firstIndex { $0.contains(t) } }

        /// Whether a case has a response item: created in the period, by as-of.
        func hasResponseItem(_ record: CaseRecord) -> Bool {
            record.createdAt <= context.asOf && period.contains(record.createdAt)
        }

        /// First response, the other targets, submissions, redeterminations and RCA of the cases
        /// in `range`; the response items and their target entries are written to `rows`, which
        /// has room for exactly them.
        func cases(_ range: Range<Int>, items rows: TargetRows) -> PartResult {
            var part = PartResult(months: months.count)
            let items = rows.responses
            // The status changes of the case at hand: one array for the whole part.
            var changes: [(at: Instant, status: CaseStatus)] = []
            changes.reserveCapacity(32)
            var written = 0
            defer { precondition(written == items.count, "response items counted and written differ") }
            for position in range {
                let index = caseIndex(position)
                let timeline = timelines.timeline(index, in: data)
                let record = data.cases[index]
                // SPEC 3.6 counts `negative-duration` over the whole input, whatever as-of: the
                // timeline's own first-response rule over every event of the case.
                if let response = timelines.wholeTimeline(index, in: data).firstResponse, response < record.createdAt {
                    part.negativeDurations += 1
                }
                if record.createdAt <= context.asOf {
                    let inPeriod = period.contains(record.createdAt)
                    let month = monthIndex(record.createdAt)
                    if inPeriod || month != nil {
                        let item = context.responseItem(timeline)
                        let severityIndex = Int(item.severity.rawValue) - 1
                        let excluded = exclusionMask(index)
                        let fromResponse = excluded & ExclusionTarget.firstResponse.bit != 0
                        let row = written
                        var organization: PeriodTallies.OrganizationSlot?
                        if inPeriod {
                            part.tallies.response[severityIndex].add(item, excluded: fromResponse)
                            organization = part.tallies.addJudged(item, org: record.org, excluded: fromResponse)
                            part.tallies.redeterminations.add(timeline)
                            part.tallies.submissions.add(record, in: context)
                            items.initializeElement(at: written, to: item)
                            written += 1
                        }
                        if let m = month {
                            part.monthTallies[m].response[severityIndex].add(
                                item, excluded: fromResponse, keepingTime: false)
                            part.monthTallies[m].submissions.add(record, in: context)
                        }
                        // Restoration, resolution and update, where configured, from the case's
                        // facts worked out once for every kind.
                        if !measuredKinds.isEmpty {
                            timeline.statusChanges(into: &changes)
                            let facts = context.facts(timeline, changes: changes)
                            for (m, kind) in measuredKinds.enumerated() {
                                guard let target = context.targetItem(kind, timeline, facts: facts) else { continue }
                                let out = excluded & Self.bit(kind) != 0
                                if inPeriod, let organization {
                                    part.tallies.add(
                                        target, excluded: out, organization: organization, keepingTime: true)
                                    rows.write(target, kind: m, row: row)
                                }
                                if let m = month {
                                    part.monthTallies[m].add(
                                        target, excluded: out, organization: nil, keepingTime: false)
                                }
                            }
                        }
                    }
                }
                if let item = context.rcaItem(timeline) {
                    let out = exclusionMask(index) & ExclusionTarget.rca.bit != 0
                    if period.contains(item.restoredAt) {
                        part.tallies.rca.add(item, excluded: out)
                        part.rcaItems.append(item)
                    }
                    if let m = monthIndex(item.restoredAt) { part.monthTallies[m].rca.add(item, excluded: out) }
                }
            }
            return part
        }

        /// Escalation validity of the escalations at `order[range]` (indices of the escalations
        /// grouped by case in request order), starting at a case's first.
        func escalations(_ range: Range<Int>, _ order: [Int]) -> PartResult {
            var part = PartResult(months: months.count)
            part.escalationItems.reserveCapacity(range.lowerBound == 0 ? order.count : range.count)
            // The case's escalations before this one, for `already-open`: a few at most, copied
            // here rather than keeping a sorted copy of every escalation.
            var earlier: [EscalationRecord] = []
            // In case order the escalations, their cases and their events are read all over
            // their arrays, a cache miss each: what the escalations 16, 8 and 4 ahead need
            // is asked for early (the record, then its case's, then the case's events).
            data.escalations.withUnsafeBufferPointer { records in
                data.cases.withUnsafeBufferPointer { cases in
                    for position in range {
                        if position + 16 < range.upperBound, let r = records.baseAddress {
                            // A record is 72 bytes: it may span two cache lines.
                            let record = UnsafeRawPointer(r + order[position + 16])
                            slacheck_prefetch(record)
                            slacheck_prefetch(record + MemoryLayout<EscalationRecord>.size - 1)
                        }
                        if position + 8 < range.upperBound {
                            timelines.prefetch(Int(records[order[position + 8]].caseIndex), cases: cases, stage: 0)
                        }
                        if position + 4 < range.upperBound {
                            timelines.prefetch(Int(records[order[position + 4]].caseIndex), cases: cases, stage: 1)
                        }
                        let e = data.escalations[order[position]]
                        if let last = earlier.last, last.caseIndex != e.caseIndex {
                            earlier.removeAll(keepingCapacity: true)
                        }
                        defer { earlier.append(e) }
                        guard e.requestedAt <= context.asOf else { continue }
                        let inPeriod = period.contains(e.requestedAt)
                        let month = monthIndex(e.requestedAt)
                        guard inPeriod || month != nil else { continue }
                        let timeline = timelines.timeline(Int(e.caseIndex), in: data)
                        let item = context.escalationItem(
                            e, index: Int32(order[position]), case: timeline, earlier: earlier[...])
                        let c = data.cases[Int(e.caseIndex)]
                        if inPeriod {
                            part.tallies.escalations.add(item, org: c.org, deployment: c.deployment, channel: e.channel)
                            part.escalationItems.append(item)
                        }
                        if let m = month {
                            part.monthTallies[m].escalations.add(
                                item, org: c.org, deployment: c.deployment, channel: e.channel, detail: false)
                        }
                    }
                }
            }
            return part
        }
    }

    /// `items` in input order. Each escalation has one item at most, so every item goes
    /// straight to its place (a sort by index, without comparisons).
    static func inputOrder(_ items: [EscalationItem], escalationCount: Int) -> [EscalationItem] {
        var itemOf = [Int32](repeating: -1, count: escalationCount)
        for (i, item) in items.enumerated() { itemOf[Int(item.escalationIndex)] = Int32(i) }
        var ordered = [EscalationItem]()
        ordered.reserveCapacity(items.count)
        for i in itemOf where i >= 0 { ordered.append(items[Int(i)]) }
        return ordered
    }

    /// Appends `items` to `list`, or takes them over when `list` is empty (no copy).
    static func append<T>(_ items: [T], to list: inout [T]) {
        if list.isEmpty { list = items } else { list += items }
    }

    /// The trailing months to show in the trend: up to `count` ending with the period's month,
    /// starting no earlier than the month of the earliest case.
    static func trendMonthsCovered(
        _ data: Dataset, subset: CaseSubset?, context: MetricsContext, period: ReportPeriod, count: Int
    ) -> [ReportPeriod] {
        let earliest =
            subset.map { $0.cases.lazy.map { data.cases[Int($0)].createdAt }.min() }
            ?? data.cases.lazy.map(\.createdAt).min()
        guard count > 0, let earliest else { return [] }
        return period.trailingMonths(count, zone: context.zone).filter { $0.end > earliest }
    }
}
