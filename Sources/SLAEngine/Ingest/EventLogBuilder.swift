import CSVStream
import SLAConfig
import SLAModel
import SLARules
import SLATime

/// A value with the time and file order it was read at: the latest one wins.
struct Latest<T> {
    var value: T?
    var at = Instant(millis: Int64.min)
    var sequence: Int32 = -1

    mutating func offer(_ v: T?, at t: Instant, sequence s: Int32) {
        guard let v else { return }
        if (t, s) >= (at, sequence) {
            value = v
            at = t
            sequence = s
        }
    }
}

/// What is known of one case while its rows are read.
struct CaseState {
    var first: Instant
    var firstSequence: Int32
    var firstLine: Int32
    var created: Instant?
    var createdSequence: Int32 = 0
    var severity = Latest<Severity>()
    var priority = Latest<Priority>()
    var channel = Latest<Channel>()
    var deployment = Latest<Deployment>()
    var platformIncident = Latest<Bool>()
    var org = Latest<Int32>()
    var customer = Latest<Int32>()
    var hasDescription = false
}

/// What one activity means, worked out once per distinct activity.
struct ActivityMeaning {
    var meanings: Set<EventLogProfile.Meaning>
    var status: CaseStatus?
}

/// The state of one event-log read: cases by local key, their events and escalations.
struct EventLogBuilder {
    typealias Bytes = UnsafeBufferPointer<UInt8>
    typealias Meaning = EventLogProfile.Meaning
    typealias Attribute = EventLogProfile.Attribute

    let profile: EventLogProfile
    let missing: MissingTokens
    /// Activity key (normalized) → what it means.
    private var meaningOf: [String: ActivityMeaning] = [:]
    /// Normalized export value → ours, per attribute.
    private var valueMaps: [Attribute: [String: String]] = [:]

    private var keys = IDTable()
    private var cases: [CaseState] = []
    /// Events with `caseIndex` = the local key.
    private var events: [CaseEvent] = []
    /// Escalation requests from activities: local key, instant, sequence, line.
    private var requests: [(key: Int32, at: Instant, sequence: Int32, line: Int32)] = []
    /// Rows naming a team, for hand-overs: local key, instant, sequence, line, team number.
    private var teamRows: [(key: Int32, at: Instant, sequence: Int32, line: Int32, team: Int32)] = []
    private var teams = IDTable(capacity: 64)
    private var teamEscalates: [Bool] = []
    /// Rows of cases that have no severity yet, kept whole in case none ever comes.
    private var pending: [Int32: [(line: Int, fields: [String])]] = [:]
    /// Cache of parsed attribute values per attribute: distinct raw value → our code (-2: not ours).
    private var valueIDs: [IDTable]
    private var valueCodes: [[Int32]]
    private var activityBuffer: [UInt8] = []
    /// Distinct activities as read, and what each means.
    private var activityIDs = IDTable(capacity: 64)
    private var activityCache: [ActivityMeaning?] = []

    var rejections: [Rejection] = []
    var orgs = IDTable()
    var customers = IDTable()
    var latest: Instant?

    init(profile: EventLogProfile, missing: MissingTokens) {
        self.profile = profile
        self.missing = missing
        for (attribute, map) in profile.values {
            var lowered: [String: String] = [:]
            for (k, v) in map { lowered[CSVHeader.normalize(k)] = v }
            valueMaps[attribute] = lowered
        }
        valueIDs = Attribute.allCases.map { _ in IDTable(capacity: 64) }
        valueCodes = Attribute.allCases.map { _ in [] }
        var byActivity: [String: ActivityMeaning] = [:]
        for (meaning, names) in profile.activities {
            for name in names {
                byActivity[EventLogProfile.normalize(name), default: ActivityMeaning(meanings: [], status: nil)]
                    .meanings.insert(meaning)
            }
        }
        for (name, status) in profile.status {
            byActivity[EventLogProfile.normalize(name), default: ActivityMeaning(meanings: [], status: nil)].status =
                status
        }
        meaningOf = byActivity
    }

    // MARK: One row

    /// Checks one data row and, when it is usable, adds what it says; throws the first problem,
    /// having changed nothing.
    mutating func add(_ record: CSVRecord, _ layout: EventLogLayout, timestamps: TimestampParser, row: Int)
        throws(FieldProblem)
    {
        func field(_ i: Int) -> Bytes { missing.clean(record[i]) }
        func missingValue(_ i: Int, _ what: String) -> FieldProblem {
            FieldProblem(column: layout.names[i], value: "", reason: .missingRequired, detail: what)
        }
        let id = field(layout.caseID)
        guard !id.isEmpty else { throw missingValue(layout.caseID, "required value is missing (the case id)") }
        let stamp = field(layout.timestamp)
        guard !stamp.isEmpty else { throw missingValue(layout.timestamp, "required value is missing (the timestamp)") }
        guard let at = timestamps.parse(stamp) else {
            let text = FieldProblem.cut(String(decoding: stamp, as: UTF8.self))
            throw FieldProblem(
                column: layout.names[layout.timestamp], value: text, reason: .badTimestamp,
                detail:
                    "\"\(text)\" is not a timestamp (expected ISO 8601 such as 2026-10-03T14:05:00Z, or one of input.timestamp_formats)"
            )
        }
        // The activity: its columns' values joined by "/".
        activityBuffer.removeAll(keepingCapacity: true)
        var anyActivity = false
        for (n, i) in layout.activity.enumerated() {
            if n > 0 { activityBuffer.append(UInt8(ascii: "/")) }
            let part = field(i)
            if !part.isEmpty { anyActivity = true }
            activityBuffer.append(contentsOf: part)
        }
        guard anyActivity else {
            throw missingValue(layout.activity[0], "required value is missing (the activity)")
        }
        let activity = meaning(of: activityBuffer)
        // Attributes: every present value must be one of ours.
        let severity = try enumValue(.severity, record, layout, Expected.severity, ValueParsing.severity)
            .flatMap { Severity(rawValue: $0) }
        let priority = try enumValue(.priority, record, layout, Expected.priority, ValueParsing.priority)
            .flatMap { Priority(rawValue: $0) }
        let channel = try enumValue(.channel, record, layout, Expected.channel, ValueParsing.channel)
            .flatMap { Channel(rawValue: $0) }
        let deployment = try enumValue(.deployment, record, layout, Expected.deployment, ValueParsing.deployment)
            .flatMap { Deployment(rawValue: $0) }
        let incident = try enumValue(
            .platformIncident, record, layout, Expected.bool, ValueParsing.bool, { $0 ? UInt8(1) : UInt8(0) }
        ).map { $0 == 1 }
        if let activity {
            if activity.meanings.contains(.severityChanged), severity == nil, let i = layout.position(.severity) {
                throw missingValue(i, "a severity change (\(activityText)) needs the new severity in this column")
            }
            if activity.meanings.contains(.priorityChanged), priority == nil, let i = layout.position(.priority) {
                throw missingValue(i, "a priority change (\(activityText)) needs the new priority in this column")
            }
        }
        // The row is usable: record what it says.
        // The 0-based data row, as the plain loader numbers rows (`explain` finds lines by it).
        let sequence = Int32(clamping: row - 1)
        let line = Int32(clamping: record.line)
        let key = keys.intern(id)
        if Int(key) == cases.count {
            cases.append(CaseState(first: at, firstSequence: sequence, firstLine: line))
        } else if (at, sequence) < (cases[Int(key)].first, cases[Int(key)].firstSequence) {
            cases[Int(key)].first = at
            cases[Int(key)].firstSequence = sequence
            cases[Int(key)].firstLine = line
        }
        if let t = latest, t >= at {} else { latest = at }
        cases[Int(key)].severity.offer(severity, at: at, sequence: sequence)
        cases[Int(key)].priority.offer(priority, at: at, sequence: sequence)
        cases[Int(key)].channel.offer(channel, at: at, sequence: sequence)
        cases[Int(key)].deployment.offer(deployment, at: at, sequence: sequence)
        cases[Int(key)].platformIncident.offer(incident, at: at, sequence: sequence)
        if let i = layout.position(.org) {
            let b = field(i)
            if !b.isEmpty { cases[Int(key)].org.offer(intern(b, .org, into: &orgs), at: at, sequence: sequence) }
        }
        if let i = layout.position(.customer) {
            let b = field(i)
            if !b.isEmpty {
                cases[Int(key)].customer.offer(intern(b, .customer, into: &customers), at: at, sequence: sequence)
            }
        }
        if let i = layout.position(.description), !field(i).isEmpty { cases[Int(key)].hasDescription = true }
        if layout.handover >= 0 {
            let b = field(layout.handover)
            if !b.isEmpty {
                let team = teams.intern(b)
                if Int(team) == teamEscalates.count {
                    teamEscalates.append(profile.handover?.escalates(into: String(decoding: b, as: UTF8.self)) ?? false)
                }
                teamRows.append((key, at, sequence, line, team))
            }
        }
        if let activity {
            // A row's events share its sequence; they differ in type, which orders ties.
            func event(_ type: EventType, _ value: UInt8 = 0, _ actor: Actor? = nil) {
                events.append(
                    CaseEvent(
                        caseIndex: key, line: line, at: at, type: type, value: value, actor: actor,
                        sequence: sequence))
            }
            let m = activity.meanings
            if m.contains(.created) {
                let c = cases[Int(key)]
                if c.created.map({ (at, sequence) < ($0, c.createdSequence) }) ?? true {
                    cases[Int(key)].created = at
                    cases[Int(key)].createdSequence = sequence
                }
            }
            if let status = activity.status { event(.status, status.rawValue) }
            if m.contains(.closed), activity.status != .closed { event(.status, CaseStatus.closed.rawValue) }
            if m.contains(.severityChanged), let severity { event(.severity, severity.rawValue) }
            if m.contains(.priorityChanged), let priority { event(.priority, priority.rawValue) }
            if m.contains(.assigned) { event(.assigned) }
            if m.contains(.firstResponse) { event(.firstResponse) }
            if m.contains(.update) { event(.update, 0, .support) }
            if m.contains(.serviceRestored) { event(.serviceRestored) }
            if m.contains(.rcaDelivered) { event(.rcaDelivered) }
            if m.contains(.escalationRequested) {
                requests.append((key, at, sequence, line))
            }
        }
        // Keep the row's text only while its case has no severity.
        if cases[Int(key)].severity.value == nil {
            pending[key, default: []].append((record.line, record.strings()))
        } else if pending[key] != nil {
            pending[key] = nil
        }
    }

    /// The activity last looked up, for messages.
    private var activityText: String { String(decoding: activityBuffer, as: UTF8.self) }

    /// What the activity spelled by `bytes` means, if anything (cached per distinct activity).
    private mutating func meaning(of bytes: [UInt8]) -> ActivityMeaning? {
        let id = bytes.withUnsafeBufferPointer { activityIDs.intern($0) }
        if Int(id) == activityCache.count {
            activityCache.append(meaningOf[EventLogProfile.normalize(String(decoding: bytes, as: UTF8.self))])
        }
        return activityCache[Int(id)]
    }

    /// The value of `attribute` on this row as our enumeration's raw number; nil when missing.
    private mutating func enumValue<T>(
        _ attribute: Attribute, _ record: CSVRecord, _ layout: EventLogLayout, _ expected: String,
        _ parse: (Bytes) -> T?, _ raw: (T) -> UInt8
    ) throws(FieldProblem) -> UInt8? {
        guard let i = layout.position(attribute) else { return nil }
        let b = missing.clean(record[i])
        if b.isEmpty { return nil }
        let slot = Attribute.allCases.firstIndex(of: attribute) ?? 0
        let id = valueIDs[slot].intern(b)
        if Int(id) == valueCodes[slot].count {
            let text = String(decoding: b, as: UTF8.self)
            var ours = valueMaps[attribute]?[CSVHeader.normalize(text)] ?? text
            let code = ours.withUTF8 { parse($0) }.map { Int32(raw($0)) } ?? -2
            valueCodes[slot].append(code)
        }
        let code = valueCodes[slot][Int(id)]
        if code >= 0 { return UInt8(code) }
        let text = FieldProblem.cut(String(decoding: b, as: UTF8.self))
        let mapped = valueMaps[attribute]?[CSVHeader.normalize(text)]
        throw FieldProblem(
            column: layout.names[i], value: text, reason: .badValue,
            detail: mapped.map { "\"\(text)\" maps to \"\($0)\", which is not \(expected)" }
                ?? "\"\(text)\" is not \(expected) and event_log.values.\(attribute.rawValue) does not map it")
    }

    private mutating func enumValue<T: RawRepresentable>(
        _ attribute: Attribute, _ record: CSVRecord, _ layout: EventLogLayout, _ expected: String,
        _ parse: (Bytes) -> T?
    ) throws(FieldProblem) -> UInt8? where T.RawValue == UInt8 {
        try enumValue(attribute, record, layout, expected, parse) { $0.rawValue }
    }

    /// The number of a text attribute's value in `table`, through the profile's value map.
    private func intern(_ b: Bytes, _ attribute: Attribute, into table: inout IDTable) -> Int32 {
        if let map = valueMaps[attribute], let mapped = map[CSVHeader.normalize(String(decoding: b, as: UTF8.self))] {
            return table.intern(mapped)
        }
        return table.intern(b)
    }

    // MARK: The dataset

    /// Builds the dataset: cases in the order they first appear, events grouped by case in time
    /// order, escalations in input order.
    mutating func finish(file: String, stats: FileStats, severityColumn: String) -> Dataset {
        var data = Dataset()
        var stats = stats
        data.orgs = orgs
        data.customers = customers
        var noOrgNumber: Int32?
        // Local key -> final case index, or -1 for a case without severity.
        var caseOf = [Int32](repeating: -1, count: cases.count)
        var late: [Rejection] = []
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
                id: n, org: org, customer: c.customer.value ?? -1, createdAt: c.created ?? c.first,
                severity: severity, priority: c.priority.value, channel: c.channel.value,
                deployment: c.deployment.value ?? .commercial, hasDescription: c.hasDescription,
                firstResponseAt: nil, assignedAt: nil, resolvedAt: nil, closedAt: nil,
                platformIncident: c.platformIncident.value ?? false, serviceRestoredAt: nil, rcaDeliveredAt: nil,
                source: SourcePosition(file: 0, line: c.firstLine))
            data.cases.append(record)
        }
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
        return data
    }

    /// The escalation requests, from activities and hand-overs, numbered per case in time order.
    private func escalations(caseOf: [Int32], into data: inout Dataset) -> [EscalationRecord] {
        struct Request {
            var key: Int32
            var at: Instant
            var sequence: Int32
            var line: Int32
            var closedAt: Instant?
        }
        var all: [Request] = requests.map { Request(key: $0.key, at: $0.at, sequence: $0.sequence, line: $0.line) }
        if profile.handover != nil {
            let rows = teamRows.sorted { ($0.key, $0.at, $0.sequence) < ($1.key, $1.at, $1.sequence) }
            var previous: (key: Int32, team: Int32)?
            var open: Int?  // index in `all` of the case's open hand-over escalation
            for row in rows {
                if previous?.key != row.key { open = nil }
                defer { previous = (row.key, row.team) }
                guard let before = previous, before.key == row.key, before.team != row.team else { continue }
                if let o = open {
                    all[o].closedAt = row.at
                    open = nil
                }
                if teamEscalates[Int(row.team)] {
                    all.append(
                        Request(
                            key: row.key, at: row.at, sequence: row.sequence,
                            line: row.line))
                    open = all.count - 1
                }
            }
        }
        all.removeAll { caseOf[Int($0.key)] < 0 }
        // Number per case in time order, then list in input order.
        let order = all.indices.sorted {
            (all[$0].key, all[$0].at, all[$0].sequence, $0) < (all[$1].key, all[$1].at, all[$1].sequence, $1)
        }
        var numberOf = [Int](repeating: 0, count: all.count)
        var previousKey: Int32 = -1
        var n = 0
        for i in order {
            n = all[i].key == previousKey ? n + 1 : 1
            previousKey = all[i].key
            numberOf[i] = n
        }
        var result: [EscalationRecord] = []
        result.reserveCapacity(all.count)
        for i in all.indices.sorted(by: { (all[$0].sequence, $0) < (all[$1].sequence, $1) }) {
            let r = all[i]
            let id = data.escalationIDs.intern(keys.string(r.key) + "#\(numberOf[i])")
            result.append(
                EscalationRecord(
                    id: id, caseIndex: caseOf[Int(r.key)], requestedAt: r.at, reason: nil, channel: nil,
                    decision: nil, decidedAt: nil, closedAt: r.closedAt, owner: -1, sequence: r.sequence,
                    source: SourcePosition(file: 0, line: r.line)))
        }
        return result
    }
}
