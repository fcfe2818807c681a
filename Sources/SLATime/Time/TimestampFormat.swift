/// A strftime-style timestamp format from the config, compiled once into a list of steps.
///
/// Directives (matched against ASCII bytes, no backtracking):
/// - `%Y` year, 4 digits; `%y` year, 2 digits (69–99 → 19xx, 00–68 → 20xx)
/// - `%m` month, `%d` day, `%H` hour 0–23, `%I` hour 1–12, `%M` minute, `%S` second
///   (0–60, 60 being a leap second): 1 or 2 digits, so `2012/10/9` matches `%Y/%m/%d`
/// - `%e` day, 1 or 2 digits, optionally preceded by a padding space
/// - `%b` (also `%B`, `%h`) English month name, full or 3 letters (and `Sept`), any case
/// - `%p` `AM` or `PM`, any case; required with `%I`, and only allowed with it
/// - `%f` fractional seconds, one or more digits, truncated to milliseconds
/// - `%z` offset `Z`, `+02:00`, `+0200` or `+02` (at most ±18:00); `%Z` the name `UTC`/`GMT`/`Z`
/// - `%T` = `%H:%M:%S`; `%%` a literal `%`
///
/// Any other character must match itself exactly, except that a run of spaces or tabs
/// matches any run of spaces or tabs in the input, including none (as strptime does).
/// Year, month and day are required; a format without an hour means local midnight.
public struct TimestampFormat: Sendable, Hashable, CustomStringConvertible {
    /// The format as written in the config.
    public let pattern: String
    /// The compiled program.
    let steps: [Step]

    /// One step of a compiled format: what the next input bytes must be.
    enum Step: Sendable, Hashable {
        case literal(UInt8)
        case whitespace
        case year4, year2, month, monthName, day, daySpacePadded
        case hour24, hour12, meridiem, minute, second, fraction
        case offset, zoneName
    }

    /// The quantity a directive sets; each may be set once.
    private enum Field: CaseIterable {
        case year, month, day, hour, meridiem, minute, second, fraction, offset
    }

    /// Compiles `pattern`, or throws an error that names it and says what is wrong.
    public init(_ pattern: String) throws(TimestampFormatError) {
        self.pattern = pattern
        let bytes = Array(pattern.utf8)
        guard !bytes.isEmpty else { throw TimestampFormatError(format: pattern, problem: .empty) }
        var steps: [Step] = []
        var setBy: [Field: String] = [:]
        func fail(_ problem: TimestampFormatError.Problem) -> TimestampFormatError {
            TimestampFormatError(format: pattern, problem: problem)
        }
        func add(_ step: Step, _ field: Field, _ directive: String) throws(TimestampFormatError) {
            if let earlier = setBy[field] { throw fail(.duplicateField(directive, earlier: earlier)) }
            setBy[field] = directive
            steps.append(step)
        }

        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
                    index += 1
                }
                steps.append(.whitespace)
                continue
            }
            guard byte == UInt8(ascii: "%") else {
                steps.append(.literal(byte))
                index += 1
                continue
            }
            guard index + 1 < bytes.count else { throw fail(.danglingPercent) }
            let code = bytes[index + 1]
            let directive = "%" + String(decoding: [code], as: UTF8.self)
            switch code {
            case UInt8(ascii: "Y"): try add(.year4, .year, directive)
            case UInt8(ascii: "y"): try add(.year2, .year, directive)
            case UInt8(ascii: "m"): try add(.month, .month, directive)
            case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "h"): try add(.monthName, .month, directive)
            case UInt8(ascii: "d"): try add(.day, .day, directive)
            case UInt8(ascii: "e"): try add(.daySpacePadded, .day, directive)
            case UInt8(ascii: "H"): try add(.hour24, .hour, directive)
            case UInt8(ascii: "I"): try add(.hour12, .hour, directive)
            case UInt8(ascii: "p"): try add(.meridiem, .meridiem, directive)
            case UInt8(ascii: "M"): try add(.minute, .minute, directive)
            case UInt8(ascii: "S"): try add(.second, .second, directive)
            case UInt8(ascii: "f"): try add(.fraction, .fraction, directive)
            case UInt8(ascii: "z"): try add(.offset, .offset, directive)
            case UInt8(ascii: "Z"): try add(.zoneName, .offset, directive)
            case UInt8(ascii: "T"):
                try add(.hour24, .hour, directive)
                steps.append(.literal(UInt8(ascii: ":")))
                try add(.minute, .minute, directive)
                steps.append(.literal(UInt8(ascii: ":")))
                try add(.second, .second, directive)
            case UInt8(ascii: "%"): steps.append(.literal(UInt8(ascii: "%")))
            default:
                // Name the whole character after `%`, even when it is not ASCII.
                let rest = String(decoding: bytes[(index + 1)...], as: UTF8.self)
                throw fail(.unknownDirective("%" + String(rest.prefix(1))))
            }
            index += 2
        }

        if setBy[.year] == nil { throw fail(.missingField("year", directives: "%Y or %y")) }
        if setBy[.month] == nil { throw fail(.missingField("month", directives: "%m or %b")) }
        if setBy[.day] == nil { throw fail(.missingField("day", directives: "%d or %e")) }
        let hour12 = steps.contains(.hour12)
        if hour12, setBy[.meridiem] == nil { throw fail(.hour12WithoutMeridiem) }
        if !hour12, setBy[.meridiem] != nil { throw fail(.meridiemWithoutHour12) }
        if let d = setBy[.minute], setBy[.hour] == nil { throw fail(.incompleteTime(d, needs: "%H or %I")) }
        if let d = setBy[.second], setBy[.minute] == nil { throw fail(.incompleteTime(d, needs: "%M")) }
        if let d = setBy[.fraction], setBy[.second] == nil { throw fail(.incompleteTime(d, needs: "%S")) }
        self.steps = steps
    }

    /// The pattern as written.
    public var description: String { pattern }

    public static func == (a: TimestampFormat, b: TimestampFormat) -> Bool { a.pattern == b.pattern }

    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }
}

/// Why a `timestamp_formats` entry of the config cannot be used.
public struct TimestampFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The offending format, as written.
    public let format: String
    /// What is wrong with it.
    public let problem: Problem

    /// The kinds of mistakes a format can have.
    public enum Problem: Equatable, Sendable {
        /// The format is the empty string.
        case empty
        /// The format ends with a lone `%`.
        case danglingPercent
        /// A `%` directive that is not supported, such as `%Q`.
        case unknownDirective(String)
        /// Two directives set the same field, such as `%d` and `%e`, or `%H` and `%T`.
        case duplicateField(String, earlier: String)
        /// The year, month or day is missing.
        case missingField(String, directives: String)
        /// `%I` (12-hour clock) without `%p`.
        case hour12WithoutMeridiem
        /// `%p` without `%I`.
        case meridiemWithoutHour12
        /// A smaller time unit without the larger one, such as `%S` without `%M`.
        case incompleteTime(String, needs: String)
    }

    /// Creates an error for `format`.
    public init(format: String, problem: Problem) {
        self.format = format
        self.problem = problem
    }

    /// `timestamp format "%Y-%m-%Q": unknown directive %Q (supported: ...)`.
    public var description: String {
        let what: String
        switch problem {
        case .empty:
            what = "the format is empty"
        case .danglingPercent:
            what = "it ends with a lone %; write %% for a literal percent sign"
        case .unknownDirective(let d):
            what = "unknown directive \(d) (supported: \(Self.supported))"
        case .duplicateField(let d, let earlier):
            what = "\(d) sets a field that \(earlier) already sets; use only one of them"
        case .missingField(let field, let directives):
            what = "it has no \(field); add \(directives)"
        case .hour12WithoutMeridiem:
            what = "%I (12-hour clock) needs %p (AM/PM); use %H for a 24-hour clock"
        case .meridiemWithoutHour12:
            what = "%p (AM/PM) is only allowed with %I (12-hour clock)"
        case .incompleteTime(let d, let needs):
            what = "\(d) needs \(needs)"
        }
        return "timestamp format \"\(format)\": \(what)"
    }

    /// The directives `TimestampFormat` understands, for messages.
    public static let supported = "%Y %y %m %b %B %h %d %e %H %I %p %M %S %f %z %Z %T %%"
}
