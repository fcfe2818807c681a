import SLAModel
import SLATime

extension SLAConfig {
    /// The commented default configuration that `slacheck config` prints: every key with its default.
    ///
    /// Parsing it gives exactly `SLAConfig.defaults` (a test checks this).
    public static let defaultFileText = """
        # slacheck configuration. Every key is optional: a key left out keeps the default shown here.
        # Durations are written 90m, 4h, 1h30m, 2d (units d, h, m, s, largest first). On a business
        # clock they count business time only, and there 1d is one working day (calendar.hours).

        timezone = "UTC"                     # IANA name: the report period, [calendar], contract dates and naive timestamps use it

        [calendar]
        workdays = ["mon", "tue", "wed", "thu", "fri"]   # working days: mon tue wed thu fri sat sun
        hours = "08:00-17:00"                # local working hours on a workday; split shifts as a list:
                                             # ["08:00-12:00", "13:00-17:00"]; 1d on a business clock is their total
        holidays = []                        # ["2026-12-25", ...]: no working hours, no working day;
                                             # "2026-12-24 08:00-12:00": a half day, those hours only
        # [calendar.days]                    # per-weekday hours replacing `hours` on that day
        # fri = "08:00-13:00"
        # sat = ["10:00-14:00"]              # a weekday listed here is a workday ([] : not one)

        # Each customer's own calendar, for organizations.csv (column `calendar`) and tiers: a copy
        # of [calendar] with the keys given here, and optionally its own time zone.
        # [calendars.emea]
        # timezone = "Europe/Berlin"
        # holidays = ["2026-12-24", "2026-12-25", "2026-12-26"]

        # PLACEHOLDER TARGETS: replace them with the figures of your support contract.
        # Genesys publishes the coverage (severity 1 around the clock; severities 2-4 Monday-Friday,
        # 08:00-17:00 customer local time) but not the response-time figures, which each contract sets.
        [targets]
        severity_basis = "creation"          # or "highest": the most severe level reached before the target stopped

        [targets.first_response]             # per severity: target and clock ("24x7" or "business"; default 24x7)
        1 = { target = "1h", clock = "24x7" }
        2 = { target = "2h", clock = "business" }
        3 = { target = "4h", clock = "business" }
        4 = { target = "1d", clock = "business" }

        # More targets (none by default: a severity without an entry is not measured). pause_on: the
        # statuses the clock stops in; resolution and update also stop while resolved or closed.
        # [targets.restoration]              # platform incidents: created_at to the restore
        # 1 = { target = "4h", clock = "24x7" }
        # [targets.resolution]               # created_at to the last resolution that still stands
        # pause_on = ["waiting_on_customer"]
        # 3 = { target = "5d", clock = "business" }
        # [targets.update]                   # the longest gap between support updates
        # pause_on = ["waiting_on_customer"]
        # 1 = { target = "2h", clock = "24x7" }

        # Contract tiers, for organizations.csv (column `tier`): entries replacing the defaults'.
        # [tiers.premium]
        # calendar = "emea"                  # the calendar of its organizations that name none
        # [tiers.premium.first_response]
        # 1 = { target = "30m", clock = "24x7" }

        # Contract amendments: from a date on (local date of the case's creation, report time
        # zone), the entries given replace the same ones; everything else stays. Ascending dates.
        # [[contracts]]
        # from = "2026-07-01"
        # [contracts.targets.first_response]
        # 2 = { target = "90m", clock = "business" }
        # [contracts.tiers.premium.first_response]
        # 1 = { target = "20m", clock = "24x7" }

        [rca]
        business_days = 5                    # RCA due by the end of the N-th working day after service is restored

        [escalations]
        high_priority_wait = "24h"           # wall-clock time since the last update before a high-priority escalation

        [checks]
        disabled = []                        # escalation rules and submission checks to leave out: not checked,
                                             # not counted, named as disabled in the report. Codes: case-not-active,
                                             # awaiting-customer, urgency-change, rca-too-early, low-priority,
                                             # high-priority-too-soon, already-open, fedramp-unassigned,
                                             # critical-not-by-phone (the rule and the submission check),
                                             # incomplete-submission, undesignated-contact, no-backup-contact
                                             # e.g. ["fedramp-unassigned", "incomplete-submission"]

        [input]
        delimiter = ","                      # "," ";" "\\t" or "|" (or "comma", "semicolon", "tab", "pipe")
        timestamp_formats = []               # tried after ISO 8601, e.g. ["%d-%m-%Y %H:%M:%S"]
        max_field_bytes = 1048576            # the longest CSV field accepted, in bytes (1 MiB)
        missing_tokens = []                  # values that mean "missing" in every input, e.g. ["?", "NULL", "n/a"]

        # Map a real export onto our column names and values, per file: cases, events, escalations,
        # organizations, exclusions.
        #   cases:       case_id, org_id, customer, created_at, severity, priority, channel, deployment,
        #                description, first_response_at, assigned_at, resolved_at, closed_at,
        #                platform_incident, service_restored_at, rca_delivered_at
        #   events:      case_id, at, type, value, actor
        #   escalations: escalation_id, case_id, requested_at, reason, channel, decision, decided_at,
        #                closed_at, owner
        #   organizations: org_id, name, timezone, calendar, tier, designated_contacts
        #   exclusions:  case_id, target, reason, approved_by
        [input.cases.columns]                # our name = the export's header
        # case_id = "Incident ID"
        [input.cases.values.severity]        # the export's value = ours
        # "P1" = 1
        # likewise [input.events.*], [input.escalations.*], [input.organizations.*], [input.exclusions.*]

        # An event-log export (one row per event) is read with --event-log FILE through an
        # [event_log] profile instead: see samples/profiles/ and README.md ("Real exports").

        """
}
