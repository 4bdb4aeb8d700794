#!/usr/bin/env bash
# Regenerate docs/screenshot.png (README) from the built site in dist/ (build first: scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.." && exec node e2e/bench/screenshot.mjs "$@"
