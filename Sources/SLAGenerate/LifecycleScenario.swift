import SLATime

/// The case lifecycles `GeneratorOptions.lifecycle` adds, so that a generated month exercises
/// the restoration, resolution and periodic-update targets of SPEC 3.7-3.9.
///
/// Every case draws one number from a stream of its own (never from the case's stream, so the
/// rest of its simulation is what it would have been); a scenario shapes the case when it is
/// **eligible**: not a platform incident, with a first response before the export. Each
/// scenario replaces the case's simulated waits, resolutions, reopenings, closing and `update`
/// events (a first response written as a support `update` stays) with its own, written as
/// `status` and `update` events and the row's `resolved_at` and `closed_at`. Shares are of the
/// eligible cases (about 97% of all cases):
///
/// | scenario | share | what the files show |
/// |---|---|---|
/// | `multipleWaits` | 4% | 2 (70%) or 3 `waiting_on_customer` statuses, each ended by a customer `update` and `waiting_on_support`, a support `update` between them, then `resolved` (80% then closed) |
/// | `reopenedAndResolved` | 2% | `resolved`, `reopened` by the customer, a support `update`, `resolved` again (70% then closed) |
/// | `resolvedThenClosed` | 2% | a `resolved` event and, later, a `closed` event (and the row's `resolved_at` and `closed_at`) |
/// | `reopenedStillOpen` | 1% | `resolved`, then `reopened` before the export and nothing after but perhaps a support `update`; the row's `resolved_at` keeps the first resolution in half of them, is empty in the others |
/// | `longUpdateGaps` | 3% | support `update`s on the first Friday afternoon (14:00-17:00 local) after the first response, the Monday morning after (09:00-12:00) and 2 to 4 days later, then `resolved` (70% then closed) |
///
/// `reopenedStillOpen` needs 3 hours between its start (first response or assignment) and the
/// export; a case with less is left as it was. A scenario is counted in
/// `GenerationSummary.lifecycle` when the instant that makes it what it is (`witness`) falls
/// before the export: the second wait, the second resolution, the close, the reopening, the
/// Monday update.
///
/// Besides, the first `dstIncidentsPerChange` (2) cases created in the `dstWindow` (12 hours)
/// (that no `messy` quirk touches) before each offset change of `GeneratorOptions.timeZone` between the first generated day and
/// the export become severity-1 platform incidents restored 30 minutes to 6 hours after the
/// change (when that is before the export): 2026-11-01 06:00 UTC in America/New_York, 2026-10-25
/// 01:00 UTC in Europe/Berlin; none in UTC.
enum LifecycleScenario: Int, CaseIterable {
    case multipleWaits, reopenedAndResolved, resolvedThenClosed, reopenedStillOpen, longUpdateGaps

    /// The share of eligible cases this scenario shapes.
    var share: Double {
        switch self {
        case .multipleWaits: return 0.04
        case .reopenedAndResolved: return 0.02
        case .resolvedThenClosed: return 0.02
        case .reopenedStillOpen: return 0.01
        case .longUpdateGaps: return 0.03
        }
    }

    /// Its name in `GenerationSummary.lifecycle`.
    var label: String {
        switch self {
        case .multipleWaits: return "multiple-waits"
        case .reopenedAndResolved: return "reopened-and-resolved"
        case .resolvedThenClosed: return "resolved-then-closed"
        case .reopenedStillOpen: return "reopened-still-open"
        case .longUpdateGaps: return "long-update-gaps"
        }
    }

    /// `GenerationSummary.lifecycle`'s name for the incidents restored across an offset change.
    static let dstIncidentLabel = "dst-incident"
    static let dstIncidentsPerChange = 2
    static let dstWindow: Int64 = 12 * 3600

    /// The scenario of one case from one draw of its stream, nil for most cases.
    static func draw(_ rng: inout Xoshiro256) -> LifecycleScenario? {
        var u = rng.unit()
        for scenario in allCases {
            if u < scenario.share { return scenario }
            u -= scenario.share
        }
        return nil
    }

    /// The stream of case `index`'s lifecycle draws (far from the generator's other streams).
    static func stream(caseIndex index: Int) -> UInt64 { 0x11FE_0000_0000 &+ UInt64(index) }
}

/// What `lifecycle` asks of one case: a scenario (if eligible), an incident restored across an
/// offset change, and the draws for both.
struct LifecycleDraw {
    var scenario: LifecycleScenario?
    /// Set for a case that becomes a platform incident restored at this instant.
    var restoredAfterChange: Int64?
    var rng: Xoshiro256
}

extension TimeZoneRules {
    /// The instants (UTC seconds) at which the offset changes in `from..<to`: each the first
    /// second of the new offset, found day by day and then by bisection.
    func offsetChanges(from: Int64, to: Int64) -> [Int64] {
        func offset(_ t: Int64) -> Int { offsetSeconds(at: Instant(seconds: t)) }
        var result: [Int64] = []
        var t = from
        while t < to {
            let next = min(to, t + 86400)
            if offset(next - 1) != offset(t) {
                // The last second with t's offset is in [low, high).
                var low = t
                var high = next - 1
                let before = offset(t)
                while high - low > 1 {
                    let mid = low + (high - low) / 2
                    if offset(mid) == before { low = mid } else { high = mid }
                }
                result.append(high)
            }
            t = next
        }
        return result
    }
}
