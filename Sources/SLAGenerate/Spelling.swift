import SLAModel
import SLATime

/// How values are spelled in the files: canonical (`2026-10-03T14:05:00Z`, `1`, `critical`,
/// `true`, `phone`) or, with `messy`, the mixture SPEC section 1 says a reader must accept.
struct Spelling {
    let messy: Bool
    /// The customers' zone, for offsets and local times.
    let zone: TimeZoneRules
    /// Drives the messy choices; consumed in file order, so the output stays deterministic.
    var rng: Xoshiro256

    private let severityWords: [[[UInt8]]]
    private let priorityWords: [[[UInt8]]]
    private let channelWords: [[[UInt8]]]

    init(messy: Bool, zone: TimeZoneRules, rng: Xoshiro256) {
        self.messy = messy
        self.zone = zone
        self.rng = rng
        let words = ["critical", "high", "medium", "low"]
        severityWords = (1...4).map { s in
            let w = words[s - 1]
            let title = w.prefix(1).uppercased() + w.dropFirst()
            return [
                "\(s)", "S\(s)", "Sev \(s)", "Severity \(s)", w, "\(s) - \(title) Impact", "sev \(s)", "SEVERITY \(s)",
            ]
            .map { Array($0.utf8) }
        }
        priorityWords = (1...4).map { p in
            let w = words[p - 1]
            return [w, w.uppercased(), w.prefix(1).uppercased() + w.dropFirst(), "\(p)"].map { Array($0.utf8) }
        }
        channelWords = Channel.allCases.map { c in
            let w = c.description
            return [w, w.prefix(1).uppercased() + w.dropFirst(), w.uppercased()].map { Array($0.utf8) }
        }
    }

    // MARK: Enumerations

    mutating func severity(_ s: Int) -> [UInt8] {
        let variants = severityWords[s - 1]
        guard messy else { return variants[0] }
        return variants[rng.pick([0.35, 0.15, 0.12, 0.1, 0.1, 0.1, 0.04, 0.04])]
    }

    mutating func priority(_ p: Int) -> [UInt8] {
        let variants = priorityWords[p - 1]
        guard messy else { return variants[0] }
        return variants[rng.pick([0.7, 0.1, 0.12, 0.08])]
    }

    mutating func channel(_ c: Channel) -> [UInt8] {
        let variants = channelWords[Int(c.rawValue)]
        guard messy else { return variants[0] }
        return variants[rng.pick([0.75, 0.15, 0.1])]
    }

    mutating func boolean(_ b: Bool) -> [UInt8] {
        guard messy else { return b ? Spelling.trueWord : Spelling.falseWord }
        let options = b ? Spelling.messyTrue : Spelling.messyFalse
        return options[rng.below(options.count)]
    }

    mutating func deployment(_ fedramp: Bool) -> [UInt8] {
        guard messy else { return fedramp ? Spelling.fedramp : Spelling.commercial }
        if fedramp { return rng.chance(0.5) ? Spelling.fedramp : Spelling.fedrampMixed }
        let u = rng.unit()
        return u < 0.8 ? Spelling.commercial : u < 0.9 ? Spelling.commercialTitle : []
    }

    /// An enum word, in a different case now and then when messy.
    mutating func word(_ w: [UInt8]) -> [UInt8] {
        guard messy, rng.chance(0.04) else { return w }
        return rng.chance(0.5) ? w.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 } : capitalized(w)
    }

    private func capitalized(_ w: [UInt8]) -> [UInt8] {
        guard let first = w.first, first >= 97, first <= 122 else { return w }
        var copy = w
        copy[0] = first - 32
        return copy
    }

    static let trueWord = Array("true".utf8)
    static let falseWord = Array("false".utf8)
    static let messyTrue = ["true", "yes", "1", "Y", "TRUE", "Yes"].map { Array($0.utf8) }
    static let messyFalse = ["false", "no", "0", "N", "", "False"].map { Array($0.utf8) }
    static let fedramp = Array("fedramp".utf8)
    static let fedrampMixed = Array("FedRAMP".utf8)
    static let commercial = Array("commercial".utf8)
    static let commercialTitle = Array("Commercial".utf8)

    // MARK: Timestamps

    /// Appends instant `t` (UTC seconds). Messy: `T` or space, `Z`, the zone's offset, another
    /// offset, no offset (local time in the configured zone), or fractional seconds.
    mutating func timestamp(_ t: Int64, into out: inout [UInt8]) {
        let instant = Instant(seconds: t)
        guard messy else {
            TimestampParser.appendRFC3339UTC(instant, to: &out)
            return
        }
        let sep: UInt8 = rng.chance(0.7) ? 84 : 32
        let u = rng.unit()
        if u < 0.55 {
            LocalDateTime(instant, offsetSeconds: 0).append(to: &out, separator: sep)
            out.append(90)
        } else if u < 0.70 {
            let offset = zone.offsetSeconds(at: instant)
            LocalDateTime(instant, offsetSeconds: offset).append(to: &out, separator: sep)
            TimestampParser.appendOffset(offset, to: &out)
        } else if u < 0.77 {
            let offset = Spelling.otherOffsets[rng.below(Spelling.otherOffsets.count)]
            LocalDateTime(instant, offsetSeconds: offset).append(to: &out, separator: sep)
            TimestampParser.appendOffset(offset, to: &out)
        } else if u < 0.91 && isUnambiguous(instant) {
            zone.localDateTime(of: instant).append(to: &out, separator: sep)
        } else {
            // Fractional seconds: milliseconds or microseconds within the same second.
            LocalDateTime(instant, offsetSeconds: 0).append(to: &out, separator: sep)
            out.append(46)
            if rng.chance(0.7) {
                appendDigits(rng.below(1000), width: 3, into: &out)
            } else {
                appendDigits(rng.below(1_000_000), width: 6, into: &out)
            }
            out.append(90)
        }
    }

    static let otherOffsets = [-5 * 3600, -8 * 3600, 3600, 19800, 9 * 3600, -3 * 3600 - 1800]

    /// Whether the zone's offset is the same two hours before and after `t`, so that its local
    /// time, written without an offset, cannot be misread.
    private func isUnambiguous(_ t: Instant) -> Bool {
        let offset = zone.offsetSeconds(at: t)
        return zone.offsetSeconds(at: t.adding(millis: -7_200_000)) == offset
            && zone.offsetSeconds(at: t.adding(millis: 7_200_000)) == offset
    }
}

/// Appends the decimal digits of `value` (>= 0), zero-padded to at least `width`.
@inline(__always)
func appendDigits(_ value: Int, width: Int, into out: inout [UInt8]) {
    var divisor = 1
    var digits = 1
    while divisor <= value / 10 {
        divisor *= 10
        digits += 1
    }
    for _ in digits..<max(digits, width) { out.append(48) }
    var rest = value
    while divisor > 0 {
        out.append(UInt8(truncatingIfNeeded: 48 + rest / divisor))
        rest %= divisor
        divisor /= 10
    }
}
