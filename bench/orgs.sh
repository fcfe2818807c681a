#!/usr/bin/env bash
# The cost of each customer's own clock and contract (SPEC v2 3.0): `slacheck report` on the same
# exports without and with organizations.csv (10,000 customers over 20 time zones, with named
# calendars, tiers and a contract change) and its slacheck.toml, in alternating rounds.
# Usage: bench/orgs.sh [CASES]   (default 1000000). RUNS=N rounds (default 5); the table keeps the
# fastest of each, and every run is listed below it.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-5}"
cases="${1:-1000000}"
make -s build >/dev/null
data="bench/data/orgs-$cases"
[ -f "$data/organizations.csv" ] ||
  .build/release/slacheck generate --cases "$cases" --seed 1 --customers 10000 --zones 20 --out "$data" >/dev/null
files=("$data/cases.csv" "$data/case_events.csv" "$data/escalations.csv")
plain=(); orgs=(); plain_kb=(); orgs_kb=()
for run in $(seq "$runs"); do
  for variant in plain orgs; do
    rm -rf "bench/out/$variant"
    cat "${files[@]}" "$data/organizations.csv" >/dev/null
    if [ "$variant" = plain ]; then
      args=(--cases "$data/cases.csv" --events "$data/case_events.csv" --escalations "$data/escalations.csv")
    else
      args=(--input "$data" --config "$data/slacheck.toml")
    fi
    /usr/bin/time -f '%e %M' -o bench/out/time.txt .build/release/slacheck report "${args[@]}" \
      --period 2026-10 --out "bench/out/$variant" >/dev/null
    read -r secs kb < bench/out/time.txt
    if [ "$variant" = plain ]; then plain+=("$secs"); plain_kb+=("$kb"); else orgs+=("$secs"); orgs_kb+=("$kb"); fi
  done
done
fast() { printf '%s\n' "$@" | sort -n | head -1; }
peak() { printf '%s\n' "$@" | sort -n | tail -1; }
p=$(fast "${plain[@]}"); o=$(fast "${orgs[@]}")
python3 - "$cases" "$p" "$o" "$(peak "${plain_kb[@]}")" "$(peak "${orgs_kb[@]}")" <<'PY'
import sys
cases, p, o, pk, ok = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
print(f"{int(cases)} cases: without organizations {p:.3f} s ({pk // 1024} MiB), "
      f"with 10,000 customers over 20 zones {o:.3f} s ({ok // 1024} MiB): {o / p:.3f}x")
PY
echo "runs: without ${plain[*]} | with ${orgs[*]}"
