//! Data parallelism: the rayon pool.
//!
//! In the browser the pool's threads are wasm-bindgen-rayon's workers on the
//! shared memory. Rayon must never be entered from the page's main thread:
//! its blocking joins would spin there (measured: no speedup at all), and
//! its sleeping workers are woken under a std mutex, which traps on the main
//! thread when contended. So work goes through [`install`], which runs it on
//! one of our threads, and the main thread awaits that thread.

use crate::runtime::threads::{self, JoinHandle, SpawnError};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

static POOL_THREADS: AtomicUsize = AtomicUsize::new(0);
/// Set once [`init`] has finished, whether the pool started or not.
static INIT_FINISHED: AtomicBool = AtomicBool::new(false);

/// Starts the rayon pool with `threads` workers (host only, once).
#[cfg(target_arch = "wasm32")]
pub async fn init(threads: usize) -> Result<(), String> {
    if POOL_THREADS.load(Ordering::SeqCst) > 0 {
        return Ok(());
    }
    let promise = wasm_bindgen_rayon::init_thread_pool(threads.max(1));
    let started = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(|_| POOL_THREADS.store(threads.max(1), Ordering::SeqCst))
        .map_err(|e| format!("{e:?}"));
    INIT_FINISHED.store(true, Ordering::SeqCst);
    started
}

/// Natively rayon starts its own global pool on first use.
#[cfg(not(target_arch = "wasm32"))]
pub async fn init(_threads: usize) -> Result<(), String> {
    POOL_THREADS.store(rayon::current_num_threads(), Ordering::SeqCst);
    INIT_FINISHED.store(true, Ordering::SeqCst);
    Ok(())
}

/// Whether [`init`] has finished (the pool started, or failed to).
pub fn init_finished() -> bool {
    INIT_FINISHED.load(Ordering::SeqCst)
}

/// Threads in the rayon pool; 0 until [`init`] finished.
pub fn pool_threads() -> usize {
    POOL_THREADS.load(Ordering::SeqCst)
}

/// Runs `f`, which may use rayon, on a thread of ours; join the handle.
pub fn install<T, F>(f: F) -> Result<JoinHandle<T>, SpawnError>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    if pool_threads() == 0 {
        return Err(SpawnError::Unavailable(
            "the rayon pool is not started".into(),
        ));
    }
    threads::spawn(f)
}
