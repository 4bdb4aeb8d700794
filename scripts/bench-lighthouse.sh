#!/usr/bin/env bash
# Lighthouse 12.2.3 on the built site (dist/) served with gzip on loopback: mobile and desktop, all four
# categories, median of LIGHTHOUSE_RUNS (default 3). Build first with scripts/build.sh; --json for the figures.
# Exits non-zero when a target is missed (mobile performance >= 95; accessibility, best practices, SEO 100).
set -euo pipefail
cd "$(dirname "$0")/.." && exec node e2e/bench/lighthouse.mjs "$@"
