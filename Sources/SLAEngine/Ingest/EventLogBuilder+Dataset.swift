import CSVStream
import SLAConfig
import SLAModel
import SLARules
import SLATime

extension EventLogBuilder {
    /// Builds the dataset: cases in the order they first appear, events grouped by case in time
    /// order, escalations in input order, and the profile checks.
    mutating func finish(file: String, stats: FileStats, severityColumn: String) -> Dataset {
        if audit { walkAuditRows() }
        walkChanges()
        var data = Dataset()
        var stats = stats
        data.orgs = orgs
        data.customers = customers
        var noOrgNumber: Int32?
        // Local key -> final case index, or -1 for a case without severity.
        var caseOf = [Int32](repeating: -1, count: cases.count)
        var late: [Rejection] = []
        let countsUnknownValues = unknownCodes.contains { $0 != nil }
        for key in 0..<cases.count {
            let c = cases[key]
            guard let severity = c.severity.value else {
                let id = keys.string(Int32(key))
                for row in pending[Int32(key)] ?? [] {
                    late.append(
                        Rejection(
                            file: file, kind: .events, line: row.line, column: severityColumn, value: "",
                            reason: .missingRequired,
                            detail:
                                "no row of case \"\(FieldProblem.cut(id))\" has a severity, so the case cannot be analysed",
                            fields: row.fields))
                }
                continue
            }
            let n = Int32(data.cases.count)
            caseOf[key] = n
            keys.withBytes(Int32(key)) { _ = data.caseIDs.intern($0) }
            var org = c.org.value ?? -1
            if org < 0 {
                // Reports need an org for every case: one with none gets the empty name.
                if noOrgNumber == nil { noOrgNumber = data.orgs.intern("") }
                org = noOrgNumber ?? 0
            }
            let record = CaseRecord(
                id: n, org: org, customer: c.customer.value ?? -1,
                createdAt: c.createdColumn.value ?? c.created ?? c.first,
                severity: severity, priority: c.priority.value, channel: c.channel.value,
                deployment: c.deployment.value ?? .commercial, hasDescription: c.hasDescription,
                firstResponseAt: nil, assignedAt: nil, resolvedAt: c.resolvedColumn.value,
                closedAt: c.closedColumn.value, platformIncident: c.platformIncident.value ?? false,
                serviceRestoredAt: nil, rcaDeliveredAt: nil, source: SourcePosition(file: 0, line: c.firstLine))
            data.cases.append(record)
            if countsUnknownValues { data.unknownValueCounts.append(c.unknownValues) }
        }
        data.countsUnknownValues = countsUnknownValues
        pending = [:]
        stats.rowsRejected += late.count
        // Events: a stable counting sort into case groups, then each group in time order.
        var start = [Int](repeating: 0, count: data.cases.count + 1)
        for e in events where caseOf[Int(e.caseIndex)] >= 0 { start[Int(caseOf[Int(e.caseIndex)]) + 1] += 1 }
        for c in 0..<data.cases.count { start[c + 1] += start[c] }
        var next = start
        var grouped = [CaseEvent](
            repeating: CaseEvent(
                caseIndex: 0, at: Instant(millis: 0), type: .update, value: 0, actor: nil, sequence: 0),
            count: start[data.cases.count])
        for e in events {
            let n = caseOf[Int(e.caseIndex)]
            guard n >= 0 else { continue }
            var joined = e
            joined.caseIndex = n
            grouped[next[Int(n)]] = joined
            next[Int(n)] += 1
        }
        events = []
        for c in 0..<data.cases.count where start[c + 1] - start[c] > 1 {
            grouped[start[c]..<start[c + 1]].sort {
                ($0.at, $0.sequence, $0.type.rawValue) < ($1.at, $1.sequence, $1.type.rawValue)
            }
        }
        data.events = grouped
        data.eventStart = start.map { Int32($0) }
        data.escalations = escalations(caseOf: caseOf, into: &data)
        data.files = [stats]
        data.rejections = (rejections + late).sorted { $0.line < $1.line }
        data.latestInstant = latest
        for e in data.escalations { data.noteInstant(e.closedAt) }
        data.eventLogCheck = check()
        return data
    }

    /// An audit log's rows, walked per case in time order (equal times: file order): a change of
    /// severity or priority from the last value given is an event; an activity counts where it
    /// differs from the previous row's, and its status where it differs from the last status set.
    mutating func walkAuditRows() {
        loggedRows.sort { $0.place.order < $1.place.order }
        var previousKey: Int32 = -1
        var lastActivity: Int32 = -1
        var lastStatus: CaseStatus?
        var lastSeverity: UInt8 = 0
        var lastPriority: UInt8 = 0
        for row in loggedRows {
            let place = row.place
            if place.key != previousKey {
                previousKey = place.key
                lastActivity = -1
                lastStatus = nil
                lastSeverity = 0
                lastPriority = 0
            }
            let normal = activityNormal[Int(row.activity)]
            if normal != lastActivity, let activity = activityCache[Int(row.activity)] {
                let status = activity.meanings.contains(.closed) ? CaseStatus.closed : activity.status
                if let status {
                    if status != lastStatus { emitStatus(place, status) }
                    lastStatus = status
                }
                emit(activity.meanings, place, severity: nil, priority: nil)
            }
            lastActivity = normal
            if row.severity != 0 {
                if lastSeverity != 0 && row.severity != lastSeverity {
                    events.append(place.event(.severity, row.severity))
                }
                lastSeverity = row.severity
            }
            if row.priority != 0 {
                if lastPriority != 0 && row.priority != lastPriority {
                    events.append(place.event(.priority, row.priority))
                }
                lastPriority = row.priority
            }
        }
        loggedRows = []
    }

    /// `[event_log.changes]`: per column and case in time order, a value that differs from the
    /// last one given (the first one given too) is the column's event, when it counts (`into`).
    mutating func walkChanges() {
        guard !changeRows.isEmpty else { return }
        let meanings = profile.orderedChanges.map(\.meaning)
        changeRows.sort {
            ($0.change, $0.place.key, $0.place.at, $0.place.sequence) < (
                $1.change, $1.place.key, $1.place.at, $1.place.sequence
            )
        }
        var previous: (change: Int32, key: Int32) = (-1, -1)
        var last: Int32 = -1
        for row in changeRows {
            if previous != (row.change, row.place.key) {
                previous = (row.change, row.place.key)
                last = -1
            }
            guard row.value != last else { continue }
            last = row.value
            guard changeCounts[Int(row.change)][Int(row.value)] else { continue }
            switch meanings[Int(row.change)] {
            case .assigned: events.append(row.place.event(.assigned))
            case .firstResponse: events.append(row.place.event(.firstResponse))
            case .update: events.append(row.place.event(.update, 0, .support))
            case .serviceRestored: events.append(row.place.event(.serviceRestored))
            case .rcaDelivered: events.append(row.place.event(.rcaDelivered))
            case .escalationRequested: changeRequests.append(row.place)
            default: break
            }
        }
        changeRows = []
    }

    /// The escalation requests, from activities, hand-overs and column changes, numbered per case
    /// in time order (one row's: in that order), listed in input order.
    func escalations(caseOf: [Int32], into data: inout Dataset) -> [EscalationRecord] {
        struct Request {
            var place: RowPlace
            var closedAt: Instant?
        }
        var all: [Request] = requests.map { Request(place: $0) }
        if profile.handover != nil {
            let rows = teamRows.sorted { $0.place.order < $1.place.order }
            var previous: (key: Int32, team: Int32)?
            var open: Int?  // index in `all` of the case's open hand-over escalation
            for row in rows {
                let key = row.place.key
                if previous?.key != key { open = nil }
                defer { previous = (key, row.team) }
                guard let before = previous, before.key == key, before.team != row.team else { continue }
                if let o = open {
                    all[o].closedAt = row.place.at
                    open = nil
                }
                if teamEscalates[Int(row.team)] {
                    all.append(Request(place: row.place))
                    open = all.count - 1
                }
            }
        }
        all += changeRequests.map { Request(place: $0) }
        all.removeAll { caseOf[Int($0.place.key)] < 0 }
        // Number per case in time order, then list in input order.
        let order = all.indices.sorted {
            let (a, b) = (all[$0].place, all[$1].place)
            return (a.key, a.at, a.sequence, $0) < (b.key, b.at, b.sequence, $1)
        }
        var numberOf = [Int](repeating: 0, count: all.count)
        var previousKey: Int32 = -1
        var n = 0
        for i in order {
            n = all[i].place.key == previousKey ? n + 1 : 1
            previousKey = all[i].place.key
            numberOf[i] = n
        }
        var result: [EscalationRecord] = []
        result.reserveCapacity(all.count)
        for i in all.indices.sorted(by: { (all[$0].place.sequence, $0) < (all[$1].place.sequence, $1) }) {
            let r = all[i].place
            let id = data.escalationIDs.intern(keys.string(r.key) + "#\(numberOf[i])")
            result.append(
                EscalationRecord(
                    id: id, caseIndex: caseOf[Int(r.key)], requestedAt: r.at, reason: nil, channel: nil,
                    decision: nil, decidedAt: nil, closedAt: all[i].closedAt, owner: -1, sequence: r.sequence,
                    source: SourcePosition(file: 0, line: r.line)))
        }
        return result
    }
}
