//! What this browser (or machine) offers: the `env` of every report, and the
//! capabilities strip.

use serde::Serialize;

/// The environment a report was measured in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Env {
    /// The page is cross-origin isolated (COOP + COEP), which shared memory needs.
    pub cross_origin_isolated: bool,
    /// Logical processors the browser reports (`navigator.hardwareConcurrency`).
    pub hardware_concurrency: u32,
}

/// What the capabilities strip shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capabilities {
    pub env: Env,
    /// `SharedArrayBuffer` exists (only on isolated pages).
    pub shared_array_buffer: bool,
    /// The page was served over a secure context (service workers need one).
    pub secure_context: bool,
    /// Service workers can be registered here.
    pub service_worker: bool,
}

#[cfg(target_arch = "wasm32")]
mod js {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(inline_js = r#"
export function isolated() { return globalThis.crossOriginIsolated === true; }
export function sab() { return typeof SharedArrayBuffer === 'function'; }
export function cores() { return (globalThis.navigator && navigator.hardwareConcurrency) || 1; }
export function secure() { return globalThis.isSecureContext === true; }
export function sw() { return !!(globalThis.navigator && 'serviceWorker' in navigator); }
"#)]
    extern "C" {
        pub fn isolated() -> bool;
        pub fn sab() -> bool;
        pub fn cores() -> u32;
        pub fn secure() -> bool;
        pub fn sw() -> bool;
    }
}

#[cfg(target_arch = "wasm32")]
pub fn env() -> Env {
    Env {
        cross_origin_isolated: js::isolated(),
        hardware_concurrency: js::cores().max(1),
    }
}

#[cfg(target_arch = "wasm32")]
pub fn capabilities() -> Capabilities {
    Capabilities {
        env: env(),
        shared_array_buffer: js::sab(),
        secure_context: js::secure(),
        service_worker: js::sw(),
    }
}

/// Natively there is no page: isolation does not apply.
#[cfg(not(target_arch = "wasm32"))]
pub fn env() -> Env {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    Env {
        cross_origin_isolated: false,
        hardware_concurrency: cores as u32,
    }
}
