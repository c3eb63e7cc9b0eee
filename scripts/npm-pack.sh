#!/usr/bin/env bash
# Builds the npm package `shipshape` (crates/shipshape-wasm) with wasm-pack for Node, for
# bundlers and for plain browsers (`web`), adds the package.json, README and the Debian
# package table, and packs it: target/npm/shipshape-<version>.tgz. Prints the size of the
# package's wasm. `make npm` runs it; tests/npm/run.mjs installs the tarball and calls it.
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/npm
pkg=$out/package
rm -rf "$out"
mkdir -p "$pkg/data"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)

for target in nodejs bundler web; do
  dir=${target/nodejs/node}
  # --mode no-install: the wasm-bindgen on PATH (the version in Cargo.lock), never a download.
  wasm-pack --quiet build crates/shipshape-wasm --release --mode no-install --target "$target" \
    --out-dir "../../$pkg/$dir" --out-name shipshape --no-pack
  rm -f "$pkg/$dir/.gitignore" "$pkg/$dir/package.json" "$pkg/$dir/README.md"
done

sed "s/__VERSION__/$version/" crates/shipshape-wasm/npm/package.json >"$pkg/package.json"
cp crates/shipshape-wasm/npm/README.md "$pkg/README.md"
gzip -9n -c crates/shipshape/data/debian-bookworm.tsv >"$pkg/data/debian-bookworm.tsv.gz"

(cd "$out" && npm pack --silent ./package >/dev/null)
wasm=$pkg/web/shipshape_bg.wasm
printf 'npm: %s: shipshape_bg.wasm %s B (gzip %s B), tarball %s B\n' "$out/shipshape-$version.tgz" \
  "$(wc -c <"$wasm" | tr -d ' ')" "$(gzip -9 -c "$wasm" | wc -c | tr -d ' ')" "$(wc -c <"$out/shipshape-$version.tgz" | tr -d ' ')"
