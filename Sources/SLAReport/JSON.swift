import SLACore

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
        var out = ""
        write(to: &out, indent: 0)
        out += "\n"
        return out
    }

    private func write(to out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch self {
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (i, (key, value)) in members.enumerated() {
                out += pad + JSON.quote(key) + ": "
                value.write(to: &out, indent: indent + 1)
                out += i < members.count - 1 ? ",\n" : "\n"
            }
            out += closePad + "}"
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "[\n"
            for (i, value) in items.enumerated() {
                out += pad
                value.write(to: &out, indent: indent + 1)
                out += i < items.count - 1 ? ",\n" : "\n"
            }
            out += closePad + "]"
        case .string(let s): out += JSON.quote(s)
        case .int(let v): out += String(v)
        case .number(let v, let decimals): out += JSON.format(v, decimals: decimals)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
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
        var fraction = String(units % Int64(scale))
        fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let text = fraction.isEmpty ? String(whole) : "\(whole).\(fraction)"
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
