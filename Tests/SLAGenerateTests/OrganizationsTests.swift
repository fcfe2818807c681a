import Foundation
import SLATime
import TOMLKit
import Testing

@testable import SLAGenerate

/// The twenty zones of `--zones`, in order, written out here rather than read from the generator.
private let allZones = [
    "UTC", "Europe/London", "Europe/Berlin", "Europe/Helsinki", "Asia/Kolkata", "Asia/Kathmandu", "Asia/Shanghai",
    "Asia/Tokyo", "Australia/Sydney", "Australia/Adelaide", "Pacific/Auckland", "America/Sao_Paulo",
    "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/St_Johns",
    "Pacific/Honolulu", "Africa/Johannesburg", "Asia/Dubai",
]
private let calendarNames: Set<String> = ["emea", "apac", "us", "weekend"]
private let tierNames: Set<String> = ["premium", "standard"]

/// organizations.csv of a generated folder, by column name.
private struct Organizations {
    struct Row {
        var id, name, timeZone, calendar, tier: String
    }

    let header: [String]
    let rows: [Row]

    init(_ g: GeneratedExports) throws {
        let table = try g.table("organizations.csv")
        header = table.header
        rows = table.rows.map { Row(id: $0[0], name: $0[1], timeZone: $0[2], calendar: $0[3], tier: $0[4]) }
    }

    /// Rows whose every value is one the configuration knows, the first of each org_id.
    var accepted: [Row] {
        var seen = Set<String>()
        return rows.filter { row in
            (row.timeZone.isEmpty || allZones.contains(row.timeZone))
                && (row.calendar.isEmpty || calendarNames.contains(row.calendar))
                && (row.tier.isEmpty || tierNames.contains(row.tier)) && seen.insert(row.id).inserted
        }
    }
}

/// Case rows per org_id in cases.csv (rows without an org_id left out), each case id once.
private func casesPerOrg(_ g: GeneratedExports) throws -> [String: Int] {
    let cases = try g.table("cases.csv")
    var seen = Set<String>()
    var result: [String: Int] = [:]
    for (caseID, org) in zip(cases.values("case_id"), cases.values("org_id")) where !org.isEmpty {
        if seen.insert(caseID).inserted { result[org, default: 0] += 1 }
    }
    return result
}

@Suite struct OrganizationsFileTests {
    @Test func sameSeedGivesTheSameFiles() throws {
        let options = GeneratorOptions(cases: 3000, seed: 42, timeZone: "Europe/Berlin", messy: true, zones: 6)
        let a = try GeneratedExports(options)
        let b = try GeneratedExports(options)
        defer {
            a.cleanUp()
            b.cleanUp()
        }
        for name in ["organizations.csv", "slacheck.toml"] { #expect(try a.data(name) == b.data(name), "\(name)") }
        let c = try GeneratedExports(GeneratorOptions(cases: 3000, seed: 43, timeZone: "Europe/Berlin", zones: 6))
        defer { c.cleanUp() }
        #expect(try a.data("organizations.csv") != c.data("organizations.csv"))
    }

    @Test func zonesAddFilesAndLeaveTheExportsAlone() throws {
        for messy in [false, true] {
            let plain = try GeneratedExports(GeneratorOptions(cases: 2000, seed: 5, messy: messy))
            let zoned = try GeneratedExports(GeneratorOptions(cases: 2000, seed: 5, messy: messy, zones: 7))
            defer {
                plain.cleanUp()
                zoned.cleanUp()
            }
            for name in exportFileNames { #expect(try plain.data(name) == zoned.data(name), "\(name), messy \(messy)") }
            let written = try FileManager.default.contentsOfDirectory(atPath: plain.directory.path)
            #expect(Set(written) == Set(exportFileNames))
            #expect(plain.summary.organizations == nil && plain.summary.configuration == nil)
            #expect(zoned.summary.files.map(\.name) == exportFileNames + ["organizations.csv"])
        }
    }

    @Test func customersDefaultToTheUsualPool() throws {
        // One organization per 50 cases, at least 8, at most 20,000.
        #expect(GeneratorOptions(cases: 3000).organizationCount == 60)
        #expect(GeneratorOptions(cases: 100).organizationCount == 8)
        #expect(GeneratorOptions(cases: 2_000_000).organizationCount == 20_000)
        #expect(GeneratorOptions(cases: 3000, customers: 5).organizationCount == 5)
        // Asking for the usual number changes nothing.
        let usual = try GeneratedExports(GeneratorOptions(cases: 1500, seed: 2))
        let asked = try GeneratedExports(GeneratorOptions(cases: 1500, seed: 2, customers: 30))
        let other = try GeneratedExports(GeneratorOptions(cases: 1500, seed: 2, customers: 31))
        defer {
            usual.cleanUp()
            asked.cleanUp()
            other.cleanUp()
        }
        for name in exportFileNames { #expect(try usual.data(name) == asked.data(name), "\(name)") }
        #expect(try usual.data("cases.csv") != other.data("cases.csv"))
    }

    @Test func oneRowPerOrganizationOfTheCases() throws {
        let g = try GeneratedExports(GeneratorOptions(cases: 4000, seed: 9, zones: 4, customers: 150))
        defer { g.cleanUp() }
        let orgs = try Organizations(g)
        #expect(orgs.header == ["org_id", "name", "timezone", "calendar", "tier"])
        #expect(orgs.rows.count == 150)
        #expect(Set(orgs.rows.map(\.id)).count == 150)
        #expect(g.summary.organizations?.rows == 150)
        #expect(g.summary.organizationsLeftOut.isEmpty && g.summary.quirks.isEmpty)
        // Every case's organization has a row, under the case's customer name.
        let names = Dictionary(uniqueKeysWithValues: orgs.rows.map { ($0.id, $0.name) })
        let cases = try g.table("cases.csv")
        for (org, customer) in zip(cases.values("org_id"), cases.values("customer")) {
            #expect(names[org] != nil, "\(org)")
            if !customer.isEmpty { #expect(names[org] == customer, "\(org)") }
        }
        #expect(orgs.accepted.count == 150)
        // The summary describes the files.
        let file = try #require(g.summary.organizations)
        #expect(file.bytes == (try g.data("organizations.csv")).count)
        let toml = try g.data("slacheck.toml").count
        let exports = try exportFileNames.map { try g.data($0).count }.reduce(0, +)
        #expect(g.summary.totalBytes == exports + file.bytes + toml)
    }

    @Test func sharesOfTiersAndCalendars() throws {
        // 2000 organizations: 20% premium, 40% standard, 40% none; 30% with a calendar.
        let g = try GeneratedExports(GeneratorOptions(cases: 200, seed: 4, zones: 20, customers: 2000))
        defer { g.cleanUp() }
        let rows = try Organizations(g).rows
        func share(_ keep: (Organizations.Row) -> Bool) -> Double { Double(rows.filter(keep).count) / 2000 }
        #expect(abs(share { $0.tier == "premium" } - 0.2) < 0.03)
        #expect(abs(share { $0.tier == "standard" } - 0.4) < 0.03)
        #expect(abs(share { $0.tier.isEmpty } - 0.4) < 0.03)
        #expect(abs(share { !$0.calendar.isEmpty } - 0.3) < 0.03)
        for name in calendarNames { #expect(abs(share { $0.calendar == name } - 0.075) < 0.02, "\(name)") }
        // Some leave their zone to their calendar: only calendars with a zone of their own.
        let zoneless = rows.filter { $0.timeZone.isEmpty }
        #expect(!zoneless.isEmpty)
        #expect(zoneless.allSatisfy { ["emea", "apac", "us"].contains($0.calendar) })
    }
}

@Suite struct OrganizationZoneTests {
    @Test func theClocksUseExactlyTheFirstKZones() throws {
        // The report's zone (America/Chicago, 14th) is outside the first K for K < 14: a clock
        // falling back to it would show.
        for k in [1, 2, 3, 9, 13, 20] {
            let options = GeneratorOptions(
                cases: 1000, seed: UInt64(k), timeZone: "America/Chicago", zones: k, customers: 200)
            let g = try GeneratedExports(options)
            defer { g.cleanUp() }
            let orgs = try Organizations(g)
            let config = try TOMLTable(string: String(decoding: try g.data("slacheck.toml"), as: UTF8.self))
            let calendars = try #require(config["calendars"]?.table)
            func clockZone(_ row: Organizations.Row) -> String {
                if !row.timeZone.isEmpty { return row.timeZone }
                if !row.calendar.isEmpty, let zone = calendars[row.calendar]?.table?["timezone"]?.string { return zone }
                return "America/Chicago"
            }
            #expect(orgs.accepted.count == 200)
            #expect(Set(orgs.accepted.map(clockZone)) == Set(allZones.prefix(k)), "K = \(k)")
            // Dealt evenly: the organizations with a zone of their own differ by at most one per zone.
            var perZone: [String: Int] = [:]
            for row in orgs.rows where !row.timeZone.isEmpty { perZone[row.timeZone, default: 0] += 1 }
            let counts = perZone.values
            #expect((counts.max() ?? 0) - (counts.min() ?? 0) <= 1, "K = \(k): \(perZone)")
            // No calendar zone among the first K: nobody may leave the zone empty.
            if k < 3 { #expect(orgs.rows.allSatisfy { !$0.timeZone.isEmpty }) }
        }
    }

    @Test func theZoneNamesAreKnownAndTheBrokenOnesAreNot() {
        for name in allZones { #expect(TimeZoneRules(identifier: name) != nil, "\(name)") }
        #expect(CustomerBase.zoneNames == allZones)
        for name in OrganizationQuirk.unknownTimeZone.badValues {
            #expect(TimeZoneRules(identifier: name) == nil, "\(name)")
        }
    }
}

@Suite struct OrganizationMessyTests {
    @Test func exactlyTheDocumentedBrokenRows() throws {
        let g = try GeneratedExports(GeneratorOptions(cases: 5000, seed: 3, messy: true, zones: 8, customers: 100))
        defer { g.cleanUp() }
        let orgs = try Organizations(g)
        // 100 organizations, 3 left out, 2 duplicate rows.
        #expect(orgs.rows.count == 100 - 3 + 2)
        let badZone = orgs.rows.filter { !$0.timeZone.isEmpty && !allZones.contains($0.timeZone) }
        let badCalendar = orgs.rows.filter { !$0.calendar.isEmpty && !calendarNames.contains($0.calendar) }
        let badTier = orgs.rows.filter { !$0.tier.isEmpty && !tierNames.contains($0.tier) }
        #expect(badZone.count == 2)
        #expect(badCalendar.count == 2)
        #expect(badTier.count == 2)
        #expect(badZone.allSatisfy { TimeZoneRules(identifier: $0.timeZone) == nil })
        // One wrong value per row.
        #expect(Set(badZone.map(\.id) + badCalendar.map(\.id) + badTier.map(\.id)).count == 6)
        // Two org_ids come twice, the second time at the end of the file.
        let ids = orgs.rows.map(\.id)
        #expect(ids.count - Set(ids).count == 2)
        #expect(Set(ids.dropLast(2)).count == ids.count - 2)
        #expect(ids.suffix(2).allSatisfy { ids.dropLast(2).contains($0) })

        // Three organizations with cases have no row, and they are the smallest.
        let perOrg = try casesPerOrg(g)
        let listed = Set(ids)
        let missing = Set(perOrg.keys).subtracting(listed)
        #expect(missing.count == 3)
        #expect(Set(g.summary.organizationsLeftOut) == missing)
        // The fewest cases; one more allowed, for the one messy row whose org_id was emptied.
        let smallestListed = perOrg.filter { listed.contains($0.key) }.values.min() ?? 0
        for org in missing { #expect((perOrg[org] ?? 0) <= smallestListed + 1, "\(org)") }

        #expect(g.summary.quirks["organizations.csv: bad-value"] == 6)
        #expect(g.summary.quirks["organizations.csv: duplicate-id"] == 2)
        #expect(g.summary.quirks["organizations.csv: left-out"] == 3)
    }

    @Test func aCleanRunBreaksNothing() throws {
        let g = try GeneratedExports(GeneratorOptions(cases: 5000, seed: 3, zones: 8, customers: 100))
        defer { g.cleanUp() }
        let orgs = try Organizations(g)
        #expect(orgs.rows.count == 100 && orgs.accepted.count == 100)
        #expect(Set(try casesPerOrg(g).keys).isSubset(of: Set(orgs.rows.map(\.id))))
    }

    @Test func aSmallPoolIsLeftWhole() throws {
        // Fewer than 20 organizations: messy leaves organizations.csv alone.
        let g = try GeneratedExports(GeneratorOptions(cases: 2000, seed: 6, messy: true, zones: 3, customers: 19))
        defer { g.cleanUp() }
        let orgs = try Organizations(g)
        #expect(orgs.rows.count == 19 && orgs.accepted.count == 19)
        #expect(g.summary.organizationsLeftOut.isEmpty)
        #expect(g.summary.quirks.keys.allSatisfy { !$0.hasPrefix("organizations.csv") })
    }
}

@Suite struct OrganizationConfigurationTests {
    private func config(_ options: GeneratorOptions) throws -> (TOMLTable, Organizations) {
        let g = try GeneratedExports(options)
        defer { g.cleanUp() }
        return (
            try TOMLTable(string: String(decoding: try g.data("slacheck.toml"), as: UTF8.self)), try Organizations(g)
        )
    }

    /// `{ target, clock }` of a severity entry.
    private func entry(_ table: TOMLTable?, _ severity: String) -> [String] {
        guard let e = table?[severity]?.table else { return [] }
        return [e["target"]?.string ?? "", e["clock"]?.string ?? ""]
    }

    @Test func theConfigurationDefinesWhatTheRowsName() throws {
        let (root, orgs) = try config(
            GeneratorOptions(
                cases: 3000, seed: 8, from: CivilDate(year: 2026, month: 8, day: 1),
                to: CivilDate(year: 2026, month: 11, day: 1), months: 3, timeZone: "Asia/Tokyo", messy: true, zones: 12)
        )
        // SPEC section 4 (v2): only these top-level keys.
        #expect(Set(root.keys) == ["timezone", "calendar", "calendars", "targets", "tiers", "contracts"])
        #expect(root["timezone"]?.string == "Asia/Tokyo")
        let calendars = try #require(root["calendars"]?.table)
        let tiers = try #require(root["tiers"]?.table)
        #expect(Set(calendars.keys) == calendarNames)
        #expect(Set(tiers.keys) == tierNames)
        for row in orgs.accepted {
            if !row.calendar.isEmpty { #expect(calendars.keys.contains(row.calendar), "\(row.calendar)") }
            if !row.tier.isEmpty { #expect(tiers.keys.contains(row.tier), "\(row.tier)") }
        }
        #expect(orgs.accepted.contains { $0.calendar.isEmpty } && orgs.accepted.contains { $0.tier.isEmpty })

        // The calendars.
        let emea = calendars["emea"]?.table
        #expect(emea?["timezone"]?.string == "Europe/Berlin")
        let emeaHolidays = emea?["holidays"]?.array?.compactMap { $0.string } ?? []
        #expect(Set(emeaHolidays) == ["2026-12-24 08:00-12:00", "2026-12-25", "2026-12-26", "2026-10-03"])
        let apac = calendars["apac"]?.table
        #expect(apac?["timezone"]?.string == "Australia/Sydney")
        #expect(apac?["hours"]?.array?.compactMap { $0.string } == ["08:00-12:00", "13:00-17:00"])
        #expect(apac?["holidays"]?.array?.compactMap { $0.string } == ["2026-04-03"])
        let us = calendars["us"]?.table
        #expect(us?["timezone"]?.string == "America/New_York")
        #expect(us?["days"]?.table?["fri"]?.string == "08:00-13:00")
        #expect(Set(us?["holidays"]?.array?.compactMap { $0.string } ?? []) == ["2026-11-26", "2026-07-03"])
        let weekend = calendars["weekend"]?.table
        #expect(weekend?["timezone"] == nil)
        #expect(weekend?["hours"]?.string == "09:00-17:00")
        #expect(weekend?["days"]?.table?["sat"]?.array?.compactMap { $0.string } == ["10:00-14:00"])

        // The tiers, which name only a defined calendar.
        let premium = tiers["premium"]?.table
        #expect(premium?["calendar"]?.string == "emea")
        #expect(entry(premium?["first_response"]?.table, "1") == ["30m", "24x7"])
        #expect(entry(premium?["first_response"]?.table, "2") == ["1h", "business"])
        let standard = tiers["standard"]?.table?["first_response"]?.table
        #expect(standard?.keys == ["3"])
        #expect(entry(standard, "3") == ["3h", "business"])

        // One amendment from the first day of the last generated month (October).
        let contracts = try #require(root["contracts"]?.array)
        #expect(contracts.count == 1)
        let contract = contracts.first?.table
        #expect(contract?["from"]?.string == "2026-10-01")
        #expect(entry(contract?["targets"]?.table?["first_response"]?.table, "2") == ["90m", "business"])
        let amendedTiers = contract?["tiers"]?.table
        let amendedTierNames = Set(amendedTiers?.keys ?? [])
        #expect(amendedTierNames.isSubset(of: tierNames))
        #expect(entry(amendedTiers?["premium"]?.table?["first_response"]?.table, "1") == ["20m", "24x7"])
    }

    @Test func theAmendmentStartsWithTheLastMonth() throws {
        // --to is exclusive: a period ending 2027-01-01 has December last; one ending mid-month
        // has that month last, even when --from is later in it.
        let cases: [(CivilDate, CivilDate, String)] = [
            (CivilDate(year: 2026, month: 12, day: 1), CivilDate(year: 2027, month: 1, day: 1), "2026-12-01"),
            (CivilDate(year: 2026, month: 10, day: 10), CivilDate(year: 2026, month: 10, day: 20), "2026-10-01"),
            (CivilDate(year: 2026, month: 3, day: 1), CivilDate(year: 2026, month: 4, day: 2), "2026-04-01"),
        ]
        for (from, to, expected) in cases {
            let (root, _) = try config(GeneratorOptions(cases: 50, from: from, to: to, zones: 1))
            #expect(root["contracts"]?.array?.first?.table?["from"]?.string == expected, "\(from)..\(to)")
        }
    }
}

@Suite struct OrganizationOptionTests {
    @Test func zonesAndCustomersAreChecked() {
        for options in [
            GeneratorOptions(cases: 10, zones: -1), GeneratorOptions(cases: 10, zones: 21),
            GeneratorOptions(cases: 10, customers: 0), GeneratorOptions(cases: 10, customers: 90_001),
        ] {
            #expect(throws: GeneratorError.self) { try options.validate() }
        }
        #expect(throws: Never.self) { try GeneratorOptions(cases: 10, zones: 20, customers: 90_000).validate() }
        #expect(throws: Never.self) { try GeneratorOptions(cases: 10, zones: 0, customers: 1).validate() }
    }

    @Test func ninetyThousandCustomersHaveDistinctIds() throws {
        let g = try GeneratedExports(GeneratorOptions(cases: 10, zones: 1, customers: 90_000))
        defer { g.cleanUp() }
        let ids = try Organizations(g).rows.map(\.id)
        #expect(ids.count == 90_000 && Set(ids).count == 90_000)
    }
}
