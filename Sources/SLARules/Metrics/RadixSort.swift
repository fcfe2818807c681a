/// Sorting of millisecond durations by their bytes (least significant first): a few passes of
/// counting instead of the n·log n comparisons of `sort()`, for the million response times
/// behind a month's percentiles.
public enum RadixSort {
    /// `values` in ascending order.
    public static func sorted(_ values: [Int64]) -> [Int64] {
        guard values.count > 64 else { return values.sorted() }
        // A byte of the value with its sign bit flipped: signed order as unsigned order.
        @inline(__always) func byte(_ v: Int64, _ shift: UInt64) -> Int {
            Int(truncatingIfNeeded: (UInt64(bitPattern: v) ^ (1 << 63)) >> shift) & 0xFF
        }
        var keys = values
        var scratch = [Int64](repeating: 0, count: keys.count)
        // The counts of every byte position, from one read of the values.
        var allCounts = [Int](repeating: 0, count: 8 * 256)
        allCounts.withUnsafeMutableBufferPointer { counts in
            for k in keys {
                for position in 0..<8 { counts[position << 8 | byte(k, UInt64(position * 8))] += 1 }
            }
        }
        for position in 0..<8 {
            let shift = UInt64(position * 8)
            // Each pass keeps equal bytes in their order, so the earlier passes' order holds.
            var counts = Array(allCounts[position << 8..<(position + 1) << 8])
            // A byte that every value shares (the high bytes of durations) orders nothing.
            if counts.contains(keys.count) { continue }
            var next = 0
            for b in 0..<256 {
                let c = counts[b]
                counts[b] = next
                next += c
            }
            for k in keys {
                let b = byte(k, shift)
                scratch[counts[b]] = k
                counts[b] += 1
            }
            swap(&keys, &scratch)
        }
        return keys
    }
}
