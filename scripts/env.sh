# Sourced by the other scripts (or by you: `source scripts/env.sh`) to build
# the threaded wasm. See .cargo/config.toml for why each setting is needed.

_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# std rebuilt with atomics. Cargo applies this to native builds too (it
# would rebuild the host's std, slowly), so the scripts drop it for them:
# `native cargo test` below.
export CARGO_UNSTABLE_BUILD_STD="panic_abort,std"
# wasm-opt from npm's binaryen (Debian's is too old for this output), and
# the cargo-installed tools.
export PATH="$_root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# wasm-pack's test runner starts Chromium with only --headless --no-sandbox;
# on a machine without the open internet Chromium also needs to be told not
# to phone home, or it can stall at start.
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$_root/tests/webdriver.json"
# Builds are cached outside the clone, so a fresh clone at the same path
# (as CI makes) starts warm. One cache per checkout path: a wasm built in
# another checkout names that checkout's absolute path, and cargo would
# reuse it here if our files are older, so that wasm-bindgen then fails
# with "failed to read `<other checkout>/package.json`".
_path_key="$(printf '%s' "$_root" | cksum | cut -d' ' -f1)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/concurrency-playground/target-$_path_key}"

# Runs a native cargo command with the prebuilt std.
native() {
    env -u CARGO_UNSTABLE_BUILD_STD "$@"
}
