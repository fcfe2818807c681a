import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

/// A JSON value with ordered object keys, serialized the same way every run.
public indirect enum JSON: Sendable, Equatable {
    case object([(String, JSON)])
    case array([JSON])
    case string(String)
    case int(Int64)
    /// A number written with at most `decimals` decimals, trailing zeros removed.
    case number(Double, decimals: Int)
    case bool(Bool)
    case null

    public static func == (a: JSON, b: JSON) -> Bool { a.serialized() == b.serialized() }

    public static func int(_ v: Int) -> JSON { .int(Int64(v)) }

    /// A rate in [0, 1], or null.
    public static func rate(_ v: Double?) -> JSON { v.map { .number($0, decimals: 6) } ?? .null }

    /// Milliseconds as seconds, or null.
    public static func seconds(millis: Int64?) -> JSON {
        guard let ms = millis else { return .null }
        return ms % 1000 == 0 ? .int(ms / 1000) : .number(Double(ms) / 1000, decimals: 3)
    }

    /// An instant in RFC 3339 UTC, or null.
    public static func instant(_ t: Instant?) -> JSON {
        t.map { .string(TimestampParser.formatRFC3339UTC($0)) } ?? .null
    }

    /// Two-space indented text ending with a newline.
    public func serialized() -> String {
        var out: [UInt8] = []
        write(to: &out, indent: 0)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the value's text as UTF-8 (a byte buffer: the report's JSON holds an item per
    /// RCA incident, and string concatenation allocated for every one of their values).
    private func write(to out: inout [UInt8], indent: Int) {
        func pad(_ level: Int) { out.append(contentsOf: repeatElement(0x20, count: 2 * level)) }
        switch self {
        case .object(let members):
            if members.isEmpty {
                out.append(contentsOf: "{}".utf8)
                return
            }
            out.append(contentsOf: "{\n".utf8)
            for (i, (key, value)) in members.enumerated() {
                pad(indent + 1)
                JSON.appendQuoted(key, to: &out)
                out.append(contentsOf: ": ".utf8)
                value.write(to: &out, indent: indent + 1)
                out.append(contentsOf: (i < members.count - 1 ? ",\n" : "\n").utf8)
            }
            pad(indent)
            out.append(UInt8(ascii: "}"))
        case .array(let items):
            if items.isEmpty {
                out.append(contentsOf: "[]".utf8)
                return
            }
            out.append(contentsOf: "[\n".utf8)
            for (i, value) in items.enumerated() {
                pad(indent + 1)
                value.write(to: &out, indent: indent + 1)
                out.append(contentsOf: (i < items.count - 1 ? ",\n" : "\n").utf8)
            }
            pad(indent)
            out.append(UInt8(ascii: "]"))
        case .string(let s): JSON.appendQuoted(s, to: &out)
        case .int(let v): out.append(contentsOf: String(v).utf8)
        case .number(let v, let decimals): out.append(contentsOf: JSON.format(v, decimals: decimals).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        }
    }

    /// Appends `quote(s)`; strings with nothing to escape (nearly all) are copied as they are.
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) {
            out.append(0x22)
            out.append(contentsOf: s.utf8)
            out.append(0x22)
        } else {
            out.append(contentsOf: quote(s).utf8)
        }
    }

    /// Fixed-point text with trailing zeros removed: 0.5, 0.833333, 12.
    public static func format(_ v: Double, decimals: Int) -> String {
        guard v.isFinite else { return "null" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (v * scale).rounded()
        let negative = scaled < 0
        let units = Int64(abs(scaled))
        let whole = units / Int64(scale)
        // The fraction's trailing zeros dropped as digits, not as characters of a string.
        var fraction = units % Int64(scale)
        var digits = decimals
        while digits > 0 && fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        var text = String(whole)
        if digits > 0 {
            let significant = String(fraction)
            text += "." + String(repeating: "0", count: digits - significant.count) + significant
        }
        return negative && units != 0 ? "-" + text : text
    }

    /// A JSON string literal; control characters escaped, invalid UTF-8 already repaired.
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
