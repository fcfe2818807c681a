#!/usr/bin/env python3
"""Independent figures for an event-log export read through a slacheck [event_log] profile.

Written from the profile semantics documented in README.md ("Real exports: event-log profiles")
and SPEC sections 2-3, not from the Swift sources. Standard library only (csv, zoneinfo,
tomllib). It computes what the end-to-end tests compare:

- the number of cases (distinct case ids) and rows;
- per severity, for the cases created in the month: cases, responded, negative-duration, and the
  nearest-rank p50/p90 of the first-response time on the severity's clock;
- escalation requests: in the month and in the whole log.

    python3 Tests/reference/eventlog_ref.py --event-log FILE --profile PROFILE.toml --period 2012-07

Prints one JSON document.
"""
import argparse
import csv
import datetime as dt
import json
import math
import re
import sys
import tomllib
from zoneinfo import ZoneInfo

UTC = dt.timezone.utc
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def parse_duration(text):
    """'1h30m' -> (seconds, days) where days count working days on a business clock."""
    seconds = 0
    days = 0
    for number, unit in re.findall(r"(\d+)([dhms])", text):
        n = int(number)
        if unit == "d":
            days += n
        else:
            seconds += n * {"h": 3600, "m": 60, "s": 1}[unit]
    return seconds, days


class Profile:
    def __init__(self, path):
        with open(path, "rb") as f:
            t = tomllib.load(f)
        self.zone = ZoneInfo(t.get("timezone", "UTC"))
        cal = t.get("calendar", {})
        self.workdays = {WEEKDAYS.index(d) for d in cal.get("workdays", WEEKDAYS[:5])}
        start, end = cal.get("hours", "08:00-17:00").split("-")
        self.work_start = dt.time(*map(int, start.split(":")))
        self.work_end = dt.time(*map(int, end.split(":")))
        self.holidays = {dt.date.fromisoformat(d) for d in cal.get("holidays", [])}
        day_seconds = (self.work_end.hour * 3600 + self.work_end.minute * 60) - (
            self.work_start.hour * 3600 + self.work_start.minute * 60)
        self.clocks = {}
        for s, entry in t.get("targets", {}).get("first_response", {}).items():
            seconds, days = parse_duration(entry["target"])
            self.clocks[int(s)] = entry["clock"]
        inp = t.get("input", {})
        self.formats = inp.get("timestamp_formats", [])
        self.missing = {m.strip().lower() for m in inp.get("missing_tokens", [])}
        ev = t["event_log"]
        self.case_col = ev["case_id"]
        self.time_col = ev["timestamp"]
        act = ev["activity"]
        self.activity_cols = [act] if isinstance(act, str) else act
        self.attributes = ev.get("attributes", {})
        self.values = {k: {str(a).strip().lower(): str(b) for a, b in m.items()}
                       for k, m in ev.get("values", {}).items()}
        self.meanings = {}
        for meaning, names in ev.get("activities", {}).items():
            for name in ([names] if isinstance(names, str) else names):
                self.meanings.setdefault(name.strip().lower(), set()).add(meaning)
        ho = ev.get("handover")
        self.handover_col = ho["column"] if ho else None
        self.handover_patterns = []
        if ho:
            for p in ho["escalate_into"]:
                rx = ".*".join(re.escape(part) for part in p.lower().split("*"))
                self.handover_patterns.append(re.compile(rx + r"\Z", re.S))

    def severity(self, raw):
        text = self.values.get("severity", {}).get(raw.strip().lower(), raw.strip())
        m = re.fullmatch(r"(?i)\s*(?:s|sev|severity)?\s*([1-4])\s*", text)
        if m:
            return int(m.group(1))
        words = {"critical": 1, "high": 2, "medium": 3, "low": 4}
        if text.lower() in words:
            return words[text.lower()]
        raise ValueError(f"not a severity: {raw!r}")

    def instant(self, text):
        text = text.strip()
        try:
            t = dt.datetime.fromisoformat(text)
        except ValueError:
            t = None
            for fmt in self.formats:
                try:
                    t = dt.datetime.strptime(text, fmt)
                    break
                except ValueError:
                    continue
            if t is None:
                raise ValueError(f"not a timestamp: {text!r}")
        if t.tzinfo is None:
            t = t.replace(tzinfo=self.zone, fold=0)
        return t.astimezone(UTC)

    def business_seconds(self, a, b):
        """Working time between instants a <= b: working hours on workdays that are not holidays."""
        total = 0.0
        day = a.astimezone(self.zone).date()
        last = b.astimezone(self.zone).date()
        while day <= last:
            if day.weekday() in self.workdays and day not in self.holidays:
                ws = dt.datetime.combine(day, self.work_start, tzinfo=self.zone).astimezone(UTC)
                we = dt.datetime.combine(day, self.work_end, tzinfo=self.zone).astimezone(UTC)
                lo, hi = max(a, ws), min(b, we)
                if hi > lo:
                    total += (hi - lo).total_seconds()
            day += dt.timedelta(days=1)
        return total


def nearest_rank(values, p):
    if not values:
        return None
    v = sorted(values)
    return v[max(1, math.ceil(p * len(v) / 100)) - 1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--event-log", required=True)
    ap.add_argument("--profile", required=True)
    ap.add_argument("--period", required=True)
    args = ap.parse_args()
    pr = Profile(args.profile)

    with open(args.event_log, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = [h.strip().lower() for h in next(reader)]

        def col(name):
            return header.index(name.strip().lower())  # the first of repeated names

        ci, ti = col(pr.case_col), col(pr.time_col)
        ais = [col(c) for c in pr.activity_cols]
        si = col(pr.attributes["severity"])
        hi = col(pr.handover_col) if pr.handover_col else None
        rows = []
        for n, r in enumerate(reader):
            def get(i):
                v = r[i].strip()
                return None if v == "" or v.lower() in pr.missing else v
            rows.append((get(ci), pr.instant(get(ti)), n,
                         "/".join(get(i) or "" for i in ais).strip().lower(),
                         get(si), get(hi) if hi is not None else None))

    cases = {}
    for row in rows:
        cases.setdefault(row[0], []).append(row)
    as_of = max(r[1] for r in rows)

    y, m = map(int, args.period.split("-"))
    start = dt.datetime(y, m, 1, tzinfo=pr.zone).astimezone(UTC)
    end = dt.datetime(y + (m == 12), m % 12 + 1, 1, tzinfo=pr.zone).astimezone(UTC)

    stats = {s: {"cases": 0, "responded": 0, "negative_duration": 0, "times": []} for s in range(1, 5)}
    esc_period = 0
    esc_all = 0
    for cid, crows in cases.items():
        crows.sort(key=lambda r: (r[1], r[2]))

        def meaning(r):
            return pr.meanings.get(r[3], set())

        created_rows = [r for r in crows if "created" in meaning(r)]
        created = (created_rows[0] if created_rows else crows[0])[1]
        latest_sev = [r for r in crows if r[4] is not None][-1]
        sev = pr.severity(latest_sev[4])
        # Severity at creation: the latest severity change at or before created_at, else the case's value.
        changes = [r for r in crows if "severity_changed" in meaning(r) and r[1] <= created]
        if changes:
            sev = pr.severity(changes[-1][4])
        responses = [r[1] for r in crows if "first_response" in meaning(r) and r[1] <= as_of]
        if not responses:
            responses = [r[1] for r in crows if "update" in meaning(r) and r[1] <= as_of]
        # Escalations: activities, and hand-overs into a matching team.
        requests = [r[1] for r in crows if "escalation_requested" in meaning(r)]
        if pr.handover_col:
            previous = None
            for r in crows:
                if r[5] is None:
                    continue
                if previous is not None and r[5] != previous and any(
                        p.match(r[5].lower()) for p in pr.handover_patterns):
                    requests.append(r[1])
                previous = r[5]
        esc_all += len(requests)
        esc_period += sum(1 for t in requests if start <= t < end and t <= as_of)
        if not (start <= created < end) or created > as_of:
            continue
        st = stats[sev]
        if responses and responses[0] < created:
            st["negative_duration"] += 1
            continue
        st["cases"] += 1
        if responses:
            st["responded"] += 1
            if pr.clocks.get(sev, "business") == "24x7":
                st["times"].append((responses[0] - created).total_seconds())
            else:
                st["times"].append(pr.business_seconds(created, responses[0]))

    out = {
        "cases_total": len(cases),
        "rows": len(rows),
        "as_of": as_of.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "period": {"start": start.strftime("%Y-%m-%dT%H:%M:%SZ"), "end": end.strftime("%Y-%m-%dT%H:%M:%SZ")},
        "by_severity": [
            {"severity": s, "cases": st["cases"], "responded": st["responded"],
             "negative_duration": st["negative_duration"],
             "p50": nearest_rank(st["times"], 50), "p90": nearest_rank(st["times"], 90)}
            for s, st in stats.items()
        ],
        "escalations": {"period": esc_period, "all": esc_all},
    }
    json.dump(out, sys.stdout, indent=2, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
