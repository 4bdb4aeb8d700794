#!/usr/bin/env bash
# The model checked against real nginx and Redis (the README's "Checked against real nginx and Redis"): small
# real application servers (src/realcheck/app.rs) behind real nginx, configured with the nginx.conf the
# app prints (src/realworld/nginx.rs), and Redis for the store, all on 127.0.0.1 with ports the driver
# picks; real HTTP users with their own cookie jars; the same scenarios through the model. Prints one
# row per effect (real, model, tolerance, verdict) and `N passed, N failed`; exits non-zero when a row
# fails.
#
#   scripts/check-real.sh           # short form: one run per row, three for round robin (about two minutes)
#   scripts/check-real.sh --long    # three seeds per row, medians
#
# Installs nginx and redis-server from apt when missing (without starting their system services), and
# never touches a system nginx or Redis: every process runs from a scratch directory, is recorded by
# its pid, and is stopped by that pid.
set -euo pipefail
source "$(dirname "$0")/env.sh"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

find_tool() { command -v "$1" 2>/dev/null || { [ -x "/usr/sbin/$1" ] && echo "/usr/sbin/$1"; } || true; }

missing=()
[ -n "$(find_tool nginx)" ] || missing+=(nginx)
[ -n "$(find_tool redis-server)" ] || missing+=(redis-server)
if [ "${#missing[@]}" -gt 0 ]; then
  step "installing ${missing[*]} (apt)"
  # Debian starts a package's service when it is installed; a policy-rc.d that says no keeps the
  # system's nginx and Redis stopped (only when there is none already, and removed right after).
  policy=/usr/sbin/policy-rc.d
  placed=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    placed=1
  fi
  status=0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || status=$?
  [ "$status" -ne 0 ] || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" || status=$?
  [ -z "$placed" ] || as_root rm -f "$policy"
  [ "$status" -eq 0 ] || exit "$status"
fi
nginx_bin="$(find_tool nginx)"
redis_bin="$(find_tool redis-server)"

step "building the app server and the driver"
cargo build --quiet --bin sessionscope-app --bin sessionscope-check

work="$(mktemp -d "${TMPDIR:-/tmp}/sessionscope-check-real.XXXXXX")"
driver=""

# One of our processes still running with this pid? (A pid file may outlive its process.)
ours() {
  local pid="$1" cmd
  cmd="$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline")" || return 1
  case "$cmd" in *sessionscope-app*|*nginx*|*redis-server*|*sessionscope-check*) return 0 ;; esac
  return 1
}

cleanup() {
  # The driver stops everything it started; what is left here was left by a driver that died.
  local pids=() pid file
  [ -n "$driver" ] && pids+=("$driver")
  for file in "$work"/pids/*.pid; do
    [ -e "$file" ] && pids+=("$(cat "$file")")
  done
  for pid in "${pids[@]}"; do
    ours "$pid" && kill -TERM "$pid" 2>/dev/null || true
  done
  for _ in $(seq 50); do
    local alive=""
    for pid in "${pids[@]}"; do ours "$pid" && alive=1; done
    [ -z "$alive" ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do
    ours "$pid" && kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

step "checking the model against real nginx ($("$nginx_bin" -v 2>&1 | sed 's/.*nginx\///')) and Redis ($("$redis_bin" --version | sed 's/.*v=\([^ ]*\).*/\1/'))"
status=0
target/debug/sessionscope-check --work "$work" --nginx "$nginx_bin" --redis "$redis_bin" "$@" &
driver=$!
wait "$driver" || status=$?
driver=""
exit "$status"
