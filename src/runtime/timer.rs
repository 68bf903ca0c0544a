//! Sleeping without blocking: on the page's main thread, a `setTimeout`
//! promise; natively, a plain sleep (native runs use a blocking executor).

use std::time::Duration;

#[cfg(target_arch = "wasm32")]
pub async fn sleep(duration: Duration) {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(
        inline_js = "export function after(ms) { return new Promise((r) => setTimeout(r, ms)); }"
    )]
    extern "C" {
        fn after(ms: f64) -> js_sys::Promise;
    }

    let _ = wasm_bindgen_futures::JsFuture::from(after(duration.as_secs_f64() * 1000.0)).await;
}

#[cfg(not(target_arch = "wasm32"))]
pub async fn sleep(duration: Duration) {
    std::thread::sleep(duration);
}
