import Testing

@testable import SLATime

@Suite struct TimestampFormatTests {
    private func problem(_ format: String) -> TimestampFormatError.Problem? {
        do throws(TimestampFormatError) {
            _ = try TimestampFormat(format)
            return nil
        } catch {
            #expect(error.format == format)
            return error.problem
        }
    }

    @Test func validFormatsCompile() throws {
        for format in [
            "%d-%m-%Y %H:%M:%S", "%m/%d/%Y %I:%M %p", "%Y/%m/%d %H:%M:%S", "%b %e %Y", "%Y-%m-%dT%T.%f%z",
            "%d.%m.%y", "%Y%m%d", "%Y-%m-%d %T %Z", "100%% %Y-%m-%d", "%B %d, %Y %H:%M", "%h %d %Y",
        ] {
            #expect(problem(format) == nil, "\(format)")
        }
    }

    @Test func malformedFormatsAreRejected() {
        #expect(problem("") == .empty)
        #expect(problem("%Y-%m-%d %") == .danglingPercent)
        #expect(problem("%Y-%m-%Q") == .unknownDirective("%Q"))
        #expect(problem("%Y-%m-%d %é") == .unknownDirective("%é"))
        #expect(problem("%m/%d/%Y %I:%M") == .hour12WithoutMeridiem)
        #expect(problem("%m/%d/%Y %H:%M %p") == .meridiemWithoutHour12)
        #expect(problem("%m/%d %H:%M") == .missingField("year", directives: "%Y or %y"))
        #expect(problem("%Y %d") == .missingField("month", directives: "%m or %b"))
        #expect(problem("%Y-%m") == .missingField("day", directives: "%d or %e"))
        #expect(problem("%Y-%m-%d %e") == .duplicateField("%e", earlier: "%d"))
        #expect(problem("%Y-%m-%d %H %T") == .duplicateField("%T", earlier: "%H"))
        #expect(problem("%Y-%m-%d %H %I %p") == .duplicateField("%I", earlier: "%H"))
        #expect(problem("%Y-%m-%d %M") == .incompleteTime("%M", needs: "%H or %I"))
        #expect(problem("%Y-%m-%d %H %S") == .incompleteTime("%S", needs: "%M"))
        #expect(problem("%Y-%m-%d %H:%M.%f") == .incompleteTime("%f", needs: "%S"))
        #expect(problem("%Y-%m-%d %z %Z") == .duplicateField("%Z", earlier: "%z"))
    }

    @Test func messagesNameTheFormat() {
        let unknown = TimestampFormatError(format: "%Y-%m-%Q", problem: .unknownDirective("%Q"))
        #expect(unknown.description.hasPrefix("timestamp format \"%Y-%m-%Q\": unknown directive %Q (supported: %Y"))
        let noMeridiem = TimestampFormatError(format: "%m/%d/%Y %I:%M", problem: .hour12WithoutMeridiem)
        #expect(
            noMeridiem.description
                == "timestamp format \"%m/%d/%Y %I:%M\": %I (12-hour clock) needs %p (AM/PM); use %H for a 24-hour clock"
        )
        let noYear = TimestampFormatError(format: "%d/%m", problem: .missingField("year", directives: "%Y or %y"))
        #expect(noYear.description == "timestamp format \"%d/%m\": it has no year; add %Y or %y")
    }

    @Test func parserInitReportsTheFirstBadFormat() {
        #expect(
            throws: TimestampFormatError(format: "%d/%m %H", problem: .missingField("year", directives: "%Y or %y"))
        ) {
            try TimestampParser(zone: .utc, formats: ["%Y/%m/%d", "%d/%m %H", "%Q"])
        }
    }
}
