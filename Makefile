# slacheck — set-up, build, test, report and benchmark.
# On a fresh Debian machine with Swift: `make report` then `make test`.

SWIFT        ?= swift
BIN          := .build/release/slacheck
# The release binary carries the Swift runtime and Foundation inside it (--static-swift-stdlib):
# it runs where no Swift toolchain is installed (it needs libcsv, zlib and libstdc++), peaks
# 6 MiB lower and runs as fast (BENCHMARKS.md, seventh session).
RELEASE      := -c release --static-swift-stdlib
SAMPLES      := samples
REPORTS      := reports
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build test lint report validate bench bench-reader bench-report bench-orgs bench-targets samples clean

all: build

## deps: install the system libraries slacheck needs (libcsv, zlib, libcrypto) when they are missing
deps:
	@missing=""; \
	[ -f /usr/include/csv.h ] || missing="$$missing libcsv-dev"; \
	[ -f /usr/include/zlib.h ] || missing="$$missing zlib1g-dev"; \
	[ -f /usr/include/openssl/sha.h ] || missing="$$missing libssl-dev"; \
	command -v cmark-gfm >/dev/null || missing="$$missing cmark-gfm"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get install -y $$missing || { $(SUDO) apt-get update && $(SUDO) apt-get install -y $$missing; }; \
	fi
	@python3 -c "import jsonschema" 2>/dev/null || python3 -m pip install --quiet jsonschema

## build: release build of the slacheck binary
build: deps
	$(SWIFT) build $(RELEASE) --product slacheck

## test: the whole test suite (unit and end-to-end, and the reference implementation's own checks)
test: deps
	python3 Tests/reference/slacheck_ref.py --self-test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## lint: swift format's checks, strict (the rules are in .swift-format); `swift format format -i -r`
## fixes what it can
lint:
	$(SWIFT) format lint --strict -r Sources Tests Package.swift bench fuzz

## report: build, then write the report for samples/ into reports/
report: build
	$(BIN) report --input $(SAMPLES) --config $(SAMPLES)/slacheck.toml --period 2026-10 --out $(REPORTS)

## real-reports: the reports of the two real event logs (data/real) through their
## profiles in samples/profiles, for one representative month each, into reports/real/
REAL_DATA    ?= data/real
.PHONY: real-reports
real-reports: build
	$(BIN) report --event-log $(REAL_DATA)/helpdesk/helpdesk.csv --config $(SAMPLES)/profiles/helpdesk.toml \
	  --period 2012-07 --out $(REPORTS)/real/helpdesk
	$(BIN) report --event-log $(REAL_DATA)/bpic2013/bpic2013_incidents.csv --config $(SAMPLES)/profiles/bpic2013.toml \
	  --period 2012-05 --out $(REPORTS)/real/bpic2013

## samples: regenerate the committed sample month (deterministic); samples/slacheck.toml is
## written by hand (the generator's own config beside its files is left out). --lifecycle and
## --exclusions feed the restoration, resolution and update targets. Seed 3484 was picked so that
## October has, for each of the four targets, cases met, breached, pending and excluded (a platform
## incident still unrestored at as-of is rare: most seeds have none; CommittedReportTests checks
## this), and customers on the weekend, us and apac calendars and in both tiers.
samples: build
	rm -rf $(SAMPLES)/.generated
	$(BIN) generate --cases 1200 --seed 3484 --from 2026-08-01 --to 2026-11-01 --months 3 \
	  --timezone Europe/Berlin --messy --zones 6 --lifecycle --exclusions 25 --out $(SAMPLES)/.generated
	cd $(SAMPLES)/.generated && mv cases.csv case_events.csv escalations.csv organizations.csv exclusions.csv ..
	rm -rf $(SAMPLES)/.generated

## bench: the benchmarks; results go to BENCHMARKS.md by hand, with machine and date
bench: bench-reader bench-report bench-orgs bench-targets

## bench-targets: the cost of restoration, resolution, update and exclusions over first response alone
bench-targets: deps
	bench/targets.sh

## bench-orgs: the cost of customers' own clocks and contracts (10,000 customers, 20 zones)
bench-orgs: deps
	bench/orgs.sh

## bench-report: `slacheck report` end to end on 1M cases, next to the C libcsv floor and DuckDB
bench-report: deps
	python3 -c "import duckdb" 2>/dev/null || python3 -m pip install --quiet duckdb || true
	bench/report.sh

## bench-reader: the CSV reader against a plain C libcsv loop over the same bytes
bench-reader: deps
	bench/reader.sh

## fuzz: libFuzzer + AddressSanitizer over the CSV reader, the loader and the timestamp parser,
## FUZZ_SECONDS each (fuzz/run.sh; crashes land in fuzz/crashes/, see TESTING.md)
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= reader loader timestamp
.PHONY: fuzz
fuzz: deps
	@for t in $(FUZZ_TARGETS); do fuzz/run.sh $$t $(FUZZ_SECONDS) || exit 1; done

## asan: the whole test suite under AddressSanitizer, in its own build folder; the end-to-end
## tests run the ASan binary. LeakSanitizer skips the leaks of TOMLKit and the toolchain (fuzz/lsan.supp).
## ASan's quarantine of freed memory is cut from 256 MB to 16 MB: it counts in the binary's peak
## memory, which the hostile-input tests bound at 100 MB (344 MB with the default, 76 MB with 16).
.PHONY: asan
asan: deps
	@# gold warns once per ASan helper symbol ("Cannot export local symbol"): noise, filtered out.
	@mkdir -p .build-asan; rc=0; \
	  $(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan >.build-asan/build.log 2>&1 || rc=$$?; \
	  grep -v "Cannot export local symbol" .build-asan/build.log; exit $$rc
	SLACHECK_BIN=$(CURDIR)/.build-asan/debug/slacheck LSAN_OPTIONS=suppressions=$(CURDIR)/fuzz/lsan.supp \
	  ASAN_OPTIONS=quarantine_size_mb=16 SWIFT_BACKTRACE=enable=no \
	  $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan

clean:
	rm -rf .build bench/.build bench/bin bench/data
