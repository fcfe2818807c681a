import Foundation

@testable import SLAConfig
@testable import SLAModel
@testable import SLATime

/// A small month for `[checks] disabled` (SPEC section 4, v2), worked out by hand.
///
/// UTC, default targets. Every case is created Mon 2026-10-05 09:00Z, severity 2, priority medium,
/// commercial, by phone, with a customer and a description, unless its row says otherwise. Every
/// escalation is requested Wed 2026-10-07 10:00Z for business_impact by phone.
///
/// | case | what is special | its escalation | rules it breaks, all applied |
/// |---|---|---|---|
/// | CF | fedramp, never assigned | EF, approved 10:30 | fedramp-unassigned |
/// | CB | fedramp, never assigned, priority low | EB, approved 10:30 | low-priority, fedramp-unassigned |
/// | CC | severity 1, raised by email | EC by email, rejected 11:00 | critical-not-by-phone |
/// | CP | raised through the portal, no customer, no description | — | — |
/// | CV | — | EV, rejected 11:00 | — |
///
/// Submissions (the row's values): CC is critical (severity 1) and not by phone → one
/// critical-not-by-phone; CP is a portal case without customer or description → one
/// incomplete-submission. Five cases.
///
/// With `fedramp-unassigned` and `critical-not-by-phone` disabled (`config(disabling:)`), EF
/// breaks no rule that is applied → valid; EB breaks low-priority → invalid; EC → valid. So:
/// total 4, invalid 1 (EB), by rule low-priority 1 and the two disabled rules not counted;
/// decision audit: approved although invalid 1 (EB; EF would be the second with every rule),
/// rejected although valid 2 (EC and EV; EC was invalid with every rule). Submissions: the
/// critical-not-by-phone figure is not counted; incomplete-submission 1.
public enum DisabledChecksFixture {
    public static let cases = """
        case_id,org_id,customer,created_at,severity,priority,channel,deployment,description
        CF,o1,Acme,2026-10-05T09:00:00Z,2,medium,phone,fedramp,Slow
        CB,o1,Acme,2026-10-05T09:00:00Z,2,low,phone,fedramp,Slow
        CC,o2,Zeta,2026-10-05T09:00:00Z,1,medium,email,commercial,Down
        CP,o2,,2026-10-05T09:00:00Z,2,medium,portal,commercial,
        CV,o2,Zeta,2026-10-05T09:00:00Z,2,medium,phone,commercial,Slow
        """

    public static let escalations = """
        escalation_id,case_id,requested_at,reason,channel,decision,decided_at
        EF,CF,2026-10-07T10:00:00Z,business_impact,phone,approved,2026-10-07T10:30:00Z
        EB,CB,2026-10-07T10:00:00Z,business_impact,phone,approved,2026-10-07T10:30:00Z
        EC,CC,2026-10-07T10:00:00Z,business_impact,email,rejected,2026-10-07T11:00:00Z
        EV,CV,2026-10-07T10:00:00Z,business_impact,phone,rejected,2026-10-07T11:00:00Z
        """

    /// The defaults with `[checks] disabled = codes`, read as a configuration file is.
    public static func config(disabling codes: [String]) throws -> SLAConfig {
        let list = codes.map { "\"\($0)\"" }.joined(separator: ", ")
        return try SLAConfig.parse(text: "[checks]\ndisabled = [\(list)]\n")
    }

    /// The month with `codes` disabled, as of the end of October.
    public static func fixture(disabling codes: [String]) throws -> MetricsFixture {
        try MetricsFixture(
            config: config(disabling: codes), cases: cases, escalations: escalations, asOf: "2026-10-31T00:00:00Z")
    }
}
