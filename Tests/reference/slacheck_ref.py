#!/usr/bin/env python3
"""Independent reference implementation of slacheck's metrics (SPEC.md), for cross-checking.

Standard library only.  Usage:
    python3 slacheck_ref.py --input DIR [--config FILE.toml] --period 2026-10 [--as-of INSTANT]
    python3 slacheck_ref.py --self-test
Prints one JSON document (sorted keys, 2-space indent).  See README.md beside this file
for every interpretation made where SPEC.md is silent or ambiguous.

Internally every instant is an integer number of microseconds since the Unix epoch (UTC),
so all arithmetic is exact.
"""
import argparse
import bisect
import csv
import datetime as dt
import gzip
import io
import json
import math
import os
import re
import sys
import tomllib
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

US = 1_000_000
EPOCH_ORD = dt.date(1970, 1, 1).toordinal()

RULES = [
    "case-not-active", "awaiting-customer", "urgency-change", "rca-too-early", "low-priority",
    "high-priority-too-soon", "already-open", "fedramp-unassigned", "critical-not-by-phone",
]
REASONS = ["unknown-case", "negative-duration", "missing-required", "bad-timestamp",
           "bad-value", "wrong-field-count", "duplicate-id"]
PRIORITY_NAMES = {1: "critical", 2: "high", 3: "medium", 4: "low"}


class ConfigError(Exception):
    pass


class InputError(Exception):
    pass


# --------------------------------------------------------------------------- config

DEFAULT_TARGETS = {1: ("1h", "24x7"), 2: ("2h", "business"), 3: ("4h", "business"), 4: ("1d", "business")}
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
FILE_KINDS = ("cases", "events", "escalations")

CONFIG_SHAPE = {
    "timezone": str,
    "calendar": {"workdays": list, "hours": str, "holidays": list},
    "targets": {"first_response": {"1": {"target": str, "clock": str}, "2": {"target": str, "clock": str},
                                   "3": {"target": str, "clock": str}, "4": {"target": str, "clock": str}}},
    "rca": {"business_days": int},
    "escalations": {"high_priority_wait": str},
    "input": {"delimiter": str, "timestamp_formats": list,
              "cases": {"columns": "map", "values": "mapmap"},
              "events": {"columns": "map", "values": "mapmap"},
              "escalations": {"columns": "map", "values": "mapmap"}},
}


def _check_shape(obj, shape, prefix):
    for key, val in obj.items():
        name = f"{prefix}{key}"
        if key not in shape:
            raise ConfigError(f"unknown key '{name}'")
        want = shape[key]
        if isinstance(want, dict):
            if not isinstance(val, dict):
                raise ConfigError(f"'{name}' must be a table")
            _check_shape(val, want, name + ".")
        elif want == "map":
            if not isinstance(val, dict) or not all(isinstance(v, str) for v in val.values()):
                raise ConfigError(f"'{name}' must be a table of strings")
        elif want == "mapmap":
            if not isinstance(val, dict) or not all(isinstance(v, dict) for v in val.values()):
                raise ConfigError(f"'{name}' must be a table of tables")
        elif want is int:
            if not isinstance(val, int) or isinstance(val, bool):
                raise ConfigError(f"'{name}' must be an integer")
        elif not isinstance(val, want):
            raise ConfigError(f"'{name}' has the wrong type")


DUR_RE = re.compile(r"(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?")


def parse_duration(text):
    """-> (days, seconds) ; '1h30m' -> (0, 5400); '2d' -> (2, 0)."""
    t = text.strip().lower().replace(" ", "")
    m = DUR_RE.fullmatch(t)
    if not t or not m or not any(m.groups()):
        raise ConfigError(f"bad duration '{text}'")
    d, h, mi, s = (int(g) if g else 0 for g in m.groups())
    return d, h * 3600 + mi * 60 + s


def parse_hours(text):
    m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*", text)
    if not m:
        raise ConfigError(f"bad calendar.hours '{text}'")
    h1, m1, h2, m2 = map(int, m.groups())
    a, b = h1 * 60 + m1, h2 * 60 + m2
    if m1 > 59 or m2 > 59 or a >= 24 * 60 or b > 24 * 60 or b <= a:
        raise ConfigError(f"bad calendar.hours '{text}'")
    return a, b


class Config:
    def __init__(self, data=None):
        data = data or {}
        _check_shape(data, CONFIG_SHAPE, "")
        self.tz_name = data.get("timezone", "UTC")
        try:
            self.tz = ZoneInfo(self.tz_name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(f"unknown timezone '{self.tz_name}'")
        cal = data.get("calendar", {})
        wd = cal.get("workdays", ["mon", "tue", "wed", "thu", "fri"])
        self.workdays = set()
        for w in wd:
            k = str(w).strip().lower()[:3]
            if k not in WEEKDAYS:
                raise ConfigError(f"bad workday '{w}'")
            self.workdays.add(WEEKDAYS[k])
        self.hours = parse_hours(cal.get("hours", "08:00-17:00"))
        self.holidays = set()
        for h in cal.get("holidays", []):
            if isinstance(h, dt.datetime):
                h = h.date()
            if isinstance(h, dt.date):
                self.holidays.add(h)
            else:
                try:
                    self.holidays.add(dt.date.fromisoformat(str(h).strip()))
                except ValueError:
                    raise ConfigError(f"bad holiday '{h}'")
        # nominal length of one working day, used for `d` on a business clock
        self.day_seconds = (self.hours[1] - self.hours[0]) * 60
        fr = data.get("targets", {}).get("first_response", {})
        self.targets = {}
        for sev in (1, 2, 3, 4):
            t = fr.get(str(sev), {})
            target = t.get("target", DEFAULT_TARGETS[sev][0])
            clock = t.get("clock", DEFAULT_TARGETS[sev][1])
            if clock not in ("24x7", "business"):
                raise ConfigError(f"bad clock '{clock}' for severity {sev}")
            days, secs = parse_duration(target)
            per_day = self.day_seconds if clock == "business" else 86400
            self.targets[sev] = (clock, days * per_day + secs)
        self.rca_days = data.get("rca", {}).get("business_days", 5)
        if self.rca_days < 0:
            raise ConfigError("rca.business_days must be >= 0")
        d, s = parse_duration(data.get("escalations", {}).get("high_priority_wait", "24h"))
        self.high_wait_us = (d * 86400 + s) * US  # wall clock
        inp = data.get("input", {})
        self.delimiter = inp.get("delimiter", ",")
        if self.delimiter not in (",", ";", "\t", "|"):
            raise ConfigError(f"bad input.delimiter {self.delimiter!r}")
        self.timestamp_formats = [str(f) for f in inp.get("timestamp_formats", [])]
        self.columns = {}
        self.values = {}
        for kind in FILE_KINDS:
            k = inp.get(kind, {})
            known = {c[0] for c in SCHEMAS[kind]}
            for sect in ("columns", "values"):
                for col in k.get(sect, {}):
                    if col not in known:
                        raise ConfigError(f"unknown key 'input.{kind}.{sect}.{col}' (no such column)")
            self.columns[kind] = {ours: theirs for ours, theirs in k.get("columns", {}).items()}
            vm = {}
            for col, mapping in k.get("values", {}).items():
                vm[col.strip().lower()] = {str(theirs).strip().lower(): _tomlval(ours)
                                           for theirs, ours in mapping.items()}
            self.values[kind] = vm


def _tomlval(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def load_config(path):
    if not path:
        return Config()
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except OSError as e:
        raise ConfigError(f"cannot read config {path}: {e}")
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: {e}")
    return Config(data)


# --------------------------------------------------------------------------- time

ISO_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?"
    r"\s*(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?")


def civil_us(y, mo, d, h, mi, s, frac):
    days = dt.date(y, mo, d).toordinal() - EPOCH_ORD
    return ((days * 86400) + h * 3600 + mi * 60 + s) * US + frac


class Clock:
    """Time-zone helpers for the configured zone."""

    def __init__(self, tz):
        self.tz = tz
        self.is_utc = getattr(tz, "key", "") in ("UTC", "Etc/UTC", "Etc/Universal", "Universal", "Zulu", "Etc/Zulu")

    def local_to_us(self, y, mo, d, h=0, mi=0, s=0, frac=0):
        """Naive local wall time -> instant. Gap: moved forward by the gap (fold=0 uses the
        offset before the transition); overlap: the earlier instant (fold=0)."""
        base = civil_us(y, mo, d, h, mi, s, frac)
        if self.is_utc:
            return base
        off = dt.datetime(y, mo, d, h, mi, s, tzinfo=self.tz).utcoffset()
        return base - (off.days * 86400 + off.seconds) * US - off.microseconds

    def local_midnight(self, date):
        return self.local_to_us(date.year, date.month, date.day)

    def local_date(self, us):
        sec = us // US
        if self.is_utc:
            return dt.date.fromordinal(EPOCH_ORD + sec // 86400)
        return dt.datetime.fromtimestamp(sec, self.tz).date()


def parse_timestamp(text, clock, formats):
    """-> microseconds since epoch, or None when unparseable."""
    m = ISO_RE.fullmatch(text)
    if m:
        y, mo, d, h, mi = (int(m.group(i)) for i in range(1, 6))
        s = int(m.group(6)) if m.group(6) else 0
        frac = int((m.group(7) or "")[:6].ljust(6, "0"))
        if h > 23 or mi > 59 or s > 59:
            return None
        try:
            if m.group(8):
                return civil_us(y, mo, d, h, mi, s, frac)
            if m.group(9):
                oh = int(m.group(10))
                om = int(m.group(11)) if m.group(11) else 0
                if oh > 23 or om > 59:
                    return None
                off = (oh * 3600 + om * 60) * (1 if m.group(9) == "+" else -1)
                return civil_us(y, mo, d, h, mi, s, frac) - off * US
            return clock.local_to_us(y, mo, d, h, mi, s, frac)
        except ValueError:
            return None
    for fmt in formats:
        try:
            t = dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        if t.tzinfo is not None:
            off = t.utcoffset()
            return civil_us(t.year, t.month, t.day, t.hour, t.minute, t.second, t.microsecond) - \
                (off.days * 86400 + off.seconds) * US - off.microseconds
        return clock.local_to_us(t.year, t.month, t.day, t.hour, t.minute, t.second, t.microsecond)
    return None


def fmt_instant(us):
    if us is None:
        return None
    t = dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=us)
    s = t.strftime("%Y-%m-%dT%H:%M:%S")
    if t.microsecond:
        s += ("." + f"{t.microsecond:06d}").rstrip("0")
    return s + "Z"


def seconds_out(us):
    """Duration in microseconds -> JSON seconds (int when whole)."""
    if us is None:
        return None
    if us % US == 0:
        return us // US
    return round(us / US, 6)


class Calendar:
    def __init__(self, cfg, clock):
        self.cfg = cfg
        self.clock = clock
        self._win = {}

    def is_working(self, date):
        return date.weekday() in self.cfg.workdays and date not in self.cfg.holidays

    def window(self, ordinal):
        """(start_us, end_us) of the working hours on local date `ordinal`, or None."""
        w = self._win.get(ordinal, 0)
        if w != 0:
            return w
        date = dt.date.fromordinal(ordinal)
        if not self.is_working(date):
            w = None
        else:
            a, b = self.cfg.hours
            s = self.clock.local_to_us(date.year, date.month, date.day, a // 60, a % 60)
            if b == 24 * 60:
                e = self.clock.local_midnight(date + dt.timedelta(days=1))
            else:
                e = self.clock.local_to_us(date.year, date.month, date.day, b // 60, b % 60)
            w = (s, e) if e > s else None
        self._win[ordinal] = w
        return w

    def business_between(self, a, b):
        """Working time (us) in [a, b)."""
        if b <= a:
            return 0
        total = 0
        o1 = self.clock.local_date(a).toordinal()
        o2 = self.clock.local_date(b).toordinal()
        for o in range(o1, o2 + 1):
            w = self.window(o)
            if w:
                s, e = max(w[0], a), min(w[1], b)
                if e > s:
                    total += e - s
        return total

    def latest_met(self, a, target_us):
        """Latest instant t with business_between(a, t) <= target: the business-clock deadline.
        None when the calendar never reaches the target (no working time within 10 years)."""
        remaining = target_us
        o = self.clock.local_date(a).toordinal()
        reached = None
        for _ in range(3700):
            w = self.window(o)
            o += 1
            if not w:
                continue
            s, e = w
            if e <= a:
                continue
            if reached is not None:
                return max(s, reached)  # next working instant after the target was reached
            s2 = max(s, a)
            if remaining < e - s2:
                return s2 + remaining  # reached strictly inside a window
            remaining -= e - s2
            if remaining == 0:
                reached = e  # reached exactly at the end of this window; extends to next window start
        return None

    def add_working_days(self, date, n):
        """The n-th working day after `date` (n = 0: `date` itself). None if none within 10 years."""
        d = date
        if n == 0:
            return d
        count = 0
        for _ in range(3700):
            d = d + dt.timedelta(days=1)
            if self.is_working(d):
                count += 1
                if count == n:
                    return d
        return None

    def working_days_in(self, after, upto):
        """Working days d with after < d <= upto."""
        n = 0
        d = after + dt.timedelta(days=1)
        while d <= upto:
            if self.is_working(d):
                n += 1
            d += dt.timedelta(days=1)
        return n


# --------------------------------------------------------------------------- enumerations

NAME_LEVEL = {"critical": 1, "high": 2, "medium": 3, "low": 4}
SEV_RE = re.compile(r"(?:severity|sev|s)?[\s\-_.:#]*([1-4])(?:\s*[-\u2013\u2014:]\s*(.*))?")
PRI_RE = re.compile(r"(?:priority|prio|p)?[\s\-_.:#]*([1-4])(?:\s*[-\u2013\u2014:]\s*(.*))?")


def _level(text, rx):
    s = text.strip().lower()
    if s in NAME_LEVEL:
        return NAME_LEVEL[s]
    if s.endswith(" impact") and s[:-7].strip() in NAME_LEVEL:
        return NAME_LEVEL[s[:-7].strip()]
    m = rx.fullmatch(s)
    if m:
        return int(m.group(1))
    return None


def parse_severity(text):
    return _level(text, SEV_RE)


def parse_priority(text):
    return _level(text, PRI_RE)


BOOLS = {"true": True, "yes": True, "1": True, "y": True, "false": False, "no": False, "0": False, "n": False}


def parse_bool(text):
    return BOOLS.get(text.strip().lower())


def enum_parser(values, aliases=None):
    vals = set(values)
    aliases = aliases or {}

    def p(text):
        s = re.sub(r"[\s\-]+", "_", text.strip().lower())
        s = aliases.get(s, s)
        return s if s in vals else None
    return p


parse_channel = enum_parser(["phone", "portal", "email", "chat", "web"])
parse_deployment = enum_parser(["commercial", "fedramp"])
parse_event_type = enum_parser(["status", "severity", "priority", "update", "assigned", "first_response",
                                "service_restored", "rca_delivered"])
parse_status = enum_parser(["new", "open", "waiting_on_customer", "waiting_on_support", "resolved", "closed"],
                           {"reopened": "open"})
parse_actor = enum_parser(["customer", "support", "system"])
parse_reason = enum_parser(["business_impact", "no_progress", "rca_request", "urgency_change",
                            "impact_change", "other"])
parse_decision = enum_parser(["approved", "rejected", "pending"])

# schema: (our column, required, type) in SPEC table order
SCHEMAS = {
    "cases": [
        ("case_id", True, "text"), ("org_id", True, "text"), ("customer", False, "text"),
        ("created_at", True, "ts"), ("severity", True, parse_severity), ("priority", False, parse_priority),
        ("channel", False, parse_channel), ("deployment", False, parse_deployment),
        ("description", False, "text"), ("first_response_at", False, "ts"), ("assigned_at", False, "ts"),
        ("resolved_at", False, "ts"), ("closed_at", False, "ts"), ("platform_incident", False, parse_bool),
        ("service_restored_at", False, "ts"), ("rca_delivered_at", False, "ts"),
    ],
    "events": [
        ("case_id", True, "text"), ("at", True, "ts"), ("type", True, parse_event_type),
        ("value", False, "eventvalue"), ("actor", False, parse_actor),
    ],
    "escalations": [
        ("escalation_id", True, "text"), ("case_id", True, "text"), ("requested_at", True, "ts"),
        ("reason", False, parse_reason), ("channel", False, parse_channel), ("decision", False, parse_decision),
        ("decided_at", False, "ts"), ("closed_at", False, "ts"), ("owner", False, "text"),
    ],
}
EVENT_VALUE_PARSERS = {"status": parse_status, "severity": parse_severity, "priority": parse_priority}
DEFAULT_NAMES = {"cases": "cases.csv", "events": "case_events.csv", "escalations": "escalations.csv"}


# --------------------------------------------------------------------------- reading

def norm_header(h):
    return h.replace("\ufeff", "").strip().lower()


def open_text(path):
    if path == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", errors="replace", newline="")
    if path.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", errors="replace", newline="")
    return open(path, "r", encoding="utf-8-sig", errors="replace", newline="")


class FileStats:
    def __init__(self, kind, path):
        self.kind, self.path, self.rows_read, self.rows_rejected = kind, path, 0, 0


def read_file(kind, path, cfg, clock, findings, on_row):
    """Parse one CSV file; calls on_row(values_dict, line_no) for rows that pass the field checks
    (on_row returns a rejection reason or None).  Returns FileStats."""
    stats = FileStats(kind, path)
    schema = SCHEMAS[kind]
    colmap = cfg.columns[kind]
    valmaps = cfg.values[kind]
    fmts = cfg.timestamp_formats
    try:
        f = open_text(path)
    except OSError as e:
        raise InputError(f"cannot read {path}: {e}")
    with f:
        reader = csv.reader(f, delimiter=cfg.delimiter)
        header = None
        for row in reader:
            if header is None:
                if not row:
                    continue
                header = [norm_header(h) for h in row]
                pos = {}
                for i, h in enumerate(header):
                    pos.setdefault(h, i)
                index = []
                for name, required, typ in schema:
                    i = None
                    if name in colmap and norm_header(colmap[name]) in pos:
                        i = pos[norm_header(colmap[name])]
                    elif name in pos:
                        i = pos[name]
                    if i is None and required:
                        raise InputError(f"{path}: missing required column '{name}'")
                    index.append((name, required, typ, i, valmaps.get(name)))
                nfields = len(header)
                continue
            if not row:  # blank line: skipped, not a row
                continue
            stats.rows_read += 1
            reason = None
            rec = {}
            if len(row) != nfields:
                reason = "wrong-field-count"
            else:
                etype = None
                for name, required, typ, i, vmap in index:
                    raw = row[i].strip() if i is not None else ""
                    if vmap and raw.lower() in vmap:
                        raw = vmap[raw.lower()].strip()
                    if typ == "eventvalue":
                        vp = EVENT_VALUE_PARSERS.get(etype)
                        if vp is None:
                            rec[name] = raw or None
                            continue
                        if not raw:
                            reason = "missing-required"
                            break
                        v = vp(raw)
                        if v is None:
                            reason = "bad-value"
                            break
                        rec[name] = v
                        continue
                    if not raw:
                        if required:
                            reason = "missing-required"
                            break
                        rec[name] = None
                        continue
                    if typ == "text":
                        rec[name] = raw
                    elif typ == "ts":
                        v = parse_timestamp(raw, clock, fmts)
                        if v is None:
                            reason = "bad-timestamp"
                            break
                        rec[name] = v
                    else:
                        v = typ(raw)
                        if v is None:
                            reason = "bad-value"
                            break
                        rec[name] = v
                    if name == "type":
                        etype = rec[name]
            if reason is None:
                reason = on_row(rec)
            if reason is not None:
                stats.rows_rejected += 1
                findings[reason] += 1
        if header is None:
            raise InputError(f"{path}: no header row")
    return stats


class Case:
    __slots__ = ("id", "org", "customer", "created", "severity", "priority", "channel", "deployment",
                 "description", "fr_at", "assigned_at", "closed", "platform", "restored_at", "rca_at",
                 "status_ev", "sev_ev", "pri_ev", "assigned_ev", "upd_times", "fr_ev", "support_upd",
                 "restored_ev", "rca_ev", "escalations")

    def __init__(self, r):
        self.id = r["case_id"]
        self.org = r["org_id"]
        self.customer = r["customer"]
        self.created = r["created_at"]
        self.severity = r["severity"]
        self.priority = r["priority"]
        self.channel = r["channel"]
        self.deployment = r["deployment"] or "commercial"
        self.description = r["description"]
        self.fr_at = r["first_response_at"]
        self.assigned_at = r["assigned_at"]
        self.closed = r["closed_at"]
        self.platform = bool(r["platform_incident"])
        self.restored_at = r["service_restored_at"]
        self.rca_at = r["rca_delivered_at"]
        # timelines: lists of (at, src, order, value); src 0 = the row, 1 = case_events.csv
        self.status_ev = [(self.created, 0, 0, "open")]
        if self.closed is not None:
            self.status_ev.append((self.closed, 0, 1, "closed"))
        self.sev_ev = [(self.created, 0, 0, self.severity)]
        self.pri_ev = [(self.created, 0, 0, self.priority)]
        self.assigned_ev = None
        self.upd_times = []
        self.fr_ev = None
        self.support_upd = None
        self.restored_ev = None
        self.rca_ev = None
        self.escalations = []


def _min(a, b):
    return b if a is None or (b is not None and b < a) else a


class Timeline:
    """Sorted views of one case's history."""

    def __init__(self, case):
        self.case = case
        for attr in ("status_ev", "sev_ev", "pri_ev"):
            getattr(case, attr).sort()
        self.status_at_list = [e[0] for e in case.status_ev]
        self.sev_at_list = [e[0] for e in case.sev_ev]
        self.pri_at_list = [e[0] for e in case.pri_ev]
        case.upd_times.sort()

    def _at(self, evs, ats, t):
        i = bisect.bisect_right(ats, t) - 1
        return evs[i][3] if i >= 0 else None

    def status(self, t):
        if t < self.case.created:
            return None
        return self._at(self.case.status_ev, self.status_at_list, t)

    def severity(self, t):
        if t < self.case.created:
            return self.case.severity
        return self._at(self.case.sev_ev, self.sev_at_list, t)

    def priority(self, t):
        if t < self.case.created:
            return self.case.priority
        return self._at(self.case.pri_ev, self.pri_at_list, t)

    def assigned(self, t):
        c = self.case
        return (c.assigned_at is not None and c.assigned_at <= t) or (c.assigned_ev is not None and c.assigned_ev <= t)

    def last_update_before(self, t):
        i = bisect.bisect_left(self.case.upd_times, t) - 1
        return self.case.upd_times[i] if i >= 0 else self.case.created


def first_response(c):
    if c.fr_at is not None:
        return c.fr_at
    if c.fr_ev is not None:
        return c.fr_ev
    return c.support_upd


def restored(c):
    return c.restored_at if c.restored_at is not None else c.restored_ev


def rca_delivered(c):
    return c.rca_at if c.rca_at is not None else c.rca_ev


# --------------------------------------------------------------------------- metrics

def percentile(sorted_vals, p):
    n = len(sorted_vals)
    if n == 0:
        return None
    k = (p * n + 99) // 100  # ceil(p/100 * n) in integers
    return sorted_vals[max(k, 1) - 1]


def pctl_block(vals):
    vals = sorted(vals)
    if not vals:
        return {"mean": None, "p50": None, "p90": None, "p95": None, "max": None}
    return {
        "mean": round(sum(vals) / len(vals) / US, 3),
        "p50": seconds_out(percentile(vals, 50)),
        "p90": seconds_out(percentile(vals, 90)),
        "p95": seconds_out(percentile(vals, 95)),
        "max": seconds_out(vals[-1]),
    }


def frac(num, den):
    return None if den == 0 else num / den


def month_bounds(label, clock):
    m = re.fullmatch(r"(\d{4})-(\d{2})", label)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ConfigError(f"bad --period '{label}' (want YYYY-MM or last-month)")
    y, mo = int(m.group(1)), int(m.group(2))
    ny, nmo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    return clock.local_midnight(dt.date(y, mo, 1)), clock.local_midnight(dt.date(ny, nmo, 1))


def analyze(input_dir, config_path=None, period=None, as_of_text=None, paths=None):
    cfg = load_config(config_path)
    clock = Clock(cfg.tz)
    cal = Calendar(cfg, clock)
    findings = {r: 0 for r in REASONS}
    paths = dict(paths or {})
    for kind, p in paths.items():
        if p != "-" and not os.path.exists(p):
            raise InputError(f"{kind} file not found: {p}")
    for kind in FILE_KINDS:
        if kind not in paths:
            p = os.path.join(input_dir, DEFAULT_NAMES[kind])
            if not os.path.exists(p) and os.path.exists(p + ".gz"):
                p += ".gz"
            paths[kind] = p
    if not os.path.exists(paths["cases"]) and paths["cases"] != "-":
        raise InputError(f"cases file not found: {paths['cases']}")

    max_seen = [None]

    def see(*vals):
        for v in vals:
            if v is not None and (max_seen[0] is None or v > max_seen[0]):
                max_seen[0] = v

    cases = {}
    case_list = []

    def on_case(r):
        if r["case_id"] in cases:
            return "duplicate-id"
        c = Case(r)
        cases[c.id] = c
        case_list.append(c)
        see(r["created_at"], r["first_response_at"], r["assigned_at"], r["resolved_at"], r["closed_at"],
            r["service_restored_at"], r["rca_delivered_at"])
        return None

    files = [read_file("cases", paths["cases"], cfg, clock, findings, on_case)]

    ev_order = [0]

    def on_event(r):
        see(r["at"])
        c = cases.get(r["case_id"])
        if c is None:
            findings["unknown-case"] += 1
            return None
        ev_order[0] += 1
        t, typ, val = r["at"], r["type"], r["value"]
        if typ == "status":
            c.status_ev.append((t, 1, ev_order[0], val))
            c.upd_times.append(t)
        elif typ == "severity":
            c.sev_ev.append((t, 1, ev_order[0], val))
        elif typ == "priority":
            c.pri_ev.append((t, 1, ev_order[0], val))
        elif typ == "update":
            c.upd_times.append(t)
            if r["actor"] == "support":
                c.support_upd = _min(c.support_upd, t)
        elif typ == "assigned":
            c.assigned_ev = _min(c.assigned_ev, t)
        elif typ == "first_response":
            c.fr_ev = _min(c.fr_ev, t)
        elif typ == "service_restored":
            c.restored_ev = _min(c.restored_ev, t)
        elif typ == "rca_delivered":
            c.rca_ev = _min(c.rca_ev, t)
        return None

    if os.path.exists(paths["events"]) or paths["events"] == "-":
        files.append(read_file("events", paths["events"], cfg, clock, findings, on_event))

    esc_ids = set()
    esc_list = []

    def on_esc(r):
        if r["escalation_id"] in esc_ids:
            return "duplicate-id"
        esc_ids.add(r["escalation_id"])
        see(r["requested_at"], r["decided_at"], r["closed_at"])
        c = cases.get(r["case_id"])
        if c is None:
            findings["unknown-case"] += 1
            return None
        r["_order"] = len(esc_list)
        esc_list.append(r)
        c.escalations.append(r)
        return None

    if os.path.exists(paths["escalations"]) or paths["escalations"] == "-":
        files.append(read_file("escalations", paths["escalations"], cfg, clock, findings, on_esc))

    # ---- as-of and period
    if as_of_text:
        as_of = parse_timestamp(as_of_text.strip(), clock, [])
        if as_of is None:
            raise ConfigError(f"bad --as-of '{as_of_text}'")
    else:
        as_of = max_seen[0]
    if period is None or period == "last-month":
        if period == "last-month":
            today = dt.datetime.now(cfg.tz).date()
            first = today.replace(day=1) - dt.timedelta(days=1)
        else:
            if as_of is None:
                raise ConfigError("no --period and no timestamps to infer one from")
            first = clock.local_date(as_of)
        period = f"{first.year:04d}-{first.month:02d}"
    p_start, p_end = month_bounds(period, clock)
    if as_of is None:
        as_of = p_end

    def in_period(t):
        return t is not None and p_start <= t < p_end and t <= as_of

    timelines = {}

    def tl(c):
        x = timelines.get(c.id)
        if x is None:
            x = timelines[c.id] = Timeline(c)
        return x

    # ---- data quality: negative durations over the whole input
    for c in case_list:
        fr = first_response(c)
        if fr is not None and fr < c.created:
            findings["negative-duration"] += 1

    # ---- 3.1 response times
    pop = [c for c in case_list if in_period(c.created)]
    by_sev = {s: {"cases": 0, "responded": 0, "met": 0, "breached": 0, "pending": 0, "neg": 0, "vals": []}
              for s in (1, 2, 3, 4)}
    redet = {s: [0, 0] for s in (1, 2, 3, 4)}
    resp_items = []
    for c in pop:
        t = tl(c)
        sev = t.severity(c.created)
        b = by_sev[sev]
        clk, target_s = cfg.targets[sev]
        target = target_s * US
        fr = first_response(c)
        if fr is not None and fr > as_of:
            fr = None
        item = {"case_id": c.id, "severity": sev, "responded_at": fmt_instant(fr), "seconds": None}
        if clk == "24x7":
            deadline = c.created + target
        else:
            deadline = cal.latest_met(c.created, target)
        item["deadline_at"] = fmt_instant(deadline)
        if fr is not None and fr < c.created:
            b["neg"] += 1
            item["verdict"] = "negative-duration"
        else:
            b["cases"] += 1
            if fr is not None:
                rt = fr - c.created if clk == "24x7" else cal.business_between(c.created, fr)
                b["responded"] += 1
                b["vals"].append(rt)
                item["seconds"] = seconds_out(rt)
                verdict = "met" if rt <= target else "breached"
            elif deadline is not None and as_of > deadline:
                verdict = "breached"
            else:
                verdict = "pending"
            b[verdict] += 1
            item["verdict"] = verdict
        resp_items.append(item)
        # redeterminations: effective severity changes after creation, up to as-of
        prev = sev
        up = down = False
        evs = c.sev_ev
        i = bisect.bisect_right(t.sev_at_list, c.created)
        while i < len(evs) and evs[i][0] <= as_of:
            at = evs[i][0]
            while i + 1 < len(evs) and evs[i + 1][0] == at:
                i += 1
            v = evs[i][3]
            if v < prev:
                up = True
            elif v > prev:
                down = True
            prev = v
            i += 1
        redet[sev][0] += up
        redet[sev][1] += down

    response = {"by_severity": [], "items": sorted(resp_items, key=lambda x: x["case_id"])}
    for s in (1, 2, 3, 4):
        b = by_sev[s]
        clk, target_s = cfg.targets[s]
        response["by_severity"].append({
            "severity": s, "clock": clk, "target_seconds": target_s, "cases": b["cases"],
            "responded": b["responded"], "met": b["met"], "breached": b["breached"], "pending": b["pending"],
            "compliance": frac(b["met"], b["met"] + b["breached"]), "negative_duration": b["neg"],
            "seconds": pctl_block(b["vals"]),
        })
    redeterminations = [{"severity": s, "upgraded": redet[s][0], "downgraded": redet[s][1]} for s in (1, 2, 3, 4)]

    # ---- 3.2 RCA
    def rca_due(c):
        """(restored instant, due date, due instant) with the restore <= as_of, else None."""
        r = restored(c)
        if r is None or r > as_of:
            return None
        d0 = clock.local_date(r)
        dd = cal.add_working_days(d0, cfg.rca_days)
        due = clock.local_midnight(dd + dt.timedelta(days=1)) if dd is not None else None
        return r, dd, due

    rca = {"business_days": cfg.rca_days, "incidents": 0, "on_time": 0, "late": 0, "overdue": 0, "pending": 0,
           "items": []}
    for c in case_list:
        if not c.platform:
            continue
        rd = rca_due(c)
        if rd is None or not in_period(rd[0]):
            continue
        r, dd, due = rd
        rca["incidents"] += 1
        dl = rca_delivered(c)
        if dl is not None and dl > as_of:
            dl = None
        late_days = None
        if dl is not None:
            if due is None or dl < due:
                verdict = "on_time"
            else:
                verdict = "late"
                late_days = cal.working_days_in(dd, clock.local_date(dl))
        elif due is not None and as_of >= due:
            verdict = "overdue"
            late_days = cal.working_days_in(dd, clock.local_date(as_of))
        else:
            verdict = "pending"
        rca[verdict] += 1
        rca["items"].append({"case_id": c.id, "restored_at": fmt_instant(r), "due_at": fmt_instant(due),
                             "delivered_at": fmt_instant(dl), "verdict": verdict,
                             "business_days_late": late_days})
    rca["compliance"] = frac(rca["on_time"], rca["on_time"] + rca["late"] + rca["overdue"])
    rca["items"].sort(key=lambda x: x["case_id"])

    # ---- 3.3 escalations
    esc_pop = [e for e in esc_list if in_period(e["requested_at"])]
    by_rule = {r: 0 for r in RULES}
    items = []
    invalid = 0
    audit = {"approved_invalid": 0, "rejected_valid": 0, "pending": 0, "approved_valid": 0, "rejected_invalid": 0,
             "decided_before_request": 0}
    decision_times = []
    groups = {"by_priority": {}, "by_channel": {}, "by_deployment": {}, "by_organization": {}}

    def bump(group, key, bad):
        g = groups[group].setdefault(key, [0, 0])
        g[0] += 1
        g[1] += bad

    for e in esc_pop:
        c = cases[e["case_id"]]
        t = tl(c)
        at = e["requested_at"]
        broken = []
        st = t.status(at)
        if st is None or st == "closed":
            broken.append("case-not-active")
        if st == "waiting_on_customer":
            broken.append("awaiting-customer")
        if e["reason"] in ("urgency_change", "impact_change"):
            broken.append("urgency-change")
        if e["reason"] == "rca_request":
            rd = rca_due(c)
            if rd is None or rd[0] > at or rd[2] is None or at < rd[2]:
                broken.append("rca-too-early")
        pri = t.priority(at)
        if pri == 4:
            broken.append("low-priority")
        if pri == 2 and at - t.last_update_before(at) < cfg.high_wait_us:
            broken.append("high-priority-too-soon")
        for o in c.escalations:
            if o is e:
                continue
            earlier = o["requested_at"] < at or (o["requested_at"] == at and o["_order"] < e["_order"])
            if not earlier:
                continue
            closed = o["closed_at"] is not None and o["closed_at"] <= at
            rej_at = o["decided_at"] if o["decided_at"] is not None else o["requested_at"]
            rejected = o["decision"] == "rejected" and rej_at <= at
            if not closed and not rejected:
                broken.append("already-open")
                break
        if c.deployment == "fedramp" and not t.assigned(at):
            broken.append("fedramp-unassigned")
        if (t.severity(at) == 1 or pri == 1) and e["channel"] is not None and e["channel"] != "phone":
            broken.append("critical-not-by-phone")
        for r in broken:
            by_rule[r] += 1
        bad = 1 if broken else 0
        invalid += bad
        items.append({"escalation_id": e["escalation_id"], "case_id": c.id, "rules": broken})
        bump("by_priority", PRIORITY_NAMES.get(pri, "none"), bad)
        bump("by_channel", e["channel"] or "unknown", bad)
        bump("by_deployment", c.deployment, bad)
        bump("by_organization", c.org, bad)
        # decision audit: a decision stamped after as-of has not happened yet
        dec = e["decision"]
        if e["decided_at"] is not None and e["decided_at"] > as_of:
            dec = None
        if dec in (None, "pending"):
            audit["pending"] += 1
        else:
            audit[f"{dec}_{'invalid' if bad else 'valid'}"] += 1
            if e["decided_at"] is not None:
                if e["decided_at"] < at:
                    # A decision stamped before its request is a data problem: counted, and
                    # kept out of the time-to-decision percentiles.
                    audit["decided_before_request"] += 1
                else:
                    decision_times.append(e["decided_at"] - at)
    decision_times.sort()
    audit["p50_seconds"] = seconds_out(percentile(decision_times, 50))
    audit["p90_seconds"] = seconds_out(percentile(decision_times, 90))
    audit["decided"] = len(decision_times)

    def group_out(g):
        return {k: {"total": v[0], "invalid": v[1], "invalid_rate": frac(v[1], v[0])} for k, v in g.items()}

    orgs = sorted(groups["by_organization"].items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0]))[:10]
    escalations = {
        "total": len(esc_pop), "invalid": invalid, "invalid_rate": frac(invalid, len(esc_pop)),
        "by_rule": by_rule, "decision_audit": audit,
        "items": sorted(items, key=lambda x: x["escalation_id"]),
        "by_priority": group_out(groups["by_priority"]), "by_channel": group_out(groups["by_channel"]),
        "by_deployment": group_out(groups["by_deployment"]),
        "by_organization_top10": [{"org_id": k, "total": v[0], "invalid": v[1], "invalid_rate": frac(v[1], v[0])}
                                  for k, v in orgs],
    }

    # ---- 3.4 submissions (the row's values, as submitted)
    matrix = {p: {str(s): 0 for s in (1, 2, 3, 4)} for p in ("critical", "high", "medium", "low", "none")}
    cnp = inc = 0
    for c in pop:
        if (c.priority == 1 or c.severity == 1) and c.channel is not None and c.channel != "phone":
            cnp += 1
        if c.channel == "portal" and (c.customer is None or c.org is None or c.description is None):
            inc += 1
        matrix[PRIORITY_NAMES.get(c.priority, "none")][str(c.severity)] += 1
    submissions = {"cases": len(pop), "critical_not_by_phone": cnp, "incomplete_submission": inc,
                   "matrix": matrix}

    return {
        "period": {"label": period, "start": fmt_instant(p_start), "end": fmt_instant(p_end),
                   "timezone": cfg.tz_name},
        "as_of": fmt_instant(as_of),
        "response_times": response,
        "redeterminations": redeterminations,
        "rca": rca,
        "escalations": escalations,
        "submissions": submissions,
        "data_quality": {
            "files": [{"kind": s.kind, "path": s.path, "rows_read": s.rows_read, "rows_rejected": s.rows_rejected}
                      for s in files],
            "findings": findings,
        },
    }


# --------------------------------------------------------------------------- self-test

def _match(exp, got, path, errors):
    if isinstance(exp, dict):
        if not isinstance(got, dict):
            errors.append(f"{path}: expected an object, got {got!r}")
            return
        for k, v in exp.items():
            if k.startswith("_"):
                continue
            if k not in got:
                errors.append(f"{path}.{k}: missing")
            else:
                _match(v, got[k], f"{path}.{k}", errors)
    elif isinstance(exp, list):
        if not isinstance(got, list) or len(got) != len(exp):
            errors.append(f"{path}: expected {exp!r}, got {got!r}")
            return
        for i, (a, b) in enumerate(zip(exp, got)):
            _match(a, b, f"{path}[{i}]", errors)
    elif isinstance(exp, bool) or exp is None or isinstance(exp, str):
        if exp != got or type(exp) is not type(got):
            errors.append(f"{path}: expected {exp!r}, got {got!r}")
    elif isinstance(exp, (int, float)):
        if isinstance(got, bool) or not isinstance(got, (int, float)) or abs(exp - got) > 1e-9:
            errors.append(f"{path}: expected {exp!r}, got {got!r}")
    else:
        errors.append(f"{path}: unsupported expected value {exp!r}")


def self_test():
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
    failed = 0
    names = sorted(d for d in os.listdir(here) if os.path.isdir(os.path.join(here, d)))
    for name in names:
        d = os.path.join(here, name)
        with open(os.path.join(d, "expected.json"), encoding="utf-8") as f:
            exp = json.load(f)
        args = exp.get("_args", {})
        cfgp = os.path.join(d, "slacheck.toml")
        try:
            got = analyze(d, cfgp if os.path.exists(cfgp) else None, args.get("period"), args.get("as_of"))
            got = json.loads(json.dumps(got))
        except (ConfigError, InputError) as e:
            got = {"error": str(e)}
        errors = []
        _match(exp, got, "$", errors)
        if errors:
            failed += 1
            print(f"FAIL {name}")
            for e in errors:
                print("   ", e)
        else:
            print(f"ok   {name}")
    print(f"{len(names) - failed}/{len(names)} case sets passed")
    bad = calendar_property_check()
    print("ok   calendar property check (business_between / deadline vs brute force, Europe/Berlin DST)"
          if not bad else f"FAIL calendar property check: {bad} mismatches")
    return 1 if failed or bad else 0


def calendar_property_check():
    """Brute-force cross-check of business_between and latest_met on 15-minute steps around the
    2026-10-25 DST change in Europe/Berlin, for three working-hour shapes (one spans the change)."""
    import random
    rnd = random.Random(7)
    bad = 0
    step = 15 * 60 * US
    for hours in ("08:00-17:00", "00:00-24:00", "01:30-03:30"):
        cfg = Config({"timezone": "Europe/Berlin", "calendar": {"hours": hours, "holidays": ["2026-10-27"]}})
        clock = Clock(cfg.tz)
        cal = Calendar(cfg, clock)

        def working(t):
            o = clock.local_date(t).toordinal()
            w = cal.window(o)
            return w is not None and w[0] <= t < w[1]
        a0 = civil_us(2026, 10, 20, 0, 0, 0, 0)
        for _ in range(100):
            a = a0 + rnd.randrange(0, 14 * 96) * step
            b = a + rnd.randrange(0, 5 * 96) * step
            brute = sum(step for t in range(a, b, step) if working(t))
            if brute != cal.business_between(a, b):
                bad += 1
            target = rnd.randrange(0, 80) * step
            d = cal.latest_met(a, target)
            if not (cal.business_between(a, d) <= target < cal.business_between(a, d + 1)):
                bad += 1
    return bad


def main(argv=None):
    ap = argparse.ArgumentParser(description="slacheck reference implementation (metrics only)")
    ap.add_argument("--input")
    ap.add_argument("--cases")
    ap.add_argument("--events")
    ap.add_argument("--escalations")
    ap.add_argument("--config")
    ap.add_argument("--period")
    ap.add_argument("--as-of", dest="as_of")
    ap.add_argument("--self-test", action="store_true")
    a = ap.parse_args(argv)
    if a.self_test:
        return self_test()
    if not a.input and not a.cases:
        ap.error("--input DIR (or --cases FILE) is required")
    paths = {k: getattr(a, k) for k in FILE_KINDS if getattr(a, k)}
    try:
        out = analyze(a.input or ".", a.config, a.period, a.as_of, paths)
    except ConfigError as e:
        print(f"slacheck_ref: {e}", file=sys.stderr)
        return 2
    except InputError as e:
        print(f"slacheck_ref: {e}", file=sys.stderr)
        return 3
    json.dump(out, sys.stdout, sort_keys=True, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
