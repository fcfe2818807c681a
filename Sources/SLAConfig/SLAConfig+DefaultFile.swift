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

        timezone = "UTC"                     # IANA name; the calendar and naive timestamps use it

        [calendar]
        workdays = ["mon", "tue", "wed", "thu", "fri"]   # working days: mon tue wed thu fri sat sun
        hours = "08:00-17:00"                # local working hours on a workday
        holidays = []                        # ["2026-12-25", ...]: no working hours, no working day

        # PLACEHOLDER TARGETS: replace them with the figures of your support contract.
        # Genesys publishes the coverage (severity 1 around the clock; severities 2-4 Monday-Friday,
        # 08:00-17:00 customer local time) but not the response-time figures, which each contract sets.
        [targets.first_response]             # per severity: target and clock ("24x7" or "business")
        1 = { target = "1h", clock = "24x7" }
        2 = { target = "2h", clock = "business" }
        3 = { target = "4h", clock = "business" }
        4 = { target = "1d", clock = "business" }

        [rca]
        business_days = 5                    # RCA due by the end of the N-th working day after service is restored

        [escalations]
        high_priority_wait = "24h"           # wall-clock time since the last update before a high-priority escalation

        [input]
        delimiter = ","                      # "," ";" "\\t" or "|" (or "comma", "semicolon", "tab", "pipe")
        timestamp_formats = []               # tried after ISO 8601, e.g. ["%d-%m-%Y %H:%M:%S"]
        max_field_bytes = 1048576            # the longest CSV field accepted, in bytes (1 MiB)
        missing_tokens = []                  # values that mean "missing" in every input, e.g. ["?", "NULL", "n/a"]

        # Map a real export onto our column names and values, per file: cases, events, escalations.
        #   cases:       case_id, org_id, customer, created_at, severity, priority, channel, deployment,
        #                description, first_response_at, assigned_at, resolved_at, closed_at,
        #                platform_incident, service_restored_at, rca_delivered_at
        #   events:      case_id, at, type, value, actor
        #   escalations: escalation_id, case_id, requested_at, reason, channel, decision, decided_at,
        #                closed_at, owner
        [input.cases.columns]                # our name = the export's header
        # case_id = "Incident ID"
        [input.cases.values.severity]        # the export's value = ours
        # "P1" = 1
        # likewise [input.events.*] and [input.escalations.*]

        # An event-log export (one row per event) is read with --event-log FILE through an
        # [event_log] profile instead: see samples/profiles/ and README.md ("Real exports").

        """
}
