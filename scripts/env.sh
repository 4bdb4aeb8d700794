# Sourced by the other scripts: repository root as working directory, and the tools on PATH.
# shellcheck shell=bash

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
# cargo-installed tools (trunk, wasm-bindgen) and npm-installed ones (wasm-opt from binaryen).
export PATH="$REPO_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Versions the build needs. wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock.
TRUNK_VERSION="0.21.14"
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
export TRUNK_VERSION WASM_BINDGEN_VERSION

step() { printf '\n==== %s\n' "$*"; }
