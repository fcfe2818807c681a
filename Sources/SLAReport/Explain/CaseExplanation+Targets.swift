import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

extension ExplanationBuilder {
    /// Restoration, resolution and update as the report judges them (`targetItem`), with the
    /// pauses the rule left out (`pauses(of:)`), for each kind the configuration measures.
    func targetExplanations() -> [TargetExplanation] {
        [.restoration, .resolution, .update].filter { context.judging.measures($0) }.map { kind in
            let stopsOn =
                context.judging.pauseOn(kind, judgement)
                + (kind == .restoration ? [] : [CaseStatus.resolved, .closed])
            guard let item = context.targetItem(kind, timeline) else {
                return TargetExplanation(
                    kind: kind, item: nil, target: nil, stopsOn: stopsOn, pauses: [], leftOut: leftOut(kind))
            }
            return TargetExplanation(
                kind: kind, item: item, target: context.judging.target(kind, item.severity, judgement),
                stopsOn: stopsOn, pauses: context.pauses(of: item, timeline), leftOut: nil)
        }
    }

    /// Why the case is in no population of `kind` (SPEC 3.7-3.9).
    func leftOut(_ kind: SLAConfig.TargetKind) -> String {
        if record.createdAt > asOf { return "the case was created after as-of" }
        switch kind {
        case .restoration:
            guard record.platformIncident else { return "not a platform incident" }
            if let restored = timeline.serviceRestored, restored < record.createdAt {
                return "service restored before created_at"
            }
        case .update:
            guard let first = timeline.firstResponse else { return "no first response by as-of" }
            if first < record.createdAt { return "the first response is before created_at (negative-duration)" }
        default:
            break
        }
        return "no \(kind.rawValue) target for its severity"
    }
}
