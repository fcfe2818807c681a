/// A small, seeded pseudo-random generator: xoshiro256** seeded through SplitMix64.
///
/// The generator's output must be byte-identical for the same seed on every machine, so it
/// never touches `SystemRandomNumberGenerator`, and it draws doubles with integer arithmetic
/// only (no `log`/`exp`, whose last bits differ between C libraries).
struct Xoshiro256: RandomNumberGenerator {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator whose whole state comes from `seed` (and an optional stream number).
    init(seed: UInt64, stream: UInt64 = 0) {
        var sm = SplitMix64(state: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        s0 = sm.next()
        s1 = sm.next()
        s2 = sm.next()
        s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A uniform integer in `0..<n` (n > 0), by the multiply-high method.
    mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: UInt64(n).multipliedFullWidth(by: next()).high)
    }

    /// A uniform integer in `range`.
    mutating func int(in range: ClosedRange<Int64>) -> Int64 {
        range.lowerBound + Int64(below(Int(range.upperBound - range.lowerBound) + 1))
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// An index into `weights`, chosen with probability proportional to its weight.
    mutating func pick(_ weights: [Double]) -> Int {
        var total = 0.0
        for w in weights { total += w }
        var u = unit() * total
        for (i, w) in weights.enumerated() {
            if u < w { return i }
            u -= w
        }
        return weights.count - 1
    }

    /// One element of a non-empty array, uniformly.
    mutating func element<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Shuffles `items` in place (Fisher-Yates from the end), with this generator's draws only:
    /// the standard library's `shuffle(using:)` may change its algorithm between releases.
    mutating func shuffle<T>(_ items: inout [T]) {
        for i in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(i, below(i + 1)) }
    }
}

/// SplitMix64: expands one 64-bit seed into well-mixed words.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@inline(__always)
private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

/// A distribution given by points of its cumulative distribution function, sampled by linear
/// interpolation of the inverse: `[(0, 60), (0.5, 600), (1, 3600)]` has median 600.
///
/// Only multiplication and addition are used, so samples are the same on every machine.
struct Piecewise {
    private let probabilities: [Double]
    private let values: [Double]

    init(_ points: [(Double, Double)]) {
        probabilities = points.map(\.0)
        values = points.map(\.1)
    }

    func sample(_ rng: inout Xoshiro256) -> Double { value(at: rng.unit()) }

    func value(at u: Double) -> Double {
        var i = 1
        while i < probabilities.count - 1 && u > probabilities[i] { i += 1 }
        let p0 = probabilities[i - 1]
        let p1 = probabilities[i]
        let fraction = p1 > p0 ? min(1, max(0, (u - p0) / (p1 - p0))) : 0
        return values[i - 1] + (values[i] - values[i - 1]) * fraction
    }

    /// A sample rounded to whole seconds.
    func seconds(_ rng: inout Xoshiro256) -> Int64 { Int64(sample(&rng)) }
}
