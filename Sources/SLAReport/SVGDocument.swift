/// A small writer of standalone SVG 1.1 documents for the report's charts.
///
/// Every attribute value and every piece of text goes through `escape`, and every coordinate
/// through `number`, so that the same chart is always the same bytes and text from the data
/// cannot break out of the markup. No scripts, no style sheets, no external references.
struct SVGDocument {
    typealias Attributes = [(String, String)]

    /// A font stack every slide tool can resolve: the system's UI font, then common sans-serifs.
    static let fontFamily = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif"

    let width: Int
    let height: Int
    private var out = ""
    private var depth = 0

    /// Starts a document of `width` × `height` pixels with its title and description (for screen readers).
    init(width: Int, height: Int, title: String, description: String) {
        self.width = width
        self.height = height
        out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        open(
            "svg",
            [
                ("xmlns", "http://www.w3.org/2000/svg"), ("version", "1.1"),
                ("width", String(width)), ("height", String(height)), ("viewBox", "0 0 \(width) \(height)"),
                ("font-family", Self.fontFamily),
            ])
        element("title", [], text: title)
        element("desc", [], text: description)
        // An opaque background, so the chart reads the same on a dark slide.
        element("rect", [("width", String(width)), ("height", String(height)), ("fill", "#FFFFFF")])
    }

    /// Opens an element; close it with `close`.
    mutating func open(_ name: String, _ attributes: Attributes = []) {
        line("<\(name)\(Self.attributes(attributes))>")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        line("</\(name)>")
    }

    /// An element with optional text content (escaped).
    mutating func element(_ name: String, _ attributes: Attributes, text: String? = nil) {
        if let text {
            line("<\(name)\(Self.attributes(attributes))>\(Self.escape(text))</\(name)>")
        } else {
            line("<\(name)\(Self.attributes(attributes))/>")
        }
    }

    /// A `<text>` made of spans, each with its own attributes (e.g. a bold figure, then a grey count).
    mutating func spans(_ attributes: Attributes, _ parts: [(text: String, attributes: Attributes)]) {
        let inner = parts.map { "<tspan\(Self.attributes($0.attributes))>\(Self.escape($0.text))</tspan>" }
        line("<text\(Self.attributes(attributes))>\(inner.joined())</text>")
    }

    /// Single-line text at (x, y); `anchor` is start, middle or end.
    mutating func text(
        _ s: String, x: Double, y: Double, size: Double, fill: String = Palette.ink, anchor: String = "start",
        extra: Attributes = []
    ) {
        var attributes: Attributes = [("x", Self.number(x)), ("y", Self.number(y)), ("font-size", Self.number(size))]
        attributes.append(("fill", fill))
        if anchor != "start" { attributes.append(("text-anchor", anchor)) }
        element("text", attributes + extra, text: s)
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, extra: Attributes = []) {
        element(
            "rect",
            [
                ("x", Self.number(x)), ("y", Self.number(y)), ("width", Self.number(max(0, width))),
                ("height", Self.number(max(0, height))), ("fill", fill),
            ] + extra)
    }

    mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, extra: Attributes = []
    ) {
        element(
            "line",
            [
                ("x1", Self.number(x1)), ("y1", Self.number(y1)), ("x2", Self.number(x2)), ("y2", Self.number(y2)),
                ("stroke", stroke), ("stroke-width", Self.number(width)),
            ] + extra)
    }

    /// The finished document, ending with a newline.
    func finish() -> String {
        var copy = self
        copy.close("svg")
        return copy.out
    }

    private mutating func line(_ s: String) {
        out += String(repeating: "  ", count: depth) + s + "\n"
    }

    // MARK: - Formatting

    private static func attributes(_ attributes: Attributes) -> String {
        attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    /// A coordinate with at most one decimal and no trailing zeros: 12, 12.5, -3.
    static func number(_ v: Double) -> String {
        JSON.format(v.isFinite ? v : 0, decimals: 1)
    }

    /// Escapes text for XML content and attribute values; control characters (not allowed in
    /// XML 1.0, and meaningless in a one-line label) become spaces.
    static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case let c where c.value < 0x20 || c.value == 0x7F || c.value == 0xFFFE || c.value == 0xFFFF: out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// At most `limit` characters, the last one an ellipsis when cut (so long names keep their layout).
    static func truncate(_ s: String, to limit: Int) -> String {
        s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
    }
}

/// The charts' colours: the Okabe–Ito palette, which stays distinct with the common colour-vision
/// deficiencies, plus greys for ink, grid and tracks.
enum Palette {
    static let blue = "#0072B2"
    static let orange = "#E69F00"
    static let green = "#009E73"
    static let vermillion = "#D55E00"
    /// The other targets: reddish purple and sky blue (Okabe-Ito), and a dark brown.
    static let purple = "#CC79A7"
    static let sky = "#56B4E9"
    static let brown = "#8C510A"
    static let ink = "#1A1A1A"
    static let muted = "#595959"
    static let grid = "#D9D9D9"
    static let track = "#F0F0F0"
}
