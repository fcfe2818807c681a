import Testing

@testable import SLAConfig
@testable import SLAModel
@testable import SLATime

/// SPEC v2 configuration: calendars, split shifts, per-weekday hours, half days, tiers,
/// contracts and severity_basis; expected values read off the text by hand.
@Suite struct ConfigV2Tests {
    static let text = """
        timezone = "Europe/Berlin"

        [calendar]
        hours = ["08:00-12:00", "13:00-17:00"]
        holidays = ["2026-12-25", "2026-12-24 08:00-10:00,13:00-15:00"]

        [calendar.days]
        fri = "08:00-13:00"
        sat = ["10:00-14:00"]

        [calendars.APAC]
        timezone = "Australia/Sydney"
        holidays = ["2026-04-03"]

        [calendars.APAC.days]
        sun = []

        [calendars.us]
        hours = "09:00-18:00"

        [targets]
        severity_basis = "Highest"

        [targets.first_response]
        2 = { target = "3h" }

        [tiers.premium]
        calendar = "Apac"

        [tiers.premium.first_response]
        1 = { target = "30m", clock = "24x7" }

        [tiers.basic]

        [[contracts]]
        from = "2026-07-01"
        [contracts.targets.first_response]
        3 = { target = "2h", clock = "business" }
        [contracts.tiers.PREMIUM]
        calendar = "us"
        [contracts.tiers.premium.first_response]
        1 = { target = "20m", clock = "24x7" }
        4 = { target = "6h", clock = "business" }

        [[contracts]]
        from = 2026-10-15
        [contracts.targets.first_response]
        1 = { target = "45m", clock = "24x7" }
        """

    static func range(_ from: Int, _ to: Int) -> TimeRange { TimeRange(start: from * 60, end: to * 60) }
    static func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d) }
    static func entry(_ seconds: Int, _ clock: SLAClock) -> SLAConfig.ResponseTarget {
        .init(target: SLADuration(seconds: seconds), clock: clock)
    }

    @Test func calendarsRangesAndHalfDays() throws {
        let config = try SLAConfig.parse(text: Self.text)
        let c = config.calendar
        #expect(c.hours == [Self.range(8 * 60, 12 * 60), Self.range(13 * 60, 17 * 60)])
        // 1d on a business clock is the `hours` total: 4 h + 4 h.
        #expect(c.workingDaySeconds == 8 * 3600)
        #expect(c.days == [5: [Self.range(8 * 60, 13 * 60)], 6: [Self.range(10 * 60, 14 * 60)]])
        #expect(
            c.holidays == [
                Holiday(
                    date: Self.day(2026, 12, 24),
                    hours: [Self.range(8 * 60, 10 * 60), Self.range(13 * 60, 15 * 60)]),
                Holiday(date: Self.day(2026, 12, 25)),
            ])
        // Thu 2026-12-24 works its half day; Fri 12-25 nothing; Sat 12-26 its Saturday hours;
        // Sun 12-27 nothing; Fri 2026-12-18 the Friday hours.
        #expect(c.hours(on: Self.day(2026, 12, 24)).count == 2)
        #expect(!c.isWorkingDay(Self.day(2026, 12, 25)))
        #expect(c.hours(on: Self.day(2026, 12, 26)) == [Self.range(10 * 60, 14 * 60)])
        #expect(!c.isWorkingDay(Self.day(2026, 12, 27)))
        #expect(c.hours(on: Self.day(2026, 12, 18)) == [Self.range(8 * 60, 13 * 60)])

        // A named calendar is a copy of [calendar] with its own keys; names ignore case.
        #expect(config.calendars.map(\.name) == ["APAC", "us"])
        let apac = try #require(config.calendarIndex(named: "apac").map { config.calendars[$0] })
        #expect(apac.zone?.identifier == "Australia/Sydney")
        #expect(apac.settings.hours == c.hours)
        #expect(apac.settings.holidays == [Holiday(date: Self.day(2026, 4, 3))])
        // Its days: [calendar]'s fri and sat, and its own empty sun.
        #expect(apac.settings.days == [5: c.days[5]!, 6: c.days[6]!, 7: []])
        let us = config.calendars[1]
        #expect(us.zone == nil)
        #expect(us.settings.hours == [Self.range(9 * 60, 18 * 60)])
        #expect(us.settings.holidays == c.holidays)
    }

    @Test func tiersContractsAndTerms() throws {
        let config = try SLAConfig.parse(text: Self.text)
        #expect(config.severityBasis == .highest)
        // An entry without clock is on 24x7, replacing the default's whole entry.
        #expect(config.firstResponse[severity: 2] == Self.entry(3 * 3600, .twentyFourSeven))
        #expect(config.tiers.map(\.name) == ["premium", "basic"])
        #expect(config.tiers[0].calendar == "apac")
        #expect(config.tiers[1] == SLAConfig.Tier(name: "basic"))
        #expect(config.contracts.map(\.from) == [Self.day(2026, 7, 1), Self.day(2026, 10, 15)])

        let terms = config.termsOverTime
        #expect(terms.map(\.from) == [nil, Self.day(2026, 7, 1), Self.day(2026, 10, 15)])
        let fr = SLAConfig.TargetKind.firstResponse
        // Top level: defaults 1h 24x7, 3h 24x7 (replaced), 4h business, 1d business.
        #expect(terms[0].targets[fr]?[severity: 1] == Self.entry(3600, .twentyFourSeven))
        #expect(terms[0].targets[fr]?[severity: 3] == Self.entry(4 * 3600, .business))
        #expect(terms[0].tiers[0].targets[fr]?[severity: 1] == Self.entry(1800, .twentyFourSeven))
        #expect(terms[0].tiers[0].targets[fr]?[severity: 4] == nil)
        // From 07-01: severity 3 becomes 2h; premium moves to calendar us, 20m for 1, 6h for 4.
        #expect(terms[1].targets[fr]?[severity: 3] == Self.entry(2 * 3600, .business))
        #expect(terms[1].targets[fr]?[severity: 1] == Self.entry(3600, .twentyFourSeven))
        #expect(terms[1].tiers[0].calendar == "us")
        #expect(terms[1].tiers[0].targets[fr]?[severity: 1] == Self.entry(1200, .twentyFourSeven))
        #expect(terms[1].tiers[0].targets[fr]?[severity: 4] == Self.entry(6 * 3600, .business))
        // From 10-15 the second contract adds 45m for severity 1, keeping everything else.
        #expect(terms[2].targets[fr]?[severity: 1] == Self.entry(45 * 60, .twentyFourSeven))
        #expect(terms[2].targets[fr]?[severity: 3] == Self.entry(2 * 3600, .business))
        #expect(terms[2].tiers[0] == terms[1].tiers[0])
        #expect(terms[2].tiers[1] == SLAConfig.Tier(name: "basic"))
    }

    @Test("pause_on = [] is accepted in default tables (first response never pauses)")
    func pauseOnEmpty() throws {
        let config = try SLAConfig.parse(
            text: """
                [targets.first_response]
                pause_on = []
                [[contracts]]
                from = "2026-07-01"
                [contracts.targets.first_response]
                pause_on = []
                """)
        #expect(config.firstResponse == SLAConfig.defaults.firstResponse)
        #expect(config.contracts.first?.targets[.firstResponse]?.isEmpty == true)
    }

    static let bad: [BadConfig] = [
        BadConfig(
            name: "pause_on an unknown status", text: "[targets.resolution]\npause_on = [\"waiting\"]\n",
            kind: .invalidValue, line: 2, key: "targets.resolution.pause_on", says: "\"waiting\" is not a status"),
        BadConfig(
            name: "pause_on in a tier", text: "[tiers.gold.first_response]\npause_on = []\n", kind: .unknownKey,
            line: 2,
            key: "tiers.gold.first_response.pause_on", says: "a tier's table holds severity entries only"),
        BadConfig(
            name: "overlapping ranges", text: "[calendar]\nhours = [\"08:00-12:30\", \"12:00-17:00\"]\n",
            kind: .invalidValue, line: 2, key: "calendar.hours", says: "08:00-12:30 and 12:00-17:00 overlap"),
        BadConfig(
            name: "unsorted ranges", text: "[calendar]\nhours = \"13:00-17:00,08:00-12:00\"\n", kind: .invalidValue,
            line: 2, key: "calendar.hours", says: "08:00-12:00 comes after 13:00-17:00: ranges are not in ascending"),
        BadConfig(
            name: "empty hours", text: "[calendar]\nhours = []\n", kind: .invalidValue, line: 2, key: "calendar.hours",
            says: "no working hours"),
        BadConfig(
            name: "half day with a bad range", text: "[calendar]\nholidays = [\"2026-12-24 8-12\"]\n",
            kind: .invalidValue, line: 2, key: "calendar.holidays", says: "\"8-12\" is not HH:MM-HH:MM"),
        BadConfig(
            name: "holiday not a date", text: "[calendar]\nholidays = [\"2026-02-30 08:00-12:00\"]\n",
            kind: .invalidValue, line: 2, key: "calendar.holidays", says: "\"2026-02-30\" is not a real date"),
        BadConfig(
            name: "one date twice with different hours",
            text: "[calendar]\nholidays = [\"2026-12-24\", \"2026-12-24 08:00-12:00\"]\n", kind: .invalidValue,
            line: 2, key: "calendar.holidays", says: "2026-12-24 is listed twice with different hours"),
        BadConfig(
            name: "days with a bad weekday", text: "[calendar.days]\nfriday = \"08:00-13:00\"\nfrei = []\n",
            kind: .unknownKey, line: 3, key: "calendar.days.frei", says: "not a weekday"),
        BadConfig(
            name: "no weekday works",
            text: "[calendar]\nworkdays = [\"mon\"]\n[calendar.days]\nmon = []\n", kind: .invalidValue, line: 1,
            key: "calendar", says: "no weekday has working hours"),
        BadConfig(
            name: "timezone in [calendar]", text: "[calendar]\ntimezone = \"UTC\"\n", kind: .unknownKey, line: 2,
            key: "calendar.timezone", says: "unknown key (allowed in [calendar]: workdays, hours, holidays, days)"),
        BadConfig(
            name: "named calendar with an unknown zone", text: "[calendars.emea]\ntimezone = \"Europe/Munich\"\n",
            kind: .invalidValue, line: 2, key: "calendars.emea.timezone",
            says: "\"Europe/Munich\" is not a known time zone"),
        BadConfig(
            name: "a calendar twice ignoring case",
            text: "[calendars.emea]\nhours = \"09:00-17:00\"\n[calendars.EMEA]\nhours = \"08:00-16:00\"\n",
            kind: .invalidValue, line: 3, key: "calendars.EMEA", says: "the calendar \"EMEA\" is defined twice"),
        BadConfig(
            name: "tier with an unknown calendar",
            text: "[calendars.emea]\n[tiers.gold]\ncalendar = \"apac\"\n", kind: .invalidValue, line: 3,
            key: "tiers.gold.calendar", says: "no calendar is named \"apac\" (name one of [calendars]: emea)"),
        BadConfig(
            name: "entry without target", text: "[tiers.gold.first_response]\n1 = { clock = \"24x7\" }\n",
            kind: .invalidValue, line: 2, key: "tiers.gold.first_response.1", says: "no target"),
        BadConfig(
            name: "tier with an unknown kind", text: "[tiers.gold.first_reply]\n1 = { target = \"1h\" }\n",
            kind: .unknownKey, line: 1, key: "tiers.gold.first_reply", says: "unknown key (allowed in [tiers.gold]:"),
        BadConfig(
            name: "contract naming an unknown tier",
            text:
                "[tiers.gold]\n[[contracts]]\nfrom = \"2026-07-01\"\n[contracts.tiers.silver.first_response]\n1 = { target = \"1h\" }\n",
            kind: .invalidValue, line: 4, key: "contracts.tiers.silver", says: "no tier is named \"silver\""),
        BadConfig(
            name: "contracts out of order",
            text: "[[contracts]]\nfrom = \"2026-07-01\"\n[[contracts]]\nfrom = \"2026-07-01\"\n", kind: .invalidValue,
            line: 4, key: "contracts.from", says: "2026-07-01 is not after the previous contract's 2026-07-01"),
        BadConfig(
            name: "contract without from",
            text: "[[contracts]]\n[contracts.targets.first_response]\n1 = { target = \"1h\" }\n", kind: .invalidValue,
            line: 1, key: "contracts", says: "a contract without `from`"),
        BadConfig(
            name: "contract with a bad date", text: "[[contracts]]\nfrom = \"2026-13-01\"\n", kind: .invalidValue,
            line: 2, key: "contracts.from", says: "\"2026-13-01\" is not a real date"),
        BadConfig(
            name: "unknown severity basis", text: "[targets]\nseverity_basis = \"worst\"\n", kind: .invalidValue,
            line: 2, key: "targets.severity_basis", says: "\"worst\" is not a severity basis"),
    ]

    @Test(arguments: bad)
    func reportsKeyLineAndFix(_ bad: BadConfig) throws {
        let found: ConfigError
        do {
            _ = try SLAConfig.parse(text: bad.text, fileName: "slacheck.toml")
            Issue.record("\(bad.name): parsed without an error")
            return
        } catch {
            found = error
        }
        #expect(found.kind == bad.kind, "\(found.description)")
        #expect(found.line == bad.line, "\(found.description)")
        #expect(found.key == bad.key, "\(found.description)")
        #expect(found.description.contains(bad.says), "\(found.description)")
        #expect(found.description.hasSuffix(")"), "every message says how to fix it")
    }
}
