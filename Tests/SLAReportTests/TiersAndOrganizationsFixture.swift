import Foundation
import SLAConfig
import SLAEngine
import SLAReport
import SLATestSupport
import Testing

/// The report of `Fixtures/tiers-and-organizations`: two tiers, three organizations in three
/// zones (one named with Markdown and HTML in it, one like a spreadsheet formula) and one org
/// that organizations.csv leaves out. Every expected figure is worked out in its NOTES.md.
enum TiersAndOrganizations {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/tiers-and-organizations")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// The fixture's October 2026 as of 2026-10-31T12:00:00Z, through the real Loader, analysis and `Report`.
    static func report() throws -> Report {
        let config = try SLAConfig.load(path: folder.appendingPathComponent("slacheck.toml").path)
        let fixture = try MetricsFixture(
            config: config, cases: text("cases.csv"), escalations: text("escalations.csv"),
            organizations: text("organizations.csv"), asOf: "2026-10-31T12:00:00Z")
        return Report(fixture.run(fixture.october), data: fixture.data, context: fixture.context)
    }

    /// The hostile names of organizations.csv, as read.
    static let markupName = "a|b<script>\nevil()"
    static let formulaName = "=HYPERLINK(\"http://evil.example\",\"click\")"
}

/// Thirteen organizations without organizations.csv (UTC, default targets), all severity 1 (1h
/// on 24x7), built so that the ten lowest first-response compliances need every tie rule:
///
/// | org | met | breached | pending | compliance |
/// |---|---:|---:|---:|---:|
/// | ORG-01 | 1 | 0 | 0 | 1 |
/// | ORG-02 | 0 | 1 | 0 | 0 |
/// | ORG-03 | 0 | 2 | 0 | 0 |
/// | ORG-04 | 1 | 1 | 0 | 0.5 |
/// | ORG-05 | 2 | 2 | 0 | 0.5 |
/// | ORG-06 | 1 | 1 | 0 | 0.5 |
/// | ORG-07 | 0 | 0 | 1 | none: left out |
/// | ORG-08 | 3 | 1 | 0 | 0.75 |
/// | ORG-09 | 1 | 2 | 0 | 0.333 |
/// | ORG-10 | 4 | 1 | 0 | 0.8 |
/// | ORG-12 | 0 | 1 | 0 | 0 |
/// | ORG-13 | 2 | 0 | 0 | 1 |
/// | ORG-14 | 0 | 0 | 2 | none: left out |
///
/// Lowest first, more breaches first on equal compliance, then org_id: ORG-03 (0, 2 breaches),
/// ORG-02 and ORG-12 (0, 1 each), ORG-09, ORG-05 (0.5, 2), ORG-04 and ORG-06 (0.5, 1), ORG-08,
/// ORG-10, ORG-01 (1, 0): ten; ORG-13 (1, 0) is the eleventh, behind ORG-01 by org_id.
enum TopTenTies {
    static let expected = [
        "ORG-03", "ORG-02", "ORG-12", "ORG-09", "ORG-05", "ORG-04", "ORG-06", "ORG-08", "ORG-10", "ORG-01",
    ]

    static func report() throws -> Report {
        // (org, met, breached, pending), listed out of order on purpose.
        let orgs: [(String, Int, Int, Int)] = [
            ("ORG-13", 2, 0, 0), ("ORG-06", 1, 1, 0), ("ORG-01", 1, 0, 0), ("ORG-12", 0, 1, 0), ("ORG-09", 1, 2, 0),
            ("ORG-04", 1, 1, 0), ("ORG-07", 0, 0, 1), ("ORG-02", 0, 1, 0), ("ORG-10", 4, 1, 0), ("ORG-05", 2, 2, 0),
            ("ORG-14", 0, 0, 2), ("ORG-08", 3, 1, 0), ("ORG-03", 0, 2, 0),
        ]
        var rows = "case_id,org_id,created_at,severity,first_response_at\n"
        var n = 0
        for (org, met, breached, pending) in orgs {
            // Met: answered after 10 minutes; breached: after 2 hours; pending: created 30
            // minutes before as-of and not answered.
            for _ in 0..<met {
                n += 1
                rows += "C-\(n),\(org),2026-10-05T10:00:00Z,1,2026-10-05T10:10:00Z\n"
            }
            for _ in 0..<breached {
                n += 1
                rows += "C-\(n),\(org),2026-10-05T10:00:00Z,1,2026-10-05T12:00:00Z\n"
            }
            for _ in 0..<pending {
                n += 1
                rows += "C-\(n),\(org),2026-10-31T11:30:00Z,1,\n"
            }
        }
        let fixture = try MetricsFixture(cases: rows, asOf: "2026-10-31T12:00:00Z")
        return Report(fixture.run(fixture.october), data: fixture.data, context: fixture.context)
    }
}
