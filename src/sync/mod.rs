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
//! **Cancellation**: a thread inside a [`CancelToken`] (every thread a run
//! spawns is) has each of its blocking waits end with
//! [`SyncError::Cancelled`] when the token is cancelled; see [`cancel`].
//!
//! **Timeouts** past [`TIMEOUT_MAX`] (Python's `threading.TIMEOUT_MAX`) are
//! taken as that; a zero timeout never waits, so it works on the page's main
//! thread too.
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
pub mod cancel;
mod condition;
mod event;
pub mod futex;
mod lock;
pub mod oneshot;
mod raw_mutex;
mod rlock;
mod semaphore;
mod signal;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use barrier::Barrier;
pub use cancel::{CancelToken, Cancelled};
pub use condition::{Condition, ConditionGuard, ConditionLock};
pub use event::Event;
pub use lock::{Lock, LockGuard};
pub use rlock::{RLock, RLockGuard};
pub use semaphore::{Semaphore, SemaphoreGuard};
pub use signal::Signal;

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
    /// The wait was interrupted: the run it belongs to was cancelled (as a
    /// signal interrupts a blocking call in Python).
    Cancelled,
    /// A condition's wait ended without taking its lock back: a thread of
    /// the run trapped (panicked), perhaps holding that lock, which it would
    /// then never release. The caller does not hold the lock.
    Trapped,
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
            SyncError::Cancelled => f.write_str("cancelled"),
            SyncError::Trapped => f.write_str(
                "a thread of this run trapped; the wait ended without taking its lock back",
            ),
        }
    }
}

impl std::error::Error for SyncError {}

/// Milliseconds on the clock every thread shares. Under loom time does not
/// pass (timed waits there report a timeout at once instead).
pub(crate) fn now_ms() -> f64 {
    #[cfg(not(loom))]
    return crate::clock::now_ms();
    #[cfg(loom)]
    return 0.0;
}

/// The longest timeout a wait takes, as Python's `threading.TIMEOUT_MAX`
/// (2⁶³ − 1 ns, about 292 years); a longer one is taken as this. (Python
/// raises `OverflowError` instead; a `Duration` may be far longer, and
/// `Duration::MAX` must not abort a thread.)
pub const TIMEOUT_MAX: Duration = Duration::from_nanos(i64::MAX as u64);

/// When a wait must give up: its deadline, and the cancel token of the
/// thread that waits (taken when the wait begins).
pub(crate) struct Deadline {
    /// On the shared clock; `None`: no timeout.
    end: Option<f64>,
    token: Option<CancelToken>,
    /// Only a trap ends this wait (see [`cancel::shielded`]).
    shielded: bool,
    /// Under loom time does not pass: a timed wait parks once (loom's
    /// futex lets its timeout fire at any moment), and then it is over.
    #[cfg(loom)]
    parked: std::cell::Cell<bool>,
}

impl Deadline {
    /// `None`: wait as long as it takes (or until cancelled).
    pub(crate) fn after(timeout: Option<Duration>) -> Self {
        let (token, shielded) = cancel::current_scope();
        Deadline {
            end: timeout.map(|t| now_ms() + t.min(TIMEOUT_MAX).as_secs_f64() * 1000.0),
            token,
            shielded,
            #[cfg(loom)]
            parked: std::cell::Cell::new(false),
        }
    }

    /// What is left to wait: `None` once the deadline has passed,
    /// `Some(None)` with no deadline.
    pub(crate) fn remaining(&self) -> Option<Option<Duration>> {
        let Some(end) = self.end else {
            return Some(None);
        };
        #[cfg(loom)]
        {
            let _ = end;
            return (!self.parked.replace(true)).then_some(Some(Duration::from_millis(1)));
        }
        #[cfg(not(loom))]
        {
            let left_ms = end - now_ms();
            (left_ms > 0.0).then(|| Some(Duration::from_secs_f64(left_ms / 1000.0)))
        }
    }

    /// Whether the waiting thread's run was cancelled (for a shielded
    /// wait: trapped).
    pub(crate) fn cancelled(&self) -> bool {
        self.token.as_ref().is_some_and(|token| {
            if self.shielded {
                token.is_trapped()
            } else {
                token.is_cancelled()
            }
        })
    }

    /// Parks on `word` while it holds `expected`, until woken (perhaps
    /// spuriously), the deadline, or a cancel. `false`, without parking,
    /// once the deadline has passed or the run was cancelled: then the
    /// caller gives up ([`Deadline::give_up`]).
    pub(crate) fn park(&self, word: &atomic::AtomicU32, expected: u32) -> bool {
        if self.cancelled() {
            return false;
        }
        let Some(left) = self.remaining() else {
            return false;
        };
        match &self.token {
            Some(token) => token.park(word, expected, left, self.shielded),
            None => {
                futex::wait(word, expected, left);
            }
        }
        true
    }

    /// What a wait that gave up returns: cancelled (trapped, for a
    /// shielded wait), or timed out (`false`).
    pub(crate) fn give_up(&self) -> Result<bool, SyncError> {
        match (self.cancelled(), self.shielded) {
            (true, true) => Err(SyncError::Trapped),
            (true, false) => Err(SyncError::Cancelled),
            (false, _) => Ok(false),
        }
    }
}

/// A zero timeout: try without waiting (Python's `acquire(timeout=0)`).
pub(crate) fn is_zero(timeout: Option<Duration>) -> bool {
    timeout.is_some_and(|t| t.is_zero())
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
/// [`RLock`]'s owner, and for where a thread looks first in a cancel
/// token's table. A worker that runs one job after another takes a new one
/// for each ([`new_thread_identity`]): one job's lock must not be another's.
pub(crate) fn thread_id() -> u32 {
    ID.with(|id| match id.get() {
        0 => {
            let fresh = next_thread_id();
            id.set(fresh);
            fresh
        }
        known => known,
    })
}

fn next_thread_id() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[cfg(not(loom))]
std::thread_local! {
    static ID: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}
#[cfg(loom)]
loom::thread_local! {
    static ID: std::cell::Cell<u32> = std::cell::Cell::new(0);
}

/// Gives the calling thread a new identity, as if it were a new thread: an
/// [`RLock`] an earlier job on this worker left held is not this job's.
/// The runtime calls it before each job a worker runs.
pub fn new_thread_identity() {
    ID.with(|id| id.set(next_thread_id()));
}

/// A number for each primitive, so that traces can tell them apart.
pub(crate) fn next_primitive_id() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
