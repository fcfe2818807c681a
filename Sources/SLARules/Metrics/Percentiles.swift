import SLAConfig
import SLAModel
import SLATime

/// Summary statistics of durations, with exact nearest-rank percentiles.
public struct DurationStats: Sendable, Equatable {
    public var count: Int
    /// Milliseconds.
    public var mean: Double
    public var p50: Int64
    public var p90: Int64
    public var p95: Int64
    public var max: Int64

    /// Statistics of `values` (milliseconds); nil when there are none.
    public init?(_ values: [Int64]) {
        guard !values.isEmpty else { return nil }
        let sorted = RadixSort.sorted(values)
        count = sorted.count
        mean = Double(sorted.reduce(0, +)) / Double(sorted.count)
        p50 = DurationStats.nearestRank(sorted, 50)
        p90 = DurationStats.nearestRank(sorted, 90)
        p95 = DurationStats.nearestRank(sorted, 95)
        max = sorted[sorted.count - 1]
    }

    /// The ⌈p/100 · n⌉-th smallest value of `sorted` (nearest-rank method; p in 1...100).
    public static func nearestRank(_ sorted: [Int64], _ p: Int) -> Int64 {
        let rank = (p * sorted.count + 99) / 100  // ceiling of p·n/100 in integers
        return sorted[Swift.max(rank, 1) - 1]
    }
}
