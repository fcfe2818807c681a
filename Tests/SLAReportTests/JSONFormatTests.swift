import Testing

@testable import SLAReport

/// `JSON.format`: fixed-point text, trailing zeros dropped (SPEC 5: ratios to six decimals).
@Suite("JSON number text")
struct JSONFormatTests {
    @Test("Fixed point with trailing zeros dropped, rounded half away from zero, no minus on zero")
    func fixedPoint() {
        // Expected texts written by hand.
        let cases: [(Double, Int, String)] = [
            (0.5, 6, "0.5"), (12, 6, "12"), (0.833_333_333, 6, "0.833333"), (0.000_005, 6, "0.000005"),
            (0.000_000_4, 6, "0"), (1.000_000_4, 6, "1"), (-0.25, 2, "-0.25"), (-0.001, 2, "0"),
            (2.5, 0, "3"), (100, 3, "100"), (0.105, 2, "0.11"), (7.07, 6, "7.07"), (0.1, 1, "0.1"),
        ]
        for (value, decimals, text) in cases {
            #expect(JSON.format(value, decimals: decimals) == text, "\(value) to \(decimals) decimals")
        }
        #expect(JSON.format(.nan, decimals: 6) == "null")
    }
}
