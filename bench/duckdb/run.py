#!/usr/bin/env python3
"""Run sla.sql with DuckDB: the "fair peer" of `slacheck report` for benchmarks.

    python3 bench/duckdb/run.py --input DIR --period 2026-10 [--as-of 2026-10-31T23:59:59Z]
                                [--out DIR] [--threads 2] [--memory-limit 4GB]

Prints one JSON document: {"wall_seconds", "peak_rss_mib", "threads", "duckdb", "figures": {...}}.
Wall time covers connect + the whole script (CSV reads, all metrics, the three CSV outputs).
Peak RSS is this process's ru_maxrss (Python + DuckDB), as /usr/bin/time -v would report it.
"""
import argparse
import datetime as dt
import json
import os
import resource
import sys
import time

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))


def month_bounds(label):
    y, m = (int(x) for x in label.split("-"))
    start = dt.date(y, m, 1)
    end = dt.date(y + (m == 12), m % 12 + 1, 1)
    return start, end


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", required=True, help="folder with cases.csv, case_events.csv, escalations.csv")
    ap.add_argument("--period", required=True, help="YYYY-MM")
    ap.add_argument("--as-of", help="RFC 3339 instant; default: the latest instant in the inputs")
    ap.add_argument("--out", default="reports-duckdb", help="folder for the CSV outputs")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--memory-limit", help="DuckDB memory_limit, e.g. 4GB (default: DuckDB's own)")
    ap.add_argument("--sql", default=os.path.join(HERE, "sla.sql"))
    a = ap.parse_args()

    p_from, p_to = month_bounds(a.period)
    os.makedirs(a.out, exist_ok=True)
    script = open(a.sql, encoding="utf-8").read()

    t0 = time.perf_counter()
    con = duckdb.connect()  # in-memory
    con.execute(f"SET threads = {int(a.threads)}")
    if a.memory_limit:
        con.execute("SET memory_limit = ?", [a.memory_limit])
    con.execute("SET VARIABLE in_dir = ?", [os.path.abspath(a.input)])
    con.execute("SET VARIABLE out_dir = ?", [os.path.abspath(a.out)])
    con.execute("SET VARIABLE label = ?", [a.period])
    con.execute("SET VARIABLE p_from = ?::DATE", [p_from.isoformat()])
    con.execute("SET VARIABLE p_to = ?::DATE", [p_to.isoformat()])
    con.execute("SET VARIABLE as_of_arg = ?::TIMESTAMPTZ", [a.as_of])
    figures = con.execute(script).fetchall()[-1][0]
    con.close()
    wall = time.perf_counter() - t0

    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    json.dump({"wall_seconds": round(wall, 3), "peak_rss_mib": round(rss_kib / 1024, 1),
               "threads": a.threads, "duckdb": duckdb.__version__,
               "figures": json.loads(figures)}, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
