#!/usr/bin/env bash
# Builds the page into dist/ (release, threads on). Assumes scripts/setup.sh ran.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

# trunk keeps wasm-bindgen's output (snippets included) under the target
# dir; snippets of an older build would be copied into dist/ too.
rm -rf "$CARGO_TARGET_DIR/wasm-bindgen" dist
trunk build --release

# One module for the program's JavaScript: wasm-bindgen's glue imports its
# snippets (worker.js, futex.js, rayon's helper, inline ones) as separate
# modules, and every thread worker loaded all of them: importing the glue was
# half of a cold worker's start (see scripts/bench-workers.mjs). Bundled into
# the glue's own file, the snippets' `import.meta.url` is the glue's, so a
# worker's script is the whole program's JavaScript, loaded once.
glue="$(ls dist/playground-*.js)"
esbuild "$glue" --bundle --format=esm --minify --log-level=warning --allow-overwrite --outfile="$glue"
rm -rf dist/snippets
echo "built dist/: $(du -sh dist | cut -f1)"
