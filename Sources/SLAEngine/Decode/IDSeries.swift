import CPrefetch
import SLAConfig
import SLAModel
import SLARules
import SLATime

/// Ids of one shape, numbered through an array indexed by the number they end with: the same
/// leading bytes, then the same count of digits (`C-0100000`: `C-` and 7 digits).
///
/// Most exports number their cases (and escalations, and organizations) in a series like
/// this, in the order they were made. Hashed, the ids of a file's rows land all over a table of
/// millions of slots; here ids made about the same time, which a file's rows mostly name
/// together, sit side by side, and the array takes 4 bytes per id where the table takes 32.
/// A series that turns out too sparse for an array is given up (see `insert`).
struct IDSeries: Sendable {
    /// The leading bytes, zero-padded (at most 16).
    private let prefix: (UInt64, UInt64)
    private let prefixLength: Int
    /// The count of digits after them.
    private let digits: Int
    /// The number written in the id that `entries[0]` stands for.
    private var base = 0
    /// `entries[i]`: 1 + the id number of the id that ends with `base + i`; 0 for none.
    private var entries: [Int32] = []
    /// How many ids the series holds.
    private(set) var count = 0

    /// The longest prefix, and the fewest and most digits, of a series.
    static let maxPrefix = 16
    static let digitRange = 4...18

    /// The series whose first id is `bytes`, if it has the shape.
    init?(first bytes: UnsafeBufferPointer<UInt8>) {
        var digits = 0
        while digits < bytes.count, bytes[bytes.count - 1 - digits] &- 0x30 < 10 { digits += 1 }
        let prefixLength = bytes.count - digits
        guard IDSeries.digitRange.contains(digits), prefixLength <= IDSeries.maxPrefix else { return nil }
        var prefix: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &prefix) { p in
            for i in 0..<prefixLength { p[i] = bytes[i] }
        }
        self.prefix = prefix
        self.prefixLength = prefixLength
        self.digits = digits
    }

    /// The number `bytes` ends with, if it is of this series.
    @inline(__always)
    func value(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count == prefixLength + digits, let start = bytes.baseAddress else { return nil }
        let same = withUnsafeBytes(of: prefix) { p in
            for i in 0..<prefixLength where p[i] != start[i] { return false }
            return true
        }
        guard same else { return nil }
        var value = 0
        for i in prefixLength..<bytes.count {
            let digit = start[i] &- 0x30
            guard digit < 10 else { return nil }
            value = value &* 10 &+ Int(digit)
        }
        return value
    }

    /// The id number of the id ending with `value`, if the series holds it.
    @inline(__always)
    func find(_ value: Int) -> Int32? {
        let i = value &- base
        guard i >= 0, i < entries.count else { return nil }
        let entry = entries[i]
        return entry == 0 ? nil : entry - 1
    }

    /// Starts loading the entry of `value`.
    @inline(__always)
    func prefetch(_ value: Int) {
        let i = value &- base
        guard i >= 0, i < entries.count else { return }
        entries.withUnsafeBufferPointer { if let p = $0.baseAddress { slacheck_prefetch(p + i) } }
    }

    /// Makes room for the numbers of `count` ids made one after another (the array stays
    /// within the same limit as `insert`'s).
    mutating func reserveCapacity(_ count: Int) {
        entries.reserveCapacity(min(count + 4096, max(1 << 20, 8 * count)))
    }

    /// Records that the id ending with `value` (not yet held) has id number `n`. False, with
    /// nothing changed, when the array would then span more than eight numbers per id (and
    /// over a million): the series is too sparse to keep.
    mutating func insert(_ value: Int, _ n: Int32) -> Bool {
        if entries.isEmpty {
            // Room for the ids made around the first one.
            base = max(0, value - 1024)
            entries = Array(repeating: 0, count: value - base + 4096)
        }
        let low = min(base, value)
        let high = max(base + entries.count, value + 1)
        let limit = max(1 << 20, 8 * (count + 1))
        guard high - low <= limit else { return false }
        if value < base {
            // Ids older than any so far: room below, as much again as the series spans.
            let newBase = max(0, max(value - entries.count, base + entries.count - limit))
            entries.insert(contentsOf: repeatElement(0, count: base - newBase), at: 0)
            base = newBase
        } else if value >= base + entries.count {
            let wanted = min(max(value - base + 1, entries.count * 2), limit)
            entries.append(contentsOf: repeatElement(0, count: wanted - entries.count))
        }
        entries[value - base] = n + 1
        count += 1
        return true
    }
}
