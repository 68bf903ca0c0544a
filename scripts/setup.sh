#!/usr/bin/env bash
# Installs what the playground needs to build, serve and test, skipping
# whatever is already there at the right version. Safe to run again.
#
# Nothing here downloads a prebuilt binary from outside the package
# registries (crates.io, npm, Debian): tools are compiled with `cargo
# install` (geckodriver too), the browsers and ChromeDriver come from Debian,
# wasm-opt from npm.
#
# `scripts/setup.sh --build-only` installs only what scripts/build.sh needs
# (the toolchain, trunk, wasm-bindgen, the npm tools): what the GitHub Pages
# workflow (.github/workflows/pages.yml) runs, on a machine with no browser.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

BUILD_ONLY=false
case "${1:-}" in
    --build-only) BUILD_ONLY=true ;;
    "") ;;
    *) echo "usage: scripts/setup.sh [--build-only]" >&2; exit 2 ;;
esac

TOOLCHAIN="$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)"
TRUNK_VERSION="0.22.1"
WASM_PACK_VERSION="0.15.1"
GECKODRIVER_VERSION="0.37.1"
# wasm-bindgen-cli must be exactly the wasm-bindgen in Cargo.lock.
WASM_BINDGEN_VERSION="$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')"

step() { printf '\n== setup: %s\n' "$*"; }
have_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q "$2"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

step "Rust toolchain $TOOLCHAIN (rust-src, wasm32-unknown-unknown)"
if rustup toolchain list | grep -q "^$TOOLCHAIN"; then
    echo "present"
else
    rustup toolchain install "$TOOLCHAIN" --profile minimal \
        --component rust-src,rustfmt,clippy --target wasm32-unknown-unknown
fi

if ! $BUILD_ONLY; then
    step "Chromium and ChromeDriver (Debian)"
    if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
        echo "present: $(chromium --version 2>/dev/null | head -1)"
    else
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
    fi

    # The pages are half in Chinese; without a CJK font the headless browsers
    # (and the screenshots in docs/) show boxes.
    step "a Chinese font (Debian's fonts-wqy-microhei)"
    if fc-list :lang=zh 2>/dev/null | grep -q .; then
        echo "present"
    else
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei fontconfig
    fi

    step "Firefox ESR (Debian)"
    if command -v firefox-esr >/dev/null; then
        echo "present: $(firefox-esr --version 2>/dev/null | head -1)"
    else
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr
    fi

    step "Python 3 (runs the Python the pages show)"
    if command -v python3 >/dev/null; then
        echo "present: $(python3 --version)"
    else
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3
    fi

    # Safari's engine: Debian's WebKitGTK, its WebDriver and MiniBrowser, and a
    # virtual display for it (it has no headless mode).
    step "WebKitGTK's WebDriver and MiniBrowser, Xvfb (Debian)"
    if command -v WebKitWebDriver >/dev/null && command -v xvfb-run >/dev/null && command -v xauth >/dev/null; then
        echo "present: $(dpkg-query -W -f '${Version}' webkit2gtk-driver 2>/dev/null)"
    else
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq webkit2gtk-driver xvfb xauth
    fi
fi

# These tools do little work here (a few small files per build), so they
# are compiled for compile speed, not run speed: trunk's own release profile
# (fat LTO, one codegen unit) takes over 12 minutes on two cores; at
# opt-level 0 it takes about 6. wasm-bindgen-cli reads every test binary,
# so it keeps some optimisation.
fast_install() {
    local opt_level="$1"
    shift
    CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt_level" CARGO_PROFILE_RELEASE_LTO=off \
        CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256 CARGO_PROFILE_RELEASE_DEBUG=0 \
        CARGO_TARGET_DIR="$HOME/.cache/concurrency-playground/tools-target" \
        native cargo "+$TOOLCHAIN" install "$@"
}

step "trunk $TRUNK_VERSION"
if have_version trunk "$TRUNK_VERSION"; then echo "present"; else
    fast_install 0 --locked trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen-test-runner serves the test page with tiny_http 0.12, whose
# connection pool can leave a new connection queued with no thread to serve
# it when several arrive at once (the page's modules, or 100 workers'
# scripts): the request then stalls until a keep-alive connection closes,
# minutes later, and the test hangs at "Loading scripts..." or mid-test.
# We build the runner with that one race fixed (scripts/tiny_http-task-pool.patch).
TINY_HTTP_VERSION="0.12.0"
RUNNER_STAMP="$HOME/.cache/concurrency-playground/wasm-bindgen-$WASM_BINDGEN_VERSION-tiny_http-fixed"
step "wasm-bindgen-cli $WASM_BINDGEN_VERSION (its test server's connection pool fixed)"
if have_version wasm-bindgen "$WASM_BINDGEN_VERSION" && [ -f "$RUNNER_STAMP" ]; then echo "present"; else
    fixed="$HOME/.cache/concurrency-playground/tiny_http-$TINY_HTTP_VERSION-fixed"
    fetch="$HOME/.cache/concurrency-playground/tiny_http-fetch"
    mkdir -p "$fetch/src"
    printf '[package]\nname = "fetch"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\ntiny_http = "=%s"\n' \
        "$TINY_HTTP_VERSION" >"$fetch/Cargo.toml"
    touch "$fetch/src/lib.rs"
    native cargo "+$TOOLCHAIN" fetch --manifest-path "$fetch/Cargo.toml" --quiet
    source_dir="$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/tiny_http-"$TINY_HTTP_VERSION" | head -1)"
    rm -rf "$fixed"
    cp -r "$source_dir" "$fixed"
    (cd "$fixed" && git apply "$OLDPWD/scripts/tiny_http-task-pool.patch")
    # Not --locked: its lockfile pins a webpki-roots the index lacks.
    fast_install 1 wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force \
        --config "patch.crates-io.tiny_http.path='$fixed'"
    touch "$RUNNER_STAMP"
fi

if ! $BUILD_ONLY; then
    step "wasm-pack $WASM_PACK_VERSION"
    if have_version wasm-pack "$WASM_PACK_VERSION"; then echo "present"; else
        fast_install 0 --locked wasm-pack --version "$WASM_PACK_VERSION"
    fi

    # wasm-pack drives Firefox through geckodriver; crates.io has it.
    step "geckodriver $GECKODRIVER_VERSION"
    if have_version geckodriver "$GECKODRIVER_VERSION"; then echo "present"; else
        fast_install 0 --locked geckodriver --version "$GECKODRIVER_VERSION"
    fi
fi

step "npm packages (binaryen's wasm-opt, esbuild, playwright-core, axe-core)"
if [ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/esbuild ] && [ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] \
    && [ node_modules/.package-lock.json -nt package-lock.json ]; then
    echo "present"
else
    # playwright-core never downloads a browser; we use Debian's Chromium
    # and Firefox ESR.
    npm ci --no-audit --no-fund
fi

step "crates (the project's, and std's for the wasm build)"
# trunk builds offline (Trunk.toml), and a wasm build rebuilds std
# (CARGO_UNSTABLE_BUILD_STD, scripts/env.sh), whose crates cargo fetches
# only when asked with it set: without this a fresh machine's first build
# fails with "no matching package named `wasip1`".
cargo fetch --locked --target wasm32-unknown-unknown --quiet
native cargo fetch --locked --quiet

step "done"
