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

    /// Accepted rows of organizations.csv, in reading order (v2).
    public var organizations: [OrganizationRecord] = []
    /// Whether an organizations file was given: then a case of an org not in it is the finding
    /// `unknown-organization`.
    public var organizationsGiven = false
    /// `organizationOf[org]`: the index in `organizations` of the org numbered `org` in `orgs`, or -1.
    public var organizationOf: [Int32] = []
    /// Accepted rows of exclusions.csv, in reading order (v2), each matched to its case (or -1).
    public var exclusions: [ExclusionRecord] = []
    /// Whether an exclusions file was given.
    public var exclusionsGiven = false
    /// `exclusionMask[c]`: the `ExclusionTarget` bits case `c` is excluded from (empty when no
    /// exclusions file was given).
    public var exclusionMask: [UInt8] = []

    /// The time zones named in organizations.csv, each built once.
    public var zones: [TimeZoneRules] = []
    /// While loading: the index in `zones` of each IANA name met so far (-1: not a zone).
    var zoneNumbers: [String: Int32] = [:]

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
    /// Whether the event-log profile blanks or defaults unknown values: the finding `unknown-value`
    /// is then reported, from `unknownValueCounts` (per case: the values so handled in its rows).
    public var countsUnknownValues = false
    public var unknownValueCounts: [Int32] = []
    /// For an event log: how well its profile fits it (`validate` lists it, `--strict` fails on it).
    public var eventLogCheck: EventLogCheck?

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
        case .organizations:
            organizations.reserveCapacity(organizations.count + rows)
            orgs.reserve(orgs.count + ids)
        case .exclusions:
            exclusions.reserveCapacity(exclusions.count + rows)
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

    /// The organizations.csv row of case `c`'s organization, if the file has one.
    @inline(__always)
    public func organization(of c: CaseRecord) -> OrganizationRecord? {
        guard c.org >= 0, Int(c.org) < organizationOf.count else { return nil }
        let index = organizationOf[Int(c.org)]
        return index < 0 ? nil : organizations[Int(index)]
    }

    /// Cases whose organization is not in organizations.csv, when it is given (SPEC 1: the
    /// finding `unknown-organization`, once per case over the whole input).
    public var unknownOrganizationCount: Int {
        guard organizationsGiven else { return 0 }
        return cases.reduce(0) { count, c in
            c.org >= 0 && Int(c.org) < organizationOf.count && organizationOf[Int(c.org)] >= 0 ? count : count + 1
        }
    }

    /// Takes in the organizations read from organizations.csv into `read` (a dataset of their
    /// own): each is matched to the cases' org of the same id.
    mutating func attach(organizations read: Dataset) {
        organizationsGiven = true
        // Their rows name their files by index: those files now follow this dataset's.
        let shift = Int32(files.count)
        organizations = read.organizations.map { o in
            var o = o
            o.source.file += shift
            return o
        }
        zones = read.zones
        organizationOf = [Int32](repeating: -1, count: orgs.count)
        for (index, organization) in organizations.enumerated() {
            if let org = orgs.lookup(organization.orgID) { organizationOf[Int(org)] = Int32(index) }
        }
        files += read.files
        rejections += read.rejections
    }

    /// Takes in the exclusions read into `read` (a dataset of their own): each is matched to the
    /// accepted case of its id; one whose case is unknown is the finding `unknown-case`.
    mutating func attach(exclusions read: Dataset) {
        exclusionsGiven = true
        let shift = Int32(files.count)
        exclusionMask = [UInt8](repeating: 0, count: cases.count)
        var unknown = UnknownCases()
        exclusions = read.exclusions.map { x in
            var x = x
            x.source.file += shift
            if let c = caseIDs.lookup(x.caseID), Int(c) < cases.count {
                x.caseIndex = c
                exclusionMask[Int(c)] |= x.target.bit
            } else {
                x.caseIndex = -1
                unknown.note(
                    kind: .exclusions, file: read.files[Int(x.source.file - shift)].path, line: Int(x.source.line),
                    caseID: x.caseID)
            }
            return x
        }
        noteUnknownCases(unknown)
        files += read.files
        rejections += read.rejections
    }

    /// The files whose rows are numbered by `sequence` (events files, then escalations files, in
    /// reading order), each with its index in `files` and the number of its first row: an
    /// event's or escalation's file is the last one starting at or before its sequence.
    public var sequencedFiles: [(index: Int, first: Int)] {
        var out: [(index: Int, first: Int)] = []
        var next = 0
        for (i, file) in files.enumerated() where file.kind == .events || file.kind == .escalations {
            out.append((i, next))
            next += file.rowsRead
        }
        return out
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

extension Dataset {
    /// The organizations of organizations.csv, as the rules judge cases by them (`Judging`).
    public var organizationBook: OrganizationBook {
        OrganizationBook(organizations: organizations, zones: zones, organizationOf: organizationOf)
    }
}
