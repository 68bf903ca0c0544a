#!/usr/bin/env bash
# Sets up, builds and serves the playground at http://127.0.0.1:8080, with
# the headers that make it cross-origin isolated (see Trunk.toml).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
rm -rf "$CARGO_TARGET_DIR/wasm-bindgen"
exec trunk serve --release "$@"
