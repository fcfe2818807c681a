import SLAConfig
import SLAModel
import SLARules
import SLATime

/// Field values that mean "missing" (`input.missing_tokens`, such as `?`, `NULL`, `n/a`): a field
/// equal to one of them, after trimming and ignoring ASCII case, reads as an empty field.
public struct MissingTokens: Sendable {
    /// The tokens' bytes, ASCII-lowercased.
    private let tokens: [[UInt8]]

    /// Tokens as configured; empty ones are ignored.
    public init(_ tokens: [String] = []) {
        self.tokens = tokens.map { Array($0.utf8).map(ValueParsing.lower) }.filter { !$0.isEmpty }
    }

    public var isEmpty: Bool { tokens.isEmpty }

    /// Whether the (already trimmed) field `b` is one of the tokens.
    @inline(__always)
    public func contains(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if tokens.isEmpty { return false }
        search: for token in tokens where token.count == b.count {
            for i in 0..<b.count where ValueParsing.lower(b[i]) != token[i] { continue search }
            return true
        }
        return false
    }

    /// `b` trimmed, or empty when it is one of the tokens.
    @inline(__always)
    public func clean(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let t = ValueParsing.trim(b)
        return contains(t) ? UnsafeBufferPointer(start: nil, count: 0) : t
    }
}
