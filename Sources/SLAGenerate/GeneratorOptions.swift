import Foundation
import SLAModel
import SLATime

/// What `generateExports` writes: how many cases, over which dates, in which style.
public struct GeneratorOptions: Sendable, Equatable {
    /// Number of case rows (before any `messy` duplicates), spread over all generated months.
    public var cases: Int
    /// The seed: the same options give byte-identical files on every machine.
    public var seed: UInt64
    /// First local date of the main period (inclusive).
    public var from: CivilDate
    /// End of the main period (exclusive). The export is taken at its local midnight: nothing
    /// later appears in the files, so the most recent cases are still pending.
    public var to: CivilDate
    /// Number of calendar months generated, ending with the main period: `months - 1` earlier
    /// months before `from` also get cases, so a report can show a trend.
    public var months: Int
    /// IANA time zone of the customers' working hours and of naive timestamps (`messy`).
    public var timeZone: String
    /// Mixed spellings (offsets, naive local times, `Sev 2`, `yes`, `PORTAL`, ...) and a handful
    /// of each data-quality quirk of SPEC section 3.6, a BOM on cases.csv and CRLF line ends
    /// on case_events.csv. With `zones > 0`, also the broken rows of `CustomerBase` in
    /// organizations.csv: exactly `OrganizationQuirk.unknownTimeZone.count` (2) rows with an
    /// unknown time zone, 2 with an unknown calendar, 2 with an unknown tier, 2 extra rows
    /// repeating an earlier org_id, and the 3 organizations with the fewest cases (at least one)
    /// left out of the file (fewer only when fewer have cases), when the pool holds at least
    /// `CustomerBase.messyMinimum` (20) organizations (see `OrganizationQuirk`).
    public var messy: Bool
    /// Number of time zones among the organizations (0...20). With 0, no organizations.csv and
    /// no slacheck.toml are written; with K > 0, both are, and the organizations' time zones are
    /// the first K of `CustomerBase.zoneNames` (see `CustomerBase` for every share). The three
    /// export files are the same whatever K.
    public var zones: Int
    /// Number of organizations (1...90000); nil for the generator's usual pool of
    /// `OrganizationPool.defaultCount(caseCount:)`: one per 50 cases, at least 8 and at most 20,000.
    public var customers: Int?
    /// Number of agreed exclusions (SPEC 1, exclusions.csv) to write, 0...`cases`; with 0 no
    /// exclusions.csv is written. The rows exclude distinct generated cases that a report has in
    /// the target's population under the written slacheck.toml; the three export files are the
    /// same whatever the number. Targets in the proportions of `ExclusionTarget.share`:
    /// `first_response` 25%, `resolution` 25%, `update` 20%, `restoration` 10%, `rca` 10% and
    /// `all` 10% (see `ExclusionTarget` for who is eligible, and where a shortfall goes).
    /// With `messy`, exactly `ExclusionQuirk.unknownCase.count` (3) more rows name cases that do
    /// not exist (`unknown-case`), 1 names the target `resolutoin` (`bad-value`) and 1 has an
    /// empty reason (`missing-required`): N + 5 rows in all; and about 5% of the N good rows spell
    /// their target in upper case (`RCA`), which a reader must accept.
    public var exclusions: Int
    /// Case lifecycles that exercise the targets of SPEC 3.7-3.9 (see `LifecycleScenario` for
    /// every share): among the cases that are not platform incidents and get a first response,
    /// 4% wait on the customer two or three times before resolution, 2% are resolved, reopened
    /// and resolved again, 2% are resolved then closed (both as events), 1% are reopened and
    /// still open at the export, 3% have support updates days apart (one gap from a Friday
    /// afternoon to the next Monday); and the first two cases created in the 12 hours before
    /// each daylight-saving change of `timeZone` in the generated months become severity-1
    /// platform incidents restored after it. Off by default: the files are then those the
    /// generator has always written.
    public var lifecycle: Bool

    /// The most time zones `zones` may ask for: the length of `CustomerBase.zoneNames`.
    public static let maximumZones = 20
    /// The most organizations `customers` may ask for: the org ids' five-digit numbers.
    public static let maximumCustomers = 90_000

    public init(
        cases: Int, seed: UInt64 = 1,
        from: CivilDate = CivilDate(year: 2026, month: 10, day: 1),
        to: CivilDate = CivilDate(year: 2026, month: 11, day: 1),
        months: Int = 1, timeZone: String = "UTC", messy: Bool = false, zones: Int = 0, customers: Int? = nil,
        exclusions: Int = 0, lifecycle: Bool = false
    ) {
        self.cases = cases
        self.seed = seed
        self.from = from
        self.to = to
        self.months = months
        self.timeZone = timeZone
        self.messy = messy
        self.zones = zones
        self.customers = customers
        self.exclusions = exclusions
        self.lifecycle = lifecycle
    }

    /// Whether slacheck.toml also defines the targets of SPEC 3.7-3.9 (`[targets.restoration]`,
    /// `[targets.resolution]`, `[targets.update]` and their tier and contract entries; see
    /// `CustomerBase.configuration`): with `zones > 0`, when `exclusions` or `lifecycle` asks for
    /// those targets to be exercised. A plain `--zones` keeps the configuration that the
    /// slacheck of today reads (it rejects these tables as unknown keys until SPEC v2's targets
    /// are implemented; then this can become `zones > 0`).
    public var writesTargetTables: Bool { zones > 0 && (exclusions > 0 || lifecycle) }

    /// The number of organizations of the pool: `customers`, or the usual pool for `cases`.
    public var organizationCount: Int { customers ?? OrganizationPool.defaultCount(caseCount: cases) }

    /// Throws `GeneratorError` unless the options can be generated.
    public func validate() throws {
        guard cases >= 0 else { throw GeneratorError.invalidOption("--cases must be 0 or more, not \(cases)") }
        guard cases < 100_000_000 else {
            throw GeneratorError.invalidOption("--cases must be below 100000000, not \(cases)")
        }
        guard months >= 1 && months <= 24 else {
            throw GeneratorError.invalidOption("--months must be between 1 and 24, not \(months)")
        }
        guard from.isValid && to.isValid else {
            throw GeneratorError.invalidOption("--from and --to must be real dates")
        }
        guard from < to else { throw GeneratorError.invalidOption("--from (\(from)) must be before --to (\(to))") }
        guard to.daysSinceEpoch - from.daysSinceEpoch <= 3660 else {
            throw GeneratorError.invalidOption("--from and --to may be at most ten years apart")
        }
        guard zones >= 0 && zones <= GeneratorOptions.maximumZones else {
            throw GeneratorError.invalidOption(
                "--zones must be between 0 and \(GeneratorOptions.maximumZones), not \(zones)")
        }
        if let customers, customers < 1 || customers > GeneratorOptions.maximumCustomers {
            throw GeneratorError.invalidOption(
                "--customers must be between 1 and \(GeneratorOptions.maximumCustomers), not \(customers)")
        }
        guard exclusions >= 0 && exclusions <= cases else {
            throw GeneratorError.invalidOption(
                "--exclusions must be between 0 and the number of cases (\(cases)), not \(exclusions)")
        }
        guard TimeZoneRules(identifier: timeZone) != nil else {
            throw GeneratorError.invalidOption(
                "unknown time zone \"\(timeZone)\" (use an IANA name such as Europe/Berlin)")
        }
    }

    /// The first generated date: `from`, moved back `months - 1` calendar months.
    public var firstDate: CivilDate {
        var year = from.year
        var month = from.month - (months - 1)
        while month < 1 {
            month += 12
            year -= 1
        }
        return CivilDate(year: year, month: month, day: min(from.day, CivilDate.daysIn(month: month, year: year)))
    }

    /// The first day of the last generated month: the month of the day before `to`.
    public var lastMonthStart: CivilDate {
        let last = to.adding(days: -1)
        return CivilDate(year: last.year, month: last.month, day: 1)
    }
}

/// What was written: one entry per file, and the quirks injected with `messy`.
public struct GenerationSummary: Sendable {
    public struct File: Sendable {
        /// The file's name (`cases.csv`, ...).
        public var name: String
        public var url: URL
        /// Data rows written, the header not included (quirk rows included).
        public var rows: Int
        public var bytes: Int
    }

    public var cases: File
    public var events: File
    public var escalations: File
    /// organizations.csv, written only when `zones > 0` (its rows include the duplicates).
    public var organizations: File?
    /// slacheck.toml beside the CSV files, written only when `zones > 0`.
    public var configuration: URL?
    /// Bytes of slacheck.toml (0 when it was not written).
    public var configurationBytes: Int
    /// exclusions.csv, written only when `exclusions > 0` (its rows include the `messy` ones).
    public var exclusions: File?
    /// The well-formed exclusions written, by target (`first_response`, ..., `all`); the
    /// `messy` rows are in `quirks` (`exclusions.csv: unknown-case` and so on).
    public var exclusionsByTarget: [String: Int]
    /// With `lifecycle`: how many cases each scenario shaped, by `LifecycleScenario.label`
    /// (`multiple-waits`, ...), and `dst-incident`, the platform incidents restored across a
    /// daylight-saving change. Empty otherwise.
    public var lifecycle: [String: Int]
    /// The org ids `messy` left out of organizations.csv, in ascending order (empty otherwise).
    public var organizationsLeftOut: [String]
    /// Injected data-quality quirks by name (empty unless `messy`), for example
    /// `cases.csv: duplicate-id: 3`; with `zones > 0` also `organizations.csv: bad-value`,
    /// `organizations.csv: duplicate-id` and `organizations.csv: left-out` (organizations); with
    /// `exclusions > 0` also `exclusions.csv: unknown-case` (3), `exclusions.csv: bad-value` (1)
    /// and `exclusions.csv: missing-required` (1).
    public var quirks: [String: Int]
    /// How many escalations break each rule of SPEC 3.3, by the generator's own simplified
    /// reading of the timeline it wrote (a guide to the proportions, not a reference result).
    public var intendedRuleHits: [String: Int]
    /// Escalations breaking at least one rule, by the same reading.
    public var intendedInvalid: Int

    /// The CSV files written: the three exports, then organizations.csv and exclusions.csv when
    /// they were written.
    public var files: [File] {
        [cases, events, escalations] + (organizations.map { [$0] } ?? []) + (exclusions.map { [$0] } ?? [])
    }
    /// Bytes of every file written, slacheck.toml included.
    public var totalBytes: Int { files.reduce(0) { $0 + $1.bytes } + configurationBytes }
}

/// Why generation failed.
public enum GeneratorError: Error, CustomStringConvertible, Equatable {
    case invalidOption(String)
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .invalidOption(let message): return message
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        }
    }
}
