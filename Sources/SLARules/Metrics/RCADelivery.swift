import SLAConfig
import SLAModel
import SLATime

/// The RCA verdict of one platform incident (SPEC section 3.2).
public enum RCAVerdict: String, Sendable {
    case onTime = "on_time"
    case late
    case overdue
    case pending
}

/// One severity-1 platform incident restored in the period, with its RCA verdict.
public struct RCAItem: Sendable, Equatable {
    public var caseIndex: Int32
    public var restoredAt: Instant
    /// The N-th working day after the restore date: the RCA is due by its end.
    public var dueDate: CivilDate
    /// The end of `dueDate` (local midnight after it).
    public var dueAt: Instant
    public var deliveredAt: Instant?
    public var verdict: RCAVerdict
    /// For late and overdue items: working days after the due date up to and including the
    /// delivery date (or the as-of date); 0 otherwise.
    public var businessDaysLate: Int
    /// The clock that judged it (an index in `Judging.clocks`): its calendar and zone.
    public var clock: Int32 = 0
}

/// The days an RCA verdict rests on (SPEC 3.2), listed for `explain`.
public struct RCAEvidence: Sendable, Equatable {
    /// A date after the restore date: the n-th working day, or skipped and why.
    public struct Day: Sendable, Equatable {
        public var date: CivilDate
        /// 1...N for a working day; nil for a skipped date.
        public var workingDay: Int?
        /// Why a skipped date is not a working day (`weekend`, `holiday`, ...).
        public var skippedBecause: String?
    }

    /// d0: the local date of the restore in the calendar's zone.
    public var restoreDate: CivilDate
    /// Every date after d0 through the due date.
    public var days: [Day]
    /// The working days counted as late: after the due date through delivery (or as-of).
    public var lateDays: [CivilDate]
}

/// RCA counts; an accumulator that can be merged.
public struct RCATally: Sendable, Equatable {
    public var incidents = 0
    public var onTime = 0
    public var late = 0
    public var overdue = 0
    public var pending = 0
    /// Incidents excluded from RCA by exclusions.csv (SPEC 3.10), and what they would have
    /// counted as.
    public var excluded = 0
    public var excludedOnTime = 0
    public var excludedLateOrOverdue = 0

    public init() {}

    /// on_time / (on_time + late + overdue); nil when that is zero.
    public var compliance: Double? {
        let decided = onTime + late + overdue
        return decided == 0 ? nil : Double(onTime) / Double(decided)
    }

    /// The compliance with the excluded incidents counted as their verdicts.
    public var complianceRaw: Double? {
        let decided = onTime + late + overdue + excludedOnTime + excludedLateOrOverdue
        return decided == 0 ? nil : Double(onTime + excludedOnTime) / Double(decided)
    }

    public mutating func add(_ item: RCAItem, excluded isExcluded: Bool = false) {
        incidents += 1
        if isExcluded {
            excluded += 1
            if item.verdict == .onTime { excludedOnTime += 1 }
            if item.verdict == .late || item.verdict == .overdue { excludedLateOrOverdue += 1 }
            return
        }
        switch item.verdict {
        case .onTime: onTime += 1
        case .late: late += 1
        case .overdue: overdue += 1
        case .pending: pending += 1
        }
    }

    public mutating func merge(_ other: RCATally) {
        excluded += other.excluded
        excludedOnTime += other.excludedOnTime
        excludedLateOrOverdue += other.excludedLateOrOverdue
        incidents += other.incidents
        onTime += other.onTime
        late += other.late
        overdue += other.overdue
        pending += other.pending
    }
}

extension MetricsContext {
    /// When the RCA of an incident restored at `restored` is due on `calendar` (the case's
    /// clock): the end of the N-th working day after the restore's local date in its zone.
    public func rcaDue(restoredAt restored: Instant, calendar: BusinessCalendar) -> (date: CivilDate, at: Instant) {
        let d0 = calendar.localDate(of: restored)
        let n = config.rcaBusinessDays
        return (calendar.workingDay(n: n, after: d0), calendar.endOfWorkingDay(n: n, after: d0))
    }

    /// The RCA item of a platform incident, or nil when the case is not one or was never restored.
    public func rcaItem(_ t: CaseTimeline) -> RCAItem? {
        guard t.record.platformIncident, let restored = t.serviceRestored else { return nil }
        let judgement = judging.judgement(of: t.record)
        let calendar = judging.calendar(judgement)
        let due = rcaDue(restoredAt: restored, calendar: calendar)
        let delivered = t.rcaDelivered
        var item = RCAItem(
            caseIndex: t.record.id, restoredAt: restored, dueDate: due.date, dueAt: due.at, deliveredAt: delivered,
            verdict: .pending, businessDaysLate: 0, clock: judgement.clock)
        // Delivered before the due instant is on time; at or after it, late. Undelivered is
        // overdue from the due instant on, when on-time delivery is no longer possible.
        if let delivered {
            item.verdict = delivered < due.at ? .onTime : .late
        } else if asOf >= due.at {
            item.verdict = .overdue
        }
        if item.verdict == .late || item.verdict == .overdue {
            let until = calendar.localDate(of: delivered ?? asOf)
            item.businessDaysLate = calendar.workingDays(after: due.date, through: until)
        }
        return item
    }

    /// The days behind `item`'s due date and lateness, one by one: every date after the
    /// restore date through the due date with its working-day number or the reason it is
    /// skipped, and the working days counted late. `rcaItem` counts the same days in bulk;
    /// the tests hold the two to the same numbers.
    public func rcaEvidence(for item: RCAItem) -> RCAEvidence {
        let calendar = judging.clocks[Int(item.clock)]
        let d0 = calendar.localDate(of: item.restoredAt)
        var days: [RCAEvidence.Day] = []
        var n = 0
        var day = d0.adding(days: 1)
        while day <= item.dueDate {
            if let why = calendar.nonWorkingReason(day) {
                days.append(RCAEvidence.Day(date: day, workingDay: nil, skippedBecause: why))
            } else {
                n += 1
                days.append(RCAEvidence.Day(date: day, workingDay: n, skippedBecause: nil))
            }
            day = day.adding(days: 1)
        }
        var lateDays: [CivilDate] = []
        if item.verdict == .late || item.verdict == .overdue {
            let until = calendar.localDate(of: item.deliveredAt ?? asOf)
            var d = item.dueDate.adding(days: 1)
            while d <= until {
                if calendar.isWorkingDay(d) { lateDays.append(d) }
                d = d.adding(days: 1)
            }
        }
        return RCAEvidence(restoreDate: d0, days: days, lateDays: lateDays)
    }
}
