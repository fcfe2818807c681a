import Foundation
import SLATime
import TOMLKit
import Testing

@testable import SLAGenerate

/// The v2 target tables of slacheck.toml (SPEC section 4), checked with TOMLKit: the slacheck
/// of today does not read them yet.
@Suite struct TargetTablesTests {
    private func configuration(_ options: GeneratorOptions) throws -> (text: String, root: TOMLTable) {
        let g = try GeneratedExports(options)
        defer { g.cleanUp() }
        let text = String(decoding: try g.data("slacheck.toml"), as: UTF8.self)
        return (text, try TOMLTable(string: text))
    }

    /// `[target, clock]` of every severity entry of a table, by severity.
    private func entries(_ table: TOMLTable?) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for key in table?.keys ?? [] where key != "pause_on" {
            let entry = table?[key]?.table
            #expect(Set(entry?.keys ?? []) == ["target", "clock"], "\(key)")
            result[key] = [entry?["target"]?.string ?? "", entry?["clock"]?.string ?? ""]
        }
        return result
    }

    @Test func exclusionsOrLifecycleAddTheTargetTables() throws {
        for options in [
            GeneratorOptions(cases: 500, seed: 3, zones: 4, exclusions: 10),
            GeneratorOptions(cases: 500, seed: 3, messy: true, zones: 4, lifecycle: true),
        ] {
            let (_, root) = try configuration(options)
            // The same top-level keys as before (SPEC 4): no `[targets]` table of its own.
            #expect(Set(root.keys) == ["timezone", "calendar", "calendars", "targets", "tiers", "contracts"])
            let targets = try #require(root["targets"]?.table)
            #expect(Set(targets.keys) == ["first_response", "restoration", "resolution", "update"])

            let restoration = targets["restoration"]?.table
            #expect(restoration?["pause_on"] == nil)
            #expect(entries(restoration) == ["1": ["4h", "24x7"], "2": ["8h", "24x7"]])

            let resolution = targets["resolution"]?.table
            #expect(resolution?["pause_on"]?.array?.compactMap { $0.string } == ["waiting_on_customer"])
            #expect(
                entries(resolution) == [
                    "1": ["1d", "24x7"], "2": ["3d", "business"], "3": ["5d", "business"], "4": ["10d", "business"],
                ])

            let update = targets["update"]?.table
            #expect(update?["pause_on"]?.array?.compactMap { $0.string } == ["waiting_on_customer"])
            #expect(entries(update) == ["1": ["2h", "24x7"], "2": ["1d", "business"], "3": ["2d", "business"]])

            // Premium resolves severity 1 in 12 hours; a tier's table holds severity entries only.
            let premium = root["tiers"]?.table?["premium"]?.table
            #expect(Set(premium?.keys ?? []) == ["calendar", "first_response", "resolution"])
            #expect(premium?["resolution"]?.table?["pause_on"] == nil)
            #expect(entries(premium?["resolution"]?.table) == ["1": ["12h", "24x7"]])
            #expect(Set(root["tiers"]?.table?["standard"]?.table?.keys ?? []) == ["first_response"])

            // The amendment keeps its first-response entry and gains severity 2's update.
            let contract = try #require(root["contracts"]?.array?.first?.table)
            #expect(Set(contract.keys) == ["from", "targets", "tiers"])
            let amended = contract["targets"]?.table
            #expect(Set(amended?.keys ?? []) == ["first_response", "update"])
            #expect(entries(amended?["first_response"]?.table) == ["2": ["90m", "business"]])
            #expect(entries(amended?["update"]?.table) == ["2": ["12h", "business"]])
            #expect(amended?["update"]?.table?["pause_on"] == nil)
        }
    }

    @Test func aPlainZonesRunKeepsTheConfigurationOfToday() throws {
        let (text, root) = try configuration(GeneratorOptions(cases: 500, seed: 3, zones: 4))
        #expect(Set(root["targets"]?.table?.keys ?? []) == ["first_response"])
        #expect(root["tiers"]?.table?["premium"]?.table?["resolution"] == nil)
        #expect(root["contracts"]?.array?.first?.table?["targets"]?.table?["update"] == nil)
        #expect(!text.contains("restoration") && !text.contains("pause_on"))
        // The tables are insertions: taking them out gives today's text back.
        let from = CivilDate(year: 2026, month: 10, day: 1)
        var full = CustomerBase.configuration(timeZone: "UTC", contractsFrom: from, targetTables: true)
        for part in [
            CustomerBase.targetTablesText, CustomerBase.premiumResolutionText, CustomerBase.contractUpdateText,
        ] {
            let range = try #require(full.range(of: part))
            full.replaceSubrange(range, with: "")
        }
        #expect(full == CustomerBase.configuration(timeZone: "UTC", contractsFrom: from))
        #expect(text == CustomerBase.configuration(timeZone: "UTC", contractsFrom: from))
    }

    @Test func withoutZonesNoConfiguration() throws {
        let g = try GeneratedExports(GeneratorOptions(cases: 300, seed: 3, exclusions: 5, lifecycle: true))
        defer { g.cleanUp() }
        #expect(g.summary.configuration == nil)
        #expect(!FileManager.default.fileExists(atPath: g.directory.appendingPathComponent("slacheck.toml").path))
        #expect(!GeneratorOptions(cases: 300, exclusions: 5, lifecycle: true).writesTargetTables)
        #expect(GeneratorOptions(cases: 300, zones: 1, lifecycle: true).writesTargetTables)
        #expect(!GeneratorOptions(cases: 300, zones: 1).writesTargetTables)
    }
}
