import Foundation
import SLAModel
import SLATime
import TOMLKit

/// Reading of the `[event_log]` section (an event-log mapping profile).
extension ConfigReader {
    func eventLog(_ value: TOMLValueConvertible, at path: ConfigPath) throws(ConfigError) -> EventLogProfile {
        let section = try table(value, at: path)
        try checkKeys(
            section, at: path,
            allowed: ["case_id", "timestamp", "activity", "attributes", "values", "activities", "status", "handover"])
        func column(_ key: String, example: String) throws(ConfigError) -> String {
            guard let value = section[key] else {
                throw fail(
                    .invalidValue, path.appending(key), "missing: an event log needs its \(key) column",
                    "write e.g. \(example) in [\(path)]")
            }
            return try header(value, at: path.appending(key), example: example)
        }
        let caseID = try column("case_id", example: "case_id = \"Case ID\"")
        let timestamp = try column("timestamp", example: "timestamp = \"Complete Timestamp\"")
        guard let activityValue = section["activity"] else {
            throw fail(
                .invalidValue, path.appending("activity"), "missing: an event log needs its activity column",
                "write e.g. activity = \"Activity\", or activity = [\"concept:name\", \"lifecycle:transition\"]")
        }
        let activity = try stringList(
            activityValue, at: path.appending("activity"),
            example: "activity = [\"concept:name\", \"lifecycle:transition\"]")
        var profile = EventLogProfile(caseID: caseID, timestamp: timestamp, activity: activity)

        if let value = section["attributes"] {
            let attributesPath = path.appending("attributes")
            let attributes = try table(value, at: attributesPath)
            for key in keysInFileOrder(attributes, at: attributesPath) {
                guard let entry = attributes[key] else { continue }
                let attribute = try self.attribute(key, at: attributesPath.appending(key))
                profile.attributes[attribute] = try header(
                    entry, at: attributesPath.appending(key), example: "\(attribute.rawValue) = \"Export Column\"")
            }
        }
        guard profile.attributes[.severity] != nil else {
            throw fail(
                .invalidValue, path.appending("attributes"), "no severity column",
                "every case needs a severity: write [\(path).attributes] severity = \"Export Column\"")
        }
        if let value = section["values"] {
            let valuesPath = path.appending("values")
            let values = try table(value, at: valuesPath)
            for key in keysInFileOrder(values, at: valuesPath) {
                guard let entry = values[key] else { continue }
                let attributePath = valuesPath.appending(key)
                let attribute = try self.attribute(key, at: attributePath)
                guard profile.attributes[attribute] != nil else {
                    throw fail(
                        .invalidValue, attributePath, "values for \(attribute.rawValue), which has no column",
                        "name its column in [\(path).attributes] first")
                }
                let map = try table(
                    entry, at: attributePath, example: "[\(attributePath)] then \"Export Value\" = \"ours\"")
                var translated: [String: String] = [:]
                for theirs in keysInFileOrder(map, at: attributePath) {
                    guard let ours = map[theirs] else { continue }
                    let entryPath = attributePath.appending(theirs)
                    let text: String
                    if let string = ours.string {
                        text = string
                    } else if let number = ours.int {
                        text = String(number)
                    } else {
                        throw wrongType(
                            ours, at: entryPath, expected: "a string or an integer",
                            example: "\"Value 4\" = 1 or \"Major\" = \"critical\"")
                    }
                    if let problem = Self.invalidAttributeValue(attribute, text) {
                        throw fail(.invalidValue, entryPath, "\(quoted(text)) is not \(problem)", "write \(problem)")
                    }
                    translated[theirs] = text
                }
                if !translated.isEmpty { profile.values[attribute] = translated }
            }
        }
        if let value = section["activities"] {
            let activitiesPath = path.appending("activities")
            let activities = try table(value, at: activitiesPath)
            let allowed = EventLogProfile.Meaning.allCases.map(\.rawValue)
            try checkKeys(activities, at: activitiesPath, allowed: allowed)
            for meaning in EventLogProfile.Meaning.allCases {
                guard let entry = activities[meaning.rawValue] else { continue }
                let entryPath = activitiesPath.appending(meaning.rawValue)
                profile.activities[meaning] = try stringList(
                    entry, at: entryPath, example: "\(meaning.rawValue) = [\"Activity Name\"]")
            }
            for (meaning, attribute) in [(EventLogProfile.Meaning.priorityChanged, EventLogProfile.Attribute.priority)]
            where profile.activities[meaning] != nil && profile.attributes[attribute] == nil {
                throw fail(
                    .invalidValue, activitiesPath.appending(meaning.rawValue),
                    "\(meaning.rawValue) takes the new value from the \(attribute.rawValue) column, which is not mapped",
                    "name it in [\(path).attributes]")
            }
        }
        if let value = section["status"] {
            let statusPath = path.appending("status")
            let status = try table(value, at: statusPath)
            for key in keysInFileOrder(status, at: statusPath) {
                guard let entry = status[key] else { continue }
                let entryPath = statusPath.appending(key)
                let text = try string(entry, at: entryPath, example: "\"Resolve ticket\" = \"resolved\"")
                var copy = text
                guard let ours = copy.withUTF8({ ValueParsing.status($0) }) else {
                    throw fail(
                        .invalidValue, entryPath, "\(quoted(text)) is not a status",
                        "write new, open, waiting_on_customer, waiting_on_support, resolved or closed")
                }
                profile.status[EventLogProfile.normalize(key)] = ours
            }
        }
        if let value = section["handover"] {
            let handoverPath = path.appending("handover")
            let handover = try table(value, at: handoverPath)
            try checkKeys(handover, at: handoverPath, allowed: ["column", "escalate_into"])
            guard let columnValue = handover["column"], let intoValue = handover["escalate_into"] else {
                throw fail(
                    .invalidValue, handoverPath, "needs both column and escalate_into",
                    "write column = \"org:group\" and escalate_into = [\"* 2nd\", \"* 3rd\"]")
            }
            profile.handover = EventLogProfile.Handover(
                column: try header(
                    columnValue, at: handoverPath.appending("column"), example: "column = \"org:group\""),
                escalateInto: try stringList(
                    intoValue, at: handoverPath.appending("escalate_into"),
                    example: "escalate_into = [\"* 2nd\", \"* 3rd\"]"))
        }
        return profile
    }

    /// A non-empty column name.
    private func header(_ value: TOMLValueConvertible, at path: ConfigPath, example: String) throws(ConfigError)
        -> String
    {
        let text = try string(value, at: path, example: example)
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail(.invalidValue, path, "an empty column name", "write the export's header, e.g. \(example)")
        }
        return text
    }

    /// A string, or a non-empty array of non-empty strings.
    private func stringList(_ value: TOMLValueConvertible, at path: ConfigPath, example: String) throws(ConfigError)
        -> [String]
    {
        if let text = value.string {
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw fail(.invalidValue, path, "an empty name", "write e.g. \(example)")
            }
            return [text]
        }
        let items = try array(value, at: path, example: example)
        var result: [String] = []
        for (index, item) in items.enumerated() {
            let text = try string(item, at: path.appending(index: index), example: example)
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw fail(.invalidValue, path.appending(index: index), "an empty name", "remove it")
            }
            result.append(text)
        }
        guard !result.isEmpty else { throw fail(.invalidValue, path, "an empty list", "write e.g. \(example)") }
        return result
    }

    private func attribute(_ key: String, at path: ConfigPath) throws(ConfigError) -> EventLogProfile.Attribute {
        guard let attribute = EventLogProfile.Attribute(rawValue: key.lowercased()) else {
            throw fail(
                .unknownKey, path, "not a case attribute",
                "allowed: \(EventLogProfile.Attribute.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return attribute
    }

    /// What `text` should have been when it is not a valid value of ours for `attribute`.
    static func invalidAttributeValue(_ attribute: EventLogProfile.Attribute, _ text: String) -> String? {
        var copy = text
        return copy.withUTF8 { b -> String? in
            switch attribute {
            case .severity: return ValueParsing.severity(b) == nil ? "a severity (1-4)" : nil
            case .priority: return ValueParsing.priority(b) == nil ? "a priority (critical/high/medium/low)" : nil
            case .channel: return ValueParsing.channel(b) == nil ? "a channel (phone/portal/email/chat/web)" : nil
            case .deployment: return ValueParsing.deployment(b) == nil ? "a deployment (commercial/fedramp)" : nil
            case .platformIncident: return ValueParsing.bool(b) == nil ? "a boolean (true/false)" : nil
            case .org, .customer, .description: return nil
            }
        }
    }
}
