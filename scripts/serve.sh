#!/usr/bin/env bash
# Serve the app locally with Trunk (debug build, rebuilt on change). PORT=8080 by default.
# No auto-reload: Trunk's reload script is inline and changes at serve time, which the page's strict
# Content-Security-Policy would block. Reload the page by hand after a change.
set -euo pipefail
source "$(dirname "$0")/env.sh"

scripts/setup.sh
port="${PORT:-8080}"
echo "SessionScope: http://127.0.0.1:$port/  (Ctrl-C stops)"
exec trunk serve --offline --no-autoreload --address 127.0.0.1 --port "$port" "$@"
