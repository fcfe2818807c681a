import Testing

@testable import SLAConfig
@testable import SLAModel
@testable import SLATime

@Suite struct SLADurationTests {
    @Test(arguments: [
        ("90m", 0, 5400), ("4h", 0, 14_400), ("1h30m", 0, 5400), ("2d", 2, 0), ("45s", 0, 45),
        ("1d4h", 1, 14_400), ("1d2h3m4s", 1, 7384), ("0d1s", 0, 1), ("24h", 0, 86_400),
    ])
    func parses(text: String, days: Int, seconds: Int) {
        #expect(SLADuration(text) == SLADuration(days: days, seconds: seconds))
    }

    @Test(arguments: [
        "", "4", "h", "2 hours", "4H", "30m1h", "1h1h", "1m30", "-1h", "+1h", "1.5h", " 4h", "4h ", "0m", "0d0h",
        "1w", "1d-2h", "1234567890s", "1h 30m",
    ])
    func rejects(text: String) {
        #expect(SLADuration(text) == nil)
    }

    @Test func secondsOnEachClock() throws {
        let day = try #require(SLADuration("1d"))
        #expect(day.wallClockSeconds == 86_400)
        #expect(day.seconds(workingDaySeconds: 9 * 3600) == 32_400)
        let mixed = try #require(SLADuration("1d4h"))
        #expect(mixed.seconds(workingDaySeconds: 9 * 3600) == 32_400 + 14_400)
        #expect(mixed.wallClockSeconds == 86_400 + 14_400)
    }

    @Test func businessDayFollowsTheCalendarHours() throws {
        var config = try SLAConfig.parse(text: "[calendar]\nhours = \"09:00-17:30\"\n")
        let severity4 = config.firstResponse[severity: 4]
        #expect(severity4.clock == .business)
        #expect(severity4.seconds(calendar: config.calendar) == 8 * 3600 + 1800)
        config.firstResponse[severity: 4].clock = .twentyFourSeven
        #expect(config.firstResponse[severity: 4].seconds(calendar: config.calendar) == 86_400)
        #expect(SLAConfig.defaults.firstResponse[severity: 1].seconds(calendar: config.calendar) == 3600)
    }

    @Test(arguments: ["90m", "4h", "1h30m", "2d", "45s", "1d4h", "1d2h3m4s"])
    func descriptionIsCanonical(text: String) throws {
        let duration = try #require(SLADuration(text))
        #expect(duration.description == (text == "90m" ? "1h30m" : text))
        #expect(SLADuration(duration.description) == duration)
    }

    /// The words a report sentence uses; each expectation is the unit counts written out by hand.
    @Test(arguments: [
        ("24h", "24 hours"), ("8h", "8 hours"), ("1d", "1 day"), ("90m", "1 hour 30 minutes"),
        ("1d4h", "1 day 4 hours"), ("1s", "1 second"), ("2d1h1m2s", "2 days 1 hour 1 minute 2 seconds"),
    ])
    func words(text: String, words: String) throws {
        #expect(try #require(SLADuration(text)).words == words)
    }
}
