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
# The model against real nginx and Redis on loopback, short form (one run per row, about a minute).
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
# Readable output on the terminal, TAP into a file for the closing count line.
step "end-to-end tests (headless Chromium)"
# A failed test leaves FAILED-<test>.png beside the screenshots; only this run's failures should be there.
rm -f e2e/out/screenshots/FAILED-*.png
tap="$(mktemp)"
trap 'rm -f "$tap"' EXIT
status=0
node --test --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tap" e2e/*.test.mjs || status=$?
count() { awk -v key="$1" '$1 == "#" && $2 == key { n = $3 } END { print n + 0 }' "$tap"; }
printf '\ne2e: %s passed, %s failed, %s skipped\n' "$(count pass)" "$(( $(count fail) + $(count cancelled) ))" "$(count skipped)"
exit "$status"
