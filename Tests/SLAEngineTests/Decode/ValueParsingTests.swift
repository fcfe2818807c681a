import Foundation
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLARules
@testable import SLATime

@Suite("Value spellings")
struct ValueParsingTests {
    func parse<T>(_ text: String, _ f: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        var text = text
        return text.withUTF8 { f($0) }
    }

    @Test(
        "Severity spellings",
        arguments: [
            ("1", 1), ("4", 4), ("S1", 1), ("s2", 2), ("Sev 3", 3), ("sev-4", 4), ("SEV2", 2), ("Severity 1", 1),
            ("severity_3", 3), ("critical", 1), ("High", 2), ("MEDIUM", 3), ("low", 4), ("1 - Critical Impact", 1),
            ("2 - High Impact", 2), (" 3 ", 3), ("Sev 1 - Critical", 1), ("Critical impact", 1),
        ])
    func severity(text: String, expected: UInt8) {
        #expect(parse(text, ValueParsing.severity)?.rawValue == expected)
    }

    @Test("Not severities", arguments: ["0", "5", "12", "S5", "sev", "", "highest", "lowly", "1st", "severe"])
    func notSeverity(text: String) {
        #expect(parse(text, ValueParsing.severity) == nil)
    }

    @Test("Priorities")
    func priorities() {
        #expect(parse("Critical", ValueParsing.priority) == .critical)
        #expect(parse("P2", ValueParsing.priority) == .high)
        #expect(parse("3", ValueParsing.priority) == .medium)
        #expect(parse("priority 4", ValueParsing.priority) == .low)
        #expect(parse("urgent", ValueParsing.priority) == nil)
    }

    @Test(
        "Booleans",
        arguments: [
            ("true", true), ("YES", true), ("1", true), ("Y", true), ("false", false),
            ("No", false), ("0", false), ("n", false),
        ])
    func booleans(text: String, expected: Bool) {
        #expect(parse(text, ValueParsing.bool) == expected)
    }

    @Test("Other enumerations accept case and separator variants")
    func others() {
        #expect(parse("Waiting on Customer", ValueParsing.status) == .waitingOnCustomer)
        #expect(parse("waiting-on-support", ValueParsing.status) == .waitingOnSupport)
        #expect(parse("REOPENED", ValueParsing.status) == .open)
        #expect(parse("First Response", ValueParsing.eventType) == .firstResponse)
        #expect(parse("rca_delivered", ValueParsing.eventType) == .rcaDelivered)
        #expect(parse("PORTAL", ValueParsing.channel) == .portal)
        #expect(parse("e-mail", ValueParsing.channel) == .email)
        #expect(parse("FedRAMP", ValueParsing.deployment) == .fedramp)
        #expect(parse("Urgency Change", ValueParsing.reason) == .urgencyChange)
        #expect(parse("Support", ValueParsing.actor) == .support)
        #expect(parse("approved", ValueParsing.decision) == .approved)
        #expect(parse("maybe", ValueParsing.decision) == nil)
        #expect(parse("closedd", ValueParsing.status) == nil)
    }
}

@Suite("Event-file values")
struct EventValueTests {
    /// `name` as written in other cases and with each separator (`waiting on customer`, ...).
    static func spellings(_ name: String) -> [String] {
        let spaced = name.replacingOccurrences(of: "_", with: " ")
        let dashed = name.replacingOccurrences(of: "_", with: "-")
        return [name, name.uppercased(), spaced.capitalized, dashed, " \(name)\t", spaced.uppercased()]
    }

    static func parse<T>(_ text: String, _ f: (ValueParsing.Bytes) -> T?) -> T? {
        var copy = text
        return copy.withUTF8 { f($0) }
    }

    @Test("Every name of status, event type and actor, in every spelling; near misses are nil")
    func everyName() {
        let statuses: [(String, CaseStatus)] = [
            ("new", .new), ("open", .open), ("reopened", .open), ("waiting_on_customer", .waitingOnCustomer),
            ("waiting_on_support", .waitingOnSupport), ("resolved", .resolved), ("closed", .closed),
        ]
        let types: [(String, EventType)] = [
            ("update", .update), ("status", .status), ("assigned", .assigned), ("first_response", .firstResponse),
            ("severity", .severity), ("priority", .priority), ("service_restored", .serviceRestored),
            ("rca_delivered", .rcaDelivered),
        ]
        let actors: [(String, Actor)] = [("support", .support), ("customer", .customer), ("system", .system)]
        for (name, value) in statuses {
            for text in Self.spellings(name) { #expect(Self.parse(text, ValueParsing.status) == value, "\(text)") }
        }
        for (name, value) in types {
            for text in Self.spellings(name) { #expect(Self.parse(text, ValueParsing.eventType) == value, "\(text)") }
        }
        for (name, value) in actors {
            for text in Self.spellings(name) { #expect(Self.parse(text, ValueParsing.actor) == value, "\(text)") }
        }
        // Each first letter with a wrong rest, a prefix or one letter too many, and nothing.
        let misses = ["opened", "re-open", "resolve", "waiting", "closedd", "news", "", "x", "o", "s", "r"]
        for text in misses { #expect(Self.parse(text, ValueParsing.status) == nil, "\(text)") }
        let typeMisses = ["updates", "state", "severe", "service", "assign", "first", "prio", "rca", "s", "-status"]
        for text in typeMisses { #expect(Self.parse(text, ValueParsing.eventType) == nil, "\(text)") }
        for text in ["supporter", "sys", "customers", "c", "agent", ""] {
            #expect(Self.parse(text, ValueParsing.actor) == nil, "\(text)")
        }
    }
}

@Suite("IDTable")
struct IDTableTests {
    @Test("Interns ids densely and finds them again")
    func interning() {
        var table = IDTable(capacity: 2)
        var numbers: [Int32] = []
        for i in 0..<5000 { numbers.append(table.intern("C-\(i)")) }
        #expect(numbers == (0..<5000).map(Int32.init))
        #expect(table.intern("C-42") == 42)
        #expect(table.lookup("C-4999") == 4999)
        #expect(table.lookup("C-5000") == nil)
        #expect(table.lookup("") == nil)
        #expect(table.intern("") == 5000)
        #expect(table.lookup("") == 5000)
        #expect(table.string(1234) == "C-1234")
        #expect(table.count == 5001)
    }

    @Test("Ids that differ in one byte are told apart, held in their slots or not")
    func nearMisses() {
        // Lengths 0 to 20: up to 11 bytes an id is held in its slot (read byte by byte below 8,
        // as two words from 8), longer ones in the arena. Every variant differs from the base id
        // of its length in one byte, or is one byte shorter (a zero byte cut off the end).
        var ids: [[UInt8]] = []
        for length in 0...20 {
            let base = (0..<length).map { UInt8(ascii: "A") + UInt8($0) }
            ids.append(base)
            for k in 0..<length {
                var other = base
                other[k] ^= 0x20
                ids.append(other)
                var zero = base
                zero[k] = 0
                ids.append(zero)
            }
        }
        // The keys held in slots tell the short ones apart by themselves (a lookup compares
        // them with every id on its probe sequence, whatever the hash), and do not depend on
        // where the bytes lie.
        let short = ids.filter { $0.count <= IDTable.inlineLimit }
        var keys = Set<[UInt64]>()
        for id in short {
            let key = id.withUnsafeBufferPointer { IDTable.inlineKey($0) }
            keys.insert([UInt64(key.head), key.tail])
            let shifted = [0x7F] + id
            let moved = shifted.withUnsafeBufferPointer { IDTable.inlineKey(UnsafeBufferPointer(rebasing: $0[1...])) }
            #expect(moved == key, "\(id)")
        }
        #expect(keys.count == short.count)
        var table = IDTable(capacity: 2)  // grows, and rehashes, on the way
        for (n, id) in ids.enumerated() {
            #expect(id.withUnsafeBufferPointer { table.intern($0) } == Int32(n), "\(id)")
        }
        for (n, id) in ids.enumerated() {
            #expect(id.withUnsafeBufferPointer { table.lookup($0) } == Int32(n), "\(id)")
            #expect(table.withBytes(Int32(n)) { Array($0) } == id)
        }
        // A copy keeps its ids when the original takes more.
        let copy = table
        table.intern("new")
        #expect(copy.lookup("new") == nil)
        #expect(table.lookup("new") == Int32(ids.count))
        #expect(copy.count == ids.count)
    }

    @Test("Sequential ids spread over a power-of-two table like random ones", arguments: ["C-", "ORG-000", "X"])
    func hashSpread(prefix: String) {
        // 100,000 ids such as C-0100000, C-0100001, ... (9, 14 and 8 bytes) in 262,144 slots:
        // random slots would give 262,144 * (1 - e^(-100000/262144)) = 83,150 distinct ones.
        var used = Set<UInt32>()
        for i in 0..<100_000 {
            var id = prefix + String(100_000 + i).paddedTo(7)
            id.withUTF8 { _ = used.insert(IDTable.hash($0) & (262_144 - 1)) }
        }
        #expect(used.count > 81_000, "\(used.count) distinct slots")
    }

    @Test("Two ids are equal only when every byte is, whatever their length")
    func byteComparison() {
        // The id sits at an odd offset of the arena, after other bytes, like an interned one.
        for length in 0...20 {
            let id = (0..<length).map { UInt8(ascii: "A") + UInt8($0) }
            let arena = Array("xyz".utf8) + id
            arena.withUnsafeBufferPointer { a in
                #expect(id.withUnsafeBufferPointer { IDTable.equal(a, 3, $0) }, "length \(length)")
                for k in 0..<length {
                    var other = id
                    other[k] ^= 0x20
                    #expect(!other.withUnsafeBufferPointer { IDTable.equal(a, 3, $0) }, "length \(length), byte \(k)")
                }
            }
        }
    }
}

extension String {
    /// Left-padded with zeros to `width` characters.
    fileprivate func paddedTo(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
