//! One clock for every thread.
//!
//! In the browser each worker's `performance.now()` counts from that
//! worker's own start, so raw readings from two workers cannot be compared.
//! `performance.timeOrigin + performance.now()` puts every thread on the same
//! time line (the page's, in milliseconds since the Unix epoch).

/// Milliseconds on the clock shared by every thread.
#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> f64 {
    js::now_ms()
}

#[cfg(target_arch = "wasm32")]
mod js {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(
        inline_js = "export function now_ms() { return performance.timeOrigin + performance.now(); }"
    )]
    extern "C" {
        pub fn now_ms() -> f64;
    }
}

/// Milliseconds on the clock shared by every thread (natively: since the
/// first reading in this process, on the monotonic clock).
#[cfg(not(target_arch = "wasm32"))]
pub fn now_ms() -> f64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    EPOCH.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}

/// Measures how long `f` takes, in milliseconds.
pub fn time_ms<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let start = now_ms();
    let value = f();
    (value, now_ms() - start)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_clock_never_goes_back_and_is_shared_by_threads() {
        let before = now_ms();
        let inside = std::thread::spawn(now_ms).join().unwrap();
        let after = now_ms();
        assert!(
            before <= inside && inside <= after,
            "{before} {inside} {after}"
        );
    }
}
