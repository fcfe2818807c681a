import CSVStream
import SLAConfig
import SLAModel
import SLARules
import SLATime

/// Reads one event-log CSV (one row per event: case id, timestamp, activity, and case attributes
/// repeated on every row) through the config's `[event_log]` profile into a complete `Dataset`,
/// which the usual analysis then reads unchanged.
///
/// - One case per case id. Its `created_at` is the earliest `created` activity, else its earliest
///   event. Its severity, priority, channel, deployment, org, customer and description are the
///   **latest** non-missing values of their columns in the case (time order; ties: later in the
///   file): an export writes the case as it stands back onto every row.
/// - Activities become events (status changes, severity and priority changes, assignment, first
///   response, updates, restore, RCA, close) and escalation requests, with ids `<case>#<n>`
///   numbered in time order within the case. With `[event_log.handover]`, a hand-over into a
///   matching team is an escalation request too, closed by the next hand-over.
/// - A row is rejected whole, with its reason, when it has the wrong number of fields, no case id,
///   timestamp or activity, a timestamp that does not parse, or an attribute value that is not
///   one of ours; a severity or priority change without the new value is `missing-required`.
///   A case none of whose rows gives a severity cannot be analysed: all its rows are rejected
///   (`missing-required`, column severity). Rows are kept as text only while their case has no
///   severity yet, so memory stays bounded for a normal log.
///
/// The file is listed in `Dataset.files` (and its rejections) with kind `events`.
public struct EventLogLoader: Sendable {
    public let config: SLAConfig
    public let profile: EventLogProfile
    public var readerOptions: CSVReaderOptions
    let timestamps: TimestampParser
    /// Called now and then with the rows and bytes read so far (part 1), for a progress line.
    public var progress: (@Sendable (_ part: Int, _ rows: Int, _ bytes: Int64) -> Void)?

    /// A loader for `config`, which must have an `[event_log]` section.
    public init(config: SLAConfig, chunkSize: Int = Loader.chunkSize) throws(InputError) {
        guard let profile = config.eventLog else {
            throw InputError(
                file: "config", line: 0,
                message: "--event-log needs a profile: a config file with an [event_log] section (see README.md)")
        }
        self.config = config
        self.profile = profile
        timestamps = TimestampParser(zone: config.zone, compiled: config.input.timestampFormats)
        readerOptions = CSVReaderOptions(
            delimiter: config.input.delimiter, chunkSize: chunkSize, maxFieldBytes: config.input.maxFieldBytes)
    }

    /// Reads the event log at `location` and returns the dataset.
    public func load(_ location: InputLocation) throws(InputError) -> Dataset {
        let name = location.description
        var builder = EventLogBuilder(profile: profile, missing: MissingTokens(config.input.missingTokens))
        var stats = FileStats(kind: .events, path: name, rowsRead: 0, rowsRejected: 0, bytes: 0)
        var layout: EventLogLayout?
        do {
            let reader = try CSVReader(location: location, options: readerOptions)
            try reader.forEachRecord { (record: CSVRecord) throws(InputError) in
                guard let columns = layout else {
                    layout = try EventLogLayout(header: CSVHeader(record), file: name, profile: profile)
                    return
                }
                stats.rowsRead += 1
                if stats.rowsRead % 65536 == 0, let progress { progress(1, stats.rowsRead, reader.bytesRead) }
                let problem: FieldProblem?
                if record.count != columns.fieldCount {
                    problem = .wrongFieldCount(record.count, header: columns.fieldCount)
                } else {
                    do throws(FieldProblem) {
                        try builder.add(record, columns, timestamps: timestamps, row: stats.rowsRead)
                        problem = nil
                    } catch {
                        problem = error
                    }
                }
                if let problem {
                    stats.rowsRejected += 1
                    builder.rejections.append(
                        Rejection(problem, file: name, kind: .events, record: record))
                }
            }
            stats.bytes = reader.bytesRead
        } catch {
            throw InputError.wrapping(error, file: name)
        }
        guard let columns = layout else { throw InputError(file: name, line: 1, message: "the file has no header") }
        return builder.finish(file: name, stats: stats, severityColumn: columns.severityHeader)
    }
}

/// Where the profile's columns sit in one event log.
struct EventLogLayout {
    let fieldCount: Int
    let caseID: Int
    let timestamp: Int
    let activity: [Int]
    /// Position of each attribute's column (indexed like `EventLogProfile.Attribute.allCases`), -1 when not mapped.
    let attributes: [Int]
    let handover: Int
    /// Positions of the `[event_log.instants]` columns (created, resolved, closed), -1 when not mapped.
    let instants: [Int]
    /// The `[event_log.changes]` columns, in `EventLogProfile.orderedChanges` order.
    let changes: [(position: Int, rule: EventLogProfile.Change)]
    /// The export's names of the columns, for messages.
    let names: [String]
    let severityHeader: String

    init(header: CSVHeader, file: String, profile: EventLogProfile) throws(InputError) {
        func position(_ column: String, _ key: String) throws(InputError) -> Int {
            guard let i = header.index(of: column) else {
                throw InputError(
                    file: file, line: 1,
                    message: "missing column \"\(column)\" (named by event_log.\(key)); the header has: "
                        + header.names.map { "\"\($0)\"" }.joined(separator: ", "))
            }
            return i
        }
        fieldCount = header.count
        names = header.names
        caseID = try position(profile.caseID, "case_id")
        timestamp = try position(profile.timestamp, "timestamp")
        var activity: [Int] = []
        for column in profile.activity { activity.append(try position(column, "activity")) }
        self.activity = activity
        var attributes: [Int] = []
        for attribute in EventLogProfile.Attribute.allCases {
            if let column = profile.attributes[attribute] {
                attributes.append(try position(column, "attributes.\(attribute.rawValue)"))
            } else {
                attributes.append(-1)
            }
        }
        self.attributes = attributes
        severityHeader = profile.attributes[.severity] ?? "severity"
        if let handover = profile.handover {
            self.handover = try position(handover.column, "handover.column")
        } else {
            self.handover = -1
        }
        var instants: [Int] = []
        for kind in EventLogProfile.InstantColumn.allCases {
            if let column = profile.instants[kind] {
                instants.append(try position(column, "instants.\(kind.rawValue)"))
            } else {
                instants.append(-1)
            }
        }
        self.instants = instants
        var changes: [(position: Int, rule: EventLogProfile.Change)] = []
        for (meaning, change) in profile.orderedChanges {
            changes.append((try position(change.column, "changes.\(meaning.rawValue)"), change))
        }
        self.changes = changes
    }

    func position(_ attribute: EventLogProfile.Attribute) -> Int? {
        let i = attributes[EventLogProfile.Attribute.allCases.firstIndex(of: attribute) ?? 0]
        return i >= 0 ? i : nil
    }
}
