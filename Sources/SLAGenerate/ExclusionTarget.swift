/// The targets of exclusions.csv (SPEC 1 and 3.10) as `GeneratorOptions.exclusions` writes
/// them: the share of the N rows each gets and which generated cases are eligible, so that
/// every exclusion names a case in that target's population under the written slacheck.toml.
///
/// A case is eligible for any target only when its cases.csv row is accepted whole (no `messy`
/// quirk touches it) and it has no other exclusion. Then:
/// - `first_response`, `resolution`, `all`: every such case;
/// - `update`: severities 1-3 (severity 4 has no update target) with a first response before
///   the export;
/// - `restoration`: platform incidents;
/// - `rca`: platform incidents whose service was restored before the export.
///
/// The N rows are split by `percent` (25, 10, 25, 20, 10, 10 in `allCases` order), the
/// remainders going to the largest fractions (ties: `allCases` order). Targets are filled
/// scarcest first (`restoration`, `rca`, `update`, then the others); what a target cannot fill
/// for want of eligible cases goes to `resolution`, and when no eligible case is left, fewer
/// than N rows are written.
enum ExclusionTarget: Int, CaseIterable {
    case firstResponse, restoration, resolution, update, rca, all

    /// The value in exclusions.csv.
    var word: String {
        switch self {
        case .firstResponse: return "first_response"
        case .restoration: return "restoration"
        case .resolution: return "resolution"
        case .update: return "update"
        case .rca: return "rca"
        case .all: return "all"
        }
    }

    /// Its share of the rows, in percent.
    var percent: Int {
        switch self {
        case .firstResponse, .resolution: return 25
        case .update: return 20
        case .restoration, .rca, .all: return 10
        }
    }

    /// The order in which targets take their cases: the scarcest pools first.
    static let fillOrder: [ExclusionTarget] = [.restoration, .rca, .update, .firstResponse, .resolution, .all]

    /// Rows per target for `n` exclusions: `n * percent / 100` each, the rest to the largest
    /// remainders (ties in `allCases` order).
    static func counts(_ n: Int) -> [ExclusionTarget: Int] {
        var counts: [ExclusionTarget: Int] = [:]
        for target in allCases { counts[target] = n * target.percent / 100 }
        let left = n - counts.values.reduce(0, +)
        let byRemainder = allCases.sorted {
            let (a, b) = (n * $0.percent % 100, n * $1.percent % 100)
            return a != b ? a > b : $0.rawValue < $1.rawValue
        }
        for target in byRemainder.prefix(left) { counts[target, default: 0] += 1 }
        return counts
    }

    /// Whether `candidate` is in this target's population.
    func admits(_ candidate: ExclusionCandidate) -> Bool {
        switch self {
        case .firstResponse, .resolution, .all: return true
        case .update: return candidate.severity <= 3 && candidate.responded
        case .restoration: return candidate.incident
        case .rca: return candidate.incident && candidate.restored
        }
    }

    /// Plausible reasons; `{qbr}` stands for the month before the case's creation month.
    var reasons: [String] {
        switch self {
        case .firstResponse:
            return [
                "customer-requested maintenance window", "duplicate of a case already answered",
                "raised by email outside the contracted channels, agreed with the account team", "agreed in QBR {qbr}",
            ]
        case .restoration:
            return [
                "force majeure: regional power outage", "customer-side network outage, confirmed by the carrier",
                "customer-requested maintenance window",
            ]
        case .resolution:
            return [
                "customer-requested maintenance window", "waiting on the customer's telephony carrier",
                "enhancement request, tracked as an idea", "customer change freeze (\"no changes until January\")",
                "agreed in QBR {qbr}",
            ]
        case .update:
            return [
                "customer asked for daily updates only", "updates given by phone, not logged", "agreed in QBR {qbr}",
            ]
        case .rca:
            return [
                "RCA waived by the customer", "force majeure: regional power outage",
                "one RCA for the related incidents, under the first case",
            ]
        case .all:
            return [
                "test case raised by the customer's QA team", "force majeure: regional power outage",
                "created in error, agreed with the customer", "agreed in QBR {qbr}",
            ]
        }
    }

    /// Who agreed: a name or a board; `approverShare` of the rows name one, the others are empty.
    static let approvers = [
        "Dana Whitfield", "Raj Mehta", "Claire Fontaine", "Owen Gallagher", "Service Delivery Board",
        "Priya Raman (customer)", "Marcus Oyelaran",
    ]
    static let approverShare = 0.75
}

/// What the generator knows of a case whose row is accepted, for choosing exclusions.
struct ExclusionCandidate {
    var index: Int32
    var created: Int64
    var severity: UInt8
    var incident: Bool
    /// A first response (row or event) before the export.
    var responded: Bool
    /// A restore (row or event) before the export.
    var restored: Bool
}

/// The broken rows `messy` adds to exclusions.csv (when it is written): exactly `count` of each.
enum ExclusionQuirk: CaseIterable {
    /// A case id that is not in cases.csv: `unknown-case`.
    case unknownCase
    /// The target `resolutoin` (`misspelledTarget`): rejected as `bad-value`.
    case unknownTarget
    /// An empty reason: rejected as `missing-required`.
    case emptyReason

    var count: Int { self == .unknownCase ? 3 : 1 }

    static let misspelledTarget = "resolutoin"

    /// `exclusions.csv: finding`, as in the summary.
    var label: String {
        switch self {
        case .unknownCase: return "exclusions.csv: unknown-case"
        case .unknownTarget: return "exclusions.csv: bad-value"
        case .emptyReason: return "exclusions.csv: missing-required"
        }
    }
}
