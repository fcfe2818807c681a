import SLAModel
import SLARules
import SLATime

/// Simulates one case's life and what the export records of it: the row, its events and its
/// escalations, all cut at the export instant (`horizon`).
///
/// Durations come from `Piecewise` tables in seconds; the response-time targets are the
/// placeholders of SPEC section 4 (1h wall clock; 2h, 4h, 1d business) so that most responses
/// meet them and a realistic tail does not.
struct CaseSimulator {
    /// The customers' working hours (see `ExportGenerator.customerHours`), in their zone.
    let calendar: BusinessCalendar
    let horizon: Int64
    let orgs: OrganizationPool
    let engineerCount: Int
    let ownerCount: Int

    /// The current case's events, in the order they are written within one instant.
    var events: [SimulatedEvent] = []
    private(set) var escalations: [SimulatedEscalation] = []
    /// Escalations breaking each rule, by the simulator's own reading (see `rules(requested:...)`).
    var ruleHits: [EscalationRule: Int] = [:]
    /// Escalations breaking at least one rule.
    var invalidEscalations = 0
    /// Cases each lifecycle scenario shaped, counted as `LifecycleScenario` says.
    var lifecycleCounts: [LifecycleScenario: Int] = [:]

    init(calendar: BusinessCalendar, horizon: Int64, orgs: OrganizationPool, engineerCount: Int, ownerCount: Int) {
        self.calendar = calendar
        self.horizon = horizon
        self.orgs = orgs
        self.engineerCount = engineerCount
        self.ownerCount = ownerCount
        events.reserveCapacity(32)
        escalations.reserveCapacity(4)
    }

    // MARK: Tables

    static let minute: Double = 60
    static let hour: Double = 3600
    static let day: Double = 86400

    /// Severity 1...4 of a case that is not a platform incident (incidents add ~1.5% of S1).
    static let severityWeights = [0.036, 0.20, 0.45, 0.30]
    /// Customer priority (critical, high, medium, low) given the severity.
    static let priorityWeights: [[Double]] = [
        [0.70, 0.25, 0.05, 0.00],
        [0.15, 0.55, 0.25, 0.05],
        [0.03, 0.20, 0.57, 0.20],
        [0.01, 0.07, 0.32, 0.60],
    ]
    /// Channel (phone, portal, email, chat, web): critical cases mostly by phone.
    static let criticalChannels = [0.74, 0.13, 0.05, 0.05, 0.03]
    static let otherChannels = [0.12, 0.48, 0.20, 0.12, 0.08]
    /// First-response targets in seconds (S1 wall clock, the others business time).
    static let targets: [Int64] = [3600, 7200, 14400, 32400]
    /// Share of responses after the target, before the month's quality factor.
    static let breachRates = [0.05, 0.08, 0.10, 0.12]
    /// Response time as a fraction of the target: within it, and in the breach tail.
    static let withinTarget = Piecewise([(0, 0.02), (0.25, 0.12), (0.5, 0.3), (0.8, 0.62), (0.95, 0.88), (1, 0.995)])
    static let breachTail = Piecewise([(0, 1.02), (0.5, 1.6), (0.85, 3.0), (1, 8.0)])
    static let assignS1 = Piecewise([(0, 2 * minute), (0.5, 10 * minute), (0.9, 30 * minute), (1, 90 * minute)])
    static let assignOther = Piecewise([(0, 5 * minute), (0.5, 40 * minute), (0.9, 3 * hour), (1, 8 * hour)])
    static let resolution: [Piecewise] = [
        Piecewise([(0, 1 * hour), (0.5, 6 * hour), (0.9, 30 * hour), (1, 4 * day)]),
        Piecewise([(0, 2 * hour), (0.5, 30 * hour), (0.9, 5 * day), (1, 16 * day)]),
        Piecewise([(0, 3 * hour), (0.5, 3 * day), (0.9, 12 * day), (1, 35 * day)]),
        Piecewise([(0, 4 * hour), (0.5, 5 * day), (0.9, 20 * day), (1, 55 * day)]),
    ]
    static let waitingLag = Piecewise([(0, 1 * minute), (0.5, 30 * minute), (1, 2 * hour)])
    static let customerReply = Piecewise([(0, 30 * minute), (0.5, 6 * hour), (0.9, 2 * day), (1, 6 * day)])
    static let afterReply = Piecewise([(0, 1 * hour), (0.5, 8 * hour), (1, 3 * day)])
    static let autoResolve = Piecewise([(0, 3 * day), (1, 7 * day)])
    static let reopenLag = Piecewise([(0, 1 * hour), (0.5, 12 * hour), (1, 3 * day)])
    static let closeLag = Piecewise([(0, 2 * hour), (0.6, 3 * day), (1, 7 * day)])
    static let restoreTime = Piecewise([(0, 30 * minute), (0.5, 3 * hour), (0.9, 8 * hour), (1, 20 * hour)])
    static let rcaLate = Piecewise([(0, 1 * hour), (0.5, 18 * hour), (1, 72 * hour)])  // business time
    static let generalLag = Piecewise([(0, 30 * minute), (0.3, 4 * hour), (0.7, 36 * hour), (1, 6 * day)])
    static let soonAfterUpdate = Piecewise([(0, 5 * minute), (0.5, 3 * hour), (1, 22 * hour)])
    static let secondLag = Piecewise([(0, 30 * minute), (0.4, 12 * hour), (1, 5 * day)])
    static let decisionLag = Piecewise([(0, 10 * minute), (0.5, 3 * hour), (0.9, 1 * day), (1, 3 * day)])
    static let escalationCloseLag = Piecewise([(0, 1 * hour), (0.5, 1 * day), (1, 10 * day)])

    // MARK: The case

    /// Simulates case `index`, created at `created`; `quality` (around 1) scales the breach
    /// rates so that months differ. The row is returned; events and escalations are left in
    /// `events` and `escalations`. `lifecycle` (only with `GeneratorOptions.lifecycle`) may make
    /// the case a platform incident restored at a given instant and shape it after a
    /// `LifecycleScenario`; without it the case's draws and results are those of `rng` alone.
    mutating func simulate(
        index: Int, created c: Int64, quality: Double, rng: inout Xoshiro256, lifecycle: LifecycleDraw? = nil
    ) -> SimulatedCase {
        events.removeAll(keepingCapacity: true)
        escalations.removeAll(keepingCapacity: true)
        let ci = Int32(truncatingIfNeeded: index)
        var k = SimulatedCase()
        k.index = index
        k.created = c
        k.incident = rng.chance(0.015) || lifecycle?.restoredAfterChange != nil
        k.severity = k.incident ? 1 : 1 + rng.pick(CaseSimulator.severityWeights)
        k.priority = 1 + rng.pick(k.incident ? [0.85, 0.15, 0, 0] : CaseSimulator.priorityWeights[k.severity - 1])
        let critical = k.severity == 1 || k.priority == 1
        k.channel = Channel.allCases[rng.pick(critical ? CaseSimulator.criticalChannels : CaseSimulator.otherChannels)]
        k.org = orgs.pick(&rng)
        k.fedramp = orgs.fedramp[k.org]
        k.hasCustomer = !rng.chance(0.012)
        k.hasDescription = !rng.chance(0.02)
        k.descriptionSeed = rng.next()

        // First response: mostly within target, a tail of breaches, a few never.
        let target = CaseSimulator.targets[k.severity - 1]
        var response: Int64?
        var late = false
        let u = rng.unit()
        let never = k.severity == 1 ? 0.004 : 0.015
        let breach = min(0.5, CaseSimulator.breachRates[k.severity - 1] * quality)
        if u >= never {
            late = u < never + breach
            let fraction = (late ? CaseSimulator.breachTail : CaseSimulator.withinTarget).sample(&rng)
            let seconds = max(60, Int64(Double(target) * fraction))
            response = k.severity == 1 ? c + seconds : calendar.adding(businessSeconds: seconds, to: c)
        } else {
            late = true
        }

        // Assignment: usually before the first response; FedRAMP cases wait longer.
        var assigned: Int64?
        if !rng.chance(response == nil ? 0.5 : 0.015) {
            var delay = (k.severity == 1 ? CaseSimulator.assignS1 : CaseSimulator.assignOther).seconds(&rng)
            if k.fedramp { delay *= 3 }
            var a = k.severity == 1 ? c + delay : calendar.adding(businessSeconds: delay, to: c)
            if let f = response, a > f, rng.chance(0.85) {
                a = c + Int64(Double(f - c) * (0.2 + 0.7 * rng.unit()))
            }
            assigned = a
        }

        // Waiting on the customer, resolution, a reopening now and then, closing.
        var waitingStart: Int64?
        var waitingEnd: Int64?
        if let f = response, rng.chance(0.3) {
            let ws = f + CaseSimulator.waitingLag.seconds(&rng)
            waitingStart = ws
            if rng.chance(0.85) { waitingEnd = ws + CaseSimulator.customerReply.seconds(&rng) }
        }
        var resolved: Int64?
        var firstResolution: Int64?
        var reopened: Int64?
        if (response != nil || rng.chance(0.3)) && !rng.chance(0.05) {
            let start = max(response ?? c, assigned ?? c)
            var r = start + CaseSimulator.resolution[k.severity - 1].seconds(&rng)
            if let ws = waitingStart {
                if let we = waitingEnd {
                    if r <= we { r = we + CaseSimulator.afterReply.seconds(&rng) }
                } else {
                    r = max(r, ws + CaseSimulator.autoResolve.seconds(&rng))
                }
            }
            if rng.chance(0.03) {
                firstResolution = r
                let o = r + CaseSimulator.reopenLag.seconds(&rng)
                reopened = o
                r = o + CaseSimulator.afterReply.seconds(&rng)
            }
            resolved = r
        }

        // Platform incidents: restored within hours; RCA mostly within five business days.
        var restored: Int64?
        var rca: Int64?
        if k.incident {
            let s = lifecycle?.restoredAfterChange ?? c + CaseSimulator.restoreTime.seconds(&rng)
            restored = s
            if let r = resolved { resolved = max(r, s + 1800) } else { resolved = s + 3600 }
            let due = calendar.endOfWorkingDay(5, after: s)
            let v = rng.unit()
            if v < 0.80 {
                rca = min(due - 3600, calendar.adding(businessSeconds: rng.int(in: 7200...(44 * 3600)), to: s))
            } else if v < 0.92 {
                rca = calendar.adding(businessSeconds: CaseSimulator.rcaLate.seconds(&rng), to: due)
            }
        }
        var closed: Int64?
        if let r = resolved {
            if rng.chance(0.85) { closed = r + CaseSimulator.closeLag.seconds(&rng) }
        } else if rng.chance(0.03) {
            closed = c + CaseSimulator.closeLag.seconds(&rng)  // withdrawn by the customer
        }

        // What the export records: the row's columns and the case's events.
        func add(_ at: Int64, _ type: EventType, _ value: UInt8 = 0, _ actor: Actor) {
            events.append(SimulatedEvent(at: at, caseIndex: ci, type: type, value: value, actor: actor))
        }
        if rng.chance(0.1) { add(c, .status, CaseStatus.new.rawValue, .system) }
        if let a = assigned {
            let onlyEvent = rng.chance(0.04)
            if onlyEvent || rng.chance(0.25) { add(a, .assigned, UInt8(rng.below(engineerCount)), .system) }
            k.assigned = onlyEvent ? nil : a
            if rng.chance(0.3) { add(a, .status, CaseStatus.open.rawValue, .support) }
        }
        if let f = response {
            let v = rng.unit()
            if v < 0.03 {
                add(f, rng.chance(0.5) ? .firstResponse : .update, 0, .support)
            } else {
                k.firstResponse = f
                if v < 0.06 { add(f, .firstResponse, 0, .support) }
            }
        }
        var recordedWaiting: Int64?
        if let ws = waitingStart, rng.chance(0.9) {
            add(ws, .status, CaseStatus.waitingOnCustomer.rawValue, .support)
            recordedWaiting = ws
        }
        if let we = waitingEnd {
            add(we, .update, 0, .customer)
            if rng.chance(0.85) { add(we, .status, CaseStatus.waitingOnSupport.rawValue, .system) }
        }
        if let r1 = firstResolution, let o = reopened {
            if rng.chance(0.8) { add(r1, .status, CaseStatus.resolved.rawValue, .support) }
            add(o, .status, CaseStatus.reopenedValue, .customer)
        }
        if let r = resolved, rng.chance(0.4) { add(r, .status, CaseStatus.resolved.rawValue, .support) }
        if let x = closed, rng.chance(0.2) { add(x, .status, CaseStatus.closed.rawValue, .system) }
        let activeEnd = resolved ?? c + 5 * 86400
        if !k.incident && rng.chance(0.05) {
            let t = c + rng.int(in: 600...max(600, activeEnd - c))
            let upgrade = k.severity == 4 || (k.severity > 1 && rng.chance(0.4))
            add(t, .severity, UInt8(upgrade ? k.severity - 1 : k.severity + 1), .support)
        }
        if rng.chance(0.04) {
            let t = c + rng.int(in: 600...max(600, activeEnd - c))
            let raise = k.priority == 4 || (k.priority > 1 && rng.chance(0.6))
            add(t, .priority, UInt8(raise ? k.priority - 1 : k.priority + 1), rng.chance(0.7) ? .customer : .support)
        }
        if let f = response {
            let n = rng.pick([0.5, 0.32, 0.12, 0.06])
            for _ in 0..<n { add(f + 60 + rng.int(in: 0...max(0, activeEnd - f)), .update, 0, .support) }
        }
        let customerUpdates = rng.pick([0.6, 0.28, 0.12])
        for _ in 0..<customerUpdates { add(c + 60 + rng.int(in: 0...max(0, activeEnd - c)), .update, 0, .customer) }
        if let s = restored {
            let v = rng.unit()
            if v < 0.05 {
                add(s, .serviceRestored, 0, .support)
            } else {
                k.restored = s
                if v < 0.5 { add(s, .serviceRestored, 0, .support) }
            }
        }
        if let d = rca {
            let v = rng.unit()
            if v < 0.05 {
                add(d, .rcaDelivered, 0, .support)
            } else {
                k.rcaDelivered = d
                if v < 0.4 { add(d, .rcaDelivered, 0, .support) }
            }
        }
        var waiting = (recordedWaiting, waitingEnd)
        var witness: Int64?
        if var life = lifecycle, let scenario = life.scenario, !k.incident, let f = response, f < horizon {
            witness = shape(
                scenario, case: k, response: f, start: max(f, assigned ?? c), resolved: &resolved, closed: &closed,
                waiting: &waiting, rng: &life.rng)
        }
        k.resolved = resolved
        k.closed = closed
        k.response = response
        k.restore = restored

        // Cut everything at the export instant.
        let h = horizon
        if let scenario = lifecycle?.scenario, let w = witness, w < h { lifecycleCounts[scenario, default: 0] += 1 }
        events.removeAll { $0.at >= h }
        func cut(_ t: Int64?) -> Int64? { t.flatMap { $0 < h ? $0 : nil } }
        k.firstResponse = cut(k.firstResponse)
        k.assigned = cut(k.assigned)
        k.resolved = cut(k.resolved)
        k.closed = cut(k.closed)
        k.restored = cut(k.restored)
        k.rcaDelivered = cut(k.rcaDelivered)

        // Escalations: more for severe and late cases.
        var p = [0.55, 0.44, 0.285, 0.15][k.severity - 1]
        if late { p *= 1.6 }
        if k.priority == 4 { p *= 0.35 }
        if rng.chance(p) {
            let n = rng.chance(0.16) ? (rng.chance(0.15) ? 3 : 2) : 1
            var previous: Int64?
            for _ in 0..<n {
                guard let e = escalate(k, waiting: waiting, after: previous, rng: &rng) else {
                    break
                }
                escalations.append(e)
                previous = e.requested
            }
        }
        return k
    }
}

/// The business clock in the generator's units: whole seconds since the epoch (UTC).
extension BusinessCalendar {
    /// `t` plus `seconds` (more than zero) of business time.
    func adding(businessSeconds seconds: Int64, to t: Int64) -> Int64 {
        instant(afterBusinessMillis: seconds * 1000, from: Instant(seconds: t)).seconds
    }

    /// The end (local midnight after it) of the `n`-th working day after the local date of `t`.
    func endOfWorkingDay(_ n: Int, after t: Int64) -> Int64 {
        endOfWorkingDay(n: n, after: localDate(of: Instant(seconds: t))).seconds
    }
}
