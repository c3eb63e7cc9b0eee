#!/usr/bin/env bash
# Builds the engine for <shipshape-playground> (www/embed.js): the npm package's web build
# (crates/shipshape-wasm, wasm-pack --target web) into target/embed/embed/, which Trunk
# copies into dist/embed/. `make dist` and `make serve` run it first.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/embed/embed
rm -rf "$out"
mkdir -p "$out"
# --mode no-install: the wasm-bindgen on PATH (the version in Cargo.lock), never a download.
wasm-pack --quiet build crates/shipshape-wasm --release --mode no-install --target web \
  --out-dir "../../$out" --out-name shipshape --no-pack
rm -f "$out/.gitignore" "$out/package.json" "$out/README.md" "$out"/*.d.ts
