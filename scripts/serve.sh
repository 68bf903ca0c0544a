#!/usr/bin/env bash
# Sets up, builds and serves the playground at http://127.0.0.1:8080, with
# the headers that make it cross-origin isolated (see Trunk.toml). trunk
# builds dist/ exactly as scripts/build.sh does (its post-build hook bundles
# the glue, scripts/bundle-glue.sh), and serves that; trunk's flags pass
# through: scripts/serve.sh --port 9000.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
rm -rf "$CARGO_TARGET_DIR/wasm-bindgen"
exec trunk serve --release "$@"
