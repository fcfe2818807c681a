import TestSupport
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLARules
@testable import SLATime

@Suite("Radix sort")
struct RadixSortTests {
    @Test("Sorts like sort(): every size to 300, negatives, duplicates and the extremes")
    func againstTheStandardSort() {
        var random = SplitMix64(seed: 7)
        for size in 0...300 {
            var values = (0..<size).map { _ in Int64(bitPattern: random.next()) >> Int64(random.next() % 60) }
            if size > 3 {
                values[0] = .min
                values[1] = .max
                values[2] = values[3]
            }
            #expect(RadixSort.sorted(values) == values.sorted(), "size \(size)")
        }
    }

    @Test("Sorts a month's worth of durations, all sharing their high bytes")
    func durations() {
        var random = SplitMix64(seed: 11)
        // Up to 30 days in milliseconds: the top five bytes are zero in every value.
        let values = (0..<200_000).map { _ in Int64(random.next() % (30 * 86_400_000)) }
        #expect(RadixSort.sorted(values) == values.sorted())
    }

    @Test("Nearest rank on a thousand values: p50 = 500th, p90 = 900th, p95 = 950th")
    func thousandValues() throws {
        var random = SplitMix64(seed: 3)
        var values = Array(Int64(1)...1000)
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            values.swapAt(i, Int(random.next() % UInt64(i + 1)))
        }
        let stats = try #require(DurationStats(values))
        #expect([stats.p50, stats.p90, stats.p95, stats.max] == [500, 900, 950, 1000])
        #expect(stats.mean == 500.5)  // 500500 / 1000
    }
}
