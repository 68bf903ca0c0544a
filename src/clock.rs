//! One clock for every thread.
//!
//! In the browser each worker's `performance.now()` counts from that
//! worker's own start, so raw readings from two workers cannot be compared.
//! `performance.timeOrigin + performance.now()` puts every thread on the same
//! time line (the page's, in milliseconds since the Unix epoch).
//!
//! That is not quite enough: a cross-origin isolated page's timers are
//! coarsened (to 5 µs in Chromium, with jitter, each worker on its own), so
//! a thread that takes a lock just after another let go could read an
//! earlier time than the one the other stamped on its way out, and the
//! timelines would show two holders at once. So a reading is never earlier
//! than the latest reading any thread has taken: if A's stamp happened
//! before B's (through a lock, a notify, any synchronisation), B's stamp is
//! not smaller. The readings stay within one clock tick of the raw ones.

use std::sync::atomic::{AtomicU64, Ordering};

/// The latest reading any thread has taken, as the bits of a positive
/// `f64` (which order as the numbers do).
static LATEST: AtomicU64 = AtomicU64::new(0);

/// Milliseconds on the clock shared by every thread; never earlier than a
/// reading another thread has already taken.
pub fn now_ms() -> f64 {
    let mine = raw_now_ms().to_bits();
    // Many threads read the clock within one of its ticks: then the latest
    // reading is already at least ours, and a load (no write to the one
    // shared word) is all it takes.
    let latest = LATEST.load(Ordering::Acquire);
    if mine <= latest {
        return f64::from_bits(latest);
    }
    let latest = LATEST.fetch_max(mine, Ordering::AcqRel);
    f64::from_bits(mine.max(latest))
}

#[cfg(target_arch = "wasm32")]
fn raw_now_ms() -> f64 {
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

/// Natively: milliseconds since the first reading in this process, on the
/// monotonic clock.
#[cfg(not(target_arch = "wasm32"))]
fn raw_now_ms() -> f64 {
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
