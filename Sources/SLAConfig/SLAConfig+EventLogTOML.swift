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
            allowed: [
                "case_id", "timestamp", "activity", "attributes", "values", "activities", "status", "handover", "rows",
                "unknown_values", "instants", "changes",
            ])
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
        profile.file = fileName
        if let value = section["rows"] {
            let rowsPath = path.appending("rows")
            let text = try string(value, at: rowsPath, example: "rows = \"audit\"")
            guard let rows = EventLogProfile.Rows(rawValue: text.lowercased()) else {
                throw fail(
                    .invalidValue, rowsPath, "\(quoted(text)) is not a kind of export",
                    "write \"snapshot\" (every row repeats the case as it stands) or \"audit\" (every row holds the values as of that update)"
                )
            }
            profile.rows = rows
        }

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
                    if EventLogProfile.isPattern(theirs) {
                        throw fail(
                            .invalidValue, entryPath, "a * pattern in a value map, which is matched value by value",
                            "write each of the export's values as its own key")
                    }
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
                    let blank = text.trimmingCharacters(in: .whitespaces).isEmpty
                    if blank, [.org, .customer, .description].contains(attribute) {
                        throw fail(
                            .invalidValue, entryPath, "an empty name",
                            "write the name it stands for, or remove the entry")
                    }
                    if !blank, let problem = Self.invalidAttributeValue(attribute, text) {
                        throw fail(.invalidValue, entryPath, "\(quoted(text)) is not \(problem)", "write \(problem)")
                    }
                    if (attribute == .severity || attribute == .priority) && EventLogProfile.isLabelled(text) {
                        throw fail(
                            .invalidValue, entryPath, "\(quoted(text)) is a number with a label",
                            "write ours plainly: a number 1-4 for severity, critical/high/medium/low for priority")
                    }
                    translated[theirs] = text
                    profile.names.append(
                        EventLogProfile.Name(
                            kind: .value(attribute), text: theirs, key: entryPath.description,
                            line: keyLines.line(of: entryPath)))
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
                let names = try stringList(
                    entry, at: entryPath, example: "\(meaning.rawValue) = [\"Activity Name\"]")
                profile.activities[meaning] = names
                noteNames(names, .activity, value: entry, at: entryPath, in: &profile)
            }
            if profile.rows == .audit {
                for meaning in [EventLogProfile.Meaning.severityChanged, .priorityChanged]
                where profile.activities[meaning] != nil {
                    throw fail(
                        .invalidValue, activitiesPath.appending(meaning.rawValue),
                        "not allowed with rows = \"audit\": there a change of the column's value is the event",
                        "remove it; an audit log's changes of severity and priority are read from their columns")
                }
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
                let normalized = EventLogProfile.normalize(key)
                if profile.status[normalized] == nil { profile.statusOrder.append(normalized) }
                profile.status[normalized] = ours
                profile.names.append(
                    EventLogProfile.Name(
                        kind: .activity, text: key, key: entryPath.description, line: keyLines.line(of: entryPath)))
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
            let intoPath = handoverPath.appending("escalate_into")
            profile.handover = EventLogProfile.Handover(
                column: try header(
                    columnValue, at: handoverPath.appending("column"), example: "column = \"org:group\""),
                escalateInto: try stringList(intoValue, at: intoPath, example: "escalate_into = [\"* 2nd\", \"* 3rd\"]")
            )
            noteNames(profile.handover?.escalateInto ?? [], .team, value: intoValue, at: intoPath, in: &profile)
        }
        if let value = section["instants"] {
            let instantsPath = path.appending("instants")
            let instants = try table(value, at: instantsPath)
            try checkKeys(instants, at: instantsPath, allowed: EventLogProfile.InstantColumn.allCases.map(\.rawValue))
            for kind in EventLogProfile.InstantColumn.allCases {
                guard let entry = instants[kind.rawValue] else { continue }
                profile.instants[kind] = try header(
                    entry, at: instantsPath.appending(kind.rawValue), example: "\(kind.rawValue) = \"opened_at\"")
            }
        }
        if let value = section["changes"] {
            profile.changes = try changes(value, at: path.appending("changes"), names: &profile.names)
        }
        if let value = section["unknown_values"] {
            profile.unknownValues = try unknownValues(value, at: path.appending("unknown_values"))
        }
        return profile
    }

    /// Adds `names` (the list read from `value` at `path`) to the profile's names, each with its line.
    private func noteNames(
        _ names: [String], _ kind: EventLogProfile.Name.Kind, value: TOMLValueConvertible, at path: ConfigPath,
        in profile: inout EventLogProfile
    ) {
        let isList = value.array != nil
        for (index, name) in names.enumerated() {
            let line = keyLines.line(of: isList ? path.appending(index: index) : path)
            profile.names.append(EventLogProfile.Name(kind: kind, text: name, key: path.description, line: line))
        }
    }

    /// `[event_log.changes]`: meaning = "column", or { column = "...", into = ["pattern", ...] }.
    private func changes(
        _ value: TOMLValueConvertible, at path: ConfigPath, names: inout [EventLogProfile.Name]
    ) throws(ConfigError) -> [EventLogProfile.Meaning: EventLogProfile.Change] {
        let changes = try table(value, at: path)
        let meanings = EventLogProfile.Change.meanings
        try checkKeys(changes, at: path, allowed: meanings.map(\.rawValue))
        var result: [EventLogProfile.Meaning: EventLogProfile.Change] = [:]
        for meaning in meanings {
            guard let entry = changes[meaning.rawValue] else { continue }
            let entryPath = path.appending(meaning.rawValue)
            let example = "\(meaning.rawValue) = \"assigned_to\", or { column = \"escalation\", into = [\"High\"] }"
            if entry.string != nil {
                result[meaning] = EventLogProfile.Change(
                    column: try header(entry, at: entryPath, example: example))
                continue
            }
            let spec = try table(entry, at: entryPath, example: example)
            try checkKeys(spec, at: entryPath, allowed: ["column", "into"])
            guard let column = spec["column"] else {
                throw fail(.invalidValue, entryPath, "no column", "write e.g. \(example)")
            }
            var change = EventLogProfile.Change(
                column: try header(column, at: entryPath.appending("column"), example: example))
            if let into = spec["into"] {
                let intoPath = entryPath.appending("into")
                let patterns = try stringList(into, at: intoPath, example: "into = [\"High\", \"Overdue\"]")
                change.into = patterns
                let isList = into.array != nil
                for (index, pattern) in patterns.enumerated() {
                    names.append(
                        EventLogProfile.Name(
                            kind: .change(meaning), text: pattern, key: intoPath.description,
                            line: keyLines.line(of: isList ? intoPath.appending(index: index) : intoPath)))
                }
            }
            result[meaning] = change
        }
        return result
    }

    /// `unknown_values`: "reject" or "blank" for every optional attribute, or a table per attribute
    /// of "reject", "blank" or { default = "value" }.
    private func unknownValues(_ value: TOMLValueConvertible, at path: ConfigPath) throws(ConfigError)
        -> [EventLogProfile.Attribute: EventLogProfile.UnknownValue]
    {
        let optional = EventLogProfile.Attribute.optionalEnumerations
        if value.string != nil {
            let policy = try unknownValue(value, at: path, attribute: nil)
            return Dictionary(uniqueKeysWithValues: optional.map { ($0, policy) })
        }
        let entries = try table(
            value, at: path, example: "unknown_values = \"blank\", or [\(path)] then channel = \"blank\"")
        var result: [EventLogProfile.Attribute: EventLogProfile.UnknownValue] = [:]
        for key in keysInFileOrder(entries, at: path) {
            guard let entry = entries[key] else { continue }
            let entryPath = path.appending(key)
            let attribute = try self.attribute(key, at: entryPath)
            guard optional.contains(attribute) else {
                let why =
                    attribute == .severity
                    ? "a severity is required: an unknown one always rejects the row"
                    : "\(attribute.rawValue) is text: every value is a value"
                throw fail(
                    .invalidValue, entryPath, why,
                    "allowed: \(optional.map(\.rawValue).joined(separator: ", ")); map other values in [event_log.values.\(attribute.rawValue)]"
                )
            }
            result[attribute] = try unknownValue(entry, at: entryPath, attribute: attribute)
        }
        return result
    }

    private func unknownValue(
        _ value: TOMLValueConvertible, at path: ConfigPath, attribute: EventLogProfile.Attribute?
    ) throws(ConfigError) -> EventLogProfile.UnknownValue {
        let allowed = attribute == nil ? "\"reject\" or \"blank\"" : "\"reject\", \"blank\" or { default = \"value\" }"
        if let text = value.string {
            switch text.lowercased() {
            case "reject": return .reject
            case "blank": return .blank
            default:
                throw fail(
                    .invalidValue, path, "\(quoted(text)) is not a way to handle unknown values", "write \(allowed)")
            }
        }
        guard let attribute, let spec = value.table else {
            throw wrongType(value, at: path, expected: "a string", example: "\(keyName(path)) = \"blank\"")
        }
        try checkKeys(spec, at: path, allowed: ["default"])
        guard let entry = spec["default"] else {
            throw fail(.invalidValue, path, "no default", "write \(allowed)")
        }
        let defaultPath = path.appending("default")
        let text: String
        if let string = entry.string {
            text = string
        } else if let number = entry.int {
            text = String(number)
        } else {
            throw wrongType(entry, at: defaultPath, expected: "a string", example: "default = \"low\"")
        }
        if let problem = Self.invalidAttributeValue(attribute, text) {
            throw fail(.invalidValue, defaultPath, "\(quoted(text)) is not \(problem)", "write \(problem)")
        }
        if attribute == .priority && EventLogProfile.isLabelled(text) {
            throw fail(.invalidValue, defaultPath, "\(quoted(text)) is a number with a label", "write e.g. \"low\"")
        }
        return .value(text)
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
