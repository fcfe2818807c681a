import CSVStream
import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

/// A case id that `explain` cannot explain: not among the accepted cases.
public struct CaseLookupError: Error, Sendable, CustomStringConvertible {
    /// `case C-123 not found in cases (1296 cases read); did you mean C-0123?`, or why its row
    /// was rejected.
    public let message: String

    public var description: String { message }

    /// Why `id` is not an accepted case: its row was rejected (with the reason and line), or it
    /// is not in the cases at all (with up to three near ids).
    init(notFound id: String, in data: Dataset) {
        let rejected = CaseLookup.rejectedRows(id, in: data)
        if !rejected.isEmpty {
            let rows = rejected.map { "\($0)" }.joined(separator: "; ")
            message = "case \(id) is not among the accepted cases: its row was rejected: \(rows)"
            return
        }
        var text = "case \(id) not found in cases (\(data.cases.count) cases read)"
        let near = CaseLookup.nearestIDs(to: id, in: data, limit: 3)
        if !near.isEmpty { text += "; did you mean \(CaseLookup.orList(near))?" }
        let unknown = data.unknownCaseRows.filter { $0.caseID == id }
        if let first = unknown.first {
            text +=
                " (\(unknown.count) event or escalation rows name it, e.g. \(first.file):\(first.line): unknown-case)"
        }
        message = text
    }
}

/// Finding a case id: exact, among rejected rows, or the nearest by edit distance.
enum CaseLookup {
    /// The rejected cases.csv rows that carry `id` in one of their fields.
    ///
    /// A rejection does not say which field was the id (the header mapping is gone by then), so
    /// any field equal to the id, spaces trimmed, counts: ids are distinctive enough for that.
    static func rejectedRows(_ id: String, in data: Dataset) -> [Rejection] {
        let wanted = trim(id)
        guard !wanted.isEmpty else { return [] }
        return data.rejections.filter { r in r.kind == .cases && r.fields.contains { trim($0) == wanted } }
    }

    /// Up to `limit` accepted case ids nearest to `id` by edit distance, nearest first (ties by
    /// id), among those within `max(2, length / 3)` edits.
    ///
    /// Cheap enough for millions of ids: the distance is computed with a cut-off (a row of the
    /// table whose minimum passes the cut-off ends the computation), and ids whose length alone
    /// differs by more than the cut-off are not compared at all.
    static func nearestIDs(to id: String, in data: Dataset, limit: Int) -> [String] {
        let query = Array(id.unicodeScalars)
        var cutoff = max(2, query.count / 3)
        var best: [(distance: Int, id: String)] = []
        for n in 0..<data.caseIDs.count {
            let candidate = data.caseIDs.string(Int32(n))
            let scalars = Array(candidate.unicodeScalars)
            if abs(scalars.count - query.count) > cutoff { continue }
            guard let d = distance(query, scalars, cutoff: cutoff) else { continue }
            best.append((d, candidate))
            best.sort { ($0.distance, $0.id) < ($1.distance, $1.id) }
            if best.count > limit { best.removeLast() }
            if best.count == limit, let worst = best.last { cutoff = min(cutoff, worst.distance) }
        }
        return best.map(\.id)
    }

    /// The Levenshtein distance of `a` and `b`, or nil when it exceeds `cutoff`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], cutoff: Int) -> Int? {
        if a.isEmpty { return b.count <= cutoff ? b.count : nil }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > cutoff { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= cutoff ? previous[b.count] : nil
    }

    /// `A`, `A or B`, `A, B or C`.
    static func orList(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " or " + last
    }

    static func trim(_ s: String) -> Substring {
        var text = Substring(s)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }
}
