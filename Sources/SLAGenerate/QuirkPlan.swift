/// The data-quality quirks `messy` injects: a handful of each finding of SPEC section 3.6, at
/// seeded positions, so that a report on the samples has something to show.
enum Quirk: CaseIterable {
    // cases.csv: the row at a planned position is altered (or, for a duplicate, written twice).
    case duplicateCaseID, negativeDuration, caseMissingRequired, caseBadTimestamp, caseBadValue, caseWrongFieldCount
    // case_events.csv: an extra row is written before the planned position.
    case orphanEvent, eventMissingRequired, eventBadTimestamp, eventBadValue, eventWrongFieldCount
    // escalations.csv: likewise.
    case orphanEscalation, duplicateEscalationID, escalationMissingRequired, escalationBadTimestamp
    case escalationBadValue, escalationWrongFieldCount

    /// How many of this quirk a messy export holds.
    var count: Int {
        switch self {
        case .duplicateCaseID, .negativeDuration, .orphanEscalation: return 3
        case .orphanEvent: return 4
        case .caseMissingRequired, .caseBadTimestamp, .caseBadValue, .caseWrongFieldCount: return 2
        case .eventMissingRequired, .eventBadTimestamp, .eventBadValue, .eventWrongFieldCount: return 2
        case .duplicateEscalationID: return 2
        case .escalationMissingRequired, .escalationBadTimestamp, .escalationBadValue, .escalationWrongFieldCount:
            return 1
        }
    }

    var file: ExportFile {
        switch self {
        case .duplicateCaseID, .negativeDuration, .caseMissingRequired, .caseBadTimestamp, .caseBadValue,
            .caseWrongFieldCount:
            return .cases
        case .orphanEvent, .eventMissingRequired, .eventBadTimestamp, .eventBadValue, .eventWrongFieldCount:
            return .events
        default:
            return .escalations
        }
    }

    /// `file: finding`, as in the summary, e.g. `cases.csv: duplicate-id`.
    var label: String {
        let finding: String
        switch self {
        case .duplicateCaseID, .duplicateEscalationID: finding = "duplicate-id"
        case .negativeDuration: finding = "negative-duration"
        case .caseMissingRequired, .eventMissingRequired, .escalationMissingRequired: finding = "missing-required"
        case .caseBadTimestamp, .eventBadTimestamp, .escalationBadTimestamp: finding = "bad-timestamp"
        case .caseBadValue, .eventBadValue, .escalationBadValue: finding = "bad-value"
        case .caseWrongFieldCount, .eventWrongFieldCount, .escalationWrongFieldCount: finding = "wrong-field-count"
        case .orphanEvent, .orphanEscalation: finding = "unknown-case"
        }
        return "\(file.fileName): \(finding)"
    }
}

enum ExportFile {
    case cases, events, escalations

    var fileName: String {
        switch self {
        case .cases: return "cases.csv"
        case .events: return "case_events.csv"
        case .escalations: return "escalations.csv"
        }
    }
}

/// One planned quirk: which, and which of its variants (0 ..< count).
struct PlannedQuirk {
    var quirk: Quirk
    var variant: Int
}

/// Where each quirk goes: by case row position, and by (expected) event and escalation row
/// position. Quirks whose position is never reached are written at the end of their file.
struct QuirkPlan {
    private(set) var cases: [Int: PlannedQuirk] = [:]
    private(set) var events: [Int: [PlannedQuirk]] = [:]
    private(set) var escalations: [Int: [PlannedQuirk]] = [:]

    static let empty = QuirkPlan()

    private init() {}

    init(caseCount: Int, rng: inout Xoshiro256) {
        guard caseCount > 0 else { return }
        let expectedEvents = max(1, caseCount * 5 / 2)
        let expectedEscalations = max(1, caseCount / 5)
        for quirk in Quirk.allCases {
            for variant in 0..<quirk.count {
                let planned = PlannedQuirk(quirk: quirk, variant: variant)
                switch quirk.file {
                case .cases:
                    // One quirk per case row; with very few cases some are left out.
                    guard cases.count < caseCount else { continue }
                    var position = rng.below(caseCount)
                    while cases[position] != nil { position = (position + 1) % caseCount }
                    cases[position] = planned
                case .events:
                    events[rng.below(expectedEvents), default: []].append(planned)
                case .escalations:
                    escalations[rng.below(expectedEscalations), default: []].append(planned)
                }
            }
        }
    }

    /// Removes and returns the quirks planned before event row `position`.
    mutating func takeEvents(at position: Int) -> [PlannedQuirk] { events.removeValue(forKey: position) ?? [] }

    mutating func takeEscalations(at position: Int) -> [PlannedQuirk] {
        escalations.removeValue(forKey: position) ?? []
    }

    /// The event (or escalation) quirks never reached, in a fixed order.
    mutating func takeRemainingEvents() -> [PlannedQuirk] {
        defer { events = [:] }
        return events.keys.sorted().flatMap { events[$0] ?? [] }
    }

    mutating func takeRemainingEscalations() -> [PlannedQuirk] {
        defer { escalations = [:] }
        return escalations.keys.sorted().flatMap { escalations[$0] ?? [] }
    }
}
