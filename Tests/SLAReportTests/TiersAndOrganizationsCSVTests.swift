import Foundation
import SLAEngine
import SLAReport
import Testing

/// `sla-P-organizations.csv` and the cases CSV's tier, time zone and calendar for
/// `Fixtures/tiers-and-organizations`; every expected value is worked out in its NOTES.md.
@Suite("CSV: organizations and the cases' clocks")
struct TiersAndOrganizationsCSVTests {
    @Test("sla-P-organizations.csv, byte for byte: one row per organization by org_id, names guarded and quoted")
    func organizations() throws {
        let csv = String(decoding: try CSVRenderer.organizations(try TiersAndOrganizations.report()), as: UTF8.self)
        let expected = [
            "org_id,name,tier,timezone,calendar,known,cases,first_response_met,first_response_breached,"
                + "first_response_pending,first_response_excluded,first_response_compliance,escalations_total,"
                + "escalations_invalid",
            "ORG-A,Alpha GmbH,gold,Europe/Berlin,default,yes,3,2,1,0,0,0.666667,1,1",
            // The line break keeps the name in quotes; `|` and `<` need nothing in CSV.
            "ORG-B,\"a|b<script>\nevil()\",silver,America/New_York,apac,yes,2,0,1,1,0,0,0,0",
            // The formula guard: a leading ', inside the quotes the comma and the doubled quotes need.
            "ORG-C,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",,Asia/Tokyo,default,yes,2,1,1,0,0,0.5,1,0",
            "ORG|Z,,,UTC,default,no,2,1,0,1,0,1,0,0",
        ]
        #expect(csv == expected.map { $0 + "\r\n" }.joined())
    }

    @Test("sla-P-cases.csv: tier, timezone and calendar appended; verdict stays the tenth column")
    func cases() throws {
        let csv = String(decoding: try CSVRenderer.cases(try TiersAndOrganizations.report()), as: UTF8.self)
        let expected = [
            "case_id,customer,org_id,severity,created_at,first_response_at,deadline,response_seconds,target_seconds,"
                + "verdict,tier,timezone,calendar",
            "A1,,ORG-A,1,2026-10-05T10:00:00Z,2026-10-05T10:20:00Z,2026-10-05T10:30:00Z,1200,1800,met,gold,Europe/Berlin,default",
            "A2,,ORG-A,1,2026-10-06T10:00:00Z,2026-10-06T10:45:00Z,2026-10-06T10:30:00Z,2700,1800,breached,gold,Europe/Berlin,default",
            "A3,,ORG-A,2,2026-10-07T07:00:00Z,2026-10-07T07:30:00Z,2026-10-07T08:00:00Z,1800,3600,met,gold,Europe/Berlin,default",
            "B1,,ORG-B,3,2026-10-05T13:00:00Z,2026-10-05T16:00:00Z,2026-10-05T15:00:00Z,10800,7200,breached,silver,America/New_York,apac",
            "B2,,ORG-B,1,2026-10-31T11:30:00Z,,2026-10-31T12:30:00Z,,3600,pending,silver,America/New_York,apac",
            "C1,,ORG-C,1,2026-10-08T00:00:00Z,2026-10-08T00:30:00Z,2026-10-08T01:00:00Z,1800,3600,met,,Asia/Tokyo,default",
            "C2,,ORG-C,1,2026-10-09T00:00:00Z,2026-10-09T02:00:00Z,2026-10-09T01:00:00Z,7200,3600,breached,,Asia/Tokyo,default",
            "Z1,,ORG|Z,4,2026-10-12T09:00:00Z,2026-10-12T10:00:00Z,2026-10-13T09:00:00Z,3600,32400,met,,UTC,default",
            "Z2,,ORG|Z,1,2026-10-31T11:45:00Z,,2026-10-31T12:45:00Z,,3600,pending,,UTC,default",
        ]
        #expect(csv == expected.map { $0 + "\r\n" }.joined())
    }

    @Test("the organizations file streams through a sink as it renders in memory")
    func streamed() throws {
        let report = try TiersAndOrganizations.report()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("slacheck-orgs-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let staged = StagedFiles(folder: folder)
        try staged.write("sla-2026-10-organizations.csv") { _ = try CSVRenderer.organizations(report, to: $0) }
        // Staged only: nothing under the final name until the set is committed.
        let final = folder.appendingPathComponent("sla-2026-10-organizations.csv")
        #expect(!FileManager.default.fileExists(atPath: final.path))
        try staged.commit()
        #expect(Array(try Data(contentsOf: final)) == (try CSVRenderer.organizations(report)))
    }
}
