#!/usr/bin/env bash
# Regenerate the README pictures (docs/screenshot.png, embed.png, tour.png, compare.png) from dist/
# (build first: scripts/build.sh). Name some (main, embed, tour, compare) to regenerate only those.
set -euo pipefail
if [ "${1:-}" = moments ]; then shift; cd "$(dirname "$0")/.." && exec node e2e/bench/tour-moments.mjs "$@"; fi  # the tour's key moments: docs/tour-NN.png
cd "$(dirname "$0")/.." && exec node e2e/bench/screenshot.mjs "$@"
