import SLAModel
import SLATime

/// A path to a value in a TOML document: keys, and indices into arrays.
struct ConfigPath: Hashable, Sendable, CustomStringConvertible {
    /// One step of a path.
    enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    /// The steps from the document's root.
    var components: [Component]

    /// The document's root.
    static let root = ConfigPath(components: [])

    /// This path followed by `key`.
    func appending(_ key: String) -> ConfigPath { ConfigPath(components: components + [.key(key)]) }

    /// This path followed by array element `index`.
    func appending(index: Int) -> ConfigPath { ConfigPath(components: components + [.index(index)]) }

    /// The dotted key as a user writes it, without array indices; keys that are not bare are quoted.
    var description: String {
        var parts: [String] = []
        for case .key(let key) in components {
            let bare =
                !key.isEmpty
                && key.utf8.allSatisfy { byte in
                    TOMLKeyLines.isBareKeyByte(byte)
                }
            if bare {
                parts.append(key)
            } else {
                var quoted = "\""
                for scalar in key.unicodeScalars {
                    switch scalar {
                    case "\"": quoted += "\\\""
                    case "\\": quoted += "\\\\"
                    case "\n": quoted += "\\n"
                    case "\t": quoted += "\\t"
                    default: quoted.unicodeScalars.append(scalar)
                    }
                }
                parts.append(quoted + "\"")
            }
        }
        return parts.joined(separator: ".")
    }
}

/// The line on which each key (and array element) of a TOML document is first written.
///
/// TOMLKit reports no source positions for keys, so this scans the text itself: table headers
/// (`[a.b]`, `[[a.b]]`), dotted and quoted keys, inline tables, arrays across lines, all string
/// forms and comments. It expects text that TOMLKit has already accepted; on anything else it
/// still ends, with fewer lines known.
struct TOMLKeyLines {
    private(set) var lines: [ConfigPath: Int] = [:]

    /// Scans `text`.
    init(text: String) {
        var scanner = Scanner(bytes: Array(text.utf8))
        scanner.scanDocument()
        lines = scanner.lines
    }

    /// The line of `path`, or else of its longest prefix that was written; nil when none was.
    func line(of path: ConfigPath) -> Int? {
        var components = path.components[...]
        while true {
            if let line = lines[ConfigPath(components: Array(components))] { return line }
            if components.isEmpty { return nil }
            components = components.dropLast()
        }
    }

    /// Whether `byte` may appear in a bare TOML key.
    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    /// The scanning state: a position in the bytes and the current line.
    private struct Scanner {
        let bytes: [UInt8]
        var pos = 0
        var line = 1
        var lines: [ConfigPath: Int] = [:]
        /// Each array of tables met so far (by its path without indices): its last element's index.
        var arrays: [[String]: Int] = [:]

        init(bytes: [UInt8]) { self.bytes = bytes }

        /// The path of a table header's keys: after each prefix that is an array of tables, the
        /// index of its latest element (`[[contracts]]` then `[contracts.targets]` is
        /// `contracts[n].targets`); a `[[...]]` header starts a new element.
        mutating func headerPath(_ keys: [String], arrayOfTables: Bool) -> ConfigPath {
            if arrayOfTables { arrays[keys, default: -1] += 1 }
            var components: [ConfigPath.Component] = []
            for count in 1...max(1, keys.count) where count <= keys.count {
                components.append(.key(keys[count - 1]))
                if let index = arrays[Array(keys.prefix(count))] { components.append(.index(index)) }
            }
            return ConfigPath(components: components)
        }

        var atEnd: Bool { pos >= bytes.count }
        var current: UInt8? { pos < bytes.count ? bytes[pos] : nil }

        func peek(_ offset: Int) -> UInt8? {
            pos + offset < bytes.count ? bytes[pos + offset] : nil
        }

        /// Moves one byte on, counting line ends.
        mutating func advance() {
            if bytes[pos] == UInt8(ascii: "\n") { line += 1 }
            pos += 1
        }

        /// Records `path` and each of its prefixes at `line`, unless already recorded.
        mutating func record(_ path: ConfigPath, at line: Int) {
            guard !path.components.isEmpty else { return }
            for count in 1...path.components.count {
                let prefix = ConfigPath(components: Array(path.components.prefix(count)))
                if lines[prefix] == nil { lines[prefix] = line }
            }
        }

        mutating func skipSpaces() {
            while let byte = current, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { pos += 1 }
        }

        mutating func skipComment() {
            guard current == UInt8(ascii: "#") else { return }
            while let byte = current, byte != UInt8(ascii: "\n") { pos += 1 }
        }

        /// Skips spaces, comments and line ends.
        mutating func skipBlank() {
            while let byte = current {
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): advance()
                case UInt8(ascii: "#"): skipComment()
                default: return
                }
            }
        }

        /// Skips the rest of the line, including its line end.
        mutating func skipLine() {
            while let byte = current {
                advance()
                if byte == UInt8(ascii: "\n") { return }
            }
        }

        mutating func scanDocument() {
            var table = ConfigPath.root
            while true {
                skipBlank()
                guard let byte = current else { return }
                let start = pos
                if byte == UInt8(ascii: "[") {
                    let headerLine = line
                    pos += 1
                    let isArrayOfTables = current == UInt8(ascii: "[")
                    if isArrayOfTables { pos += 1 }
                    table = headerPath(scanKey(), arrayOfTables: isArrayOfTables)
                    record(table, at: headerLine)
                } else {
                    let keyLine = line
                    let path = ConfigPath(components: table.components + scanKey().map { .key($0) })
                    record(path, at: keyLine)
                    skipSpaces()
                    if current == UInt8(ascii: "=") {
                        pos += 1
                        scanValue(path)
                    }
                }
                if pos == start { advance() }  // never stall on unexpected text
                skipSpaces()
                skipComment()
                if current != UInt8(ascii: "\n") && !atEnd {
                    skipLine()  // tolerate whatever is left, such as the `]` of a header
                }
            }
        }

        /// Reads a possibly dotted, possibly quoted key and returns its parts.
        mutating func scanKey() -> [String] {
            var parts: [String] = []
            while true {
                skipSpaces()
                guard let byte = current else { return parts }
                if byte == UInt8(ascii: "\"") {
                    parts.append(scanBasicString())
                } else if byte == UInt8(ascii: "'") {
                    parts.append(scanLiteralString())
                } else {
                    let start = pos
                    while let b = current, TOMLKeyLines.isBareKeyByte(b) { pos += 1 }
                    if pos == start { return parts }
                    parts.append(String(decoding: bytes[start..<pos], as: UTF8.self))
                }
                skipSpaces()
                guard current == UInt8(ascii: ".") else { return parts }
                pos += 1
            }
        }

        /// Reads a value, recording the keys of inline tables and the elements of arrays under `path`.
        mutating func scanValue(_ path: ConfigPath) {
            skipSpaces()
            guard let byte = current else { return }
            switch byte {
            case UInt8(ascii: "\""):
                _ = scanBasicString()
            case UInt8(ascii: "'"):
                _ = scanLiteralString()
            case UInt8(ascii: "["):
                pos += 1
                var index = 0
                while true {
                    skipBlank()
                    guard let b = current else { return }
                    if b == UInt8(ascii: "]") {
                        pos += 1
                        return
                    }
                    let element = path.appending(index: index)
                    record(element, at: line)
                    let start = pos
                    scanValue(element)
                    skipBlank()
                    if current == UInt8(ascii: ",") {
                        pos += 1
                    } else if pos == start {
                        advance()
                    }
                    index += 1
                }
            case UInt8(ascii: "{"):
                pos += 1
                while true {
                    skipBlank()
                    guard let b = current else { return }
                    if b == UInt8(ascii: "}") {
                        pos += 1
                        return
                    }
                    let start = pos
                    let keyLine = line
                    let key = path.components + scanKey().map { ConfigPath.Component.key($0) }
                    let member = ConfigPath(components: key)
                    record(member, at: keyLine)
                    skipSpaces()
                    if current == UInt8(ascii: "=") {
                        pos += 1
                        scanValue(member)
                    }
                    skipBlank()
                    if current == UInt8(ascii: ",") {
                        pos += 1
                    } else if pos == start {
                        advance()
                    }
                }
            default:
                // A number, boolean or date: up to the next separator.
                while let b = current {
                    switch b {
                    case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#"),
                        UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                        return
                    default:
                        pos += 1
                    }
                }
            }
        }

        /// Reads a basic string (`"..."` or `"""..."""`) and returns its decoded text.
        mutating func scanBasicString() -> String {
            let multiline = peek(1) == UInt8(ascii: "\"") && peek(2) == UInt8(ascii: "\"")
            pos += multiline ? 3 : 1
            var text: [UInt8] = []
            while let byte = current {
                if byte == UInt8(ascii: "\"") {
                    if !multiline {
                        pos += 1
                        break
                    }
                    if peek(1) == UInt8(ascii: "\"") && peek(2) == UInt8(ascii: "\"") {
                        pos += 3
                        // Up to two more quotes belong to the string (`""""` ends with a quote in it).
                        while current == UInt8(ascii: "\"") { pos += 1 }
                        break
                    }
                    text.append(byte)
                    pos += 1
                } else if byte == UInt8(ascii: "\\") {
                    pos += 1
                    guard let escaped = current else { break }
                    advance()
                    switch escaped {
                    case UInt8(ascii: "n"): text.append(UInt8(ascii: "\n"))
                    case UInt8(ascii: "t"): text.append(UInt8(ascii: "\t"))
                    case UInt8(ascii: "r"): text.append(UInt8(ascii: "\r"))
                    case UInt8(ascii: "b"): text.append(8)
                    case UInt8(ascii: "f"): text.append(12)
                    case UInt8(ascii: "e"): text.append(27)
                    case UInt8(ascii: "u"): appendUnicodeEscape(digits: 4, to: &text)
                    case UInt8(ascii: "U"): appendUnicodeEscape(digits: 8, to: &text)
                    case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                        // A line-ending backslash in a multi-line string: trim up to the next text.
                        while let b = current,
                            b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r")
                                || b == UInt8(ascii: "\n")
                        {
                            advance()
                        }
                    default: text.append(escaped)
                    }
                } else if byte == UInt8(ascii: "\n") && !multiline {
                    break  // not valid TOML; stop at the line end
                } else {
                    text.append(byte)
                    advance()
                }
            }
            return String(decoding: text, as: UTF8.self)
        }

        mutating func appendUnicodeEscape(digits: Int, to text: inout [UInt8]) {
            var value: UInt32 = 0
            for _ in 0..<digits {
                guard let byte = current, let digit = hexValue(byte) else { break }
                value = value * 16 + digit
                pos += 1
            }
            if let scalar = Unicode.Scalar(value) { text.append(contentsOf: Array(String(scalar).utf8)) }
        }

        func hexValue(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }

        /// Reads a literal string (`'...'` or `'''...'''`) and returns its text.
        mutating func scanLiteralString() -> String {
            let multiline = peek(1) == UInt8(ascii: "'") && peek(2) == UInt8(ascii: "'")
            pos += multiline ? 3 : 1
            let start = pos
            var end = pos
            while let byte = current {
                if byte == UInt8(ascii: "'") {
                    if !multiline {
                        end = pos
                        pos += 1
                        break
                    }
                    if peek(1) == UInt8(ascii: "'") && peek(2) == UInt8(ascii: "'") {
                        pos += 3
                        var extra = 0
                        while current == UInt8(ascii: "'") && extra < 2 {
                            pos += 1
                            extra += 1
                        }
                        end = pos - 3
                        break
                    }
                } else if byte == UInt8(ascii: "\n") && !multiline {
                    end = pos
                    break
                }
                advance()
                end = pos
            }
            return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
        }
    }
}
