#!/usr/bin/env bash
# Measures our Lock and Condition, and fib (the pages' work), natively and
# in headless Chromium, in one run, and prints the figures side by side;
# then the pages' speedups beside the machine's own, and how soon Cancel
# ends a run; where a cold worker's start goes; and a visitor's first
# seconds on the lock page, beside CPython; the GIL and lock pages in
# Chromium and Firefox side by side; the engines' own costs and the lock
# page in Chromium, Firefox and WebKitGTK side by side; and the first visit
# served by scripts/serve.sh against dist/, and with blank workers started
# by boot.js and without. Not a test: it asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh > /dev/null
source scripts/env.sh
native cargo run --quiet --release --example sync_bench > "${TMPDIR:-/tmp}/sync-bench-native.json"
scripts/build.sh > /dev/null
node scripts/bench-sync.mjs "${TMPDIR:-/tmp}/sync-bench-native.json"
node scripts/bench-pages.mjs
node scripts/bench-workers.mjs
node scripts/bench-first-run.mjs
node scripts/bench-browsers.mjs
# WebKitGTK needs a display.
xvfb-run -a node scripts/bench-engines.mjs
node scripts/bench-served.mjs
node scripts/bench-blank-workers.mjs
E2E_BROWSER=firefox node scripts/bench-blank-workers.mjs
