import SLAConfig
import SLAModel
import SLATime

/// One case's history, queried at any instant as SPEC section 2 defines.
///
/// The row's `created_at` counts as a `status open` event, its `resolved_at` as a `status
/// resolved` event (SPEC v2) and its `closed_at` as a `status closed` event; the row's severity
/// and priority are the values at `created_at`.
/// At the same instant an event from case_events.csv wins over the row's values, and among
/// case_events.csv rows the later in the file wins. Nothing stamped after `asOf` has happened.
///
/// A timeline borrows its events (a `Span`): it cannot outlive the array that holds them, which
/// the compiler checks (the type is `~Escapable`). The analysis makes a million of them on every
/// core without touching a reference count; `CaseHistory` keeps the events of one case for
/// those who need to hold them (explain, tests).
public struct CaseTimeline: ~Escapable, Sendable {
    /// The case's row.
    public let record: CaseRecord
    /// Its events at or before as-of, ordered by time, then input order.
    public let events: Span<CaseEvent>
    /// The instant after which nothing has happened yet.
    public let asOf: Instant

    /// A timeline over `events` (at or before `asOf`, in time then input order).
    @_lifetime(copy events)
    public init(record: CaseRecord, events: Span<CaseEvent>, asOf: Instant) {
        self.record = record
        self.events = events
        self.asOf = asOf
    }

    /// Where a value of the timeline comes from: a column of the case's row, or an event.
    public enum Source: Sendable, Equatable {
        case row(Instant)
        case event(CaseEvent)

        public var at: Instant {
            switch self {
            case .row(let t): t
            case .event(let e): e.at
            }
        }
    }

    /// A row value, if it has happened by as-of.
    @inlinable func happened(_ t: Instant?) -> Instant? {
        guard let t, t <= asOf else { return nil }
        return t
    }

    /// Whether the case exists at `t` (it was created at or before `t`).
    public func exists(at t: Instant) -> Bool { record.createdAt <= t && record.createdAt <= asOf }

    /// What set the status in force at a given instant.
    public enum StatusSource: Sendable, Equatable {
        /// The row's `created_at` (status open).
        case created
        /// The row's `resolved_at` (status resolved).
        case resolvedAt(Instant)
        /// The row's `closed_at` (status closed).
        case closedAt(Instant)
        /// A `status` event.
        case event(CaseEvent)

        /// The status it sets (nil only for an event without one, which never decides).
        public var status: CaseStatus? {
            switch self {
            case .created: .open
            case .resolvedAt: .resolved
            case .closedAt: .closed
            case .event(let e): e.status
            }
        }
    }

    /// Which entry decides the status at `t` (SPEC section 2): the row's values first (the latest
    /// of created_at, resolved_at and closed_at; at one instant closed beats resolved, which beats
    /// open), and a case_events row at the same instant or later replaces them; among events the
    /// later in the input wins. Nil before the case was created. The one place these ties are
    /// settled.
    public func statusSource(at t: Instant) -> StatusSource? {
        guard exists(at: t) else { return nil }
        return statusSource(at: t, lastStatusEvent: lastEvent(atOrBefore: t, where: { $0.type == .status }))
    }

    /// `statusSource(at:)` for an instant `t` at or after creation whose latest `status` event at
    /// or before it is `latest`.
    @inline(__always)
    func statusSource(at t: Instant, lastStatusEvent latest: CaseEvent?) -> StatusSource {
        var best = StatusSource.created
        var bestAt = record.createdAt
        if let resolved = happened(record.resolvedAt), resolved <= t, resolved >= bestAt {
            best = .resolvedAt(resolved)
            bestAt = resolved
        }
        if let closed = happened(record.closedAt), closed <= t, closed >= bestAt {
            best = .closedAt(closed)
            bestAt = closed
        }
        if let e = latest, e.at >= bestAt, e.status != nil {
            best = .event(e)
        }
        return best
    }

    /// The status at `t`; nil before the case was created.
    public func status(at t: Instant) -> CaseStatus? {
        statusSource(at: t)?.status
    }

    /// The `severity` event that decides the severity at `t` (the latest at or before `t`, not
    /// before creation; at the same instant the later in the input); nil when the row's value
    /// holds.
    public func severitySource(at t: Instant) -> CaseEvent? {
        guard let e = lastEvent(atOrBefore: t, where: { $0.type == .severity }), e.at >= record.createdAt,
            e.severity != nil
        else { return nil }
        return e
    }

    /// The severity at `t`; the row's before the case was created.
    public func severity(at t: Instant) -> Severity { severitySource(at: t)?.severity ?? record.severity }

    /// The status in force from each instant on, from creation: one entry per change, in time
    /// order (the first is the status at `created_at`). What running times pause on.
    ///
    /// The status is looked at (`statusSource(at:)`) at creation and at every later instant where
    /// it may change: the row's resolved_at and closed_at, and each `status` event. One walk over
    /// the events in time order; a million cases make one array each, and nothing else.
    public func statusChanges() -> [(at: Instant, status: CaseStatus)] {
        var changes: [(at: Instant, status: CaseStatus)] = []
        statusChanges(into: &changes)
        return changes
    }

    /// `statusChanges()` written over `changes`, whose room is kept: a pass over a million cases
    /// reuses one array.
    public func statusChanges(into changes: inout [(at: Instant, status: CaseStatus)]) {
        changes.removeAll(keepingCapacity: true)
        let created = record.createdAt
        guard created <= asOf else { return }
        // The row's instants after creation, earlier first.
        var rowFirst = happened(record.resolvedAt).flatMap { $0 > created ? $0 : nil }
        var rowSecond = happened(record.closedAt).flatMap { $0 > created ? $0 : nil }
        if let second = rowSecond, rowFirst.map({ second < $0 }) ?? true { swap(&rowFirst, &rowSecond) }
        var latest: Int?  // the last status event at or before `now`
        var next = 0  // the first event after `now`
        var now = created
        while true {
            while next < events.count && events[next].at <= now {
                if events[next].type == .status { latest = next }
                next += 1
            }
            if let status = statusSource(at: now, lastStatusEvent: latest.map { events[$0] }).status,
                changes.last?.status != status
            {
                changes.append((now, status))
            }
            // The next instant to look at: the row's next, or the next status event's (the
            // events before that one set no status: passed over once, for good).
            while let t = rowFirst, t <= now {
                rowFirst = rowSecond
                rowSecond = nil
            }
            while next < events.count && events[next].type != .status { next += 1 }
            let eventAt = next < events.count ? events[next].at : nil
            switch (rowFirst, eventAt) {
            case (nil, nil): return
            case (let row?, nil): now = row
            case (nil, let event?): now = event
            case (let row?, let event?): now = min(row, event)
            }
        }
    }

    /// The most severe of the row's severity and of every `severity` event from creation through
    /// `stop` (SPEC 3.0, `severity_basis = "highest"`).
    public func highestSeverity(through stop: Instant) -> Severity {
        var highest = record.severity
        for i in events.indices {
            let e = events[i]
            if e.at > stop { break }
            if e.type == .severity, e.at >= record.createdAt, let s = e.severity, s < highest { highest = s }
        }
        return highest
    }

    /// The `priority` event that decides the priority at `t`, as `severitySource(at:)`; nil when
    /// the row's value holds.
    public func prioritySource(at t: Instant) -> CaseEvent? {
        guard let e = lastEvent(atOrBefore: t, where: { $0.type == .priority }), e.at >= record.createdAt,
            e.priority != nil
        else { return nil }
        return e
    }

    /// The priority at `t`; the row's before the case was created.
    public func priority(at t: Instant) -> Priority? { prioritySource(at: t)?.priority ?? record.priority }

    /// What made the case assigned at `t`: `assigned_at <= t`, else the latest `assigned` event
    /// at or before `t`; nil when it is not assigned then.
    public func assignment(at t: Instant) -> Source? {
        if let a = happened(record.assignedAt), a <= t { return .row(a) }
        return lastEvent(atOrBefore: t, where: { $0.type == .assigned }).map { .event($0) }
    }

    /// The latest `update` or `status` event of case_events.csv strictly before `t`; the row's
    /// `created_at` if none.
    public func lastUpdateSource(before t: Instant) -> Source {
        var latest: CaseEvent?
        for i in events.indices {
            let e = events[i]
            if e.at >= t { break }
            if e.type == .update || e.type == .status { latest = e }
        }
        return latest.map { .event($0) } ?? .row(record.createdAt)
    }

    /// Where support's first response comes from: `first_response_at`, else the earliest
    /// `first_response` event, else the earliest `update` by support; nil if none has happened
    /// by as-of (SPEC section 2). The one place this choice is made.
    public var firstResponseSource: Source? {
        if let t = happened(record.firstResponseAt) { return .row(t) }
        if let e = firstEvent(where: { $0.type == .firstResponse }) { return .event(e) }
        return firstEvent(where: { $0.type == .update && $0.actor == .support }).map { .event($0) }
    }

    /// The instant of `firstResponseSource`.
    public var firstResponse: Instant? { firstResponseSource?.at }

    /// When service was restored: `service_restored_at`, else the earliest `service_restored` event.
    public var serviceRestored: Instant? {
        happened(record.serviceRestoredAt) ?? firstEvent(where: { $0.type == .serviceRestored })?.at
    }

    /// When the RCA was delivered: `rca_delivered_at`, else the earliest `rca_delivered` event.
    public var rcaDelivered: Instant? {
        happened(record.rcaDeliveredAt) ?? firstEvent(where: { $0.type == .rcaDelivered })?.at
    }

    /// Severities the case had, in order, starting with its severity at creation (where a
    /// case_events.csv row at `created_at` beats the row's value): for redeterminations.
    public var severityHistory: [Severity] {
        var out = [severity(at: record.createdAt)]
        forEachSeverityAfterCreation { out.append($0) }
        return out
    }

    /// Calls `body` with the severity after each instant past creation at which a severity event
    /// happened, in order (what `severityHistory` adds to the first), without building an array.
    /// At one instant the later event wins: only its severity is given.
    @inlinable public func forEachSeverityAfterCreation(_ body: (Severity) -> Void) {
        var pending: (at: Instant, severity: Severity)?
        for i in events.indices {
            let e = events[i]
            guard e.type == .severity && e.at > record.createdAt, let s = e.severity else { continue }
            if let p = pending, p.at != e.at { body(p.severity) }
            pending = (e.at, s)
        }
        if let p = pending { body(p.severity) }
    }

    /// The last event at or before `t` matching `match` (events are in time, then input, order).
    @inlinable func lastEvent(atOrBefore t: Instant, where match: (CaseEvent) -> Bool) -> CaseEvent? {
        var i = events.count
        while i > 0 {
            i -= 1
            let e = events[i]
            if e.at <= t && match(e) { return e }
        }
        return nil
    }

    @inlinable func firstEvent(where match: (CaseEvent) -> Bool) -> CaseEvent? {
        for i in events.indices where match(events[i]) { return events[i] }
        return nil
    }
}

/// One case's row and events, kept together: what a `CaseTimeline` borrows, for those who hold
/// a case's history (explain, tests) rather than go through a dataset's.
public struct CaseHistory: Sendable {
    public let record: CaseRecord
    /// The events at or before `asOf`, in time then input order.
    public let events: [CaseEvent]
    public let asOf: Instant

    public init(record: CaseRecord, events: [CaseEvent], asOf: Instant) {
        self.record = record
        self.events = events
        self.asOf = asOf
    }

    /// The timeline over these events, valid while this history is.
    public var timeline: CaseTimeline {
        @_lifetime(borrow self)
        borrowing get { CaseTimeline(record: record, events: events.span, asOf: asOf) }
    }
}
