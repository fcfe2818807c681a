import SLAConfig
import SLAModel
import SLATime

/// The customers as organizations.csv describes them: what `Judging` needs of the dataset.
public struct OrganizationBook: Sendable {
    /// The accepted rows of organizations.csv.
    public var organizations: [OrganizationRecord]
    /// The time zones they name (`OrganizationRecord.zone` indexes this).
    public var zones: [TimeZoneRules]
    /// `organizationOf[org]`: the index in `organizations` of the case org numbered `org`, or -1.
    public var organizationOf: [Int32]

    public init(organizations: [OrganizationRecord] = [], zones: [TimeZoneRules] = [], organizationOf: [Int32] = []) {
        self.organizations = organizations
        self.zones = zones
        self.organizationOf = organizationOf
    }
}

/// What judges one case (SPEC 3.0): its organization, tier, contract period and clock.
public struct CaseJudgement: Sendable, Equatable {
    /// Index in `OrganizationBook.organizations`; -1 when the case's org is not in organizations.csv.
    public var organization: Int32
    /// Index in the configuration's `tiers`; -1 for none.
    public var tier: Int32
    /// Index in `Judging.terms`: the contract terms in force at the case's creation date.
    public var terms: Int32
    /// Index in `Judging.clocks`.
    public var clock: Int32
}

/// Which clock and which targets judge each case (SPEC 3.0), worked out once per organization
/// and contract period, not per case.
///
/// A case's **clock** is a calendar in a time zone: its organization's calendar, else its
/// tier's calendar (in force at the case's creation date), else `[calendar]`; in its
/// organization's zone, else that calendar's zone, else the top-level zone. Its **targets**
/// are those in force at its creation date (local date in the report's zone): for a kind and
/// severity, its tier's entry if there is one, else the default table's.
public struct Judging: Sendable {
    /// Every distinct clock (calendar in a zone) some case can have; 0 is `[calendar]` in the
    /// top-level zone, the clock of a case with no organization.
    public private(set) var clocks: [BusinessCalendar]
    /// For each clock: its calendar's name (`default` for `[calendar]`) and its zone's.
    public let clockNames: [(calendar: String, zone: String)]
    /// The terms in force over time (`SLAConfig.termsOverTime`).
    public let terms: [SLAConfig.Terms]
    /// The day numbers (days since 1970-01-01) from which `terms[1...]` apply.
    let termStarts: [Int]
    let report: TimeZoneRules
    let organizations: [OrganizationRecord]
    let organizationOf: [Int32]
    /// Each organization's tier (-1 for none), apart from its record: read for every case.
    let organizationTier: [Int32]
    /// `organizationClock[terms * (organizations + 1) + organization + 1]`: the clock; slot 0
    /// of each terms' row is a case without an organization.
    let organizationClock: [Int32]
    /// Tier slots: 0 for no tier, `t + 1` for tier `t`.
    let tierSlots: Int
    /// `entries[((terms * tierSlots + slot) * kinds + kind) * 4 + severity - 1]`: the entry in
    /// force, the tier's or the default's.
    let entries: [SLAConfig.ResponseTarget?]
    /// `stopMasks[terms * kinds + kind]`: the statuses the kind's clock stops in under those
    /// terms, one bit each (`RunningClock.mask`).
    let stopMasks: [UInt8]

    /// Works out the clocks and targets of `config` for the organizations of `book`; each clock's windows are
    /// worked out ahead for `days`.
    public init(config: SLAConfig, organizations book: OrganizationBook, days: ClosedRange<CivilDate>) {
        report = config.zone
        organizations = book.organizations
        organizationOf = book.organizationOf
        organizationTier = book.organizations.map { $0.tier ?? -1 }
        terms = config.termsOverTime
        termStarts = terms.dropFirst().map { $0.from?.daysSinceEpoch ?? Int.min }
        tierSlots = config.tiers.count + 1

        // The clocks, each made once: keyed by calendar (-1 for [calendar]) and zone name.
        var clocks: [BusinessCalendar] = []
        var names: [(calendar: String, zone: String)] = []
        var known: [String: Int32] = [:]
        func clock(_ choice: ClockChoice) -> Int32 {
            let key = "\(choice.calendar ?? -1) \(choice.zone.identifier)"
            if let index = known[key] { return index }
            let settings = choice.calendar.map { config.calendars[$0].settings } ?? config.calendar
            clocks.append(
                BusinessCalendar(zone: choice.zone, settings: settings).withWindows(
                    from: days.lowerBound, through: days.upperBound))
            names.append((choice.calendar.map { config.calendars[$0].name } ?? "default", choice.zone.identifier))
            known[key] = Int32(clocks.count - 1)
            return Int32(clocks.count - 1)
        }
        var organizationClock: [Int32] = []
        organizationClock.reserveCapacity(terms.count * (organizations.count + 1))
        for term in terms {
            organizationClock.append(clock(Self.clockChoice(nil, zones: book.zones, terms: term, config: config)))
            // Organizations with the same zone, calendar and tier share a clock: ten thousand
            // customers have a few dozen such profiles.
            var byProfile: [Int: Int32] = [:]
            for organization in organizations {
                let profile =
                    Int(organization.zone ?? -1) + 1 | (Int(organization.calendar ?? -1) + 1) << 21
                    | (Int(organization.tier ?? -1) + 1) << 42
                if let known = byProfile[profile] {
                    organizationClock.append(known)
                } else {
                    let index = clock(Self.clockChoice(organization, zones: book.zones, terms: term, config: config))
                    byProfile[profile] = index
                    organizationClock.append(index)
                }
            }
        }
        self.clocks = clocks
        self.clockNames = names
        self.organizationClock = organizationClock

        let kinds = SLAConfig.TargetKind.allCases
        var entries: [SLAConfig.ResponseTarget?] = []
        entries.reserveCapacity(terms.count * tierSlots * kinds.count * 4)
        for term in terms {
            for slot in 0..<tierSlots {
                for kind in kinds {
                    for severity in Severity.allCases {
                        entries.append(Self.targetChoice(kind, severity, tier: slot - 1, terms: term)?.entry)
                    }
                }
            }
        }
        self.entries = entries
        stopMasks = terms.flatMap { term in
            kinds.map { kind in
                RunningClock.mask(Self.stopsIn(kind, pauseOn: term.targets[kind]?.pauseOn ?? kind.defaultPauseOn))
            }
        }
    }

    /// The statuses the clock of `kind` stops in when its `pause_on` is `pauseOn`: those, and for
    /// resolution and update resolved and closed too (SPEC 2). The one place this is decided.
    public static func stopsIn(_ kind: SLAConfig.TargetKind, pauseOn: [CaseStatus]) -> [CaseStatus] {
        pauseOn + (kind == .resolution || kind == .update ? [.resolved, .closed] : [])
    }

    /// Where a case's calendar or zone comes from (SPEC 3.0).
    public enum ClockSource: String, Sendable {
        /// Its organization's row in organizations.csv.
        case organization
        /// Its organization's contract tier (in force at its creation).
        case tier
        /// The calendar's own `timezone`.
        case calendar
        /// `[calendar]`, or the top-level `timezone`.
        case configuration
    }

    /// A clock chosen for an organization, with where each part comes from.
    public struct ClockChoice: Sendable {
        /// Index in the configuration's calendars; nil for `[calendar]`.
        public var calendar: Int?
        public var calendarSource: ClockSource
        public var zone: TimeZoneRules
        public var zoneSource: ClockSource
    }

    /// The clock of `organization` (nil: a case with no row in organizations.csv) under `terms`:
    /// its calendar, else its tier's, else `[calendar]`; its zone, else that calendar's, else
    /// the top-level one. The one place this choice is made.
    public static func clockChoice(
        _ organization: OrganizationRecord?, zones: [TimeZoneRules], terms: SLAConfig.Terms, config: SLAConfig
    ) -> ClockChoice {
        var calendar: Int?
        var calendarSource = ClockSource.configuration
        if let own = organization?.calendar {
            calendar = Int(own)
            calendarSource = .organization
        } else if let tier = organization?.tier, let name = terms.tiers[Int(tier)].calendar,
            let index = config.calendarIndex(named: name)
        {
            calendar = index
            calendarSource = .tier
        }
        if let own = organization?.zone {
            return ClockChoice(
                calendar: calendar, calendarSource: calendarSource, zone: zones[Int(own)], zoneSource: .organization)
        }
        if let calendar, let zone = config.calendars[calendar].zone {
            return ClockChoice(calendar: calendar, calendarSource: calendarSource, zone: zone, zoneSource: .calendar)
        }
        return ClockChoice(
            calendar: calendar, calendarSource: calendarSource, zone: config.zone, zoneSource: .configuration)
    }

    /// The entry of `kind` for `severity` under `terms` for tier `tier` (-1: none), and whether it
    /// is the tier's (else the default table's); nil when neither has one. The one place the
    /// tier-then-default rule is applied.
    public static func targetChoice(
        _ kind: SLAConfig.TargetKind, _ severity: Severity, tier: Int, terms: SLAConfig.Terms
    ) -> (entry: SLAConfig.ResponseTarget, fromTier: Bool)? {
        let s = Int(severity.rawValue)
        if tier >= 0, let entry = terms.tiers[tier].targets[kind]?[severity: s] { return (entry, true) }
        return terms.targets[kind]?[severity: s].map { ($0, false) }
    }

    /// What judges `record`: its organization, tier, terms and clock.
    @inline(__always)
    public func judgement(of record: CaseRecord) -> CaseJudgement {
        var organization: Int32 = -1
        if record.org >= 0, Int(record.org) < organizationOf.count { organization = organizationOf[Int(record.org)] }
        let tier = organization < 0 ? -1 : organizationTier[Int(organization)]
        // Without contracts there is nothing to look up, not even the creation's local date.
        let termsIndex = termStarts.isEmpty ? 0 : terms(on: report.localDateTime(of: record.createdAt).date)
        return CaseJudgement(
            organization: organization, tier: tier, terms: Int32(termsIndex),
            clock: clock(organization: organization, terms: termsIndex))
    }

    /// The clock of organization `organization` (an index in `organizations`, -1 for none)
    /// under terms `terms`.
    public func clock(organization: Int32, terms: Int) -> Int32 {
        organizationClock[terms * (organizations.count + 1) + Int(organization) + 1]
    }

    /// The entry of `kind` for `severity` that judges a case of `judgement`; nil when the kind is
    /// not measured for that severity.
    @inline(__always)
    public func target(_ kind: SLAConfig.TargetKind, _ severity: Severity, _ judgement: CaseJudgement)
        -> SLAConfig.ResponseTarget?
    {
        entry(kind, severity, terms: Int(judgement.terms), tier: Int(judgement.tier))
    }

    /// The entry of `kind` for `severity` in terms `terms` for tier `tier` (-1: the defaults).
    public func entry(_ kind: SLAConfig.TargetKind, _ severity: Severity, terms: Int, tier: Int)
        -> SLAConfig.ResponseTarget?
    {
        let kinds = SLAConfig.TargetKind.allCases.count
        return entries[((terms * tierSlots + tier + 1) * kinds + kind.index) * 4 + Int(severity.rawValue) - 1]
    }

    /// Whether any table in force at any time gives `kind` an entry: a kind no contract measures
    /// is not looked at.
    public func measures(_ kind: SLAConfig.TargetKind) -> Bool {
        let kinds = SLAConfig.TargetKind.allCases.count
        for terms in 0..<self.terms.count {
            for slot in 0..<tierSlots {
                let base = ((terms * tierSlots + slot) * kinds + kind.index) * 4
                if entries[base..<base + 4].contains(where: { $0 != nil }) { return true }
            }
        }
        return false
    }

    /// The statuses the clock of `kind` stops in under the terms of `judgement` (SPEC 4:
    /// `pause_on` is always the default table's).
    public func pauseOn(_ kind: SLAConfig.TargetKind, _ judgement: CaseJudgement) -> [CaseStatus] {
        terms[Int(judgement.terms)].targets[kind]?.pauseOn ?? kind.defaultPauseOn
    }

    /// The statuses the clock of `kind` stops in under the terms of `judgement` (`stopsIn`), one
    /// bit each: worked out once per terms, not per case.
    @inline(__always)
    public func stopMask(_ kind: SLAConfig.TargetKind, _ judgement: CaseJudgement) -> UInt8 {
        stopMasks[Int(judgement.terms) * SLAConfig.TargetKind.allCases.count + kind.index]
    }

    /// These clocks and targets with clocks of their own (`BusinessCalendar.duplicate()`).
    func withOwnClocks() -> Judging {
        var copy = self
        copy.clocks = clocks.map { $0.duplicate() }
        return copy
    }

    /// The clock of `judgement`.
    @inline(__always)
    public func calendar(_ judgement: CaseJudgement) -> BusinessCalendar { clocks[Int(judgement.clock)] }

    /// The index in `terms` of the terms in force on `date` (report zone).
    public func terms(on date: CivilDate) -> Int {
        var index = 0
        while index < termStarts.count && termStarts[index] <= date.daysSinceEpoch { index += 1 }
        return index
    }

    /// The organizations.csv row of `judgement`, if any.
    public func organization(_ judgement: CaseJudgement) -> OrganizationRecord? {
        judgement.organization < 0 ? nil : organizations[Int(judgement.organization)]
    }
}
