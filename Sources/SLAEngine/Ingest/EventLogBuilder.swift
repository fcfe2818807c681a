import CSVStream
import SLAConfig
import SLAModel
import SLARules
import SLATime

/// A value with the time and file order it was read at: the latest one wins, or with `earliest`
/// (an audit log's opening values) the first.
struct Latest<T> {
    var value: T?
    var at = Instant(millis: Int64.min)
    var sequence: Int32 = -1

    mutating func offer(_ v: T?, at t: Instant, sequence s: Int32, earliest: Bool = false) {
        guard let v else { return }
        let wins = earliest ? (value == nil || (t, s) < (at, sequence)) : (t, s) >= (at, sequence)
        if wins {
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
    /// `[event_log.instants]`: created, resolved, closed (the latest value given).
    var createdColumn = Latest<Instant>()
    var resolvedColumn = Latest<Instant>()
    var closedColumn = Latest<Instant>()
    /// Unknown values blanked or defaulted in the case's rows (the finding `unknown-value`).
    var unknownValues: Int32 = 0
}

/// What one activity means, worked out once per distinct activity.
struct ActivityMeaning {
    var meanings: Set<EventLogProfile.Meaning>
    var status: CaseStatus?
}

/// Where one accepted row sits: its case (local key), instant, order in the input and line.
struct RowPlace {
    var key: Int32
    var at: Instant
    var sequence: Int32
    var line: Int32

    /// Case, then time, then file order: the order in which a case's rows are walked.
    var order: (Int32, Instant, Int32) { (key, at, sequence) }

    /// An event of this row (its case by local key).
    func event(_ type: EventType, _ value: UInt8 = 0, _ actor: Actor? = nil) -> CaseEvent {
        CaseEvent(caseIndex: key, line: line, at: at, type: type, value: value, actor: actor, sequence: sequence)
    }
}

/// One accepted row of an audit log, kept until the case's rows can be walked in time order.
struct LoggedRow {
    var place: RowPlace
    /// The activity's number in `EventLogBuilder.activityIDs`.
    var activity: Int32
    /// The row's severity and priority as raw numbers; 0 when not given.
    var severity: UInt8
    var priority: UInt8
}

/// One accepted row's value in a column whose changes are events (`[event_log.changes]`).
struct ChangeRow {
    var place: RowPlace
    /// Index in `EventLogLayout.changes`.
    var change: Int32
    /// The value's number in that column's value table.
    var value: Int32
}

/// The state of one event-log read: cases by local key, their events and escalations.
///
/// A snapshot log's rows become events as they are read; an audit log's rows are kept (a few
/// numbers each) and walked per case in time order by `finish`, where changes become events.
struct EventLogBuilder {
    typealias Bytes = UnsafeBufferPointer<UInt8>
    typealias Meaning = EventLogProfile.Meaning
    typealias Attribute = EventLogProfile.Attribute

    let profile: EventLogProfile
    let missing: MissingTokens
    var audit: Bool { profile.rows == .audit }
    /// Normalized export value → ours, per attribute.
    var valueMaps: [Attribute: [String: String]] = [:]

    var keys = IDTable()
    var cases: [CaseState] = []
    /// Events with `caseIndex` = the local key.
    var events: [CaseEvent] = []
    /// Escalation requests from activities.
    var requests: [RowPlace] = []
    /// Escalation requests from column changes (numbered after those of activities and hand-overs).
    var changeRequests: [RowPlace] = []
    /// Rows naming a team, for hand-overs, with the team's number.
    var teamRows: [(place: RowPlace, team: Int32)] = []
    var teams = IDTable(capacity: 64)
    var teamEscalates: [Bool] = []
    /// An audit log's accepted rows.
    var loggedRows: [LoggedRow] = []
    /// Accepted rows' values in the columns of `[event_log.changes]`.
    var changeRows: [ChangeRow] = []
    /// Per change column: its distinct values, whether a change to each counts, and rows seen.
    var changeValues: [IDTable] = []
    var changeCounts: [[Bool]] = []
    /// Rows of cases that have no severity yet, kept whole in case none ever comes.
    var pending: [Int32: [(line: Int, fields: [String])]] = [:]
    /// Per attribute (indexed like `Attribute.allCases`): distinct raw values, our code for each
    /// (-1: mapped to "", missing; -2: not ours; -3: a number with a label that the map does not
    /// list), whether the value
    /// map lists it, and the rows that gave it.
    var valueIDs: [IDTable]
    var valueCodes: [[Int32]]
    var valueListed: [[Bool]]
    var valueRows: [[Int]]
    /// Per attribute: the code `unknown_values` gives an unknown value, or -1 (blank), or nil (reject).
    var unknownCodes: [Int32?]
    /// Unknown values blanked or defaulted in the row being read.
    var rowUnknowns: Int32 = 0
    var activityBuffer: [UInt8] = []
    /// Distinct activities as read, what each means, how many rows gave each, and each one's
    /// normalized form's number (an audit log compares activities by it).
    var activityIDs = IDTable(capacity: 64)
    var activityCache: [ActivityMeaning?] = []
    var activityRows: [Int] = []
    var activityNormal: [Int32] = []
    var normalActivities = IDTable(capacity: 64)

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
        valueListed = Attribute.allCases.map { _ in [] }
        valueRows = Attribute.allCases.map { _ in [] }
        unknownCodes = Attribute.allCases.map { attribute -> Int32? in
            switch profile.unknownValues[attribute] ?? .reject {
            case .reject: return nil
            case .blank: return -1
            case .value(let text): return Self.code(attribute, text) ?? -1
            }
        }
        changeValues = profile.orderedChanges.map { _ in IDTable(capacity: 64) }
        changeCounts = profile.orderedChanges.map { _ in [] }
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
        func instant(_ i: Int) throws(FieldProblem) -> Instant? {
            let stamp = field(i)
            if stamp.isEmpty { return nil }
            guard let at = timestamps.parse(stamp) else {
                let text = FieldProblem.cut(String(decoding: stamp, as: UTF8.self))
                throw FieldProblem(
                    column: layout.names[i], value: text, reason: .badTimestamp,
                    detail:
                        "\"\(text)\" is not a timestamp (expected ISO 8601 such as 2026-10-03T14:05:00Z, or one of input.timestamp_formats)"
                )
            }
            return at
        }
        rowUnknowns = 0
        let id = field(layout.caseID)
        guard !id.isEmpty else { throw missingValue(layout.caseID, "required value is missing (the case id)") }
        guard let at = try instant(layout.timestamp) else {
            throw missingValue(layout.timestamp, "required value is missing (the timestamp)")
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
        let activityID = noteActivity(activityBuffer)
        let activity = activityCache[Int(activityID)]
        // Attributes: every present value must be one of ours (or be handled as unknown_values says).
        let severity = try enumValue(.severity, record, layout).flatMap { Severity(rawValue: $0) }
        let priority = try enumValue(.priority, record, layout).flatMap { Priority(rawValue: $0) }
        let channel = try enumValue(.channel, record, layout).flatMap { Channel(rawValue: $0) }
        let deployment = try enumValue(.deployment, record, layout).flatMap { Deployment(rawValue: $0) }
        let incident = try enumValue(.platformIncident, record, layout).map { $0 == 1 }
        if let activity, !audit {
            if activity.meanings.contains(.severityChanged), severity == nil, let i = layout.position(.severity) {
                throw missingValue(i, "a severity change (\(activityText)) needs the new severity in this column")
            }
            if activity.meanings.contains(.priorityChanged), priority == nil, let i = layout.position(.priority) {
                throw missingValue(i, "a priority change (\(activityText)) needs the new priority in this column")
            }
        }
        var created: Instant?
        var resolved: Instant?
        var closed: Instant?
        if layout.instants[0] >= 0 { created = try instant(layout.instants[0]) }
        if layout.instants[1] >= 0 { resolved = try instant(layout.instants[1]) }
        if layout.instants[2] >= 0 { closed = try instant(layout.instants[2]) }
        // The row is usable: record what it says.
        // The 0-based data row, as the plain loader numbers rows (`explain` finds lines by it).
        let sequence = Int32(clamping: row - 1)
        let line = Int32(clamping: record.line)
        let key = keys.intern(id)
        let place = RowPlace(key: key, at: at, sequence: sequence, line: line)
        let k = Int(key)
        if k == cases.count {
            cases.append(CaseState(first: at, firstSequence: sequence, firstLine: line))
        } else if (at, sequence) < (cases[k].first, cases[k].firstSequence) {
            cases[k].first = at
            cases[k].firstSequence = sequence
            cases[k].firstLine = line
        }
        func noteLatest(_ t: Instant?) {
            if let t, latest.map({ $0 < t }) ?? true { latest = t }
        }
        noteLatest(at)
        noteLatest(created)
        noteLatest(resolved)
        noteLatest(closed)
        let first = audit
        cases[k].severity.offer(severity, at: at, sequence: sequence, earliest: first)
        cases[k].priority.offer(priority, at: at, sequence: sequence, earliest: first)
        cases[k].channel.offer(channel, at: at, sequence: sequence, earliest: first)
        cases[k].deployment.offer(deployment, at: at, sequence: sequence, earliest: first)
        cases[k].platformIncident.offer(incident, at: at, sequence: sequence, earliest: first)
        cases[k].createdColumn.offer(created, at: at, sequence: sequence)
        cases[k].resolvedColumn.offer(resolved, at: at, sequence: sequence)
        cases[k].closedColumn.offer(closed, at: at, sequence: sequence)
        cases[k].unknownValues += rowUnknowns
        if let i = layout.position(.org) {
            let b = field(i)
            if !b.isEmpty {
                let org = textNumber(b, .org)
                cases[k].org.offer(org, at: at, sequence: sequence, earliest: first)
            }
        }
        if let i = layout.position(.customer) {
            let b = field(i)
            if !b.isEmpty {
                let customer = textNumber(b, .customer)
                cases[k].customer.offer(customer, at: at, sequence: sequence, earliest: first)
            }
        }
        if let i = layout.position(.description), !field(i).isEmpty {
            if valueMaps[.description] != nil { noteText(field(i), .description) }
            cases[k].hasDescription = true
        }
        if layout.handover >= 0 {
            let b = field(layout.handover)
            if !b.isEmpty {
                let team = teams.intern(b)
                if Int(team) == teamEscalates.count {
                    teamEscalates.append(profile.handover?.escalates(into: String(decoding: b, as: UTF8.self)) ?? false)
                }
                teamRows.append((place, team))
            }
        }
        for (n, change) in layout.changes.enumerated() {
            let b = field(change.position)
            if b.isEmpty { continue }
            let value = changeValues[n].intern(b)
            if Int(value) == changeCounts[n].count {
                changeCounts[n].append(change.rule.counts(String(decoding: b, as: UTF8.self)))
            }
            changeRows.append(ChangeRow(place: place, change: Int32(n), value: value))
        }
        if audit {
            loggedRows.append(
                LoggedRow(
                    place: place, activity: activityID, severity: severity?.rawValue ?? 0,
                    priority: priority?.rawValue ?? 0))
        } else if let activity {
            var status = activity.status
            if activity.meanings.contains(.closed), status != .closed {
                emitStatus(place, status)
                status = .closed
            }
            emitStatus(place, status)
            emit(activity.meanings, place, severity: severity, priority: priority)
        }
        // Keep the row's text only while its case has no severity.
        if cases[k].severity.value == nil {
            pending[key, default: []].append((record.line, record.strings()))
        } else if pending[key] != nil {
            pending[key] = nil
        }
    }

    /// A status event, when `status` is given.
    mutating func emitStatus(_ place: RowPlace, _ status: CaseStatus?) {
        guard let status else { return }
        events.append(place.event(.status, status.rawValue))
    }

    /// The events and escalation request that an activity's meanings add at one row (its status
    /// apart); a row's events share its sequence and differ in type, which orders ties.
    mutating func emit(_ m: Set<Meaning>, _ place: RowPlace, severity: Severity?, priority: Priority?) {
        func event(_ type: EventType, _ value: UInt8 = 0, _ actor: Actor? = nil) {
            events.append(place.event(type, value, actor))
        }
        if m.contains(.created) {
            let c = cases[Int(place.key)]
            if c.created.map({ (place.at, place.sequence) < ($0, c.createdSequence) }) ?? true {
                cases[Int(place.key)].created = place.at
                cases[Int(place.key)].createdSequence = place.sequence
            }
        }
        if m.contains(.severityChanged), let severity { event(.severity, severity.rawValue) }
        if m.contains(.priorityChanged), let priority { event(.priority, priority.rawValue) }
        if m.contains(.assigned) { event(.assigned) }
        if m.contains(.firstResponse) { event(.firstResponse) }
        if m.contains(.update) { event(.update, 0, .support) }
        if m.contains(.serviceRestored) { event(.serviceRestored) }
        if m.contains(.rcaDelivered) { event(.rcaDelivered) }
        if m.contains(.escalationRequested) { requests.append(place) }
    }

    /// The activity last looked up, for messages.
    var activityText: String { String(decoding: activityBuffer, as: UTF8.self) }

    /// Counts the activity spelled by `bytes` and returns its number (what it means is worked out
    /// once per distinct activity, patterns included).
    mutating func noteActivity(_ bytes: [UInt8]) -> Int32 {
        let id = bytes.withUnsafeBufferPointer { activityIDs.intern($0) }
        if Int(id) == activityCache.count {
            let normalized = EventLogProfile.normalize(String(decoding: bytes, as: UTF8.self))
            let meanings = profile.meanings(ofNormalized: normalized)
            let status = profile.status(ofNormalized: normalized)
            activityCache.append(
                meanings.isEmpty && status == nil ? nil : ActivityMeaning(meanings: meanings, status: status))
            activityRows.append(0)
            activityNormal.append(normalActivities.intern(normalized))
        }
        activityRows[Int(id)] += 1
        return id
    }

    /// Our code for `text` as a value of `attribute` (raw number of the enumeration), nil if not ours.
    static func code(_ attribute: Attribute, _ text: String) -> Int32? {
        var copy = text
        return copy.withUTF8 { b -> Int32? in
            switch attribute {
            case .severity: return ValueParsing.severity(b).map { Int32($0.rawValue) }
            case .priority: return ValueParsing.priority(b).map { Int32($0.rawValue) }
            case .channel: return ValueParsing.channel(b).map { Int32($0.rawValue) }
            case .deployment: return ValueParsing.deployment(b).map { Int32($0.rawValue) }
            case .platformIncident: return ValueParsing.bool(b).map { $0 ? 1 : 0 }
            case .org, .customer, .description: return nil
            }
        }
    }

    /// What a value of `attribute` must be, for messages.
    static func expected(_ attribute: Attribute) -> String {
        switch attribute {
        case .severity: return Expected.severity
        case .priority: return Expected.priority
        case .channel: return Expected.channel
        case .deployment: return Expected.deployment
        case .platformIncident: return Expected.bool
        case .org, .customer, .description: return "text"
        }
    }

    static func slot(_ attribute: Attribute) -> Int { Attribute.allCases.firstIndex(of: attribute) ?? 0 }

    /// The value of an enumerated `attribute` on this row as our enumeration's raw number; nil
    /// when missing, or unknown and blanked. An unknown value rejects the row unless
    /// `unknown_values` says otherwise (never for severity).
    mutating func enumValue(_ attribute: Attribute, _ record: CSVRecord, _ layout: EventLogLayout)
        throws(FieldProblem) -> UInt8?
    {
        guard let i = layout.position(attribute) else { return nil }
        let b = missing.clean(record[i])
        if b.isEmpty { return nil }
        let slot = Self.slot(attribute)
        let id = valueIDs[slot].intern(b)
        if Int(id) == valueCodes[slot].count {
            let text = String(decoding: b, as: UTF8.self)
            let mapped = valueMaps[attribute]?[CSVHeader.normalize(text)]
            let code: Int32
            if let mapped {
                // A value mapped to "" counts as missing.
                code = mapped.trimmingCharacters(in: .whitespaces).isEmpty ? -1 : Self.code(attribute, mapped) ?? -2
            } else if attribute == .severity || attribute == .priority, EventLogProfile.isLabelled(text) {
                code = -3
            } else {
                code = Self.code(attribute, text) ?? -2
            }
            valueCodes[slot].append(code)
            valueListed[slot].append(mapped != nil)
            valueRows[slot].append(0)
        }
        valueRows[slot][Int(id)] += 1
        let code = valueCodes[slot][Int(id)]
        if code >= 0 { return UInt8(code) }
        if code == -1 { return nil }
        if let handled = unknownCodes[slot] {
            rowUnknowns += 1
            return handled >= 0 ? UInt8(handled) : nil
        }
        let text = FieldProblem.cut(String(decoding: b, as: UTF8.self))
        let expected = Self.expected(attribute)
        let detail: String
        if let mapped = valueMaps[attribute]?[CSVHeader.normalize(text)] {
            detail = "\"\(text)\" maps to \"\(mapped)\", which is not \(expected)"
        } else if code == -3 {
            detail =
                "\"\(text)\" is a number with a label, which an event log reads only through a value map: "
                + "write e.g. \"\(text)\" = \(attribute == .severity ? "1" : "\"low\"") in [event_log.values.\(attribute.rawValue)]"
        } else {
            detail = "\"\(text)\" is not \(expected) and event_log.values.\(attribute.rawValue) does not map it"
        }
        throw FieldProblem(column: layout.names[i], value: text, reason: .badValue, detail: detail)
    }

    /// The number of an org's or customer's name in `orgs` or `customers`, through the profile's
    /// value map (each raw value counted for the profile checks when the attribute has a map).
    mutating func textNumber(_ b: Bytes, _ attribute: Attribute) -> Int32 {
        var mapped: String?
        if let map = valueMaps[attribute] {
            noteText(b, attribute)
            mapped = map[CSVHeader.normalize(String(decoding: b, as: UTF8.self))]
        }
        if attribute == .org {
            return mapped.map { orgs.intern($0) } ?? orgs.intern(b)
        }
        return mapped.map { customers.intern($0) } ?? customers.intern(b)
    }

    /// Counts a raw value of a text attribute that has a value map, for the profile checks.
    mutating func noteText(_ b: Bytes, _ attribute: Attribute) {
        let slot = Self.slot(attribute)
        let id = valueIDs[slot].intern(b)
        if Int(id) == valueCodes[slot].count {
            let listed = valueMaps[attribute]?[CSVHeader.normalize(String(decoding: b, as: UTF8.self))] != nil
            valueCodes[slot].append(0)
            valueListed[slot].append(listed)
            valueRows[slot].append(0)
        }
        valueRows[slot][Int(id)] += 1
    }
}
