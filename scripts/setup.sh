#!/usr/bin/env bash
# Install whatever the build and the tests need and is missing; skip what is present (quiet then).
# Each tool's version and the reason for it are given where it is installed below.
set -euo pipefail
source "$(dirname "$0")/env.sh"

say() { printf 'setup: %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# Rust target and components.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "installing the Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "installing the Rust component $component"
    rustup component add "$component"
  fi
done

# Trunk: 0.22 needs a newer rustc than this machine's, 0.21.14 installs with --locked.
if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (takes several minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

# wasm-bindgen CLI equal to the crate in Cargo.lock (Trunk offline refuses any other). Not --locked: one of
# its locked dependencies is missing from the registry.
if [ -z "$WASM_BINDGEN_VERSION" ]; then
  echo "setup: no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes several minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# Chromium for the end-to-end tests (playwright-core drives it), and chromedriver for wasm-bindgen-test.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  say "installing chromium and chromium-driver (apt)"
  apt_install chromium chromium-driver
fi
# Firefox ESR and WebKitGTK's WebDriver (with its MiniBrowser) for the end-to-end tests in three engines,
# and Xvfb: MiniBrowser has no headless mode, the tests give it a display of its own. WebKitGTK takes
# navigator.language from the process locale: the tests compile the Korean one privately from `locales`.
browsers=()
command -v firefox-esr >/dev/null 2>&1 || browsers+=(firefox-esr)
command -v WebKitWebDriver >/dev/null 2>&1 || browsers+=(webkit2gtk-driver)
command -v Xvfb >/dev/null 2>&1 || browsers+=(xvfb)
[ -e /usr/share/i18n/locales/ko_KR ] || browsers+=(locales)
if [ "${#browsers[@]}" -gt 0 ]; then
  say "installing ${browsers[*]} (apt)"
  apt_install "${browsers[@]}"
fi
# A Korean font, so the e2e screenshots of the Korean interface show Hangul rather than empty boxes.
if ! fc-list :lang=ko 2>/dev/null | grep -q .; then
  say "installing a Korean font (apt: fonts-nanum)"
  apt_install fonts-nanum
fi

# Real nginx, HAProxy and Redis: tests/realworld_config.rs runs `nginx -t`, `haproxy -c` and redis-server
# (on loopback) on every configuration the `config` panel and the runner print.
if ! [ -x /usr/sbin/nginx ] || ! [ -x /usr/sbin/haproxy ] || ! [ -x /usr/bin/redis-server ]; then
  say "installing nginx, haproxy and redis-server (apt)"
  apt_install nginx haproxy redis-server
fi

# Node packages pinned in package-lock.json: playwright-core (drives Chromium), puppeteer-core (drives
# Firefox over WebDriver BiDi), binaryen (wasm-opt), esbuild (minifier; its install script need not run: the
# JS API finds the platform binary in @esbuild/<platform>), axe-core (the accessibility rules
# e2e/accessibility.test.mjs runs in the page), lighthouse (scripts/bench-lighthouse.sh).
if ! command -v npm >/dev/null 2>&1; then
  say "installing nodejs and npm (apt)"
  apt_install nodejs npm
fi
lock_stamp="node_modules/.sessionscope-lock.sha256"
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat "$lock_stamp" 2>/dev/null || true)" != "$lock_sum" ] || [ ! -x node_modules/.bin/wasm-opt ]; then
  say "installing the JavaScript packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > "$lock_stamp"
fi

# Trunk runs cargo with --offline: every crate must be downloaded beforehand.
cargo fetch --quiet
