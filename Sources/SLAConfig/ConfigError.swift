import SLAModel
import SLATime

/// A problem with the configuration file, told in one line: `FILE:LINE: KEY: what is wrong (how to fix)`.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What sort of problem it is.
    public enum Kind: Sendable, Equatable {
        /// The file could not be read, or is not UTF-8.
        case unreadable
        /// The text is not valid TOML.
        case syntax
        /// A key that slacheck does not know.
        case unknownKey
        /// A value of the wrong TOML type (a number where a string belongs, ...).
        case wrongType
        /// A value of the right type that is not allowed (an unknown time zone, a malformed duration, ...).
        case invalidValue
    }

    /// What sort of problem it is.
    public var kind: Kind
    /// The configuration file's name, as given.
    public var file: String
    /// The 1-based line of the problem, when known.
    public var line: Int?
    /// The full dotted key, such as `targets.first_response.2.target`; nil for file and syntax problems.
    public var key: String?
    /// What is wrong.
    public var problem: String
    /// How to fix it.
    public var fix: String

    /// Creates an error.
    public init(kind: Kind, file: String, line: Int?, key: String?, problem: String, fix: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.key = key
        self.problem = problem
        self.fix = fix
    }

    /// The one-line message: `FILE:LINE: KEY: what is wrong (how to fix)`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let key { text += "\(key): " }
        text += problem
        if !fix.isEmpty { text += " (\(fix))" }
        return text
    }
}
