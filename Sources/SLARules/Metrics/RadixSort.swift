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
        for shift in stride(from: UInt64(0), to: 64, by: 8) {
            // Each pass keeps equal bytes in their order, so the earlier passes' order holds.
            var counts = [Int](repeating: 0, count: 256)
            for k in keys { counts[byte(k, shift)] += 1 }
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
