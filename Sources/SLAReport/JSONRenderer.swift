import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

/// Renders a report as the JSON document of SPEC section 5.
public enum JSONRenderer {
    /// Bumped whenever a path changes meaning or disappears (2: SPEC v2, which adds `by_tier`,
    /// `organizations` and the exclusion fields).
    public static let schemaVersion = 2

    public static func render(_ r: Report) -> String {
        JSON.object([
            ("schema_version", .int(schemaVersion)),
            (
                "period",
                .object([
                    ("label", .string(r.period.label)), ("start", .instant(r.period.start)),
                    ("end", .instant(r.period.end)), ("timezone", .string(r.timezone)),
                ])
            ),
            ("as_of", .instant(r.asOf)),
            ("response_times", responseTimes(r)),
            ("rca", rca(r)),
            ("escalations", escalations(r)),
            ("submissions", submissions(r)),
            ("organizations", .array(r.organizations.map(organization))),
            ("trend", .array(r.trend.map(trendRow))),
            ("data_quality", dataQuality(r)),
        ]).serialized()
    }

    static func responseTimes(_ r: Report) -> JSON {
        .object([
            ("compliance", .rate(r.responseCompliance)),
            ("severity_basis", .string(r.severityBasis)),
            ("by_severity", .array(r.severities.map(severityRow))),
            (
                "by_tier",
                .array(
                    r.tiers.map { t in
                        .object([("tier", .string(t.tier)), ("by_severity", .array(t.severities.map(severityRow)))])
                    })
            ),
        ])
    }

    /// A `by_severity` row, of the whole report or of a tier. Nothing is excluded yet (exclusions.csv is
    /// not read): `excluded` is 0 and `compliance_raw` equals `compliance`.
    static func severityRow(_ s: Report.SeverityRow) -> JSON {
        .object([
            ("severity", .int(s.severity)), ("clock", .string(s.clock)),
            ("target_seconds", .int(s.targetSeconds)), ("cases", .int(s.cases)),
            ("responded", .int(s.responded)), ("met", .int(s.met)), ("breached", .int(s.breached)),
            ("pending", .int(s.pending)), ("excluded", .int(0)), ("negative_duration", .int(s.negativeDuration)),
            ("compliance", .rate(s.compliance)), ("compliance_raw", .rate(s.compliance)),
            (
                "seconds",
                .object([
                    ("mean", s.stats.map { .number($0.mean / 1000, decimals: 3) } ?? .null),
                    ("p50", .seconds(millis: s.stats?.p50)), ("p90", .seconds(millis: s.stats?.p90)),
                    ("p95", .seconds(millis: s.stats?.p95)), ("max", .seconds(millis: s.stats?.max)),
                ])
            ),
            (
                "redeterminations",
                .object([("upgraded", .int(s.upgraded)), ("downgraded", .int(s.downgraded))])
            ),
        ])
    }

    /// One organization of SPEC 3.11; `name` and `tier` are null when organizations.csv gives none.
    static func organization(_ o: Report.OrganizationRow) -> JSON {
        let f = o.firstResponse
        return .object([
            ("org_id", .string(o.orgID)), ("name", o.name.map { .string($0) } ?? .null),
            ("tier", o.tier.map { .string($0) } ?? .null), ("timezone", .string(o.timezone)),
            ("calendar", .string(o.calendar)), ("known", .bool(o.known)), ("cases", .int(o.cases)),
            (
                "first_response",
                .object([
                    ("met", .int(f.met)), ("breached", .int(f.breached)), ("pending", .int(f.pending)),
                    ("excluded", .int(0)), ("compliance", .rate(f.compliance)),
                ])
            ),
            (
                "escalations",
                .object([("total", .int(o.escalationsTotal)), ("invalid", .int(o.escalationsInvalid))])
            ),
        ])
    }

    static func rca(_ r: Report) -> JSON {
        .object([
            ("business_days", .int(r.rcaBusinessDays)), ("incidents", .int(r.rca.incidents)),
            ("on_time", .int(r.rca.onTime)), ("late", .int(r.rca.late)), ("overdue", .int(r.rca.overdue)),
            ("pending", .int(r.rca.pending)), ("compliance", .rate(r.rca.compliance)),
            (
                "items",
                .array(
                    r.rcaItems.map { i in
                        .object([
                            ("case_id", .string(r.names.caseID(i.caseID))), ("restored_at", .instant(i.restoredAt)),
                            ("due_date", .string(i.dueDate.description)), ("due_at", .instant(i.dueAt)),
                            ("delivered_at", .instant(i.deliveredAt)), ("verdict", .string(i.verdict)),
                            ("business_days_late", .int(i.businessDaysLate)),
                            ("timezone", .string(r.clockNames[Int(i.clock)].zone)),
                            ("calendar", .string(r.clockNames[Int(i.clock)].calendar)),
                        ])
                    })
            ),
        ])
    }

    static func group(_ rows: [Report.GroupRow]) -> JSON {
        .object(
            rows.map {
                (
                    $0.key,
                    .object([
                        ("total", .int($0.total)), ("invalid", .int($0.invalid)),
                        ("invalid_rate", .rate($0.invalidRate)),
                    ])
                )
            })
    }

    static func escalations(_ r: Report) -> JSON {
        let e = r.escalations
        return .object([
            ("total", .int(e.total)), ("invalid", .int(e.invalid)), ("invalid_rate", .rate(e.invalidRate)),
            ("by_rule", .object(EscalationRule.allCases.map { ($0.rawValue, .int(e.count($0))) })),
            ("by_priority", group(r.byPriority)), ("by_channel", group(r.byChannel)),
            ("by_deployment", group(r.byDeployment)), ("by_organization", group(r.byOrg)),
            (
                "decision_audit",
                .object([
                    ("approved_invalid", .int(e.approvedInvalid)), ("rejected_valid", .int(e.rejectedValid)),
                    ("pending", .int(e.pendingDecision)), ("decided_before_request", .int(e.decidedBeforeRequest)),
                    ("p50_seconds", .seconds(millis: r.decisionP50)),
                    ("p90_seconds", .seconds(millis: r.decisionP90)),
                ])
            ),
        ])
    }

    static func submissions(_ r: Report) -> JSON {
        let s = r.submissions
        let priorities = ["none"] + Priority.allCases.map(\.description)
        return .object([
            ("cases", .int(s.cases)), ("critical_not_by_phone", .int(s.criticalNotByPhone)),
            ("incomplete_submission", .int(s.incompleteSubmission)),
            (
                "matrix",
                .object(
                    priorities.enumerated().map { p, name in
                        (name, .object((1...4).map { (String($0), .int(s.matrix[p][$0 - 1])) }))
                    })
            ),
        ])
    }

    static func trendRow(_ t: Report.TrendRow) -> JSON {
        .object([
            ("month", .string(t.month)), ("cases", .int(t.cases)),
            ("response_compliance", .rate(t.responseCompliance)), ("rca_compliance", .rate(t.rcaCompliance)),
            ("escalation_invalid_rate", .rate(t.escalationInvalidRate)),
        ])
    }

    static func dataQuality(_ r: Report) -> JSON {
        .object([
            (
                "files",
                .array(
                    r.dataQuality.files.map { f in
                        .object([
                            ("kind", .string(f.kind.rawValue)), ("path", .string(f.path)),
                            ("rows_read", .int(f.rowsRead)), ("rows_rejected", .int(f.rowsRejected)),
                        ])
                    })
            ),
            ("findings", .object(r.dataQuality.findings.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
        ])
    }
}
