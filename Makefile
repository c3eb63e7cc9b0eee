# shipshape: the two commands a newcomer needs are `make serve` and `make test`.
# Both install what is missing first (scripts/setup.sh; fast when everything is there).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
# wasm-opt must be binaryen.js 132 from node_modules, not Debian's (see ../shared/notes/toolchain.md).
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CARGO_TERM_COLOR ?= never
PORT ?= 8080

.PHONY: new-rule setup serve dist embed npm test test-native test-wasm test-e2e test-npm lint size bench compare docs rule-stats fuzz clean data size-accuracy screenshots

setup:
	@./scripts/setup.sh

## Build the playground (release profile) and serve it on http://127.0.0.1:$(PORT)
serve: setup embed
	trunk serve --release --address 127.0.0.1 --port $(PORT) --no-autoreload

## Build the static site into dist/
dist: setup embed
	trunk build --release

## The engine of the docs embed (<shipshape-playground>, www/embed.js) into target/embed/.
embed: setup
	scripts/embed-build.sh

## Every test: formatting and lints, native tests, wasm tests in headless Chromium,
## end-to-end tests of the built app, and the bundle size.
test: setup lint test-native test-wasm test-e2e test-npm size

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --quiet -- -D warnings

# Tests print their key counts (fixtures, corpus, tables); empty test binaries are hidden.
test-native:
	cargo test --workspace --quiet -- --nocapture 2>&1 | grep -v -E '^(running 0 tests|test result: ok\. 0 passed.*|)$$'



test-wasm:
	cargo test --target wasm32-unknown-unknown -p shipshape-app

test-e2e: dist
	cargo build --quiet -p shipshape-cli
	node tests/e2e/run.mjs
	node tests/e2e/offline.mjs
	node tests/e2e/embed.mjs

## The npm package `shipshape` (crates/shipshape-wasm, built by wasm-pack for Node, bundlers
## and plain browsers) packed into target/npm/shipshape-<version>.tgz.
npm: setup
	scripts/npm-pack.sh

# Installs the packed tarball into an empty project and calls it (against the CLI's answers).
test-npm: npm
	cargo build --quiet -p shipshape-cli
	node tests/npm/run.mjs

size: dist
	@scripts/bundle-size.sh

## Parse throughput over the real corpus, `shipshape check` against hadolint (paired runs),
## the time to lint a 200-line Dockerfile in wasm (Node), and the playground in headless
## Chromium (keystroke → markers, paste of 5,000 lines, hostile pastes).
bench: setup
	cargo build --quiet --profile release-native -p shipshape-cli
	cargo run --quiet --profile release-native -p shipshape-cli --example bench
	cargo test --release --target wasm32-unknown-unknown -p shipshape --test wasm_bench -- --nocapture 2>&1 | grep -E "^wasm"
	$(MAKE) --no-print-directory dist >/dev/null
	node tests/perf/run.mjs
	node tests/perf/stress.mjs

## Screenshots of the main views, light and dark, desktop and phone, into docs/screenshots/.
screenshots: dist
	node tests/screenshots.mjs


## A new rule file with its metadata, docs, check and test cases to fill in, registered in
## rules/mod.rs: make new-rule CATEGORY=packages NAME=apt-lists-missing CODE=SS4016
## (see docs/architecture.md, "Adding a rule").
new-rule:
	python3 scripts/new_rule.py CATEGORY=$(CATEGORY) NAME=$(NAME) CODE=$(CODE)

## Regenerate docs/rules/ from the rule definitions (a test fails when they are stale).
docs:
	rm -rf docs/rules
	cargo run --quiet -p shipshape-cli -- rules --write-docs docs/rules

## How often each rule fires over the real corpus (see docs/rule-stats.md).
rule-stats:
	python3 scripts/rule_stats.py

## Regenerate crates/shipshape/data/ (base image, package and ratio tables with their sources and dates)
## from ../shared/corpus/image-sizes (env SHIPSHAPE_CORPUS overrides the corpus root).
data:
	cargo run --quiet --profile release-native -p shipshape-cli --example gen_size_data
	SHIPSHAPE_WRITE_TABLES=1 cargo test --quiet -p shipshape --lib size_tables_asset_is_current

## The image-size estimator against measured images: whole official images built from corpus
## Dockerfiles, and every layer of official-layers.tsv (median error %, share inside the range).
size-accuracy:
	cargo run --quiet --profile release-native -p shipshape-cli --example size_accuracy

## Agreement with hadolint 2.15.1 over the real corpus (per-code counts, recall, precision).
compare:
	python3 scripts/compare.py

clean:
	cargo clean
	rm -rf dist

## Fuzz parse → lint → fix-all → re-parse → size estimate (cargo-fuzz, nightly; FUZZ_SECONDS, default 600).
## The real corpus seeds it when ../shared is present (read in place, never copied).
FUZZ_SECONDS ?= 600
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	mkdir -p fuzz/corpus/fix_all
	cd fuzz && cargo +nightly fuzz run -O fix_all corpus/fix_all $(if $(wildcard ../shared/corpus/real),../../shared/corpus/real) -- \
		-dict=dockerfile.dict -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
