import TestSupport
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLARules
@testable import SLATime

@Suite("IDTable series")
struct IDSeriesTests {
    /// Interns `ids` in order into a fresh table, checking each number against a dictionary,
    /// then looks every one up again, and some ids that were never interned.
    /// With `reserving`, `reserveStorage(count)` is called before the ids at those positions.
    func check(
        _ ids: [String], absent: [String] = [], reserving: [Int: Int] = [:], line: Int = #line
    ) -> IDTable {
        var table = IDTable()
        var expected: [String: Int32] = [:]
        for (i, id) in ids.enumerated() {
            if let count = reserving[i] { table.reserveStorage(count) }
            let n = table.intern(id)
            if let known = expected[id] {
                #expect(n == known, "\(id) renumbered (test line \(line))")
            } else {
                #expect(n == Int32(expected.count), "\(id) (test line \(line))")
                expected[id] = n
            }
        }
        #expect(table.count == expected.count)
        for (id, n) in expected {
            #expect(table.lookup(id) == n, "\(id) (test line \(line))")
            #expect(table.string(n) == id)
        }
        for id in absent where expected[id] == nil {
            #expect(table.lookup(id) == nil, "\(id) found (test line \(line))")
        }
        return table
    }

    @Test("The shape of a series: at least 4 digits after at most 16 bytes")
    func shape() {
        func starts(_ id: String) -> Bool {
            var id = id
            return id.withUTF8 { IDSeries(first: $0) } != nil
        }
        #expect(starts("C-0100000") && starts("ORG-25196") && starts("1234") && starts("0123456789"))
        #expect(starts("ABCDEFGHIJKLMNOP1234") && starts("X123456789012345678"))
        #expect(!starts("C-123") && !starts("Cedar Point") && !starts("") && !starts("ABCDEFGHIJKLMNOPQ1234"))
        #expect(!starts("X1234567890123456789"))  // 19 digits
        var series: IDSeries? = nil
        var first = "C-0100000"
        first.withUTF8 { series = IDSeries(first: $0) }
        func value(_ id: String) -> Int? {
            var id = id
            return id.withUTF8 { series?.value(of: $0) }
        }
        #expect(value("C-0100000") == 100_000 && value("C-0000000") == 0 && value("C-9999999") == 9_999_999)
        #expect(value("C-100000") == nil && value("C-01000000") == nil && value("D-0100000") == nil)
        #expect(value("C-01000x0") == nil && value("C_0100000") == nil && value("C-0100/00") == nil)
    }

    /// 20,000 ids, mostly of the series `C-` and 7 digits (repeats included), the others of
    /// another prefix, with fewer digits, with no digits at the end, or with a letter after them.
    func mixedIDs(seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed)
        var ids: [String] = []
        for _ in 0..<20_000 {
            let n = Int.random(in: 0..<30_000, using: &random)
            let padded = String(repeating: "0", count: 7 - String(n).count) + String(n)
            switch Int.random(in: 0..<10, using: &random) {
            case 0: ids.append("D-" + padded)  // another prefix
            case 1: ids.append("C-" + String(n))  // fewer digits
            case 2: ids.append("name \(n)")  // no digits at the end
            case 3: ids.append("C-" + padded + "x")
            default: ids.append("C-" + padded)  // the series, repeats included
            }
        }
        return ids
    }

    @Test("Ids in and out of the series, in any order, keep their numbers")
    func mixed() {
        let ids = mixedIDs(seed: 7)
        let absent = (0..<200).map { "C-" + String(9_000_000 + $0) } + ["C-", "", "D-9999999", "C-00000000"]
        let table = check(["C-0015000"] + ids, absent: absent)
        // A copy does not see ids added to the original later.
        var grown = table
        grown.intern("C-0015001x")
        grown.intern("C-0029999")
        #expect(table.lookup("C-0015001x") == nil)
        #expect(grown.lookup("C-0015001x") == Int32(table.count))
    }

    @Test("Ids older than the first one, far below it")
    func older() {
        // Counting down from the first id, then jumps below the room made so far.
        let ids = (0..<5000).map { "E-" + String(9_000_000 - 3 * $0) } + ["E-1000000", "E-1000001", "E-0000000"]
        _ = check(ids, absent: ["E-1000002", "E-9000001", "E-8999999"])
    }

    @Test("A series too sparse for an array is given up, every id still found")
    func sparse() {
        // Two ids fifty million apart: more than a million numbers for two ids. Then more of
        // both shapes, in and out of what was the series.
        var ids = ["C-10000000", "C-60000000"]
        ids += (0..<3000).map { "C-" + String(20_000_000 + 7919 * $0) }
        ids += (0..<300).map { "other-\($0)" }
        ids += ["C-10000000", "C-60000000"]
        _ = check(ids, absent: ["C-10000001", "C-99999999", "other-300"])
    }

    @Test("A dense series of a million ids, counting up and then back")
    func dense() {
        let up = (0..<600_000).map { "C-" + String(1_000_000 + $0) }
        let down = (0..<400_000).map { "C-0" + String(999_999 - $0) }
        var table = IDTable()
        for (n, id) in (up + down).enumerated() { #expect(table.intern(id) == Int32(n)) }
        #expect(table.lookup("C-1000000") == 0 && table.lookup("C-0600000") == 999_999)
        #expect(table.lookup("C-0599999") == nil && table.lookup("C-1600000") == nil)
    }

    @Test("Room reserved for ids renumbers none, and leaves the hash slots as they are")
    func reservedStorage() {
        let ids = mixedIDs(seed: 8)
        // Before any id, after a few, and less than already held (which does nothing).
        _ = check(["C-0015000"] + ids, reserving: [0: 50_000, 5_000: 40_000, 10_000: 100])
        // Names, all hashed: reserving room for a million leaves the slots at their size.
        var table = IDTable()
        for i in 0..<100 { table.intern("customer \(i)") }
        let slots = table.slotCount
        table.reserveStorage(1_000_000)
        #expect(table.slotCount == slots)
        for i in 100..<3_000 { #expect(table.intern("customer \(i)") == Int32(i)) }
        for i in 0..<3_000 { #expect(table.lookup("customer \(i)") == Int32(i)) }
    }
}
