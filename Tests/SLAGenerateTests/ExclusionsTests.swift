import Foundation
import SLATime
import Testing

@testable import SLAGenerate

/// The targets of SPEC section 1 (exclusions.csv), written out here rather than read from the generator.
private let allowedTargets: Set<String> = ["first_response", "restoration", "resolution", "update", "rca", "all"]

/// exclusions.csv and the cases it names, by column name.
private struct Exclusions {
    struct Row {
        var caseID, target, reason, approvedBy: String
    }

    let header: [String]
    let rows: [Row]
    /// cases.csv rows by case_id (the first of a repeated id), and how many fields each has.
    let cases: [String: [String: String]]
    let fieldCounts: [String: Int]
    /// Case ids with a restore event, a first_response event or a support update in case_events.csv.
    let restoredByEvent, respondedByEvent: Set<String>

    init(_ g: GeneratedExports) throws {
        let table = try g.table("exclusions.csv")
        header = table.header
        rows = table.rows.map { Row(caseID: $0[0], target: $0[1], reason: $0[2], approvedBy: $0[3]) }
        let caseTable = try g.table("cases.csv")
        var cases: [String: [String: String]] = [:]
        var fieldCounts: [String: Int] = [:]
        for row in caseTable.rows where cases[row[0]] == nil {
            cases[row[0]] = Dictionary(uniqueKeysWithValues: zip(caseTable.header, row))
            fieldCounts[row[0]] = row.count
        }
        self.cases = cases
        self.fieldCounts = fieldCounts
        let events = try g.table("case_events.csv")
        var restored = Set<String>()
        var responded = Set<String>()
        for row in events.rows where row.count == 5 {
            if row[2] == "service_restored" { restored.insert(row[0]) }
            if row[2] == "first_response" || (row[2] == "update" && row[4] == "support") { responded.insert(row[0]) }
        }
        restoredByEvent = restored
        respondedByEvent = responded
    }

    func count(_ target: String) -> Int { rows.filter { $0.target.lowercased() == target }.count }

    func isIncident(_ id: String) -> Bool { cases[id]?["platform_incident"] == "true" }
}

@Suite struct ExclusionFileTests {
    @Test func sameSeedSameFileAndTheExportsStayTheSame() throws {
        for (messy, zones) in [(false, 0), (true, 6)] {
            let options = GeneratorOptions(cases: 3000, seed: 21, messy: messy, zones: zones, exclusions: 40)
            let a = try GeneratedExports(options)
            let b = try GeneratedExports(options)
            var without = options
            without.exclusions = 0
            let plain = try GeneratedExports(without)
            var otherSeed = options
            otherSeed.seed = 22
            let c = try GeneratedExports(otherSeed)
            defer {
                for g in [a, b, plain, c] { g.cleanUp() }
            }
            #expect(try a.data("exclusions.csv") == b.data("exclusions.csv"))
            #expect(try a.data("exclusions.csv") != c.data("exclusions.csv"))
            // The exclusions are drawn after the cases, from streams of their own.
            let others = exportFileNames + (zones > 0 ? ["organizations.csv"] : [])
            for name in others { #expect(try a.data(name) == plain.data(name), "\(name), messy \(messy)") }
            #expect(
                !FileManager.default.fileExists(atPath: plain.directory.appendingPathComponent("exclusions.csv").path))
            #expect(plain.summary.exclusions == nil && plain.summary.exclusionsByTarget.isEmpty)
            #expect(a.summary.files.map(\.name).last == "exclusions.csv")
            let file = try #require(a.summary.exclusions)
            #expect(file.bytes == (try a.data("exclusions.csv")).count)
            #expect(file.rows == (try a.table("exclusions.csv")).rows.count)
        }
    }

    @Test func theRowsSplitAsDocumented() throws {
        // 40 rows: 25% = 10 first_response, 10% = 4 restoration, 10 resolution, 20% = 8 update,
        // 4 rca, 4 all. 3000 cases hold about 45 platform incidents: enough for both.
        let g = try GeneratedExports(GeneratorOptions(cases: 3000, seed: 4, zones: 3, exclusions: 40))
        defer { g.cleanUp() }
        let x = try Exclusions(g)
        #expect(x.header == ["case_id", "target", "reason", "approved_by"])
        #expect(x.rows.count == 40)
        let expected = ["first_response": 10, "restoration": 4, "resolution": 10, "update": 8, "rca": 4, "all": 4]
        for (target, n) in expected { #expect(x.count(target) == n, "\(target)") }
        #expect(g.summary.exclusionsByTarget == expected)
        // Plain spellings without --messy; one case per exclusion, every one in cases.csv.
        #expect(x.rows.allSatisfy { allowedTargets.contains($0.target) })
        #expect(Set(x.rows.map(\.caseID)).count == 40)
        #expect(x.rows.allSatisfy { x.cases[$0.caseID] != nil })
        // In case order.
        #expect(x.rows.map(\.caseID) == x.rows.map(\.caseID).sorted())
        // Reasons always, approvers mostly.
        #expect(x.rows.allSatisfy { !$0.reason.isEmpty })
        let approved = x.rows.filter { !$0.approvedBy.isEmpty }.count
        #expect(approved > 20 && approved < 40)
        #expect(g.summary.quirks.isEmpty)
    }

    @Test func everyExclusionIsInItsTargetsPopulation() throws {
        let g = try GeneratedExports(
            GeneratorOptions(
                cases: 6000, seed: 12, from: CivilDate(year: 2026, month: 9, day: 1),
                to: CivilDate(year: 2026, month: 10, day: 1), months: 2, zones: 4, exclusions: 300))
        defer { g.cleanUp() }
        let x = try Exclusions(g)
        #expect(x.rows.count == 300)
        let start = midnightUTC(2026, 8, 1)
        let end = midnightUTC(2026, 10, 1)
        for row in x.rows {
            let k = try #require(x.cases[row.caseID], "\(row.caseID)")
            // Created in the generated months (UTC here): in some month's population.
            let created = try #require(parseTestTimestamp(k["created_at"] ?? ""))
            #expect(created >= start && created < end)
            switch row.target {
            case "restoration":
                #expect(x.isIncident(row.caseID), "\(row.caseID)")
            case "rca":
                // Restored before the export: the row's service_restored_at or an event.
                #expect(x.isIncident(row.caseID), "\(row.caseID)")
                #expect(k["service_restored_at"] != "" || x.restoredByEvent.contains(row.caseID), "\(row.caseID)")
            case "update":
                // The generated update targets cover severities 1-3, for answered cases.
                #expect(["1", "2", "3"].contains(k["severity"] ?? ""), "\(row.caseID)")
                #expect(k["first_response_at"] != "" || x.respondedByEvent.contains(row.caseID), "\(row.caseID)")
            default:
                #expect(allowedTargets.contains(row.target), "\(row.target)")
            }
        }
        // The QBR the reason names is the month before the case's creation month.
        for row in x.rows where row.reason.hasPrefix("agreed in QBR ") {
            let created = try #require(parseTestTimestamp(x.cases[row.caseID]?["created_at"] ?? ""))
            let month = created < midnightUTC(2026, 9, 1) ? "2026-07" : "2026-08"
            #expect(row.reason == "agreed in QBR \(month)", "\(row.caseID)")
        }
    }

    @Test func aShortfallOfIncidentsGoesToResolution() throws {
        // 200 cases, 200 exclusions: every case once. restoration asks for 20 and rca for 20, but
        // only the few platform incidents (1.5%) can take them, and restoration, filled first,
        // takes them all. What is missing goes to resolution: 50 + (20 - incidents) + 20.
        let g = try GeneratedExports(GeneratorOptions(cases: 200, seed: 3, exclusions: 200))
        defer { g.cleanUp() }
        let x = try Exclusions(g)
        let incidents = x.cases.keys.filter { x.isIncident($0) }.count
        try #require(incidents < 20)
        #expect(x.rows.count == 200)
        #expect(Set(x.rows.map(\.caseID)) == Set(x.cases.keys))
        #expect(x.count("restoration") == incidents)
        #expect(x.count("rca") == 0)
        #expect(x.count("first_response") == 50)
        #expect(x.count("update") == 40)
        #expect(x.count("all") == 20)
        #expect(x.count("resolution") == 50 + (20 - incidents) + 20)
    }

    @Test func theSplitRoundsToTheLargestRemainders() {
        // 7 rows: 1.75 first_response, 0.7 restoration, 1.75 resolution, 1.4 update, 0.7 rca,
        // 0.7 all: 3 whole rows, then the 4 largest remainders: 0.75, 0.75, then 0.7 three
        // times, the first two in the documented order (restoration, rca).
        let counts = ExclusionTarget.counts(7)
        #expect(counts[.firstResponse] == 2 && counts[.resolution] == 2)
        #expect(counts[.restoration] == 1 && counts[.rca] == 1)
        #expect(counts[.update] == 1 && counts[.all] == 0)
        // 100 rows: the percentages themselves.
        #expect(ExclusionTarget.counts(100).values.sorted() == [10, 10, 10, 20, 25, 25])
        #expect((0...50).allSatisfy { n in ExclusionTarget.counts(n).values.reduce(0, +) == n })
    }

    @Test func theOptionIsChecked() {
        for options in [
            GeneratorOptions(cases: 10, exclusions: -1), GeneratorOptions(cases: 10, exclusions: 11),
        ] {
            #expect(throws: GeneratorError.self) { try options.validate() }
        }
        #expect(throws: Never.self) { try GeneratorOptions(cases: 10, exclusions: 10).validate() }
        #expect(throws: Never.self) { try GeneratorOptions(cases: 0, exclusions: 0).validate() }
    }
}

@Suite struct ExclusionMessyTests {
    @Test func exactlyTheDocumentedBrokenRows() throws {
        let g = try GeneratedExports(GeneratorOptions(cases: 4000, seed: 8, messy: true, zones: 6, exclusions: 50))
        defer { g.cleanUp() }
        let x = try Exclusions(g)
        // 50 good rows and 3 + 1 + 1 broken ones.
        #expect(x.rows.count == 55)
        let unknown = x.rows.filter { x.cases[$0.caseID] == nil }
        #expect(unknown.count == 3)
        #expect(Set(unknown.map(\.caseID)).count == 3)
        let misspelled = x.rows.filter { $0.target == "resolutoin" }
        #expect(misspelled.count == 1)
        let unexplained = x.rows.filter { $0.reason.isEmpty }
        #expect(unexplained.count == 1)
        // The two rejected rows name real cases with a good target or reason otherwise.
        #expect(misspelled.allSatisfy { x.cases[$0.caseID] != nil && !$0.reason.isEmpty })
        #expect(unexplained.allSatisfy { x.cases[$0.caseID] != nil && allowedTargets.contains($0.target) })
        // Every other row: a known case whose cases.csv row is whole, a target a reader accepts
        // (enumerations are case-insensitive), distinct cases.
        let good = x.rows.filter { x.cases[$0.caseID] != nil && $0.target != "resolutoin" && !$0.reason.isEmpty }
        #expect(good.count == 50)
        #expect(good.allSatisfy { allowedTargets.contains($0.target.lowercased()) })
        #expect(Set(good.map(\.caseID)).count == 50)
        for row in good {
            // Whole: every field, an organization, a timestamp a reader accepts.
            let k = x.cases[row.caseID] ?? [:]
            #expect(x.fieldCounts[row.caseID] == ExportColumns.cases.count, "\(row.caseID)")
            #expect(!(k["org_id"] ?? "").isEmpty, "\(row.caseID)")
            #expect(parseTestTimestamp(k["created_at"] ?? "") != nil, "\(row.caseID)")
            #expect(!["", "5", "P1"].contains(k["severity"] ?? ""), "\(row.caseID)")
        }
        #expect(g.summary.exclusionsByTarget.values.reduce(0, +) == 50)

        #expect(g.summary.quirks["exclusions.csv: unknown-case"] == 3)
        #expect(g.summary.quirks["exclusions.csv: bad-value"] == 1)
        #expect(g.summary.quirks["exclusions.csv: missing-required"] == 1)
        #expect(ExclusionQuirk.allCases.map(\.count).reduce(0, +) == 5)
    }

    @Test func noExclusionsNoBrokenRows() throws {
        let g = try GeneratedExports(GeneratorOptions(cases: 1000, seed: 8, messy: true))
        defer { g.cleanUp() }
        #expect(g.summary.quirks.keys.allSatisfy { !$0.hasPrefix("exclusions.csv") })
        #expect(g.summary.exclusions == nil)
    }
}
