#!/usr/bin/env bash
# Sets up and runs every test of the playground, in order of speed:
# formatting, lints (native and wasm32), native unit tests, loom models,
# the pages' Python, browser tests of the runtime (wasm-pack in headless
# Chromium), then the end-to-end suite over the built page (Playwright + Debian's Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
scripts/setup.sh
source scripts/env.sh

section() { printf '\n=== %s (%ds)\n' "$*" $((SECONDS - started)); }

section "rustfmt"
native cargo fmt --all --check

section "clippy, native"
native cargo clippy --all-targets --locked -- -D warnings

section "clippy, wasm32"
cargo clippy --target wasm32-unknown-unknown --all-targets --locked -- -D warnings

section "native tests"
native cargo test --locked

section "loom models of the primitives"
# Only the primitives build under --cfg loom; a target dir of their own
# keeps the flag from invalidating the other builds.
RUSTFLAGS="--cfg loom" LOOM_MAX_PREEMPTIONS=2 CARGO_TARGET_DIR="$CARGO_TARGET_DIR/loom" \
    native cargo test --locked --release --lib sync::tests::loom

section "the Python shown on the pages runs, and shows what the pages show"
# Runs a script of src/experiments/python, shows its output, and checks
# that the output has a line matching the pattern.
python_says() {
    local pattern="$1" output
    shift
    output="$(python3 "src/experiments/python/$@")"
    echo "$output"
    grep -Eq "$pattern" <<<"$output" || { echo "expected a line matching: $pattern"; return 1; }
}
# The GIL page's two lessons: computing threads take turns (no faster than
# the sequence); waiting threads let go of the GIL and wait at once (k×).
python_says "^threads: .*no faster than the sequence" gil.py 27 2 cpu
python_says "^threads: .*about k×" gil.py 0 2 sleep 100
# The async page's: asyncio.sleep overlaps; a blocking time.sleep adds up.
python_says "^together: .*about the longest" async_await.py 3 0.05 asyncio
python_says "^together: .*about the sum" async_await.py 3 0.05 time
python_says "after a process counted to 1000: 0$" processes.py 22 2
python_says "after a thread counted to 1000: 1000$" processes.py 22 2
python_says "lost updates [1-9]" lock.py 30 2 false
python_says "lost updates 0," lock.py 30 2 true
python_says "release sema" semaphore.py 2 4 50 1
python_says "consumer 2: timed out" condition.py false
python_says "consumer 2: consumed" condition.py true
python_says "closed the consumer" coroutine.py 3
python_says "^async, non-blocking: TV 0.[0-9]+ s, 0 looks, picked up 0.[0-9]+ s after the boil" kettle.py 0.2 0.05
# Polling finds the water late: looks every 0.2 s find a 0.5 s boil at 0.6 s.
python_says "^sync, non-blocking: TV 0.[0-9]+ s, 3 looks, picked up 0.(0[5-9]|1)[0-9]* s after the boil" kettle.py
# With --json each file writes its page's report: docs/report.schema.json
# (made from the report types) must accept it; bad arguments exit 2.
node --test --test-concurrency=1 tests/schema/

section "browser tests of the runtime and primitives (wasm-pack, headless Chromium)"
# A test binary loads and compiles slowly on a busy two-core machine.
export WASM_BINDGEN_TEST_TIMEOUT=60
# The runner's server used to stall a request for minutes now and then
# (setup.sh builds it with that race fixed). Should the browser still never
# start a test binary's page, that case alone is tried again: none of our
# code has run then. Once a binary reports "running N tests", any failure
# is final.
wasm_tests_in() {
    local browser="$1" driver
    case "$browser" in
        chrome) driver=(--chrome --chromedriver "$(command -v chromedriver)") ;;
        firefox) driver=(--firefox --geckodriver "$(command -v geckodriver)") ;;
    esac
    for file in tests/*.rs; do
        binary="$(basename "$file" .rs)"
        for attempt in 1 2 3; do
            log="$(mktemp)"
            if wasm-pack test --headless "${driver[@]}" -- --locked --test "$binary" 2>&1 | tee "$log"; then
                break
            fi
            if grep -Eq "^running [0-9]+ tests?" "$log" || [ "$attempt" = 3 ]; then
                exit 1
            fi
            echo "the browser never started $binary's tests (attempt $attempt); trying again"
        done
    done
}
wasm_tests_in chrome

section "the same browser tests in Firefox ESR (wasm-pack, geckodriver)"
wasm_tests_in firefox

section "build dist/"
scripts/build.sh

section "end-to-end tests (Playwright, Chromium, dist/ served locally)"
E2E_BROWSER=chromium npm run --silent e2e

section "the same end-to-end tests in Firefox ESR (Playwright over WebDriver BiDi)"
E2E_BROWSER=firefox npm run --silent e2e

section "all tests passed"
