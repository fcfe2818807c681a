import Testing

@testable import SLAConfig
@testable import SLAModel
@testable import SLATime

/// The error `text` gives, or nil when it parses.
private func error(_ text: String) -> ConfigError? {
    do {
        _ = try SLAConfig.parse(text: text, fileName: "slacheck.toml")
        return nil
    } catch {
        return error
    }
}

/// One bad configuration and what its error must say.
struct BadConfig: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    var kind: ConfigError.Kind
    var line: Int
    var key: String
    var says: String

    var testDescription: String { name }
}

@Suite struct ConfigErrorTests {
    static let cases: [BadConfig] = [
        BadConfig(
            name: "unknown top-level key", text: "timezone = \"UTC\"\n\ntimezon = \"UTC\"\n", kind: .unknownKey,
            line: 3, key: "timezon",
            says:
                "unknown key (allowed at the top level: timezone, calendar, calendars, targets, tiers, contracts, rca, escalations, checks, input, event_log)"
        ),
        BadConfig(
            name: "unknown table", text: "[calendar]\nhours = \"08:00-17:00\"\n\n[calender]\nhours = \"x\"\n",
            kind: .unknownKey, line: 4, key: "calender", says: "unknown key"),
        BadConfig(
            name: "unknown key in a table", text: "[calendar]\nhours = \"08:00-17:00\"\n# note\nworkday = []\n",
            kind: .unknownKey, line: 4, key: "calendar.workday",
            says: "unknown key (allowed in [calendar]: workdays, hours, holidays, days)"),
        BadConfig(
            name: "unknown key in an inline table",
            text: "[targets.first_response]\n1 = { target = \"1h\" }\n2 = { target = \"2h\", clok = \"24x7\" }\n",
            kind: .unknownKey, line: 3, key: "targets.first_response.2.clok",
            says: "allowed in [targets.first_response.2]: target, clock"),
        BadConfig(
            name: "unknown dotted key", text: "[input]\ndelimiter = \";\"\ncases.colums.case_id = \"ID\"\n",
            kind: .unknownKey, line: 3, key: "input.cases.colums", says: "allowed in [input.cases]: columns, values"),
        BadConfig(
            name: "unknown key in a deep header",
            text:
                "[input.events.columns]\nat = \"When\"\n[input.events.values.type]\n\"C\" = \"update\"\n[input.events.extra]\n",
            kind: .unknownKey, line: 5, key: "input.events.extra", says: "unknown key"),
        BadConfig(
            name: "unknown input file", text: "[input.case_events.columns]\nat = \"When\"\n", kind: .unknownKey,
            line: 1, key: "input.case_events",
            says:
                "allowed in [input]: delimiter, timestamp_formats, max_field_bytes, missing_tokens, cases, events, escalations"
        ),
        BadConfig(
            name: "wrong type: number for a string", text: "\n\ntimezone = 5\n", kind: .wrongType, line: 3,
            key: "timezone", says: "expected a string, found an integer"),
        BadConfig(
            name: "wrong type: string for a table", text: "calendar = \"weekdays\"\n", kind: .wrongType, line: 1,
            key: "calendar", says: "expected a table, found a string"),
        BadConfig(
            name: "wrong type: string for an array", text: "[calendar]\nworkdays = \"mon-fri\"\n", kind: .wrongType,
            line: 2, key: "calendar.workdays", says: "expected an array, found a string"),
        BadConfig(
            name: "wrong type: float for an integer", text: "[rca]\nbusiness_days = 5.5\n", kind: .wrongType,
            line: 2, key: "rca.business_days", says: "expected a whole number, found a floating-point number"),
        BadConfig(
            name: "wrong type: number for a duration", text: "[escalations]\nhigh_priority_wait = 24\n",
            kind: .wrongType, line: 2, key: "escalations.high_priority_wait",
            says: "expected a string, found an integer (write e.g. high_priority_wait = \"4h\")"),
        BadConfig(
            name: "wrong type: table in a value map",
            text: "[input.cases.values.severity]\n\"P1\" = 1\n\"P2\" = { x = 1 }\n", kind: .wrongType, line: 3,
            key: "input.cases.values.severity.P2", says: "expected a string or an integer, found a table"),
        BadConfig(
            name: "wrong type: severity target not a table",
            text: "[targets.first_response]\n1 = \"1h\"\n", kind: .wrongType, line: 2,
            key: "targets.first_response.1", says: "expected a table, found a string"),
        BadConfig(
            name: "unknown timezone", text: "timezone = \"Mars/Olympus_Mons\"\n", kind: .invalidValue, line: 1,
            key: "timezone", says: "\"Mars/Olympus_Mons\" is not a known time zone"),
        BadConfig(
            name: "malformed duration",
            text:
                "[targets.first_response]\n1 = { target = \"1h\", clock = \"24x7\" }\n\n2 = { target = \"2 hours\", clock = \"business\" }\n",
            kind: .invalidValue, line: 4, key: "targets.first_response.2.target",
            says: "\"2 hours\" is not a duration (write e.g. 90m, 4h, 1h30m, 2d)"),
        BadConfig(
            name: "malformed duration in a sub-table",
            text: "[targets.first_response.3]\nclock = \"business\"\ntarget = \"4hours\"\n", kind: .invalidValue,
            line: 3, key: "targets.first_response.3.target", says: "is not a duration"),
        BadConfig(
            name: "zero duration", text: "[escalations]\nhigh_priority_wait = \"0h\"\n", kind: .invalidValue, line: 2,
            key: "escalations.high_priority_wait", says: "\"0h\" is not a duration"),
        BadConfig(
            name: "holiday that is not a real date",
            text: "[calendar]\nholidays = [\n  \"2026-12-25\",\n  \"2026-02-30\",\n]\n", kind: .invalidValue,
            line: 4, key: "calendar.holidays", says: "\"2026-02-30\" is not a real date (write YYYY-MM-DD"),
        BadConfig(
            name: "holiday in another format", text: "[calendar]\nholidays = [\"25/12/2026\"]\n", kind: .invalidValue,
            line: 2, key: "calendar.holidays", says: "\"25/12/2026\" is not a real date"),
        BadConfig(
            name: "holiday of the wrong type", text: "[calendar]\nholidays = [20261225]\n", kind: .wrongType,
            line: 2, key: "calendar.holidays", says: "expected a string, found an integer"),
        BadConfig(
            name: "hours not HH:MM-HH:MM", text: "[calendar]\nhours = \"8-17\"\n", kind: .invalidValue, line: 2,
            key: "calendar.hours", says: "\"8-17\" is not HH:MM-HH:MM"),
        BadConfig(
            name: "hours out of range", text: "[calendar]\nhours = \"08:00-25:00\"\n", kind: .invalidValue, line: 2,
            key: "calendar.hours", says: "is not HH:MM-HH:MM"),
        BadConfig(
            name: "hours start after end", text: "[calendar]\nhours = \"17:00-08:00\"\n", kind: .invalidValue,
            line: 2, key: "calendar.hours", says: "\"17:00-08:00\" does not start before it ends"),
        BadConfig(
            name: "hours start equals end", text: "[calendar]\nhours = \"08:00-08:00\"\n", kind: .invalidValue,
            line: 2, key: "calendar.hours", says: "does not start before it ends"),
        BadConfig(
            name: "unknown workday name",
            text: "[calendar]\nworkdays = [\"mon\", \"tue\",\n  \"wensday\"]\n", kind: .invalidValue, line: 3,
            key: "calendar.workdays", says: "\"wensday\" is not a weekday (write mon, tue, wed, thu, fri, sat or sun)"),
        BadConfig(
            name: "no workdays", text: "[calendar]\nworkdays = []\n", kind: .invalidValue, line: 2,
            key: "calendar.workdays", says: "no working days"),
        BadConfig(
            name: "severity key not 1..4",
            text: "[targets.first_response]\n1 = { target = \"1h\" }\n5 = { target = \"1d\" }\n", kind: .unknownKey,
            line: 3, key: "targets.first_response.5",
            says: "not a severity (allowed in [targets.first_response]: 1, 2, 3, 4"),
        BadConfig(
            name: "severity key as a word", text: "[targets.first_response.critical]\ntarget = \"1h\"\n",
            kind: .unknownKey, line: 1, key: "targets.first_response.critical", says: "not a severity"),
        BadConfig(
            name: "clock not 24x7 or business",
            text: "[targets.first_response]\n2 = { target = \"2h\", clock = \"weekdays\" }\n", kind: .invalidValue,
            line: 2, key: "targets.first_response.2.clock",
            says: "\"weekdays\" is not a clock (write \"24x7\" or \"business\")"),
        BadConfig(
            name: "bad delimiter", text: "[input]\ndelimiter = \":\"\n", kind: .invalidValue, line: 2,
            key: "input.delimiter", says: "\":\" is not a delimiter"),
        BadConfig(
            name: "two-character delimiter", text: "[input]\ndelimiter = \",,\"\n", kind: .invalidValue, line: 2,
            key: "input.delimiter", says: "is not a delimiter"),
        BadConfig(
            name: "business_days below 1", text: "[rca]\nbusiness_days = 0\n", kind: .invalidValue, line: 2,
            key: "rca.business_days", says: "0 is out of range (write a whole number from 1 to 365"),
        BadConfig(
            name: "max_field_bytes below 1", text: "[input]\nmax_field_bytes = -4\n", kind: .invalidValue, line: 2,
            key: "input.max_field_bytes", says: "-4 is out of range (write a whole number 1 or more"),
        BadConfig(
            name: "empty timestamp format", text: "[input]\ntimestamp_formats = [\"%d.%m.%Y\", \"\"]\n",
            kind: .invalidValue, line: 2, key: "input.timestamp_formats", says: "an empty format"),
        BadConfig(
            name: "column map to an unknown column",
            text: "[input.cases.columns]\ncase_id = \"Incident ID\"\nticket = \"Ticket\"\n", kind: .unknownKey,
            line: 3, key: "input.cases.columns.ticket",
            says: "not a column of cases.csv (allowed: case_id, org_id, customer, created_at,"),
        BadConfig(
            name: "column of another file", text: "[input.events.columns]\nseverity = \"Sev\"\n", kind: .unknownKey,
            line: 2, key: "input.events.columns.severity",
            says: "not a column of case_events.csv (allowed: case_id, at, type, value, actor)"),
        BadConfig(
            name: "value map of an unknown column", text: "[input.escalations.values.status]\n\"Open\" = \"x\"\n",
            kind: .unknownKey, line: 1, key: "input.escalations.values.status",
            says: "not a column of escalations.csv"),
        BadConfig(
            name: "empty export header", text: "[input.cases.columns]\ncase_id = \" \"\n", kind: .invalidValue,
            line: 2, key: "input.cases.columns.case_id", says: "an empty header"),
        BadConfig(
            name: "unknown check code, on its own line",
            text: "[checks]\ndisabled = [\n  \"fedramp-unassigned\",\n  \"fedramp-unasigned\",\n]\n",
            kind: .invalidValue, line: 4, key: "checks.disabled",
            says:
                "\"fedramp-unasigned\" is not an escalation rule or a submission check (write one of case-not-active, awaiting-customer, urgency-change, rca-too-early, low-priority, high-priority-too-soon, already-open, fedramp-unassigned, critical-not-by-phone, incomplete-submission, undesignated-contact, no-backup-contact)"
        ),
        BadConfig(
            name: "a figure's name is not a check", text: "[checks]\ndisabled = [\"invalid_rate\"]\n",
            kind: .invalidValue, line: 2, key: "checks.disabled", says: "\"invalid_rate\" is not an escalation rule"),
        BadConfig(
            name: "empty check code", text: "[checks]\ndisabled = [\"\"]\n", kind: .invalidValue, line: 2,
            key: "checks.disabled", says: "\"\" is not an escalation rule or a submission check"),
        BadConfig(
            name: "checks.disabled not an array", text: "# note\n[checks]\ndisabled = \"fedramp-unassigned\"\n",
            kind: .wrongType, line: 3, key: "checks.disabled",
            says:
                "expected an array, found a string (write e.g. disabled = [\"fedramp-unassigned\", \"incomplete-submission\"])"
        ),
        BadConfig(
            name: "checks.disabled item not a string", text: "[checks]\ndisabled = [\"low-priority\", 3]\n",
            kind: .wrongType, line: 2, key: "checks.disabled", says: "expected a string, found an integer"),
        BadConfig(
            name: "unknown key in [checks]", text: "[checks]\nenabled = [\"low-priority\"]\n", kind: .unknownKey,
            line: 2, key: "checks.enabled", says: "unknown key (allowed in [checks]: disabled)"),
        BadConfig(
            name: "checks not a table", text: "timezone = \"UTC\"\nchecks = [\"low-priority\"]\n", kind: .wrongType,
            line: 2, key: "checks", says: "expected a table, found an array"),
        BadConfig(
            name: "quoted key in the message", text: "[input.cases.values.severity]\n\"Sev 1\" = [1]\n",
            kind: .wrongType, line: 2, key: "input.cases.values.severity.\"Sev 1\"", says: "found an array"),
    ]

    @Test(arguments: cases)
    func reportsKeyLineAndFix(_ bad: BadConfig) throws {
        let found = try #require(error(bad.text))
        #expect(found.kind == bad.kind)
        #expect(found.line == bad.line)
        #expect(found.key == bad.key)
        #expect(found.description.hasPrefix("slacheck.toml:\(bad.line): \(bad.key): "))
        #expect(found.description.contains(bad.says), "\(found.description)")
        #expect(found.description.hasSuffix(")"), "every message says how to fix it")
        #expect(!found.description.contains("\n"))
    }

    @Test func syntaxErrorHasLineAndColumn() throws {
        let found = try #require(error("timezone = \"UTC\"\n[calendar]\nhours = 08:00-17:00\"\n"))
        #expect(found.kind == .syntax)
        #expect(found.line == 3)
        #expect(found.key == nil)
        #expect(found.description.hasPrefix("slacheck.toml:3: TOML syntax error at column "))
        #expect(!found.description.contains("\n"))
    }

    @Test func syntaxErrorUnclosedString() throws {
        let found = try #require(error("\n\ntimezone = \"UTC\n"))
        #expect(found.kind == .syntax)
        #expect(found.line == 3)
    }

    @Test func duplicateKeyIsASyntaxError() throws {
        let found = try #require(error("[rca]\nbusiness_days = 5\nbusiness_days = 6\n"))
        #expect(found.kind == .syntax)
        #expect(found.line == 3)
    }

    @Test func firstUnknownKeyInTheFileIsReported() throws {
        let found = try #require(error("zeta = 1\nalpha = 2\n"))
        #expect(found.key == "zeta")
        #expect(found.line == 1)
    }

    @Test func descriptionWithoutLineOrKey() {
        let bare = ConfigError(kind: .unreadable, file: "x.toml", line: nil, key: nil, problem: "no such file", fix: "")
        #expect(bare.description == "x.toml: no such file")
    }
}
