//! `Lock`: Python's `threading.Lock`.
//!
//! Not re-entrant, and not owned: any thread may release it (Python allows
//! that too). A futex word with three states; a thread parks only when the
//! lock is taken, and a release wakes one parked thread only if one may be
//! parked.

use super::atomic::{AtomicU32, Ordering};
use super::{check_blocking, futex, is_zero, next_primitive_id, Deadline, SyncError};
use crate::trace::{self, Event};
use std::time::Duration;

const UNLOCKED: u32 = 0;
const LOCKED: u32 = 1;
/// Locked, and a thread may be parked on it: the releaser must wake one.
const CONTENDED: u32 = 2;

pub struct Lock {
    state: AtomicU32,
    id: u32,
}

impl Default for Lock {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Lock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lock")
            .field("locked", &self.locked())
            .finish()
    }
}

impl Lock {
    pub fn new() -> Self {
        Self {
            state: AtomicU32::new(UNLOCKED),
            id: next_primitive_id(),
        }
    }

    /// The number that names this lock in traces.
    pub fn trace_id(&self) -> u32 {
        self.id
    }

    /// Python's `acquire(blocking=True, timeout=-1)`: `Ok(true)` once held,
    /// `Ok(false)` if not blocking and taken, or when the timeout passed.
    /// The free case is inlined; waiting is out of line.
    #[inline]
    pub fn acquire(&self, blocking: bool, timeout: Option<Duration>) -> Result<bool, SyncError> {
        check_blocking(blocking, timeout)?;
        trace::record(self.id, Event::Requested);
        if self.try_take() {
            trace::record(self.id, Event::Acquired);
            return Ok(true);
        }
        self.acquire_taken(blocking, timeout)
    }

    #[cold]
    fn acquire_taken(&self, blocking: bool, timeout: Option<Duration>) -> Result<bool, SyncError> {
        if !blocking || is_zero(timeout) {
            trace::record(self.id, Event::TimedOut);
            return Ok(false);
        }
        if !futex::can_block() {
            trace::record(self.id, Event::TimedOut);
            return Err(SyncError::WouldBlock);
        }
        let deadline = Deadline::after(timeout);
        // Announce a waiter (CONTENDED) before parking, so that the holder's
        // release wakes us; if the swap finds the lock free, it is ours. A
        // waiter that gives up (timeout, cancel) leaves CONTENDED behind: the
        // holder's release then wakes another waiter, or nobody, which is
        // harmless; it never leaves a waiter parked on a free lock.
        while self.state.swap(CONTENDED, Ordering::Acquire) != UNLOCKED {
            if !deadline.park(&self.state, CONTENDED) {
                trace::record(self.id, Event::TimedOut);
                return deadline.give_up();
            }
        }
        trace::record(self.id, Event::Acquired);
        Ok(true)
    }

    /// Takes the lock if it is free; never waits.
    pub fn try_acquire(&self) -> bool {
        // Infallible: a non-blocking call without a timeout.
        self.acquire(false, None).unwrap_or(false)
    }

    #[inline]
    fn try_take(&self) -> bool {
        self.state
            .compare_exchange(UNLOCKED, LOCKED, Ordering::Acquire, Ordering::Relaxed)
            .is_ok()
    }

    /// Python's `release()`: frees the lock, whoever took it. An error if
    /// it is not locked.
    #[inline]
    pub fn release(&self) -> Result<(), SyncError> {
        // Stamped while we still hold it: a thread that takes it next stamps
        // its `Acquired` after this, never before.
        let stamp = trace::stamp();
        match self.state.swap(UNLOCKED, Ordering::Release) {
            UNLOCKED => Err(SyncError::NotLocked),
            previous => {
                trace::record_at(self.id, Event::Released, stamp);
                if previous == CONTENDED {
                    futex::wake_one(&self.state);
                }
                Ok(())
            }
        }
    }

    /// Python's `locked()`.
    pub fn locked(&self) -> bool {
        self.state.load(Ordering::Relaxed) != UNLOCKED
    }

    /// Python's `with lock:`: blocks until held; the guard releases it.
    #[inline]
    pub fn lock(&self) -> Result<LockGuard<'_>, SyncError> {
        self.acquire(true, None)?;
        Ok(LockGuard { lock: self })
    }
}

/// Holds a [`Lock`] until dropped.
#[must_use = "the lock is released when the guard is dropped"]
pub struct LockGuard<'a> {
    lock: &'a Lock,
}

impl Drop for LockGuard<'_> {
    #[inline]
    fn drop(&mut self) {
        // Only an error if another thread released our lock for us, which
        // Python allows; then there is nothing left to do.
        let _ = self.lock.release();
    }
}
