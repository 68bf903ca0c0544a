#!/usr/bin/env bash
# trunk's post-build hook (Trunk.toml): makes the program's JavaScript one
# module, in every build trunk makes: `trunk build` (scripts/build.sh) and
# `trunk serve` (scripts/serve.sh) alike, so the page served is the page
# built, tested, measured and deployed.
#
# wasm-bindgen's glue imports its snippets (worker.js, futex.js, rayon's
# helper, inline ones) as separate modules, and every thread worker loaded
# all of them: importing the glue was half of a cold worker's start (see
# scripts/bench-workers.mjs). Bundled into the glue's own file, the
# snippets' `import.meta.url` is the glue's, so a worker's script is the
# whole program's JavaScript, loaded once.
set -euo pipefail
staging="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
glue="$(ls "$staging"/playground-*.js)"
# A warning here has always meant a fault in the glue (wasm-bindgen's duplicate
# import keys once, see src/runtime/env.rs): the build stops on one.
warnings="$(esbuild "$glue" --bundle --format=esm --minify --log-level=warning --allow-overwrite --outfile="$glue" 2>&1)"
if [ -n "$warnings" ]; then
    printf '%s\n' "$warnings" >&2
    echo "bundle-glue.sh: esbuild warned about the glue (above); fix the cause" >&2
    exit 1
fi
rm -rf "$staging/snippets"
