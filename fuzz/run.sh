#!/usr/bin/env bash
# Coverage-guided fuzzing of the CSV reader and the row decoder with libFuzzer (+ AddressSanitizer).
#
# Usage:
#   fuzz/run.sh TARGET [SECONDS] [libFuzzer flags...]   build TARGET and fuzz it (default 60 s)
#   fuzz/run.sh merge TARGET                            fold work/TARGET into a minimal corpus/TARGET
#   fuzz/run.sh repro TARGET FILE...                    run TARGET once on saved inputs (a crash)
# TARGET is reader, loader or timestamp. New inputs go to fuzz/work/TARGET (not committed);
# crashes, leaks and timeouts to fuzz/crashes/TARGET/. Exits non-zero when a run finds one.
set -euo pipefail
cd "$(dirname "$0")"

targets="reader loader timestamp"
usage() { sed -n '4,7p' "$0" >&2; exit 2; }
known() { [[ " $targets " == *" $1 "* ]] || { echo "unknown target: $1 (one of: $targets)" >&2; exit 2; }; }

# The main package under a fixed identity, whatever the clone's folder is called (as bench/ does).
# SLACHECK_SRC=/abs/path fuzzes another checkout of it instead (e.g. while this one is mid-edit).
mkdir -p .deps && ln -sfn "${SLACHECK_SRC:-../..}" .deps/slacheck

build() {
  # -sanitize=fuzzer adds coverage instrumentation and links libFuzzer; SwiftPM's renamed
  # `main` (see Sources/*/main.swift) starts libFuzzer's driver, so no -parse-as-library.
  # gold warns once per ASan helper symbol ("Cannot export local symbol"): noise, filtered.
  if ! swift build -c debug --product "fuzz-$1" -Xswiftc -sanitize=fuzzer,address 2>&1 \
    | { grep -v "Cannot export local symbol" || true; }; then
    echo "build of fuzz-$1 failed" >&2
    exit 1
  fi
}

# LeakSanitizer: TOMLKit's own leaks are suppressed (see lsan.supp); ours are not.
export LSAN_OPTIONS="suppressions=$PWD/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:symbolize=1}"
# Swift's own crash backtracer would race ASan's report (it reads the dead process's memory).
export SWIFT_BACKTRACE=enable=no
limits=(-max_len=4096 -timeout=10 -rss_limit_mb=2048)

case "${1:-}" in
  merge)
    t="${2:-}"; known "$t"; build "$t"
    mkdir -p "work/$t" "corpus/$t"
    rm -rf "corpus/$t.new" && mkdir "corpus/$t.new"
    # set_cover_merge keeps a smaller set than -merge=1 for nearly the same features.
    ".build/debug/fuzz-$t" -set_cover_merge=1 "${limits[@]}" "corpus/$t.new" "corpus/$t" "work/$t"
    rm -rf "corpus/$t" && mv "corpus/$t.new" "corpus/$t"
    echo "corpus/$t: $(ls "corpus/$t" | wc -l) files, $(du -sb "corpus/$t" | cut -f1) bytes"
    ;;
  repro)
    t="${2:-}"; known "$t"; shift 2; [ $# -gt 0 ] || usage; build "$t"
    files=(); for f in "$@"; do files+=("$(cd "$OLDPWD" && realpath "$f")"); done
    ".build/debug/fuzz-$t" "${limits[@]}" "${files[@]}"
    ;;
  "" | -h | --help) usage ;;
  *)
    t="$1"; known "$t"; seconds="${2:-60}"; shift; [ $# -gt 0 ] && shift
    build "$t"
    mkdir -p "work/$t" "corpus/$t" "crashes/$t"
    # The first folder receives new inputs; corpus/ is only read. One process: the machine is small.
    ".build/debug/fuzz-$t" "work/$t" "corpus/$t" -max_total_time="$seconds" "${limits[@]}" \
      -dict="dict/$t.dict" -artifact_prefix="crashes/$t/" -print_final_stats=1 "$@"
    ;;
esac
