import SLATime

/// Parsing of enumerations and booleans straight from field bytes, case-insensitively.
///
/// SPEC section 1 accepts "the obvious spellings"; these functions are where they are listed.
/// Spaces, `-` and `_` are interchangeable inside names (`waiting on customer` =
/// `waiting_on_customer`). Nothing here allocates.
public enum ValueParsing {
    public typealias Bytes = UnsafeBufferPointer<UInt8>

    /// The field without surrounding spaces and tabs.
    @inlinable public static func trim(_ b: Bytes) -> Bytes {
        var lo = 0
        var hi = b.count
        while lo < hi, b[lo] == 0x20 || b[lo] == 0x09 { lo += 1 }
        while hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 { hi -= 1 }
        return Bytes(rebasing: b[lo..<hi])
    }

    /// Severity: `1`..`4`, `S1`, `Sev 1`, `Severity 1`, `1 - Critical Impact`,
    /// `critical`/`high`/`medium`/`low` (= 1..4).
    public static func severity(_ field: Bytes) -> Severity? {
        let t = trim(field)
        guard let n = levelNumber(t, prefixes: ["severity", "sev", "s"]) ?? levelWord(t) else { return nil }
        return Severity(rawValue: n)
    }

    /// Priority: `critical`/`high`/`medium`/`low`, `1`..`4`, `P1`, `Priority 1`.
    public static func priority(_ field: Bytes) -> Priority? {
        let t = trim(field)
        guard let n = levelNumber(t, prefixes: ["priority", "prio", "p"]) ?? levelWord(t) else { return nil }
        return Priority(rawValue: n)
    }

    /// Boolean: `true/false/yes/no/1/0/y/n`.
    public static func bool(_ field: Bytes) -> Bool? {
        let t = trim(field)
        if matches(t, "true") || matches(t, "yes") || matches(t, "1") || matches(t, "y") { return true }
        if matches(t, "false") || matches(t, "no") || matches(t, "0") || matches(t, "n") { return false }
        return nil
    }

    public static func channel(_ field: Bytes) -> Channel? {
        let t = trim(field)
        if matches(t, "phone") { return .phone }
        if matches(t, "portal") { return .portal }
        if matches(t, "email") || matches(t, "e-mail") { return .email }
        if matches(t, "chat") { return .chat }
        if matches(t, "web") { return .web }
        return nil
    }

    public static func deployment(_ field: Bytes) -> Deployment? {
        let t = trim(field)
        if matches(t, "commercial") { return .commercial }
        if matches(t, "fedramp") { return .fedramp }
        return nil
    }

    // The three parsers of case_events.csv, which run on every event row, first look at the
    // first letter, so that each spelling is compared only with the names that begin with it.

    /// Status; `reopened` means `open`.
    public static func status(_ field: Bytes) -> CaseStatus? {
        let t = trim(field)
        switch t.first.map(lower) {
        case UInt8(ascii: "o"): return matches(t, "open") ? .open : nil
        case UInt8(ascii: "r"):
            if matches(t, "reopened") { return .open }
            return matches(t, "resolved") ? .resolved : nil
        case UInt8(ascii: "w"):
            if matches(t, "waiting_on_customer") { return .waitingOnCustomer }
            return matches(t, "waiting_on_support") ? .waitingOnSupport : nil
        case UInt8(ascii: "c"): return matches(t, "closed") ? .closed : nil
        case UInt8(ascii: "n"): return matches(t, "new") ? .new : nil
        default: return nil
        }
    }

    public static func eventType(_ field: Bytes) -> EventType? {
        let t = trim(field)
        switch t.first.map(lower) {
        case UInt8(ascii: "u"): return matches(t, "update") ? .update : nil
        case UInt8(ascii: "s"):
            if matches(t, "status") { return .status }
            if matches(t, "severity") { return .severity }
            return matches(t, "service_restored") ? .serviceRestored : nil
        case UInt8(ascii: "a"): return matches(t, "assigned") ? .assigned : nil
        case UInt8(ascii: "f"): return matches(t, "first_response") ? .firstResponse : nil
        case UInt8(ascii: "p"): return matches(t, "priority") ? .priority : nil
        case UInt8(ascii: "r"): return matches(t, "rca_delivered") ? .rcaDelivered : nil
        default: return nil
        }
    }

    public static func actor(_ field: Bytes) -> Actor? {
        let t = trim(field)
        switch t.first.map(lower) {
        case UInt8(ascii: "s"):
            if matches(t, "support") { return .support }
            return matches(t, "system") ? .system : nil
        case UInt8(ascii: "c"): return matches(t, "customer") ? .customer : nil
        default: return nil
        }
    }

    public static func reason(_ field: Bytes) -> EscalationReason? {
        let t = trim(field)
        if matches(t, "business_impact") { return .businessImpact }
        if matches(t, "no_progress") { return .noProgress }
        if matches(t, "rca_request") { return .rcaRequest }
        if matches(t, "urgency_change") { return .urgencyChange }
        if matches(t, "impact_change") { return .impactChange }
        if matches(t, "other") { return .other }
        return nil
    }

    public static func decision(_ field: Bytes) -> Decision? {
        let t = trim(field)
        if matches(t, "approved") { return .approved }
        if matches(t, "rejected") { return .rejected }
        if matches(t, "pending") { return .pending }
        return nil
    }

    // MARK: - Building blocks

    /// Whether `t` equals `word` ignoring ASCII case, with space, `-` and `_` interchangeable.
    @inlinable @inline(__always) public static func matches(_ t: Bytes, _ word: StaticString) -> Bool {
        guard t.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for i in 0..<t.count where !same(t[i], w[i]) { return false }
        return true
    }

    /// Whether `t` begins with `word` (same rules as `matches`); returns the rest.
    @inlinable static func dropPrefix(_ t: Bytes, _ word: StaticString) -> Bytes? {
        let n = word.utf8CodeUnitCount
        guard t.count >= n else { return nil }
        let w = word.utf8Start
        for i in 0..<n where !same(t[i], w[i]) { return nil }
        return Bytes(rebasing: t[n...])
    }

    @inlinable static func same(_ a: UInt8, _ b: UInt8) -> Bool {
        lower(a) == lower(b) || (isSeparator(a) && isSeparator(b))
    }

    @inlinable package static func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
    @inlinable static func isSeparator(_ c: UInt8) -> Bool { c == 0x20 || c == 0x2D || c == 0x5F }
    @inlinable static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    @inlinable static func isLetter(_ c: UInt8) -> Bool {
        let l = lower(c)
        return l >= 0x61 && l <= 0x7A
    }

    /// `1`..`4` alone or followed by a non-digit (`1 - Critical`), possibly after one of
    /// `prefixes` and separators (`Sev 2`, `S3`, `Severity-4`).
    static func levelNumber(_ t: Bytes, prefixes: [StaticString]) -> UInt8? {
        if let n = leadingLevel(t) { return n }
        for p in prefixes {
            guard var rest = dropPrefix(t, p) else { continue }
            while let f = rest.first, isSeparator(f) || f == 0x2E || f == 0x3A || f == 0x23 {  // . : #
                rest = Bytes(rebasing: rest.dropFirst())
            }
            if let n = leadingLevel(rest) { return n }
        }
        return nil
    }

    private static func leadingLevel(_ t: Bytes) -> UInt8? {
        guard let f = t.first, f >= 0x31, f <= 0x34 else { return nil }
        if t.count > 1, isDigit(t[1]) || isLetter(t[1]) { return nil }
        return f - 0x30
    }

    /// `critical`/`high`/`medium`/`low` alone or followed by a non-letter (`High impact`).
    private static func levelWord(_ t: Bytes) -> UInt8? {
        let words: [(StaticString, UInt8)] = [("critical", 1), ("high", 2), ("medium", 3), ("low", 4)]
        for (word, n) in words {
            guard let rest = dropPrefix(t, word) else { continue }
            if rest.isEmpty || !isLetter(rest[0]) { return n }
        }
        return nil
    }
}
