import SLAModel
import SLATime

extension SLAConfig {
    /// What a target measures (SPEC 3.1; the kinds of 3.7-3.9 join this list).
    public enum TargetKind: String, Sendable, CaseIterable, Hashable {
        case firstResponse = "first_response"
        case restoration
        case resolution
        case update

        /// Its position in `allCases`.
        public var index: Int {
            switch self {
            case .firstResponse: 0
            case .restoration: 1
            case .resolution: 2
            case .update: 3
            }
        }

        /// The statuses its clock stops in when its table says nothing (SPEC section 4).
        public var defaultPauseOn: [CaseStatus] {
            switch self {
            case .firstResponse, .restoration: []
            case .resolution, .update: [.waitingOnCustomer]
            }
        }
    }

    /// Which severity judges a case (`[targets] severity_basis`, SPEC 3.0).
    public enum SeverityBasis: String, Sendable, CaseIterable {
        /// The severity at `created_at` (version 1).
        case creation
        /// The most severe level the case reached before the target stopped.
        case highest
    }

    /// One target kind's entries by severity; a severity without an entry is not measured (or,
    /// in a tier or a contract, falls back to the table below it).
    public struct TargetTable: Sendable, Equatable {
        private var entries: [ResponseTarget?] = [nil, nil, nil, nil]
        /// The statuses its clock stops in (`pause_on`); nil when the table does not say.
        public var pauseOn: [CaseStatus]?

        /// An empty table.
        public init() {}

        /// The table of severities 1...4 of `targets`.
        public init(_ targets: FirstResponseTargets) {
            for severity in FirstResponseTargets.severities { entries[severity - 1] = targets[severity: severity] }
        }

        /// The entry of `severity` (1...4).
        public subscript(severity severity: Int) -> ResponseTarget? {
            get { entries[severity - 1] }
            set { entries[severity - 1] = newValue }
        }

        /// Whether no severity has an entry (whatever its `pause_on`).
        public var isEmpty: Bool { entries.allSatisfy { $0 == nil } }

        /// This table with every entry `amendment` gives (a severity, `pause_on`) replacing the
        /// same one.
        public func amended(by amendment: TargetTable) -> TargetTable {
            var result = self
            for i in entries.indices where amendment.entries[i] != nil { result.entries[i] = amendment.entries[i] }
            if let pauseOn = amendment.pauseOn { result.pauseOn = pauseOn }
            return result
        }
    }

    /// A named working calendar (`[calendars.NAME]`): a copy of `[calendar]` with its own keys,
    /// and optionally its own time zone.
    public struct NamedCalendar: Sendable, Equatable {
        /// The name as first written; names compare ignoring case.
        public var name: String
        public var settings: CalendarSettings
        /// Its `timezone`, when it gives one.
        public var zone: TimeZoneRules?

        public init(name: String, settings: CalendarSettings, zone: TimeZoneRules? = nil) {
            self.name = name
            self.settings = settings
            self.zone = zone
        }
    }

    /// A contract tier (`[tiers.NAME]`), or what a contract changes of one: a default calendar
    /// for its organizations, and per-kind severity entries that replace the defaults'.
    public struct Tier: Sendable, Equatable {
        /// The name as first written; names compare ignoring case.
        public var name: String
        /// The calendar of its organizations that name none themselves (lower-case name).
        public var calendar: String?
        public var targets: [TargetKind: TargetTable]

        public init(name: String, calendar: String? = nil, targets: [TargetKind: TargetTable] = [:]) {
            self.name = name
            self.calendar = calendar
            self.targets = targets
        }
    }

    /// A contract amendment (`[[contracts]]`): from a date on, entries that replace the same ones.
    public struct Contract: Sendable, Equatable {
        /// The first local date (report time zone) of cases it applies to.
        public var from: CivilDate
        /// Default-table entries it gives.
        public var targets: [TargetKind: TargetTable]
        /// Tier entries it gives, by lower-case tier name.
        public var tiers: [String: Tier]

        public init(from: CivilDate, targets: [TargetKind: TargetTable] = [:], tiers: [String: Tier] = [:]) {
            self.from = from
            self.targets = targets
            self.tiers = tiers
        }
    }

    /// The targets and tiers in force from a date on: the top-level ones with every contract up
    /// to that date applied in order.
    public struct Terms: Sendable, Equatable {
        /// The first date they apply to; nil for the top-level terms (before any contract).
        public var from: CivilDate?
        /// The default table of each kind.
        public var targets: [TargetKind: TargetTable]
        /// Every tier, in `SLAConfig.tiers` order.
        public var tiers: [Tier]
    }

    /// The default table of `kind` at the top level, with its `pause_on` (given, or the kind's
    /// default).
    public func defaultTable(_ kind: TargetKind) -> TargetTable {
        var table = kind == .firstResponse ? TargetTable(firstResponse) : targetTables[kind] ?? TargetTable()
        table.pauseOn = pauseOn[kind] ?? kind.defaultPauseOn
        return table
    }

    /// The index in `tiers` of the tier named `name` (any case), if there is one.
    public func tierIndex(named name: String) -> Int? {
        let key = name.lowercased()
        return tiers.firstIndex { $0.name.lowercased() == key }
    }

    /// The index in `calendars` of the calendar named `name` (any case), if there is one.
    public func calendarIndex(named name: String) -> Int? {
        let key = name.lowercased()
        return calendars.firstIndex { $0.name.lowercased() == key }
    }

    /// The terms in force over time: the top-level ones, then one per contract in `from` order,
    /// each the previous with the contract applied (SPEC section 4: contracts are amendments).
    public var termsOverTime: [Terms] {
        var current = Terms(
            from: nil, targets: Dictionary(uniqueKeysWithValues: TargetKind.allCases.map { ($0, defaultTable($0)) }),
            tiers: tiers)
        var all = [current]
        for contract in contracts {
            current.from = contract.from
            for (kind, table) in contract.targets {
                current.targets[kind] = (current.targets[kind] ?? TargetTable()).amended(by: table)
            }
            for (key, change) in contract.tiers {
                guard let index = current.tiers.firstIndex(where: { $0.name.lowercased() == key }) else { continue }
                if let calendar = change.calendar { current.tiers[index].calendar = calendar }
                for (kind, table) in change.targets {
                    current.tiers[index].targets[kind] =
                        (current.tiers[index].targets[kind] ?? TargetTable()).amended(by: table)
                }
            }
            all.append(current)
        }
        return all
    }
}
