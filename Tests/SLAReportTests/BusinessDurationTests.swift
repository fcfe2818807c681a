import SLATime
import Testing

@testable import SLAReport

/// How durations are written by clock (`MarkdownRenderer+Durations`): on the business clock a
/// target as configured and a time in hours without days; on 24x7 days of 24 hours.
@Suite("Durations on the business clock")
struct BusinessDurationTests {
    /// A row on `clock` whose target is `target`, `seconds` long on its clock.
    func row(_ clock: String, _ target: String, seconds: Int64) -> Report.SeverityRow {
        Report.SeverityRow(
            severity: 2, clock: clock, targetSeconds: seconds, target: SLADuration(target), cases: 0, responded: 0,
            met: 0, breached: 0, pending: 0, negativeDuration: 0, stats: nil, upgraded: 0, downgraded: 0)
    }

    @Test("A business target is written as configured, a 24x7 one as days of 24 hours")
    func targets() {
        // 3 working days of 9 hours = 27 business hours: shown `3d`, not `1d 3h`.
        let business = row("business", "3d", seconds: 27 * 3600)
        #expect(MarkdownRenderer.targetDuration(business) == "3d")
        #expect(MarkdownRenderer.target(business) == "3d business")
        // 27 wall-clock hours on 24x7 stay `1d 3h`.
        let wall = row("24x7", "27h", seconds: 27 * 3600)
        #expect(MarkdownRenderer.targetDuration(wall) == "1d 3h")
        #expect(MarkdownRenderer.target(wall) == "1d 3h 24x7")
        // Hours on the business clock are hours.
        #expect(MarkdownRenderer.targetDuration(row("business", "4h", seconds: 4 * 3600)) == "4h")
    }

    @Test("A time on the business clock is in hours and minutes, without days")
    func times() {
        // 162 000 000 ms = 45 h exactly; 74 160 000 ms = 20 h 36 m.
        #expect(MarkdownRenderer.duration(162_000_000, clock: "business") == "45h")
        #expect(MarkdownRenderer.duration(74_160_000, clock: "business") == "20h 36m")
        // 24x7 and a row without a clock: days of 24 hours, as before (45 h = 1d 21h).
        #expect(MarkdownRenderer.duration(162_000_000, clock: "24x7") == "1d 21h")
        #expect(MarkdownRenderer.duration(97_200_000, clock: "24x7") == "1d 3h")
        #expect(MarkdownRenderer.duration(162_000_000, clock: nil) == "1d 21h")
        #expect(MarkdownRenderer.duration(nil, clock: "business") == "–")
    }

    @Test("The chart label and the note say what a business d is")
    func dayInWords() {
        let business = row("business", "3d", seconds: 27 * 3600)
        #expect(MarkdownRenderer.targetLabel(business, workingDaySeconds: 9 * 3600) == "3d business, d = 9h")
        #expect(MarkdownRenderer.targetLabel(business, workingDaySeconds: nil) == "3d business workdays")
        #expect(
            MarkdownRenderer.targetLabel(row("business", "2h", seconds: 7200), workingDaySeconds: 9 * 3600)
                == "2h business hours")
        #expect(MarkdownRenderer.targetLabel(row("24x7", "1h", seconds: 3600), workingDaySeconds: nil) == "1h 24x7")
        #expect(
            MarkdownRenderer.businessDayNote(workingDaySeconds: 8 * 3600 + 1800)
                == "On the business clock a `d` in a target is one working day of 8 hours 30 minutes of the calendar "
                + "in force; times on it are in hours and minutes, without days.")
        #expect(MarkdownRenderer.businessDayNote(workingDaySeconds: nil).contains("one working day of its calendar"))
    }
}
