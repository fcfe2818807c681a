import SLAConfig
import SLAEngine
import SLAModel
import SLARules

/// The exclusions list of the report (SPEC 3.10).
extension Report {
    /// One exclusion whose case is in its target's population for the period, with the verdicts
    /// it removed.
    public struct ExclusionRow: Sendable {
        public var caseID: String
        /// The case's org number (in `names.orgs`), -1 for none.
        public var org: Int32
        public var target: ExclusionTarget
        public var reason: String
        public var approvedBy: String?
        /// The verdicts it removed, in the order first_response, restoration, resolution, update,
        /// rca: one for a single target; for `all`, one per target whose population holds the case.
        public var verdicts: [(target: ExclusionTarget, verdict: String)]
    }

    /// The targets an exclusion of `target` covers: itself, or every kind and rca for `all`.
    static func covered(by target: ExclusionTarget) -> [ExclusionTarget] {
        target == .all ? [.firstResponse, .restoration, .resolution, .update, .rca] : [target]
    }

    /// Every exclusion of a known case whose case is in that target's population for the period
    /// (for `all`: in any target's), by case_id, file order within a case. The populations are the
    /// analysis' items: the response rows (a negative duration is in none), the target items, the
    /// RCA items of incidents restored in the period.
    static func exclusionRows(
        _ result: AnalysisResult, data: Dataset
    ) -> [ExclusionRow] {
        guard !data.exclusions.isEmpty else { return [] }
        var rcaVerdicts: [Int32: String] = [:]
        for item in result.rcaItems { rcaVerdicts[item.caseIndex] = item.verdict.rawValue }
        func verdict(_ target: ExclusionTarget, caseIndex: Int32) -> String? {
            let row = Report.row(of: caseIndex, in: result.responseItems)
            switch target {
            case .firstResponse:
                guard let row, result.responseItems[row].verdict != .negativeDuration else { return nil }
                return result.responseItems[row].verdict.rawValue
            case .restoration, .resolution, .update:
                let kind: SLAConfig.TargetKind =
                    target == .restoration ? .restoration : target == .resolution ? .resolution : .update
                guard let row else { return nil }
                return result.targets.entry(kind, row: row)?.verdict?.rawValue
            case .rca:
                return rcaVerdicts[caseIndex]
            case .all:
                return nil
            }
        }
        var rows: [(index: Int, row: ExclusionRow)] = []
        for (i, x) in data.exclusions.enumerated() where x.caseIndex >= 0 {
            let verdicts = covered(by: x.target).compactMap { target in
                verdict(target, caseIndex: x.caseIndex).map { (target: target, verdict: $0) }
            }
            guard !verdicts.isEmpty else { continue }
            rows.append(
                (
                    i,
                    ExclusionRow(
                        caseID: x.caseID, org: data.cases[Int(x.caseIndex)].org, target: x.target, reason: x.reason,
                        approvedBy: x.approvedBy, verdicts: verdicts)
                ))
        }
        return rows.sorted { a, b in
            a.row.caseID != b.row.caseID ? a.row.caseID < b.row.caseID : a.index < b.index
        }.map(\.row)
    }
}
