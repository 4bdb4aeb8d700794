#!/usr/bin/env bash
# THE benchmark command: prints one Markdown table, ready for the README, with the date and the
# machine on top:
#   - simulated requests per second of the model natively and compiled to wasm32 in headless Chromium (the
#     same workload, `model::workload`: 8 servers, 10 000 users, every strategy), and their ratio;
#   - frame interval and work per frame, p50 / p95, at 16 and 64 servers and in the flow mode in the built app;
#   - the gzip size of the site; the time from navigation to the first drawn frame;
#   - frame rate, interval p95 and work p95 of the same pages in Chromium, Firefox and WebKit, side by side;
#   - Lighthouse 12.2.3 on the site served with gzip: mobile and desktop, all four categories, median of 3.
# Installs what is missing and rebuilds dist/ when the sources are newer than it. Fails with a line naming
# any figure it could not measure.
#
#   scripts/bench.sh
#   BENCH_SIM_SECONDS=300    simulated seconds per strategy for the model figures
#   BENCH_REPEATS=3          runs per strategy, the fastest counts (keeps the machine's other work out)
#   BENCH_FRAME_SECONDS=5    measured seconds per frame run
set -euo pipefail
source "$(dirname "$0")/env.sh"

sim_seconds="${BENCH_SIM_SECONDS:-300}"
repeats="${BENCH_REPEATS:-3}"
for setting in "BENCH_SIM_SECONDS=$sim_seconds" "BENCH_REPEATS=$repeats"; do
  [[ "${setting#*=}" =~ ^[1-9][0-9]*$ ]] || { echo "bench: ${setting%%=*} must be a whole number > 0, got '${setting#*=}'" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() {
  echo "bench: $*" >&2
  exit 1
}

step "setup"
scripts/setup.sh

# Rebuilt when anything Trunk's release build reads is newer than dist/index.html (every build rewrites it).
if [ ! -f dist/index.html ]; then
  stale="dist/index.html is missing"
else
  sources=()
  for path in src static index.html Cargo.toml Cargo.lock Trunk.toml scripts/post-build.mjs scripts/lib; do
    [ ! -e "$path" ] || sources+=("$path")
  done
  stale="$(find "${sources[@]}" -newer dist/index.html -print -quit)"
  [ -z "$stale" ] || stale="$stale is newer than dist/"
fi
if [ -n "$stale" ]; then
  step "release build ($stale; minutes on a cold machine)"
  SKIP_SETUP=1 scripts/build.sh >"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log"; fail "the release build failed"; }
fi

# Other work on a shared machine inflates the wall-clock and frame figures: the table says how busy it was.
load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"

step "model, native ($sim_seconds simulated s per strategy, fastest of $repeats)"
cargo run --quiet --profile bench-native --bin sessionscope-bench -- "$sim_seconds" "$repeats" | tee "$work/native.txt"
read -r native_requests native_wall native_cpu < <(awk '$1 == "all" { print $2, $3, $4 }' "$work/native.txt")
native_hash="$(awk '$1 == "history" && $2 == "hash" { print $3 }' "$work/native.txt")"
[ -n "${native_requests:-}" ] && [ -n "$native_hash" ] || fail "could not read the native figures (no 'all' or 'history hash' line)"

step "model, wasm32 in headless Chromium (same workload)"
# The benchmark test is #[ignore]d in the normal suite; its simulated seconds are fixed at build time.
SESSIONSCOPE_BENCH_SECONDS="$sim_seconds" SESSIONSCOPE_BENCH_REPEATS="$repeats" CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_DRIVER_TIMEOUT=600 \
  cargo test --profile bench-native --target wasm32-unknown-unknown --test wasm_model -- --nocapture --include-ignored \
  >"$work/wasm.txt" 2>&1 || { tail -n 40 "$work/wasm.txt"; fail "the wasm32 benchmark test failed"; }
grep -E '^(none|sticky|cluster-all|cluster-backup|store) +[0-9]' "$work/wasm.txt" || true
line="$(grep -o 'SESSIONSCOPE_WASM_BENCH .*' "$work/wasm.txt" | tail -n 1)"
[ -n "$line" ] || { tail -n 40 "$work/wasm.txt"; fail "the wasm32 benchmark printed no SESSIONSCOPE_WASM_BENCH line"; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
wasm_requests="$(field requests)"
wasm_ms="$(field ms)"
wasm_hash="$(field hash)"
echo "$line"
[ "$wasm_hash" = "$native_hash" ] ||
  fail "the wasm32 run's history hash $wasm_hash differs from the native $native_hash: the model is not deterministic across targets"

cat >"$work/model.json" <<EOF
{
  "servers": $(field servers), "users": $(field users), "seconds": $sim_seconds, "repeats": $repeats, "load_at_start": "$load_at_start",
  "native": { "requests": $native_requests, "wall_s": $native_wall, "cpu_s": $native_cpu, "hash": "$native_hash" },
  "wasm": { "requests": $wasm_requests, "ms": $wasm_ms, "hash": "$wasm_hash" }
}
EOF

step "built site: frames and first render (Chromium), frames per engine, Lighthouse, gzip size"
node e2e/bench/report.mjs "$work/model.json" >"$work/table.md"

step "table"
cat "$work/table.md"
