import CSVStream
import Foundation
import SLAModel
import SLARules
import SLATime

/// Writes `cases.csv`, `case_events.csv` and `escalations.csv` into `directory` (created if
/// missing): `options.cases` realistic cases over the options' months, with their events and
/// escalations, cut at the export instant (local midnight of `options.to`). With
/// `options.zones > 0`, also `organizations.csv` and `slacheck.toml` (see `CustomerBase`); with
/// `options.exclusions > 0`, also `exclusions.csv` (see `ExclusionTarget`).
///
/// The same options give byte-identical files on every machine.
public func generateExports(_ options: GeneratorOptions, to directory: URL) throws -> GenerationSummary {
    try options.validate()
    do {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
        throw GeneratorError.cannotWrite(directory.path, "cannot create the folder: \(error)")
    }
    let generator = try ExportGenerator(options: options, directory: directory)
    return try generator.run()
}

/// The column names of SPEC section 1, in the order the generator writes them.
public enum ExportColumns {
    public static let cases = [
        "case_id", "org_id", "customer", "created_at", "severity", "priority", "channel", "deployment",
        "description", "first_response_at", "assigned_at", "resolved_at", "closed_at", "platform_incident",
        "service_restored_at", "rca_delivered_at",
    ]
    public static let events = ["case_id", "at", "type", "value", "actor"]
    public static let escalations = [
        "escalation_id", "case_id", "requested_at", "reason", "channel", "decision", "decided_at", "closed_at",
        "owner",
    ]
}

/// One generation run: simulates the cases day by day and writes the three files (and, with
/// `zones > 0`, the organizations and their configuration once the cases are written).
///
/// Case rows are written as each case is simulated. Events and escalations go into hourly
/// buckets and are written once no later case can reach their hour, so those files come out
/// in roughly time order: hours in order, but within an hour in case order, with ties.
final class ExportGenerator {
    let options: GeneratorOptions
    let directory: URL
    let zone: TimeZoneRules
    /// `customerHours` in `zone`.
    let calendar: BusinessCalendar
    private let firstDay: Int
    private let endDay: Int
    let horizon: Int64
    private let bucketBase: Int64
    private var simulator: CaseSimulator
    var spelling: Spelling
    private let vocabulary: EncodedVocabulary
    let orgs: OrganizationPool
    /// Case rows per organization (natural rows only), counted when organizations.csv is written.
    var casesPerOrganization: [Int]
    private var plan: QuirkPlan
    var quirksApplied: [String: Int] = [:]
    /// With `exclusions > 0`: the cases whose rows are accepted, in case order.
    var candidates: [ExclusionCandidate] = []
    /// With `lifecycle`: the zone's offset changes in the generated dates (UTC seconds), and how
    /// many platform incidents have been restored across each.
    private var offsetChanges: [Int64] = []
    private var incidentsPerChange: [Int] = []

    private let casesOut: OutputFile
    let eventsOut: OutputFile
    let escalationsOut: OutputFile

    private var eventBuckets: [[Queued]]
    private var escalationBuckets: [[SimulatedEscalation]]
    /// Buckets before this one have been written.
    private var nextBucket = 0

    private var naturalEvents = 0
    private var naturalEscalations = 0
    var escalationSerial = 0
    var lastEventCase: Int32 = 0
    var lastEscalation: SimulatedEscalation?
    private var scratch: [UInt8] = []
    /// Where an id or a timestamp is spelled before it is written.
    private var cellBytes: [UInt8] = []

    /// The customers' working hours: Monday to Friday, 08:00-17:00 local, no holidays (the
    /// default calendar of the configuration).
    static let customerHours = CalendarSettings(
        workdays: [1, 2, 3, 4, 5], workStart: 8 * 3600, workEnd: 17 * 3600, holidays: [])

    static let caseNumberBase = 100_000
    static let escalationNumberBase = 10_000

    init(options: GeneratorOptions, directory: URL) throws {
        guard let rules = TimeZoneRules(identifier: options.timeZone) else {
            throw GeneratorError.invalidOption("unknown time zone \"\(options.timeZone)\"")
        }
        self.options = options
        self.directory = directory
        firstDay = options.firstDate.daysSinceEpoch
        endDay = options.to.daysSinceEpoch
        // The zone as the generator has always seen it: its offset changes from three days
        // before the first date to three days after the last (counted as if the dates were
        // UTC); the same flags keep giving the same files, even when business time runs past
        // a later switch.
        let window = Int64(firstDay - 3) * 86400...Int64(endDay + 3) * 86400
        let zone = rules.limited(to: Instant(seconds: window.lowerBound)...Instant(seconds: window.upperBound))
        self.zone = zone
        // Business time is counted up to a few weeks past the export (late RCAs): their windows
        // are worked out once.
        calendar = BusinessCalendar(zone: zone, settings: ExportGenerator.customerHours)
            .withWindows(from: options.firstDate.adding(days: -1), through: options.to.adding(days: 60))
        horizon = zone.startOfDay(options.to).seconds
        bucketBase = floorDiv(zone.startOfDay(options.firstDate).seconds, 3600) * 3600
        let bucketCount = Int((horizon - bucketBase) / 3600) + 2
        eventBuckets = Array(repeating: [], count: bucketCount)
        escalationBuckets = Array(repeating: [], count: bucketCount)

        var setup = Xoshiro256(seed: options.seed, stream: 1)
        vocabulary = EncodedVocabulary(rng: &setup)
        orgs = OrganizationPool(count: options.organizationCount, rng: &setup)
        casesPerOrganization = options.zones > 0 ? [Int](repeating: 0, count: orgs.ids.count) : []
        plan = options.messy ? QuirkPlan(caseCount: options.cases, rng: &setup) : .empty
        simulator = CaseSimulator(
            calendar: calendar, horizon: horizon, orgs: orgs, engineerCount: vocabulary.engineers.count,
            ownerCount: vocabulary.owners.count)
        spelling = Spelling(messy: options.messy, zone: zone, rng: Xoshiro256(seed: options.seed, stream: 2))

        casesOut = try OutputFile(url: directory.appendingPathComponent("cases.csv"), byteOrderMark: options.messy)
        eventsOut = try OutputFile(
            url: directory.appendingPathComponent("case_events.csv"), lineEnd: options.messy ? .crlf : .lf)
        escalationsOut = try OutputFile(url: directory.appendingPathComponent("escalations.csv"))
        scratch.reserveCapacity(512)
        cellBytes.reserveCapacity(64)
        if options.lifecycle {
            offsetChanges = zone.offsetChanges(from: zone.startOfDay(options.firstDate).seconds, to: horizon)
            incidentsPerChange = [Int](repeating: 0, count: offsetChanges.count)
        }
    }

    func run() throws -> GenerationSummary {
        casesOut.csv.header(ExportColumns.cases)
        eventsOut.csv.header(ExportColumns.events)
        escalationsOut.csv.header(ExportColumns.escalations)
        if options.messy {
            quirksApplied["cases.csv: byte-order-mark"] = 1
            quirksApplied["case_events.csv: crlf-line-ends"] = 1
        }

        let counts = dailyCounts()
        let qualities = monthlyQuality()
        var index = 0
        var times: [Int64] = []
        for (offset, count) in counts.enumerated() {
            let civil = CivilDate(daysSinceEpoch: firstDay + offset)
            try flushBuckets(before: zone.startOfDay(civil).seconds)
            guard count > 0 else { continue }
            var dayRng = Xoshiro256(seed: options.seed, stream: 0x5EED_0000 &+ UInt64(offset))
            times.removeAll(keepingCapacity: true)
            let weekend = !calendar.isWorkingDay(civil)
            for _ in 0..<count { times.append(ExportGenerator.secondOfDay(weekend: weekend, rng: &dayRng)) }
            times.sort()
            let quality = qualities[(civil.year * 12 + civil.month)] ?? 1
            for second in times {
                var rng = Xoshiro256(seed: options.seed, stream: 0xCA5E_0000_0000 &+ UInt64(index))
                let created = zone.instant(forLocal: civil, secondOfDay: Int(second)).seconds
                let life = options.lifecycle ? lifecycleDraw(index: index, created: created) : nil
                let k = simulator.simulate(index: index, created: created, quality: quality, rng: &rng, lifecycle: life)
                try writeCase(k, quirk: plan.cases[index])
                if options.exclusions > 0 && plan.cases[index] == nil { candidates.append(candidate(k)) }
                if !casesPerOrganization.isEmpty { casesPerOrganization[k.org] += 1 }
                for e in simulator.events {
                    // A few events reach the export late: written up to three hours after their time.
                    let late = rng.chance(0.02) ? 1 + rng.below(3) : 0
                    eventBuckets[bucket(e.at, late: late)].append(Queued(e, late: late))
                }
                for e in simulator.escalations { escalationBuckets[bucket(e.requested)].append(e) }
                index += 1
            }
        }
        try flushBuckets(before: Int64.max)
        for planned in plan.takeRemainingEvents() { try writeEventQuirk(planned, near: nil) }
        for planned in plan.takeRemainingEscalations() { try writeEscalationQuirk(planned, near: nil) }

        try casesOut.close()
        try eventsOut.close()
        try escalationsOut.close()
        var hits: [String: Int] = [:]
        for rule in EscalationRule.allCases { hits[rule.rawValue] = simulator.ruleHits[rule, default: 0] }
        func file(_ out: OutputFile) -> GenerationSummary.File {
            GenerationSummary.File(name: out.url.lastPathComponent, url: out.url, rows: out.rows, bytes: out.bytes)
        }
        var summary = GenerationSummary(
            cases: file(casesOut), events: file(eventsOut), escalations: file(escalationsOut), organizations: nil,
            configuration: nil, configurationBytes: 0, exclusions: nil, exclusionsByTarget: [:], lifecycle: [:],
            organizationsLeftOut: [], quirks: [:], intendedRuleHits: hits, intendedInvalid: simulator.invalidEscalations
        )
        if options.zones > 0 { try writeCustomerBase(into: &summary) }
        if options.exclusions > 0 { try writeExclusions(into: &summary) }
        if options.lifecycle {
            for scenario in LifecycleScenario.allCases {
                summary.lifecycle[scenario.label] = simulator.lifecycleCounts[scenario, default: 0]
            }
            summary.lifecycle[LifecycleScenario.dstIncidentLabel] = incidentsPerChange.reduce(0, +)
        }
        summary.quirks = quirksApplied
        return summary
    }

    // MARK: Lifecycle and exclusions

    /// Case `index`'s lifecycle draws: its scenario, and whether it becomes a platform incident
    /// restored across an offset change (see `LifecycleScenario`).
    private func lifecycleDraw(index: Int, created c: Int64) -> LifecycleDraw {
        var rng = Xoshiro256(seed: options.seed, stream: LifecycleScenario.stream(caseIndex: index))
        let scenario = LifecycleScenario.draw(&rng)
        var restored: Int64?
        if plan.cases[index] == nil,
            let i = offsetChanges.firstIndex(where: { c < $0 && c >= $0 - LifecycleScenario.dstWindow }),
            incidentsPerChange[i] < LifecycleScenario.dstIncidentsPerChange
        {
            let s = offsetChanges[i] + rng.int(in: 1800...(6 * 3600))
            if s < horizon {
                restored = s
                incidentsPerChange[i] += 1
            }
        }
        return LifecycleDraw(scenario: scenario, restoredAfterChange: restored, rng: rng)
    }

    /// What exclusions.csv needs to know of an accepted case.
    private func candidate(_ k: SimulatedCase) -> ExclusionCandidate {
        ExclusionCandidate(
            index: Int32(truncatingIfNeeded: k.index), created: k.created, severity: UInt8(k.severity),
            incident: k.incident, responded: k.response.map { $0 < horizon } ?? false,
            restored: k.restore.map { $0 < horizon } ?? false)
    }

    // MARK: Volume

    /// Cases per local day: weekdays busy, weekends quiet, some day-to-day noise; the counts
    /// add up to `options.cases` exactly.
    private func dailyCounts() -> [Int] {
        var rng = Xoshiro256(seed: options.seed, stream: 3)
        var weights: [Double] = []
        var total = 0.0
        for day in firstDay..<endDay {
            let w = (calendar.isWorkingDay(CivilDate(daysSinceEpoch: day)) ? 1.0 : 0.28) * (0.85 + 0.3 * rng.unit())
            weights.append(w)
            total += w
        }
        var counts: [Int] = []
        var running = 0.0
        var assigned = 0
        for w in weights {
            running += w
            let upTo = min(options.cases, Int((running / total * Double(options.cases)).rounded()))
            counts.append(upTo - assigned)
            assigned = upTo
        }
        if let last = counts.indices.last { counts[last] += options.cases - assigned }
        return counts
    }

    /// A quality factor per calendar month (year * 12 + month), so the trend moves.
    private func monthlyQuality() -> [Int: Double] {
        var rng = Xoshiro256(seed: options.seed, stream: 4)
        var result: [Int: Double] = [:]
        var day = firstDay
        while day < endDay {
            let civil = CivilDate(daysSinceEpoch: day)
            let key = civil.year * 12 + civil.month
            if result[key] == nil { result[key] = 0.7 + 0.6 * rng.unit() }
            day += 1
        }
        return result
    }

    static let businessCreation = Piecewise([
        (0, 8 * 3600), (0.3, 10.5 * 3600), (0.6, 13 * 3600), (0.85, 15.5 * 3600), (1, 18 * 3600),
    ])

    /// A creation time of day in local seconds: mostly business hours on weekdays.
    static func secondOfDay(weekend: Bool, rng: inout Xoshiro256) -> Int64 {
        if weekend { return Int64(rng.below(86400)) }
        if rng.chance(0.82) { return businessCreation.seconds(&rng) }
        let s = Int64(rng.below(14 * 3600))  // 00:00-08:00 and 18:00-24:00
        return s < 8 * 3600 ? s : s + 10 * 3600
    }

    // MARK: Buckets

    /// An event waiting in its hour's bucket. `late` events are written after the bucket's
    /// on-time ones, in the order they arrived.
    struct Queued {
        var event: SimulatedEvent
        var late: Bool

        init(_ event: SimulatedEvent, late: Int) {
            self.event = event
            self.late = late > 0
        }
    }

    private func bucket(_ t: Int64, late: Int = 0) -> Int {
        let b = Int(max(0, floorDiv(t - bucketBase, 3600))) + late
        return min(max(b, nextBucket), eventBuckets.count - 1)
    }

    /// Writes the events and escalations of every hour that ends by `t`. Within an hour,
    /// events go in time order (ties keep their simulation order), late arrivals last.
    private func flushBuckets(before t: Int64) throws {
        let limit =
            t == Int64.max ? eventBuckets.count : min(eventBuckets.count, Int(max(0, floorDiv(t - bucketBase, 3600))))
        while nextBucket < limit {
            let queued = eventBuckets[nextBucket]
            let order = queued.indices.sorted { a, b in
                let x = queued[a]
                let y = queued[b]
                if x.late != y.late { return !x.late }
                if x.late { return a < b }
                return x.event.at != y.event.at ? x.event.at < y.event.at : a < b
            }
            for i in order { try writeEvent(queued[i].event) }
            for e in escalationBuckets[nextBucket] { try writeEscalation(e) }
            eventBuckets[nextBucket] = []
            escalationBuckets[nextBucket] = []
            nextBucket += 1
        }
    }

    // MARK: Ids

    private func appendCaseID(_ index: Int32, into out: inout [UInt8]) {
        out.append(67)  // C
        out.append(45)
        // Unknown cases (negative indexes) get numbers just below the first real case.
        appendDigits(ExportGenerator.caseNumberBase + Int(index), width: 7, into: &out)
    }

    private func appendEscalationID(_ serial: Int, into out: inout [UInt8]) {
        out.append(69)  // E
        out.append(45)
        appendDigits(ExportGenerator.escalationNumberBase + serial, width: 7, into: &out)
    }

    /// A cell spelled by `body` into bytes first (ids, timestamps).
    func cell(_ out: OutputFile, _ body: (inout [UInt8]) -> Void) {
        cellBytes.removeAll(keepingCapacity: true)
        body(&cellBytes)
        out.csv.raw(cellBytes)
    }

    func caseID(_ out: OutputFile, _ index: Int32) { cell(out) { appendCaseID(index, into: &$0) } }

    /// Instant `t` as `spelling` has it; nothing when nil.
    func timestamp(_ out: OutputFile, _ t: Int64?) {
        guard let t else { return }
        cell(out) { spelling.timestamp(t, into: &$0) }
    }

    // MARK: cases.csv

    private func writeCase(_ original: SimulatedCase, quirk: PlannedQuirk?) throws {
        var k = original
        let out = casesOut
        let variant = quirk?.variant ?? 0
        if let quirk { quirksApplied[quirk.quirk.label, default: 0] += 1 }
        if quirk?.quirk == .negativeDuration {
            k.firstResponse = k.created - Int64(300 + 900 * variant)
        }
        caseID(out, Int32(truncatingIfNeeded: k.index))
        out.csv.comma()
        if !(quirk?.quirk == .caseMissingRequired && variant == 0) { out.csv.raw(orgs.ids[k.org]) }
        out.csv.comma()
        if k.hasCustomer { out.csv.text(orgs.names[k.org]) }
        out.csv.comma()
        switch quirk?.quirk {
        case .caseMissingRequired where variant == 1: break
        case .caseBadTimestamp:
            let date = zone.localDateTime(of: Instant(seconds: k.created)).date
            let text =
                variant == 0
                ? "\(date.year)-\(date.month < 10 ? "0" : "")\(date.month)-32 09:15:00"
                : "\(date.day)/\(date.month)/\(date.year) 09:15"
            out.csv.raw(Array(text.utf8))
        default: timestamp(out, k.created)
        }
        out.csv.comma()
        if quirk?.quirk == .caseBadValue {
            out.csv.raw(Array((variant == 0 ? "5" : "P1").utf8))
        } else {
            out.csv.raw(spelling.severity(k.severity))
        }
        out.csv.comma()
        out.csv.raw(spelling.priority(k.priority))
        out.csv.comma()
        out.csv.raw(spelling.channel(k.channel))
        out.csv.comma()
        out.csv.raw(spelling.deployment(k.fedramp))
        out.csv.comma()
        if quirk?.quirk == .caseWrongFieldCount && variant == 0 {
            out.csv.raw(Array("Agents cannot log in, all sites".utf8))  // unquoted comma: one field too many
        } else if k.hasDescription {
            description(k.descriptionSeed)
            out.csv.text(scratch)
        }
        for t in [k.firstResponse, k.assigned, k.resolved, k.closed] {
            out.csv.comma()
            timestamp(out, t)
        }
        if quirk?.quirk == .caseWrongFieldCount && variant == 1 {
            try out.endRow()  // three fields short
            return
        }
        out.csv.comma()
        out.csv.raw(spelling.boolean(k.incident))
        out.csv.comma()
        timestamp(out, k.restored)
        out.csv.comma()
        timestamp(out, k.rcaDelivered)
        try out.endRow()
        if quirk?.quirk == .duplicateCaseID { try writeCase(original, quirk: nil) }
    }

    /// The customer's description into `scratch`: a subject line, sometimes with commas,
    /// quotes or a multi-line body.
    private func description(_ seed: UInt64) {
        var rng = Xoshiro256(seed: seed)
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: rng.element(vocabulary.areas))
        scratch.append(58)
        scratch.append(32)
        scratch.append(contentsOf: rng.element(vocabulary.symptoms))
        if rng.chance(0.2) { scratch.append(contentsOf: rng.element(vocabulary.details)) }
        if rng.chance(0.04) {
            scratch.append(contentsOf: Array(" - error \"".utf8))
            scratch.append(contentsOf: rng.element(vocabulary.errorMessages))
            scratch.append(34)
        }
        if rng.chance(0.02) {
            scratch.append(10)
            scratch.append(contentsOf: rng.element(vocabulary.longBodies))
        }
    }

    // MARK: case_events.csv

    private func writeEvent(_ e: SimulatedEvent) throws {
        for planned in plan.takeEvents(at: naturalEvents) { try writeEventQuirk(planned, near: e) }
        naturalEvents += 1
        lastEventCase = e.caseIndex
        let out = eventsOut
        caseID(out, e.caseIndex)
        out.csv.comma()
        timestamp(out, e.at)
        out.csv.comma()
        out.csv.raw(spelling.word(ExportGenerator.eventTypeWords[Int(e.type.rawValue)]))
        out.csv.comma()
        switch e.type {
        case .status: out.csv.raw(spelling.word(ExportGenerator.statusWords[Int(e.value)]))
        case .severity: out.csv.raw(spelling.severity(Int(e.value)))
        case .priority: out.csv.raw(spelling.priority(Int(e.value)))
        case .assigned: out.csv.text(vocabulary.engineers[Int(e.value)])
        default: break
        }
        out.csv.comma()
        if let actor = e.actor { out.csv.raw(spelling.word(ExportGenerator.actorWords[Int(actor.rawValue)])) }
        try out.endRow()
    }

    /// The words of the domain's values, by raw value; status values end with `reopened`
    /// (`CaseStatus.reopenedValue`).
    static let eventTypeWords = EventType.allCases.map { Array($0.description.utf8) }
    static let statusWords = CaseStatus.allCases.map { Array($0.description.utf8) } + [Array("reopened".utf8)]
    static let actorWords = Actor.allCases.map { Array($0.description.utf8) }
    static let reasonWords = EscalationReason.allCases.map { Array($0.description.utf8) }
    static let decisionWords = Decision.allCases.map { Array($0.description.utf8) }

    // MARK: escalations.csv

    private func writeEscalation(_ e: SimulatedEscalation) throws {
        for planned in plan.takeEscalations(at: naturalEscalations) { try writeEscalationQuirk(planned, near: e) }
        naturalEscalations += 1
        escalationSerial += 1
        try writeEscalationRow(e, serial: escalationSerial)
        lastEscalation = e
    }

    func writeEscalationRow(
        _ e: SimulatedEscalation, serial: Int, caseIndex: Int32? = nil, requested: String? = nil,
        reason: String? = nil, dropOwner: Bool = false
    ) throws {
        let out = escalationsOut
        cell(out) { appendEscalationID(serial, into: &$0) }
        out.csv.comma()
        caseID(out, caseIndex ?? e.caseIndex)
        out.csv.comma()
        if let requested { out.csv.raw(Array(requested.utf8)) } else { timestamp(out, e.requested) }
        out.csv.comma()
        if let reason {
            out.csv.raw(Array(reason.utf8))
        } else {
            out.csv.raw(spelling.word(ExportGenerator.reasonWords[Int(e.reason.rawValue)]))
        }
        out.csv.comma()
        if let channel = e.channel { out.csv.raw(spelling.channel(channel)) }
        out.csv.comma()
        if let decision = e.decision {
            out.csv.raw(spelling.word(ExportGenerator.decisionWords[Int(decision.rawValue)]))
        }
        out.csv.comma()
        timestamp(out, e.decided)
        out.csv.comma()
        timestamp(out, e.closed)
        if !dropOwner {
            out.csv.comma()
            if let owner = e.owner { out.csv.text(vocabulary.owners[owner]) }
        }
        try out.endRow()
    }
}

/// `a / b` rounded toward negative infinity.
private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
