#!/usr/bin/env bash
# Builds the page into dist/ (release, threads on). Assumes scripts/setup.sh ran.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

# trunk keeps wasm-bindgen's output (snippets included) under the target
# dir; snippets of an older build would be copied into dist/ too.
rm -rf "$CARGO_TARGET_DIR/wasm-bindgen" dist
trunk build --release
echo "built dist/: $(du -sh dist | cut -f1)"
