import CPrefetch
import Foundation

/// Interns byte strings (case ids, org ids, customer names) as dense `Int32` numbers.
///
/// Looking up an id read from a field neither allocates nor builds a `String`: the bytes are
/// hashed and compared in place against one arena that holds every distinct id once. Each slot
/// of the open-addressing table carries the hash, number, offset and length of its id, so a
/// lookup touches one slot and the id's bytes: two cache misses on a large table.
public struct IDTable: Sendable {
    struct Slot: Sendable {
        /// 0 marks an empty slot; otherwise the id's number + 1.
        var numberPlusOne: Int32
        var hash: UInt32
        var offset: UInt32
        var length: UInt32
    }

    private var arena: [UInt8] = []
    /// Start offset of each id in `arena`; id `i` ends where id `i + 1` starts.
    private var starts: [Int] = [0]
    private var slots: SlotStorage

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = SlotStorage(count: size)
    }

    /// Makes room for `count` ids in all, so that the table does not grow (and rehash) on the way.
    public mutating func reserve(_ count: Int) {
        var size = slots.count
        while size < count * 2 { size *= 2 }
        if size > slots.count { slots = slots.copy(count: size) }
        starts.reserveCapacity(count + 1)
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

    /// Starts loading what a lookup of `bytes` will read, so that a lookup a few rows later
    /// finds it in the cache: stage 0 the slot where the lookup begins, stage 1 (once that slot
    /// is in the cache) the bytes of the id it holds.
    ///
    /// `mutating` though it changes nothing: a caller holding the table in a captured variable
    /// then lends it in place, where a plain method would get a copy and retain its three buffers.
    @inline(__always)
    public mutating func prefetch(_ bytes: UnsafeBufferPointer<UInt8>, stage: Int) {
        let slot = slots.base + (Int(IDTable.hash(bytes)) & (slots.count - 1))
        if stage == 0 {
            slacheck_prefetch(slot)
        } else if slot.pointee.numberPlusOne != 0 {
            arena.withUnsafeBufferPointer {
                if let base = $0.baseAddress { slacheck_prefetch(base + Int(slot.pointee.offset)) }
            }
        }
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
        withBytes(n) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the bytes of id number `n`.
    public func withBytes<R>(_ n: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let i = Int(n)
        return try arena.withUnsafeBufferPointer {
            try body(UnsafeBufferPointer(rebasing: $0[starts[i]..<starts[i + 1]]))
        }
    }

    private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt32) -> Int32? {
        let table = slots.base
        let mask = slots.count - 1
        return arena.withUnsafeBufferPointer { a in
            var i = Int(h) & mask
            while true {
                let slot = table[i]
                if slot.numberPlusOne == 0 { return nil }
                if slot.hash == h, Int(slot.length) == bytes.count, IDTable.equal(a, Int(slot.offset), bytes) {
                    return slot.numberPlusOne - 1
                }
                i = (i + 1) & mask
            }
        }
    }

    private mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt32) -> Int32 {
        // Copy-on-write: a copy of this table (a report's names) must not see later ids.
        if !isKnownUniquelyReferenced(&slots) { slots = slots.copy(count: slots.count) }
        if (count + 1) * 2 > slots.count { slots = slots.copy(count: slots.count * 2) }
        let n = Int32(count)
        let offset = arena.count
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        slots.place(Slot(numberPlusOne: n + 1, hash: h, offset: UInt32(offset), length: UInt32(bytes.count)))
        return n
    }

    /// Whether the `b.count` bytes of `arena` at `offset` equal `b`.
    ///
    /// Ids of 8 to 16 bytes (`C-0100000`, `ORG-25196`) are compared as two overlapping 8-byte
    /// words, without a call into the C library for every lookup.
    @inline(__always)
    static func equal(_ arena: UnsafeBufferPointer<UInt8>, _ offset: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let bb = b.baseAddress, let ab = arena.baseAddress else { return b.isEmpty }
        let n = b.count
        guard n >= 8, n <= 16 else { return memcmp(ab + offset, bb, n) == 0 }
        let x = UnsafeRawPointer(ab + offset)
        let y = UnsafeRawPointer(bb)
        return x.loadUnaligned(as: UInt64.self) == y.loadUnaligned(as: UInt64.self)
            && x.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
                == y.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
    }

    /// FNV-1a with a final avalanche (MurmurHash3's fmix64), folded to 32 bits; an id of 8 to
    /// 16 bytes is read as two overlapping 8-byte words instead of byte by byte (a row hashes
    /// its case id three times: two prefetch stages and the lookup).
    ///
    /// FNV-1a's low bits depend only on the bytes' low bits, so sequential ids such as
    /// `C-0100000`, `C-0100001`, ... cluster in a power-of-two table; the final mix spreads them.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        let n = bytes.count
        if n >= 8, n <= 16, let base = bytes.baseAddress {
            // The two words and the length tell every such id apart.
            let raw = UnsafeRawPointer(base)
            let first = raw.loadUnaligned(as: UInt64.self)
            let last = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            h = ((h ^ first) &* 0x100_0000_01B3 ^ last) &* 0x100_0000_01B3 ^ UInt64(n)
        } else {
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        }
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return UInt32(truncatingIfNeeded: h)
    }
}

/// The open-addressing slots of an `IDTable`: an anonymous memory mapping, zero-filled by the
/// kernel (a zero slot is empty) and advised to use huge pages, because lookups in a table of
/// millions of ids land on random pages and would otherwise miss the TLB on nearly every probe.
final class SlotStorage: @unchecked Sendable {
    let base: UnsafeMutablePointer<IDTable.Slot>
    let count: Int
    private let bytes: Int
    private let mapped: Bool

    init(count: Int) {
        self.count = count
        bytes = count * MemoryLayout<IDTable.Slot>.stride
        let region = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        if let region, region != MAP_FAILED {
            #if os(Linux)
                if bytes >= 2 << 20 { _ = madvise(region, bytes, 14) }  // MADV_HUGEPAGE
            #endif
            base = region.bindMemory(to: IDTable.Slot.self, capacity: count)
            mapped = true
        } else {
            // No mapping to be had: zeroed heap memory works the same, only slower.
            base = UnsafeMutablePointer<IDTable.Slot>.allocate(capacity: count)
            base.initialize(repeating: IDTable.Slot(numberPlusOne: 0, hash: 0, offset: 0, length: 0), count: count)
            mapped = false
        }
    }

    deinit {
        if mapped { munmap(base, bytes) } else { base.deallocate() }
    }

    /// A table of `newCount` slots holding the same entries.
    func copy(count newCount: Int) -> SlotStorage {
        let new = SlotStorage(count: newCount)
        for i in 0..<count where base[i].numberPlusOne != 0 { new.place(base[i]) }
        return new
    }

    /// Puts `slot` in the first free place of its probe sequence.
    func place(_ slot: IDTable.Slot) {
        let mask = count - 1
        var i = Int(slot.hash) & mask
        while base[i].numberPlusOne != 0 { i = (i + 1) & mask }
        base[i] = slot
    }
}
