import CSVStream
import Foundation
import SLATestSupport
import TestSupport
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLARules
@testable import SLATime

/// organizations.csv (SPEC v2 section 1): read like the other inputs, every bad row rejected with
/// its reason and column, cases of unlisted organizations counted.
@Suite("Loader: organizations.csv")
struct OrganizationsLoaderTests {
    let folder = TempFolder()

    @Test("Column and value maps; unknown zone, calendar and tier and a repeated id are rejected")
    func mapsAndRejections() throws {
        let config = try SLAConfig.parse(
            text: """
                [calendars.emea]
                timezone = "Europe/Berlin"
                [tiers.premium]
                [input.organizations.columns]
                org_id = "Account"
                tier = "Plan"
                [input.organizations.values.tier]
                "Gold" = "premium"
                """)
        let inputs = InputFiles(
            cases: [
                folder.write(
                    "cases.csv",
                    """
                    case_id,org_id,created_at,severity
                    C1,A,2026-10-05T09:00:00Z,3
                    C2,B,2026-10-05T09:00:00Z,3
                    C3,Z,2026-10-05T09:00:00Z,3
                    C4,Z,2026-10-06T09:00:00Z,3
                    C5,M,2026-10-06T09:00:00Z,3
                    """)
            ],
            organizations: [
                folder.write(
                    "organizations.csv",
                    """
                    Account,name,timezone,calendar,Plan,designated_contacts
                    A,Alpha,Australia/Sydney,EMEA,Gold, ann@a.example ; bob@a.example ;
                    B,Beta,,,,
                    M,Mars,Mars/Olympus,,,
                    X,Bad calendar,,apac,,
                    Y,Bad tier,,,Silver,
                    A,Alpha again,UTC,,,
                    Q,Lower-case zone,europe/berlin,,,
                    """)
            ])
        let data = try Loader(config: config).load(inputs)
        #expect(data.organizationsGiven)
        #expect(data.organizations.map(\.orgID) == ["A", "B"])
        let a = data.organizations[0]
        #expect(a.name == "Alpha")
        #expect(a.zone.map { data.zones[Int($0)].identifier } == "Australia/Sydney")
        #expect(a.calendar == 0)  // "EMEA": calendar names ignore case
        #expect(a.tier == 0)  // "Gold" mapped to premium
        #expect(a.designatedContacts == ["ann@a.example", "bob@a.example"])
        #expect(data.organizations[1].zone == nil && data.organizations[1].tier == nil)
        // Rejected rows, with line, column and reason (the header is line 1).
        let rejected = data.rejections.map { "\($0.line) \($0.column) \($0.reason.rawValue)" }
        #expect(
            rejected == [
                "4 timezone bad-value", "5 calendar bad-value", "6 tier bad-value", "7 org_id duplicate-id",
                "8 timezone bad-value",
            ])
        #expect(data.files.last.map { [$0.rowsRead, $0.rowsRejected] } == [7, 5])
        #expect(data.rejections[0].detail.contains("\"Mars/Olympus\" is not a known time zone"))
        #expect(data.rejections[1].detail.contains("\"apac\" is not a calendar of the configuration (emea)"))
        #expect(data.rejections[2].detail.contains("\"Silver\" is not a tier of the configuration (premium)"))
        // Cases of organizations not in the file (Z twice, M whose row was rejected): 3.
        #expect(data.unknownOrganizationCount == 3)
        #expect(data.organization(of: data.cases[0])?.orgID == "A")
        #expect(data.organization(of: data.cases[4]) == nil)
    }
}
