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
# Builds are cached outside the clone, so a fresh clone on the same machine
# (as CI makes) starts warm.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/concurrency-playground/target}"

# Runs a native cargo command with the prebuilt std.
native() {
    env -u CARGO_UNSTABLE_BUILD_STD "$@"
}
