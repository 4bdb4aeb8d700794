#!/usr/bin/env bash
# Release build of the site into dist/: Trunk (with wasm-opt), then dist/offline.html, then the size report.
# Set SKIP_SETUP=1 when scripts/setup.sh has just run (scripts/test.sh does).
set -euo pipefail
source "$(dirname "$0")/env.sh"

[ "${SKIP_SETUP:-}" = 1 ] || scripts/setup.sh

step "trunk build --release --offline"
trunk build --release --offline

step "bundle dist/offline.html"
node scripts/bundle-offline.mjs dist

step "size report (gzip)"
node scripts/size-report.mjs dist
