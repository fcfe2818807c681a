#!/usr/bin/env bash
# The cost of the targets beyond first response (SPEC v2 3.7-3.10): `slacheck report` on the same
# exports (`generate --lifecycle --exclusions`) with first response alone, and with restoration,
# resolution and update configured too (and exclusions.csv read), in alternating rounds.
# Usage: bench/targets.sh [CASES]   (default 1000000). RUNS=N rounds (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-5}"
cases="${1:-1000000}"
make -s build >/dev/null
data="bench/data/targets-$cases"
[ -f "$data/exclusions.csv" ] ||
  .build/release/slacheck generate --cases "$cases" --seed 1 --lifecycle --exclusions $((cases / 100)) --out "$data" >/dev/null
mkdir -p bench/out
cat > bench/out/first-response.toml <<'TOML'
[targets.first_response]
1 = { target = "1h", clock = "24x7" }
2 = { target = "2h", clock = "business" }
3 = { target = "4h", clock = "business" }
4 = { target = "1d", clock = "business" }
TOML
cat bench/out/first-response.toml > bench/out/all-targets.toml
cat >> bench/out/all-targets.toml <<'TOML'
[targets.restoration]
1 = { target = "4h", clock = "24x7" }
2 = { target = "8h", clock = "24x7" }
[targets.resolution]
pause_on = ["waiting_on_customer"]
1 = { target = "1d", clock = "24x7" }
2 = { target = "3d", clock = "business" }
3 = { target = "5d", clock = "business" }
4 = { target = "10d", clock = "business" }
[targets.update]
pause_on = ["waiting_on_customer"]
1 = { target = "2h", clock = "24x7" }
2 = { target = "1d", clock = "business" }
3 = { target = "2d", clock = "business" }
TOML
files=("$data/cases.csv" "$data/case_events.csv" "$data/escalations.csv")
one=(); all=(); one_kb=(); all_kb=(); one_cpu=(); all_cpu=()
for run in $(seq "$runs"); do
  for variant in one all; do
    rm -rf "bench/out/$variant"
    cat "${files[@]}" "$data/exclusions.csv" >/dev/null
    if [ "$variant" = one ]; then
      args=(--cases "$data/cases.csv" --events "$data/case_events.csv" --escalations "$data/escalations.csv"
        --config bench/out/first-response.toml)
    else
      args=(--input "$data" --config bench/out/all-targets.toml)
    fi
    /usr/bin/time -f '%e %M %U %S' -o bench/out/time.txt .build/release/slacheck report "${args[@]}" \
      --period 2026-10 --out "bench/out/$variant" >/dev/null
    read -r secs kb user sys < bench/out/time.txt
    cpu=$(python3 -c "print(f'{$user + $sys:.2f}')")
    if [ "$variant" = one ]; then
      one+=("$secs"); one_kb+=("$kb"); one_cpu+=("$cpu")
    else
      all+=("$secs"); all_kb+=("$kb"); all_cpu+=("$cpu")
    fi
  done
done
fast() { printf '%s\n' "$@" | sort -n | head -1; }
peak() { printf '%s\n' "$@" | sort -n | tail -1; }
o=$(fast "${one[@]}"); a=$(fast "${all[@]}")
oc=$(fast "${one_cpu[@]}"); ac=$(fast "${all_cpu[@]}")
python3 - "$cases" "$o" "$a" "$(peak "${one_kb[@]}")" "$(peak "${all_kb[@]}")" "$oc" "$ac" <<'PY'
import sys
cases, o, a, ok, ak = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
oc, ac = float(sys.argv[6]), float(sys.argv[7])
print(f"{int(cases)} cases: first response alone {o:.3f} s ({ok // 1024} MiB), "
      f"all four targets and exclusions {a:.3f} s ({ak // 1024} MiB): {a / o:.3f}x; "
      f"CPU time (user + system) {oc:.2f} s and {ac:.2f} s: {ac / oc:.3f}x")
PY
echo "runs: first response ${one[*]} | all targets ${all[*]}"
echo "CPU seconds: first response ${one_cpu[*]} | all targets ${all_cpu[*]}"
