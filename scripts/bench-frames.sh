#!/usr/bin/env bash
# Frame-time benchmark of the built site (dist/): fps, p95 frame interval, p95 work per frame, gzip size.
# Build first with scripts/build.sh. BENCH_SECONDS=10 for longer runs; --json for machine-readable output.
set -euo pipefail
cd "$(dirname "$0")/.." && exec node e2e/bench/frames.mjs "$@"
