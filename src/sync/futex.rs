//! A futex: park the calling thread while a 32-bit word holds an expected
//! value, and wake threads parked on a word.
//!
//! Three back ends, one contract:
//! - wasm32: `memory.atomic.wait32` / `memory.atomic.notify` on the shared
//!   `WebAssembly.Memory`, so threads in different web workers park and wake
//!   each other directly, with no message passing.
//! - native: the Linux futex system call, or, on other systems, a small table
//!   of mutex + condition variable buckets with the same contract.
//! - `cfg(loom)`: a model with per-word queues, counted wakes and timeouts
//!   that may fire at any moment, so that loom explores every order of
//!   waits, wakes and timeouts.
//!
//! The contract (what the primitives above may rely on):
//! - `wait` returns at once with [`WaitOutcome::ValueChanged`] if the word is
//!   not `expected`; the check and the parking are atomic with respect to
//!   `wake*`, so a wake that follows a change of the word is never lost.
//! - `wait` may return [`WaitOutcome::Woken`] spuriously: callers loop.
//! - `wake(word, n)` wakes at most `n` waiters, oldest first; in the browser
//!   the page's async waits on the word ([`wait_async`]) count among them.
//!   So an async wait must never outlive its interest in the word: a stale
//!   one would take a wake meant for a thread. Dropping a [`wait_async`]
//!   future ends its wait (it wakes the word's waiters, a spurious wake-up
//!   they tolerate), so a dropped future leaves nothing behind.
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
pub use imp::{wait_async, WaitAsync};

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
        /// `{ promise, cancel() }`: a wait on a word, and how to end it early.
        type AsyncWaiter;
        #[wasm_bindgen(js_name = waitAsync)]
        fn wait_async_js(
            memory: &JsValue,
            byte_offset: u32,
            expected: i32,
            timeout_ms: f64,
        ) -> AsyncWaiter;
        #[wasm_bindgen(method, getter)]
        fn promise(this: &AsyncWaiter) -> js_sys::Promise;
        #[wasm_bindgen(method)]
        fn cancel(this: &AsyncWaiter);
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

    /// Wakes up to `count` waiters parked on `word` (threads, and the
    /// page's async waits); returns how many it woke.
    pub fn wake(word: &AtomicU32, count: u32) -> u32 {
        // SAFETY: as in `wait`, the pointer is a live, aligned word of the
        // shared memory; notify never blocks and is allowed on every thread.
        unsafe { wasm32::memory_atomic_notify(word.as_ptr().cast::<i32>(), count) }
    }

    /// Waits without blocking the thread: the future resolves when the word
    /// is woken (JS `Atomics.waitAsync`, which `memory.atomic.notify` wakes),
    /// changes, or the timeout passes. This is how the page's main thread
    /// waits for workers. The wait starts at the first poll; dropping the
    /// future before it resolves ends the wait (see the module's contract).
    pub fn wait_async(word: &AtomicU32, expected: u32, timeout: Option<Duration>) -> WaitAsync<'_> {
        WaitAsync {
            word,
            expected,
            timeout,
            pending: None,
        }
    }

    /// The future of [`wait_async`].
    #[must_use = "the wait starts when the future is polled"]
    pub struct WaitAsync<'a> {
        /// Borrowed for as long as the JS wait may be registered on it: the
        /// word outlives the wait, and the drop ends the wait.
        word: &'a AtomicU32,
        expected: u32,
        timeout: Option<Duration>,
        pending: Option<(AsyncWaiter, wasm_bindgen_futures::JsFuture)>,
    }

    impl std::future::Future for WaitAsync<'_> {
        type Output = WaitOutcome;

        fn poll(
            mut self: std::pin::Pin<&mut Self>,
            cx: &mut std::task::Context<'_>,
        ) -> std::task::Poll<WaitOutcome> {
            let this = &mut *self;
            let (_, promise) = this.pending.get_or_insert_with(|| {
                let timeout_ms = this
                    .timeout
                    .map_or(f64::INFINITY, |d| d.as_secs_f64() * 1000.0);
                let offset = this.word.as_ptr() as usize as u32;
                let waiter = wait_async_js(
                    &wasm_bindgen::memory(),
                    offset,
                    this.expected as i32,
                    timeout_ms,
                );
                let promise = wasm_bindgen_futures::JsFuture::from(waiter.promise());
                (waiter, promise)
            });
            let outcome = std::task::ready!(std::pin::Pin::new(promise).poll(cx));
            this.pending = None;
            std::task::Poll::Ready(
                match outcome
                    .ok()
                    .and_then(|v| v.dyn_into::<js_sys::JsString>().ok())
                {
                    Some(s) if s == "not-equal" => WaitOutcome::ValueChanged,
                    Some(s) if s == "timed-out" => WaitOutcome::TimedOut,
                    _ => WaitOutcome::Woken,
                },
            )
        }
    }

    impl Drop for WaitAsync<'_> {
        fn drop(&mut self) {
            // Dropped while waiting (a `select` went the other way): end the
            // JS wait now, while the word is still ours to wake.
            if let Some((waiter, _)) = self.pending.take() {
                waiter.cancel();
            }
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

    /// Wakes up to `count` threads parked on `word`; returns how many.
    pub fn wake(word: &AtomicU32, count: u32) -> u32 {
        let count = i32::try_from(count).unwrap_or(i32::MAX);
        // SAFETY: FUTEX_WAKE only uses the address as a key to find waiters;
        // it comes from a live `&AtomicU32`.
        let woken = unsafe {
            libc::syscall(
                libc::SYS_futex,
                word.as_ptr(),
                libc::FUTEX_WAKE | libc::FUTEX_PRIVATE_FLAG,
                count,
            )
        };
        u32::try_from(woken).unwrap_or(0)
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
    /// a bucket, and every waiter re-checks its own word). How many is not
    /// known here: returns 0.
    pub fn wake(word: &AtomicU32, _count: u32) -> u32 {
        let b = bucket(word);
        let _guard = b.lock.lock().unwrap_or_else(|e| e.into_inner());
        b.cond.notify_all();
        0
    }
}

#[cfg(loom)]
mod imp {
    //! Under loom: a model of the futex with the real contract, so that the
    //! models catch what the browser would do.
    //!
    //! - Waiters queue per word, in order, and `wake(word, n)` wakes the
    //!   first `n` of that word's waiters only (a model that woke everyone
    //!   would pass a `wake_one` that should have been a `wake_all`).
    //! - A timed wait parks too, and its timeout is a wake that may come at
    //!   any moment: the waiter yields, and loom runs the other threads for
    //!   as long as it likes before the timeout fires, unless a wake came
    //!   first. So loom explores a notify landing before, during and after
    //!   a timed wait.
    use super::{AtomicU32, Duration, WaitOutcome};
    use loom::sync::atomic::Ordering;
    use loom::sync::{Condvar, Mutex};

    struct Waiter {
        word: usize,
        ticket: u64,
        woken: bool,
    }

    #[derive(Default)]
    struct Queue {
        waiters: Vec<Waiter>,
        next_ticket: u64,
    }

    loom::lazy_static! {
        static ref PARK: (Mutex<Queue>, Condvar) = (Mutex::new(Queue::default()), Condvar::new());
    }

    pub fn can_block() -> bool {
        true
    }

    fn address(word: &AtomicU32) -> usize {
        word as *const AtomicU32 as usize
    }

    pub fn wait(word: &AtomicU32, expected: u32, timeout: Option<Duration>) -> WaitOutcome {
        let mut queue = PARK.0.lock().unwrap();
        if word.load(Ordering::SeqCst) != expected {
            return WaitOutcome::ValueChanged;
        }
        let ticket = queue.next_ticket;
        queue.next_ticket += 1;
        queue.waiters.push(Waiter {
            word: address(word),
            ticket,
            woken: false,
        });
        let position = |queue: &Queue| queue.waiters.iter().position(|w| w.ticket == ticket);
        if timeout.is_some() {
            // Parked until the timeout: let the others run first.
            drop(queue);
            loom::thread::yield_now();
            queue = PARK.0.lock().unwrap();
        } else {
            while !queue.waiters[position(&queue).expect("queued")].woken {
                queue = PARK.1.wait(queue).unwrap();
            }
        }
        let at = position(&queue).expect("queued");
        let me = queue.waiters.remove(at);
        if me.woken {
            WaitOutcome::Woken
        } else {
            WaitOutcome::TimedOut
        }
    }

    /// Wakes the first `count` threads parked on `word`; returns how many.
    pub fn wake(word: &AtomicU32, count: u32) -> u32 {
        let mut queue = PARK.0.lock().unwrap();
        let mut woken = 0;
        for waiter in queue.waiters.iter_mut() {
            if woken == count {
                break;
            }
            if waiter.word == address(word) && !waiter.woken {
                waiter.woken = true;
                woken += 1;
            }
        }
        if woken > 0 {
            PARK.1.notify_all();
        }
        woken
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
