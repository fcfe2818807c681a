import CSVStream
import Foundation
import SLATestSupport
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLAReport
@testable import SLARules
@testable import SLATime

@Suite("Explain: finding the case")
struct ExplainLookupTests {
    func load(_ cases: String) throws -> (Dataset, MetricsContext) {
        let folder = TempFolder()
        let data = try Loader(config: .defaults).load(InputFiles(cases: [folder.write("cases.csv", cases)]))
        return (data, MetricsContext(config: .defaults, asOf: try #require(data.latestInstant)))
    }

    func message(_ id: String, _ data: Dataset, _ context: MetricsContext) -> String? {
        do {
            _ = try CaseExplanation(caseID: id, data: data, context: context)
            return nil
        } catch {
            return error.message
        }
    }

    @Test("An unknown id names the count read and the nearest ids")
    func notFound() throws {
        let (data, context) = try load(
            """
            case_id,org_id,created_at,severity
            C-0123,o,2026-10-01T09:00:00Z,2
            C-0999,o,2026-10-01T09:00:00Z,2
            X-77777,o,2026-10-01T09:00:00Z,2

            """)
        #expect(message("C-123", data, context) == "case C-123 not found in cases (3 cases read); did you mean C-0123?")
        #expect(message("zzzzzzzzzz", data, context) == "case zzzzzzzzzz not found in cases (3 cases read)")
        #expect(message("C-0123", data, context) == nil)
    }

    @Test("Up to three suggestions, nearest first, ties by id")
    func suggestions() throws {
        let (data, _) = try load(
            """
            case_id,org_id,created_at,severity
            C-0124,o,2026-10-01T09:00:00Z,2
            C-0123,o,2026-10-01T09:00:00Z,2
            C-1123,o,2026-10-01T09:00:00Z,2
            C-0120,o,2026-10-01T09:00:00Z,2

            """)
        #expect(CaseLookup.nearestIDs(to: "C-0123x", in: data, limit: 3) == ["C-0123", "C-0120", "C-0124"])
        #expect(CaseLookup.distance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars), cutoff: 9) == 3)
        #expect(CaseLookup.distance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars), cutoff: 2) == nil)
    }

    @Test("An id whose row was rejected says so, with the line and reason")
    func rejected() throws {
        let (data, context) = try load(
            """
            case_id,org_id,created_at,severity
            C-1,o,2026-10-01T09:00:00Z,2
            C-2,o,2026-13-45,2

            """)
        let text = try #require(message("C-2", data, context))
        #expect(text.hasPrefix("case C-2 is not among the accepted cases: its row was rejected: "))
        #expect(text.contains("cases.csv:3: column created_at: "))
        #expect(text.hasSuffix("[bad-timestamp]"))
    }
}
