import SLAConfig
import SLAModel
import SLARules
import SLATime

/// Everything read from the inputs: accepted rows, interned text, rejections and counts.
public struct Dataset: Sendable {
    /// Accepted cases; a case's index here equals its number in `caseIDs`.
    public var cases: [CaseRecord] = []
    /// Accepted events of known cases, grouped by case (in case order), each case's ordered by
    /// time, then input order.
    public var events: [CaseEvent] = []
    /// `eventStart[c] ..< eventStart[c + 1]` are case `c`'s events in `events`.
    public var eventStart: [Int32] = [0]
    /// Accepted escalations of known cases, in input order.
    public var escalations: [EscalationRecord] = []

    public var caseIDs = IDTable()
    public var orgs = IDTable()
    public var customers = IDTable()
    public var owners = IDTable()
    public var escalationIDs = IDTable()

    /// One entry per input file read, in reading order.
    public var files: [FileStats] = []
    /// Every rejected row, in reading order.
    public var rejections: [Rejection] = []
    /// Event and escalation rows whose case is not among the accepted cases: all counted here...
    public var unknownCaseCount = 0
    /// ...and the first `Dataset.sampleLimit` of them kept with their positions.
    public var unknownCaseRows: [UnknownCaseRow] = []
    /// How many unknown-case rows are kept as examples.
    public static let sampleLimit = 10_000
    /// While loading: where each events file begins: its index in `files` and the `sequence` of its first row
    /// (an event's file, for an unknown-case finding, is the last one starting at or before it).
    var eventFileStarts: [(file: Int32, sequence: Int32)] = []
    /// While loading: the index in `files` of the events file holding the event numbered `sequence`.
    func eventFile(_ sequence: Int32) -> Int {
        Int(eventFileStarts.last { $0.sequence <= sequence }?.file ?? 0)
    }
    /// The latest instant found in any accepted row: the default as-of (SPEC section 2).
    public var latestInstant: Instant?

    public init() {}

    /// Makes room for `rows` more rows of `kind`, and for `ids` more of their ids (an id table
    /// is written all over, so it is sized to the estimate alone).
    mutating func reserve(_ rows: Int, ids: Int, of kind: SLAConfig.InputFile) {
        switch kind {
        case .cases:
            cases.reserveCapacity(cases.count + rows)
            caseIDs.reserve(caseIDs.count + ids)
        case .events:
            events.reserveCapacity(events.count + rows)
            // Their case ids: at most one per row (a month's file has about one per three).
            caseIDs.reserveStorage(caseIDs.count + ids)
        case .escalations:
            escalations.reserveCapacity(escalations.count + rows)
            escalationIDs.reserve(escalationIDs.count + ids)
            caseIDs.reserveStorage(caseIDs.count + ids)
        }
    }

    /// Keeps `t` as the latest instant if it is later than any so far (the default as-of).
    @inline(__always)
    mutating func noteInstant(_ t: Instant?) {
        guard let t else { return }
        if let latest = latestInstant, latest >= t { return }
        latestInstant = t
    }

    /// Adds event or escalation rows whose case is unknown, keeping the first ones.
    mutating func noteUnknownCases(_ found: UnknownCases) {
        unknownCaseCount += found.count
        unknownCaseRows += found.rows.prefix(Dataset.sampleLimit - unknownCaseRows.count)
    }

    /// The case id of `c` as text.
    public func caseID(_ c: CaseRecord) -> String { caseIDs.string(c.id) }
}

/// Rows read and rejected from one input file.
public struct FileStats: Sendable, Equatable {
    public var kind: SLAConfig.InputFile
    public var path: String
    /// Data rows read (the header not counted).
    public var rowsRead: Int
    public var rowsRejected: Int
    /// Bytes read (after decompression).
    public var bytes: Int64
}

/// An event or escalation row that names a case that is not among the accepted cases.
public struct UnknownCaseRow: Sendable, Equatable {
    public var kind: SLAConfig.InputFile
    public var file: String
    public var line: Int
    public var caseID: String
}
