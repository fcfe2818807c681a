import CSVStream
import SLAConfig
import SLAModel
import SLARules
import SLATime

/// The input files of one run, grouped by kind (each kind may have several files).
public struct InputFiles: Sendable {
    public var cases: [InputLocation]
    public var events: [InputLocation]
    public var escalations: [InputLocation]
    /// organizations.csv (v2); empty when not given.
    public var organizations: [InputLocation]
    /// exclusions.csv (v2); empty when not given.
    public var exclusions: [InputLocation]

    public init(
        cases: [InputLocation], events: [InputLocation] = [], escalations: [InputLocation] = [],
        organizations: [InputLocation] = [], exclusions: [InputLocation] = []
    ) {
        self.cases = cases
        self.events = events
        self.escalations = escalations
        self.organizations = organizations
        self.exclusions = exclusions
    }
}

/// Reads the inputs into a `Dataset`: cases first, so that events and escalations can be
/// joined to them whatever order they come in.
///
/// A row with a missing or unparseable value, or the wrong number of fields, is rejected whole
/// with its reason and position; a CSV that cannot be parsed at all (or lacks a required
/// column) stops the load with an `InputError`.
public struct Loader: Sendable {
    public let config: SLAConfig
    public var readerOptions: CSVReaderOptions
    let timestamps: TimestampParser
    /// Called now and then from the reading threads with the rows and bytes read so far of one
    /// kind of file (0: cases, 1: events, 2: escalations), for a progress line.
    public var progress: (@Sendable (_ part: Int, _ rows: Int, _ bytes: Int64) -> Void)?

    /// The bytes parsed at a time by every reader of inputs (`Loader`, `EventLogLoader`,
    /// `explain`). A chunk's fields (with their offsets, about 1.7 times its size) are still in
    /// the core's own cache when its rows are decoded, and a helping core parses ahead in steps
    /// that small (256 KiB against 1 MiB: a small gain in every comparison, 1.27 → 1.24 s
    /// median load of 1M cases in the last).
    public static let chunkSize = 1 << 18

    public init(config: SLAConfig, chunkSize: Int = Loader.chunkSize) {
        self.config = config
        timestamps = TimestampParser(zone: config.zone, compiled: config.input.timestampFormats)
        readerOptions = CSVReaderOptions(
            delimiter: config.input.delimiter, chunkSize: chunkSize, maxFieldBytes: config.input.maxFieldBytes)
    }

    /// Reads every input and returns the dataset.
    ///
    /// On `Parallel.threads` threads: the cases, the events and the escalations are each read
    /// into a dataset of their own (events and escalations intern their case ids in tables of
    /// their own), and then joined (see `LoaderJoin`). The steps go to whichever thread is free:
    /// the three files are read, the thread done first taking the escalations, and the events'
    /// cases are mapped and counted in parts as soon as cases and events are read; then the
    /// escalations are joined while the events are placed into their cases' groups and ordered
    /// in parts. A thread with no step to take parses ahead a file that another is
    /// reading, which then only decodes its rows. Errors are reported as if the files had been
    /// read one after the other (cases, events, escalations): the first file's first.
    public func load(_ inputs: InputFiles) throws(InputError) -> Dataset {
        let join = LoaderJoin(parts: min(Parallel.threads, LoaderJoin.maxParts))
        let offers = Parallel.Offers()
        var steps: [Parallel.Step] = []
        /// Adds a step after `after` and returns its number; a thread takes the first ready
        /// step in this order.
        func step(after: [Int] = [], _ body: @escaping @Sendable () -> Void) -> Int {
            steps.append(Parallel.Step(after: after, body))
            return steps.count - 1
        }
        let parts = 0..<join.parts
        let cases = step { join.cases = readAll(inputs.cases, kind: .cases, offers) }
        let events = step { join.readEvents(readAll(inputs.events, kind: .events, offers)) }
        _ = step { join.readEscalations(readAll(inputs.escalations, kind: .escalations, offers)) }
        if !inputs.organizations.isEmpty {
            _ = step { join.organizations = readAll(inputs.organizations, kind: .organizations, offers) }
        }
        let mapped = parts.map { part in step(after: [cases, events]) { join.mapEventCases(part: part) } }
        let counted = parts.map { part in step(after: mapped) { join.countEvents(part: part) } }
        _ = step(after: counted) { join.prepareGroups() }
        Parallel.run(steps, offers: offers)
        // Then the escalations are joined while the events are placed into their cases' groups
        // and ordered, in the array that lends its memory for that time only. (Reading the
        // escalations there too overlapped their reader and id table with both event arrays:
        // 313 against 303 MiB at 1M.)
        join.groupEvents(alongside: [Parallel.Step { join.joinEscalations() }], offers: offers)
        var data = try join.dataset()
        try attachExclusions(inputs.exclusions, to: &data)
        return data
    }

    /// Reads exclusions.csv files and attaches them to `data` (after its cases are in).
    public func attachExclusions(_ files: [InputLocation], to data: inout Dataset) throws(InputError) {
        guard !files.isEmpty else { return }
        data.attach(exclusions: try readAll(files, kind: .exclusions, Parallel.Offers()).get().data)
    }

    /// Reads organizations.csv files alone (for an event log, whose loader has no such file) and
    /// attaches them to `data`.
    public func attachOrganizations(_ files: [InputLocation], to data: inout Dataset) throws(InputError) {
        guard !files.isEmpty else { return }
        data.attach(organizations: try readAll(files, kind: .organizations, Parallel.Offers()).get().data)
    }

    /// Reads the files of one kind, one after the other, into a dataset of their own; also
    /// returns the number of data rows read (each row's `sequence` is its number among them).
    ///
    /// While a file is read, a core with nothing else to do may parse it ahead (`offers`).
    private func readAll(
        _ files: [InputLocation], kind: SLAConfig.InputFile, _ offers: Parallel.Offers
    ) -> Result<(data: Dataset, rows: Int32), InputError> {
        Result { () throws(InputError) in
            var data = Dataset()
            var sequence: Int32 = 0
            // The arrays are sized once, at the first file, for the bytes of every file of the
            // kind, not grown (and copied) at each: when all are plain files, their sizes are known.
            let sizes = files.map(\.plainFileSize)
            for (i, location) in files.enumerated() {
                let known = sizes[i...].compactMap { $0 }
                let planned = known.count == files.count - i ? known.reduce(0, +) : sizes[i]
                try read(location, kind: kind, into: &data, sequence: &sequence, plannedBytes: planned, offers: offers)
            }
            return (data, sequence)
        }
    }

    /// Reads one file into `data`. `plannedBytes`: the bytes to make room for, from this file's
    /// rows per byte (this file's and the later files' of its kind), when known.
    private func read(
        _ location: InputLocation, kind: SLAConfig.InputFile, into data: inout Dataset, sequence: inout Int32,
        plannedBytes: Int?, offers: Parallel.Offers
    ) throws(InputError) {
        let name = location.description
        let fileIndex = Int32(data.files.count)
        if kind == .events { data.eventFileStarts.append((fileIndex, sequence)) }
        var stats = FileStats(kind: kind, path: name, rowsRead: 0, rowsRejected: 0, bytes: 0)
        var decoder: RowDecoder?
        var fieldCount = 0
        var firstChunkBytes: Int64 = 0
        var reserved = false
        // What was read of this kind before this file, for progress.
        let partRows = data.files.reduce(0) { $0 + $1.rowsRead }
        let partBytes = data.files.reduce(Int64(0)) { $0 + $1.bytes }
        do {
            let reader = try CSVReader(location: location, options: readerOptions)
            offers.offer(reader)
            defer { offers.withdraw(reader) }
            // Every row looks its case id (and an escalation its own id) up in a table of up to
            // millions of ids, each lookup a cache miss: prefetching a few rows ahead lets the
            // misses overlap. (The raw field is hashed: one that needs trimming only misses.)
            var caseIDField = -1
            var escalationIDField = -1
            var orgField = -1
            var customerField = -1
            try reader.forEachRecord(
                lookahead: { (record: CSVRecord, stage: Int) in
                    if caseIDField >= 0, caseIDField < record.count {
                        data.caseIDs.prefetch(record[caseIDField], stage: stage)
                    }
                    if escalationIDField >= 0, escalationIDField < record.count {
                        data.escalationIDs.prefetch(record[escalationIDField], stage: stage)
                    }
                    if orgField >= 0, orgField < record.count { data.orgs.prefetch(record[orgField], stage: stage) }
                    if customerField >= 0, customerField < record.count {
                        data.customers.prefetch(record[customerField], stage: stage)
                    }
                },
                { (record: CSVRecord) throws(InputError) in
                    guard let decoder else {
                        let columns = try ColumnLayout(
                            header: CSVHeader(record), file: name, kind: kind, columns: Loader.columns(kind),
                            mapping: config.input[kind], missing: MissingTokens(config.input.missingTokens))
                        decoder = RowDecoder(layout: columns, timestamps: timestamps, file: name)
                        caseIDField = columns.position(.caseID) ?? -1
                        escalationIDField = kind == .escalations ? columns.position(.escalationID) ?? -1 : -1
                        orgField = kind == .cases ? columns.position(.orgID) ?? -1 : -1
                        customerField = kind == .cases ? columns.position(.customer) ?? -1 : -1
                        fieldCount = columns.fieldCount
                        return
                    }
                    stats.rowsRead += 1
                    if stats.rowsRead % 65536 == 0, let progress {
                        progress(
                            kind == .cases ? 0 : kind == .events ? 1 : 2, partRows + stats.rowsRead,
                            partBytes + reader.bytesRead)
                    }
                    if let size = plannedBytes, !reserved {
                        // Reserve once from the rows per byte of the first chunk, rather than
                        // doubling (and copying) a large array several times. The first row of the
                        // second chunk tells how many rows the first held.
                        if firstChunkBytes == 0 {
                            firstChunkBytes = reader.bytesRead
                        } else if reader.bytesRead > firstChunkBytes {
                            // Rows differ in length through a file, so the arrays get a quarter more
                            // than the estimate: capacity never written is never made resident.
                            let rows = stats.rowsRead - 1
                            let estimate = Double(size) / Double(firstChunkBytes) * Double(rows)
                            data.reserve(
                                max(0, Int(estimate * 1.25) - rows), ids: max(0, Int(estimate) - rows), of: kind)
                            reserved = true
                        }
                    }
                    let fields = RowFields(record: record, decoder: decoder)
                    let position = SourcePosition(file: fileIndex, line: Int32(clamping: record.line))
                    let problem: FieldProblem?
                    if record.count != fieldCount {
                        problem = .wrongFieldCount(record.count, header: fieldCount)
                    } else {
                        do throws(FieldProblem) {
                            switch kind {
                            case .cases: try addCase(fields, position, &data)
                            case .events: try addEvent(fields, position, &data, sequence)
                            case .escalations: try addEscalation(fields, position, &data, sequence)
                            case .organizations: try addOrganization(fields, position, &data)
                            case .exclusions: try addExclusion(fields, position, &data)
                            }
                            problem = nil
                        } catch {
                            problem = error
                        }
                    }
                    sequence += 1
                    if let problem {
                        stats.rowsRejected += 1
                        data.rejections.append(
                            Rejection(problem, file: name, kind: kind, record: record))
                    }
                })
            stats.bytes = reader.bytesRead
        } catch {
            throw InputError.wrapping(error, file: name)
        }
        data.files.append(stats)
    }

    // MARK: - One row of each kind

    private func addCase(_ f: RowFields, _ position: SourcePosition, _ data: inout Dataset) throws(FieldProblem) {
        let id = try f.requiredBytes(.caseID)
        let org = try f.requiredBytes(.orgID)
        let createdAt = try f.requiredInstant(.createdAt)
        let severity = try f.required(.severity, expected: Expected.severity, ValueParsing.severity)
        var record = CaseRecord(
            id: 0, org: 0, customer: -1, createdAt: createdAt, severity: severity,
            priority: try f.value(.priority, expected: Expected.priority, ValueParsing.priority),
            channel: try f.value(.channel, expected: Expected.channel, ValueParsing.channel),
            deployment: try f.value(.deployment, expected: Expected.deployment, ValueParsing.deployment)
                ?? .commercial,
            hasDescription: f.bytes(.description) != nil,
            firstResponseAt: try f.instant(.firstResponseAt),
            assignedAt: try f.instant(.assignedAt),
            resolvedAt: try f.instant(.resolvedAt),
            closedAt: try f.instant(.closedAt),
            platformIncident: try f.value(.platformIncident, expected: Expected.bool, ValueParsing.bool) ?? false,
            serviceRestoredAt: try f.instant(.serviceRestoredAt),
            rcaDeliveredAt: try f.instant(.rcaDeliveredAt),
            source: position)
        // Only a row that is valid in every other way claims its id: the first such row wins.
        let number = data.caseIDs.intern(id)
        guard Int(number) == data.cases.count else {
            throw FieldProblem(
                column: "case_id", value: FieldProblem.cut(String(decoding: id, as: UTF8.self)),
                reason: .duplicateID, detail: "case id \"\(String(decoding: id, as: UTF8.self))\" was already read")
        }
        record.id = number
        record.org = data.orgs.intern(org)
        if let customer = f.bytes(.customer) { record.customer = data.customers.intern(customer) }
        data.cases.append(record)
        data.noteInstant(record.createdAt)
        data.noteInstant(record.firstResponseAt)
        data.noteInstant(record.assignedAt)
        data.noteInstant(record.resolvedAt)
        data.noteInstant(record.closedAt)
        data.noteInstant(record.serviceRestoredAt)
        data.noteInstant(record.rcaDeliveredAt)
    }

    private func addEvent(
        _ f: RowFields, _ position: SourcePosition, _ data: inout Dataset, _ sequence: Int32
    ) throws(FieldProblem) {
        let id = try f.requiredBytes(.caseID)
        let at = try f.requiredInstant(.at)
        let type = try f.required(.type, expected: Expected.eventType, ValueParsing.eventType)
        let value: UInt8
        switch type {
        case .status:
            value = try f.required(.value, expected: Expected.status, ValueParsing.status).rawValue
        case .severity:
            value = try f.required(.value, expected: Expected.severity, ValueParsing.severity).rawValue
        case .priority:
            value = try f.required(.value, expected: Expected.priority, ValueParsing.priority).rawValue
        default:
            value = 0
        }
        let actor = try f.value(.actor, expected: Expected.actor, ValueParsing.actor)
        // An unknown case's row is a finding, not a rejection: its instant is still part of the
        // export's horizon, the default as-of ("the latest instant found in any input").
        data.noteInstant(at)
        data.events.append(
            CaseEvent(
                caseIndex: data.caseIDs.intern(id), line: position.line, at: at, type: type, value: value, actor: actor,
                sequence: sequence))
    }

    private func addEscalation(
        _ f: RowFields, _ position: SourcePosition, _ data: inout Dataset, _ sequence: Int32
    ) throws(FieldProblem) {
        let id = try f.requiredBytes(.escalationID)
        let caseID = try f.requiredBytes(.caseID)
        let requestedAt = try f.requiredInstant(.requestedAt)
        var record = EscalationRecord(
            id: 0, caseIndex: -1, requestedAt: requestedAt,
            reason: try f.value(.reason, expected: Expected.reason, ValueParsing.reason),
            channel: try f.value(.channel, expected: Expected.channel, ValueParsing.channel),
            decision: try f.value(.decision, expected: Expected.decision, ValueParsing.decision),
            decidedAt: try f.instant(.decidedAt), closedAt: try f.instant(.closedAt), owner: -1,
            sequence: sequence, source: position)
        // The first row with an id claims it, even when its case turns out to be unknown.
        let known = data.escalationIDs.count
        let number = data.escalationIDs.intern(id)
        guard Int(number) == known else {
            throw FieldProblem(
                column: "escalation_id", value: FieldProblem.cut(String(decoding: id, as: UTF8.self)),
                reason: .duplicateID,
                detail: "escalation id \"\(String(decoding: id, as: UTF8.self))\" was already read")
        }
        record.id = number
        if let owner = f.bytes(.owner) { record.owner = data.owners.intern(owner) }
        // An unknown case's row is a finding, not a rejection (see `join`); its instants still
        // count for the export's horizon.
        data.noteInstant(requestedAt)
        data.noteInstant(record.decidedAt)
        data.noteInstant(record.closedAt)
        record.caseIndex = data.caseIDs.intern(caseID)
        data.escalations.append(record)
    }

    private func addOrganization(_ f: RowFields, _ position: SourcePosition, _ data: inout Dataset)
        throws(FieldProblem)
    {
        let id = try f.requiredBytes(.orgID)
        var zone: Int32?
        if let name = try f.text(.timezone) {
            let number =
                data.zoneNumbers[name]
                ?? {
                    guard let rules = TimeZoneRules(identifier: name) else { return -1 }
                    data.zones.append(rules)
                    return Int32(data.zones.count - 1)
                }()
            data.zoneNumbers[name] = number
            guard number >= 0 else {
                throw f.badValue(.timezone, name, "is not a known time zone (an IANA name such as Europe/Berlin)")
            }
            zone = number
        }
        var calendar: Int32?
        if let name = try f.text(.calendar) {
            guard let index = config.calendarIndex(named: name) else {
                let known = config.calendars.map(\.name)
                throw f.badValue(
                    .calendar, name,
                    known.isEmpty
                        ? "is not a calendar of the configuration (it defines no [calendars])"
                        : "is not a calendar of the configuration (\(known.joined(separator: ", ")))")
            }
            calendar = Int32(index)
        }
        var tier: Int32?
        if let name = try f.text(.tier) {
            guard let index = config.tierIndex(named: name) else {
                let known = config.tiers.map(\.name)
                throw f.badValue(
                    .tier, name,
                    known.isEmpty
                        ? "is not a tier of the configuration (it defines no [tiers])"
                        : "is not a tier of the configuration (\(known.joined(separator: ", ")))")
            }
            tier = Int32(index)
        }
        let contacts = (try f.text(.designatedContacts) ?? "").split(separator: ";").map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        let record = OrganizationRecord(
            orgID: String(decoding: id, as: UTF8.self), name: try f.text(.name), zone: zone, calendar: calendar,
            tier: tier, designatedContacts: contacts, source: position)
        // Only a row that is valid in every other way claims its id: the first such row wins.
        let number = data.orgs.intern(id)
        guard Int(number) == data.organizations.count else {
            throw FieldProblem(
                column: "org_id", value: FieldProblem.cut(record.orgID), reason: .duplicateID,
                detail: "org id \"\(record.orgID)\" was already read")
        }
        data.organizations.append(record)
    }

    private func addExclusion(_ f: RowFields, _ position: SourcePosition, _ data: inout Dataset)
        throws(FieldProblem)
    {
        let id = try f.requiredBytes(.caseID)
        let target = try f.required(.target, expected: Expected.exclusionTarget) { bytes in
            // Any case; spaces and hyphens as underscores ("First Response", "first-response").
            ExclusionTarget(
                rawValue: String(decoding: bytes, as: UTF8.self).lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 }
                    .reduce(into: "") { $0.append($1) })
        }
        guard let reason = try f.text(.reason) else {
            throw FieldProblem(
                column: "reason", value: "", reason: .missingRequired, detail: "required value is missing")
        }
        data.exclusions.append(
            ExclusionRecord(
                caseID: String(decoding: id, as: UTF8.self), caseIndex: -1, target: target, reason: reason,
                approvedBy: try f.text(.approvedBy), source: position))
    }

    /// Our columns of each file and whether each is required (SPEC section 1).
    static func columns(_ kind: SLAConfig.InputFile) -> [(column: Column, required: Bool)] {
        let required: Set<String> =
            switch kind {
            case .cases: ["case_id", "org_id", "created_at", "severity"]
            case .events: ["case_id", "at", "type"]
            case .escalations: ["escalation_id", "case_id", "requested_at"]
            case .organizations: ["org_id"]
            case .exclusions: ["case_id", "target", "reason"]
            }
        return kind.columns.compactMap { name in Column(name: name).map { ($0, required.contains(name)) } }
    }
}

extension CSVReader: Parallel.Helpable {
    /// Parses the file ahead of the step that reads it.
    public func help() -> Bool { helpParse() }
}
