#!/usr/bin/env bash
# Prints the size of the release bundle in dist/ (the app's .wasm and its JS glue, raw and
# gzip -9) and fails when the gzipped total is over the budget. Run after `make dist`.
set -euo pipefail

BUDGET=${BUNDLE_BUDGET:-400000} # bytes, gzip -9 of the .wasm + the .js

cd "$(dirname "$0")/.."
DIST=${DIST:-dist}

shopt -s nullglob
wasm=("$DIST"/shipshape-app*_bg.wasm)
js=("$DIST"/shipshape-app*.js)
if [ ${#wasm[@]} -ne 1 ] || [ ${#js[@]} -ne 1 ]; then
  echo "bundle: expected one shipshape-app .wasm and one .js in $DIST/ (run \`make dist\`)" >&2
  exit 1
fi

# 1234567 -> 1,234,567
commas() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }
# shipshape-app-0123456789abcdef_bg.wasm -> shipshape-app_bg.wasm
name() { basename "$1" | sed 's/-[0-9a-f]\{16\}//'; }
raw() { wc -c <"$1" | tr -d ' '; }
gz() { gzip -9 -c "$1" | wc -c | tr -d ' '; }

wasm_raw=$(raw "${wasm[0]}") wasm_gz=$(gz "${wasm[0]}")
js_raw=$(raw "${js[0]}") js_gz=$(gz "${js[0]}")
total=$((wasm_gz + js_gz))

printf 'bundle: %s %s B (gzip %s B) + %s %s B (gzip %s B) = %s B gzipped (budget %s B)\n' \
  "$(name "${wasm[0]}")" "$(commas "$wasm_raw")" "$(commas "$wasm_gz")" \
  "$(name "${js[0]}")" "$(commas "$js_raw")" "$(commas "$js_gz")" \
  "$(commas "$total")" "$(commas "$BUDGET")"

if [ "$total" -gt "$BUDGET" ]; then
  echo "bundle: over budget by $(commas $((total - BUDGET))) B" >&2
  exit 1
fi
