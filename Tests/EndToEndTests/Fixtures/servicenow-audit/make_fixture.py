#!/usr/bin/env python3
"""Writes incidents-audit.csv: a made-up ServiceNow incident audit export (one row per update of an
incident, every row carrying the incident's fields as of that update), deterministic (seeded).

    python3 make_fixture.py > incidents-audit.csv

Shaped like a real export: `number`, `incident_state`, `sys_updated_at`, `opened_at`, `priority` as
`1 - Critical`..`4 - Low`, `assigned_to`, `resolved_at`, `closed_at`, day-first `D/M/YYYY HH:MM`
local times (Europe/London, across the 31 March 2024 switch to summer time), `?` for missing. The
incidents are re-prioritised, reassigned, put on hold, escalated, resolved, reopened and closed; the
first logged row of an incident comes some minutes after its `opened_at`; some fields are `?` on
some rows; a few rows are out of order; `contact_type` has values that are no channel of slacheck's
(`Walk-in`). Nothing here depends on slacheck: it only simulates an export.
"""
import csv
import datetime as dt
import random
import sys

R = random.Random(20240301)
START = dt.datetime(2024, 2, 19, 0, 0)
HORIZON = dt.datetime(2024, 4, 12, 18, 0)  # the export's last update is before this

COLUMNS = ["number", "sys_mod_count", "sys_updated_at", "sys_updated_by", "incident_state", "opened_at",
           "caller_id", "company", "contact_type", "category", "short_description", "priority",
           "assignment_group", "assigned_to", "escalation", "comments", "made_sla", "resolved_at",
           "closed_at"]
PRIORITIES = ["1 - Critical", "2 - High", "3 - Moderate", "4 - Low"]
GROUPS = {"Service Desk": ["Beth Anglin", "David Loo", "Fred Luddy"],
          "Network": ["Bud Richman", "Don Goodliffe"],
          "Database": ["Charlie Whitherspoon", "Howard Johnson"],
          "Hardware": ["ITIL User", "Luke Wilson"]}
COMPANIES = ["ACME UK", "Initech", "Globex", "Umbrella plc", "Stark Ltd"]
CALLERS = ["Abel Tuter", "Bow Ruggeri", "Carol Coughlin", "Joe Employee", "Sam Sorokin", "Rick Berzle"]
CHANNELS = ["Phone", "Email", "Self-service", "Walk-in", "Chat"]


def stamp(t):
    return f"{t.day}/{t.month}/{t.year} {t.hour:02d}:{t.minute:02d}"


def working_time(t):
    """Moves t into office hours now and then, as people work."""
    if R.random() < 0.75:
        while t.weekday() >= 5:
            t += dt.timedelta(days=1)
        if t.hour < 8:
            t = t.replace(hour=8, minute=R.randrange(60))
        elif t.hour >= 18:
            t = (t + dt.timedelta(days=1)).replace(hour=9, minute=R.randrange(60))
            while t.weekday() >= 5:
                t += dt.timedelta(days=1)
    return t


def incident(n):
    number = f"INC{10000 + n:07d}"
    opened = START + dt.timedelta(minutes=R.randrange(int((HORIZON - START).total_seconds() // 60 * 0.9)))
    opened = working_time(opened)
    f = {
        "number": number, "incident_state": "New", "opened_at": stamp(opened),
        "caller_id": R.choice(CALLERS), "company": R.choice(COMPANIES),
        "contact_type": R.choices(CHANNELS, weights=[4, 4, 3, 1, 1])[0],
        "category": R.choice(["Network", "Software", "Hardware", "Database", "Inquiry / Help"]),
        "short_description": R.choice(["Email not working", "VPN drops", "Cannot log in", "Printer jam",
                                       "Database slow", "Laptop broken", ""]),
        "priority": R.choices(PRIORITIES, weights=[1, 3, 4, 3])[0],
        "assignment_group": "Service Desk", "assigned_to": "", "escalation": "Normal", "comments": "?",
        "made_sla": "true", "resolved_at": "?", "closed_at": "?",
    }
    if R.random() < 0.3:
        f["assigned_to"] = R.choice(GROUPS["Service Desk"])
    rows = []
    t = opened + dt.timedelta(minutes=R.choice([0, 0, 2, 7, 25, 90, 240]))
    mods = 0

    def log(who):
        nonlocal mods
        row = dict(f)
        row["sys_mod_count"] = str(mods)
        row["sys_updated_at"] = stamp(t)
        row["sys_updated_by"] = who
        rows.append(row)
        mods += 1

    log(R.choice(["admin", "self-service", f["caller_id"].split()[0].lower()]))
    plan = []
    if not f["assigned_to"]:
        plan.append("assign")
    plan.append("active")
    plan += R.choices(["comment", "reprioritise", "reassign", "hold", "escalate", "comment", "escalate"],
                      k=R.randrange(0, 5))
    plan.append("resolve")
    if R.random() < 0.15:
        plan += ["reopen", "comment", "resolve"]
    plan.append("close")
    comment = 0
    for step in plan:
        gap = R.choice([0, 1, 5, 20, 45, 120, 300, 900, 1800, 3000])
        if step == "close":
            gap = R.choice([1440 * 3, 1440 * 5, 1440 * 7])
        t = working_time(t + dt.timedelta(minutes=gap))
        if t >= HORIZON:
            break
        who = f["assigned_to"] or "admin"
        if step == "assign":
            f["assigned_to"] = R.choice(GROUPS[f["assignment_group"]])
        elif step == "active":
            f["incident_state"] = "Active"
        elif step == "comment":
            comment += 1
            f["comments"] = f"{f['assigned_to'] or 'Support'}: update {comment} on {number}"
        elif step == "reprioritise":
            f["priority"] = R.choice([p for p in PRIORITIES if p != f["priority"]])
        elif step == "reassign":
            group = R.choice([g for g in GROUPS if g != f["assignment_group"]])
            f["assignment_group"] = group
            f["assigned_to"] = R.choice(GROUPS[group]) if R.random() < 0.8 else ""
        elif step == "hold":
            f["incident_state"] = R.choice(["Awaiting User Info", "Awaiting User Info", "Awaiting Vendor"])
            log(who)
            if R.random() < 0.4:  # the customer escalates while support waits on them
                t = t + dt.timedelta(minutes=R.choice([10, 200]))
                f["escalation"] = "High"
                log(f["caller_id"].split()[0].lower())
            t = working_time(t + dt.timedelta(minutes=R.choice([30, 240, 1500])))
            if t >= HORIZON:
                break
            f["incident_state"] = "Active"
        elif step == "escalate":
            f["escalation"] = R.choice(["High", "High", "Moderate", "Overdue"])
        elif step == "resolve":
            f["incident_state"] = "Resolved"
            f["resolved_at"] = stamp(t)
        elif step == "reopen":
            f["incident_state"] = "Active"
            f["resolved_at"] = "?"
            f["escalation"] = "Normal"
        elif step == "close":
            f["incident_state"] = "Closed"
            f["closed_at"] = stamp(t)
        log(who)
        # Now and then, an update of nothing slacheck reads (same state), as real audits have.
        if R.random() < 0.2:
            t = t + dt.timedelta(minutes=R.choice([0, 3, 60]))
            f["made_sla"] = R.choice(["true", "false"])
            log("system")
    # `?` placeholders: a field the export could not render on some rows.
    for row in rows[1:]:
        if R.random() < 0.12:
            row[R.choice(["priority", "contact_type", "assigned_to", "opened_at", "company"])] = "?"
    return rows


def main():
    rows = []
    for n in range(62):
        rows += incident(n)
    # Hand-made quirks, each named in README.md: an incident whose first row has no priority, one
    # with no opened_at on any row, and one logged first as already assigned and escalated.
    first = {}
    for r in rows:
        first.setdefault(r["number"], r)
    quirks = sorted(first)
    first[quirks[3]]["priority"] = "?"
    for r in rows:
        if r["number"] == quirks[7]:
            r["opened_at"] = "?"
    rows.sort(key=lambda r: (r["number"], int(r["sys_mod_count"])))
    # A few rows out of order: moved to the end of the file.
    for i in sorted(R.sample(range(len(rows)), 6), reverse=True):
        rows.append(rows.pop(i))
    w = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)


if __name__ == "__main__":
    main()
