import Foundation
import SLAModel
import TOMLKit

extension SLAConfig {
    /// The escalation rules and submission checks that `[checks] disabled` leaves out (SPEC section
    /// 4, v2): not evaluated, not counted, and named as disabled in the report.
    ///
    /// A code names an escalation rule (SPEC 3.3), a submission check (SPEC 3.4), or both:
    /// `critical-not-by-phone` is the two at once.
    public struct DisabledChecks: Sendable, Equatable {
        /// Bits in `EscalationRule.ordered` and `SubmissionCheck.ordered` order.
        private var ruleBits: UInt16 = 0
        private var submissionBits: UInt8 = 0

        /// Nothing disabled (the default).
        public init() {}

        /// Every code `[checks] disabled` accepts, in SPEC order: the nine escalation rules, then
        /// the submission checks that are not also a rule.
        public static let codes: [String] = {
            let rules = EscalationRule.ordered.map(\.rawValue)
            return rules + SubmissionCheck.ordered.map(\.rawValue).filter { !rules.contains($0) }
        }()

        /// The code `text` spells, or nil: compared trimmed and ignoring ASCII case, with `_` or a
        /// space accepted for `-` (`incomplete_submission`, the JSON key, is `incomplete-submission`).
        public static func code(_ text: String) -> String? {
            var spelled = ""
            for scalar in text.trimmingCharacters(in: .whitespaces).lowercased().unicodeScalars {
                spelled.unicodeScalars.append(scalar == "_" || scalar == " " ? "-" : scalar)
            }
            return codes.contains(spelled) ? spelled : nil
        }

        /// Disables the rule and the submission check named `code` (one of `codes`).
        public mutating func insert(_ code: String) {
            if let rule = EscalationRule(rawValue: code) { ruleBits |= 1 << rule.position }
            if let check = SubmissionCheck(rawValue: code) { submissionBits |= 1 << check.position }
        }

        /// Whether `rule` is disabled.
        public func disables(_ rule: EscalationRule) -> Bool { ruleBits & (1 << rule.position) != 0 }

        /// Whether `check` is disabled.
        public func disables(_ check: SubmissionCheck) -> Bool { submissionBits & (1 << check.position) != 0 }

        /// Whether nothing is disabled.
        public var isEmpty: Bool { ruleBits == 0 && submissionBits == 0 }
    }
}

extension ConfigReader {
    /// `[checks]`: `disabled`, a list of codes of `SLAConfig.DisabledChecks.codes`.
    func checks(_ value: TOMLValueConvertible, at path: ConfigPath) throws(ConfigError) -> SLAConfig.DisabledChecks {
        let section = try table(value, at: path, example: "[checks] then disabled = [\"fedramp-unassigned\"]")
        try checkKeys(section, at: path, allowed: ["disabled"])
        var checks = SLAConfig.DisabledChecks()
        guard let value = section["disabled"] else { return checks }
        let listPath = path.appending("disabled")
        let example = "disabled = [\"fedramp-unassigned\", \"incomplete-submission\"]"
        for (index, item) in try array(value, at: listPath, example: example).enumerated() {
            let itemPath = listPath.appending(index: index)
            let text = try string(item, at: itemPath, example: example)
            guard let code = SLAConfig.DisabledChecks.code(text) else {
                throw fail(
                    .invalidValue, itemPath, "\(quoted(text)) is not an escalation rule or a submission check",
                    "write one of \(SLAConfig.DisabledChecks.codes.joined(separator: ", "))")
            }
            checks.insert(code)
        }
        return checks
    }
}
