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
# SPEC 3.4's submission checks, in its order (critical-not-by-phone is also a rule of 3.3); the two
# Designated Contacts checks are not computed, but SPEC 3.4 says they "can be disabled"
SUBMISSION_CHECKS = ["critical-not-by-phone", "incomplete-submission", "undesignated-contact", "no-backup-contact"]
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
WEEKDAY_KEYS = {**WEEKDAYS, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
                "saturday": 5, "sunday": 6}
FILE_KINDS = ("cases", "events", "escalations")
INPUT_KINDS = FILE_KINDS + ("organizations", "exclusions")  # v2: kinds the config may map
TARGET_KINDS = ("first_response", "restoration", "resolution", "update")
# SPEC section 4: the statuses that stop each target's clock unless the config says otherwise
EXCL_KINDS = TARGET_KINDS + ("rca",)  # what exclusions.csv may name besides `all` (SPEC 3.10)
DEFAULT_PAUSE = {"first_response": frozenset(), "restoration": frozenset(),
                 "resolution": frozenset({"waiting_on_customer"}), "update": frozenset({"waiting_on_customer"})}
SEV_KEYS = ("1", "2", "3", "4")

# Shape markers understood by _check_shape besides types and nested dicts:
#   "map" / "mapmap"      a table of strings / a table of tables (column and value maps)
#   "hours"               one "HH:MM-HH:MM" string or a list of them (v2)
#   "date"                a TOML date or a "YYYY-MM-DD" string (v2)
#   ("named", SHAPE)      a table of user-named tables, each of SHAPE (v2: calendars, tiers)
#   ("tables", SHAPE)     an array of tables, each of SHAPE (v2: [[contracts]])
ENTRY_SHAPE = {"target": str, "clock": str}
SEV_TABLE = {k: ENTRY_SHAPE for k in SEV_KEYS}                      # a tier's table: entries only
TARGET_TABLE = {**SEV_TABLE, "pause_on": list}                      # a default table: entries + pause_on
CAL_SHAPE = {"workdays": list, "hours": "hours", "holidays": list,
             "days": {k: "hours" for k in WEEKDAY_KEYS}}
TIER_SHAPE = {"calendar": str, **{k: SEV_TABLE for k in TARGET_KINDS}}

CONFIG_SHAPE = {
    "timezone": str,
    "calendar": CAL_SHAPE,
    "calendars": ("named", {**CAL_SHAPE, "timezone": str}),
    "targets": {"severity_basis": str, **{k: TARGET_TABLE for k in TARGET_KINDS}},
    "tiers": ("named", TIER_SHAPE),
    "contracts": ("tables", {"from": "date", "targets": {k: TARGET_TABLE for k in TARGET_KINDS},
                             "tiers": ("named", TIER_SHAPE)}),
    "checks": {"disabled": list},
    "rca": {"business_days": int},
    "escalations": {"high_priority_wait": str},
    "input": {"delimiter": str, "timestamp_formats": list,
              **{k: {"columns": "map", "values": "mapmap"} for k in INPUT_KINDS}},
}


def _check_shape(obj, shape, prefix):
    for key, val in obj.items():
        name = f"{prefix}{key}"
        if key not in shape:
            raise ConfigError(f"unknown key '{name}'")
        want = shape[key]
        if isinstance(want, tuple) and want[0] == "named":
            if not isinstance(val, dict) or not all(isinstance(v, dict) for v in val.values()):
                raise ConfigError(f"'{name}' must be a table of tables")
            for sub, subval in val.items():
                _check_shape(subval, want[1], f"{name}.{sub}.")
        elif isinstance(want, tuple) and want[0] == "tables":
            if not isinstance(val, list) or not all(isinstance(v, dict) for v in val):
                raise ConfigError(f"'{name}' must be an array of tables ([[{name}]])")
            for i, subval in enumerate(val):
                _check_shape(subval, want[1], f"{name}[{i}].")
        elif isinstance(want, dict):
            if not isinstance(val, dict):
                raise ConfigError(f"'{name}' must be a table")
            _check_shape(val, want, name + ".")
        elif want == "map":
            if not isinstance(val, dict) or not all(isinstance(v, str) for v in val.values()):
                raise ConfigError(f"'{name}' must be a table of strings")
        elif want == "mapmap":
            if not isinstance(val, dict) or not all(isinstance(v, dict) for v in val.values()):
                raise ConfigError(f"'{name}' must be a table of tables")
        elif want == "hours":
            if not (isinstance(val, str) or (isinstance(val, list) and all(isinstance(v, str) for v in val))):
                raise ConfigError(f"'{name}' must be \"HH:MM-HH:MM\" or a list of such ranges")
        elif want == "date":
            if not (isinstance(val, str) or (isinstance(val, dt.date) and not isinstance(val, dt.datetime))):
                raise ConfigError(f"'{name}' must be a date (YYYY-MM-DD)")
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


RANGE_RE = re.compile(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*")


def parse_range(text, key="calendar.hours"):
    """'08:00-17:00' -> (480, 1020) in minutes of the local day; '24:00' may only end a range."""
    m = RANGE_RE.fullmatch(text)
    if not m:
        raise ConfigError(f"bad {key} '{text}'")
    h1, m1, h2, m2 = map(int, m.groups())
    a, b = h1 * 60 + m1, h2 * 60 + m2
    if m1 > 59 or m2 > 59 or a >= 24 * 60 or b > 24 * 60 or b <= a:
        raise ConfigError(f"bad {key} '{text}'")
    return a, b


def parse_ranges(val, key):
    """A string (one range) or a list of ranges -> tuple of (start, end) minutes, ascending, no overlap
    (touching ranges are allowed)."""
    items = [val] if isinstance(val, str) else list(val)
    ranges = tuple(parse_range(x, key) for x in items)
    for (a1, b1), (a2, b2) in zip(ranges, ranges[1:]):
        if a2 < b1:
            raise ConfigError(f"'{key}': ranges must be in ascending order without overlap")
    return ranges


HOLIDAY_RE = re.compile(r"\s*(\d{4}-\d{2}-\d{2})(?:\s+(\S.*?))?\s*")


def parse_holiday(h, key):
    """'2026-12-25' -> (date, ()) : no working hours; '2026-12-24 08:00-10:00,13:00-15:00' ->
    (date, ranges): that day's working hours, whatever its weekday."""
    if isinstance(h, dt.datetime):
        h = h.date()
    if isinstance(h, dt.date):
        return h, ()
    m = HOLIDAY_RE.fullmatch(str(h))
    if not m:
        raise ConfigError(f"bad holiday '{h}' in '{key}'")
    try:
        date = dt.date.fromisoformat(m.group(1))
    except ValueError:
        raise ConfigError(f"bad holiday '{h}' in '{key}'")
    ranges = parse_ranges(m.group(2).split(","), key) if m.group(2) else ()
    return date, ranges


class CalendarDef:
    """A parsed calendar: which local dates have which working-hour ranges (minutes of the day).
    `tz` is its own time zone (named calendars only), else None = the top-level zone."""

    def __init__(self, name, workdays, hours, days, holidays, tz_name=None, tz=None):
        self.name, self.workdays, self.hours, self.days, self.holidays = name, workdays, hours, days, holidays
        self.tz_name, self.tz = tz_name, tz
        # nominal length of one working day, used for `d` on a business clock: the `hours` ranges added up
        self.day_seconds = sum(b - a for a, b in hours) * 60

    @classmethod
    def parse(cls, cal, prefix, base=None):
        """[calendar] (base None: from the built-in defaults) or [calendars.NAME] (base: a copy of
        [calendar] whose keys `cal` replaces; its `days` weekday by weekday)."""
        if base is None:
            workdays = {0, 1, 2, 3, 4}
            hours = ((480, 1020),)
            days, holidays = {}, {}
        else:
            workdays, hours, days, holidays = set(base.workdays), base.hours, dict(base.days), dict(base.holidays)
        if "workdays" in cal:
            workdays = set()
            for w in cal["workdays"]:
                k = str(w).strip().lower()[:3]
                if k not in WEEKDAYS:
                    raise ConfigError(f"bad workday '{w}' in '{prefix}workdays'")
                workdays.add(WEEKDAYS[k])
        if "hours" in cal:
            hours = parse_ranges(cal["hours"], f"{prefix}hours")
        if "holidays" in cal:
            holidays = {}
            for h in cal["holidays"]:
                date, ranges = parse_holiday(h, f"{prefix}holidays")
                if date in holidays and holidays[date] != ranges:
                    raise ConfigError(f"'{prefix}holidays': {date} is listed twice with different hours")
                holidays[date] = ranges
        seen = {}
        for k, v in cal.get("days", {}).items():
            wd = WEEKDAY_KEYS[k.lower()] if k.lower() in WEEKDAY_KEYS else None
            if wd is None:
                raise ConfigError(f"unknown key '{prefix}days.{k}'")
            if wd in seen:
                raise ConfigError(f"'{prefix}days': {k} and {seen[wd]} name the same weekday")
            seen[wd] = k
            days[wd] = parse_ranges(v, f"{prefix}days.{k}")
        return workdays, hours, days, holidays

    def ranges_on(self, date):
        """Working-hour ranges of a local date: a holiday's own (none for a plain holiday), else the
        weekday's [calendar.days] entry, else `hours` on a workday."""
        r = self.holidays.get(date)
        if r is not None:
            return r
        wd = date.weekday()
        r = self.days.get(wd)
        if r is not None:
            return r
        return self.hours if wd in self.workdays else ()

    def is_working(self, date):
        """A working day (RCA) is a day with working hours."""
        return bool(self.ranges_on(date))


_IANA = None


def _zone(name, strict=True):
    """IANA name (case-sensitive) -> ZoneInfo, or None when unknown. strict (v2: organizations.csv and
    [calendars.X] timezone): also only the names of the zone database (zoneinfo.available_timezones), so
    file-system paths such as `localtime` or `posix/Europe/Berlin` are not time zones. The top-level
    `timezone` keeps version 1's check (anything zoneinfo loads under its exact name)."""
    global _IANA
    if not isinstance(name, str) or not name or name != name.strip():
        return None
    if strict:
        if _IANA is None:
            import zoneinfo
            _IANA = zoneinfo.available_timezones() - {"localtime"}
        if name not in _IANA:
            return None
    try:
        z = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
    # ZoneInfo may find a zone on a case-insensitive file system; IANA names are case-sensitive.
    if getattr(z, "key", name) != name:
        return None
    return z


def parse_entry(e, key):
    """{ target = "...", clock = "24x7"|"business" } -> (clock, days, seconds). v2: no clock = 24x7,
    no target = configuration error."""
    if "target" not in e:
        raise ConfigError(f"'{key}' has no target")
    clock = e.get("clock", "24x7")
    if clock not in ("24x7", "business"):
        raise ConfigError(f"bad clock '{clock}' in '{key}' (24x7 or business)")
    days, secs = parse_duration(e["target"])
    return clock, days, secs


def entry_us(entry, caldef):
    """Target of an entry in microseconds; on a business clock `1d` is caldef's `hours` added up."""
    clock, days, secs = entry
    per_day = caldef.day_seconds if clock == "business" else 86400
    return (days * per_day + secs) * US


def _date(v, key):
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(v.strip())
    except ValueError:
        raise ConfigError(f"bad date '{v}' in '{key}'")


class Config:
    def __init__(self, data=None):
        data = data or {}
        _check_shape(data, CONFIG_SHAPE, "")
        self.tz_name = data.get("timezone", "UTC")
        self.tz = _zone(self.tz_name, strict=False)
        if self.tz is None:
            raise ConfigError(f"unknown timezone '{self.tz_name}'")
        cal = data.get("calendar", {})
        # v2 mode: any key of SPEC's "v2 additions" makes the output carry the v2 paths and extras
        self.v2 = any(k in data for k in ("calendars", "tiers", "contracts", "checks")) or "days" in cal \
            or not isinstance(cal.get("hours", ""), str) \
            or any(k != "first_response" or "pause_on" in v for k, v in data.get("targets", {}).items()) \
            or any(k in data.get("input", {}) for k in ("organizations", "exclusions"))
        self.calendar = CalendarDef("default", *CalendarDef.parse(cal, "calendar."))
        if any(self.calendar.holidays.values()):
            self.v2 = True
        # v1 names, kept for readers of the default calendar
        self.workdays, self.hours, self.holidays = self.calendar.workdays, self.calendar.hours, self.calendar.holidays
        self.day_seconds = self.calendar.day_seconds

        self.calendars = {}  # lower-case name -> CalendarDef
        for name, c in data.get("calendars", {}).items():
            key = name.lower()
            if key in self.calendars:
                raise ConfigError(f"calendars '{self.calendars[key].name}' and '{name}' differ only in case")
            tz_name, tz = None, None
            if "timezone" in c:
                tz_name, tz = c["timezone"], _zone(c["timezone"])
                if tz is None:
                    raise ConfigError(f"unknown timezone '{tz_name}' in 'calendars.{name}.timezone'")
            sub = {k: v for k, v in c.items() if k != "timezone"}
            self.calendars[key] = CalendarDef(name, *CalendarDef.parse(sub, f"calendars.{name}.", self.calendar),
                                              tz_name=tz_name, tz=tz)

        def cal_ref(v, key):
            k = v.strip().lower()
            if k not in self.calendars:
                raise ConfigError(f"'{key}': no calendar named '{v}' in [calendars]")
            return k

        tg = data.get("targets", {})
        self.severity_basis = tg.get("severity_basis", "creation")
        if self.severity_basis not in ("creation", "highest"):
            raise ConfigError(f"bad targets.severity_basis '{self.severity_basis}' (creation or highest)")

        def table(t, key):
            """A severity table -> {sev: entry}; its `pause_on` (default tables only: a tier's table holds
            severity entries, which the shape check enforces) is read by pause_of."""
            return {int(k): parse_entry(v, f"{key}.{k}") for k, v in t.items() if k != "pause_on"}

        def pause_of(t, key, current):
            """A default table's `pause_on`: statuses of SPEC section 1 (the spellings of a status event's
            value, `reopened` = open); an unknown status is a configuration error. Absent: `current`."""
            if "pause_on" not in t:
                return current
            out = set()
            for v in t["pause_on"]:
                st = parse_status(v) if isinstance(v, str) else None
                if st is None:
                    raise ConfigError(f"'{key}.pause_on': unknown status {v!r} (new, open, waiting_on_customer, "
                                      f"waiting_on_support, resolved, closed)")
                out.add(st)
            return frozenset(out)

        # the default tables: first response starts from the built-in entries, each replaced by the
        # config's; restoration, resolution and update have no entries unless configured
        tables = {kind: {} for kind in TARGET_KINDS}
        tables["first_response"] = {s: parse_entry({"target": t, "clock": c}, "") for s, (t, c) in DEFAULT_TARGETS.items()}
        pause = dict(DEFAULT_PAUSE)
        for kind in TARGET_KINDS:
            t = tg.get(kind, {})
            tables[kind].update(table(t, f"targets.{kind}"))
            pause[kind] = pause_of(t, f"targets.{kind}", pause[kind])

        self.tier_names = {}  # lower-case -> name as written
        tiers = {}
        for name, t in data.get("tiers", {}).items():
            key = name.lower()
            if key in self.tier_names:
                raise ConfigError(f"tiers '{self.tier_names[key]}' and '{name}' differ only in case")
            self.tier_names[key] = name
            tiers[key] = {"calendar": cal_ref(t["calendar"], f"tiers.{name}.calendar") if "calendar" in t else None,
                          "tables": {kind: table(t.get(kind, {}), f"tiers.{name}.{kind}") for kind in TARGET_KINDS}}

        def state(tables, pause, tiers):
            # "fr": the first-response default table (the name version 1's code reads)
            return {"tables": tables, "fr": tables["first_response"], "pause": pause, "tiers": tiers}

        # states[i] = (first local date ordinal, {"tables": {kind: default table}, "pause": {kind: statuses},
        # "tiers": {tier: {calendar, tables}}}): the top-level tables, then each contract applied in `from`
        # order (amendments, cumulative: an entry, a table's pause_on or a tier's calendar replaces the earlier)
        self.states = [(None, state(tables, pause, tiers))]
        prev = None
        for i, c in enumerate(data.get("contracts", [])):
            key = f"contracts[{i}]"
            if "from" not in c:
                raise ConfigError(f"'{key}' has no 'from' date")
            frm = _date(c["from"], f"{key}.from")
            if prev is not None and frm <= prev:
                raise ConfigError(f"'{key}.from' {frm}: contracts must have strictly ascending 'from' dates")
            prev = frm
            st = self.states[-1][1]
            ntables = {kind: dict(st["tables"][kind]) for kind in TARGET_KINDS}
            npause = dict(st["pause"])
            for kind in TARGET_KINDS:
                t = c.get("targets", {}).get(kind, {})
                ntables[kind].update(table(t, f"{key}.targets.{kind}"))
                npause[kind] = pause_of(t, f"{key}.targets.{kind}", npause[kind])
            ntiers = {k: {"calendar": v["calendar"], "tables": {kind: dict(v["tables"][kind]) for kind in TARGET_KINDS}}
                      for k, v in st["tiers"].items()}
            for name, t in c.get("tiers", {}).items():
                k = name.lower()
                if k not in ntiers:
                    raise ConfigError(f"'{key}.tiers.{name}': no tier named '{name}' in [tiers]")
                if "calendar" in t:
                    ntiers[k]["calendar"] = cal_ref(t["calendar"], f"{key}.tiers.{name}.calendar")
                for kind in TARGET_KINDS:
                    ntiers[k]["tables"][kind].update(table(t.get(kind, {}), f"{key}.tiers.{name}.{kind}"))
            self.states.append((frm.toordinal(), state(ntables, npause, ntiers)))
        self.state_from = [s[0] for s in self.states[1:]]
        # per target kind: the severities with an entry in any of its tables (default, tier, contract);
        # restoration, resolution and update are measured only when this is not empty
        self.kind_sevs = {kind: sorted({sev for _, st in self.states
                                        for tab in [st["tables"][kind]] + [t["tables"][kind] for t in st["tiers"].values()]
                                        for sev in tab}) for kind in TARGET_KINDS}
        # v1 view: the default first-response table, (clock, target seconds) on the default calendar
        self.targets = {s: (e[0], entry_us(e, self.calendar) // US) for s, e in self.states[0][1]["fr"].items()}

        # SPEC 4 (v2) [checks] disabled: codes of escalation rules (3.3) and submission checks (3.4); a code
        # that is both (critical-not-by-phone) switches off both. Interpretation 58: trimmed, any case, `_`
        # or a space for `-`; a repeat is harmless; anything else is a configuration error.
        self.disabled = set()
        for v in data.get("checks", {}).get("disabled", []):
            if not isinstance(v, str):
                raise ConfigError(f"'checks.disabled': {v!r} is not a string")
            code = re.sub(r"[_ ]", "-", v.strip().lower())
            if code not in RULES and code not in SUBMISSION_CHECKS:
                raise ConfigError(f"'checks.disabled': unknown check {v!r}")
            self.disabled.add(code)

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
        for kind in INPUT_KINDS:
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

    def state_at(self, ordinal):
        """Index into self.states of the contract in force on a local date (ordinal)."""
        return bisect.bisect_right(self.state_from, ordinal)


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
    """A calendar (CalendarDef) in one time zone (Clock). Each local date's working windows are
    computed once and cached: one Calendar object per (calendar, zone) pair, shared by all cases."""

    def __init__(self, caldef, clock):
        self.caldef = caldef
        self.clock = clock
        self._win = {}
        self._lo = self._hi = None

    def is_working(self, date):
        return self.caldef.is_working(date)

    def windows(self, ordinal):
        """Tuple of (start_us, end_us), ascending, of the working hours on local date `ordinal`.
        Each range [a, b) of local wall-clock time becomes [instant(a), instant(b)) with the
        zone's rules for that date (gap: forward by the gap; overlap: first occurrence);
        `24:00` is the next local midnight. A range that comes out empty is dropped; windows that
        overlap or touch are merged."""
        w = self._win.get(ordinal)
        if w is not None:
            return w
        date = dt.date.fromordinal(ordinal)
        out = []
        for a, b in self.caldef.ranges_on(date):
            s = self.clock.local_to_us(date.year, date.month, date.day, a // 60, a % 60)
            if b == 24 * 60:
                e = self.clock.local_midnight(date + dt.timedelta(days=1))
            else:
                e = self.clock.local_to_us(date.year, date.month, date.day, b // 60, b % 60)
            if e > s:
                out.append((s, e))
        # A range starting inside a spring-forward gap moves forward by the gap, past the real
        # instants of a later range that starts just after the gap: the day's working time is the
        # union of its ranges, so overlapping windows are merged.
        out.sort()
        merged = []
        for s, e in out:
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        w = self._win[ordinal] = tuple(merged)
        return w

    # Business time is read from a flat, ascending list of the windows of a span of local dates with
    # their running sums (windows of different dates never overlap: a date's windows lie within it),
    # so that business_between and earliest_reach cost a bisection however long the interval.

    def _cover(self, t):
        """Make the flat window list cover instant t (with 400 days either side)."""
        if self._lo is not None and self._lo <= t < self._hi:
            return
        o = self.clock.local_date(t).toordinal()
        lo_o, hi_o = o - 400, o + 400
        if self._lo is not None:
            lo_o, hi_o = min(lo_o, self._lo_o), max(hi_o, self._hi_o)
        starts, ends, before = [], [], []
        total = 0
        for day in range(lo_o, hi_o):
            for ws, we in self.windows(day):
                starts.append(ws)
                ends.append(we)
                before.append(total)
                total += we - ws
        self._starts, self._ends, self._before, self._total = starts, ends, before, total
        self._after = [b + e - s for b, s, e in zip(before, starts, ends)]
        self._lo_o, self._hi_o = lo_o, hi_o
        # instants surely inside the covered dates (a day's margin for any zone's midnight)
        self._lo = self.clock.local_midnight(dt.date.fromordinal(lo_o + 1))
        self._hi = self.clock.local_midnight(dt.date.fromordinal(hi_o - 1))

    def _cum(self, t):
        """Working time of the covered windows before t (t covered)."""
        i = bisect.bisect_right(self._starts, t) - 1
        if i < 0:
            return 0
        e = self._ends[i]
        return self._before[i] + (e if e < t else t) - self._starts[i]

    def business_between(self, a, b):
        """Working time (us) in [a, b)."""
        if b <= a:
            return 0
        self._cover(a)
        self._cover(b)
        return self._cum(b) - self._cum(a)

    def latest_met(self, a, target_us):
        """Latest instant t with business_between(a, t) <= target: the business-clock deadline.
        None when the calendar never reaches the target (no working time within 10 years)."""
        remaining = target_us
        o = self.clock.local_date(a).toordinal()
        reached = None
        for _ in range(3700):
            ws = self.windows(o)
            o += 1
            for s, e in ws:
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

    def earliest_reach(self, a, target_us):
        """v2 deadline on a business clock (SPEC section 2): the earliest instant t >= a with
        business_between(a, t) >= target. A target reached exactly at a window's end is reached there
        (not at the next window's start). None when the calendar never reaches it (within 10 years)."""
        if target_us <= 0:
            return a
        self._cover(a)
        need = self._cum(a) + target_us
        limit = a + 3700 * 86400 * US
        while True:
            i = bisect.bisect_left(self._after, need)
            if i < len(self._after):
                return self._starts[i] + (need - self._before[i])
            if self._hi > limit:
                return None
            base = self._cum(a)  # the list is rebuilt from further dates: keep the distance to a
            self._cover(min(self._hi + 400 * 86400 * US, limit + 86400 * US))
            need = self._cum(a) + (need - base)

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
parse_excl_target = enum_parser(["first_response", "restoration", "resolution", "update", "rca", "all"])

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
    # v2: timezone, calendar and tier are checked against the config when the row is accepted (bad-value)
    "organizations": [
        ("org_id", True, "text"), ("name", False, "text"), ("timezone", False, "text"),
        ("calendar", False, "text"), ("tier", False, "text"), ("designated_contacts", False, "text"),
    ],
    # v2: target is one of the kinds or `all` (an unknown one: bad-value), reason is required
    "exclusions": [
        ("case_id", True, "text"), ("target", True, parse_excl_target), ("reason", True, "text"),
        ("approved_by", False, "text"),
    ],
}
EVENT_VALUE_PARSERS = {"status": parse_status, "severity": parse_severity, "priority": parse_priority}
DEFAULT_NAMES = {"cases": "cases.csv", "events": "case_events.csv", "escalations": "escalations.csv",
                 "organizations": "organizations.csv", "exclusions": "exclusions.csv"}


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
                 "description", "fr_at", "assigned_at", "resolved", "closed", "platform", "restored_at", "rca_at",
                 "status_ev", "sev_ev", "pri_ev", "assigned_ev", "upd_times", "fr_ev", "support_upd", "support_upds",
                 "restored_ev", "rca_ev", "escalations", "n_events")

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
        self.resolved = r["resolved_at"]
        # timelines: lists of (at, src, order, value); src 0 = the row, 1 = case_events.csv.
        # v2: the row's resolved_at is a `status resolved` event; among the row's own values at one
        # instant closed wins over resolved, which wins over open (order 0 < 1 < 2, the last wins)
        self.status_ev = [(self.created, 0, 0, "open")]
        if self.resolved is not None:
            self.status_ev.append((self.resolved, 0, 1, "resolved"))
        if self.closed is not None:
            self.status_ev.append((self.closed, 0, 2, "closed"))
        self.sev_ev = [(self.created, 0, 0, self.severity)]
        self.pri_ev = [(self.created, 0, 0, self.priority)]
        self.assigned_ev = None
        self.upd_times = []
        self.fr_ev = None
        self.support_upd = None
        self.support_upds = []  # every support `update` (periodic update's touches, SPEC 3.9)
        self.restored_ev = None
        self.rca_ev = None
        self.escalations = []
        self.n_events = 0  # accepted case_events.csv rows of this case (for --org's rows_read)


def _min(a, b):
    return b if a is None or (b is not None and b < a) else a


DONE = frozenset({"resolved", "closed"})  # not unresolved: stops resolution and update (SPEC section 2)


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
        case.support_upds.sort()
        self._changes = None
        self._intervals = {}

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

    # ---- v2: the status as a function of time, for running times (SPEC section 2)

    def status_changes(self, as_of):
        """[(instant, status)] from created_at up to as-of: the status at created_at, then each instant
        at which it changes (a later event of the same status is no change). Status events before
        created_at do not count (no status before creation); events after as-of have not happened."""
        x = self._changes
        if x is not None:
            return x
        c = self.case
        evs = c.status_ev
        i = bisect.bisect_right(self.status_at_list, c.created) - 1  # the status at created_at
        out = [(c.created, evs[i][3])]
        i += 1
        n = len(evs)
        while i < n:
            at = evs[i][0]
            if at > as_of:
                break
            while i + 1 < n and evs[i + 1][0] == at:  # ties: the last in (src, file order) wins
                i += 1
            v = evs[i][3]
            if v != out[-1][1]:
                out.append((at, v))
            i += 1
        self._changes = out
        return out

    def running_intervals(self, stops, as_of):
        """The intervals [x, y) from created_at on during which the status is not in `stops` (y None:
        still running after as-of, the status at as-of continuing; nothing else has happened yet)."""
        if not stops:
            return ((self.case.created, None),)
        key = stops
        x = self._intervals.get(key)
        if x is not None:
            return x
        out = []
        start = None
        for at, st in self.status_changes(as_of):
            if st in stops:
                if start is not None:
                    out.append((start, at))
                    start = None
            elif start is None:
                start = at
        if start is not None:
            out.append((start, None))
        x = self._intervals[key] = tuple(out)
        return x

    def stop_instant(self, as_of):
        """SPEC 3.8: the last instant at or before as-of at which the case entered {resolved, closed}
        from an unresolved status (resolved then closed is one stop, at the resolution), provided it is
        still resolved or closed at as-of; None otherwise. A case resolved at its creation instant (its
        row's resolved_at = created_at) entered it at created_at. Also: was it ever reopened (left
        {resolved, closed} for an unresolved status) by as-of?"""
        stop = None
        reopened = False
        prev_done = False
        for at, st in self.status_changes(as_of):
            done = st in DONE
            if done and not prev_done:
                stop = at
            elif prev_done and not done:
                reopened = True
            prev_done = done
        return (stop if prev_done else None), reopened


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


class Judge:
    """What judges the cases of one organization created under one contract state (SPEC 3.0): the
    tier, the calendar in the zone of the case's clock, per target kind and severity (clock, target us)
    or None, and per target kind the statuses that stop its clock (`pause_on`, plus resolved and closed
    for resolution and update)."""
    __slots__ = ("tier_key", "tier", "cal_name", "cal", "zone", "entries", "kinds", "stops")

    def __init__(self, tier_key, tier, cal_name, cal, zone, kinds, stops):
        self.tier_key, self.tier, self.cal_name, self.cal, self.zone = tier_key, tier, cal_name, cal, zone
        self.kinds, self.stops = kinds, stops
        self.entries = kinds["first_response"]  # version 1's name


# ---- v2 running time (SPEC section 2). `intervals` are a case's running intervals for one target
# (Timeline.running_intervals): only the target's clock time inside them counts.

def clock_time(clk, cal, a, b):
    """Time on a target's clock in [a, b): wall-clock on 24x7, working time on business."""
    if b <= a:
        return 0
    return b - a if clk == "24x7" else cal.business_between(a, b)


def running_time(intervals, clk, cal, a, b):
    """Running time from a to b: the clock's time in [a, b) outside the stopped stretches."""
    total = 0
    for x, y in intervals:
        if x >= b:
            break
        if y is not None and y <= a:
            continue
        lo = x if x > a else a
        hi = b if y is None or y > b else y
        if hi > lo:
            total += clock_time(clk, cal, lo, hi)
    return total


def reach(intervals, clk, cal, s, target):
    """Deadline from s (SPEC section 2): the earliest instant at which the running time from s reaches
    the target; None while the clock is stopped short of it (the status at as-of stops it)."""
    if target <= 0:
        return s
    remaining = target
    for x, y in intervals:
        if y is not None and y <= s:
            continue
        lo = x if x > s else s
        if y is not None:
            avail = clock_time(clk, cal, lo, y)
            if remaining > avail:
                remaining -= avail
                continue
        return lo + remaining if clk == "24x7" else cal.earliest_reach(lo, remaining)
    return None


def analyze(input_dir, config_path=None, period=None, as_of_text=None, paths=None, only_org=None):
    """The report's figures as one JSON-ready dict. only_org: everything over that organization's
    cases only (--org; SPEC 3.12's per-customer report)."""
    cfg = load_config(config_path)
    clock = Clock(cfg.tz)
    findings = {r: 0 for r in REASONS}
    paths = dict(paths or {})
    for kind, p in paths.items():
        if p != "-" and not os.path.exists(p):
            raise InputError(f"{kind} file not found: {p}")
    for kind in FILE_KINDS + ("organizations", "exclusions"):
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
        c.n_events += 1
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
                c.support_upds.append(t)
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

    # ---- v2: organizations.csv
    orgs = {}  # org_id -> {"name", "tz_name", "cal" (lower-case key), "tier" (lower-case key)}
    zone_ok = {}

    def on_org(r):
        tzn = r["timezone"]
        if tzn is not None:
            if tzn not in zone_ok:
                zone_ok[tzn] = _zone(tzn) is not None
            if not zone_ok[tzn]:
                return "bad-value"
        calk = r["calendar"].lower() if r["calendar"] is not None else None
        if calk is not None and calk not in cfg.calendars:
            return "bad-value"
        tierk = r["tier"].lower() if r["tier"] is not None else None
        if tierk is not None and tierk not in cfg.tier_names:
            return "bad-value"
        if r["org_id"] in orgs:
            return "duplicate-id"
        orgs[r["org_id"]] = {"name": r["name"], "tz_name": tzn, "cal": calk, "tier": tierk}
        return None

    have_orgs = os.path.exists(paths["organizations"]) or paths["organizations"] == "-"
    if have_orgs:
        files.append(read_file("organizations", paths["organizations"], cfg, clock, findings, on_org))
        # counted once per accepted case over the whole input; a rejected org row is unknown
        findings["unknown-organization"] = sum(1 for c in case_list if c.org not in orgs)
    # ---- v2: exclusions.csv (SPEC 3.10); an exclusion of an unknown case is the finding unknown-case
    excl_rows = []

    def on_excl(r):
        if r["case_id"] not in cases:
            findings["unknown-case"] += 1
            return None
        excl_rows.append(r)
        return None

    have_excl = os.path.exists(paths["exclusions"]) or paths["exclusions"] == "-"
    if have_excl:
        files.append(read_file("exclusions", paths["exclusions"], cfg, clock, findings, on_excl))
    v2 = cfg.v2 or have_orgs or have_excl

    if only_org is not None:
        # --org: that organization's cases, their events and escalations; the data-quality section
        # covers its accepted rows only (nothing rejected belongs to an organization)
        case_list = [c for c in case_list if c.org == only_org]
        cases = {c.id: c for c in case_list}
        esc_list = [e for e in esc_list if e["case_id"] in cases]
        excl_rows = [r for r in excl_rows if r["case_id"] in cases]
        findings = {r: 0 for r in findings}
        if have_orgs:
            # an organization absent from organizations.csv: its own cases are still judged on
            # the defaults, and its report says so (the finding, over its cases)
            findings["unknown-organization"] = len(case_list) if only_org not in orgs else 0
        rows = {"cases": len(case_list), "events": sum(c.n_events for c in case_list),
                "escalations": len(esc_list), "organizations": 1 if only_org in orgs else 0,
                "exclusions": len(excl_rows)}
        for st in files:
            st.rows_read, st.rows_rejected = rows[st.kind], 0

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

    # ---- 3.0 which clock and which targets judge a case
    clocks = {cfg.tz_name: clock}
    calendars_rt = {}

    def calendar_in(cal_key, zone):
        """The shared Calendar of one (calendar, zone) pair: its day windows are computed once."""
        k = (cal_key, zone)
        x = calendars_rt.get(k)
        if x is None:
            if zone not in clocks:
                clocks[zone] = Clock(ZoneInfo(zone))
            x = calendars_rt[k] = Calendar(cfg.calendar if cal_key is None else cfg.calendars[cal_key], clocks[zone])
        return x

    judges = {}

    def judge(state_idx, org_id):
        k = (state_idx, org_id)
        j = judges.get(k)
        if j is not None:
            return j
        st = cfg.states[state_idx][1]
        o = orgs.get(org_id)
        tier_key = o["tier"] if o is not None else None
        tdef = st["tiers"][tier_key] if tier_key is not None else None
        # calendar: the organization's, else its tier's (as in force), else [calendar]
        cal_key = (o["cal"] if o is not None else None) or (tdef["calendar"] if tdef is not None else None)
        cdef = cfg.calendar if cal_key is None else cfg.calendars[cal_key]
        # zone: the organization's, else its calendar's, else the top-level one
        zone = (o["tz_name"] if o is not None else None) or cdef.tz_name or cfg.tz_name
        kinds = {}
        for kind in TARGET_KINDS:
            entries = {}
            for sev in (1, 2, 3, 4):
                e = tdef["tables"][kind].get(sev) if tdef is not None else None
                if e is None:
                    e = st["tables"][kind].get(sev)
                entries[sev] = None if e is None else (e[0], entry_us(e, cdef))
            kinds[kind] = entries
        # the clock stops in the default table's pause_on statuses (as in force); resolution and
        # update also stop while the case is resolved or closed
        stops = {kind: st["pause"][kind] | (DONE if kind in ("resolution", "update") else frozenset())
                 for kind in TARGET_KINDS}
        j = judges[k] = Judge(tier_key, cfg.tier_names.get(tier_key), cdef.name, calendar_in(cal_key, zone),
                              zone, kinds, stops)
        return j

    case_judge = {}

    def judge_of(c):
        """Targets in force at the case's creation date (local date in the report's zone)."""
        j = case_judge.get(c.id)
        if j is None:
            idx = cfg.state_at(clock.local_date(c.created).toordinal()) if cfg.state_from else 0
            j = case_judge[c.id] = judge(idx, c.org)
        return j

    first_state = cfg.state_at(clock.local_date(p_start).toordinal()) if cfg.state_from else 0

    # ---- 3.10 exclusions: per target kind, the ids of the cases excluded from it (`all`: every kind, rca too)
    excluded = {kind: set() for kind in EXCL_KINDS}
    for r in excl_rows:
        for kind in (EXCL_KINDS if r["target"] == "all" else (r["target"],)):
            excluded[kind].add(r["case_id"])

    # ---- 3.1 response times, 3.7 restoration, 3.8 resolution, 3.9 periodic update
    pop = [c for c in case_list if in_period(c.created)]
    measured = [k for k in TARGET_KINDS[1:] if cfg.kind_sevs[k]]  # v2 kinds with an entry somewhere
    recs = {kind: [] for kind in TARGET_KINDS}  # (case, judged severity, tier key, verdict, figure, reopened)
    kind_items = {kind: [] for kind in TARGET_KINDS}
    org_cases = {}  # org_id -> cases created in the period
    redet = {s: [0, 0] for s in (1, 2, 3, 4)}
    highest = cfg.severity_basis == "highest"

    def judged(c, t, sev0, stop):
        """SPEC 3.0: the severity a target judges the case at. `highest`: the most severe of the row's
        severity and every severity event from created_at to the target's stop instant (or as-of)."""
        if not highest:
            return sev0
        sev = c.severity
        evs = c.sev_ev
        i = bisect.bisect_left(t.sev_at_list, c.created)
        while i < len(evs) and evs[i][0] <= stop:
            if evs[i][3] < sev:
                sev = evs[i][3]
            i += 1
        return sev

    def common_item(c, j, sev, sev0, entry):
        clk, target = entry
        item = {"case_id": c.id, "severity": sev}
        if v2:
            item.update({"severity_at_creation": sev0, "tier": j.tier, "timezone": j.zone, "calendar": j.cal_name,
                         "clock": clk, "target_seconds": seconds_out(target)})
        return item

    def stop_target(kind, c, t, j, sev, sev0, entry, stop, reopened=False):
        """Restoration (3.7) and resolution (3.8): running time from created_at to the stop instant
        (None: not stopped by as-of), verdict against the deadline from created_at."""
        clk, target = entry
        iv = t.running_intervals(j.stops[kind], as_of)
        deadline = reach(iv, clk, j.cal, c.created, target)
        end = stop if stop is not None else as_of
        run = running_time(iv, clk, j.cal, c.created, end)
        if stop is not None:
            verdict = "met" if run <= target else "breached"
        elif deadline is not None and as_of > deadline:
            verdict = "breached"
        else:
            verdict = "pending"
        value = run if stop is not None else None
        recs[kind].append((c, sev, j.tier_key, verdict, value, reopened))
        item = common_item(c, j, sev, sev0, entry)
        item.update({"verdict": verdict, "seconds": seconds_out(value), "start": fmt_instant(c.created),
                     "stop": fmt_instant(stop), "deadline": fmt_instant(deadline),
                     "paused_seconds": seconds_out(clock_time(clk, j.cal, c.created, end) - run),
                     "excluded": c.id in excluded[kind]})
        if kind == "resolution":
            item["reopened"] = reopened
        kind_items[kind].append(item)

    def negative(kind, c, j, sev, sev0, entry, at):
        """A first response (3.1, 3.9) or restore (3.7) before created_at: left out of the target."""
        recs[kind].append((c, sev, j.tier_key, "negative-duration", None, False))
        item = common_item(c, j, sev, sev0, entry)
        item.update({"verdict": "negative-duration", "seconds": None, "start": fmt_instant(c.created),
                     "stop": fmt_instant(at), "deadline": None, "paused_seconds": None, "excluded": False})
        kind_items[kind].append(item)

    for c in pop:
        t = tl(c)
        j = judge_of(c)
        sev0 = t.severity(c.created)
        org_cases[c.org] = org_cases.get(c.org, 0) + 1

        # redeterminations (per severity at creation): effective severity changes after creation, up to as-of
        prev = sev0
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
        redet[sev0][0] += up
        redet[sev0][1] += down

        # 3.1 first response: the running time from created_at to the first response (with an empty
        # pause_on, the default, the clock time of version 1)
        fr = first_response(c)
        if fr is not None and fr > as_of:
            fr = None
        # highest: up to the stop instant (first response if responded by as-of, else as-of); a first
        # response before created_at leaves only the row's severity
        sev = judged(c, t, sev0, fr if fr is not None else as_of)
        entry = j.kinds["first_response"][sev]
        if entry is not None:
            clk, target = entry
            stops = j.stops["first_response"]
            iv = t.running_intervals(stops, as_of)
            if stops:
                deadline = reach(iv, clk, j.cal, c.created, target)
            else:
                # Without pause_on, first response keeps version 1's deadline, as SPEC v2 promises
                # ("everything version 1 computes stays as it was"): the latest instant a response
                # is still met (interpretation 17), not section 2's earliest reach.
                deadline = c.created + target if clk == "24x7" else j.cal.latest_met(c.created, target)
            item = {"case_id": c.id, "severity": sev, "responded_at": fmt_instant(fr), "seconds": None}
            if v2:
                item.update({"severity_at_creation": sev0, "tier": j.tier, "timezone": j.zone, "calendar": j.cal_name,
                             "clock": clk, "target_seconds": seconds_out(target), "paused_seconds": None,
                             "excluded": False})
            item["deadline_at"] = fmt_instant(deadline)
            if fr is not None and fr < c.created:
                recs["first_response"].append((c, sev, j.tier_key, "negative-duration", None, False))
                item["verdict"] = "negative-duration"
            else:
                rt = None
                if fr is not None:
                    rt = running_time(iv, clk, j.cal, c.created, fr)
                    item["seconds"] = seconds_out(rt)
                    verdict = "met" if rt <= target else "breached"
                elif deadline is not None and as_of > deadline:
                    verdict = "breached"
                else:
                    verdict = "pending"
                recs["first_response"].append((c, sev, j.tier_key, verdict, rt, False))
                item["verdict"] = verdict
                if v2:
                    end = fr if fr is not None else as_of
                    item["paused_seconds"] = seconds_out(
                        clock_time(clk, j.cal, c.created, end) - (rt if rt is not None else
                                                                 running_time(iv, clk, j.cal, c.created, end))
                        if stops else 0)
                    item["excluded"] = c.id in excluded["first_response"]
            kind_items["first_response"].append(item)

        # 3.7 restoration: platform incidents, from created_at to the restore
        if "restoration" in measured and c.platform:
            r = restored(c)
            if r is not None and r > as_of:
                r = None
            sev = judged(c, t, sev0, r if r is not None else as_of)
            entry = j.kinds["restoration"][sev]
            if entry is not None:
                if r is not None and r < c.created:
                    negative("restoration", c, j, sev, sev0, entry, r)
                else:
                    stop_target("restoration", c, t, j, sev, sev0, entry, r)

        if "resolution" in measured or "update" in measured:
            stop, reopened = t.stop_instant(as_of)

        # 3.8 resolution: from created_at to the last stop that stands at as-of
        if "resolution" in measured:
            sev = judged(c, t, sev0, stop if stop is not None else as_of)
            entry = j.kinds["resolution"][sev]
            if entry is not None:
                stop_target("resolution", c, t, j, sev, sev0, entry, stop, reopened)

        # 3.9 periodic update: gaps between support touches, from the first response on
        if "update" in measured and fr is not None:
            sev = judged(c, t, sev0, stop if stop is not None else as_of)
            entry = j.kinds["update"][sev]
            if entry is None:
                pass
            elif fr < c.created:
                negative("update", c, j, sev, sev0, entry, fr)
            else:
                clk, target = entry
                iv = t.running_intervals(j.stops["update"], as_of)
                end = stop if stop is not None else as_of
                # touches: the first response and every support update at or after it, up to as-of
                # (and up to the stop: a comment on a finished case touches nothing that runs)
                ups = c.support_upds
                k = bisect.bisect_left(ups, fr)
                touches = [fr]
                while k < len(ups) and ups[k] <= end:
                    touches.append(ups[k])
                    k += 1
                breached = False
                longest, longest_at = -1, None
                for a, b in zip(touches, touches[1:]):
                    g = running_time(iv, clk, j.cal, a, b)
                    if g > target:
                        breached = True  # a finished gap over the target
                    if g > longest:
                        longest, longest_at = g, (a, b)
                last = touches[-1]
                g = running_time(iv, clk, j.cal, last, end)  # to the stop (finished) or to as-of (not)
                if g > longest:
                    longest, longest_at = g, (last, end)
                deadline = reach(iv, clk, j.cal, last, target)
                if stop is not None:
                    breached = breached or g > target
                else:
                    breached = breached or (deadline is not None and as_of > deadline)
                verdict = "breached" if breached else ("met" if stop is not None else "pending")
                recs["update"].append((c, sev, j.tier_key, verdict, longest, False))
                item = common_item(c, j, sev, sev0, entry)
                item.update({"verdict": verdict, "seconds": seconds_out(longest), "start": fmt_instant(fr),
                             "stop": fmt_instant(stop), "deadline": fmt_instant(deadline),
                             "paused_seconds": seconds_out(clock_time(clk, j.cal, fr, end)
                                                           - running_time(iv, clk, j.cal, fr, end)),
                             "excluded": c.id in excluded["update"], "touches": len(touches),
                             "last_touch": fmt_instant(last), "longest_gap_from": fmt_instant(longest_at[0]),
                             "longest_gap_to": fmt_instant(longest_at[1])})
                kind_items["update"].append(item)

    # ---- aggregation per target kind: severity rows, tiers, organizations; exclusions (3.10)
    def bucket():
        return {"cases": 0, "responded": 0, "met": 0, "breached": 0, "pending": 0, "excluded": 0, "neg": 0,
                "reopened": 0, "raw": {"met": 0, "breached": 0, "pending": 0}, "vals": []}

    verdicts = {kind: {} for kind in EXCL_KINDS}  # kind -> {case_id: verdict} of its population (3.10)
    agg = {}
    for kind in TARGET_KINDS:
        sevs = (1, 2, 3, 4) if kind == "first_response" else cfg.kind_sevs[kind]
        by_sev = {s: bucket() for s in sevs}
        by_tier = {k: {s: bucket() for s in sevs} for k in cfg.tier_names}
        org_k = {}  # org_id -> [met, breached, pending, excluded]
        ex_ids = excluded[kind]
        for c, sev, tier_key, verdict, value, reopened in recs[kind]:
            buckets = [by_sev[sev]]
            if tier_key is not None:
                buckets.append(by_tier[tier_key][sev])
            if verdict == "negative-duration":
                for b in buckets:
                    b["neg"] += 1
                continue
            verdicts[kind][c.id] = verdict
            ex = c.id in ex_ids
            for b in buckets:
                b["cases"] += 1
                if value is not None:
                    b["responded"] += 1
                    b["vals"].append(value)
                b["excluded" if ex else verdict] += 1
                b["raw"][verdict] += 1
                b["reopened"] += reopened
            oc = org_k.setdefault(c.org, [0, 0, 0, 0])
            oc[3 if ex else ("met", "breached", "pending").index(verdict)] += 1
        agg[kind] = (sevs, by_sev, by_tier, org_k)

    def sev_rows(kind, buckets, sevs, entry_of, tier_row):
        rows = []
        for s in sevs:
            b = buckets[s]
            clk, target_s = entry_of(s)
            row = {
                "severity": s, "clock": clk, "target_seconds": target_s, "cases": b["cases"],
                "responded": b["responded"], "met": b["met"], "breached": b["breached"], "pending": b["pending"],
                "compliance": frac(b["met"], b["met"] + b["breached"]), "seconds": pctl_block(b["vals"]),
            }
            if kind != "resolution":
                row["negative_duration"] = b["neg"]
            if v2 or tier_row:
                row["excluded"] = b["excluded"]
                row["compliance_raw"] = frac(b["raw"]["met"], b["raw"]["met"] + b["raw"]["breached"])
            if kind == "resolution":
                row["reopened"] = b["reopened"]
            rows.append(row)
        return rows

    st0 = cfg.states[first_state][1]

    def default_entry(kind):
        def f(s):
            """A by_severity row's clock and target: the default table's entry in force on the period's
            first day, `1d` on the default [calendar]."""
            e = st0["tables"][kind].get(s)
            return (None, None) if e is None else (e[0], entry_us(e, cfg.calendar) // US)
        return f

    def tier_entry(kind, k):
        def f(s):
            # a by_tier row: the tier's entry in force on the period's first day, else the default's;
            # `1d` on the tier's calendar in force that day, else on [calendar]
            tdef = st0["tiers"][k]
            e = tdef["tables"][kind].get(s)
            if e is None:
                e = st0["tables"][kind].get(s)
            cdef = cfg.calendars[tdef["calendar"]] if tdef["calendar"] is not None else cfg.calendar
            return (None, None) if e is None else (e[0], entry_us(e, cdef) // US)
        return f

    def kind_block(kind):
        sevs, by_sev, by_tier, _ = agg[kind]
        out = {"by_severity": sev_rows(kind, by_sev, sevs, default_entry(kind), False),
               "items": sorted(kind_items[kind], key=lambda x: x["case_id"])}
        if v2:
            out["by_tier"] = [{"tier": cfg.tier_names[k], "by_severity": sev_rows(kind, by_tier[k], sevs,
                                                                                  tier_entry(kind, k), True)}
                              for k in sorted(cfg.tier_names, key=lambda k: cfg.tier_names[k])]
            out["pause_on"] = sorted(st0["pause"][kind])  # extra: the default table's, on the first day
        if kind == "resolution":
            out["reopened"] = sum(b["reopened"] for b in by_sev.values())
        return out

    response = kind_block("first_response")
    if v2:
        response["severity_basis"] = cfg.severity_basis
    redeterminations = [{"severity": s, "upgraded": redet[s][0], "downgraded": redet[s][1]} for s in (1, 2, 3, 4)]

    # ---- 3.2 RCA (v2: on the case's own calendar, in the zone of its clock)
    def rca_due(c):
        """(restored instant, due date, due instant) with the restore <= as_of, else None."""
        r = restored(c)
        if r is None or r > as_of:
            return None
        cal = judge_of(c).cal
        d0 = cal.clock.local_date(r)
        dd = cal.add_working_days(d0, cfg.rca_days)
        due = cal.clock.local_midnight(dd + dt.timedelta(days=1)) if dd is not None else None
        return r, dd, due

    rca = {"business_days": cfg.rca_days, "incidents": 0, "on_time": 0, "late": 0, "overdue": 0, "pending": 0,
           "excluded": 0, "items": []}
    rca_raw = {"on_time": 0, "late": 0, "overdue": 0, "pending": 0}
    for c in case_list:
        if not c.platform:
            continue
        rd = rca_due(c)
        if rd is None or not in_period(rd[0]):
            continue
        r, dd, due = rd
        j = judge_of(c)
        cal = j.cal
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
                late_days = cal.working_days_in(dd, cal.clock.local_date(dl))
        elif due is not None and as_of >= due:
            verdict = "overdue"
            late_days = cal.working_days_in(dd, cal.clock.local_date(as_of))
        else:
            verdict = "pending"
        # 3.10: an excluded incident is counted as excluded instead of its verdict (incidents unchanged)
        ex = c.id in excluded["rca"]
        rca["excluded" if ex else verdict] += 1
        rca_raw[verdict] += 1
        verdicts["rca"][c.id] = verdict
        item = {"case_id": c.id, "restored_at": fmt_instant(r), "due_at": fmt_instant(due),
                "delivered_at": fmt_instant(dl), "verdict": verdict, "business_days_late": late_days}
        if v2:
            item.update({"due_date": dd.isoformat() if dd is not None else None, "timezone": j.zone,
                         "calendar": j.cal_name, "excluded": ex})
        rca["items"].append(item)
    rca["compliance"] = frac(rca["on_time"], rca["on_time"] + rca["late"] + rca["overdue"])
    if v2:
        rca["compliance_raw"] = frac(rca_raw["on_time"], rca_raw["on_time"] + rca_raw["late"] + rca_raw["overdue"])
    else:
        del rca["excluded"]
    rca["items"].sort(key=lambda x: x["case_id"])

    # ---- 3.3 escalations
    esc_pop = [e for e in esc_list if in_period(e["requested_at"])]
    by_rule = {r: 0 for r in RULES if r not in cfg.disabled}  # a disabled rule has no count at all
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
        # [checks] disabled: those rules are not evaluated; validity is over the others (interpretation 58)
        broken = [r for r in broken if r not in cfg.disabled]
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

    top_orgs = sorted(groups["by_organization"].items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0]))[:10]
    escalations = {
        "total": len(esc_pop), "invalid": invalid, "invalid_rate": frac(invalid, len(esc_pop)),
        "by_rule": by_rule, "disabled": [r for r in RULES if r in cfg.disabled], "decision_audit": audit,
        "items": sorted(items, key=lambda x: x["escalation_id"]),
        "by_priority": group_out(groups["by_priority"]), "by_channel": group_out(groups["by_channel"]),
        "by_deployment": group_out(groups["by_deployment"]),
        "by_organization_top10": [{"org_id": k, "total": v[0], "invalid": v[1], "invalid_rate": frac(v[1], v[0])}
                                  for k, v in top_orgs],
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
    # a disabled check has no figure (SPEC 4 v2: "its figure is null")
    submissions = {"cases": len(pop),
                   "critical_not_by_phone": None if "critical-not-by-phone" in cfg.disabled else cnp,
                   "incomplete_submission": None if "incomplete-submission" in cfg.disabled else inc,
                   "disabled": [k for k in SUBMISSION_CHECKS if k in cfg.disabled], "matrix": matrix}

    out = {
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

    # ---- v2: the other targets, the exclusions (3.10) and by organization (3.11)
    if v2:
        for kind in TARGET_KINDS[1:]:
            out[kind] = kind_block(kind)
        # every exclusion whose case is in that target's population for the period (`all`: in any
        # target's), in case_id order (file order within a case), with the verdict it removed
        ex_out = []
        for r in excl_rows:
            cid = r["case_id"]
            if r["target"] == "all":
                v = {kind: verdicts[kind][cid] for kind in EXCL_KINDS if cid in verdicts[kind]}
                if not v:
                    continue
            elif cid in verdicts[r["target"]]:
                v = verdicts[r["target"]][cid]
            else:
                continue
            ex_out.append({"case_id": cid, "target": r["target"], "reason": r["reason"],
                           "approved_by": r["approved_by"], "verdict": v})
        ex_out.sort(key=lambda x: x["case_id"])
        out["exclusions"] = ex_out

        # every org_id of a case created in the period, per target kind (zeros for a kind not configured)
        org_rows = []
        for org_id in sorted(org_cases):
            o = orgs.get(org_id)
            j = judge(first_state, org_id)  # tier, calendar and zone as in force on the period's first day
            esc = groups["by_organization"].get(org_id, [0, 0])
            row = {"org_id": org_id, "name": o["name"] if o is not None else None, "tier": j.tier,
                   "timezone": j.zone, "calendar": j.cal_name, "cases": org_cases[org_id]}
            for kind in TARGET_KINDS:
                met, breached, pending, exc = agg[kind][3].get(org_id, (0, 0, 0, 0))
                row[kind] = {"met": met, "breached": breached, "pending": pending, "excluded": exc,
                             "compliance": frac(met, met + breached)}
            row["escalations"] = {"total": esc[0], "invalid": esc[1]}
            org_rows.append(row)
        out["organizations"] = org_rows
    return out


# --------------------------------------------------------------------------- self-test

def _match(exp, got, path, errors):
    if isinstance(exp, dict):
        if not isinstance(got, dict):
            errors.append(f"{path}: expected an object, got {got!r}")
            return
        # `_absent`: keys that must not be there (a disabled rule has no key in by_rule)
        for k in exp.get("_absent", []):
            if k in got:
                errors.append(f"{path}.{k}: expected no such key, got {got[k]!r}")
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
        cfgp = os.path.join(d, "slacheck.toml")
        errors = []
        # one run, or several (`_runs`: each with its own `_args`, e.g. another period or `org`)
        runs = exp["_runs"] if "_runs" in exp else [exp]
        for i, run in enumerate(runs):
            args = run.get("_args", {})
            try:
                got = analyze(d, cfgp if os.path.exists(cfgp) else None, args.get("period"), args.get("as_of"),
                              only_org=args.get("org"))
                got = json.loads(json.dumps(got))
            except (ConfigError, InputError) as e:
                got = {"error": str(e)}
            _match(run, got, "$" if run is exp else f"$._runs[{i}]", errors)
        if errors:
            failed += 1
            print(f"FAIL {name}")
            for e in errors:
                print("   ", e)
        else:
            print(f"ok   {name}")
    print(f"{len(names) - failed}/{len(names)} case sets passed")
    bad = calendar_property_check()
    print("ok   calendar property check (business_between / deadline vs brute force, Berlin and Sydney DST)"
          if not bad else f"FAIL calendar property check: {bad} mismatches")
    v2 = v2_checks()
    print("ok   v2 checks (calendars, contracts, configuration errors, per-customer folder names)" if not v2
          else "FAIL v2 checks\n" + "\n".join("    " + m for m in v2))
    rbad = running_time_property_check()
    print("ok   running-time property check (running time, deadline and resolution stop vs brute force)"
          if not rbad else f"FAIL running-time property check: {rbad} mismatches")
    v2t = v2_target_checks()
    print("ok   v2 target checks (status ties, pauses, update deadline, contract pause_on, exclusions, pause_on errors)"
          if not v2t else "FAIL v2 target checks\n" + "\n".join("    " + m for m in v2t))
    return 1 if failed or bad or v2 or v2t or rbad else 0


def v2_checks():
    """Hand-computed checks of the v2 calendar arithmetic, configuration errors and folder names.
    Returns a list of failure messages."""
    import contextlib
    import hashlib
    import tempfile
    fails = []

    def eq(what, got, want):
        if got != want:
            fails.append(f"{what}: expected {want!r}, got {got!r}")

    def Z(text):  # an RFC 3339 instant -> us
        return parse_timestamp(text, Clock(ZoneInfo("UTC")), [])

    def cal_of(data, name=None):
        cfg = Config(data)
        cdef = cfg.calendar if name is None else cfg.calendars[name]
        return Calendar(cdef, Clock(cdef.tz or cfg.tz))

    # -- Sydney, 08:00-17:00, across the end of DST (Sun 2026-04-05 03:00 AEDT -> 02:00 AEST)
    syd = cal_of({"timezone": "Australia/Sydney", "calendar": {"hours": "08:00-17:00"}})
    # Fri 04-03 15:00 AEDT (+11) = 04:00Z .. Tue 04-07 09:00 AEST (+10) = Mon 23:00Z:
    # Fri 15-17 = 2h, Mon 08-17 = 9h, Tue 08-09 = 1h -> 12h = 43200 s
    eq("sydney business Fri->Tue", syd.business_between(Z("2026-04-03T04:00:00Z"), Z("2026-04-06T23:00:00Z")),
       43200 * US)
    # Monday's window is 08:00-17:00 AEST = Sun 22:00Z - Mon 07:00Z (the new offset, not +11)
    eq("sydney Monday window", syd.windows(dt.date(2026, 4, 6).toordinal()),
       ((Z("2026-04-05T22:00:00Z"), Z("2026-04-06T07:00:00Z")),))
    # 4h from Fri 15:00 AEDT: 2h on Friday, 2h on Monday -> Mon 10:00 AEST = Mon 00:00Z
    eq("sydney deadline", syd.earliest_reach(Z("2026-04-03T04:00:00Z"), 4 * 3600 * US), Z("2026-04-06T00:00:00Z"))

    # -- split shift, Saturday window, half-day holidays (UTC)
    cal = {"hours": ["08:00-12:00", "13:00-17:00"], "days": {"sat": ["10:00-14:00"], "fri": "08:00-13:00"},
           "holidays": ["2026-12-25", "2026-12-24 08:00-12:00", "2026-12-27 09:00-10:00,11:00-12:30"]}
    utc = cal_of({"calendar": cal})
    eq("1d = the hours ranges added up", Config({"calendar": cal}).calendar.day_seconds, 8 * 3600)
    # Thu 04-09 11:00 -> 13:45: 11-12 = 1h, lunch not counted, 13:00-13:45 = 45m -> 6300 s
    eq("split shift", utc.business_between(Z("2026-04-09T11:00:00Z"), Z("2026-04-09T13:45:00Z")), 6300 * US)
    # 1h from Thu 11:00 is reached exactly at 12:00, the end of the morning: SPEC v2's deadline is the
    # earliest instant at which the target is reached, 12:00, not the 13:00 restart (interpretation 17)
    eq("deadline over lunch", utc.earliest_reach(Z("2026-04-09T11:00:00Z"), 3600 * US), Z("2026-04-09T12:00:00Z"))
    # Friday has its own hours 08:00-13:00 (one range, no lunch); Saturday 10:00-14:00; Sunday none
    eq("friday hours", utc.windows(dt.date(2026, 4, 17).toordinal()),
       ((Z("2026-04-17T08:00:00Z"), Z("2026-04-17T13:00:00Z")),))
    eq("saturday window", utc.windows(dt.date(2026, 4, 18).toordinal()),
       ((Z("2026-04-18T10:00:00Z"), Z("2026-04-18T14:00:00Z")),))
    eq("sunday", utc.windows(dt.date(2026, 4, 19).toordinal()), ())
    # Thu 12-24 is a half day: 08-12 only; Fri 12-25 none; Sun 12-27 works 09-10 and 11-12:30 (2.5h)
    eq("half day", utc.windows(dt.date(2026, 12, 24).toordinal()),
       ((Z("2026-12-24T08:00:00Z"), Z("2026-12-24T12:00:00Z")),))
    eq("holiday", utc.is_working(dt.date(2026, 12, 25)), False)
    eq("holiday with ranges on a Sunday", utc.business_between(Z("2026-12-27T00:00:00Z"), Z("2026-12-28T00:00:00Z")),
       9000 * US)
    # RCA: restored Wed 12-23: Thu 24 (1, a half day), Sat 26 (2), Sun 27 (3, its holiday ranges),
    # Mon 28 (4), Tue 29 (5)
    eq("working days", utc.add_working_days(dt.date(2026, 12, 23), 5), dt.date(2026, 12, 29))

    # -- a named calendar: a copy of [calendar] whose keys replace the copy's, days weekday by weekday
    data = {"timezone": "UTC", "calendar": {"hours": ["08:00-12:00", "13:00-17:00"], "days": {"sat": "10:00-14:00"}},
            "calendars": {"Night": {"timezone": "Asia/Tokyo", "workdays": ["tue", "wed", "thu", "fri"],
                                    "days": {"monday": ["20:00-24:00"], "fri": []}}}}
    night = cal_of(data, "night")
    # Mon 2026-04-13: not in workdays, but listed in days -> 20:00-24:00 JST = 11:00Z-15:00Z
    eq("named: listed weekday works", night.windows(dt.date(2026, 4, 13).toordinal()),
       ((Z("2026-04-13T11:00:00Z"), Z("2026-04-13T15:00:00Z")),))
    # Tue: the copied split shift in Tokyo (+9): 23:00Z-03:00Z and 04:00Z-08:00Z
    eq("named: copied hours", night.windows(dt.date(2026, 4, 14).toordinal()),
       ((Z("2026-04-13T23:00:00Z"), Z("2026-04-14T03:00:00Z")), (Z("2026-04-14T04:00:00Z"), Z("2026-04-14T08:00:00Z"))))
    eq("named: fri = [] is non-working", night.is_working(dt.date(2026, 4, 17)), False)
    eq("named: sat copied from [calendar.days]", night.is_working(dt.date(2026, 4, 18)), True)

    # -- a range starting inside the spring-forward gap (Berlin 2026-03-29, 02:00 CET -> 03:00 CEST):
    # 01:30-02:30 -> [00:30Z, 01:30Z) (02:30 moves forward to 03:30 CEST); 03:00-05:00 -> [01:00Z, 03:00Z);
    # they overlap and are merged: [00:30Z, 03:00Z) = 2.5h
    ber = cal_of({"timezone": "Europe/Berlin", "calendar": {"days": {"sun": ["01:30-02:30", "03:00-05:00"]}}})
    eq("gap ranges merged", ber.windows(dt.date(2026, 3, 29).toordinal()),
       ((Z("2026-03-29T00:30:00Z"), Z("2026-03-29T03:00:00Z")),))

    # -- contracts: in force from their local date (report zone)
    c = Config({"contracts": [{"from": "2026-07-01", "targets": {"first_response": {"2": {"target": "90m",
                                                                                        "clock": "business"}}}},
                              {"from": dt.date(2026, 9, 1)}]})
    eq("state before", c.state_at(dt.date(2026, 6, 30).toordinal()), 0)
    eq("state on from", c.state_at(dt.date(2026, 7, 1).toordinal()), 1)
    eq("state carried", c.states[c.state_at(dt.date(2026, 9, 2).toordinal())][1]["fr"][2], ("business", 0, 5400))
    eq("entry without clock", Config({"targets": {"first_response": {"1": {"target": "2h"}}}}).targets[1],
       ("24x7", 7200))

    # -- configuration errors (exit 2)
    bad = {
        "overlapping ranges": {"calendar": {"hours": ["08:00-12:00", "11:00-17:00"]}},
        "unsorted ranges": {"calendar": {"hours": ["13:00-17:00", "08:00-12:00"]}},
        "unsorted holiday ranges": {"calendar": {"holidays": ["2026-12-24 13:00-15:00,08:00-10:00"]}},
        "bad holiday date": {"calendar": {"holidays": ["2026-02-30"]}},
        "bad day name": {"calendar": {"days": {"caturday": []}}},
        "empty string hours": {"calendar": {"days": {"sat": ""}}},
        "unknown calendar of a tier": {"tiers": {"gold": {"calendar": "nowhere"}}},
        "unknown tier of a contract": {"contracts": [{"from": "2026-01-01", "tiers": {"gold": {}}}]},
        "unknown calendar of a contract's tier": {"tiers": {"gold": {}},
                                                 "contracts": [{"from": "2026-01-01",
                                                                "tiers": {"gold": {"calendar": "x"}}}]},
        "contracts not ascending": {"contracts": [{"from": "2026-07-01"}, {"from": "2026-07-01"}]},
        "contract without from": {"contracts": [{}]},
        "contract bad date": {"contracts": [{"from": "2026-13-01"}]},
        "entry without target": {"targets": {"first_response": {"1": {"clock": "24x7"}}}},
        "bad clock": {"tiers": {"gold": {"first_response": {"1": {"target": "1h", "clock": "wall"}}}}},
        "pause_on in a tier": {"tiers": {"gold": {"first_response": {"pause_on": []}}}},
        "tier names differing in case": {"tiers": {"Gold": {}, "gold": {}}},
        "calendar timezone case": {"calendars": {"x": {"timezone": "europe/berlin"}}},
        "severity_basis": {"targets": {"severity_basis": "latest"}},
        "severity 5": {"targets": {"first_response": {"5": {"target": "1h"}}}},
        "unknown check": {"checks": {"disabled": ["fedramp-unasigned"]}},
        "checks.disabled not a list": {"checks": {"disabled": "fedramp-unassigned"}},
        "checks.disabled item not a string": {"checks": {"disabled": [9]}},
        "empty check code": {"checks": {"disabled": [""]}},
        "unknown key in [checks]": {"checks": {"enabled": []}},
    }
    for what, data in bad.items():
        try:
            Config(data)
            fails.append(f"config error not raised: {what}")
        except ConfigError:
            pass
    # -- [checks] disabled: spellings (interpretation 58), and critical-not-by-phone naming a rule and a check
    eq("checks spellings", Config({"checks": {"disabled": [" Incomplete_Submission ", "FEDRAMP UNASSIGNED",
                                                             "fedramp-unassigned"]}}).disabled,
       {"incomplete-submission", "fedramp-unassigned"})
    eq("no checks", Config({}).disabled, set())
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "cases.csv"), "w") as f:
            f.write("case_id,org_id,created_at,severity,priority,channel\n"
                    "C1,o,2026-10-01T10:00:00Z,1,,email\nC2,o,2026-10-01T11:00:00Z,3,low,portal\n")
        with open(os.path.join(tmp, "escalations.csv"), "w") as f:
            # E1 on C1 (severity 1, by email): critical-not-by-phone only; E2 on C2: low-priority only
            f.write("escalation_id,case_id,requested_at,channel,decision,decided_at\n"
                    "E1,C1,2026-10-02T10:00:00Z,email,approved,2026-10-02T11:00:00Z\n"
                    "E2,C2,2026-10-02T10:00:00Z,phone,rejected,2026-10-02T11:00:00Z\n")
        with open(os.path.join(tmp, "off.toml"), "w") as f:
            f.write('[checks]\ndisabled = ["critical-not-by-phone"]\n')
        out = analyze(tmp, os.path.join(tmp, "off.toml"), "2026-10")
        esc, sub = out["escalations"], out["submissions"]
        eq("disabled rule left out of by_rule", "critical-not-by-phone" in esc["by_rule"], False)
        eq("escalations.disabled", esc["disabled"], ["critical-not-by-phone"])
        # E1 broke only the disabled rule: valid, so approved and valid; E2 invalid (low-priority), rejected
        eq("only a disabled rule broken: valid", (esc["invalid"], esc["decision_audit"]["approved_invalid"],
                                                 esc["decision_audit"]["rejected_valid"]), (1, 0, 0))
        eq("items' rules", [x["rules"] for x in esc["items"]], [[], ["low-priority"]])
        # C2 came through the portal without a customer or description: incomplete-submission still counts
        eq("submission figure null", (sub["critical_not_by_phone"], sub["incomplete_submission"]), (None, 1))
        eq("submissions.disabled", sub["disabled"], ["critical-not-by-phone"])
        with open(os.path.join(tmp, "bad.toml"), "w") as f:
            f.write('[checks]\ndisabled = ["no-such-check"]\n')
        with contextlib.redirect_stderr(io.StringIO()):
            eq("exit status of an unknown check", main(["--input", tmp, "--config", os.path.join(tmp, "bad.toml")]),
               2)
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "cases.csv"), "w") as f:
            f.write("case_id,org_id,created_at,severity\nC1,o,2026-10-01T10:00:00Z,1\n")
        with open(os.path.join(tmp, "bad.toml"), "w") as f:
            f.write('[calendar]\nhours = ["08:00-12:00", "11:00-17:00"]\n')
        with contextlib.redirect_stderr(io.StringIO()):
            eq("exit status of a config error", main(["--input", tmp, "--config", os.path.join(tmp, "bad.toml")]), 2)

    # -- zone names of organizations.csv and [calendars.X]: IANA names, exact case, not file-system paths
    for name, ok in (("Australia/Sydney", True), ("Etc/GMT+5", True), ("australia/sydney", False),
                     ("localtime", False), ("posix/Europe/Berlin", False), ("Australia", False), ("", False)):
        eq(f"zone {name!r}", _zone(name) is not None, ok)

    # -- SPEC 3.12 folder names
    eq("plain", per_org_name("acme-01_x.y"), "acme-01_x.y")
    eq(".", per_org_name("."), "%2E")
    eq("..", per_org_name(".."), "%2E%2E")
    eq("...", per_org_name("..."), "...")
    eq("space and slash", per_org_name("a b/c"), "a%20b%2Fc")
    eq("utf-8 bytes", per_org_name("Zürich"), "Z%C3%BCrich")  # ü = C3 BC
    eq("100 bytes kept", per_org_name("a" * 100), "a" * 100)
    eq("101 bytes cut", per_org_name("a" * 101), "a" * 91 + "~" + hashlib.sha256(b"a" * 101).hexdigest()[:8])
    # "é" * 20: 40 bytes, each written %C3%A9 (6 chars) -> 120 > 100; 15 of them = 90 chars, a 16th would
    # end at 96 > 91, and a cut at 91 would split "%C3" -> 90 chars, then ~ and the hash
    eq("never inside %XX", per_org_name("é" * 20),
       "%C3%A9" * 15 + "~" + hashlib.sha256("é".encode() * 20).hexdigest()[:8])
    return fails


def v2_target_checks():
    """Hand-computed checks of SPEC v2 sections 2 and 3.7-3.10 on small inputs: status ties with the row's
    resolved_at and closed_at, statuses before and at created_at, pause_on on a business clock, the
    update deadline when the clock stops at the target, a contract's pause_on, exclusions' spellings and
    repeats, and configuration errors of pause_on. Returns a list of failure messages."""
    import contextlib
    import tempfile
    fails = []

    def eq(what, got, want):
        if got != want:
            fails.append(f"{what}: expected {want!r}, got {got!r}")

    # UTC, built-in calendar Mon-Fri 08:00-17:00 (1d = 9h). 2026-10-05 is a Monday, 10-09 a Friday.
    toml = """
[targets.first_response]
pause_on = ["waiting_on_customer"]
[targets.resolution]
1 = { target = "8h" }
2 = { target = "1d", clock = "business" }
[targets.update]
1 = { target = "2h" }
[[contracts]]
from = 2026-10-20
[contracts.targets.update]
pause_on = []
"""
    cases = """case_id,org_id,created_at,severity,first_response_at,resolved_at,closed_at
T1,o,2026-10-05T09:00:00Z,1,2026-10-05T09:10:00Z,2026-10-05T09:00:00Z,
T2,o,2026-10-05T09:00:00Z,1,2026-10-05T09:10:00Z,2026-10-05T12:00:00Z,
T3,o,2026-10-05T09:00:00Z,1,2026-10-05T09:10:00Z,2026-10-05T13:00:00Z,2026-10-05T11:00:00Z
T4,o,2026-10-05T09:00:00Z,1,2026-10-05T09:10:00Z,2026-10-05T12:00:00Z,
T5,o,2026-10-05T09:00:00Z,1,2026-10-05T09:10:00Z,2026-10-05T12:00:00Z,
T6,o,2026-10-09T16:00:00Z,2,2026-10-12T10:30:00Z,,
T7,o,2026-10-05T09:00:00Z,1,2026-10-05T09:00:00Z,,
T8,o,2026-10-20T09:00:00Z,1,2026-10-20T09:00:00Z,2026-10-20T12:30:00Z,
"""
    events = """case_id,at,type,value,actor
T2,2026-10-05T12:00:00Z,status,open,customer
T4,2026-10-05T09:00:00Z,status,waiting_on_customer,support
T4,2026-10-05T10:00:00Z,status,open,customer
T5,2026-10-05T08:00:00Z,status,waiting_on_customer,support
T6,2026-10-09T16:30:00Z,status,waiting_on_customer,support
T6,2026-10-12T10:00:00Z,status,open,customer
T7,2026-10-05T11:00:00Z,status,waiting_on_customer,support
T8,2026-10-20T09:30:00Z,status,waiting_on_customer,support
T8,2026-10-20T12:00:00Z,update,fix proposed,support
T8,2026-10-20T13:00:00Z,update,thanks,support
"""
    escalations = """escalation_id,case_id,requested_at,reason,channel,closed_at
X1,T3,2026-10-05T12:00:00Z,business_impact,phone,2026-10-05T12:30:00Z
X2,T3,2026-10-05T14:00:00Z,business_impact,phone,
"""
    exclusions = """case_id,target,reason,approved_by
T1,First Response,spelled with a space,x
T1,first_response,listed twice,y
T7,all,whole case,
"""
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in (("cases.csv", cases), ("case_events.csv", events), ("escalations.csv", escalations),
                           ("excl.csv", exclusions), ("slacheck.toml", toml)):
            with open(os.path.join(tmp, name), "w") as f:
                f.write(text.lstrip("\n"))
        cfgp = os.path.join(tmp, "slacheck.toml")
        paths = {"exclusions": os.path.join(tmp, "excl.csv")}  # --exclusions FILE
        a = analyze(tmp, cfgp, "2026-10", "2026-10-13T09:00:00Z", paths)
        b = analyze(tmp, cfgp, "2026-10", "2026-10-31T00:00:00Z", paths)

    def item(out, kind, cid):
        return next((x for x in out[kind]["items"] if x["case_id"] == cid), None) or {}

    def pick(x, *keys):
        return tuple(x.get(k) for k in keys)

    k = ("verdict", "seconds", "stop", "deadline")
    # T1: resolved_at = created_at: among the row's values at one instant resolved wins over open, so the
    # case is resolved from its creation: stop 09:00, 0 s
    eq("T1 resolved at creation", pick(item(a, "resolution", "T1"), *k), ("met", 0, "2026-10-05T09:00:00Z", None))
    # T2: a case_events `status open` at the instant of the row's resolved_at wins the tie: never resolved;
    # 8h 24x7 from 09:00 -> deadline 17:00 < as-of -> breached (no figure: not stopped)
    eq("T2 event wins the tie", pick(item(a, "resolution", "T2"), *k),
       ("breached", None, None, "2026-10-05T17:00:00Z"))
    # T3: closed_at 11:00 before resolved_at 13:00: closed from 11:00, resolved from 13:00 (the latest
    # row value wins); closed -> resolved is no new stop: stop 11:00, 2h
    eq("T3 closed then resolved", pick(item(a, "resolution", "T3"), *k), ("met", 7200, "2026-10-05T11:00:00Z", None))
    # escalations on T3: X1 at 12:00, closed -> case-not-active; X2 at 14:00: resolved (not closed) -> valid
    # (X1 closed 12:30 -> not already-open)
    eq("T3 escalations", [x["rules"] for x in a["escalations"]["items"]], [["case-not-active"], []])
    # T4: waiting_on_customer at exactly created_at wins over the row's open: paused 09:00-10:00, then
    # 10:00-12:00 = 7200; paused_seconds 3600
    eq("T4 paused from creation", pick(item(a, "resolution", "T4"), "seconds", "paused_seconds"), (7200, 3600))
    # T5: a status event before created_at does not count (the row's open at 09:00 is later): 3h
    eq("T5 status before creation", item(a, "resolution", "T5").get("seconds"), 10800)
    # T6 (S2, business 08:00-17:00): first response with pause_on waiting_on_customer across a weekend:
    # Fri 16:00-16:30 = 30m + Mon 10:00-10:30 = 30m = 3600 (without the pause 1h + 2h30 = 12600);
    # paused_seconds 12600 - 3600 = 9000; deadline: 30m Fri + 1h30 from Mon 10:00 -> Mon 11:30
    eq("T6 first response", pick(item(a, "response_times", "T6"), "verdict", "seconds", "paused_seconds",
                                  "deadline_at"), ("met", 3600, 9000, "2026-10-12T11:30:00Z"))
    # T6 resolution (S2, 1d = 9h business): Fri 30m + Mon 10:00-17:00 7h + Tue 08:00-09:00 1h = 8h30 at
    # as-of < 9h; deadline: 7h30 by Mon 17:00, 1h30 from Tue 08:00 -> Tue 09:30 > as-of -> pending.
    # Business time Fri 16:00 -> Tue 09:00 = 1h + 9h + 1h = 11h -> paused_seconds 11h - 8h30 = 9000
    eq("T6 resolution", pick(item(a, "resolution", "T6"), "verdict", "seconds", "deadline", "paused_seconds"),
       ("pending", None, "2026-10-13T09:30:00Z", 9000))
    # T7: update 2h 24x7 from the first response 09:00; waiting_on_customer from 11:00 to as-of: the gap is
    # exactly 2h (not over the target), but the running time reached 2h at 11:00 = the deadline, and
    # as-of > deadline -> breached (SPEC section 2's definitions)
    eq("T7 update stopped at the target", pick(item(a, "update", "T7"), "verdict", "seconds", "deadline"),
       ("breached", 7200, "2026-10-05T11:00:00Z"))
    # T7 resolution: 2h run, then paused at as-of short of 8h -> no deadline -> pending
    eq("T7 resolution paused", pick(item(a, "resolution", "T7"), "verdict", "deadline"), ("pending", None))
    # exclusions: `First Response` is first_response; T1 listed twice, excluded once; T7 `all` -> every
    # population it is in (first response met, resolution pending, update breached)
    eq("exclusions", [(x["case_id"], x["target"], x["verdict"]) for x in a["exclusions"]],
       [("T1", "first_response", "met"), ("T1", "first_response", "met"),
        ("T7", "all", {"first_response": "met", "resolution": "pending", "update": "breached"})])
    eq("excluded once", a["response_times"]["by_severity"][0]["excluded"], 2)  # T1 and T7
    # T8 (created 10-20: the contract's update pause_on = []): touches 09:00 (first response), 12:00; the
    # 13:00 update comes after the stop (resolved 12:30) and touches nothing. Gap 09:00-12:00 = 3h > 2h ->
    # breached (with the default pause_on the case waits from 09:30: 30m, then 12:00-12:30 paused -> met)
    eq("T8 contract pause_on", pick(item(b, "update", "T8"), "verdict", "seconds", "touches"), ("breached", 10800, 2))
    eq("update pause_on on the first day", a["update"]["pause_on"], ["waiting_on_customer"])

    # configuration: pause_on in force by contract, and its errors
    c = Config({"targets": {"resolution": {"pause_on": ["Waiting on Support", "reopened"]}},
                "contracts": [{"from": "2026-07-01", "targets": {"resolution": {"pause_on": []}}}]})
    eq("pause_on spellings", c.states[0][1]["pause"]["resolution"], frozenset({"waiting_on_support", "open"}))
    eq("contract pause_on", c.states[1][1]["pause"]["resolution"], frozenset())
    eq("contract keeps update's default", c.states[1][1]["pause"]["update"], frozenset({"waiting_on_customer"}))
    eq("restoration default pause_on", c.states[0][1]["pause"]["restoration"], frozenset())
    bad = {
        "unknown status": {"targets": {"update": {"pause_on": ["sleeping"]}}},
        "pause_on not a list": {"targets": {"update": {"pause_on": "waiting_on_customer"}}},
        "pause_on in a tier": {"tiers": {"gold": {"resolution": {"pause_on": []}}}},
        "pause_on in a contract's tier": {"tiers": {"gold": {}}, "contracts": [
            {"from": "2026-01-01", "tiers": {"gold": {"update": {"pause_on": []}}}}]},
        "restoration entry without target": {"targets": {"restoration": {"1": {"clock": "24x7"}}}},
    }
    for what, data in bad.items():
        try:
            Config(data)
            fails.append(f"config error not raised: {what}")
        except ConfigError:
            pass
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "cases.csv"), "w") as f:
            f.write("case_id,org_id,created_at,severity\nC1,o,2026-10-01T10:00:00Z,1\n")
        with open(os.path.join(tmp, "bad.toml"), "w") as f:
            f.write('[targets.update]\npause_on = ["sleeping"]\n')
        with contextlib.redirect_stderr(io.StringIO()):
            eq("exit status of an unknown pause_on status",
               main(["--input", tmp, "--config", os.path.join(tmp, "bad.toml")]), 2)
    return fails


def calendar_property_check():
    """Brute-force cross-check of business_between and earliest_reach on 15-minute steps around DST
    changes: Europe/Berlin 2026-10-25 (fall back) for three single-range shapes (one spans the
    change) and, for v2, several ranges a day: Berlin 2026-03-29 (spring forward) with ranges that
    touch the gap, and Australia/Sydney 2026-04-05 (fall back) with a split shift, a Saturday window
    and a half-day holiday."""
    import random
    rnd = random.Random(7)
    bad = 0
    step = 15 * 60 * US
    shapes = [("Europe/Berlin", {"hours": h, "holidays": ["2026-10-27"]}, (2026, 10, 20))
              for h in ("08:00-17:00", "00:00-24:00", "01:30-03:30")]
    shapes += [
        ("Europe/Berlin", {"hours": ["01:00-02:30", "02:45-04:00", "22:00-24:00"]}, (2026, 3, 24)),
        ("Europe/Berlin", {"hours": ["00:00-02:15", "02:15-03:30"], "days": {"sun": ["01:30-02:30", "03:00-24:00"]}},
         (2026, 3, 24)),
        ("Australia/Sydney", {"hours": ["08:00-12:00", "13:00-17:00"], "days": {"sat": ["10:00-14:00"],
                                                                               "sun": ["01:00-04:00"]},
                              "holidays": ["2026-04-07 08:00-12:00", "2026-04-08"]}, (2026, 3, 31)),
    ]
    for zone, calendar, start in shapes:
        cfg = Config({"timezone": zone, "calendar": calendar})
        clock = Clock(cfg.tz)
        cal = Calendar(cfg.calendar, clock)

        def working(t):
            o = clock.local_date(t).toordinal()
            return any(s <= t < e for s, e in cal.windows(o))
        a0 = civil_us(*start, 0, 0, 0, 0)
        for _ in range(100):
            a = a0 + rnd.randrange(0, 14 * 96) * step
            b = a + rnd.randrange(0, 5 * 96) * step
            brute = sum(step for t in range(a, b, step) if working(t))
            if brute != cal.business_between(a, b):
                bad += 1
            target = rnd.randrange(0, 80) * step
            d = cal.earliest_reach(a, target)
            # reached at d, not one microsecond earlier
            if not (cal.business_between(a, d) == target and (target == 0 or cal.business_between(a, d - 1) < target)):
                bad += 1
    return bad


def running_time_property_check():
    """Brute-force cross-check of the v2 running time (running_time), deadline (reach) and resolution stop
    (Timeline.stop_instant) on random status timelines on a 15-minute grid: the row's open, resolved_at and
    closed_at, status events before and after creation and at the same instants, random stopping statuses,
    24x7 and a Berlin split-shift business clock across the 2026-10-25 DST change. Returns the number of
    mismatches."""
    import random
    rnd = random.Random(3)
    cfg = Config({"timezone": "Europe/Berlin", "calendar": {"hours": ["08:00-12:00", "13:00-17:00"]}})
    cal = Calendar(cfg.calendar, Clock(cfg.tz))
    step = 15 * 60 * US
    base = civil_us(2026, 10, 20, 0, 0, 0, 0)
    statuses = ["open", "waiting_on_customer", "waiting_on_support", "resolved", "closed", "new"]
    bad = 0
    for _ in range(300):
        created = base + rnd.randrange(0, 7 * 96) * step
        row = {k: None for k, _, _ in SCHEMAS["cases"]}
        row.update({"case_id": "X", "org_id": "o", "created_at": created, "severity": 2,
                    "resolved_at": created + rnd.randrange(0, 8 * 96) * step if rnd.random() < 0.5 else None,
                    "closed_at": created + rnd.randrange(0, 8 * 96) * step if rnd.random() < 0.3 else None})
        c = Case(row)
        for k in range(rnd.randrange(0, 8)):
            c.status_ev.append((created + rnd.randrange(-96, 8 * 96) * step, 1, k + 1, rnd.choice(statuses)))
        t = Timeline(c)
        as_of = created + rnd.randrange(0, 10 * 96) * step
        stops = frozenset(rnd.sample(statuses, rnd.randrange(0, 3))) | (DONE if rnd.random() < 0.5 else frozenset())
        iv = t.running_intervals(stops, as_of)
        clk = rnd.choice(["24x7", "business"])

        def run(x):  # the clock's running time in [x, x + step): statuses change on the grid only
            st = t.status(min(x, as_of))  # after as-of the status at as-of continues
            if st is None or st in stops:
                return 0
            return step if clk == "24x7" else cal.business_between(x, x + step)
        a = created + rnd.randrange(0, 4 * 96) * step
        b = a + rnd.randrange(0, 6 * 96) * step
        if sum(run(x) for x in range(a, b, step)) != running_time(iv, clk, cal, a, b):
            bad += 1
        target = rnd.randrange(0, 40) * step
        want, acc, x = (a if target == 0 else None), 0, a
        while want is None and x < a + 12 * 86400 * US:
            w = run(x)
            if acc + w >= target:  # reached inside this step (window edges lie on the grid)
                want = x + (target - acc) if w == step else cal.earliest_reach(x, target - acc)
            acc += w
            x += step
        got = reach(iv, clk, cal, a, target)
        if got != want and not (want is None and got is not None and got >= a + 12 * 86400 * US):
            bad += 1
        stop, reopened = t.stop_instant(as_of)
        prev, want_stop, want_reopened, x = False, None, False, created
        while x <= as_of:
            done = t.status(x) in DONE
            if done and not prev:
                want_stop = x
            want_reopened |= prev and not done
            prev = done
            x += step
        if (stop, reopened) != (want_stop if prev else None, want_reopened):
            bad += 1
    return bad


def per_org_name(org_id):
    """SPEC 3.12: the org_id made safe as a folder name. Of its UTF-8 bytes, ASCII letters, digits,
    `.`, `_` and `-` are kept, every other byte is `%XX` (upper-case hex); `.` and `..` are `%2E` and
    `%2E%2E`; a result longer than 100 bytes is cut to its first 91 bytes (never inside a `%XX`)
    followed by `~` and the first 8 lower-case hex digits of the SHA-256 of the raw id bytes."""
    import hashlib
    raw = org_id.encode("utf-8", "surrogateescape")
    if org_id in (".", ".."):
        return "%2E" * len(org_id)
    keep = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-"
    parts = [chr(b) if b in keep else f"%{b:02X}" for b in raw]
    name = "".join(parts)
    if len(name) <= 100:
        return name
    cut, n = [], 0
    for p in parts:  # whole parts only: a %XX is never split
        if n + len(p) > 91:
            break
        cut.append(p)
        n += len(p)
    return "".join(cut) + "~" + hashlib.sha256(raw).hexdigest()[:8]


def main(argv=None):
    ap = argparse.ArgumentParser(description="slacheck reference implementation (metrics only)")
    ap.add_argument("--input")
    ap.add_argument("--cases")
    ap.add_argument("--events")
    ap.add_argument("--escalations")
    ap.add_argument("--organizations", help="organizations.csv (v2); default: DIR/organizations.csv if present")
    ap.add_argument("--exclusions", help="exclusions.csv (v2); default: DIR/exclusions.csv if present")
    ap.add_argument("--org", help="compute everything over this organization's cases only (SPEC 3.12)")
    ap.add_argument("--per-org-name", dest="per_org_name", metavar="ORG_ID",
                    help="print the SPEC 3.12 folder name of ORG_ID and exit")
    ap.add_argument("--config")
    ap.add_argument("--period")
    ap.add_argument("--as-of", dest="as_of")
    ap.add_argument("--self-test", action="store_true")
    a = ap.parse_args(argv)
    if a.self_test:
        return self_test()
    if a.per_org_name is not None:
        print(per_org_name(a.per_org_name))
        return 0
    if not a.input and not a.cases:
        ap.error("--input DIR (or --cases FILE) is required")
    paths = {k: getattr(a, k) for k in FILE_KINDS + ("organizations", "exclusions") if getattr(a, k)}
    try:
        out = analyze(a.input or ".", a.config, a.period, a.as_of, paths, a.org)
    except ConfigError as e:
        print(f"slacheck_ref: {e}", file=sys.stderr)
        return 2
    except InputError as e:
        print(f"slacheck_ref: {e}", file=sys.stderr)
        return 3
    # one write: json.dump would write the (large) document piece by piece
    sys.stdout.write(json.dumps(out, sort_keys=True, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
