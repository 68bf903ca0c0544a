//! Synchronisation primitives with Python's semantics, built on one small
//! futex layer.
//!
//! Everything that parks a thread goes through [`futex`]: on wasm32 that is
//! `memory.atomic.wait32` / `memory.atomic.notify` on the shared memory, on
//! Linux the futex system call, and under `cfg(loom)` loom's model of a
//! mutex and condition variable. The code above it is the same everywhere,
//! so what runs in the browser is what is tested natively and model-checked.
//!
//! | ours | Python |
//! |---|---|
//! | [`Lock`] | `threading.Lock` |
//! | [`RLock`] | `threading.RLock` |
//! | [`Semaphore`], [`Semaphore::bounded`] | `threading.Semaphore`, `BoundedSemaphore` |
//! | [`Condition`] | `threading.Condition` (an [`RLock`] by default) |
//! | [`Event`] | `threading.Event` |
//! | [`Barrier`] | `threading.Barrier` |
//!
//! Where Python raises, these return a [`SyncError`].
//!
//! **The page's main thread may not block** (browsers trap on it). There, a
//! call that would have to wait returns [`SyncError::WouldBlock`] instead;
//! a call that needs no wait (an uncontended acquire, a non-blocking try, a
//! release, a notify) works as anywhere. The UI never calls them.
//!
//! **Fairness**: none is promised, as in CPython. A thread that releases and
//! at once acquires again may win over a thread that was woken (barging);
//! a woken thread that loses goes back to waiting. What is promised is that
//! no wake-up is lost: a release with a waiter always wakes one, a notify
//! always reaches a thread that was waiting when it was made.
//!
//! **Tracing**: with [`crate::trace::set_enabled`], every primitive records
//! requested / acquired / released / wait / woken / timed out, with the
//! thread's lane and the time on the shared clock, in a per-thread buffer.
//! Off, the cost is one branch.

pub mod atomic;
mod barrier;
mod condition;
mod event;
pub mod futex;
mod lock;
mod raw_mutex;
mod rlock;
mod semaphore;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use barrier::Barrier;
pub use condition::{Condition, ConditionGuard, ConditionLock};
pub use event::Event;
pub use lock::{Lock, LockGuard};
pub use rlock::{RLock, RLockGuard};
pub use semaphore::{Semaphore, SemaphoreGuard};

use std::time::Duration;

/// What Python would raise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncError {
    /// The call would have to wait, on the page's main thread, which may
    /// not block.
    WouldBlock,
    /// `release` of a lock that is not locked (`RuntimeError`).
    NotLocked,
    /// `release` of an RLock this thread does not hold (`RuntimeError`).
    NotOwner,
    /// `wait` or `notify` without holding the condition's lock (`RuntimeError`).
    NotHeld,
    /// A bounded semaphore released past its initial value (`ValueError`).
    TooManyReleases,
    /// The barrier was broken: reset, aborted, or a wait timed out
    /// (`BrokenBarrierError`).
    BrokenBarrier,
    /// Arguments Python refuses (`ValueError`): a timeout on a non-blocking
    /// acquire, a release of zero permits, a barrier of zero parties.
    InvalidArgument(&'static str),
}

impl std::fmt::Display for SyncError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SyncError::WouldBlock => f.write_str(futex::MAIN_THREAD_BLOCK_MESSAGE),
            SyncError::NotLocked => f.write_str("release unlocked lock"),
            SyncError::NotOwner => f.write_str("cannot release un-acquired lock"),
            SyncError::NotHeld => f.write_str("cannot wait or notify on un-acquired lock"),
            SyncError::TooManyReleases => f.write_str("semaphore released too many times"),
            SyncError::BrokenBarrier => f.write_str("the barrier is broken"),
            SyncError::InvalidArgument(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for SyncError {}

/// Milliseconds on the clock every thread shares. Under loom time does not
/// pass (timed waits there report a timeout at once instead).
pub(crate) fn now_ms() -> f64 {
    #[cfg(not(loom))]
    return crate::runtime::clock::now_ms();
    #[cfg(loom)]
    return 0.0;
}

/// When a timed wait must give up.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Deadline(Option<f64>);

impl Deadline {
    /// `None`: wait as long as it takes. (Under loom, where time does not
    /// pass, a timeout is over at once: loom then explores the timeout
    /// firing before each wait.)
    pub(crate) fn after(timeout: Option<Duration>) -> Self {
        #[cfg(loom)]
        let timeout = timeout.map(|_| Duration::ZERO);
        Deadline(timeout.map(|t| now_ms() + t.as_secs_f64() * 1000.0))
    }

    /// What is left to wait: `None` once the deadline has passed,
    /// `Some(None)` with no deadline.
    pub(crate) fn remaining(&self) -> Option<Option<Duration>> {
        match self.0 {
            None => Some(None),
            Some(end) => {
                let left = end - now_ms();
                (left > 0.0).then(|| Some(Duration::from_secs_f64(left / 1000.0)))
            }
        }
    }
}

/// Python's rule: a non-blocking call takes no timeout.
#[inline]
pub(crate) fn check_blocking(blocking: bool, timeout: Option<Duration>) -> Result<(), SyncError> {
    if !blocking && timeout.is_some() {
        Err(SyncError::InvalidArgument(
            "can't specify a timeout for a non-blocking call",
        ))
    } else {
        Ok(())
    }
}

/// A small number that tells this thread from every other (never 0), for
/// [`RLock`]'s owner.
pub(crate) fn thread_id() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    #[cfg(not(loom))]
    std::thread_local! {
        static ID: u32 = NEXT.fetch_add(1, Ordering::Relaxed);
    }
    #[cfg(loom)]
    loom::thread_local! {
        static ID: u32 = NEXT.fetch_add(1, Ordering::Relaxed);
    }
    ID.with(|id| *id)
}

/// A number for each primitive, so that traces can tell them apart.
pub(crate) fn next_primitive_id() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
