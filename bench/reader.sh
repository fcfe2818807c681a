#!/usr/bin/env bash
# The CSV reader's throughput next to a plain C program that only runs libcsv over the same
# bytes. Generates the input with `slacheck generate` (deterministic) unless it exists.
# Usage: bench/reader.sh [CASES]   (default 1,000,000 cases, ~350-400 MB in three files)
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-1000000}"
data="bench/data/gen-$cases"
mkdir -p bench/bin
make -s build >/dev/null
if [ ! -f "$data/cases.csv" ]; then
  .build/release/slacheck generate --cases "$cases" --seed 1 --out "$data" >/dev/null
fi
cc -O2 -o bench/bin/csvloop bench/csvloop.c -lcsv
mkdir -p bench/.deps && ln -sfn ../.. bench/.deps/slacheck
(cd bench && swift build -c release --product readbench >/dev/null)
files=("$data/cases.csv" "$data/case_events.csv" "$data/escalations.csv")
echo "input: $(du -cb "${files[@]}" | tail -1 | cut -f1) bytes in ${#files[@]} files ($cases cases)"
cat "${files[@]}" >/dev/null   # warm the page cache so both read from memory
runs="${RUNS:-7}"
# Alternate the two programs; the machine is shared, so compare the fastest run of each.
for run in $(seq "$runs"); do
  bench/bin/csvloop "${files[@]}"
  bench/.build/release/readbench "${files[@]}"
done | tee /dev/stderr | awk '{ split($4, a, "="); t = a[2]; if (!($1 in best) || t < best[$1]) best[$1] = t }
  END { printf "fastest of '"$runs"': c-libcsv %.3f s, swift-reader %.3f s, ratio %.3f\n",
        best["c-libcsv"], best["swift-reader"], best["swift-reader"] / best["c-libcsv"] }'
