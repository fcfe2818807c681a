import CSVStream
import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

/// One case's timeline and verdicts, step by step, for `slacheck explain`.
///
/// Built from the same `Dataset`, `MetricsContext` and metric functions as the report
/// (`responseItem`, `rcaItem`, `escalationItem`), so its verdicts are the report's; what it adds
/// is the reasoning: which source gave a value, which clock segments counted, why each
/// escalation rule is or is not broken. `ExplainText.render` writes it as plain text.
public struct CaseExplanation: Sendable {
    /// The case's row as read.
    public var record: CaseRecord
    public var caseID: String
    public var org: String
    public var customer: String?
    /// Where the row was read: `path:line` (for an event log, the case's first row in it).
    public var source: String
    /// The files the events were read from: the case_events files given, or the event log.
    public var eventFiles: [String] = []
    public var asOf: Instant
    /// Whether as-of is the default (the latest instant in the inputs) rather than `--as-of`.
    public var asOfIsDefault: Bool
    /// The report period the case is looked at for, when one was named.
    public var period: ReportPeriod?
    /// Remarks about the inputs: rejected rows with the same id, unknown-case rows.
    public var notes: [String]
    /// Which organization, tier, contract terms, calendar and zone judge the case, and why.
    public var judgement: JudgementExplanation
    /// Every event and row value at or before as-of, in the order SPEC section 2 applies them.
    public var timeline: [TimelineEntry]
    /// Events and row values stamped after as-of: they have not happened yet.
    public var notYetHappened: [TimelineEntry]
    public var firstResponse: FirstResponseExplanation
    /// Nil when the case is not a platform incident.
    public var rca: RCAExplanation?
    /// Restoration, resolution and update, for each that the configuration measures.
    public var targets: [TargetExplanation] = []
    /// The case's rows of exclusions.csv: target, where, reason and approver (SPEC 3.10).
    public var exclusions: [String] = []
    /// The case's escalations in request order (same instant: file order).
    public var escalations: [EscalationExplanation]
    public var format: ExplainFormat
}

/// One line of the timeline: an event (a row of case_events.csv or of an event log) or a value
/// of the case's row.
public struct TimelineEntry: Sendable, Equatable {
    /// Where the entry comes from.
    public enum Origin: Sendable, Equatable {
        /// A column of the case's row (`created_at`, `closed_at`, ...).
        case row(column: String)
        /// A row of an events file (case_events.csv or an event log): its file, physical line
        /// (when known) and data row (header not counted).
        case event(file: String, line: Int?, row: Int)

        /// `row created_at`, `case_events.csv:12`, or `case_events.csv row 11` when the line is unknown.
        public static func text(_ origin: Origin) -> String {
            switch origin {
            case .row(let column): "row \(column)"
            case .event(let file, let line?, _): "\(file):\(line)"
            case .event(let file, nil, let row): "\(file) row \(row)"
            }
        }
    }

    public var at: Instant
    public var origin: Origin
    /// What happened, e.g. `status → waiting_on_customer by support`.
    public var what: String
    /// Status, severity and priority in force after this entry's instant, as `CaseTimeline` decides
    /// them (nil status: the case does not exist yet).
    public var status: CaseStatus?
    public var severity: Severity
    public var priority: Priority?
    /// Why the entry did or did not take effect: a tie at the same instant, or before creation.
    public var note: String?
}

/// One target beyond first response (SPEC 3.7-3.9): its item as the report has it, the pauses
/// of its clock, and why the case is not in its population when it is not.
public struct TargetExplanation: Sendable {
    public var kind: SLAConfig.TargetKind
    /// Nil when the case is not in the target's population.
    public var item: TargetItem?
    public var target: SLAConfig.ResponseTarget?
    /// The statuses its clock stops in.
    public var stopsOn: [CaseStatus]
    public var pauses: [TargetPause]
    /// Why the case is left out, when `item` is nil.
    public var leftOut: String?
}

/// What judges a case (SPEC 3.0), each part with where it comes from, in words.
public struct JudgementExplanation: Sendable, Equatable {
    /// Its organization's row in organizations.csv, or why there is none.
    public var organization: String
    public var tier: String
    /// The contract terms in force at its creation date.
    public var terms: String
    public var calendar: String
    public var zone: String
    /// `severity_basis` and what it means for this case.
    public var severityBasis: String
}

/// The first-response verdict with its source, clock, segments and reason (SPEC 3.1).
public struct FirstResponseExplanation: Sendable {
    /// Nil when the case had not been created at as-of (it is in no report yet).
    public var item: ResponseItem?
    public var severity: Severity
    /// Why the severity at creation differs from the row's, when it does.
    public var severityNote: String?
    public var target: SLAConfig.ResponseTarget
    public var targetMillis: Int64
    /// Which source gave the first response, in words.
    public var source: String
    /// Sources passed over (a value after as-of) and other remarks.
    public var sourceNotes: [String]
    /// The business-clock days from creation to the response (or, without one, to the deadline),
    /// local dates of the case's clock.
    public var days: [ClockDay]
    /// The zone of the case's clock: its days and working hours are shown in it.
    public var clockZone: TimeZoneRules
    /// With a `pause_on`: the statuses it stops in, and the pauses up to the response (or as-of).
    public var stopsOn: [CaseStatus] = []
    public var pauses: [TargetPause] = []
    /// Days left out of `days` in the middle of a long span, and their business time.
    public var omittedDays: Int
    public var omittedMillis: Int64
    /// The instant the target runs out (created + target on the clock).
    public var targetRunsOut: Instant
    public var reason: String
}

/// One local date on the business clock: the time it counted, or why it was skipped.
public struct ClockDay: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A working day whose windows overlap the span: the overlapping parts, in order (one per
        /// window of a split shift), `millis` long together.
        case counted([Range<Instant>], millis: Int64)
        /// A working day whose windows lie outside the span (before creation, after the response).
        case outside(String)
        /// Not a working day: `weekend`, `holiday`, or both.
        case skipped(String)
    }

    public var date: CivilDate
    public var kind: Kind

    public var countedMillis: Int64 {
        if case .counted(_, let ms) = kind { return ms }
        return 0
    }
}

/// The RCA verdict of a platform incident with the working days counted (SPEC 3.2).
public struct RCAExplanation: Sendable {
    /// Nil when service was never restored by as-of.
    public var item: RCAItem?
    public var restoreSource: String
    /// The days the verdict rests on, as the rule lists them; nil when never restored.
    public var evidence: RCAEvidence?
    public var deliverySource: String
    public var reason: String
}

/// One escalation of the case with every rule checked.
public struct EscalationExplanation: Sendable {
    public var record: EscalationRecord
    public var id: String
    public var source: String
    public var owner: String?
    /// Nil when the escalation was requested after as-of (it has not happened yet).
    public var item: EscalationItem?
    /// The nine rules in SPEC order, disabled ones too (empty when not yet requested).
    public var checks: [RuleCheck]
    /// The decision as known at as-of, and what the decision audit makes of it.
    public var audit: String
}

/// One rule's verdict on one escalation and the facts behind it.
public struct RuleCheck: Sendable, Equatable {
    public var rule: EscalationRule
    /// As `MetricsContext.outcome(of:_:)` decided, the function `escalationItem` takes the
    /// report's verdict from (`notApplied`: disabled by `[checks] disabled`).
    public var outcome: RuleOutcome
    /// Whether the rule is applied and broken.
    public var broken: Bool { outcome == .broken }
    /// The facts the rule read, in words, e.g. `status at request: waiting_on_customer`.
    public var facts: String
}
