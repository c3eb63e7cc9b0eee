#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing. Idempotent: when
# everything is present it only checks versions (well under a second).
# Versions follow ../shared/notes/toolchain.md (known to work offline):
#   trunk 0.21.14, wasm-bindgen-cli = the wasm-bindgen in Cargo.lock (installed without
#   --locked), wasm-opt from npm `binaryen` (Debian's is broken), Debian chromium +
#   chromium-driver, playwright-core from npm (no browser download).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# Tools installed here land in ~/.cargo/bin and node_modules/.bin.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
say() { printf 'setup: %s\n' "$*" >&2; }
has() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"; }

# 1. Debian packages: chromium + chromedriver for the browser tests.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  say "installing chromium and chromium-driver from Debian"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# 2. The wasm32 target.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 3. trunk and wasm-bindgen-cli (the CLI must equal the wasm-bindgen crate in Cargo.lock).
WB=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock 2>/dev/null || true)
[ -n "$WB" ] || WB=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml | head -n1)
if ! has trunk "trunk $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (takes about 5 minutes once)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi
if ! has wasm-bindgen "wasm-bindgen $WB" || ! command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
  say "installing wasm-bindgen-cli $WB (takes about 2 minutes once)"
  # Not --locked: its lockfile pins a webpki-roots the registry no longer has.
  cargo install --force wasm-bindgen-cli --version "$WB"
fi

# wasm-pack builds the npm package (`make npm`).
if ! has wasm-pack "wasm-pack 0.15.1"; then
  say "installing wasm-pack 0.15.1 (takes about 2 minutes once)"
  cargo install --locked wasm-pack@0.15.1
fi

# 4. npm dev tools: binaryen (wasm-opt 132), playwright-core (drives Debian's chromium) and
#    terser (minifies the JS glue in release builds).
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/terser ]; then
  say "installing npm dev tools (binaryen, playwright-core, terser)"
  if [ -f package-lock.json ]; then
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  else
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error
  fi
fi
