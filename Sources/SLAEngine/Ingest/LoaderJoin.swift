import CPrefetch
import SLAConfig
import SLAModel
import SLARules
import SLATime

/// The state that `Loader.load`'s steps share: the cases, events and escalations, each read
/// into a dataset of its own, and the join that folds the events and escalations into the
/// cases.
///
/// The events and escalations hold their case ids as read, numbered in tables of their own:
/// the join maps those numbers onto the accepted cases. Each event and escalation gets its
/// case's index, or becomes an unknown-case finding, in reading order (events, then
/// escalations, as the files are listed). Events end up grouped by case, each case's in time
/// order (ties in input order): the layout `Timelines` reads.
///
/// Each step writes only what it produces and reads only what the steps it comes after
/// produced (see `Loader.load` for the order), so the steps need no locks of their own.
final class LoaderJoin: @unchecked Sendable {
    typealias Read = Result<(data: Dataset, rows: Int32), InputError>

    var cases: Read?
    /// organizations.csv, read into a dataset of its own (nil when not given).
    var organizations: Read?
    private var events: Read?
    private var escalations: Read?
    /// What the escalations' step needs of the events, kept apart from `events`, which the
    /// events' steps change meanwhile.
    private var eventRows: Int32 = 0
    private var eventFileCount = 0

    /// Into how many parts each step over the events or the cases is cut.
    let parts: Int
    /// The most parts: each part keeps a count of every case's events (4 bytes a case), so the
    /// join's memory grows with its parts (8 parts: 32 MB more at 1M cases than one).
    static let maxParts = 8
    /// Events' case number -> number of the accepted case with that id, or -1.
    private var caseOf = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
    /// The events of each case in each part of the events (see `countEvents`).
    private let counts: PartResults<[Int32]>
    /// Where each part's events of each case go, for the parts after the first (see
    /// `prepareGroups`); the first part's start where the cases' groups start.
    private var places: [[Int32]] = []
    /// `start[c] ..< start[c + 1]` will hold case `c`'s events in `grouped`.
    private var start: [Int32] = []
    private var grouped: [CaseEvent] = []
    /// Each part's events of unknown cases.
    private let eventFindings: PartResults<UnknownCases>

    private var escalationFindings = UnknownCases()

    init(parts: Int) {
        self.parts = parts
        counts = PartResults(parts)
        eventFindings = PartResults(parts)
    }

    deinit { caseOf.deallocate() }

    func readEvents(_ read: Read) {
        events = read
        guard case .success(let (data, rows)) = read else { return }
        eventRows = rows
        eventFileCount = data.files.count
        caseOf = .allocate(capacity: data.caseIDs.count)
        caseOf.initialize(repeating: -1)
    }

    func readEscalations(_ read: Read) { escalations = read }

    /// Fills one part of `caseOf`.
    func mapEventCases(part: Int) {
        guard case .success(let c)? = cases, case .success(let e)? = events else { return }
        let range = Parallel.parts(e.data.caseIDs.count, parts)[part]
        LoaderJoin.map(e.data.caseIDs, part: range, onto: c.data, into: caseOf)
    }

    /// Counts the events of each case in one part of the events (in reading order), and notes
    /// that part's events of unknown cases.
    func countEvents(part: Int) {
        guard case .success(let c)? = cases, case .success(let e)? = events else { return }
        var counts = [Int32](repeating: 0, count: c.data.cases.count)
        var findings = UnknownCases()
        for event in e.data.events[Parallel.parts(e.data.events.count, parts)[part]] {
            let n = Int(caseOf[Int(event.caseIndex)])
            if n >= 0 {
                counts[n] += 1
            } else {
                findings.note(
                    kind: .events, file: e.data.files[e.data.eventFile(event.sequence)].path, line: Int(event.line),
                    caseID: e.data.caseIDs.string(event.caseIndex))
            }
        }
        self.counts[part] = counts
        eventFindings[part] = findings
    }

    /// Where each case's events go, and room for them; then drops the events' own id table,
    /// which is no longer needed.
    func prepareGroups() {
        guard case .success(let c)? = cases, case .success(var e)? = events else { return }
        // `e` alone holds the events from here, so that dropping its id table frees it.
        events = nil
        let caseCount = c.data.cases.count
        var start = [Int32](repeating: 0, count: caseCount + 1)
        // A case's events of each part go after those of the parts before: each part's counts
        // become where its events of each case start (the first part's are `start`).
        var places = (0..<parts).map { counts.take($0) }
        for i in 0..<caseCount {
            var at = start[i]
            for p in 0..<parts {
                let n = places[p][i]
                places[p][i] = at
                at += n
            }
            start[i + 1] = at
        }
        places[0] = []
        self.places = places
        self.start = start
        e.data.caseIDs = IDTable()
        events = .success(e)
        SystemMemory.releaseFreed()
    }

    /// Places the events of one part of the events, each in its case's group, in reading order.
    ///
    /// Placing them one by one into a new array is cheaper than following the permutation's
    /// cycles in place (a random access per step), and the two arrays together stay below the
    /// analysis's peak.
    func placeEvents(part: Int, into out: UnsafeMutableBufferPointer<CaseEvent>) {
        guard case .success(let e)? = events, !start.isEmpty else { return }
        var next = part == 0 ? start : places[part]
        let range = Parallel.parts(e.data.events.count, parts)[part]
        e.data.events.withUnsafeBufferPointer { events in
            guard let caseNumbers = caseOf.baseAddress, let places = out.baseAddress else { return }
            next.withUnsafeMutableBufferPointer { next in
                guard let nextPlaces = next.baseAddress else { return }
                for i in range {
                    // Events come in time order and their cases in none, so each step misses the
                    // cache three times, one load depending on the other: the case number of the
                    // event 24 ahead, where the one 16 ahead goes, and that place for the one 8
                    // ahead are asked for early.
                    if i + 24 < range.upperBound { slacheck_prefetch(caseNumbers + Int(events[i + 24].caseIndex)) }
                    if i + 16 < range.upperBound {
                        let ahead = Int(caseOf[Int(events[i + 16].caseIndex)])
                        if ahead >= 0 { slacheck_prefetch(nextPlaces + ahead) }
                    }
                    if i + 8 < range.upperBound {
                        let ahead = Int(caseOf[Int(events[i + 8].caseIndex)])
                        if ahead >= 0 { slacheck_prefetch(places + Int(next[ahead])) }
                    }
                    let event = events[i]
                    let n = Int(caseOf[Int(event.caseIndex)])
                    guard n >= 0 else { continue }
                    var joined = event
                    joined.caseIndex = Int32(n)
                    out[Int(next[n])] = joined
                    next[n] += 1
                }
            }
        }
    }

    /// Builds the grouped events (after `prepareGroups`): each part of the events placed, then
    /// each part of the cases ordered, on every thread, straight into the array `dataset()`
    /// hands on; the array's memory is lent to the steps for the time of its initializer only.
    /// `alongside` (steps numbered from 0) run in the same `Parallel.run`, before the placing
    /// in the list, so that a thread takes them first.
    func groupEvents(alongside: [Parallel.Step], offers: Parallel.Offers) {
        guard case .success? = events, !start.isEmpty else {
            Parallel.run(alongside, offers: offers)
            return
        }
        let total = Int(start[start.count - 1])
        // Every element is written by `placeEvents` before anything reads it (`CaseEvent` holds
        // plain values only).
        grouped = [CaseEvent](unsafeUninitializedCapacity: total) { buffer, count in
            nonisolated(unsafe) let out = buffer
            var steps = alongside
            let placed = (0..<parts).map { part in
                steps.append(Parallel.Step { self.placeEvents(part: part, into: out) })
                return steps.count - 1
            }
            steps += (0..<parts).map { part in
                Parallel.Step(after: placed) { self.orderGroups(part: part, in: out) }
            }
            Parallel.run(steps, offers: offers)
            count = total
        }
    }

    /// Orders the events of each case of one part of the cases by time (ties in reading order).
    func orderGroups(part: Int, in out: UnsafeMutableBufferPointer<CaseEvent>) {
        guard !start.isEmpty else { return }
        for c in Parallel.parts(start.count - 1, parts)[part] where start[c + 1] - start[c] > 1 {
            var group = UnsafeMutableBufferPointer(rebasing: out[Int(start[c])..<Int(start[c + 1])])
            group.sort { ($0.at, $0.sequence) < ($1.at, $1.sequence) }
        }
    }

    /// Gives each escalation of a known case its case's index and its place after the events
    /// (file numbers after the cases' and events' files, sequence after the events' rows); the
    /// others become unknown-case findings.
    func joinEscalations() {
        guard case .success(let c)? = cases, case .success(var x)? = escalations else { return }
        // `x` alone holds the escalations from here, so that they are kept in place.
        escalations = nil
        let ids = x.data.caseIDs
        let caseOf = UnsafeMutableBufferPointer<Int32>.allocate(capacity: ids.count)
        defer { caseOf.deallocate() }
        caseOf.initialize(repeating: -1)
        LoaderJoin.map(ids, part: 0..<ids.count, onto: c.data, into: caseOf)
        let firstFile = Int32(c.data.files.count + eventFileCount)
        var kept = 0
        for i in x.data.escalations.indices {
            var e = x.data.escalations[i]
            let n = caseOf[Int(e.caseIndex)]
            if n < 0 {
                escalationFindings.note(
                    kind: .escalations, file: x.data.files[Int(e.source.file)].path, line: Int(e.source.line),
                    caseID: ids.string(e.caseIndex))
                continue
            }
            e.caseIndex = n
            e.source.file += firstFile
            e.sequence += eventRows
            x.data.escalations[kept] = e
            kept += 1
        }
        x.data.escalations.removeLast(x.data.escalations.count - kept)
        x.data.caseIDs = IDTable()
        escalations = .success(x)
    }

    /// The joined dataset, or the first error in reading order (cases, events, escalations).
    func dataset() throws(InputError) -> Dataset {
        guard let cases = cases.take(), let events = events.take(), let escalations = escalations.take() else {
            preconditionFailure("a reading step did not run")
        }
        var data = try cases.get().data
        let e = try events.get().data
        let x = try escalations.get().data
        for part in 0..<parts where eventFindings[part] != nil { data.noteUnknownCases(eventFindings.take(part)) }
        data.noteUnknownCases(escalationFindings)
        data.events = grouped
        grouped = []
        places = []
        data.eventStart = start
        data.escalations = x.escalations
        data.escalationIDs = x.escalationIDs
        data.owners = x.owners
        data.files += e.files + x.files
        data.rejections += e.rejections + x.rejections
        data.noteInstant(e.latestInstant)
        data.noteInstant(x.latestInstant)
        if let organizations = organizations.take() { data.attach(organizations: try organizations.get().data) }
        return data
    }

    /// Writes into `out[key]` the number of the accepted case whose id is `ids`' id `key`, for
    /// every key in `part` (the others stay -1).
    private static func map(
        _ ids: IDTable, part: Range<Int>, onto cases: Dataset, into out: UnsafeMutableBufferPointer<Int32>
    ) {
        // A lookup of a hashed id misses the cache on its slot (and on its bytes, when too long
        // for the slot): what the ids 16 and 8 ahead need is asked for early, as when reading.
        var table = cases.caseIDs
        let caseCount = cases.cases.count
        for key in part {
            if key + 16 < part.upperBound { ids.withBytes(Int32(key + 16)) { table.prefetch($0, stage: 0) } }
            if key + 8 < part.upperBound { ids.withBytes(Int32(key + 8)) { table.prefetch($0, stage: 1) } }
            if let n = ids.withBytes(Int32(key), { table.lookup($0) }), Int(n) < caseCount { out[key] = n }
        }
    }
}

/// Event or escalation rows whose case is unknown: all counted, the first few kept.
struct UnknownCases {
    var count = 0
    var rows: [UnknownCaseRow] = []

    mutating func note(
        kind: SLAConfig.InputFile, file: @autoclosure () -> String, line: Int, caseID: @autoclosure () -> String
    ) {
        count += 1
        if rows.count < Dataset.sampleLimit {
            rows.append(UnknownCaseRow(kind: kind, file: file(), line: line, caseID: caseID()))
        }
    }
}
