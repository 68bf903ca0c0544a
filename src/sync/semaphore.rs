//! `Semaphore` and bounded semaphores: Python's `threading.Semaphore` and
//! `threading.BoundedSemaphore`.
//!
//! One futex word holds both the free permits (low 16 bits) and the number
//! of parked threads (high 16 bits). A waiter counts itself in with a CAS
//! that also checks there is no permit, then parks on exactly that word; a
//! release adds permits with a CAS and reads the waiter count in the same
//! word. So the two can never miss each other: either the release comes
//! first and the waiter's CAS (or park) sees the new permits, or the waiter
//! comes first and the release sees it and wakes it. (A first version kept
//! the two counts in separate words and relied on SeqCst to order them;
//! loom, which cannot model SeqCst's total order, found that it could not
//! prove it. One word needs no such argument.)

use super::atomic::{AtomicU32, Ordering};
use super::{check_blocking, futex, is_zero, next_primitive_id, Deadline, SyncError};
use crate::trace::{self, Event};
use std::time::Duration;

const PERMITS: u32 = 0xFFFF;
const ONE_WAITER: u32 = 1 << 16;

pub struct Semaphore {
    /// `waiters << 16 | permits`.
    word: AtomicU32,
    /// For a bounded semaphore: the most permits there may be.
    bound: Option<u16>,
    id: u32,
}

impl std::fmt::Debug for Semaphore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Semaphore")
            .field("permits", &self.available())
            .field("bound", &self.bound)
            .finish()
    }
}

impl Semaphore {
    /// Python's `Semaphore(value)` (at most 65 535 permits).
    pub fn new(value: u16) -> Self {
        Self {
            word: AtomicU32::new(value.into()),
            bound: None,
            id: next_primitive_id(),
        }
    }

    /// Python's `BoundedSemaphore(value)`: releasing past `value` is an error.
    pub fn bounded(value: u16) -> Self {
        Self {
            bound: Some(value),
            ..Self::new(value)
        }
    }

    pub fn trace_id(&self) -> u32 {
        self.id
    }

    /// Permits free now (for display; it may change at once).
    pub fn available(&self) -> u32 {
        self.word.load(Ordering::Relaxed) & PERMITS
    }

    /// Python's `acquire(blocking=True, timeout=None)`.
    pub fn acquire(&self, blocking: bool, timeout: Option<Duration>) -> Result<bool, SyncError> {
        check_blocking(blocking, timeout)?;
        trace::record(self.id, Event::Requested);
        // Made only if we must wait: a free permit costs no clock reading
        // and no look at the run's cancel token.
        let mut deadline: Option<Deadline> = None;
        loop {
            let word = self.word.load(Ordering::Relaxed);
            if word & PERMITS > 0 {
                if self
                    .word
                    .compare_exchange_weak(word, word - 1, Ordering::Acquire, Ordering::Relaxed)
                    .is_ok()
                {
                    trace::record(self.id, Event::Acquired);
                    return Ok(true);
                }
                continue;
            }
            if !blocking || is_zero(timeout) {
                trace::record(self.id, Event::TimedOut);
                return Ok(false);
            }
            if !futex::can_block() {
                trace::record(self.id, Event::TimedOut);
                return Err(SyncError::WouldBlock);
            }
            // Count ourselves in, if there is still no permit.
            let parked = word + ONE_WAITER;
            if self
                .word
                .compare_exchange(word, parked, Ordering::Relaxed, Ordering::Relaxed)
                .is_err()
            {
                continue;
            }
            let deadline = deadline.get_or_insert_with(|| Deadline::after(timeout));
            let waited = deadline.park(&self.word, parked);
            self.word.fetch_sub(ONE_WAITER, Ordering::Relaxed);
            if !waited {
                // Timed out or cancelled before parking. A permit that came
                // meanwhile is ours to take (so no release's wake is lost):
                // look once more, then give up.
                if self.take_if_free() {
                    trace::record(self.id, Event::Acquired);
                    return Ok(true);
                }
                trace::record(self.id, Event::TimedOut);
                return deadline.give_up();
            }
        }
    }

    /// Takes a permit if one is free now.
    fn take_if_free(&self) -> bool {
        self.word
            .fetch_update(Ordering::Acquire, Ordering::Relaxed, |word| {
                (word & PERMITS > 0).then(|| word - 1)
            })
            .is_ok()
    }

    /// Takes a permit if one is free; never waits.
    pub fn try_acquire(&self) -> bool {
        self.acquire(false, None).unwrap_or(false)
    }

    /// Python's `release(n=1)`: gives `n` permits back and wakes up to `n`
    /// waiters.
    pub fn release(&self, n: u16) -> Result<(), SyncError> {
        if n == 0 {
            return Err(SyncError::InvalidArgument("n must be one or more"));
        }
        let limit = self.bound.map_or(PERMITS, u32::from);
        let before = self
            .word
            .fetch_update(Ordering::Release, Ordering::Relaxed, |word| {
                let permits = (word & PERMITS) + u32::from(n);
                (permits <= limit).then_some((word & !PERMITS) | permits)
            })
            .map_err(|_| match self.bound {
                Some(_) => SyncError::TooManyReleases,
                None => SyncError::InvalidArgument("more than 65 535 permits"),
            })?;
        trace::record(self.id, Event::Released);
        if before >= ONE_WAITER {
            futex::wake(&self.word, n.into());
        }
        Ok(())
    }

    /// Python's `with semaphore:`: blocks for a permit; the guard returns it.
    pub fn lock(&self) -> Result<SemaphoreGuard<'_>, SyncError> {
        self.acquire(true, None)?;
        Ok(SemaphoreGuard { semaphore: self })
    }
}

/// Holds one permit of a [`Semaphore`] until dropped.
#[must_use = "the permit is returned when the guard is dropped"]
pub struct SemaphoreGuard<'a> {
    semaphore: &'a Semaphore,
}

impl Drop for SemaphoreGuard<'_> {
    fn drop(&mut self) {
        // We hold a permit, so a bounded semaphore has room for it.
        let _ = self.semaphore.release(1);
    }
}
