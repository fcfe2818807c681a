import SLAModel
import SLATime
import TOMLKit

/// `[calendar]` and `[calendars.NAME]` (SPEC section 4): working days, ranges of hours, per-weekday
/// hours and half-day holidays.
extension ConfigReader {
    static let weekdayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    static let weekdayFullNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// A calendar table: `defaults` with the keys it gives replaced; `timezone` only when
    /// `named` (a `[calendars.NAME]` table).
    func calendar(
        _ value: TOMLValueConvertible, at path: ConfigPath, defaults: SLAConfig.CalendarSettings, named: Bool = false
    ) throws(ConfigError) -> (settings: SLAConfig.CalendarSettings, zone: TimeZoneRules?) {
        let section = try table(value, at: path)
        try checkKeys(
            section, at: path, allowed: ["workdays", "hours", "holidays", "days"] + (named ? ["timezone"] : []))
        var calendar = defaults
        var zone: TimeZoneRules?
        if let value = section["timezone"] {
            zone = try timezone(value, at: path.appending("timezone"))
        }
        if let value = section["workdays"] {
            calendar.workdays = try workdays(value, at: path.appending("workdays"))
        }
        if let value = section["hours"] {
            let ranges = try ranges(value, at: path.appending("hours"), example: "hours = \"08:00-17:00\"")
            guard !ranges.isEmpty else {
                throw fail(
                    .invalidValue, path.appending("hours"), "no working hours",
                    "write at least one range, e.g. hours = \"08:00-17:00\" (a working day's length is what 1d means)")
            }
            calendar.hours = ranges
        }
        if let value = section["holidays"] {
            calendar.holidays = try holidays(value, at: path.appending("holidays"))
        }
        if let value = section["days"] {
            let daysPath = path.appending("days")
            let days = try table(value, at: daysPath, example: "[\(daysPath)] then fri = \"08:00-13:00\"")
            for key in keysInFileOrder(days, at: daysPath) {
                guard let entry = days[key] else { continue }
                let dayPath = daysPath.appending(key)
                guard let weekday = weekday(key) else {
                    throw fail(.unknownKey, dayPath, "not a weekday", "write mon, tue, wed, thu, fri, sat or sun")
                }
                calendar.days[weekday] = try ranges(entry, at: dayPath, example: "\(key) = \"08:00-13:00\"")
            }
        }
        guard (1...7).contains(where: { !calendar.hours(onWeekday: $0).isEmpty }) else {
            throw fail(
                .invalidValue, path, "no weekday has working hours",
                "list workdays, or give a weekday hours in [\(path).days]")
        }
        return (calendar, zone)
    }

    /// `[calendars]`: each a copy of `[calendar]` with the keys it gives.
    func calendars(_ value: TOMLValueConvertible, at path: ConfigPath, base: SLAConfig.CalendarSettings)
        throws(ConfigError) -> [SLAConfig.NamedCalendar]
    {
        let section = try table(value, at: path, example: "[calendars.emea] then timezone = \"Europe/Berlin\"")
        var result: [SLAConfig.NamedCalendar] = []
        for name in keysInFileOrder(section, at: path) {
            guard let entry = section[name] else { continue }
            let calendarPath = path.appending(name)
            try checkName(name, at: calendarPath, of: "calendar", taken: result.map(\.name))
            let (settings, zone) = try calendar(entry, at: calendarPath, defaults: base, named: true)
            result.append(SLAConfig.NamedCalendar(name: name, settings: settings, zone: zone))
        }
        return result
    }

    /// A calendar or tier name: not empty, not `default`, and unique ignoring case.
    func checkName(_ name: String, at path: ConfigPath, of what: String, taken: [String]) throws(ConfigError) {
        let key = name.lowercased()
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty, key != "default" else {
            throw fail(
                .invalidValue, path, "\(quoted(name)) cannot name a \(what)",
                "choose another name (\"default\" means the top-level one)")
        }
        guard !taken.contains(where: { $0.lowercased() == key }) else {
            throw fail(
                .invalidValue, path, "the \(what) \(quoted(name)) is defined twice (names ignore case)",
                "keep one of them")
        }
    }

    /// ISO weekday (1...7) of `mon` or `monday`, any case.
    func weekday(_ name: String) -> Int? {
        let key = name.lowercased()
        guard let index = Self.weekdayNames.firstIndex(of: key) ?? Self.weekdayFullNames.firstIndex(of: key) else {
            return nil
        }
        return index + 1
    }

    func workdays(_ value: TOMLValueConvertible, at path: ConfigPath) throws(ConfigError) -> Set<Int> {
        let example = "workdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]"
        let items = try array(value, at: path, example: example)
        var days = Set<Int>()
        for (index, item) in items.enumerated() {
            let itemPath = path.appending(index: index)
            let name = try string(item, at: itemPath, example: example)
            guard let day = weekday(name) else {
                throw fail(
                    .invalidValue, itemPath, "\(quoted(name)) is not a weekday",
                    "write mon, tue, wed, thu, fri, sat or sun")
            }
            days.insert(day)
        }
        guard !days.isEmpty else {
            throw fail(.invalidValue, path, "no working days", "list at least one, e.g. \(example)")
        }
        return days
    }

    /// Ranges of hours: `"08:00-17:00"`, `"08:00-12:00,13:00-17:00"` or a list of such strings;
    /// ascending, without overlap. An empty list is allowed (a non-working day).
    func ranges(_ value: TOMLValueConvertible, at path: ConfigPath, example: String) throws(ConfigError)
        -> [TimeRange]
    {
        var texts: [(String, ConfigPath)] = []
        if let list = value.array {
            for (index, item) in list.enumerated() {
                texts.append((try string(item, at: path.appending(index: index), example: example), path))
            }
        } else {
            texts.append((try string(value, at: path, example: example), path))
        }
        var result: [TimeRange] = []
        for (text, textPath) in texts {
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                result.append(try range(part.trimmingCharacters(in: .whitespaces), at: textPath))
            }
        }
        try checkOrder(result, at: path)
        return result
    }

    /// One `HH:MM-HH:MM` range within a day.
    func range(_ text: String, at path: ConfigPath) throws(ConfigError) -> TimeRange {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = secondsOfDay(parts[0]), let end = secondsOfDay(parts[1]),
            start < 24 * 3600
        else {
            throw fail(
                .invalidValue, path, "\(quoted(text)) is not HH:MM-HH:MM",
                "write local working hours, e.g. \"08:00-17:00\" or [\"08:00-12:00\", \"13:00-17:00\"]")
        }
        guard start < end else {
            throw fail(
                .invalidValue, path, "\(quoted(text)) does not start before it ends",
                "write start-end within one day, e.g. \"08:00-17:00\" (24:00 may end a range)")
        }
        return TimeRange(start: start, end: end)
    }

    /// Throws unless `ranges` are ascending without overlap.
    func checkOrder(_ ranges: [TimeRange], at path: ConfigPath) throws(ConfigError) {
        for (a, b) in zip(ranges, ranges.dropFirst()) where a.end > b.start {
            let problem =
                a.start >= b.start
                ? "\(clockText(b)) comes after \(clockText(a)): ranges are not in ascending order"
                : "\(clockText(a)) and \(clockText(b)) overlap"
            throw fail(.invalidValue, path, problem, "write the ranges in ascending order without overlap")
        }
    }

    func clockText(_ r: TimeRange) -> String {
        func hhmm(_ s: Int) -> String {
            let h = s / 3600
            let m = s % 3600 / 60
            return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
        }
        return "\(hhmm(r.start))-\(hhmm(r.end))"
    }

    /// Seconds after midnight of `HH:MM` (or `H:MM`); `24:00` is allowed as an end of day.
    func secondsOfDay(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            (parts[0] + parts[1]).allSatisfy({ $0 >= "0" && $0 <= "9" }),
            let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0...59).contains(minute), (0...23).contains(hour) || (hour == 24 && minute == 0)
        else { return nil }
        return hour * 3600 + minute * 60
    }

    /// Holidays: `"2026-12-25"` (or a TOML date) for a day without working hours, or
    /// `"2026-12-24 08:00-12:00"` (ranges separated by commas) for a day with those hours only.
    func holidays(_ value: TOMLValueConvertible, at path: ConfigPath) throws(ConfigError) -> [Holiday] {
        let example = "holidays = [\"2026-12-25\", \"2026-12-24 08:00-12:00\"]"
        let items = try array(value, at: path, example: example)
        var byDate: [CivilDate: Holiday] = [:]
        for (index, item) in items.enumerated() {
            let itemPath = path.appending(index: index)
            let holiday: Holiday
            if let date = item.date {  // an unquoted TOML date such as 2026-12-25
                holiday = Holiday(date: CivilDate(year: date.year, month: date.month, day: date.day))
            } else {
                let text = try string(item, at: itemPath, example: example).trimmingCharacters(in: .whitespaces)
                let dateText = text.prefix { $0 != " " }
                guard let date = CivilDate(iso: dateText) else {
                    throw fail(
                        .invalidValue, itemPath, "\(quoted(String(dateText))) is not a real date",
                        "write YYYY-MM-DD, or YYYY-MM-DD HH:MM-HH:MM for a half day, e.g. \"2026-12-24 08:00-12:00\"")
                }
                let rest = text.dropFirst(dateText.count).trimmingCharacters(in: .whitespaces)
                if rest.isEmpty {
                    holiday = Holiday(date: date)
                } else {
                    holiday = Holiday(date: date, hours: try ranges(rest, at: itemPath, example: example))
                }
            }
            if let earlier = byDate[holiday.date], earlier != holiday {
                throw fail(
                    .invalidValue, itemPath, "\(holiday.date) is listed twice with different hours",
                    "keep one entry per date")
            }
            byDate[holiday.date] = holiday
        }
        return byDate.values.sorted()
    }
}
