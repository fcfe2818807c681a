import Foundation
import SLAModel
import SLATime
import TOMLKit

extension SLAConfig {
    /// Reads the TOML configuration file at `path`; missing keys keep their defaults.
    ///
    /// Errors name the file as `path` is written.
    public static func load(path: String) throws(ConfigError) -> SLAConfig {
        func unreadable(_ problem: String) -> ConfigError {
            ConfigError(
                kind: .unreadable, file: path, line: nil, key: nil, problem: problem,
                fix: "check the --config path, or run `slacheck config` to print a file to start from")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw unreadable("no such file")
        }
        guard !isDirectory.boolValue else { throw unreadable("is a folder, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else { throw unreadable("cannot read the file") }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ConfigError(
                kind: .unreadable, file: path, line: nil, key: nil, problem: "is not UTF-8 text",
                fix: "save the file as UTF-8")
        }
        return try parse(text: text, fileName: path)
    }

    /// Reads a TOML configuration from `text`; `fileName` is the name errors give it.
    public static func parse(text: String, fileName: String = "slacheck.toml") throws(ConfigError) -> SLAConfig {
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let what = error.description.split(whereSeparator: \.isNewline).joined(separator: " ")
            throw ConfigError(
                kind: .syntax, file: fileName, line: error.source.begin.line, key: nil,
                problem: "TOML syntax error at column \(error.source.begin.column): \(what)",
                fix: "write key = value, strings in double quotes, tables as [name]")
        } catch {
            throw ConfigError(
                kind: .syntax, file: fileName, line: nil, key: nil, problem: "TOML syntax error: \(error)",
                fix: "write key = value, strings in double quotes, tables as [name]")
        }
        let reader = ConfigReader(fileName: fileName, keyLines: TOMLKeyLines(text: text))
        return try reader.read(root)
    }
}

/// Turns a parsed TOML document into an `SLAConfig`, stopping at the first problem with its key and line.
struct ConfigReader {
    let fileName: String
    let keyLines: TOMLKeyLines

    // MARK: The sections

    func read(_ root: TOMLTable) throws(ConfigError) -> SLAConfig {
        var config = SLAConfig.defaults
        let top = ConfigPath.root
        try checkKeys(
            root, at: top,
            allowed: [
                "timezone", "calendar", "calendars", "targets", "tiers", "contracts", "rca", "escalations", "checks",
                "input", "event_log",
            ])
        if let value = root["timezone"] {
            config.zone = try timezone(value, at: top.appending("timezone"))
        }
        if let value = root["calendar"] {
            config.calendar = try calendar(value, at: top.appending("calendar"), defaults: config.calendar).settings
        }
        if let value = root["calendars"] {
            config.calendars = try calendars(value, at: top.appending("calendars"), base: config.calendar)
        }
        if let value = root["targets"] {
            let path = top.appending("targets")
            let targets = try table(value, at: path)
            try checkKeys(
                targets, at: path, allowed: ["severity_basis"] + SLAConfig.TargetKind.allCases.map(\.rawValue))
            if let value = targets["severity_basis"] {
                config.severityBasis = try severityBasis(value, at: path.appending("severity_basis"))
            }
            for kind in SLAConfig.TargetKind.allCases {
                guard let value = targets[kind.rawValue] else { continue }
                let table = try targetTable(value, at: path.appending(kind.rawValue), pauseOn: true)
                if let pauseOn = table.pauseOn { config.pauseOn[kind] = pauseOn }
                if kind == .firstResponse {
                    for severity in SLAConfig.FirstResponseTargets.severities {
                        if let entry = table[severity: severity] { config.firstResponse[severity: severity] = entry }
                    }
                } else {
                    var entries = table
                    entries.pauseOn = nil
                    config.targetTables[kind] = entries
                }
            }
        }
        if let value = root["tiers"] {
            config.tiers = try tiers(value, at: top.appending("tiers"), calendars: config.calendars)
        }
        if let value = root["contracts"] {
            config.contracts = try contracts(value, at: top.appending("contracts"), config: config)
        }
        if let value = root["rca"] {
            let path = top.appending("rca")
            let rca = try table(value, at: path)
            try checkKeys(rca, at: path, allowed: ["business_days"])
            if let value = rca["business_days"] {
                config.rcaBusinessDays = try integer(
                    value, at: path.appending("business_days"), in: 1...365, example: "business_days = 5")
            }
        }
        if let value = root["escalations"] {
            let path = top.appending("escalations")
            let escalations = try table(value, at: path)
            try checkKeys(escalations, at: path, allowed: ["high_priority_wait"])
            if let value = escalations["high_priority_wait"] {
                config.highPriorityWait = try duration(value, at: path.appending("high_priority_wait"))
            }
        }
        if let value = root["checks"] {
            config.disabledChecks = try checks(value, at: top.appending("checks"))
        }
        if let value = root["input"] {
            config.input = try input(value, at: top.appending("input"), defaults: config.input)
        }
        if let value = root["event_log"] {
            config.eventLog = try eventLog(value, at: top.appending("event_log"))
        }
        return config
    }

    func timezone(_ value: TOMLValueConvertible, at path: ConfigPath) throws(ConfigError) -> TimeZoneRules {
        let name = try string(value, at: path, example: "timezone = \"Europe/Paris\"")
        guard !name.isEmpty, let zone = TimeZoneRules(identifier: name) else {
            throw fail(
                .invalidValue, path, "\(quoted(name)) is not a known time zone",
                "write an IANA name such as \"UTC\", \"Europe/Paris\" or \"America/New_York\"")
        }
        return zone
    }

    func clock(_ value: TOMLValueConvertible, at path: ConfigPath) throws(ConfigError) -> SLAClock {
        let text = try string(value, at: path, example: "clock = \"business\"")
        guard let clock = SLAClock(rawValue: text.lowercased()) else {
            throw fail(.invalidValue, path, "\(quoted(text)) is not a clock", "write \"24x7\" or \"business\"")
        }
        return clock
    }

    func input(
        _ value: TOMLValueConvertible, at path: ConfigPath, defaults: SLAConfig.InputSettings
    ) throws(ConfigError) -> SLAConfig.InputSettings {
        let section = try table(value, at: path)
        let files = SLAConfig.InputFile.allCases.map(\.rawValue)
        try checkKeys(
            section, at: path, allowed: ["delimiter", "timestamp_formats", "max_field_bytes", "missing_tokens"] + files)
        var input = defaults
        if let value = section["delimiter"] {
            input.delimiter = try delimiter(value, at: path.appending("delimiter"))
        }
        if let value = section["timestamp_formats"] {
            let formatsPath = path.appending("timestamp_formats")
            let example = "timestamp_formats = [\"%d-%m-%Y %H:%M:%S\"]"
            var formats: [TimestampFormat] = []
            for (index, item) in try array(value, at: formatsPath, example: example).enumerated() {
                let format = try string(item, at: formatsPath.appending(index: index), example: example)
                guard !format.isEmpty else {
                    throw fail(.invalidValue, formatsPath.appending(index: index), "an empty format", "remove it")
                }
                do {
                    formats.append(try TimestampFormat(format))
                } catch {
                    throw fail(
                        .invalidValue, formatsPath.appending(index: index), error.description,
                        "supported directives: \(TimestampFormatError.supported)")
                }
            }
            input.timestampFormats = formats
        }
        if let value = section["max_field_bytes"] {
            input.maxFieldBytes = try integer(
                value, at: path.appending("max_field_bytes"), in: 1...Int.max, example: "max_field_bytes = 1048576")
        }
        if let value = section["missing_tokens"] {
            let tokensPath = path.appending("missing_tokens")
            let example = "missing_tokens = [\"?\", \"NULL\", \"n/a\"]"
            var tokens: [String] = []
            for (index, item) in try array(value, at: tokensPath, example: example).enumerated() {
                let token = try string(item, at: tokensPath.appending(index: index), example: example)
                guard !token.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw fail(
                        .invalidValue, tokensPath.appending(index: index), "an empty token",
                        "remove it: an empty field is always a missing value")
                }
                tokens.append(token.trimmingCharacters(in: .whitespaces))
            }
            input.missingTokens = tokens
        }
        for file in SLAConfig.InputFile.allCases {
            if let value = section[file.rawValue] {
                input[file] = try mapping(value, of: file, at: path.appending(file.rawValue))
            }
        }
        return input
    }

    func delimiter(_ value: TOMLValueConvertible, at path: ConfigPath) throws(ConfigError) -> UInt8 {
        let text = try string(value, at: path, example: "delimiter = \";\"")
        switch text.lowercased() {
        case ",", "comma": return UInt8(ascii: ",")
        case ";", "semicolon": return UInt8(ascii: ";")
        case "\t", "\\t", "tab": return UInt8(ascii: "\t")
        case "|", "pipe": return UInt8(ascii: "|")
        default:
            throw fail(
                .invalidValue, path, "\(quoted(text)) is not a delimiter",
                "write \",\", \";\", \"\\t\", \"|\", \"comma\", \"semicolon\", \"tab\" or \"pipe\"")
        }
    }

    func mapping(
        _ value: TOMLValueConvertible, of file: SLAConfig.InputFile, at path: ConfigPath
    ) throws(ConfigError) -> SLAConfig.FileMapping {
        let section = try table(value, at: path)
        try checkKeys(section, at: path, allowed: ["columns", "values"])
        var mapping = SLAConfig.FileMapping()
        if let value = section["columns"] {
            let columnsPath = path.appending("columns")
            let columns = try table(value, at: columnsPath)
            for key in keysInFileOrder(columns, at: columnsPath) {
                guard let entry = columns[key] else { continue }
                let entryPath = columnsPath.appending(key)
                let column = try ourColumn(key, of: file, at: entryPath)
                let example = "\(column) = \"Export Header\""
                let header = try string(entry, at: entryPath, example: example)
                guard !header.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw fail(
                        .invalidValue, entryPath, "an empty header", "write the export's header, e.g. \(example)")
                }
                guard mapping.columns[column] == nil else {
                    throw fail(.invalidValue, entryPath, "\(column) is mapped twice", "keep one of them")
                }
                mapping.columns[column] = header
            }
        }
        if let value = section["values"] {
            let valuesPath = path.appending("values")
            let values = try table(value, at: valuesPath)
            for key in keysInFileOrder(values, at: valuesPath) {
                guard let entry = values[key] else { continue }
                let columnPath = valuesPath.appending(key)
                let column = try ourColumn(key, of: file, at: columnPath)
                let map = try table(entry, at: columnPath, example: "[\(columnPath)] then \"Export Value\" = \"ours\"")
                var translated: [String: String] = mapping.values[column] ?? [:]
                for theirs in map.keys {
                    guard let ours = map[theirs] else { continue }
                    let entryPath = columnPath.appending(theirs)
                    if let text = ours.string {
                        translated[theirs] = text
                    } else if let number = ours.int {
                        translated[theirs] = String(number)
                    } else if let flag = ours.bool {
                        translated[theirs] = String(flag)
                    } else {
                        throw wrongType(
                            ours, at: entryPath, expected: "a string or an integer",
                            example: "\"Export Value\" = \"ours\" or \"P1\" = 1")
                    }
                }
                if !translated.isEmpty { mapping.values[column] = translated }
            }
        }
        return mapping
    }

    /// Our canonical (lowercase) name for a column key of `file`, or an unknown-key error.
    func ourColumn(_ key: String, of file: SLAConfig.InputFile, at path: ConfigPath) throws(ConfigError) -> String {
        let column = key.trimmingCharacters(in: .whitespaces).lowercased()
        guard file.columns.contains(column) else {
            throw fail(
                .unknownKey, path, "not a column of \(file.fileName)",
                "allowed: \(file.columns.joined(separator: ", "))")
        }
        return column
    }

    // MARK: Values of one type

    func table(_ value: TOMLValueConvertible, at path: ConfigPath, example: String? = nil) throws(ConfigError)
        -> TOMLTable
    {
        guard let table = value.table else {
            throw wrongType(
                value, at: path, expected: "a table", example: example ?? "[\(path)] with its keys below it")
        }
        return table
    }

    func array(_ value: TOMLValueConvertible, at path: ConfigPath, example: String) throws(ConfigError) -> TOMLArray {
        guard let array = value.array else { throw wrongType(value, at: path, expected: "an array", example: example) }
        return array
    }

    func string(_ value: TOMLValueConvertible, at path: ConfigPath, example: String) throws(ConfigError) -> String {
        guard let string = value.string else {
            throw wrongType(value, at: path, expected: "a string", example: example)
        }
        return string
    }

    func integer(_ value: TOMLValueConvertible, at path: ConfigPath, in range: ClosedRange<Int>, example: String)
        throws(ConfigError) -> Int
    {
        guard let number = value.int else {
            throw wrongType(value, at: path, expected: "a whole number", example: example)
        }
        guard range.contains(number) else {
            let allowed =
                range.upperBound == Int.max
                ? "\(range.lowerBound) or more" : "from \(range.lowerBound) to \(range.upperBound)"
            throw fail(
                .invalidValue, path, "\(number) is out of range", "write a whole number \(allowed), e.g. \(example)")
        }
        return number
    }

    func duration(_ value: TOMLValueConvertible, at path: ConfigPath) throws(ConfigError) -> SLADuration {
        let text = try string(value, at: path, example: "\(keyName(path)) = \"4h\"")
        guard let duration = SLADuration(text) else {
            throw fail(.invalidValue, path, "\(quoted(text)) is not a duration", "write e.g. 90m, 4h, 1h30m, 2d")
        }
        return duration
    }

    // MARK: Errors

    func fail(_ kind: ConfigError.Kind, _ path: ConfigPath, _ problem: String, _ fix: String) -> ConfigError {
        ConfigError(
            kind: kind, file: fileName, line: keyLines.line(of: path),
            key: path.components.isEmpty ? nil : path.description, problem: problem, fix: fix)
    }

    func wrongType(_ value: TOMLValueConvertible, at path: ConfigPath, expected: String, example: String) -> ConfigError
    {
        fail(.wrongType, path, "expected \(expected), found \(describe(value.type))", "write e.g. \(example)")
    }

    /// Throws for the unknown key of `table` written first in the file, naming the keys allowed there.
    func checkKeys(_ table: TOMLTable, at path: ConfigPath, allowed: [String]) throws(ConfigError) {
        guard let key = firstUnknownKey(table, at: path, allowed: allowed) else { return }
        let place = path.components.isEmpty ? "at the top level" : "in [\(path)]"
        throw fail(
            .unknownKey, path.appending(key), "unknown key", "allowed \(place): \(allowed.joined(separator: ", "))")
    }

    func firstUnknownKey(_ table: TOMLTable, at path: ConfigPath, allowed: [String]) -> String? {
        keysInFileOrder(table, at: path).first { !allowed.contains($0) }
    }

    /// The keys of `table` in the order they are written, so that the first problem reported is the first in the file.
    func keysInFileOrder(_ table: TOMLTable, at path: ConfigPath) -> [String] {
        table.keys.sorted { a, b in
            let lineA = keyLines.line(of: path.appending(a)) ?? Int.max
            let lineB = keyLines.line(of: path.appending(b)) ?? Int.max
            return lineA != lineB ? lineA < lineB : a < b
        }
    }

    func keyName(_ path: ConfigPath) -> String {
        for case .key(let key) in path.components.reversed() { return key }
        return ""
    }

    func describe(_ type: TOMLType) -> String {
        switch type {
        case .table: return "a table"
        case .array: return "an array"
        case .string: return "a string"
        case .int: return "an integer"
        case .double: return "a floating-point number"
        case .bool: return "a boolean"
        case .date: return "a date"
        case .time: return "a time"
        case .dateTime: return "a date-time"
        }
    }

    /// `text` in double quotes, with quotes, backslashes and control characters escaped.
    func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
