import Foundation
import SLAReport
import Testing

/// The JSON of SPEC 5's v2 paths for `Fixtures/tiers-and-organizations`; every expected value
/// is worked out in its NOTES.md.
@Suite("JSON: by tier and by organization")
struct TiersAndOrganizationsJSONTests {
    let doc: [String: Any]

    init() throws {
        let text = JSONRenderer.render(try TiersAndOrganizations.report())
        doc = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The object or array element at a dotted path (`a.b.0.c`).
    func at(_ path: String) -> Any? {
        var node: Any? = doc
        for part in path.split(separator: ".") {
            if let index = Int(part), let list = node as? [Any] {
                node = index < list.count ? list[index] : nil
            } else {
                node = (node as? [String: Any])?[String(part)]
            }
        }
        return node
    }

    func number(_ path: String) -> Double? { (at(path) as? NSNumber)?.doubleValue }

    /// Compares one row of `by_severity` with the expected figures (nil: JSON null).
    func expectRow(
        _ path: String, severity: Int, clock: String, target: Int, cases: Int, responded: Int, met: Int,
        breached: Int, pending: Int, compliance: Double?, seconds: [Double?],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let want: [(String, Double?)] = [
            ("severity", Double(severity)), ("target_seconds", Double(target)), ("cases", Double(cases)),
            ("responded", Double(responded)), ("met", Double(met)), ("breached", Double(breached)),
            ("pending", Double(pending)), ("excluded", 0), ("negative_duration", 0), ("compliance", compliance),
            ("compliance_raw", compliance),
        ]
        for (key, value) in want {
            if let value {
                #expect(number("\(path).\(key)") == value, "\(path).\(key)", sourceLocation: sourceLocation)
            } else {
                #expect(at("\(path).\(key)") is NSNull, "\(path).\(key) should be null", sourceLocation: sourceLocation)
            }
        }
        #expect(at("\(path).clock") as? String == clock, "\(path).clock", sourceLocation: sourceLocation)
        for (key, value) in zip(["mean", "p50", "p90", "p95", "max"], seconds) {
            if let value {
                #expect(
                    number("\(path).seconds.\(key)") == value, "\(path).seconds.\(key)", sourceLocation: sourceLocation)
            } else {
                #expect(
                    at("\(path).seconds.\(key)") is NSNull, "\(path).seconds.\(key)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test("schema_version is 2")
    func version() {
        #expect(number("schema_version") == 2)
    }

    @Test("by_severity keeps its figures and gains excluded 0 and compliance_raw")
    func bySeverity() {
        #expect(abs((number("response_times.compliance") ?? -1) - 0.571429) < 1e-9)
        let p = "response_times.by_severity"
        expectRow(
            "\(p).0", severity: 1, clock: "24x7", target: 3600, cases: 6, responded: 4, met: 2, breached: 2,
            pending: 2, compliance: 0.5, seconds: [3225, 1800, 7200, 7200, 7200])
        expectRow(
            "\(p).1", severity: 2, clock: "business", target: 7200, cases: 1, responded: 1, met: 1, breached: 0,
            pending: 0, compliance: 1, seconds: [1800, 1800, 1800, 1800, 1800])
        expectRow(
            "\(p).2", severity: 3, clock: "business", target: 14400, cases: 1, responded: 1, met: 0, breached: 1,
            pending: 0, compliance: 0, seconds: [10800, 10800, 10800, 10800, 10800])
        expectRow(
            "\(p).3", severity: 4, clock: "business", target: 32400, cases: 1, responded: 1, met: 1, breached: 0,
            pending: 0, compliance: 1, seconds: [3600, 3600, 3600, 3600, 3600])
    }

    @Test("by_tier: every configured tier in the configuration's order, on its own targets")
    func byTier() {
        #expect((at("response_times.by_tier") as? [Any])?.count == 2)
        #expect(at("response_times.by_tier.0.tier") as? String == "gold")
        #expect(at("response_times.by_tier.1.tier") as? String == "silver")
        let gold = "response_times.by_tier.0.by_severity"
        let none: [Double?] = [nil, nil, nil, nil, nil]
        expectRow(
            "\(gold).0", severity: 1, clock: "24x7", target: 1800, cases: 2, responded: 2, met: 1, breached: 1,
            pending: 0, compliance: 0.5, seconds: [1950, 1200, 2700, 2700, 2700])
        expectRow(
            "\(gold).1", severity: 2, clock: "business", target: 3600, cases: 1, responded: 1, met: 1, breached: 0,
            pending: 0, compliance: 1, seconds: [1800, 1800, 1800, 1800, 1800])
        expectRow(
            "\(gold).2", severity: 3, clock: "business", target: 14400, cases: 0, responded: 0, met: 0, breached: 0,
            pending: 0, compliance: nil, seconds: none)
        expectRow(
            "\(gold).3", severity: 4, clock: "business", target: 32400, cases: 0, responded: 0, met: 0, breached: 0,
            pending: 0, compliance: nil, seconds: none)
        let silver = "response_times.by_tier.1.by_severity"
        expectRow(
            "\(silver).0", severity: 1, clock: "24x7", target: 3600, cases: 1, responded: 0, met: 0, breached: 0,
            pending: 1, compliance: nil, seconds: none)
        expectRow(
            "\(silver).1", severity: 2, clock: "business", target: 7200, cases: 0, responded: 0, met: 0, breached: 0,
            pending: 0, compliance: nil, seconds: none)
        expectRow(
            "\(silver).2", severity: 3, clock: "business", target: 7200, cases: 1, responded: 1, met: 0, breached: 1,
            pending: 0, compliance: 0, seconds: [10800, 10800, 10800, 10800, 10800])
        expectRow(
            "\(silver).3", severity: 4, clock: "business", target: 32400, cases: 0, responded: 0, met: 0, breached: 0,
            pending: 0, compliance: nil, seconds: none)
    }

    @Test("organizations[]: every org with a case in the period, by org_id, with its clock, figures and escalations")
    func organizations() throws {
        let orgs = try #require(at("organizations") as? [[String: Any]])
        #expect(orgs.map { $0["org_id"] as? String } == ["ORG-A", "ORG-B", "ORG-C", "ORG|Z"])
        // (name, tier, timezone, calendar, known, cases, met, breached, pending, compliance, escalations, invalid)
        let want: [(String?, String?, String, String, Bool, Int, Int, Int, Int, Double?, Int, Int)] = [
            ("Alpha GmbH", "gold", "Europe/Berlin", "default", true, 3, 2, 1, 0, 0.666667, 1, 1),
            (TiersAndOrganizations.markupName, "silver", "America/New_York", "apac", true, 2, 0, 1, 1, 0, 0, 0),
            (TiersAndOrganizations.formulaName, nil, "Asia/Tokyo", "default", true, 2, 1, 1, 0, 0.5, 1, 0),
            (nil, nil, "UTC", "default", false, 2, 1, 0, 1, 1, 0, 0),
        ]
        for (o, w) in zip(orgs, want) {
            let id = o["org_id"] as? String ?? "?"
            if let name = w.0 {
                #expect(o["name"] as? String == name, "\(id) name")
            } else {
                #expect(o["name"] is NSNull)
            }
            if let tier = w.1 {
                #expect(o["tier"] as? String == tier, "\(id) tier")
            } else {
                #expect(o["tier"] is NSNull)
            }
            #expect(o["timezone"] as? String == w.2, "\(id) timezone")
            #expect(o["calendar"] as? String == w.3, "\(id) calendar")
            #expect((o["known"] as? NSNumber)?.boolValue == w.4, "\(id) known")
            #expect((o["cases"] as? NSNumber)?.intValue == w.5, "\(id) cases")
            let f = o["first_response"] as? [String: Any] ?? [:]
            #expect((f["met"] as? NSNumber)?.intValue == w.6, "\(id) met")
            #expect((f["breached"] as? NSNumber)?.intValue == w.7, "\(id) breached")
            #expect((f["pending"] as? NSNumber)?.intValue == w.8, "\(id) pending")
            #expect((f["excluded"] as? NSNumber)?.intValue == 0, "\(id) excluded")
            if let c = w.9 {
                #expect((f["compliance"] as? NSNumber)?.doubleValue == c, "\(id) compliance")
            } else {
                #expect(f["compliance"] is NSNull, "\(id) compliance")
            }
            let e = o["escalations"] as? [String: Any] ?? [:]
            #expect((e["total"] as? NSNumber)?.intValue == w.10, "\(id) escalations")
            #expect((e["invalid"] as? NSNumber)?.intValue == w.11, "\(id) invalid")
            // Exactly the keys of SPEC 5, plus calendar and known; the kinds no table measures are
            // zeros with no compliance.
            #expect(
                Array(o.keys).sorted() == [
                    "calendar", "cases", "escalations", "first_response", "known", "name",
                    "org_id", "resolution", "restoration", "tier", "timezone", "update",
                ])
            for kind in ["restoration", "resolution", "update"] {
                let t = o[kind] as? [String: Any] ?? [:]
                #expect(
                    ["met", "breached", "pending", "excluded"].map { (t[$0] as? NSNumber)?.intValue } == [0, 0, 0, 0],
                    "\(id) \(kind)")
                #expect(t["compliance"] is NSNull, "\(id) \(kind) compliance")
            }
        }
    }

    @Test("data_quality: the organizations file and unknown-organization (ORG|Z's two cases)")
    func dataQuality() {
        #expect(number("data_quality.findings.unknown-organization") == 2)
        let kinds = (at("data_quality.files") as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(kinds.contains("organizations"))
    }

    @Test("keys keep their order: by_tier after by_severity, organizations after submissions")
    func keyOrder() throws {
        let text = JSONRenderer.render(try TiersAndOrganizations.report())
        func offset(_ s: String) -> Int {
            text.range(of: s).map { text.distance(from: text.startIndex, to: $0.lowerBound) } ?? -1
        }
        #expect(offset("\"schema_version\": 2,") == 4)
        #expect(offset("\"by_severity\"") < offset("\"by_tier\""))
        #expect(offset("\"submissions\"") < offset("\"organizations\""))
        #expect(offset("\"organizations\"") < offset("\"trend\""))
    }
}
