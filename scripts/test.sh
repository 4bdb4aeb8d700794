#!/usr/bin/env bash
# THE test command (README, .ci/run): installs what is missing, then every quality gate in order.
# Any failing step stops the run with a non-zero exit.
set -euo pipefail
source "$(dirname "$0")/env.sh"

timings=()
run_step() {
  local name="$1"
  shift
  step "$name"
  local start=$SECONDS
  "$@"
  local took=$((SECONDS - start))
  timings+=("$(printf '%-44s %5ss' "$name" "$took")")
  printf -- '---- %s: ok (%ss)\n' "$name" "$took"
}

run_step "setup (install what is missing)" scripts/setup.sh
run_step "cargo fmt --check" cargo fmt --check
run_step "cargo clippy native (all targets)" cargo clippy --all-targets --quiet -- -D warnings
run_step "cargo clippy wasm32 (lib + app)" \
  cargo clippy --target wasm32-unknown-unknown --lib --bin sessionscope --quiet -- -D warnings
run_step "cargo test (native)" cargo test
# The model against real nginx and Redis on loopback, short form (about two minutes).
run_step "check against real nginx and Redis (short form)" scripts/check-real.sh
# Browser tests written with wasm-bindgen-test (tests/*.rs that use it), run in headless Chromium.
wasm_tests=()
for file in tests/*.rs; do
  [ -e "$file" ] && grep -q 'wasm_bindgen_test_configure' "$file" && wasm_tests+=(--test "$(basename "$file" .rs)")
done
if [ "${#wasm_tests[@]}" -gt 0 ]; then
  run_step "cargo test wasm32 (wasm-bindgen-test in Chromium)" \
    env CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_DRIVER_TIMEOUT=60 \
    cargo test --target wasm32-unknown-unknown "${wasm_tests[@]}"
fi
run_step "release build, offline.html, sizes" env SKIP_SETUP=1 scripts/build.sh

step "timings so far"
printf '  %s\n' "${timings[@]}"

# Node's runner; the explicit file list works with every Node version (directory arguments do not).
# Readable output on the terminal, TAP into a file for the closing count line. The same test files run in
# each engine in turn (E2E_ENGINE; every test name ends in [engine]); the Chromium-only tests skip themselves
# elsewhere. E2E_ENGINES="chromium webkit" runs only those; E2E_CONCURRENCY_<ENGINE> sets how many test
# files (each with its own browser) run at once, default 2 in every engine: measured on 2 busy cores (load
# average about 15), Chromium took 182 s, Firefox 147 s and WebKit 296 s (a fresh MiniBrowser per page).
# A failed test leaves FAILED-<test>.png beside the screenshots; only this run's failures should be there.
rm -f e2e/out/screenshots/FAILED-*.png
# Tests that WebKit's browser left mid-test and that ran once more (e2e/lib/harness.mjs says when).
rm -f e2e/out/retried.txt
tap_dir="$(mktemp -d)"
trap 'rm -rf "$tap_dir"' EXIT
count() { awk -v key="$1" '$1 == "#" && $2 == key { n += $3 } END { print n + 0 }' "$tap_dir"/*.tap; }
status=0
for engine in ${E2E_ENGINES:-chromium firefox webkit}; do
  case "$engine" in
    chromium) concurrency="${E2E_CONCURRENCY_CHROMIUM:-2}" ;;
    firefox) concurrency="${E2E_CONCURRENCY_FIREFOX:-2}" ;;
    webkit) concurrency="${E2E_CONCURRENCY_WEBKIT:-2}" ;;
    *) echo "test: E2E_ENGINES names an unknown engine '$engine' (chromium, firefox, webkit)" >&2; exit 1 ;;
  esac
  step "end-to-end tests in $engine ($concurrency files at a time)"
  start=$SECONDS
  engine_status=0
  E2E_ENGINE="$engine" node --test --test-concurrency="$concurrency" --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap_dir/$engine.tap" e2e/*.test.mjs || engine_status=$?
  [ "$engine_status" -eq 0 ] || status=$engine_status
  timings+=("$(printf '%-44s %5ss' "end-to-end tests in $engine" "$((SECONDS - start))")")
done
step "timings"
printf '  %s\n' "${timings[@]}"
printf '\nengines: %s\n' "${E2E_ENGINES:-chromium firefox webkit}"
printf 'e2e: %s passed, %s failed, %s skipped\n' "$(count pass)" "$(( $(count fail) + $(count cancelled) ))" "$(count skipped)"
if [ -s e2e/out/retried.txt ]; then
  printf 'ran once more after WebKit lost its browser mid-test: %s\n' "$(wc -l <e2e/out/retried.txt)"
  sed 's/^/  /' e2e/out/retried.txt
fi
exit "$status"
