#!/usr/bin/env bash
# Runs two slacheck binaries over the same inputs with the same flags and requires every output
# (files, standard output, standard error, exit status) to be byte-identical. Used before a change
# that must not change any figure: build the old binary, keep a copy, build the new one, then
#
#   scripts/same-outputs.sh /tmp/slacheck-old .build/release/slacheck
#
# Inputs: samples/, both real event logs in data/real/, and a generated 100k-case quarter (New
# York, messy, both DST switches), written by each binary (the two sets must be identical too).
# Each run writes into the same folder name, so paths in messages match; it is then moved aside.
# ALLOW_LINES=REGEX accepts a file that differs only in lines matching the extended regex (for a
# change meant to alter one text, checked by its own test); every such file is listed. Exit 0
# when all match.
set -euo pipefail
old=$(realpath "$1")
new=$(realpath "$2")
work=${3:-/tmp/slacheck-same-outputs}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ -n "${ALLOW_LINES:-}" ]; then
  # A pattern grep refuses would filter nothing out of both sides (so pass any difference), and
  # one that matches an empty line would allow anything.
  rc=0; grep -E -- "$ALLOW_LINES" </dev/null || rc=$?
  [ "$rc" -le 1 ] || { echo "ALLOW_LINES is not a valid extended regex: $ALLOW_LINES"; exit 2; }
  if printf '\n' | grep -qE -- "$ALLOW_LINES"; then echo "ALLOW_LINES matches an empty line: too wide"; exit 2; fi
fi
rm -rf "$work"
mkdir -p "$work/old" "$work/new"

gen_args=(--cases 100000 --seed 11 --from 2026-08-01 --to 2026-11-01 --months 3
  --timezone America/New_York --messy)
echo "generating the 100k-case set with each binary"
"$old" generate "${gen_args[@]}" --out "$work/gen" >/dev/null
"$new" generate "${gen_args[@]}" --out "$work/gen-new" >/dev/null
diff -r "$work/gen" "$work/gen-new" >/dev/null || { echo "FAIL: generate differs"; exit 1; }
rm -rf "$work/gen-new"
gen=$work/gen
cat >"$work/gen.toml" <<'EOF'
timezone = "America/New_York"
[calendar]
workdays = ["mon", "tue", "wed", "thu", "fri"]
hours = "09:00-17:30"
holidays = ["2026-09-07", "2026-10-12"]
[targets.first_response]
1 = { target = "30m", clock = "24x7" }
2 = { target = "2h", clock = "business" }
3 = { target = "8h", clock = "business" }
4 = { target = "2d", clock = "business" }
[rca]
business_days = 3
[escalations]
high_priority_wait = "8h"
EOF
# The same inputs split and compressed, for the multi-file and .gz paths.
mkdir -p "$work/split"
head -n 50001 "$gen/cases.csv" >"$work/split/cases-1.csv"
{ head -n 1 "$gen/cases.csv"; tail -n +50002 "$gen/cases.csv"; } | gzip -c >"$work/split/cases-2.csv.gz"

real=data/real
samples=(--input samples --config samples/slacheck.toml)
# name|subcommand and arguments (word-split; no spaces inside an argument)[|arguments for the
# new binary only, such as a flag the old one does not have]
runs=(
  "samples|report ${samples[*]} --period 2026-10"
  "samples-defaults|report --input samples --period 2026-10"
  "samples-asof|report ${samples[*]} --period 2026-10 --as-of 2026-10-20T12:00:00Z"
  "samples-range|report ${samples[*]} --from 2026-10-01 --to 2026-10-16"
  "samples-strict|report ${samples[*]} --period 2026-10 --strict"
  "samples-fail-under|report ${samples[*]} --period 2026-10 --fail-under 99"
  "samples-september|report ${samples[*]} --period 2026-09"
  "samples-validate|validate ${samples[*]}"
  "config|config"
  "helpdesk|report --event-log $real/helpdesk/helpdesk.csv --config samples/profiles/helpdesk.toml --period 2012-07"
  "helpdesk-2011|report --event-log $real/helpdesk/helpdesk.csv --config samples/profiles/helpdesk.toml --period 2011-03"
  "helpdesk-validate|validate --event-log $real/helpdesk/helpdesk.csv --config samples/profiles/helpdesk.toml"
  "bpic2013|report --event-log $real/bpic2013/bpic2013_incidents.csv --config samples/profiles/bpic2013.toml --period 2012-05"
  "bpic2013-2011|report --event-log $real/bpic2013/bpic2013_incidents.csv --config samples/profiles/bpic2013.toml --period 2011-11"
  "gen|report --input $gen --period 2026-10"
  "gen-config|report --input $gen --config $work/gen.toml --period 2026-10"
  "gen-config-nov-dst|report --input $gen --config $work/gen.toml --from 2026-10-25 --to 2026-11-08"
  "gen-asof|report --input $gen --config $work/gen.toml --period 2026-10 --as-of 2026-10-15T13:30:00Z"
  "gen-strict|report --input $gen --period 2026-10 --strict"
  "gen-fail-under|report --input $gen --config $work/gen.toml --period 2026-10 --fail-under 97.5"
  "gen-august|report --input $gen --config $work/gen.toml --period 2026-08"
  "gen-split|report --cases $work/split/cases-*.csv* --events $gen/case_events.csv --escalations $gen/escalations.csv --config $work/gen.toml --period 2026-09"
  "gen-validate|validate --input $gen --config $work/gen.toml"
)
# The new binary on 1 to 5 threads against the old one on its default.
new_help=$("$new" report --help 2>&1 || true)
if grep -q -- --threads <<<"$new_help"; then
  for t in 1 2 3 5; do
    runs+=("gen-threads-$t|report --input $gen --config $work/gen.toml --period 2026-10|--threads $t")
    runs+=("samples-threads-$t|report ${samples[*]} --period 2026-10|--threads $t")
  done
  runs+=("helpdesk-threads-3|report --event-log $real/helpdesk/helpdesk.csv --config samples/profiles/helpdesk.toml --period 2012-07|--threads 3")
  runs+=("explain-threads-1|explain ${samples[*]} --period 2026-10 C-0100002|--threads 1")
fi
# explain: the first cases of each file, every RCA case and the cases of escalations.
ids=$( { sed -n '2,40p' samples/cases.csv | cut -d, -f1;
         awk -F, 'NR > 1 && $14 ~ /yes|true|1/ { print $1 }' samples/cases.csv | head -n 20;
         sed -n '2,30p' samples/escalations.csv | cut -d, -f2; } | tr -d '\r\357\273\277' | sort -u)
for id in $ids C-100002; do
  runs+=("explain-$id|explain ${samples[*]} --period 2026-10 $id")
done
gids=$( { sed -n '2,15p' "$gen/cases.csv" | cut -d, -f1; sed -n '2,15p' "$gen/escalations.csv" | cut -d, -f2; } |
  tr -d '\r\357\273\277' | sort -u)
for id in $gids; do
  runs+=("explain-gen-$id|explain --input $gen --config $work/gen.toml --period 2026-10 $id")
done
runs+=("explain-bpic|explain --event-log $real/bpic2013/bpic2013_incidents.csv --config samples/profiles/bpic2013.toml --period 2012-05 1-364285768")

run_one() { # binary side name args...
  local bin=$1 side=$2 name=$3
  shift 3
  local out=$work/out
  rm -rf "$out"
  mkdir -p "$out"
  local status=0
  if [ "$1" = report ]; then
    "$bin" "$@" --out "$out" >"$out/.stdout" 2>"$out/.stderr" || status=$?
  else
    "$bin" "$@" >"$out/.stdout" 2>"$out/.stderr" || status=$?
  fi
  echo "$status" >"$out/.status"
  mv "$out" "$work/$side/$name"
}

# The exit status each run must have, so that two binaries failing alike (a missing input, say)
# cannot pass as "same".
expected_status() {
  case $1 in
    *strict* | samples-validate | gen-validate | explain-C-100002) echo 3 ;;
    *fail-under*) echo 1 ;;
    *) echo 0 ;;
  esac
}

failed=0
for entry in "${runs[@]}"; do
  name=${entry%%|*}
  rest=${entry#*|}
  read -r -a args <<<"${rest%%|*}"
  extra=()
  [[ $rest == *"|"* ]] && read -r -a extra <<<"${rest#*|}"
  run_one "$old" old "$name" "${args[@]}"
  run_one "$new" new "$name" "${args[@]}" "${extra[@]}"
  want=$(expected_status "$name")
  if [ "$(cat "$work/old/$name/.status")" != "$want" ]; then
    echo "UNEXPECTED: $name: the old binary exited $(cat "$work/old/$name/.status"), not $want:"
    sed 's/^/  /' "$work/old/$name/.stderr" | head -3
    failed=$((failed + 1))
    continue
  fi
  if [ "${args[0]}" = report ] && [ "$want" != 3 ] && ! ls "$work/old/$name"/sla-*.json >/dev/null 2>&1; then
    echo "UNEXPECTED: $name: no report was written"
    failed=$((failed + 1))
    continue
  fi
  differing=$(diff -rq "$work/old/$name" "$work/new/$name" || true)
  if [ -n "$differing" ] && [ -n "${ALLOW_LINES:-}" ]; then
    still=""
    for f in $(cd "$work/old/$name" && find . -type f | sort); do
      cmp -s "$work/old/$name/$f" "$work/new/$name/$f" && continue
      # The exit status is never filtered; text is compared as text (-a), line by line.
      if [ "$(basename "$f")" != .status ] && [ -f "$work/new/$name/$f" ] &&
        diff -q <(grep -a -v -E -- "$ALLOW_LINES" "$work/old/$name/$f") \
          <(grep -a -v -E -- "$ALLOW_LINES" "$work/new/$name/$f") >/dev/null; then
        echo "allowed: $name/$f differs only in lines matching ALLOW_LINES:"
        diff <(grep -a -E -- "$ALLOW_LINES" "$work/old/$name/$f") <(grep -a -E -- "$ALLOW_LINES" "$work/new/$name/$f") |
          grep '^[<>]' | sed 's/^/  /' | head -4 || true
      else
        still+="$f "
      fi
    done
    [ "$(cd "$work/new/$name" && find . -type f | wc -l)" = "$(cd "$work/old/$name" && find . -type f | wc -l)" ] || still+="(file list) "
    differing=$still
  fi
  if [ -n "$differing" ]; then
    echo "DIFFERS: $name"
    echo "$differing" | sed 's/^/  /'
    failed=$((failed + 1))
  fi
done
total=${#runs[@]}
if [ "$failed" -eq 0 ]; then
  echo "same: all $total runs (generate, report, validate, explain, config) byte-identical${ALLOW_LINES:+, but for the allowed lines listed}"
else
  echo "FAIL: $failed of $total runs differ (outputs kept in $work)"
  exit 1
fi
