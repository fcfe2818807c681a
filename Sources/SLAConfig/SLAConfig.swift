import SLAModel
import SLATime

/// Every setting of `slacheck.toml` (SPEC section 4), with the built-in defaults in `SLAConfig.defaults`.
///
/// Read one with `SLAConfig.load(path:)` or `SLAConfig.parse(text:fileName:)`; a missing key
/// keeps its default. `SLAConfig.defaultFileText` is the commented file `slacheck config` prints.
public struct SLAConfig: Sendable, Equatable {
    /// The time zone (`timezone`, an IANA name): the calendar and timestamps without an offset
    /// use it. Its rules are built once, when the configuration is read.
    public var zone: TimeZoneRules
    /// The zone's IANA name.
    public var timezone: String { zone.identifier }
    /// Working days, working hours and holidays (`[calendar]`).
    public var calendar: CalendarSettings
    /// First-response target and clock per severity (`[targets.first_response]`).
    public var firstResponse: FirstResponseTargets
    /// The RCA is due at the end of this many working days after service is restored (`rca.business_days`).
    public var rcaBusinessDays: Int
    /// Wall-clock time a high-priority case must wait since its last update before it may be
    /// escalated (`escalations.high_priority_wait`).
    public var highPriorityWait: SLADuration
    /// How the CSV exports are read (`[input]`).
    public var input: InputSettings
    /// How an event-log export maps onto cases, events and escalations (`[event_log]`); nil
    /// when the file has no such section.
    public var eventLog: EventLogProfile?
    /// Named calendars for organizations (`[calendars.NAME]`), in the order written.
    public var calendars: [NamedCalendar] = []
    /// Contract tiers (`[tiers.NAME]`), in the order written.
    public var tiers: [Tier] = []
    /// Contract amendments (`[[contracts]]`), in strictly ascending `from` order.
    public var contracts: [Contract] = []
    /// Which severity judges a case (`[targets] severity_basis`).
    public var severityBasis: SeverityBasis = .creation
    /// The default tables of the targets beyond first response (`[targets.restoration]`,
    /// `[targets.resolution]`, `[targets.update]`); a kind absent here is not measured unless a
    /// tier or a contract gives it entries.
    public var targetTables: [TargetKind: TargetTable] = [:]
    /// `pause_on` of each default table that gives one.
    public var pauseOn: [TargetKind: [CaseStatus]] = [:]
    /// The escalation rules and submission checks left out (`[checks] disabled`).
    public var disabledChecks = DisabledChecks()

    /// Creates a configuration from its parts.
    public init(
        zone: TimeZoneRules, calendar: CalendarSettings, firstResponse: FirstResponseTargets,
        rcaBusinessDays: Int, highPriorityWait: SLADuration, input: InputSettings, eventLog: EventLogProfile? = nil
    ) {
        self.eventLog = eventLog
        self.zone = zone
        self.calendar = calendar
        self.firstResponse = firstResponse
        self.rcaBusinessDays = rcaBusinessDays
        self.highPriorityWait = highPriorityWait
        self.input = input
    }

    /// The built-in defaults, the values `defaultFileText` spells out.
    ///
    /// The first-response figures are placeholders: Genesys publishes the coverage, not the figures.
    public static let defaults = SLAConfig(
        zone: .utc,
        calendar: CalendarSettings(workdays: [1, 2, 3, 4, 5], workStart: 8 * 3600, workEnd: 17 * 3600, holidays: []),
        firstResponse: FirstResponseTargets(
            ResponseTarget(target: SLADuration(seconds: 3600), clock: .twentyFourSeven),
            ResponseTarget(target: SLADuration(seconds: 2 * 3600), clock: .business),
            ResponseTarget(target: SLADuration(seconds: 4 * 3600), clock: .business),
            ResponseTarget(target: SLADuration(days: 1), clock: .business)
        ),
        rcaBusinessDays: 5,
        highPriorityWait: SLADuration(seconds: 24 * 3600),
        input: InputSettings(
            delimiter: UInt8(ascii: ","), timestampFormats: [], maxFieldBytes: 1 << 20,
            cases: FileMapping(), events: FileMapping(), escalations: FileMapping()
        )
    )
}

extension SLAConfig {
    /// The working calendar (`[calendar]`), a time concept of its own (`SLATime`).
    public typealias CalendarSettings = SLATime.CalendarSettings

    /// A first-response target: how long, and on which clock.
    public struct ResponseTarget: Sendable, Equatable {
        /// The longest allowed time to the first response.
        public var target: SLADuration
        /// How that time is measured.
        public var clock: SLAClock

        /// Creates a target.
        public init(target: SLADuration, clock: SLAClock) {
            self.target = target
            self.clock = clock
        }

        /// The target in seconds of the clock: wall seconds on `24x7`, business seconds on `business`.
        public func seconds(calendar: CalendarSettings) -> Int64 {
            seconds(workingDaySeconds: calendar.workingDaySeconds)
        }

        /// `seconds(calendar:)` for a calendar whose working day (`CalendarSettings.hours`) is
        /// `workingDaySeconds` long.
        @inline(__always)
        public func seconds(workingDaySeconds: Int) -> Int64 {
            switch clock {
            case .twentyFourSeven: return target.wallClockSeconds
            case .business: return target.seconds(workingDaySeconds: workingDaySeconds)
            }
        }
    }

    /// The first-response targets of severities 1 to 4.
    public struct FirstResponseTargets: Sendable, Equatable {
        /// The severities there are.
        public static let severities = 1...4

        private var bySeverity: [ResponseTarget]

        /// Creates the targets of severities 1, 2, 3 and 4.
        public init(_ s1: ResponseTarget, _ s2: ResponseTarget, _ s3: ResponseTarget, _ s4: ResponseTarget) {
            bySeverity = [s1, s2, s3, s4]
        }

        /// The target of `severity`, which must be 1...4.
        public subscript(severity severity: Int) -> ResponseTarget {
            get {
                precondition(Self.severities.contains(severity), "severity \(severity) is not 1...4")
                return bySeverity[severity - 1]
            }
            set {
                precondition(Self.severities.contains(severity), "severity \(severity) is not 1...4")
                bySeverity[severity - 1] = newValue
            }
        }
    }

    /// The three input files, as `[input.cases]`, `[input.events]` and `[input.escalations]` name them.
    public enum InputFile: String, Sendable, CaseIterable {
        case cases
        case events
        case escalations
        case organizations
        case exclusions

        /// The file's name in an `--input` folder.
        public var fileName: String {
            switch self {
            case .cases: return "cases.csv"
            case .events: return "case_events.csv"
            case .escalations: return "escalations.csv"
            case .organizations: return "organizations.csv"
            case .exclusions: return "exclusions.csv"
            }
        }

        /// Our column names for this file (SPEC section 1), in the SPEC's order.
        public var columns: [String] {
            switch self {
            case .cases:
                return [
                    "case_id", "org_id", "customer", "created_at", "severity", "priority", "channel",
                    "deployment", "description", "first_response_at", "assigned_at", "resolved_at",
                    "closed_at", "platform_incident", "service_restored_at", "rca_delivered_at",
                ]
            case .events:
                return ["case_id", "at", "type", "value", "actor"]
            case .escalations:
                return [
                    "escalation_id", "case_id", "requested_at", "reason", "channel", "decision",
                    "decided_at", "closed_at", "owner",
                ]
            case .organizations:
                return ["org_id", "name", "timezone", "calendar", "tier", "designated_contacts"]
            case .exclusions:
                return ["case_id", "target", "reason", "approved_by"]
            }
        }
    }

    /// How a real export's headers and values map onto ours, for one input file.
    public struct FileMapping: Sendable, Equatable {
        /// Our column name (lowercase) → the export's header for it (`[input.<file>.columns]`).
        public var columns: [String: String]
        /// Our column name (lowercase) → (the export's value → our value) (`[input.<file>.values.<column>]`).
        ///
        /// Export values are kept as written; integer and boolean values of ours become their TOML text.
        /// Columns with an empty map are left out.
        public var values: [String: [String: String]]

        /// Creates a mapping; the default maps nothing.
        public init(columns: [String: String] = [:], values: [String: [String: String]] = [:]) {
            self.columns = columns
            self.values = values
        }
    }

    /// How the CSV exports are read (`[input]`).
    public struct InputSettings: Sendable, Equatable {
        /// The field delimiter byte: `,` `;` tab or `|`.
        public var delimiter: UInt8
        /// Extra timestamp formats tried after ISO 8601, compiled when the configuration is read
        /// (`pattern` holds each as written, e.g. `%d-%m-%Y %H:%M:%S`).
        public var timestampFormats: [TimestampFormat]
        /// The longest CSV field accepted, in bytes (`max_field_bytes`, our addition).
        public var maxFieldBytes: Int
        /// Header and value mapping of `cases.csv`.
        public var cases: FileMapping
        /// Header and value mapping of `case_events.csv`.
        public var events: FileMapping
        /// Header and value mapping of `escalations.csv`.
        public var escalations: FileMapping
        /// Header and value mapping of `organizations.csv`.
        public var organizations = FileMapping()
        /// Header and value mapping of `exclusions.csv`.
        public var exclusions = FileMapping()
        /// Field values that mean "missing" in every input, like an empty field (`missing_tokens`,
        /// e.g. `["?", "NULL", "n/a"]`); compared trimmed and ignoring ASCII case.
        public var missingTokens: [String]

        /// Creates input settings.
        public init(
            delimiter: UInt8, timestampFormats: [TimestampFormat], maxFieldBytes: Int,
            cases: FileMapping, events: FileMapping, escalations: FileMapping, missingTokens: [String] = []
        ) {
            self.missingTokens = missingTokens
            self.delimiter = delimiter
            self.timestampFormats = timestampFormats
            self.maxFieldBytes = maxFieldBytes
            self.cases = cases
            self.events = events
            self.escalations = escalations
        }

        /// The mapping of `file`.
        public subscript(file: InputFile) -> FileMapping {
            get {
                switch file {
                case .cases: return cases
                case .events: return events
                case .escalations: return escalations
                case .organizations: return organizations
                case .exclusions: return exclusions
                }
            }
            set {
                switch file {
                case .cases: cases = newValue
                case .events: events = newValue
                case .escalations: escalations = newValue
                case .organizations: organizations = newValue
                case .exclusions: exclusions = newValue
                }
            }
        }
    }
}
