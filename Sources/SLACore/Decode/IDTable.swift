import Foundation

/// Interns byte strings (case ids, org ids, customer names) as dense `Int32` numbers.
///
/// Looking up an id read from a field neither allocates nor builds a `String`: the bytes are
/// hashed and compared in place against one arena that holds every distinct id once.
public struct IDTable: Sendable {
    private var arena: [UInt8] = []
    /// Start offset of each id in `arena`; id `i` ends where id `i + 1` starts.
    private var starts: [Int] = [0]
    /// Open addressing: slot → id number + 1, 0 when empty.
    private var slots: [Int32]
    private var hashes: [UInt32] = []

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
    }

    /// The number of distinct ids.
    public var count: Int { starts.count - 1 }

    /// The number of `bytes`, adding it when new.
    @discardableResult
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let h = IDTable.hash(bytes)
        if let found = find(bytes, hash: h) { return found }
        return insert(bytes, hash: h)
    }

    /// The number of `bytes` if it was interned before.
    public func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        find(bytes, hash: IDTable.hash(bytes))
    }

    /// The number of `text`, adding it when new.
    @discardableResult
    public mutating func intern(_ text: String) -> Int32 {
        var text = text
        return text.withUTF8 { intern($0) }
    }

    /// The number of `text` if it was interned before.
    public func lookup(_ text: String) -> Int32? {
        var text = text
        return text.withUTF8 { lookup($0) }
    }

    /// The text of id number `n` (invalid UTF-8 repaired).
    public func string(_ n: Int32) -> String {
        let i = Int(n)
        return arena.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[starts[i]..<starts[i + 1]]), as: UTF8.self)
        }
    }

    private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt32) -> Int32? {
        let mask = slots.count - 1
        var slot = Int(h) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            let n = Int(entry - 1)
            if hashes[n] == h, equal(n, bytes) { return entry - 1 }
            slot = (slot + 1) & mask
        }
    }

    private func equal(_ n: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let lo = starts[n]
        let hi = starts[n + 1]
        guard hi - lo == bytes.count else { return false }
        guard let b = bytes.baseAddress else { return true }  // both empty
        return arena.withUnsafeBufferPointer { a in
            guard let base = a.baseAddress else { return false }
            return memcmp(base + lo, b, bytes.count) == 0
        }
    }

    private mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt32) -> Int32 {
        if (count + 1) * 2 > slots.count { grow() }
        let n = Int32(count)
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        hashes.append(h)
        place(n, hash: h)
        return n
    }

    private mutating func place(_ n: Int32, hash h: UInt32) {
        let mask = slots.count - 1
        var slot = Int(h) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = n + 1
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        for n in 0..<count { place(Int32(n), hash: hashes[n]) }
    }

    /// FNV-1a, folded to 32 bits.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }
}
