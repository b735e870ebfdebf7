# The two commands of the README, and the pieces they are made of.
#   make serve   build and serve the app with the default pack (http://127.0.0.1:8080)
#   make test    every test: engine, pack, CLI, properties, release build, browser journeys
# Each installs what it needs when missing (scripts/setup.sh) and skips what is there.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
# The pinned wasm-opt (npm binaryen) and the cargo-installed tools come first.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
SEEDS ?= ../shared/seeds
# The Rust tests read the seed articles from here too (tests/common).
export SEEDS

.PHONY: serve test setup-build setup-all lint native-tests pack-checks component-tests build size-check e2e bench size

serve: setup-build
	trunk serve --release

test: setup-all lint native-tests pack-checks component-tests build size-check e2e

setup-build:
	scripts/setup.sh build

setup-all:
	scripts/setup.sh all

# Formatting (rustfmt.toml) and lints, natively and for the app and the pack
# studio, whose code is compiled only for wasm.
lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --bin policy-explainer -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --bin studio --features studio -- -D warnings

# Engine, pack validation, CLI, pack test cases, property tests; benchmarks run once each as tests.
native-tests:
	cargo test --all-targets
	cargo test --doc

# The policy staff's own checks on the default pack, as they would run them.
pack-checks:
	cargo run --quiet --bin policy -- check --sources $(SEEDS)
	cargo run --quiet --bin policy -- test

# The app's components mounted in headless Chromium (wasm-bindgen-test; see webdriver.json).
component-tests:
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
		cargo test --target wasm32-unknown-unknown --bin policy-explainer

build:
	trunk build --release

# The first load of the release build within the budget README.md states.
size-check:
	node scripts/check-size.mjs

# Journeys in headless Chromium against the release build.
e2e:
	node --test --test-concurrency=1 tests/e2e/

# Criterion benchmarks (not part of `make test`): µs per evaluation.
bench:
	cargo bench --bench evaluate

# Transfer sizes (gzip and brotli) and in-page load times of the release
# build, with a generated 1,000-policy pack too (see README, Budgets).
size: build
	node scripts/measure.mjs
