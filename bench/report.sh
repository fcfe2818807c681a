#!/usr/bin/env bash
# End-to-end benchmark of `slacheck report` (issue 5), in one run, next to:
#   - the floor: a plain C program running libcsv alone over the same bytes on one core;
#   - DuckDB (bench/duckdb, 2 threads), when the Python package `duckdb` is installed.
# Usage: bench/report.sh [CASES...]   (default: 1000000; e.g. `bench/report.sh 250000 1000000 4000000`)
# RUNS=N repetitions per program (they alternate; the table keeps the fastest, and a line below
# each size lists every run). Sets larger than 1M cases are
# generated under /tmp and deleted afterwards.
# BASELINE=PATH also times another slacheck binary (an earlier build) in the same rounds, and
# THREADS1=1 also times `--threads 1`; each gets a line of its own below the table row.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-3}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000)
make -s build >/dev/null
mkdir -p bench/bin bench/out
cc -O2 -o bench/bin/csvloop bench/csvloop.c -lcsv
have_duckdb=0
python3 -c "import duckdb" 2>/dev/null && have_duckdb=1

fastest() { sort -n | head -1; }
printf '%-9s %9s %8s | %8s %8s %9s %8s | %8s %8s | %7s %7s\n' cases MB "C s" "slack s" "MB/s" "rows/s" "RSS MB" "duck s" "RSS MB" "vs C" "vs duck"
for cases in "${sizes[@]}"; do
  if [ "$cases" -gt 1000000 ]; then data="/tmp/slacheck-bench-$cases"; else data="bench/data/gen-$cases"; fi
  [ -f "$data/cases.csv" ] || .build/release/slacheck generate --cases "$cases" --seed 1 --out "$data" >/dev/null 2>&1
  files=("$data/cases.csv" "$data/case_events.csv" "$data/escalations.csv")
  bytes=$(du -cb "${files[@]}" | tail -1 | cut -f1)
  c=(); s=(); m=(); d=(); dm=(); base=(); one=()
  for run in $(seq "$runs"); do
    # Before each program: the inputs read once more (this VM's kernel evicts page-cache pages
    # left idle for a few seconds, and a program reading from disk would be timed on the disk),
    # and an empty output folder (a new month's report; replacing the last run's files costs
    # ext4 a flush and the freeing of their blocks, 0.07 s for slacheck at 1M).
    cat "${files[@]}" >/dev/null
    floor=$(bench/bin/csvloop "${files[@]}")
    c+=("$(sed 's/.*seconds=\([0-9.]*\).*/\1/' <<<"$floor")")
    # Rows are the CSV records the floor counted, less the three header rows (a quoted field may
    # hold a line break, so counting lines would overstate them).
    rows=$(( $(sed 's/.*records=\([0-9]*\).*/\1/' <<<"$floor") - 3 ))
    rm -rf bench/out/slacheck
    cat "${files[@]}" >/dev/null
    /usr/bin/time -f '%e %M' -o bench/out/time.txt .build/release/slacheck report --input "$data" --period 2026-10 --out bench/out/slacheck >/dev/null
    read -r secs kb < bench/out/time.txt
    s+=("$secs"); m+=("$((kb / 1024))")
    if [ -n "${BASELINE:-}" ]; then
      rm -rf bench/out/baseline
      cat "${files[@]}" >/dev/null
      /usr/bin/time -f '%e %M' -o bench/out/time.txt "$BASELINE" report --input "$data" --period 2026-10 --out bench/out/baseline >/dev/null
      read -r secs kb < bench/out/time.txt
      base+=("$secs/$((kb / 1024))MiB")
    fi
    if [ -n "${THREADS1:-}" ]; then
      rm -rf bench/out/threads1
      cat "${files[@]}" >/dev/null
      /usr/bin/time -f '%e %M' -o bench/out/time.txt .build/release/slacheck report --input "$data" --period 2026-10 --out bench/out/threads1 --threads 1 >/dev/null
      read -r secs kb < bench/out/time.txt
      one+=("$secs/$((kb / 1024))MiB")
    fi
    if [ "$have_duckdb" = 1 ]; then
      rm -rf bench/out/duckdb
      cat "${files[@]}" >/dev/null
      out=$(python3 bench/duckdb/run.py --input "$data" --period 2026-10 --out bench/out/duckdb --threads 2)
      d+=("$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["wall_seconds"])' "$out")")
      dm+=("$(python3 -c 'import json,sys; print(int(json.loads(sys.argv[1])["peak_rss_mib"]))' "$out")")
    fi
  done
  cb=$(printf '%s\n' "${c[@]}" | fastest); sb=$(printf '%s\n' "${s[@]}" | fastest); mb=$(printf '%s\n' "${m[@]}" | sort -n | tail -1)
  db="-"; dmb="-"; vsd="-"
  if [ "$have_duckdb" = 1 ]; then
    db=$(printf '%s\n' "${d[@]}" | fastest); dmb=$(printf '%s\n' "${dm[@]}" | sort -n | tail -1)
    vsd=$(python3 -c "print(f'{$db/$sb:.2f}x')")
  fi
  python3 - "$cases" "$bytes" "$cb" "$sb" "$rows" "$mb" "$db" "$dmb" "$vsd" <<'PY'
import sys
cases, nbytes, c, s, rows, rss, d, drss, vsd = sys.argv[1:]
c, s = float(c), float(s)
print(f"{int(cases):<9} {int(nbytes)/1e6:9.1f} {c:8.3f} | {s:8.3f} {int(nbytes)/1e6/s:8.1f} {int(rows)/s:9.0f} {rss:>8} | {d:>8} {drss:>8} | {s/c:6.2f}x {vsd:>7}")
PY
  # Every run, not only the fastest: on a shared machine the spread says as much as the minimum.
  echo "          runs: C ${c[*]} | slacheck ${s[*]}${d:+ | DuckDB ${d[*]}}"
  [ ${#base[@]} -gt 0 ] && echo "          baseline ($BASELINE), seconds/peak: ${base[*]}"
  [ ${#one[@]} -gt 0 ] && echo "          --threads 1, seconds/peak: ${one[*]}"
  [ "$cases" -gt 1000000 ] && rm -rf "$data"
done
