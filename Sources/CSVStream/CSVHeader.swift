/// The header row of a CSV input, for finding columns by name.
///
/// Names match case-insensitively with surrounding spaces ignored (the reader already dropped
/// a BOM). When a name appears twice, as `Variant` does in the Helpdesk log, the first wins.
public struct CSVHeader: Sendable {
    /// The names as written in the file.
    public let names: [String]
    private let positions: [String: Int]

    /// Reads the header from the first record of an input.
    public init(_ record: CSVRecord) {
        self.init(names: record.strings())
    }

    public init(names: [String]) {
        self.names = names
        var positions: [String: Int] = [:]
        for (i, name) in names.enumerated() where positions[CSVHeader.normalize(name)] == nil {
            positions[CSVHeader.normalize(name)] = i
        }
        self.positions = positions
    }

    /// The number of columns.
    public var count: Int { names.count }

    /// The 0-based position of the column named `name`, if present.
    public func index(of name: String) -> Int? {
        positions[CSVHeader.normalize(name)]
    }

    /// The form in which names are compared: trimmed of spaces and tabs, lowercased.
    public static func normalize(_ name: String) -> String {
        var s = Substring(name)
        while let f = s.first, f == " " || f == "\t" || f == "\u{FEFF}" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s.lowercased()
    }
}
