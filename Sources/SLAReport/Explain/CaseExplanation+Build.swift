import CSVStream
import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

extension CaseExplanation {
    /// Explains case `caseID` as of `context.asOf`.
    ///
    /// - Parameters:
    ///   - period: the report period to place the case in (which of its populations it joins).
    ///   - asOfIsDefault: whether as-of was left to its default, for the wording only.
    /// - Throws: `CaseLookupError` when the id is not among the accepted cases.
    public init(
        caseID: String, data: Dataset, context: MetricsContext, period: ReportPeriod? = nil,
        asOfIsDefault: Bool = false
    ) throws(CaseLookupError) {
        guard let number = data.caseIDs.lookup(caseID), Int(number) < data.cases.count else {
            throw CaseLookupError(notFound: caseID, in: data)
        }
        let record = data.cases[Int(number)]
        let asOf = context.asOf
        let rows = EventRows(data)
        // The case's events in time, then input, order (as `Timelines` orders them); those up to
        // as-of make the timeline every metric reads.
        let allEvents = data.events.filter { $0.caseIndex == number }.sorted {
            ($0.at, $0.sequence) < ($1.at, $1.sequence)
        }
        let history = CaseHistory(record: record, events: allEvents.filter { $0.at <= asOf }, asOf: asOf)
        let format = ExplainFormat(zone: context.zone)
        let builder = ExplanationBuilder(
            data: data, context: context, record: record, history: history, allEvents: allEvents, rows: rows,
            format: format)

        self.record = record
        self.caseID = caseID
        self.org = record.org >= 0 ? data.orgs.string(record.org) : ""
        self.customer = record.customer >= 0 ? data.customers.string(record.customer) : nil
        self.source = "\(data.files[Int(record.source.file)].path):\(record.source.line)"
        self.eventFiles = data.files.filter { $0.kind == .events }.map(\.path)
        self.asOf = asOf
        self.asOfIsDefault = asOfIsDefault
        self.period = period
        self.notes = builder.notes(caseID: caseID)
        self.judgement = builder.judgementExplanation()
        (self.timeline, self.notYetHappened) = builder.timelineEntries()
        self.firstResponse = builder.firstResponse()
        self.rca = builder.rca()
        self.targets = builder.targetExplanations()
        self.exclusions = data.exclusions.filter { $0.caseIndex == number }.map { x in
            let file = data.files[Int(x.source.file)].path
            return "\(x.target.rawValue) (\(file):\(x.source.line)): \(x.reason)"
                + (x.approvedBy.map { ", approved by \($0)" } ?? "")
        }
        self.escalations = builder.escalations(caseNumber: number)
        self.format = format
    }
}

/// Where each event of the case was read: its file and physical line.
///
/// An event keeps its physical line (`CaseEvent.line`); its file follows from `sequence`, which
/// counts every events and escalations data row read, file after file, so an event's data row
/// in its file is its sequence minus the rows of the files before it.
struct EventRows {
    let files: [(path: String, first: Int, count: Int)]

    init(_ data: Dataset) {
        self.files = data.sequencedFiles.map { f in
            (data.files[f.index].path, f.first, data.files[f.index].rowsRead)
        }
    }

    func origin(_ e: CaseEvent) -> TimelineEntry.Origin {
        let s = Int(e.sequence)
        for f in files where s >= f.first && s < f.first + f.count {
            return .event(file: f.path, line: e.line > 0 ? Int(e.line) : nil, row: s - f.first + 1)
        }
        // Past the rows counted: the last file starting at or before it (as `Dataset.eventFile`).
        let file = files.last { s >= $0.first }
        return .event(
            file: file?.path ?? "an events file", line: e.line > 0 ? Int(e.line) : nil,
            row: s - (file?.first ?? 0) + 1)
    }

    func label(_ e: CaseEvent) -> String { TimelineEntry.Origin.text(origin(e)) }
}

/// What the parts of an explanation are built from; one per explained case.
struct ExplanationBuilder {
    let data: Dataset
    let context: MetricsContext
    let record: CaseRecord
    /// The case's events up to as-of, which `timeline` borrows.
    let history: CaseHistory
    /// Every event of the case, including those after as-of, in time then input order.
    let allEvents: [CaseEvent]
    let rows: EventRows
    let format: ExplainFormat

    /// The timeline every metric reads.
    var timeline: CaseTimeline {
        @_lifetime(borrow self)
        borrowing get { history.timeline }
    }
    /// What judges the case (SPEC 3.0): its organization, tier, contract terms and clock.
    var judgement: CaseJudgement { context.judging.judgement(of: record) }
    /// The case's own clock: its calendar in its zone.
    var calendar: BusinessCalendar { context.judging.calendar(judgement) }
    var asOf: Instant { context.asOf }

    /// Rejected rows that carry the case's id: a duplicate of its row, an event or escalation
    /// the metrics never saw.
    func notes(caseID: String) -> [String] {
        let wanted = CaseLookup.trim(caseID)
        let rejected = data.rejections.filter { r in r.fields.contains { CaseLookup.trim($0) == wanted } }
        var out = rejected.prefix(5).map {
            // The rejection names its own file and line (an event log's rows are of kind events).
            "a row with this id was rejected and is not used: \($0)"
        }
        if rejected.count > 5 { out.append("... and \(rejected.count - 5) more rejected rows with this id") }
        return out
    }

    /// A note that `column`'s value is after as-of (so it is passed over); nil otherwise.
    func afterAsOfNote(_ column: String, _ t: Instant?) -> String? {
        guard let t, t > asOf else { return nil }
        return "\(column) \(format.instant(t)) is after as-of: it has not happened yet, so it is not used"
    }

    /// The earliest event matching `match` at or before as-of.
    func firstEvent(_ match: (CaseEvent) -> Bool) -> CaseEvent? {
        allEvents.first { $0.at <= asOf && match($0) }
    }
}
