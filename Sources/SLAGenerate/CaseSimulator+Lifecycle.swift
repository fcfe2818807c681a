import SLAModel
import SLATime

/// The scenarios of `LifecycleScenario`, applied to the current case.
extension CaseSimulator {
    /// Gaps and lags of the scenarios, in seconds.
    static let askAgain = Piecewise([(0, 10 * minute), (0.5, 3 * hour), (1, 1 * day)])
    static let workAfterReopen = Piecewise([(0, 10 * minute), (0.5, 1 * hour), (1, 4 * hour)])

    /// Reshapes the current case after `scenario`: the simulated waits, resolutions, reopenings,
    /// closing and `update` events give way to the scenario's. `f` is the first response, `start`
    /// the later of it and the assignment. Returns the scenario's witness (see
    /// `LifecycleScenario`), or nil when the case was left as it was.
    mutating func shape(
        _ scenario: LifecycleScenario, case k: SimulatedCase, response f: Int64, start: Int64,
        resolved: inout Int64?, closed: inout Int64?, waiting: inout (Int64?, Int64?), rng: inout Xoshiro256
    ) -> Int64? {
        let room = horizon - start
        if scenario == .reopenedStillOpen && room < 3 * 3600 { return nil }

        let ci = Int32(truncatingIfNeeded: k.index)
        func add(_ at: Int64, _ type: EventType, _ value: UInt8, _ actor: Actor) {
            events.append(SimulatedEvent(at: at, caseIndex: ci, type: type, value: value, actor: actor))
        }
        func status(_ at: Int64, _ value: CaseStatus, _ actor: Actor) { add(at, .status, value.rawValue, actor) }
        func supportUpdate(_ at: Int64) { add(at, .update, 0, .support) }
        /// Closed `closeLag` after `r` with probability `p`, as an event half the time.
        func maybeClose(after r: Int64, _ p: Double) {
            closed = nil
            if rng.chance(p) {
                let x = r + CaseSimulator.closeLag.seconds(&rng)
                closed = x
                if rng.chance(0.5) { status(x, .closed, .system) }
            }
        }

        let kept = CaseStatus.new.rawValue...CaseStatus.open.rawValue
        events.removeAll { e in
            (e.type == .status && !kept.contains(e.value)) || (e.type == .update && !(e.at == f && e.actor == .support))
        }
        waiting = (nil, nil)
        let resolution = CaseSimulator.resolution[k.severity - 1]

        switch scenario {
        case .multipleWaits:
            let n = rng.chance(0.3) ? 3 : 2
            var t = f
            var second: Int64 = 0
            for i in 0..<n {
                let ws = t + CaseSimulator.askAgain.seconds(&rng)
                let we = ws + CaseSimulator.customerReply.seconds(&rng)
                status(ws, .waitingOnCustomer, .support)
                add(we, .update, 0, .customer)
                status(we, .waitingOnSupport, .system)
                if i == 0 { waiting = (ws, we) }
                if i == 1 { second = ws }
                t = we + CaseSimulator.afterReply.seconds(&rng)
                if i < n - 1 { supportUpdate(t) }
            }
            resolved = t
            status(t, .resolved, .support)
            maybeClose(after: t, 0.8)
            return second

        case .reopenedAndResolved:
            let r1 = start + resolution.seconds(&rng)
            let o = r1 + CaseSimulator.reopenLag.seconds(&rng)
            let u = o + CaseSimulator.workAfterReopen.seconds(&rng)
            let r2 = u + CaseSimulator.afterReply.seconds(&rng)
            status(r1, .resolved, .support)
            add(o, .status, CaseStatus.reopenedValue, .customer)
            add(o, .update, 0, .customer)
            supportUpdate(u)
            status(r2, .resolved, .support)
            resolved = r2
            maybeClose(after: r2, 0.7)
            return r2

        case .resolvedThenClosed:
            let r = start + resolution.seconds(&rng)
            let x = r + CaseSimulator.closeLag.seconds(&rng)
            if rng.chance(0.5) { supportUpdate(f + (r - f) / 2) }
            status(r, .resolved, .support)
            status(x, .closed, .system)
            resolved = r
            closed = x
            return x

        case .reopenedStillOpen:
            // Both before the export: the resolution in the first third of the room left, the
            // reopening at most half-way from it to the export.
            let r1 = start + min(resolution.seconds(&rng), room / 3)
            let o = r1 + min(CaseSimulator.reopenLag.seconds(&rng), (horizon - r1) / 2)
            status(r1, .resolved, .support)
            add(o, .status, CaseStatus.reopenedValue, .customer)
            add(o, .update, 0, .customer)
            if rng.chance(0.5) { supportUpdate(o + CaseSimulator.workAfterReopen.seconds(&rng)) }
            resolved = rng.chance(0.5) ? r1 : nil
            closed = nil
            return o

        case .longUpdateGaps:
            // The first Friday whose afternoon update can follow the first response.
            let zone = calendar.zone
            var friday = calendar.localDate(of: Instant(seconds: f))
            while friday.isoWeekday != 5 { friday = friday.adding(days: 1) }
            var u1 = zone.instant(forLocal: friday, secondOfDay: 14 * 3600 + rng.below(3 * 3600)).seconds
            if u1 <= f {
                friday = friday.adding(days: 7)
                u1 = zone.instant(forLocal: friday, secondOfDay: 14 * 3600 + rng.below(3 * 3600)).seconds
            }
            let u2 = zone.instant(forLocal: friday.adding(days: 3), secondOfDay: 9 * 3600 + rng.below(3 * 3600))
                .seconds
            let u3 = u2 + rng.int(in: (2 * 86400)...(4 * 86400))
            let r = u3 + rng.int(in: 3600...(8 * 3600))
            for u in [u1, u2, u3] { supportUpdate(u) }
            status(r, .resolved, .support)
            resolved = r
            maybeClose(after: r, 0.7)
            return u2
        }
    }
}
