#!/usr/bin/env bash
# The CSV reader's throughput next to a plain C program that only runs libcsv over the same
# bytes. Generates the input with `slacheck generate` (deterministic) unless it exists.
# Usage: bench/reader.sh [CASES]   (default 1,000,000 cases, ~350-400 MB in three files)
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-1000000}"
data="bench/data/gen-$cases"
mkdir -p bench/bin
swift build -c release --product slacheck >/dev/null
if [ ! -f "$data/cases.csv" ]; then
  .build/release/slacheck generate --cases "$cases" --seed 1 --out "$data" >/dev/null
fi
cc -O2 -o bench/bin/csvloop bench/csvloop.c -lcsv
(cd bench && swift build -c release --product readbench >/dev/null)
files=("$data/cases.csv" "$data/case_events.csv" "$data/escalations.csv")
echo "input: $(du -cb "${files[@]}" | tail -1 | cut -f1) bytes in ${#files[@]} files ($cases cases)"
cat "${files[@]}" >/dev/null   # warm the page cache so both read from memory
for run in 1 2 3; do
  bench/bin/csvloop "${files[@]}"
  bench/.build/release/readbench "${files[@]}"
done
