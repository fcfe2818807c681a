/// Sorting of millisecond durations by their bytes (least significant first): a few passes of
/// counting instead of the n·log n comparisons of `sort()`, for the million response times
/// behind a month's percentiles.
public enum RadixSort {
    /// `values` in ascending order.
    public static func sorted(_ values: [Int64]) -> [Int64] {
        guard values.count > 64 else { return values.sorted() }
        var keys = values.map { UInt64(bitPattern: $0) ^ (1 << 63) }  // signed order as unsigned
        var scratch = [UInt64](repeating: 0, count: keys.count)
        for shift in stride(from: 0, to: 64, by: 8) {
            // Each pass keeps equal bytes in their order, so the earlier passes' order holds.
            var counts = [Int](repeating: 0, count: 256)
            for k in keys { counts[Int(truncatingIfNeeded: k >> UInt64(shift)) & 0xFF] += 1 }
            // A byte that every value shares (the high bytes of durations) orders nothing.
            if counts.contains(keys.count) { continue }
            var next = 0
            for b in 0..<256 {
                let c = counts[b]
                counts[b] = next
                next += c
            }
            keys.withUnsafeBufferPointer { from in
                scratch.withUnsafeMutableBufferPointer { to in
                    for k in from {
                        let b = Int(truncatingIfNeeded: k >> UInt64(shift)) & 0xFF
                        to[counts[b]] = k
                        counts[b] += 1
                    }
                }
            }
            swap(&keys, &scratch)
        }
        return keys.map { Int64(bitPattern: $0 ^ (1 << 63)) }
    }
}
