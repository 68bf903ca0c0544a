#!/usr/bin/env bash
# Builds the page into dist/ (release, threads on). Assumes scripts/setup.sh ran.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

# trunk keeps wasm-bindgen's output (snippets included) under the target
# dir; snippets of an older build would be copied into dist/ too.
rm -rf "$CARGO_TARGET_DIR/wasm-bindgen" dist
trunk build --release

# The glue is bundled into one module by trunk's post-build hook
# (scripts/bundle-glue.sh), in `trunk serve` too.
echo "built dist/: $(du -sh dist | cut -f1)"
