import CPrefetch
import Foundation
import SLAConfig
import SLAModel
import SLARules
import SLATime

/// Interns byte strings (case ids, org ids, customer names) as dense `Int32` numbers.
///
/// Looking up an id read from a field neither allocates nor builds a `String`. One arena holds
/// every distinct id once, for `string` and `withBytes`. When the first id ends with a number
/// (`C-0100000`), the ids of that shape are numbered through an array indexed by that number
/// (`IDSeries`), so that ids made about the same time are looked up side by side. The others
/// are hashed into an open-addressing table whose slots hold an id of up to 11 bytes itself, so
/// that looking one up touches that slot alone: one cache miss on a large table. A longer id's
/// slot holds part of its hash and where the arena has it: a second miss, only when the hash
/// part matches.
public struct IDTable: Sendable {
    struct Slot: Sendable {
        /// 0 marks an empty slot; otherwise the id's number + 1.
        var numberPlusOne: Int32
        /// An id of up to 11 bytes: its length in the low byte, then its first 3 bytes (zero past
        /// its end). A longer id: 0xFF in the low byte, then 24 bits of its hash.
        var head: UInt32
        /// An id of up to 11 bytes: its bytes 3 to 10 (zero past its end). A longer id: its
        /// offset in the arena, and its length in the high half.
        var tail: UInt64
    }

    /// The longest id held in its slot.
    static let inlineLimit = 11
    /// The fewest slots (of 16 bytes) for which `prefetch` asks for a hashed id's slot: 4 MiB,
    /// more than a core's own cache holds.
    static let prefetchSlots = 1 << 18

    private var arena: [UInt8] = []
    /// Start offset of each id in `arena`; id `i` ends where id `i + 1` starts.
    private var starts: [Int] = [0]
    /// The series of the first id, if it is of one: its ids are numbered through it, the
    /// others through `slots`. (Given up, with its ids moved to `slots`, if it grows sparse.)
    private var series: IDSeries?
    private var slots: SlotStorage
    /// How many ids `slots` holds.
    private var hashedCount = 0

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = SlotStorage(count: size)
    }

    /// Makes room for `count` ids in all, so that the table does not grow (and rehash) on the way.
    /// (A table whose ids are in a series grows its slots only for ids outside it.)
    public mutating func reserve(_ count: Int) {
        reserveStorage(count)
        guard series == nil else { return }
        var size = slots.count
        while size < count * 2 { size *= 2 }
        if size > slots.count { rehash(size) }
    }

    /// Makes room for up to `count` ids in the arrays that fill from the front (the ids'
    /// bytes and starts, and the series), so that they are not copied as they grow; the hash
    /// slots, written all over, still grow as needed. Room for more ids than come costs little:
    /// memory never written is never made resident.
    public mutating func reserveStorage(_ count: Int) {
        guard count > self.count else { return }
        starts.reserveCapacity(count + 1)
        // The ids so far tell their length; the first ones may be shorter than later ones.
        let length = self.count > 0 ? arena.count / self.count + 4 : 16
        arena.reserveCapacity(count * length)
        series?.reserveCapacity(count)
    }

    /// The number of distinct ids.
    public var count: Int { starts.count - 1 }

    /// The hash slots' count (for tests).
    var slotCount: Int { slots.count }

    /// The number of `bytes`, adding it when new.
    @discardableResult
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        if count == 0 { series = IDSeries(first: bytes) }
        if let value = series?.value(of: bytes) {
            if let found = series?.find(value) { return found }
            let n = Int32(count)
            append(bytes)
            if series?.insert(value, n) != true {
                // Too sparse for an array: every id goes through the slots from now on.
                series = nil
                var size = slots.count
                while size < count * 2 { size *= 2 }
                rehash(size)
            }
            return n
        }
        let h = IDTable.hash(bytes)
        if let found = find(bytes, hash: h) { return found }
        return insert(bytes, hash: h)
    }

    /// Starts loading what a lookup of `bytes` will read, so that a lookup a few rows later
    /// finds it in the cache: stage 0 the slot where the lookup begins, stage 1 (once that slot
    /// is in the cache) the bytes of the id it holds, for an id too long for its slot.
    ///
    /// `mutating` though it changes nothing: a caller holding the table in a captured variable
    /// then lends it in place, where a plain method would get a copy and retain its three buffers.
    @inline(__always)
    public mutating func prefetch(_ bytes: UnsafeBufferPointer<UInt8>, stage: Int) {
        // An id held in its slot, or in the series, needs no second stage.
        guard stage == 0 || bytes.count > IDTable.inlineLimit else { return }
        if let value = series?.value(of: bytes) {
            if stage == 0 { series?.prefetch(value) }
            return
        }
        // A table that fits in the caches gains nothing from a prefetch, which then costs a
        // second hashing of the id (30,000 customer names: 0.08 s of CPU over a million rows).
        guard slots.count >= IDTable.prefetchSlots else { return }
        let slot = slots.base + (Int(IDTable.hash(bytes)) & (slots.count - 1))
        if stage == 0 {
            slacheck_prefetch(slot)
        } else if slot.pointee.numberPlusOne != 0 {
            arena.withUnsafeBufferPointer {
                if let base = $0.baseAddress { slacheck_prefetch(base + Int(truncatingIfNeeded: slot.pointee.tail)) }
            }
        }
    }

    /// The number of `bytes` if it was interned before.
    public func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        if let value = series?.value(of: bytes) { return series?.find(value) }
        return find(bytes, hash: IDTable.hash(bytes))
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

    /// Starts loading what `withBytes(n)` reads: stage 0 where id number `n` starts, stage 1
    /// (once that is in the cache) its bytes. For callers that name ids out of order.
    @inline(__always)
    public func prefetchBytes(_ n: Int32, stage: Int) {
        let i = Int(n)
        guard i >= 0, i < count else { return }
        if stage == 0 {
            starts.withUnsafeBufferPointer { if let s = $0.baseAddress { slacheck_prefetch(s + i) } }
        } else {
            arena.withUnsafeBufferPointer { if let a = $0.baseAddress { slacheck_prefetch(a + starts[i]) } }
        }
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
        var i = Int(h) & mask
        if bytes.count <= IDTable.inlineLimit {
            let key = IDTable.inlineKey(bytes)
            while true {
                let slot = table[i]
                if slot.numberPlusOne == 0 { return nil }
                if slot.head == key.head, slot.tail == key.tail { return slot.numberPlusOne - 1 }
                i = (i + 1) & mask
            }
        }
        let head = IDTable.longHead(h)
        return arena.withUnsafeBufferPointer { a in
            while true {
                let slot = table[i]
                if slot.numberPlusOne == 0 { return nil }
                if slot.head == head, Int(slot.tail >> 32) == bytes.count,
                    IDTable.equal(a, Int(truncatingIfNeeded: slot.tail & 0xFFFF_FFFF), bytes)
                {
                    return slot.numberPlusOne - 1
                }
                i = (i + 1) & mask
            }
        }
    }

    private mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt32) -> Int32 {
        // Copy-on-write: a copy of this table (a report's names) must not see later ids.
        if !isKnownUniquelyReferenced(&slots) { slots = slots.copy() }
        if (hashedCount + 1) * 2 > slots.count { rehash(slots.count * 2) }
        let n = Int32(count)
        let offset = arena.count
        append(bytes)
        slots.place(IDTable.slot(n, bytes, hash: h, offset: offset), hash: h)
        hashedCount += 1
        return n
    }

    /// Adds `bytes` to the arena as the next id.
    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
    }

    /// Moves the ids that do not go through the series into a table of `size` slots.
    private mutating func rehash(_ size: Int) {
        let new = SlotStorage(count: size)
        var placed = 0
        arena.withUnsafeBufferPointer { a in
            for n in 0..<count {
                let bytes = UnsafeBufferPointer(rebasing: a[starts[n]..<starts[n + 1]])
                if series?.value(of: bytes) != nil { continue }
                let h = IDTable.hash(bytes)
                new.place(IDTable.slot(Int32(n), bytes, hash: h, offset: starts[n]), hash: h)
                placed += 1
            }
        }
        slots = new
        hashedCount = placed
    }

    /// The slot of id number `n`, whose bytes are `bytes`, at `offset` in the arena.
    @inline(__always)
    static func slot(_ n: Int32, _ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt32, offset: Int) -> Slot {
        if bytes.count <= inlineLimit {
            let key = inlineKey(bytes)
            return Slot(numberPlusOne: n + 1, head: key.head, tail: key.tail)
        }
        return Slot(numberPlusOne: n + 1, head: longHead(h), tail: UInt64(offset) | UInt64(bytes.count) << 32)
    }

    /// The `head` of an id longer than `inlineLimit` whose hash is `h`.
    @inline(__always)
    static func longHead(_ h: UInt32) -> UInt32 { 0xFF | h << 8 }

    /// The `head` and `tail` of an id of up to `inlineLimit` bytes (see `Slot`).
    @inline(__always)
    static func inlineKey(_ bytes: UnsafeBufferPointer<UInt8>) -> (head: UInt32, tail: UInt64) {
        let n = bytes.count
        guard let base = bytes.baseAddress, n > 0 else { return (0, 0) }
        if n >= 8 {
            // Two overlapping words: the first 8 bytes, and the last 8 moved down to start at
            // byte 3.
            let raw = UnsafeRawPointer(base)
            let first = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            let last = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
            return (UInt32(n) | UInt32(truncatingIfNeeded: first & 0xFF_FFFF) << 8, last >> (8 * (11 - n)))
        }
        var head = UInt32(n)
        var tail: UInt64 = 0
        for i in 0..<n {
            if i < 3 {
                head |= UInt32(base[i]) << (8 * (i + 1))
            } else {
                tail |= UInt64(base[i]) << (8 * (i - 3))
            }
        }
        return (head, tail)
    }

    /// Whether the `b.count` bytes of `arena` at `offset` equal `b`.
    ///
    /// For ids longer than `inlineLimit`: those of up to 16 bytes are compared as two
    /// overlapping 8-byte words, without a call into the C library for every lookup.
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
    /// a case id outside a series two or three times: the prefetch stages and the lookup).
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
            base.initialize(repeating: IDTable.Slot(numberPlusOne: 0, head: 0, tail: 0), count: count)
            mapped = false
        }
    }

    deinit {
        if mapped { munmap(base, bytes) } else { base.deallocate() }
    }

    /// A table holding the same entries.
    func copy() -> SlotStorage {
        let new = SlotStorage(count: count)
        new.base.update(from: base, count: count)
        return new
    }

    /// Puts `slot`, whose id's hash is `hash`, in the first free place of its probe sequence.
    func place(_ slot: IDTable.Slot, hash: UInt32) {
        let mask = count - 1
        var i = Int(hash) & mask
        while base[i].numberPlusOne != 0 { i = (i + 1) & mask }
        base[i] = slot
    }
}
