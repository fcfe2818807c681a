-- sla.sql: slacheck's monthly SLA report (SPEC 1-3, 5) as one DuckDB script.
--
-- Run parameters come in as session variables, set before this script (run.py does it):
--   in_dir      VARCHAR      folder holding cases.csv, case_events.csv, escalations.csv
--   out_dir     VARCHAR      folder for sla-<label>-cases.csv / -escalations.csv / -rca.csv
--   label       VARCHAR      period label, e.g. '2026-10'
--   p_from      DATE         first local date of the period
--   p_to        DATE         first local date after the period
--   as_of_arg   TIMESTAMPTZ  explicit as-of, or NULL for "latest instant in the inputs"
-- The last statement returns one row, one VARCHAR column: the figures as JSON.
--
-- Configuration (slacheck's defaults). Edit here to change it.
SET TimeZone = 'UTC';                                    -- session zone: only for casts/printing
SET VARIABLE tz        = 'UTC';                          -- calendar.timezone
SET VARIABLE workdays  = [1, 2, 3, 4, 5];                -- ISO day of week, Mon..Fri
SET VARIABLE day_start = INTERVAL 8 HOUR;                -- calendar.hours = "08:00-17:00"
SET VARIABLE day_end   = INTERVAL 17 HOUR;
SET VARIABLE holidays  = []::DATE[];
SET VARIABLE rca_days  = 5;                              -- rca.business_days
SET VARIABLE hp_wait_us = 24 * 3600 * 1000000::BIGINT;   -- escalation high_priority_wait (wall clock)

-- per severity: clock and target. '1d' on a business clock = one nominal working day (9h).
CREATE OR REPLACE TEMP TABLE sev_cfg AS
SELECT * FROM (VALUES (1, '24x7',     3600),
                      (2, 'business', 2 * 3600),
                      (3, 'business', 4 * 3600),
                      (4, 'business', 9 * 3600)) t(severity, clock, target_s);

-- ---------------------------------------------------------------- helpers
-- RFC 3339 UTC text for an instant (fraction only when non-zero)
CREATE OR REPLACE TEMP MACRO iso(x) AS
    CASE WHEN x IS NULL THEN NULL
         WHEN epoch_us(x) % 1000000 = 0 THEN strftime(x AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ')
         ELSE rtrim(strftime(x AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%f'), '0') || 'Z' END;
-- microseconds -> seconds as text: integer when whole
CREATE OR REPLACE TEMP MACRO secs_txt(us) AS
    CASE WHEN us IS NULL THEN NULL
         WHEN us % 1000000 = 0 THEN (us // 1000000)::VARCHAR
         ELSE rtrim(printf('%.6f', us / 1e6), '0') END;
-- microseconds -> seconds as a JSON number
CREATE OR REPLACE TEMP MACRO secs(us) AS
    CASE WHEN us % 1000000 = 0 THEN to_json(us // 1000000) ELSE to_json(round(us / 1e6, 6)) END;
-- CSV injection guard (SPEC 5)
CREATE OR REPLACE TEMP MACRO csv_text(s) AS
    CASE WHEN regexp_matches(s, '^[=+\-@\t\r]') THEN '''' || s ELSE s END;
CREATE OR REPLACE TEMP MACRO ratio(a, b) AS CASE WHEN b = 0 THEN NULL ELSE round(a / b, 6) END;
-- enumerations (the clean generator writes canonical spellings; these accept the usual variants)
CREATE OR REPLACE TEMP MACRO sev_of(v) AS
    CASE lower(trim(v)) WHEN 'critical' THEN 1 WHEN 'high' THEN 2 WHEN 'medium' THEN 3 WHEN 'low' THEN 4
         ELSE TRY_CAST(regexp_extract(v, '([1-4])', 1) AS TINYINT) END;
CREATE OR REPLACE TEMP MACRO prio_of(v) AS
    CASE WHEN lower(trim(v)) IN ('critical', 'high', 'medium', 'low') THEN lower(trim(v))
         ELSE (['critical', 'high', 'medium', 'low'])[TRY_CAST(regexp_extract(v, '([1-4])', 1) AS INTEGER)] END;
CREATE OR REPLACE TEMP MACRO status_of(v) AS
    CASE WHEN replace(replace(lower(trim(v)), ' ', '_'), '-', '_') = 'reopened' THEN 'open'
         ELSE replace(replace(lower(trim(v)), ' ', '_'), '-', '_') END;

-- ---------------------------------------------------------------- inputs
CREATE OR REPLACE TEMP TABLE cases AS
SELECT * FROM read_csv(getvariable('in_dir') || '/cases.csv', header = true, auto_detect = false,
    columns = {'case_id': 'VARCHAR', 'org_id': 'VARCHAR', 'customer': 'VARCHAR',
               'created_at': 'TIMESTAMPTZ', 'severity': 'TINYINT', 'priority': 'VARCHAR',
               'channel': 'VARCHAR', 'deployment': 'VARCHAR', 'description': 'VARCHAR',
               'first_response_at': 'TIMESTAMPTZ', 'assigned_at': 'TIMESTAMPTZ',
               'resolved_at': 'TIMESTAMPTZ', 'closed_at': 'TIMESTAMPTZ',
               'platform_incident': 'BOOLEAN', 'service_restored_at': 'TIMESTAMPTZ',
               'rca_delivered_at': 'TIMESTAMPTZ'});

-- File order matters for ties (at one instant the later event row wins; the earlier escalation
-- row counts as "requested earlier"), so keep it: the rowid of a table filled by one CTAS from
-- read_csv (insertion order preserved) is the data row number. The column `at` is read as `ts`
-- (AT is a keyword). Enumerated columns are expected in slacheck's canonical lower-case spelling.
CREATE OR REPLACE TEMP TABLE events AS
SELECT * FROM read_csv(getvariable('in_dir') || '/case_events.csv', header = true, auto_detect = false,
    columns = {'case_id': 'VARCHAR', 'ts': 'TIMESTAMPTZ', 'type': 'VARCHAR', 'value': 'VARCHAR',
               'actor': 'VARCHAR'});

CREATE OR REPLACE TEMP TABLE esc AS
SELECT * FROM read_csv(getvariable('in_dir') || '/escalations.csv', header = true, auto_detect = false,
    columns = {'escalation_id': 'VARCHAR', 'case_id': 'VARCHAR', 'requested_at': 'TIMESTAMPTZ',
               'reason': 'VARCHAR', 'channel': 'VARCHAR', 'decision': 'VARCHAR',
               'decided_at': 'TIMESTAMPTZ', 'closed_at': 'TIMESTAMPTZ', 'owner': 'VARCHAR'});

-- ---------------------------------------------------------------- period, as-of
SET VARIABLE p_start = getvariable('p_from')::TIMESTAMP AT TIME ZONE getvariable('tz');
SET VARIABLE p_end   = getvariable('p_to')::TIMESTAMP AT TIME ZONE getvariable('tz');

CREATE OR REPLACE TEMP TABLE input_span AS
SELECT min(lo) AS lo, max(hi) AS hi FROM (
    SELECT least(min(created_at), min(first_response_at), min(assigned_at), min(resolved_at),
                 min(closed_at), min(service_restored_at), min(rca_delivered_at)) AS lo,
           greatest(max(created_at), max(first_response_at), max(assigned_at), max(resolved_at),
                    max(closed_at), max(service_restored_at), max(rca_delivered_at)) AS hi
    FROM cases
    UNION ALL SELECT min(ts), max(ts) FROM events
    UNION ALL SELECT least(min(requested_at), min(decided_at), min(closed_at)),
                     greatest(max(requested_at), max(decided_at), max(closed_at)) FROM esc);

-- as-of: the flag, else the export's horizon, else the period end
SET VARIABLE as_of = coalesce(getvariable('as_of_arg'), (SELECT hi FROM input_span), getvariable('p_end'));

-- ---------------------------------------------------------------- business calendar
-- one row per local date; working days carry their window [ws, we) as instants, computed
-- per date with AT TIME ZONE, so a DST change moves the window and not the arithmetic.
CREATE OR REPLACE TEMP TABLE calendar AS
WITH span AS (
    SELECT (least(lo, getvariable('p_start')) AT TIME ZONE getvariable('tz'))::DATE - 14 AS d_lo,
           (greatest(hi, getvariable('as_of'), getvariable('p_end')) AT TIME ZONE getvariable('tz'))::DATE + 90 AS d_hi
    FROM input_span)
SELECT d::DATE AS d,
       list_contains(getvariable('workdays'), isodow(d)) AND NOT list_contains(getvariable('holidays'), d::DATE) AS working,
       (d::DATE + getvariable('day_start'))::TIMESTAMP AT TIME ZONE getvariable('tz') AS ws,
       (d::DATE + getvariable('day_end'))::TIMESTAMP AT TIME ZONE getvariable('tz') AS we
FROM span, generate_series(d_lo, d_hi, INTERVAL 1 DAY) g(d);

-- working windows with the business time elapsed before each (cum0) and an ordinal (wd_no)
CREATE OR REPLACE TEMP TABLE win AS
SELECT d, ws, we, epoch_us(we) - epoch_us(ws) AS dur,
       coalesce(sum(epoch_us(we) - epoch_us(ws)) OVER (ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::BIGINT AS cum0,
       row_number() OVER (ORDER BY d) AS wd_no
FROM calendar WHERE working;

-- ---------------------------------------------------------------- case timelines
-- fallback chains resolved on the whole data (compared with as-of later)
CREATE OR REPLACE TEMP TABLE ev_first AS
SELECT case_id,
       min(ts) FILTER (WHERE type = 'first_response')                 AS fr_ev,
       min(ts) FILTER (WHERE type = 'update' AND actor = 'support')   AS support_update,
       min(ts) FILTER (WHERE type = 'service_restored')               AS restored_ev,
       min(ts) FILTER (WHERE type = 'rca_delivered')                  AS rca_ev,
       min(ts) FILTER (WHERE type = 'assigned')                       AS assigned_ev
FROM events
WHERE type IN ('first_response', 'update', 'service_restored', 'rca_delivered', 'assigned')
GROUP BY case_id;

CREATE OR REPLACE TEMP TABLE c AS
SELECT cs.case_id, cs.org_id, cs.customer, cs.created_at, cs.severity, cs.priority, cs.deployment,
       cs.platform_incident,
       coalesce(cs.first_response_at, f.fr_ev, f.support_update) AS fr,
       coalesce(cs.service_restored_at, f.restored_ev)           AS restored,
       coalesce(cs.rca_delivered_at, f.rca_ev)                   AS delivered,
       least(cs.assigned_at, f.assigned_ev)                      AS first_assigned
FROM cases cs LEFT JOIN ev_first f USING (case_id);

-- cases with an escalation in the report: the only ones whose status/priority/updates are looked up
CREATE OR REPLACE TEMP TABLE esc_cases AS
SELECT DISTINCT case_id FROM esc
WHERE requested_at >= getvariable('p_start') AND requested_at < getvariable('p_end')
  AND requested_at <= getvariable('as_of');

-- value timelines, one row per (case, instant): at equal instants an event beats the row,
-- and a later event row beats an earlier one. Deduplicated so that ASOF joins are exact.
CREATE OR REPLACE TEMP TABLE status_tl AS
SELECT case_id, ts, status FROM (
    SELECT case_id, created_at AS ts, 'open' AS status, -2 AS ord FROM cases
    UNION ALL SELECT case_id, closed_at, 'closed', -1 FROM cases WHERE closed_at IS NOT NULL
    UNION ALL SELECT case_id, ts, status_of(value), rowid FROM events WHERE type = 'status')
SEMI JOIN esc_cases USING (case_id)
QUALIFY row_number() OVER (PARTITION BY case_id, ts ORDER BY ord DESC) = 1;

CREATE OR REPLACE TEMP TABLE sev_tl AS
SELECT case_id, ts, sev FROM (
    SELECT case_id, created_at AS ts, severity AS sev, -1 AS ord FROM cases
    UNION ALL SELECT case_id, ts, sev_of(value), rowid FROM events WHERE type = 'severity')
QUALIFY row_number() OVER (PARTITION BY case_id, ts ORDER BY ord DESC) = 1;

CREATE OR REPLACE TEMP TABLE prio_tl AS
SELECT case_id, ts, prio FROM (
    SELECT case_id, created_at AS ts, prio_of(priority) AS prio, -1 AS ord FROM cases
    UNION ALL SELECT case_id, ts, prio_of(value), rowid FROM events WHERE type = 'priority')
SEMI JOIN esc_cases USING (case_id)
QUALIFY row_number() OVER (PARTITION BY case_id, ts ORDER BY ord DESC) = 1;

CREATE OR REPLACE TEMP TABLE update_tl AS
SELECT case_id, ts FROM events SEMI JOIN esc_cases USING (case_id) WHERE type IN ('update', 'status');

-- ---------------------------------------------------------------- RCA due instants
-- d0 = local date of the restore; due date = the N-th working day after d0; due = end of that day
CREATE OR REPLACE TEMP TABLE rca_due AS
WITH r AS (
    SELECT case_id, restored, (restored AT TIME ZONE getvariable('tz'))::DATE AS d0
    FROM c WHERE restored IS NOT NULL),
k AS (  -- ordinal of the last working day on or before d0
    SELECT r.*, w.wd_no AS k FROM r ASOF LEFT JOIN win w ON r.d0 >= w.d)
SELECT k.case_id, k.restored, k.d0,
       CASE WHEN getvariable('rca_days') = 0 THEN k.d0 ELSE w.d END AS due_d,
       (CASE WHEN getvariable('rca_days') = 0 THEN k.d0 ELSE w.d END + 1)::TIMESTAMP
           AT TIME ZONE getvariable('tz') AS due_at
FROM k LEFT JOIN win w ON w.wd_no = coalesce(k.k, 0) + getvariable('rca_days');

-- ---------------------------------------------------------------- 3.1 response times
CREATE OR REPLACE TEMP TABLE resp AS
WITH pop AS (   -- created in the period (and not after as-of); group severity = severity at created_at
    SELECT c.case_id, c.customer, c.org_id, c.created_at,
           CASE WHEN c.fr <= getvariable('as_of') THEN c.fr END AS fr,
           s.sev AS severity
    FROM c JOIN sev_tl s ON c.case_id = s.case_id AND s.ts = c.created_at   -- sev_tl has a row there
    WHERE c.created_at >= getvariable('p_start') AND c.created_at < getvariable('p_end')
      AND c.created_at <= getvariable('as_of')),
biz AS (        -- business time elapsed since the calendar start at created_at and at fr
    SELECT p.*, g.clock, g.target_s::BIGINT * 1000000 AS target_us,
           w1.cum0 + least(epoch_us(p.created_at) - epoch_us(w1.ws), w1.dur) AS b_created,
           w2.cum0 + least(epoch_us(p.fr) - epoch_us(w2.ws), w2.dur)         AS b_fr
    FROM pop p JOIN sev_cfg g USING (severity)
    ASOF LEFT JOIN win w1 ON p.created_at >= w1.ws
    ASOF LEFT JOIN win w2 ON p.fr >= w2.ws),
dl AS (         -- deadline = latest instant with elapsed <= target (window end -> next window start)
    SELECT b.*,
           CASE WHEN b.clock = '24x7' THEN b.created_at + to_microseconds(b.target_us)
                ELSE w3.ws + to_microseconds(b.b_created + b.target_us - w3.cum0) END AS deadline
    FROM biz b ASOF LEFT JOIN win w3 ON b.b_created + b.target_us >= w3.cum0),
rt AS (
    SELECT dl.*,
           CASE WHEN fr IS NULL OR fr < created_at THEN NULL
                WHEN clock = '24x7' THEN epoch_us(fr) - epoch_us(created_at)
                ELSE b_fr - b_created END AS rt_us
    FROM dl)
SELECT *,
       CASE WHEN fr < created_at THEN 'negative-duration'
            WHEN rt_us IS NOT NULL THEN CASE WHEN rt_us <= target_us THEN 'met' ELSE 'breached' END
            WHEN getvariable('as_of') > deadline THEN 'breached'
            ELSE 'pending' END AS verdict
FROM rt;

-- redeterminations: walk the effective severity from created_at up to as-of
CREATE OR REPLACE TEMP TABLE redet AS
SELECT case_id, bool_or(sev < prev) AS upgraded, bool_or(sev > prev) AS downgraded
FROM (SELECT s.case_id, s.sev, lag(s.sev) OVER (PARTITION BY s.case_id ORDER BY s.ts) AS prev
      FROM sev_tl s SEMI JOIN (FROM events WHERE type = 'severity') e USING (case_id)
      JOIN resp r ON r.case_id = s.case_id AND s.ts >= r.created_at AND s.ts <= getvariable('as_of'))
GROUP BY case_id;

-- ---------------------------------------------------------------- 3.2 RCA
CREATE OR REPLACE TEMP TABLE rca AS
WITH pop AS (
    SELECT c.case_id, c.customer, d.restored, d.due_d, d.due_at,
           CASE WHEN c.delivered <= getvariable('as_of') THEN c.delivered END AS delivered
    FROM c JOIN rca_due d USING (case_id)
    WHERE c.platform_incident
      AND d.restored >= getvariable('p_start') AND d.restored < getvariable('p_end')
      AND d.restored <= getvariable('as_of')),
v AS (
    SELECT *,
           CASE WHEN delivered IS NOT NULL THEN CASE WHEN delivered < due_at THEN 'on_time' ELSE 'late' END
                WHEN getvariable('as_of') >= due_at THEN 'overdue'
                ELSE 'pending' END AS verdict,
           (coalesce(delivered, getvariable('as_of')) AT TIME ZONE getvariable('tz'))::DATE AS late_d
    FROM pop)
SELECT v.*,   -- working days d with due_d < d <= late_d
       CASE WHEN verdict IN ('late', 'overdue') THEN wl.wd_no - wd.wd_no END AS business_days_late
FROM v ASOF LEFT JOIN win wl ON v.late_d >= wl.d
       LEFT JOIN win wd ON wd.d = v.due_d;

-- ---------------------------------------------------------------- 3.3 escalations
CREATE OR REPLACE TEMP TABLE esc_eval AS
WITH pop AS (   -- the case at requested_at (t): ASOF lookups on the deduplicated timelines
    SELECT e.rowid AS seq, e.*, c.org_id, c.deployment, c.first_assigned,
           CASE WHEN e.requested_at < c.created_at THEN NULL ELSE st.status END       AS status_t,
           CASE WHEN e.requested_at < c.created_at THEN c.severity ELSE sv.sev END    AS sev_t,
           CASE WHEN e.requested_at < c.created_at THEN prio_of(c.priority) ELSE pr.prio END AS prio_t,
           coalesce(u.ts, c.created_at)                                               AS last_update
    FROM esc e JOIN c USING (case_id)
    ASOF LEFT JOIN status_tl st ON e.case_id = st.case_id AND e.requested_at >= st.ts
    ASOF LEFT JOIN sev_tl sv    ON e.case_id = sv.case_id AND e.requested_at >= sv.ts
    ASOF LEFT JOIN prio_tl pr   ON e.case_id = pr.case_id AND e.requested_at >= pr.ts
    ASOF LEFT JOIN update_tl u  ON e.case_id = u.case_id  AND e.requested_at >  u.ts
    WHERE e.requested_at >= getvariable('p_start') AND e.requested_at < getvariable('p_end')
      AND e.requested_at <= getvariable('as_of')),
r AS (
    SELECT p.*,
           status_t IS NULL OR status_t = 'closed'                          AS r_case_not_active,
           coalesce(status_t = 'waiting_on_customer', false)                AS r_awaiting_customer,
           coalesce(reason IN ('urgency_change', 'impact_change'), false)   AS r_urgency_change,
           coalesce(reason = 'rca_request', false)
               AND (d.restored IS NULL OR d.restored > requested_at OR requested_at < d.due_at
                    OR d.due_at IS NULL)                                    AS r_rca_too_early,
           coalesce(prio_t = 'low', false)                                  AS r_low_priority,
           coalesce(prio_t = 'high', false)
               AND epoch_us(requested_at) - epoch_us(last_update) < getvariable('hp_wait_us') AS r_high_priority_too_soon,
           EXISTS (SELECT 1 FROM esc o
                   WHERE o.case_id = p.case_id
                     AND (o.requested_at < p.requested_at OR (o.requested_at = p.requested_at AND o.rowid < p.seq))
                     AND NOT coalesce(o.closed_at <= p.requested_at, false)
                     AND NOT (coalesce(o.decision = 'rejected', false)
                              AND coalesce(o.decided_at, o.requested_at) <= p.requested_at)) AS r_already_open,
           coalesce(lower(deployment) = 'fedramp', false)
               AND NOT coalesce(first_assigned <= requested_at, false)      AS r_fedramp_unassigned,
           (coalesce(sev_t = 1, false) OR coalesce(prio_t = 'critical', false))
               AND channel IS NOT NULL AND channel <> 'phone'               AS r_critical_not_by_phone
    FROM pop p LEFT JOIN rca_due d USING (case_id))
SELECT *,
       concat_ws(' ',
           CASE WHEN r_case_not_active THEN 'case-not-active' END,
           CASE WHEN r_awaiting_customer THEN 'awaiting-customer' END,
           CASE WHEN r_urgency_change THEN 'urgency-change' END,
           CASE WHEN r_rca_too_early THEN 'rca-too-early' END,
           CASE WHEN r_low_priority THEN 'low-priority' END,
           CASE WHEN r_high_priority_too_soon THEN 'high-priority-too-soon' END,
           CASE WHEN r_already_open THEN 'already-open' END,
           CASE WHEN r_fedramp_unassigned THEN 'fedramp-unassigned' END,
           CASE WHEN r_critical_not_by_phone THEN 'critical-not-by-phone' END) AS rules,
       -- decision as of as-of: a decision stamped after as-of has not happened
       CASE WHEN decision IN ('approved', 'rejected') AND coalesce(decided_at <= getvariable('as_of'), true)
            THEN decision ELSE 'pending' END AS decision_asof
FROM r;

-- ---------------------------------------------------------------- CSV outputs
COPY (
    SELECT case_id, csv_text(customer) AS customer, csv_text(org_id) AS org_id, severity,
           iso(created_at) AS created_at, iso(fr) AS first_response_at, iso(deadline) AS deadline,
           secs_txt(rt_us) AS response_seconds, target_us // 1000000 AS target_seconds, verdict
    FROM resp ORDER BY case_id
) TO (getvariable('out_dir') || '/sla-' || getvariable('label') || '-cases.csv') (HEADER, DELIMITER ',');

COPY (
    SELECT escalation_id, case_id, csv_text(org_id) AS org_id, iso(requested_at) AS requested_at,
           prio_t AS priority, sev_t AS severity, channel, decision_asof AS decision,
           CASE WHEN rules = '' THEN 'yes' ELSE 'no' END AS valid, rules
    FROM esc_eval ORDER BY escalation_id
) TO (getvariable('out_dir') || '/sla-' || getvariable('label') || '-escalations.csv') (HEADER, DELIMITER ',');

COPY (
    SELECT case_id, csv_text(customer) AS customer, iso(restored) AS restored_at, due_d AS due_date,
           iso(due_at) AS due_at, iso(delivered) AS delivered_at, verdict,
           coalesce(business_days_late, 0) AS business_days_late
    FROM rca ORDER BY case_id
) TO (getvariable('out_dir') || '/sla-' || getvariable('label') || '-rca.csv') (HEADER, DELIMITER ',');

-- ---------------------------------------------------------------- figures (JSON)
WITH
sev AS (
    SELECT g.severity, g.clock, g.target_s,
           count(r.case_id) FILTER (WHERE r.verdict <> 'negative-duration')  AS cases,
           count(r.rt_us)                                                    AS responded,
           count(*) FILTER (WHERE r.verdict = 'met')                         AS met,
           count(*) FILTER (WHERE r.verdict = 'breached')                    AS breached,
           count(*) FILTER (WHERE r.verdict = 'pending')                     AS pending,
           count(*) FILTER (WHERE r.verdict = 'negative-duration')           AS negative_duration,
           avg(r.rt_us)                                                      AS mean_us,
           quantile_disc(r.rt_us, [0.5, 0.9, 0.95])                          AS q,   -- nearest rank
           max(r.rt_us)                                                      AS max_us,
           count(*) FILTER (WHERE x.upgraded)                                AS upgraded,
           count(*) FILTER (WHERE x.downgraded)                              AS downgraded
    FROM sev_cfg g LEFT JOIN resp r USING (severity) LEFT JOIN redet x USING (case_id)
    GROUP BY ALL),
esc_fig AS (
    SELECT count(*) AS total,
           count(*) FILTER (WHERE rules <> '') AS invalid,
           json_object(
             'case-not-active',        count(*) FILTER (WHERE r_case_not_active),
             'awaiting-customer',      count(*) FILTER (WHERE r_awaiting_customer),
             'urgency-change',         count(*) FILTER (WHERE r_urgency_change),
             'rca-too-early',          count(*) FILTER (WHERE r_rca_too_early),
             'low-priority',           count(*) FILTER (WHERE r_low_priority),
             'high-priority-too-soon', count(*) FILTER (WHERE r_high_priority_too_soon),
             'already-open',           count(*) FILTER (WHERE r_already_open),
             'fedramp-unassigned',     count(*) FILTER (WHERE r_fedramp_unassigned),
             'critical-not-by-phone',  count(*) FILTER (WHERE r_critical_not_by_phone)) AS by_rule,
           count(*) FILTER (WHERE decision_asof = 'approved' AND rules <> '') AS approved_invalid,
           count(*) FILTER (WHERE decision_asof = 'rejected' AND rules = '')  AS rejected_valid,
           count(*) FILTER (WHERE decision_asof = 'pending')                  AS pending,
           quantile_disc(epoch_us(decided_at) - epoch_us(requested_at), [0.5, 0.9])
               FILTER (WHERE decision_asof <> 'pending' AND decided_at IS NOT NULL) AS dq
    FROM esc_eval),
rca_fig AS (
    SELECT count(*) AS incidents,
           count(*) FILTER (WHERE verdict = 'on_time') AS on_time,
           count(*) FILTER (WHERE verdict = 'late')    AS late,
           count(*) FILTER (WHERE verdict = 'overdue') AS overdue,
           count(*) FILTER (WHERE verdict = 'pending') AS pending
    FROM rca),
sub AS (   -- 3.4: the row's own values, cases created in the period (not after as-of)
    SELECT count(*) AS cases,
           count(*) FILTER (WHERE (prio_of(priority) = 'critical' OR severity = 1)
                                  AND channel IS NOT NULL AND lower(channel) <> 'phone') AS critical_not_by_phone,
           count(*) FILTER (WHERE lower(channel) = 'portal'
                                  AND (customer IS NULL OR org_id IS NULL OR description IS NULL)) AS incomplete_submission
    FROM cases
    WHERE created_at >= getvariable('p_start') AND created_at < getvariable('p_end')
      AND created_at <= getvariable('as_of'))
SELECT json_object(
    'period', json_object('label', getvariable('label'), 'start', iso(getvariable('p_start')),
                          'end', iso(getvariable('p_end')), 'timezone', getvariable('tz')),
    'as_of', iso(getvariable('as_of')),
    'response_times', json_object('by_severity', (
        SELECT list(json_object(
            'severity', severity, 'clock', clock, 'target_seconds', target_s,
            'cases', cases, 'responded', responded, 'met', met, 'breached', breached, 'pending', pending,
            'negative_duration', negative_duration, 'compliance', ratio(met, met + breached),
            'seconds', json_object('mean', round(mean_us / 1e6, 3),
                                   'p50', secs(q[1]), 'p90', secs(q[2]), 'p95', secs(q[3]), 'max', secs(max_us)),
            'redeterminations', json_object('upgraded', upgraded, 'downgraded', downgraded))
            ORDER BY severity) FROM sev)),
    'rca', (SELECT json_object('business_days', getvariable('rca_days'), 'incidents', incidents,
                               'on_time', on_time, 'late', late, 'overdue', overdue, 'pending', pending,
                               'compliance', ratio(on_time, on_time + late + overdue)) FROM rca_fig),
    'escalations', (SELECT json_object('total', total, 'invalid', invalid, 'invalid_rate', ratio(invalid, total),
                                       'by_rule', by_rule,
                                       'decision_audit', json_object('approved_invalid', approved_invalid,
                                            'rejected_valid', rejected_valid, 'pending', pending,
                                            'p50_seconds', secs(dq[1]), 'p90_seconds', secs(dq[2])))
                    FROM esc_fig),
    'submissions', (SELECT json_object('cases', cases, 'critical_not_by_phone', critical_not_by_phone,
                                       'incomplete_submission', incomplete_submission) FROM sub)
)::VARCHAR AS figures;
