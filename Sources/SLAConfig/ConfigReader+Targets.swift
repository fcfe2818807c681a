import SLAModel
import SLATime
import TOMLKit

/// `[targets.*]`, `[tiers.*]` and `[[contracts]]` (SPEC section 4).
extension ConfigReader {
    func severityBasis(_ value: TOMLValueConvertible, at path: ConfigPath) throws(ConfigError)
        -> SLAConfig.SeverityBasis
    {
        let text = try string(value, at: path, example: "severity_basis = \"highest\"")
        guard let basis = SLAConfig.SeverityBasis(rawValue: text.lowercased()) else {
            throw fail(
                .invalidValue, path, "\(quoted(text)) is not a severity basis", "write \"creation\" or \"highest\"")
        }
        return basis
    }

    /// One target table: severity keys `1`...`4`, each `{ target = "2h", clock = "business" }`.
    /// An entry without `clock` is on 24x7; one without `target` is an error.
    ///
    /// `pauseOn`: whether the table may say which statuses stop its clock (a default table; a
    /// tier's tables hold severity entries only).
    func targetTable(_ value: TOMLValueConvertible, at path: ConfigPath, pauseOn: Bool = false) throws(ConfigError)
        -> SLAConfig.TargetTable
    {
        let section = try table(
            value, at: path, example: "[\(path)] then 2 = { target = \"2h\", clock = \"business\" }")
        let severities = SLAConfig.FirstResponseTargets.severities.map { String($0) }
        var result = SLAConfig.TargetTable()
        if pauseOn, let value = section["pause_on"] {
            let pausePath = path.appending("pause_on")
            result.pauseOn = try statuses(value, at: pausePath)
        }
        if !pauseOn, section["pause_on"] != nil {
            throw fail(
                .unknownKey, path.appending("pause_on"), "a tier's table holds severity entries only",
                "set pause_on in [targets.\(keyName(path))] or in a contract's [contracts.targets.\(keyName(path))]")
        }
        if let key = firstUnknownKey(section, at: path, allowed: severities + (pauseOn ? ["pause_on"] : [])) {
            throw fail(
                .unknownKey, path.appending(key), "not a severity",
                "allowed in [\(path)]: 1, 2, 3, 4, e.g. 2 = { target = \"2h\", clock = \"business\" }")
        }
        for severity in SLAConfig.FirstResponseTargets.severities {
            guard let value = section[String(severity)] else { continue }
            let severityPath = path.appending(String(severity))
            let example = "\(severity) = { target = \"2h\", clock = \"business\" }"
            let entry = try table(value, at: severityPath, example: example)
            try checkKeys(entry, at: severityPath, allowed: ["target", "clock"])
            guard let target = entry["target"] else {
                throw fail(.invalidValue, severityPath, "no target", "write e.g. \(example)")
            }
            result[severity: severity] = SLAConfig.ResponseTarget(
                target: try duration(target, at: severityPath.appending("target")),
                clock: try entry["clock"].map { v throws(ConfigError) in
                    try clock(v, at: severityPath.appending("clock"))
                }
                    ?? .twentyFourSeven)
        }
        return result
    }

    /// `pause_on`: statuses of SPEC section 1 (`reopened` means `open`), each once.
    func statuses(_ value: TOMLValueConvertible, at path: ConfigPath) throws(ConfigError) -> [CaseStatus] {
        let example = "pause_on = [\"waiting_on_customer\"]"
        var result: [CaseStatus] = []
        for (index, item) in try array(value, at: path, example: example).enumerated() {
            let itemPath = path.appending(index: index)
            let text = try string(item, at: itemPath, example: example)
            let bytes = Array(text.utf8)
            guard let status = bytes.withUnsafeBufferPointer({ ValueParsing.status($0) }) else {
                throw fail(
                    .invalidValue, itemPath, "\(quoted(text)) is not a status",
                    "write new, open, waiting_on_customer, waiting_on_support, resolved or closed")
            }
            if !result.contains(status) { result.append(status) }
        }
        return result
    }

    /// The target-kind tables of a `[tiers.NAME]` or contract table (`allowed` are its other keys).
    /// `pauseOn`: default tables (top level or a contract's) may say `pause_on`; a tier's may not.
    func kindTables(_ section: TOMLTable, at path: ConfigPath, pauseOn: Bool = false) throws(ConfigError)
        -> [SLAConfig.TargetKind: SLAConfig.TargetTable]
    {
        var result: [SLAConfig.TargetKind: SLAConfig.TargetTable] = [:]
        for kind in SLAConfig.TargetKind.allCases {
            if let value = section[kind.rawValue] {
                result[kind] = try targetTable(value, at: path.appending(kind.rawValue), pauseOn: pauseOn)
            }
        }
        return result
    }

    /// A tier table: its `calendar` (which must exist) and its target tables.
    func tier(
        _ value: TOMLValueConvertible, name: String, at path: ConfigPath, calendars: [SLAConfig.NamedCalendar]
    ) throws(ConfigError) -> SLAConfig.Tier {
        let section = try table(value, at: path, example: "[\(path)] then calendar = \"emea\"")
        try checkKeys(section, at: path, allowed: ["calendar"] + SLAConfig.TargetKind.allCases.map(\.rawValue))
        var tier = SLAConfig.Tier(name: name)
        if let value = section["calendar"] {
            let calendarPath = path.appending("calendar")
            let calendar = try string(value, at: calendarPath, example: "calendar = \"emea\"")
            guard calendars.contains(where: { $0.name.lowercased() == calendar.lowercased() }) else {
                throw fail(
                    .invalidValue, calendarPath, "no calendar is named \(quoted(calendar))",
                    calendars.isEmpty
                        ? "define it as [calendars.\(calendar)] first"
                        : "name one of [calendars]: \(calendars.map(\.name).joined(separator: ", "))")
            }
            tier.calendar = calendar.lowercased()
        }
        tier.targets = try kindTables(section, at: path)
        return tier
    }

    /// `[tiers]`: each a calendar and per-severity entries replacing the defaults'.
    func tiers(_ value: TOMLValueConvertible, at path: ConfigPath, calendars: [SLAConfig.NamedCalendar])
        throws(ConfigError) -> [SLAConfig.Tier]
    {
        let section = try table(value, at: path, example: "[tiers.premium] then calendar = \"emea\"")
        var result: [SLAConfig.Tier] = []
        for name in keysInFileOrder(section, at: path) {
            guard let entry = section[name] else { continue }
            let tierPath = path.appending(name)
            try checkName(name, at: tierPath, of: "tier", taken: result.map(\.name))
            result.append(try tier(entry, name: name, at: tierPath, calendars: calendars))
        }
        return result
    }

    /// `[[contracts]]`: amendments from a date on, in strictly ascending order.
    func contracts(_ value: TOMLValueConvertible, at path: ConfigPath, config: SLAConfig) throws(ConfigError)
        -> [SLAConfig.Contract]
    {
        let example = "[[contracts]] then from = \"2026-07-01\""
        let items = try array(value, at: path, example: example)
        var result: [SLAConfig.Contract] = []
        for (index, item) in items.enumerated() {
            let itemPath = path.appending(index: index)
            let section = try table(item, at: itemPath, example: example)
            try checkKeys(section, at: itemPath, allowed: ["from", "targets", "tiers"])
            guard let fromValue = section["from"] else {
                throw fail(.invalidValue, itemPath, "a contract without `from`", "write e.g. from = \"2026-07-01\"")
            }
            let fromPath = itemPath.appending("from")
            let from: CivilDate
            if let date = fromValue.date {
                from = CivilDate(year: date.year, month: date.month, day: date.day)
            } else {
                let text = try string(fromValue, at: fromPath, example: "from = \"2026-07-01\"")
                guard let date = CivilDate(iso: Substring(text)) else {
                    throw fail(.invalidValue, fromPath, "\(quoted(text)) is not a real date", "write YYYY-MM-DD")
                }
                from = date
            }
            if let previous = result.last, previous.from >= from {
                throw fail(
                    .invalidValue, fromPath, "\(from) is not after the previous contract's \(previous.from)",
                    "list [[contracts]] in strictly ascending order of `from`")
            }
            var contract = SLAConfig.Contract(from: from)
            if let value = section["targets"] {
                let targetsPath = itemPath.appending("targets")
                let targets = try table(value, at: targetsPath)
                try checkKeys(targets, at: targetsPath, allowed: SLAConfig.TargetKind.allCases.map(\.rawValue))
                contract.targets = try kindTables(targets, at: targetsPath, pauseOn: true)
            }
            if let value = section["tiers"] {
                let tiersPath = itemPath.appending("tiers")
                let tiers = try table(value, at: tiersPath)
                for name in keysInFileOrder(tiers, at: tiersPath) {
                    guard let entry = tiers[name] else { continue }
                    let tierPath = tiersPath.appending(name)
                    guard config.tierIndex(named: name) != nil else {
                        throw fail(
                            .invalidValue, tierPath, "no tier is named \(quoted(name))",
                            config.tiers.isEmpty
                                ? "define it as [tiers.\(name)] first"
                                : "name one of [tiers]: \(config.tiers.map(\.name).joined(separator: ", "))")
                    }
                    // `[contracts.tiers.Gold]` and `[contracts.tiers.gold.first_response]` are
                    // two TOML keys but one tier: their entries add up.
                    let change = try tier(entry, name: name, at: tierPath, calendars: config.calendars)
                    var merged = contract.tiers[name.lowercased()] ?? SLAConfig.Tier(name: name)
                    if let calendar = change.calendar { merged.calendar = calendar }
                    for (kind, table) in change.targets {
                        merged.targets[kind] = (merged.targets[kind] ?? SLAConfig.TargetTable()).amended(by: table)
                    }
                    contract.tiers[name.lowercased()] = merged
                }
            }
            result.append(contract)
        }
        return result
    }
}
