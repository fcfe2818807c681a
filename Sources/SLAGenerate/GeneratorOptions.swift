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
    /// on case_events.csv.
    public var messy: Bool

    public init(
        cases: Int, seed: UInt64 = 1,
        from: CivilDate = CivilDate(year: 2026, month: 10, day: 1),
        to: CivilDate = CivilDate(year: 2026, month: 11, day: 1),
        months: Int = 1, timeZone: String = "UTC", messy: Bool = false
    ) {
        self.cases = cases
        self.seed = seed
        self.from = from
        self.to = to
        self.months = months
        self.timeZone = timeZone
        self.messy = messy
    }

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
    /// Injected data-quality quirks by name (empty unless `messy`), for example
    /// `duplicate-case-id: 3`.
    public var quirks: [String: Int]
    /// How many escalations break each rule of SPEC 3.3, by the generator's own simplified
    /// reading of the timeline it wrote (a guide to the proportions, not a reference result).
    public var intendedRuleHits: [String: Int]
    /// Escalations breaking at least one rule, by the same reading.
    public var intendedInvalid: Int

    public var files: [File] { [cases, events, escalations] }
    public var totalBytes: Int { cases.bytes + events.bytes + escalations.bytes }
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
