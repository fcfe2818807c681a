import Foundation
import Testing

@testable import SLAConfig
@testable import SLAModel
@testable import SLATime

@Suite struct SLAConfigParseTests {
    @Test func defaultFileTextParsesToTheDefaults() throws {
        let config = try SLAConfig.parse(text: SLAConfig.defaultFileText)
        #expect(config == SLAConfig.defaults)
    }

    @Test func defaultFileTextSaysTheTargetsArePlaceholders() {
        let text = SLAConfig.defaultFileText
        #expect(text.contains("PLACEHOLDER"))
        #expect(text.contains("Genesys publishes the coverage"))
        for key in [
            "timezone =", "workdays =", "hours =", "holidays =", "[targets.first_response]", "business_days =",
            "high_priority_wait =", "delimiter =", "timestamp_formats =", "max_field_bytes =",
            "[input.cases.columns]", "[input.cases.values.severity]",
        ] {
            #expect(text.contains(key), "missing \(key)")
        }
    }

    @Test func defaults() {
        let d = SLAConfig.defaults
        #expect(d.timezone == "UTC")
        #expect(d.calendar.workdays == [1, 2, 3, 4, 5])
        #expect(d.calendar.hours == [TimeRange(start: 8 * 3600, end: 17 * 3600)])
        #expect(d.calendar.holidays.isEmpty)
        #expect(d.firstResponse[severity: 1] == .init(target: SLADuration(seconds: 3600), clock: .twentyFourSeven))
        #expect(d.firstResponse[severity: 2] == .init(target: SLADuration(seconds: 7200), clock: .business))
        #expect(d.firstResponse[severity: 3] == .init(target: SLADuration(seconds: 14_400), clock: .business))
        #expect(d.firstResponse[severity: 4] == .init(target: SLADuration(days: 1), clock: .business))
        #expect(d.rcaBusinessDays == 5)
        #expect(d.highPriorityWait.wallClockSeconds == 86_400)
        #expect(d.input.delimiter == UInt8(ascii: ","))
        #expect(d.input.timestampFormats.isEmpty)
        #expect(d.input.maxFieldBytes == 1_048_576)
        for file in SLAConfig.InputFile.allCases { #expect(d.input[file] == SLAConfig.FileMapping()) }
    }

    @Test func emptyAndPartialFilesKeepDefaults() throws {
        #expect(try SLAConfig.parse(text: "") == SLAConfig.defaults)
        #expect(try SLAConfig.parse(text: "# nothing but a comment\n") == SLAConfig.defaults)
        let partial = try SLAConfig.parse(text: "[targets.first_response]\n2 = { target = \"3h\" }\n")
        var expected = SLAConfig.defaults
        // SPEC v2: an entry replaces the default's whole; one without `clock` is on 24x7.
        expected.firstResponse[severity: 2] = .init(target: SLADuration(seconds: 3 * 3600), clock: .twentyFourSeven)
        #expect(partial == expected)
    }

    @Test func fullCustomConfig() throws {
        let text = """
            timezone = "Europe/Paris"

            [calendar]
            workdays = ["Mon", "tuesday", "wed", "thu", "fri", "sat"]
            hours = "09:30-18:00"
            holidays = ["2026-12-25", 2026-01-01, "2026-12-25", "2026-05-01"]

            [targets.first_response]
            1 = { target = "30m", clock = "24x7" }
            2 = { target = "1h30m", clock = "24x7" }
            3 = { target = "1d", clock = "Business" }
            [targets.first_response.4]
            target = "2d4h"
            clock = "business"

            [rca]
            business_days = 3

            [escalations]
            high_priority_wait = "1d"

            [input]
            delimiter = "semicolon"
            timestamp_formats = ["%d-%m-%Y %H:%M:%S", "%m/%d/%Y %I:%M %p"]
            max_field_bytes = 65536

            [input.cases.columns]
            case_id = "Incident ID"
            Created_At = "Opened"

            [input.cases.values.severity]
            "P1" = 1
            "P2" = "2"

            [input.cases.values.platform_incident]
            "Y" = true

            [input.events]
            columns = { at = "When", type = "Kind" }
            values.type = { "Comment" = "update" }

            [input.escalations.values.decision]
            "OK" = "approved"
            """
        let config = try SLAConfig.parse(text: text)
        #expect(config.timezone == "Europe/Paris")
        #expect(config.calendar.workdays == [1, 2, 3, 4, 5, 6])
        #expect(config.calendar.hours == [TimeRange(start: 9 * 3600 + 1800, end: 18 * 3600)])
        #expect(config.calendar.workingDaySeconds == 8 * 3600 + 1800)
        #expect(
            config.calendar.holidays.map(\.date) == [
                CivilDate(year: 2026, month: 1, day: 1), CivilDate(year: 2026, month: 5, day: 1),
                CivilDate(year: 2026, month: 12, day: 25),
            ])
        #expect(config.firstResponse[severity: 1] == .init(target: SLADuration(seconds: 1800), clock: .twentyFourSeven))
        #expect(config.firstResponse[severity: 2] == .init(target: SLADuration(seconds: 5400), clock: .twentyFourSeven))
        #expect(config.firstResponse[severity: 3] == .init(target: SLADuration(days: 1), clock: .business))
        #expect(
            config.firstResponse[severity: 4] == .init(target: SLADuration(days: 2, seconds: 14_400), clock: .business))
        #expect(config.rcaBusinessDays == 3)
        #expect(config.highPriorityWait == SLADuration(days: 1))
        #expect(config.input.delimiter == UInt8(ascii: ";"))
        #expect(config.input.timestampFormats.map(\.pattern) == ["%d-%m-%Y %H:%M:%S", "%m/%d/%Y %I:%M %p"])
        #expect(config.input.maxFieldBytes == 65536)
        #expect(config.input.cases.columns == ["case_id": "Incident ID", "created_at": "Opened"])
        #expect(config.input.cases.values == ["severity": ["P1": "1", "P2": "2"], "platform_incident": ["Y": "true"]])
        #expect(config.input.events.columns == ["at": "When", "type": "Kind"])
        #expect(config.input.events.values == ["type": ["Comment": "update"]])
        #expect(config.input.escalations == .init(columns: [:], values: ["decision": ["OK": "approved"]]))
    }

    @Test func casesColumnMapIsRead() throws {
        let config = try SLAConfig.parse(text: "[input.cases.columns]\ncase_id = \"Incident ID\"\n")
        #expect(config.input.cases.columns == ["case_id": "Incident ID"])
        #expect(config.input.events == SLAConfig.FileMapping())
    }

    @Test(arguments: [
        (",", ","), (";", ";"), ("\\t", "\t"), ("|", "|"), ("comma", ","), ("semicolon", ";"), ("tab", "\t"),
        ("pipe", "|"), ("TAB", "\t"),
    ])
    func delimiters(written: String, byte: Character) throws {
        let config = try SLAConfig.parse(text: "[input]\ndelimiter = \"\(written)\"\n")
        #expect(config.input.delimiter == byte.asciiValue)
    }

    @Test func hoursMayEndAtMidnight() throws {
        let config = try SLAConfig.parse(text: "[calendar]\nhours = \"0:00-24:00\"\n")
        #expect(config.calendar.hours == [TimeRange(start: 0, end: 86_400)])
    }

    @Test func isWorkingDay() throws {
        let config = try SLAConfig.parse(text: "[calendar]\nholidays = [\"2026-12-25\"]\n")
        #expect(config.calendar.isWorkingDay(CivilDate(year: 2026, month: 12, day: 24)))  // Thursday
        #expect(!config.calendar.isWorkingDay(CivilDate(year: 2026, month: 12, day: 25)))  // holiday
        #expect(!config.calendar.isWorkingDay(CivilDate(year: 2026, month: 12, day: 26)))  // Saturday
    }

    @Test func loadReadsAFileAndNamesItInErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("slacheck-config-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("good.toml")
        try "[rca]\nbusiness_days = 7\n".write(to: good, atomically: true, encoding: .utf8)
        #expect(try SLAConfig.load(path: good.path).rcaBusinessDays == 7)

        let bad = folder.appendingPathComponent("bad.toml")
        try "\n[rca]\nbusiness_day = 7\n".write(to: bad, atomically: true, encoding: .utf8)
        #expect(throws: ConfigError.self) { try SLAConfig.load(path: bad.path) }
        do {
            _ = try SLAConfig.load(path: bad.path)
        } catch {
            #expect(error.description.hasPrefix("\(bad.path):3: rca.business_day: unknown key"))
        }

        do {
            _ = try SLAConfig.load(path: folder.appendingPathComponent("missing.toml").path)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .unreadable)
            #expect(error.description.contains("missing.toml: no such file"))
        }
    }
}
