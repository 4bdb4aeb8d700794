#!/usr/bin/env bash
# Regenerate the README pictures (docs/screenshot.png, embed.png, tour.png, compare.png) from dist/
# (build first: scripts/build.sh). Name some (main, embed, tour, compare) to regenerate only those.
# `scripts/screenshot.sh engines` instead writes the lab as Chromium, Firefox and WebKit draw it, side by
# side for the eye, into e2e/out/screenshots/engines/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = moments ]; then shift; exec node e2e/bench/tour-moments.mjs "$@"; fi  # the tour's key moments: docs/tour-NN.png
if [ "${1:-}" = engines ]; then exec node e2e/bench/engine-shots.mjs; fi
exec node e2e/bench/screenshot.mjs "$@"
