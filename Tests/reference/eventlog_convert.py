#!/usr/bin/env python3
"""Converts an event-log export, read through a slacheck [event_log] profile, into the three plain
inputs of SPEC section 1 (cases.csv, case_events.csv, escalations.csv) and a configuration without
the profile, so that slacheck_ref.py can compute every figure of the log independently.

Written from the profile semantics in docs/event-logs.md ("How rows become cases", the profile's
keys, "Unknown values", "Numbers with labels", "Patterns") and SPEC sections 1-2, not from the Swift
sources. Standard library only (csv, tomllib, zoneinfo).

    python3 Tests/reference/eventlog_convert.py --event-log FILE --profile PROFILE.toml --out DIR

Writes DIR/cases.csv, DIR/case_events.csv, DIR/escalations.csv, DIR/slacheck.toml and
DIR/summary.json: rows read, rejected rows per reason, the finding unknown-value, the number of
cases and the default as-of (the latest instant of any accepted row), which the caller gives to
slacheck_ref.py as --as-of (the converted files no longer hold every instant of the log).

Limits: every case must have an organization (cases.csv requires org_id); `description` is written
as `x` when any row gives one (only its presence counts).
"""
import argparse
import csv
import datetime as dt
import json
import os
import re
import sys
import tomllib
from zoneinfo import ZoneInfo

UTC = dt.timezone.utc
OPTIONAL_ENUMS = ("priority", "channel", "deployment", "platform_incident")


def norm(text):
    """Activity names and map keys: trimmed, without regard to case."""
    return text.strip().lower()


def pattern_matches(pattern, name):
    """`*` stands for any text; the whole name must match; trimmed, without regard to case."""
    rx = ".*".join(re.escape(part) for part in norm(pattern).split("*"))
    return re.fullmatch(rx, norm(name), re.S) is not None


def squash(text):
    """Spellings: case-insensitive, with space, '-' and '_' the same."""
    return re.sub(r"[ _-]", "_", text.strip().lower())


def level(text, prefixes):
    """A level 1-4 from the usual spellings (docs/inputs.md); None if not one; 'labelled' for a
    number followed by a label (docs/event-logs.md, Numbers with labels)."""
    t = text.strip()
    low = t.lower()
    words = {"critical": 1, "high": 2, "medium": 3, "low": 4}
    for w, n in words.items():
        if low.startswith(w) and (len(low) == len(w) or not low[len(w)].isalpha()):
            return n
    m = re.fullmatch(r"(?:(%s)[ _\-.:#]*)?([1-4])(.*)" % "|".join(prefixes), low, re.S)
    if not m:
        return None
    rest = m.group(3)
    if rest and (rest[0].isdigit() or rest[0].isalpha()):
        return None
    if re.search(r"[a-z]", rest):
        return "labelled"
    if rest.strip(" -_.:#"):
        return "labelled"
    return int(m.group(2))


def parse_value(attribute, text):
    """Our value of `attribute` for `text` (already through the value map), or None if not ours,
    or 'labelled'."""
    s = squash(text)
    if attribute == "severity":
        return level(text, ["severity", "sev", "s"])
    if attribute == "priority":
        n = level(text, ["priority", "prio", "p"])
        return {1: "critical", 2: "high", 3: "medium", 4: "low"}.get(n, n) if n is not None else None
    if attribute == "channel":
        return {"phone": "phone", "portal": "portal", "email": "email", "e_mail": "email", "chat": "chat",
                "web": "web"}.get(s)
    if attribute == "deployment":
        return s if s in ("commercial", "fedramp") else None
    if attribute == "platform_incident":
        if s in ("true", "yes", "1", "y"):
            return "true"
        if s in ("false", "no", "0", "n"):
            return "false"
        return None
    return text


STATUSES = {"new": "new", "open": "open", "reopened": "open", "waiting_on_customer": "waiting_on_customer",
            "waiting_on_support": "waiting_on_support", "resolved": "resolved", "closed": "closed"}


class Profile:
    def __init__(self, path):
        with open(path, "rb") as f:
            t = tomllib.load(f)
        self.zone = ZoneInfo(t.get("timezone", "UTC"))
        inp = t.get("input", {})
        self.formats = inp.get("timestamp_formats", [])
        self.missing = {norm(m) for m in inp.get("missing_tokens", [])}
        ev = t["event_log"]
        self.case_col = ev["case_id"]
        self.time_col = ev["timestamp"]
        act = ev["activity"]
        self.activity_cols = [act] if isinstance(act, str) else list(act)
        self.rows = ev.get("rows", "snapshot")
        uv = ev.get("unknown_values", "reject")
        self.unknown = {a: (uv if isinstance(uv, str) else uv.get(a, "reject")) for a in OPTIONAL_ENUMS}
        self.instants = ev.get("instants", {})
        self.attributes = ev.get("attributes", {})
        self.values = {a: {norm(k): str(v) for k, v in m.items()} for a, m in ev.get("values", {}).items()}
        self.activities = {m: ([n] if isinstance(n, str) else list(n)) for m, n in ev.get("activities", {}).items()}
        self.status = list(ev.get("status", {}).items())  # file order (tomllib keeps it)
        self.changes = {}
        for meaning, spec in ev.get("changes", {}).items():
            if isinstance(spec, str):
                self.changes[meaning] = (spec, None)
            else:
                self.changes[meaning] = (spec["column"], spec.get("into"))
        ho = ev.get("handover")
        self.handover = (ho["column"], ho["escalate_into"]) if ho else None
        self._meaning_cache = {}

    def meaning(self, activity):
        """(set of meanings, status or None) of an activity, patterns included."""
        key = norm(activity)
        if key not in self._meaning_cache:
            meanings = {m for m, names in self.activities.items() if any(pattern_matches(n, key) for n in names)}
            status = None
            exact = [s for k, s in self.status if "*" not in k and norm(k) == key]
            if exact:
                status = exact[-1]
            else:
                for k, s in self.status:
                    if "*" in k and pattern_matches(k, key):
                        status = s
                        break
            self._meaning_cache[key] = (meanings, STATUSES[squash(status)] if status else None)
        return self._meaning_cache[key]

    def instant(self, text):
        text = text.strip()
        try:
            t = dt.datetime.fromisoformat(text.replace(" ", "T", 1) if re.match(r"\d{4}-\d\d-\d\d ", text) else text)
            if len(text) == 10:
                raise ValueError  # a date alone: tried with the formats
        except ValueError:
            t = None
            for fmt in self.formats:
                try:
                    t = dt.datetime.strptime(text, fmt)
                    break
                except ValueError:
                    continue
            if t is None:
                raise ValueError(text)
        if t.tzinfo is None:
            t = t.replace(tzinfo=self.zone, fold=0)
        return t.astimezone(UTC)


class Reject(Exception):
    def __init__(self, reason):
        self.reason = reason


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ") if t.microsecond == 0 else t.isoformat().replace("+00:00", "Z")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--event-log", required=True)
    ap.add_argument("--profile", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    pr = Profile(args.profile)

    with open(args.event_log, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = [h.strip().lower() for h in next(reader)]
        raw_rows = list(reader)

    def col(name):
        return header.index(name.strip().lower()) if name else None

    ci, ti = col(pr.case_col), col(pr.time_col)
    ais = [col(c) for c in pr.activity_cols]
    attr_cols = {a: col(c) for a, c in pr.attributes.items()}
    inst_cols = {k: col(c) for k, c in pr.instants.items()}
    change_cols = {m: (col(c), into) for m, (c, into) in pr.changes.items()}
    team_col = col(pr.handover[0]) if pr.handover else None

    rejected = {}
    rows = []  # accepted rows, as dicts
    for n, r in enumerate(raw_rows):
        if not r:
            continue  # Python's csv gives [] for a blank line (none in our fixtures)

        def get(i):
            if i is None:
                return None
            v = r[i].strip()
            return None if v == "" or norm(v) in pr.missing else v

        try:
            if len(r) != len(header):
                raise Reject("wrong-field-count")
            case = get(ci)
            if case is None:
                raise Reject("missing-required")
            stamp = get(ti)
            if stamp is None:
                raise Reject("missing-required")
            try:
                at = pr.instant(stamp)
            except ValueError:
                raise Reject("bad-timestamp")
            parts = [get(i) for i in ais]
            if all(p is None for p in parts):
                raise Reject("missing-required")
            activity = "/".join(p or "" for p in parts)
            meanings, status = pr.meaning(activity)
            values = {}
            unknown = 0
            for a in ("severity", "priority", "channel", "deployment", "platform_incident"):
                raw = get(attr_cols.get(a))
                if raw is None:
                    values[a] = None
                    continue
                mapped = pr.values.get(a, {}).get(norm(raw))
                if mapped is not None and mapped.strip() == "":
                    values[a] = None  # mapped to "": no value
                    continue
                v = parse_value(a, mapped if mapped is not None else raw)
                if v is None or v == "labelled":
                    policy = pr.unknown.get(a, "reject")
                    if a == "severity" or policy == "reject":
                        raise Reject("bad-value")
                    unknown += 1
                    v = None if policy == "blank" else parse_value(a, policy["default"])
                values[a] = v
            for a in ("org", "customer"):
                raw = get(attr_cols.get(a))
                values[a] = pr.values.get(a, {}).get(norm(raw), raw) if raw is not None else None
            values["description"] = get(attr_cols.get("description"))
            if "severity_changed" in meanings and values["severity"] is None and "severity" in attr_cols:
                raise Reject("missing-required")
            if "priority_changed" in meanings and values["priority"] is None and "priority" in attr_cols:
                raise Reject("missing-required")
            instants = {}
            for k, i in inst_cols.items():
                v = get(i)
                if v is not None:
                    try:
                        instants[k] = pr.instant(v)
                    except ValueError:
                        raise Reject("bad-timestamp")
            changes = {m: get(i) for m, (i, _) in change_cols.items()}
        except Reject as e:
            rejected[e.reason] = rejected.get(e.reason, 0) + 1
            continue
        rows.append({"n": n, "case": case, "at": at, "activity": activity, "meanings": meanings,
                     "status": status, "values": values, "unknown": unknown, "instants": instants,
                     "changes": changes, "team": get(team_col)})

    by_case = {}
    for row in rows:
        by_case.setdefault(row["case"], []).append(row)
    # A case none of whose rows gives a severity: all its rows are rejected.
    for cid in list(by_case):
        if all(r["values"]["severity"] is None for r in by_case[cid]):
            rejected["missing-required"] = rejected.get("missing-required", 0) + len(by_case[cid])
            del by_case[cid]

    audit = pr.rows == "audit"
    cases_out, events_out, escalations_out = [], [], []
    as_of = None
    unknown_values = 0
    for cid, crows in by_case.items():  # first appearance order
        crows.sort(key=lambda r: (r["at"], r["n"]))
        for r in crows:
            unknown_values += r["unknown"]
            for t in [r["at"]] + list(r["instants"].values()):
                as_of = t if as_of is None or t > as_of else as_of

        def pick(getter):
            given = [getter(r) for r in crows if getter(r) is not None]
            if not given:
                return None
            return given[0] if audit else given[-1]

        def latest(getter):
            given = [getter(r) for r in crows if getter(r) is not None]
            return given[-1] if given else None

        events = []  # (row n, at, type, value)
        escalations = []  # (at, row n, kind order, closed_at)
        last_activity = None
        last_status = None
        last_sev = last_pri = None
        created_rows = []
        for i, r in enumerate(crows):
            counts = True
            if audit:
                counts = i == 0 or norm(r["activity"]) != last_activity
                last_activity = norm(r["activity"])
            m = r["meanings"] if counts else set()
            if counts and "created" in m:
                created_rows.append(r)
            if audit:
                row_status = "closed" if "closed" in m else (r["status"] if counts else None)
                if row_status is not None and row_status != last_status:
                    events.append((r, "status", row_status))
                if row_status is not None:
                    last_status = row_status
                sev, pri = r["values"]["severity"], r["values"]["priority"]
                if sev is not None:
                    if last_sev is not None and sev != last_sev:
                        events.append((r, "severity", str(sev)))
                    last_sev = sev
                if pri is not None:
                    if last_pri is not None and pri != last_pri:
                        events.append((r, "priority", pri))
                    last_pri = pri
            else:
                if r["status"] is not None:
                    events.append((r, "status", r["status"]))
                if "closed" in m and r["status"] != "closed":
                    events.append((r, "status", "closed"))
                if "severity_changed" in m and r["values"]["severity"] is not None:
                    events.append((r, "severity", str(r["values"]["severity"])))
                if "priority_changed" in m and r["values"]["priority"] is not None:
                    events.append((r, "priority", r["values"]["priority"]))
            for meaning, etype in (("assigned", "assigned"), ("first_response", "first_response"),
                                   ("update", "update"), ("service_restored", "service_restored"),
                                   ("rca_delivered", "rca_delivered")):
                if meaning in m:
                    events.append((r, etype, ""))
            if "escalation_requested" in m:
                escalations.append([r["at"], r["n"], 0, None])
        # Column changes.
        for meaning, (_, into) in change_cols.items():
            last = None
            for r in crows:
                v = r["changes"][meaning]
                if v is None:
                    continue
                if v != last and (into is None or any(pattern_matches(p, v) for p in into)):
                    if meaning == "escalation_requested":
                        escalations.append([r["at"], r["n"], 2, None])
                    else:
                        events.append((r, meaning, ""))
                last = v
        # Hand-overs.
        if pr.handover:
            previous = None
            open_one = None
            for r in crows:
                team = r["team"]
                if team is None:
                    continue
                if previous is not None and team != previous:
                    if open_one is not None:
                        open_one[3] = r["at"]
                        open_one = None
                    if any(pattern_matches(p, team) for p in pr.handover[1]):
                        open_one = [r["at"], r["n"], 1, None]
                        escalations.append(open_one)
                previous = team

        created = latest(lambda r: r["instants"].get("created"))
        if created is None:
            created = created_rows[0]["at"] if created_rows else crows[0]["at"]
        org = pick(lambda r: r["values"]["org"])
        if org is None:
            sys.exit(f"case {cid} has no organization: cases.csv needs one (a limit of this converter)")
        severity = pick(lambda r: r["values"]["severity"])
        cases_out.append({
            "case_id": cid, "org_id": org, "customer": pick(lambda r: r["values"]["customer"]) or "",
            "created_at": iso(created), "severity": severity,
            "priority": pick(lambda r: r["values"]["priority"]) or "",
            "channel": pick(lambda r: r["values"]["channel"]) or "",
            "deployment": pick(lambda r: r["values"]["deployment"]) or "",
            "description": "x" if any(r["values"]["description"] for r in crows) else "",
            "resolved_at": iso(t) if (t := latest(lambda r: r["instants"].get("resolved"))) else "",
            "closed_at": iso(t) if (t := latest(lambda r: r["instants"].get("closed"))) else "",
            "platform_incident": pick(lambda r: r["values"]["platform_incident"]) or "",
        })
        # Events in time order, then file order (the order slacheck_ref.py breaks ties by).
        events.sort(key=lambda e: (e[0]["at"], e[0]["n"]))
        for r, etype, value in events:
            events_out.append({"case_id": cid, "at": iso(r["at"]), "type": etype, "value": value,
                               "actor": "support" if etype == "update" else ""})
        escalations.sort(key=lambda e: (e[0], e[1], e[2]))
        for number, (at, n, kind, closed) in enumerate(escalations, 1):
            escalations_out.append((n, kind, {"escalation_id": f"{cid}#{number}", "case_id": cid,
                                              "requested_at": iso(at), "closed_at": iso(closed) if closed else ""}))

    os.makedirs(args.out, exist_ok=True)

    def write(name, fields, items):
        with open(os.path.join(args.out, name), "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
            w.writeheader()
            w.writerows(items)

    write("cases.csv", ["case_id", "org_id", "customer", "created_at", "severity", "priority", "channel",
                        "deployment", "description", "resolved_at", "closed_at", "platform_incident"], cases_out)
    write("case_events.csv", ["case_id", "at", "type", "value", "actor"], events_out)
    # Escalations in file order of the rows that raised them (same instant: earlier in the file).
    escalations_out.sort(key=lambda e: (e[0], e[1]))
    write("escalations.csv", ["escalation_id", "case_id", "requested_at", "closed_at"],
          [e[2] for e in escalations_out])
    # The configuration without the profile and the input settings (the converted files are ISO).
    kept, skip = [], False
    with open(args.profile, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s*\[+\s*([A-Za-z_.]+)", line)
            if m:
                skip = m.group(1).split(".")[0] in ("event_log", "input")
            if not skip:
                kept.append(line)
    with open(os.path.join(args.out, "slacheck.toml"), "w", encoding="utf-8") as f:
        f.write("".join(kept))
    summary = {"rows": len(raw_rows), "rejected": rejected, "unknown_value": unknown_values,
               "cases": len(cases_out), "as_of": iso(as_of) if as_of else None}
    with open(os.path.join(args.out, "summary.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=2, sort_keys=True)
        f.write("\n")
    json.dump(summary, sys.stdout, indent=2, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
