import CSVStream
import Foundation
import SLATime

/// exclusions.csv (`exclusions > 0`), written once the cases are, from its own streams: the
/// export files are the same with or without it.
extension ExportGenerator {
    /// The columns of exclusions.csv (SPEC section 1, v2).
    static let exclusionColumns = ["case_id", "target", "reason", "approved_by"]

    /// One row to write: a case (its index; negative or past the last case for an unknown one),
    /// the target as written, the reason's template and the case's creation (for `{qbr}`).
    private struct ExclusionRow {
        var caseIndex: Int32
        var target: String
        var reason: String
        var created: Int64?
    }

    /// Writes exclusions.csv: `options.exclusions` rows over distinct eligible cases (see
    /// `ExclusionTarget`), in case order, then, with `messy`, the `ExclusionQuirk` rows at seeded
    /// places among them; and records the file, the rows per target and the quirks in `summary`.
    func writeExclusions(into summary: inout GenerationSummary) throws {
        var rng = Xoshiro256(seed: options.seed, stream: 8)
        var used = [Bool](repeating: false, count: candidates.count)
        var chosen: [(position: Int, target: ExclusionTarget)] = []
        var wanted = ExclusionTarget.counts(options.exclusions)
        for target in ExclusionTarget.fillOrder {
            let n = wanted[target, default: 0]
            var pool = candidates.indices.filter { !used[$0] && target.admits(candidates[$0]) }
            let taken = min(n, pool.count)
            for i in 0..<taken {
                // A partial Fisher-Yates shuffle: the first `taken` of a uniform permutation.
                pool.swapAt(i, i + rng.below(pool.count - i))
                used[pool[i]] = true
                chosen.append((pool[i], target))
            }
            if taken < n && target != .resolution && target != .all {
                wanted[.resolution, default: 0] += n - taken
            }
        }

        var rows: [ExclusionRow] = chosen.sorted { $0.position < $1.position }.map { pick in
            let candidate = candidates[pick.position]
            var word = pick.target.word
            if options.messy && rng.chance(0.05) { word = word.uppercased() }
            return ExclusionRow(
                caseIndex: candidate.index, target: word, reason: rng.element(pick.target.reasons),
                created: candidate.created)
        }
        var byTarget: [String: Int] = [:]
        for pick in chosen { byTarget[pick.target.word, default: 0] += 1 }

        if options.messy {
            let unused = candidates.indices.filter { !used[$0] }
            func anyCase() -> ExclusionCandidate? {
                if !unused.isEmpty { return candidates[rng.element(unused)] }
                return candidates.isEmpty ? nil : rng.element(candidates)
            }
            var extra: [ExclusionRow] = []
            let unknownIndexes = [Int32(-20), Int32(-21), Int32(truncatingIfNeeded: options.cases + 500)]
            for index in unknownIndexes.prefix(ExclusionQuirk.unknownCase.count) {
                let target = rng.element(ExclusionTarget.allCases)
                extra.append(
                    ExclusionRow(
                        caseIndex: index, target: target.word, reason: rng.element(target.reasons), created: nil))
            }
            let misspelled = anyCase()
            extra.append(
                ExclusionRow(
                    caseIndex: misspelled?.index ?? 0, target: ExclusionQuirk.misspelledTarget,
                    reason: rng.element(ExclusionTarget.resolution.reasons), created: misspelled?.created))
            let unexplained = anyCase()
            extra.append(
                ExclusionRow(
                    caseIndex: unexplained?.index ?? 0, target: ExclusionTarget.firstResponse.word, reason: "",
                    created: nil))
            for row in extra { rows.insert(row, at: rng.below(rows.count + 1)) }
            for quirk in ExclusionQuirk.allCases { quirksApplied[quirk.label, default: 0] += quirk.count }
        }

        let out = try OutputFile(url: directory.appendingPathComponent("exclusions.csv"))
        out.csv.header(ExportGenerator.exclusionColumns)
        for row in rows {
            caseID(out, row.caseIndex)
            out.csv.comma()
            out.csv.raw(Array(row.target.utf8))
            out.csv.comma()
            out.csv.text(reason(row.reason, created: row.created))
            out.csv.comma()
            if rng.chance(ExclusionTarget.approverShare) { out.csv.text(rng.element(ExclusionTarget.approvers)) }
            try out.endRow()
        }
        try out.close()
        summary.exclusions = GenerationSummary.File(
            name: out.url.lastPathComponent, url: out.url, rows: out.rows, bytes: out.bytes)
        summary.exclusionsByTarget = byTarget
    }

    /// `template` with `{qbr}` replaced by the month before the local month of `created`
    /// (the quarterly business review that agreed it), `YYYY-MM`.
    private func reason(_ template: String, created: Int64?) -> String {
        guard template.contains("{qbr}") else { return template }
        let date = zone.localDateTime(of: Instant(seconds: created ?? horizon)).date
        let month = date.month == 1 ? 12 : date.month - 1
        let year = date.month == 1 ? date.year - 1 : date.year
        return template.replacingOccurrences(of: "{qbr}", with: "\(year)-\(month < 10 ? "0" : "")\(month)")
    }
}
