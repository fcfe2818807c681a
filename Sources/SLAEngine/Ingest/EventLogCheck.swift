import CSVStream
import SLAConfig
import SLAModel

/// How well a profile fits the log it read: what the log has that the profile does not map, and
/// what the profile names that the log never has. `validate` lists it; `--strict` fails on it.
public struct EventLogCheck: Sendable, Equatable {
    /// An activity seen in the log that the profile maps to nothing.
    public struct Activity: Sendable, Equatable {
        /// As first written in the log.
        public var text: String
        public var rows: Int
    }

    /// A value seen in an attribute's column that its value map does not list, or that is not ours.
    public struct Value: Sendable, Equatable {
        public var attribute: EventLogProfile.Attribute
        /// The export's column.
        public var column: String
        /// As first written in the log.
        public var text: String
        public var rows: Int
        /// What was done with it (`read as priority medium`, `not a channel: blanked [unknown-value]`).
        public var outcome: String
    }

    /// Activities seen but not mapped, most rows first.
    public var unmappedActivities: [Activity] = []
    /// Values seen but not mapped, by attribute, most rows first.
    public var unmappedValues: [Value] = []
    /// Names of the profile that never occur in the log, in the profile's order.
    public var unseenNames: [EventLogProfile.Name] = []
    /// The profile's file name.
    public var profileFile = ""

    /// Whether there is nothing to report.
    public var isClean: Bool { unmappedActivities.isEmpty && unmappedValues.isEmpty && unseenNames.isEmpty }

    /// One line per finding, then a summary line, for `validate`.
    public var lines: [String] {
        var out: [String] = []
        for a in unmappedActivities {
            out.append("  activity seen but not mapped: \(quote(a.text)) (\(rows(a.rows)))")
        }
        for v in unmappedValues {
            out.append(
                "  value seen but not mapped: \(v.attribute.rawValue) \(quote(v.text)) in column \(quote(v.column)) "
                    + "(\(rows(v.rows))): \(v.outcome)")
        }
        for name in unseenNames {
            let place = "\(profileFile)\(name.line.map { ":\($0)" } ?? ""): \(name.key)"
            let what: String
            switch name.kind {
            case .activity: what = "matches no activity of the log"
            case .value(let attribute): what = "never occurs in the \(attribute.rawValue) column"
            case .team: what = "matches no team of the hand-over column"
            case .change(let meaning): what = "matches no value of the \(meaning.rawValue) change column"
            }
            out.append("  \(place): \(quote(name.text)) \(what)")
        }
        if isClean {
            out.append("profile: every activity and value seen is mapped, every name of the profile occurs in the log")
        } else {
            out.append(
                "profile: \(count(unmappedActivities.count, "activity", "activities")) and "
                    + "\(count(unmappedValues.count, "value", "values")) not mapped, "
                    + "\(count(unseenNames.count, "name", "names")) of the profile never seen "
                    + "(--strict fails on these)")
        }
        return out
    }

    private func rows(_ n: Int) -> String { n == 1 ? "1 row" : "\(n) rows" }
    private func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
    private func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

extension EventLogBuilder {
    /// The profile checks over what was read.
    func check() -> EventLogCheck {
        var result = EventLogCheck(profileFile: profile.file)
        // Activities: the distinct spellings of one normalized activity are counted together.
        var byNormal: [Int32: (text: String, rows: Int, mapped: Bool)] = [:]
        var order: [Int32] = []
        for id in 0..<activityRows.count {
            let normal = activityNormal[id]
            if byNormal[normal] == nil {
                order.append(normal)
                byNormal[normal] = (activityIDs.string(Int32(id)), 0, activityCache[id] != nil)
            }
            byNormal[normal]?.rows += activityRows[id]
        }
        result.unmappedActivities = order.compactMap { n in
            byNormal[n].flatMap { $0.mapped ? nil : EventLogCheck.Activity(text: $0.text, rows: $0.rows) }
        }.sorted { ($0.rows, $1.text) > ($1.rows, $0.text) }
        // Values.
        for attribute in Attribute.allCases {
            guard let column = profile.attributes[attribute] else { continue }
            let slot = Self.slot(attribute)
            let hasMap = valueMaps[attribute] != nil
            var found: [EventLogCheck.Value] = []
            for id in 0..<valueCodes[slot].count {
                let code = valueCodes[slot][id]
                let listed = valueListed[slot][id]
                guard code <= -2 || (hasMap && !listed) else { continue }
                let text = valueIDs[slot].string(Int32(id))
                found.append(
                    EventLogCheck.Value(
                        attribute: attribute, column: column, text: text, rows: valueRows[slot][id],
                        outcome: outcome(attribute, code: code)))
            }
            result.unmappedValues += found.sorted { ($0.rows, $1.text) > ($1.rows, $0.text) }
        }
        // Names of the profile never seen.
        let activities = (0..<normalActivities.count).map { normalActivities.string(Int32($0)) }
        let meanings = profile.orderedChanges.map(\.meaning)
        for name in profile.names {
            let seen: Bool
            switch name.kind {
            case .activity:
                seen = activities.contains { Self.matchesName(name.text, $0) }
            case .value(let attribute):
                let table = valueIDs[Self.slot(attribute)]
                let wanted = CSVHeader.normalize(name.text)
                seen = (0..<table.count).contains { CSVHeader.normalize(table.string(Int32($0))) == wanted }
            case .team:
                seen = (0..<teams.count).contains {
                    EventLogProfile.matches(pattern: name.text, teams.string(Int32($0)))
                }
            case .change(let meaning):
                guard let n = meanings.firstIndex(of: meaning) else {
                    seen = true
                    break
                }
                let table = changeValues[n]
                seen = (0..<table.count).contains {
                    EventLogProfile.matches(pattern: name.text, table.string(Int32($0)))
                }
            }
            if !seen { result.unseenNames.append(name) }
        }
        result.unseenNames.sort { ($0.line ?? Int.max, $0.key) < ($1.line ?? Int.max, $1.key) }
        return result
    }

    /// Whether an activity name or pattern of the profile matches a normalized activity of the log.
    static func matchesName(_ name: String, _ normalized: String) -> Bool {
        EventLogProfile.isPattern(name)
            ? EventLogProfile.matches(pattern: name, normalized) : EventLogProfile.normalize(name) == normalized
    }

    /// What was done with a value of `attribute` whose code is `code`.
    func outcome(_ attribute: Attribute, code: Int32) -> String {
        let name = attribute.rawValue
        if code >= 0 {
            switch attribute {
            case .org, .customer, .description: return "kept as written"
            default: return "read as \(name) \(Self.ours(attribute, code)) by its spelling"
            }
        }
        let what =
            code == -3
            ? "a number with a label (read only through event_log.values.\(name))"
            : "not \(Self.expected(attribute))"
        switch unknownCodes[Self.slot(attribute)] {
        case nil: return "\(what): rows rejected [bad-value]"
        case .some(let handled) where handled < 0: return "\(what): blanked [unknown-value]"
        case .some(let handled): return "\(what): read as \(Self.ours(attribute, handled)) [unknown-value]"
        }
    }

    /// Our value named by its code, for messages.
    static func ours(_ attribute: Attribute, _ code: Int32) -> String {
        let raw = UInt8(clamping: code)
        switch attribute {
        case .severity: return "\(code)"
        case .priority: return Priority(rawValue: raw).map { "\($0)" } ?? "\(code)"
        case .channel: return Channel(rawValue: raw).map { "\($0)" } ?? "\(code)"
        case .deployment: return Deployment(rawValue: raw).map { "\($0)" } ?? "\(code)"
        case .platformIncident: return code == 1 ? "true" : "false"
        case .org, .customer, .description: return "\(code)"
        }
    }
}
