import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

/// Renders a report as the JSON document of SPEC section 5.
public enum JSONRenderer {
    /// Bumped whenever a path changes meaning or disappears (2: SPEC v2, which adds `by_tier`,
    /// `organizations`, restoration, resolution, update and the exclusions).
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
            ("restoration", target(r, .restoration)),
            ("resolution", target(r, .resolution)),
            ("update", target(r, .update)),
            ("rca", rca(r)),
            ("escalations", escalations(r)),
            ("submissions", submissions(r)),
            ("exclusions", .array(r.exclusions.map(exclusion))),
            ("organizations", .array(r.organizations.map(organization))),
            ("trend", .array(r.trend.map(trendRow))),
            ("data_quality", dataQuality(r)),
        ]).serialized()
    }

    static func responseTimes(_ r: Report) -> JSON {
        .object([
            ("compliance", .rate(r.responseCompliance)),
            ("compliance_raw", .rate(r.responseTotals.complianceRaw)),
            ("excluded", .int(r.responseTotals.excluded)),
            ("severity_basis", .string(r.severityBasis)),
            ("by_severity", .array(r.severities.map { severityRow($0) })),
            (
                "by_tier",
                .array(
                    r.tiers.map { t in
                        .object([
                            ("tier", .string(t.tier)), ("by_severity", .array(t.severities.map { severityRow($0) })),
                        ])
                    })
            ),
        ])
    }

    /// A `by_severity` row, of the whole report or of a tier: first response's (with
    /// `negative_duration` and `redeterminations`), or another kind's (`reopened` for resolution).
    static func severityRow(_ s: Report.SeverityRow, kind: SLAConfig.TargetKind = .firstResponse) -> JSON {
        var members: [(String, JSON)] = [
            ("severity", .int(s.severity)), ("clock", s.clock.map { .string($0) } ?? .null),
            ("target_seconds", s.targetSeconds.map { .int($0) } ?? .null), ("cases", .int(s.cases)),
            ("responded", .int(s.responded)), ("met", .int(s.met)), ("breached", .int(s.breached)),
            ("pending", .int(s.pending)), ("excluded", .int(s.excluded)),
        ]
        if kind == .firstResponse { members.append(("negative_duration", .int(s.negativeDuration))) }
        if kind == .resolution { members.append(("reopened", .int(s.reopened))) }
        members += [
            ("compliance", .rate(s.compliance)), ("compliance_raw", .rate(s.complianceRaw)),
            ("seconds", seconds(s.stats)),
        ]
        if kind == .firstResponse {
            members.append(
                ("redeterminations", .object([("upgraded", .int(s.upgraded)), ("downgraded", .int(s.downgraded))])))
        }
        return .object(members)
    }

    /// `{mean, p50, p90, p95, max}` in seconds; nulls without values.
    static func seconds(_ stats: DurationStats?) -> JSON {
        .object([
            ("mean", stats.map { .number($0.mean / 1000, decimals: 3) } ?? .null),
            ("p50", .seconds(millis: stats?.p50)), ("p90", .seconds(millis: stats?.p90)),
            ("p95", .seconds(millis: stats?.p95)), ("max", .seconds(millis: stats?.max)),
        ])
    }

    /// Restoration, resolution or update (SPEC 3.7-3.9): present whether measured or not (an
    /// unmeasured kind has no rows). Each case's figures are in the cases CSV, as first response's.
    static func target(_ r: Report, _ kind: SLAConfig.TargetKind) -> JSON {
        let t = r.target(kind)
        var members: [(String, JSON)] = [
            ("measured", .bool(t.measured)), ("compliance", .rate(t.totals.compliance)),
            ("compliance_raw", .rate(t.totals.complianceRaw)), ("excluded", .int(t.totals.excluded)),
        ]
        if kind == .resolution { members.append(("reopened", .int(t.totals.reopened))) }
        members += [
            ("pause_on", .array(t.pauseOn.map { .string($0) })),
            ("by_severity", .array(t.severities.map { severityRow($0, kind: kind) })),
            (
                "by_tier",
                .array(
                    t.tiers.map { tier in
                        .object([
                            ("tier", .string(tier.tier)),
                            ("by_severity", .array(tier.severities.map { severityRow($0, kind: kind) })),
                        ])
                    })
            ),
        ]
        return .object(members)
    }

    /// One listed exclusion (SPEC 3.10): the verdict it removed, or for `all` an object target →
    /// verdict of the targets whose population holds the case.
    static func exclusion(_ x: Report.ExclusionRow) -> JSON {
        let verdict: JSON =
            x.target == .all
            ? .object(x.verdicts.map { ($0.target.rawValue, .string($0.verdict)) })
            : x.verdicts.first.map { .string($0.verdict) } ?? .null
        return .object([
            ("case_id", .string(x.caseID)), ("target", .string(x.target.rawValue)), ("reason", .string(x.reason)),
            ("approved_by", x.approvedBy.map { .string($0) } ?? .null), ("verdict", verdict),
        ])
    }

    /// The met / breached / pending / excluded / compliance of one organization's cases on a kind.
    static func organizationTally(_ t: ResponseTally) -> JSON {
        .object([
            ("met", .int(t.met)), ("breached", .int(t.breached)), ("pending", .int(t.pending)),
            ("excluded", .int(t.excluded)), ("compliance", .rate(t.compliance)),
        ])
    }

    /// One organization of SPEC 3.11; `name` and `tier` are null when organizations.csv gives none.
    static func organization(_ o: Report.OrganizationRow) -> JSON {
        .object([
            ("org_id", .string(o.orgID)), ("name", o.name.map { .string($0) } ?? .null),
            ("tier", o.tier.map { .string($0) } ?? .null), ("timezone", .string(o.timezone)),
            ("calendar", .string(o.calendar)), ("known", .bool(o.known)), ("cases", .int(o.cases)),
            ("first_response", organizationTally(o.firstResponse)),
            ("restoration", organizationTally(o.targets[0])), ("resolution", organizationTally(o.targets[1])),
            ("update", organizationTally(o.targets[2])),
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
            ("pending", .int(r.rca.pending)), ("excluded", .int(r.rca.excluded)),
            ("compliance", .rate(r.rca.compliance)), ("compliance_raw", .rate(r.rca.complianceRaw)),
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
                            ("excluded", .bool(i.excluded)),
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
            // A disabled rule is not evaluated: it has no count (SPEC 4, v2), and is named in `disabled`.
            ("by_rule", .object(r.appliedRules.map { ($0.rawValue, .int(e.count($0))) })),
            ("disabled", .array(r.disabledRules.map { .string($0.rawValue) })),
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
        // A disabled check's figure is null (SPEC 4, v2).
        func figure(_ check: SubmissionCheck, _ count: Int) -> JSON {
            r.disabledSubmissionChecks.contains(check) ? .null : .int(count)
        }
        return .object([
            ("cases", .int(s.cases)), ("critical_not_by_phone", figure(.criticalNotByPhone, s.criticalNotByPhone)),
            ("incomplete_submission", figure(.incompleteSubmission, s.incompleteSubmission)),
            ("disabled", .array(r.disabledSubmissionChecks.map { .string($0.rawValue) })),
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
            ("restoration_compliance", .rate(t.targetCompliance[0])),
            ("resolution_compliance", .rate(t.targetCompliance[1])),
            ("update_compliance", .rate(t.targetCompliance[2])),
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
