//! A futex: park the calling thread while a 32-bit word holds an expected
//! value, and wake threads parked on a word.
//!
//! Three back ends, one contract:
//! - wasm32: `memory.atomic.wait32` / `memory.atomic.notify` on the shared
//!   `WebAssembly.Memory`, so threads in different web workers park and wake
//!   each other directly, with no message passing.
//! - native: the Linux futex system call, or, on other systems, a small table
//!   of mutex + condition variable buckets with the same contract.
//! - `cfg(loom)`: one loom mutex + condition variable, so that loom explores
//!   every order of waits and wakes.
//!
//! The contract (what the primitives above may rely on):
//! - `wait` returns at once with [`WaitOutcome::ValueChanged`] if the word is
//!   not `expected`; the check and the parking are atomic with respect to
//!   `wake*`, so a wake that follows a change of the word is never lost.
//! - `wait` may return [`WaitOutcome::Woken`] spuriously: callers loop.
//! - A page's main thread may not block (browsers trap on it): `wait` there
//!   is a bug in the caller, reported by a panic with a clear message.
//!   Callers check [`can_block`] first.

use super::atomic::AtomicU32;
use std::time::Duration;

/// How a [`wait`] ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitOutcome {
    /// Woken by `wake*` (or spuriously): look at the word again.
    Woken,
    /// The word did not hold the expected value: nothing was waited for.
    ValueChanged,
    /// The timeout passed first.
    TimedOut,
}

pub use imp::{can_block, wait, wake};

#[cfg(all(target_arch = "wasm32", not(loom)))]
pub use imp::wait_async;

/// Wakes one thread parked on `word`.
pub fn wake_one(word: &AtomicU32) {
    wake(word, 1);
}

/// Wakes every thread parked on `word`.
pub fn wake_all(word: &AtomicU32) {
    wake(word, u32::MAX);
}

/// Natively the async wait blocks the polling thread: native runs drive
/// their futures with a blocking executor, so nothing else needs it.
#[cfg(all(not(target_arch = "wasm32"), not(loom)))]
pub async fn wait_async(word: &AtomicU32, expected: u32, timeout: Option<Duration>) -> WaitOutcome {
    wait(word, expected, timeout)
}

/// The message for blocking where a browser forbids it.
pub const MAIN_THREAD_BLOCK_MESSAGE: &str =
    "blocking is not allowed on the page's main thread: run this in a thread (web worker)";

#[cfg(all(target_arch = "wasm32", not(loom)))]
mod imp {
    use super::{AtomicU32, Duration, WaitOutcome, MAIN_THREAD_BLOCK_MESSAGE};
    use core::arch::wasm32;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    #[wasm_bindgen(module = "/src/sync/futex.js")]
    extern "C" {
        #[wasm_bindgen(js_name = mayBlock)]
        fn may_block() -> bool;
        #[wasm_bindgen(js_name = waitAsync)]
        fn wait_async_js(
            memory: &JsValue,
            byte_offset: u32,
            expected: i32,
            timeout_ms: f64,
        ) -> js_sys::Promise;
    }

    thread_local! {
        static CAN_BLOCK: bool = may_block();
    }

    /// Whether this thread may park: false on the page's main thread.
    pub fn can_block() -> bool {
        CAN_BLOCK.with(|b| *b)
    }

    pub fn wait(word: &AtomicU32, expected: u32, timeout: Option<Duration>) -> WaitOutcome {
        assert!(can_block(), "{MAIN_THREAD_BLOCK_MESSAGE}");
        let timeout_ns = timeout.map_or(-1, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
        // SAFETY: the pointer comes from a live `&AtomicU32`, so it is aligned
        // and inside the shared memory for the whole call; the instruction only
        // reads the word atomically. We checked above that this thread may
        // block, which is the instruction's other precondition (it traps on a
        // browser's main thread).
        let code = unsafe {
            wasm32::memory_atomic_wait32(word.as_ptr().cast::<i32>(), expected as i32, timeout_ns)
        };
        match code {
            0 => WaitOutcome::Woken,
            1 => WaitOutcome::ValueChanged,
            _ => WaitOutcome::TimedOut,
        }
    }

    /// Wakes up to `count` threads parked on `word`.
    pub fn wake(word: &AtomicU32, count: u32) {
        // SAFETY: as in `wait`, the pointer is a live, aligned word of the
        // shared memory; notify never blocks and is allowed on every thread.
        unsafe {
            wasm32::memory_atomic_notify(word.as_ptr().cast::<i32>(), count);
        }
    }

    /// Waits without blocking the thread: the future resolves when the word
    /// is woken (JS `Atomics.waitAsync`, which `memory.atomic.notify` wakes),
    /// changes, or the timeout passes. This is how the page's main thread
    /// waits for workers.
    pub async fn wait_async(
        word: &AtomicU32,
        expected: u32,
        timeout: Option<Duration>,
    ) -> WaitOutcome {
        let timeout_ms = timeout.map_or(f64::INFINITY, |d| d.as_secs_f64() * 1000.0);
        let offset = word.as_ptr() as usize as u32;
        let promise = wait_async_js(&wasm_bindgen::memory(), offset, expected as i32, timeout_ms);
        let outcome = wasm_bindgen_futures::JsFuture::from(promise).await;
        match outcome
            .ok()
            .and_then(|v| v.dyn_into::<js_sys::JsString>().ok())
        {
            Some(s) if s == "not-equal" => WaitOutcome::ValueChanged,
            Some(s) if s == "timed-out" => WaitOutcome::TimedOut,
            _ => WaitOutcome::Woken,
        }
    }
}

#[cfg(all(target_os = "linux", not(target_arch = "wasm32"), not(loom)))]
mod imp {
    use super::{AtomicU32, Duration, WaitOutcome};

    /// Native threads may always block.
    pub fn can_block() -> bool {
        true
    }

    pub fn wait(word: &AtomicU32, expected: u32, timeout: Option<Duration>) -> WaitOutcome {
        let spec = timeout.map(|d| libc::timespec {
            tv_sec: libc::time_t::try_from(d.as_secs()).unwrap_or(libc::time_t::MAX),
            tv_nsec: d.subsec_nanos().into(),
        });
        let spec_ptr = spec
            .as_ref()
            .map_or(std::ptr::null(), |s| s as *const libc::timespec);
        // SAFETY: FUTEX_WAIT reads the word at a valid, aligned address (from a
        // live `&AtomicU32`) and, if given, a timespec that lives on this stack
        // frame until the call returns. It does not write to either.
        let rc = unsafe {
            libc::syscall(
                libc::SYS_futex,
                word.as_ptr(),
                libc::FUTEX_WAIT | libc::FUTEX_PRIVATE_FLAG,
                expected,
                spec_ptr,
            )
        };
        if rc == 0 {
            return WaitOutcome::Woken;
        }
        match std::io::Error::last_os_error().raw_os_error() {
            Some(libc::EAGAIN) => WaitOutcome::ValueChanged,
            Some(libc::ETIMEDOUT) => WaitOutcome::TimedOut,
            // EINTR: a signal; callers treat it as a spurious wake-up.
            _ => WaitOutcome::Woken,
        }
    }

    /// Wakes up to `count` threads parked on `word`.
    pub fn wake(word: &AtomicU32, count: u32) {
        let count = i32::try_from(count).unwrap_or(i32::MAX);
        // SAFETY: FUTEX_WAKE only uses the address as a key to find waiters;
        // it comes from a live `&AtomicU32`.
        unsafe {
            libc::syscall(
                libc::SYS_futex,
                word.as_ptr(),
                libc::FUTEX_WAKE | libc::FUTEX_PRIVATE_FLAG,
                count,
            );
        }
    }
}

#[cfg(all(not(target_os = "linux"), not(target_arch = "wasm32"), not(loom)))]
mod imp {
    //! Other native systems: a futex emulated with a fixed table of mutex +
    //! condition variable buckets, keyed by the word's address.
    use super::{AtomicU32, Duration, WaitOutcome};
    use std::sync::atomic::Ordering;
    use std::sync::{Condvar, Mutex};

    struct Bucket {
        lock: Mutex<()>,
        cond: Condvar,
    }

    #[allow(clippy::declare_interior_mutable_const)]
    const EMPTY: Bucket = Bucket {
        lock: Mutex::new(()),
        cond: Condvar::new(),
    };
    static BUCKETS: [Bucket; 64] = [EMPTY; 64];

    fn bucket(word: &AtomicU32) -> &'static Bucket {
        &BUCKETS[(word.as_ptr() as usize >> 2) % BUCKETS.len()]
    }

    pub fn can_block() -> bool {
        true
    }

    pub fn wait(word: &AtomicU32, expected: u32, timeout: Option<Duration>) -> WaitOutcome {
        let b = bucket(word);
        let guard = b.lock.lock().unwrap_or_else(|e| e.into_inner());
        // Checked under the bucket lock, which every wake takes: no lost wake.
        if word.load(Ordering::SeqCst) != expected {
            return WaitOutcome::ValueChanged;
        }
        match timeout {
            None => {
                drop(b.cond.wait(guard).unwrap_or_else(|e| e.into_inner()));
                WaitOutcome::Woken
            }
            Some(d) => {
                let (_, r) = b
                    .cond
                    .wait_timeout(guard, d)
                    .unwrap_or_else(|e| e.into_inner());
                if r.timed_out() {
                    WaitOutcome::TimedOut
                } else {
                    WaitOutcome::Woken
                }
            }
        }
    }

    /// Wakes the threads parked on `word` (all of them: several words share
    /// a bucket, and every waiter re-checks its own word).
    pub fn wake(word: &AtomicU32, _count: u32) {
        let b = bucket(word);
        let _guard = b.lock.lock().unwrap_or_else(|e| e.into_inner());
        b.cond.notify_all();
    }
}

#[cfg(loom)]
mod imp {
    //! Under loom: one mutex + condition variable for every word. Time does
    //! not pass in a model, so a timed wait whose word is unchanged reports
    //! `TimedOut` at once: loom then explores the timeout firing at every
    //! point where it could.
    use super::{AtomicU32, Duration, WaitOutcome};
    use loom::sync::atomic::Ordering;
    use loom::sync::{Condvar, Mutex};

    loom::lazy_static! {
        static ref PARK: (Mutex<()>, Condvar) = (Mutex::new(()), Condvar::new());
    }

    pub fn can_block() -> bool {
        true
    }

    pub fn wait(word: &AtomicU32, expected: u32, timeout: Option<Duration>) -> WaitOutcome {
        let guard = PARK.0.lock().unwrap();
        if word.load(Ordering::SeqCst) != expected {
            return WaitOutcome::ValueChanged;
        }
        if timeout.is_some() {
            return WaitOutcome::TimedOut;
        }
        drop(PARK.1.wait(guard).unwrap());
        WaitOutcome::Woken
    }

    /// One condition variable serves every word, so a targeted wake could
    /// reach the wrong waiter: wake all; each re-checks its own word.
    pub fn wake(_word: &AtomicU32, _count: u32) {
        let _guard = PARK.0.lock().unwrap();
        PARK.1.notify_all();
    }
}

#[cfg(all(test, not(loom), not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use std::sync::atomic::Ordering;
    use std::sync::Arc;

    #[test]
    fn wait_returns_at_once_when_the_word_differs() {
        let word = AtomicU32::new(1);
        assert_eq!(wait(&word, 0, None), WaitOutcome::ValueChanged);
    }

    #[test]
    fn wait_times_out_when_nobody_wakes() {
        let word = AtomicU32::new(0);
        let outcome = wait(&word, 0, Some(Duration::from_millis(5)));
        assert_eq!(outcome, WaitOutcome::TimedOut);
    }

    #[test]
    fn wake_one_releases_a_parked_thread() {
        let word = Arc::new(AtomicU32::new(0));
        let parked = {
            let word = word.clone();
            std::thread::spawn(move || {
                while word.load(Ordering::SeqCst) == 0 {
                    wait(&word, 0, None);
                }
            })
        };
        std::thread::sleep(Duration::from_millis(10));
        word.store(1, Ordering::SeqCst);
        wake_one(&word);
        parked.join().unwrap();
    }
}
