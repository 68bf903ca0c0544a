//! `RLock`: Python's `threading.RLock`, a lock its owner may take again.
//!
//! A [`Lock`] plus who holds it and how many times. Only the owner ever
//! finds its own id in `owner` (nobody else writes it), so the owner's
//! checks need no ordering beyond the inner lock's.

use super::atomic::{AtomicU32, Ordering};
use super::{cancel, check_blocking, thread_id, Lock, SyncError};
use std::time::Duration;

const NOBODY: u32 = 0;

#[derive(Default)]
pub struct RLock {
    lock: Lock,
    owner: AtomicU32,
    /// Times the owner holds it; touched only by the owner.
    count: AtomicU32,
}

impl std::fmt::Debug for RLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RLock")
            .field("locked", &self.lock.locked())
            .finish()
    }
}

impl RLock {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn trace_id(&self) -> u32 {
        self.lock.trace_id()
    }

    /// Python's `acquire(blocking=True, timeout=-1)`; the owner gets it again
    /// at once.
    pub fn acquire(&self, blocking: bool, timeout: Option<Duration>) -> Result<bool, SyncError> {
        // Python checks the arguments first, even for the owner.
        check_blocking(blocking, timeout)?;
        let me = thread_id();
        if self.owner.load(Ordering::Relaxed) == me {
            self.count.fetch_add(1, Ordering::Relaxed);
            return Ok(true);
        }
        if !self.lock.acquire(blocking, timeout)? {
            return Ok(false);
        }
        self.owner.store(me, Ordering::Relaxed);
        self.count.store(1, Ordering::Relaxed);
        Ok(true)
    }

    /// Python's `release()`: only the owner may, once per acquire.
    pub fn release(&self) -> Result<(), SyncError> {
        if !self.is_owned() {
            return Err(SyncError::NotOwner);
        }
        if self.count.fetch_sub(1, Ordering::Relaxed) == 1 {
            self.owner.store(NOBODY, Ordering::Relaxed);
            self.lock.release()?;
        }
        Ok(())
    }

    /// Whether the calling thread holds it.
    pub fn is_owned(&self) -> bool {
        self.owner.load(Ordering::Relaxed) == thread_id()
    }

    /// Python's `with rlock:`.
    pub fn lock(&self) -> Result<RLockGuard<'_>, SyncError> {
        self.acquire(true, None)?;
        Ok(RLockGuard {
            lock: self,
            not_send: std::marker::PhantomData,
        })
    }

    /// Releases every level the owner holds; returns how many, for
    /// [`RLock::restore`]. (Python's `_release_save`, which `Condition.wait`
    /// uses: waiting must free the lock however deep the owner is.)
    pub(crate) fn release_all(&self) -> u32 {
        let depth = self.count.swap(0, Ordering::Relaxed);
        self.owner.store(NOBODY, Ordering::Relaxed);
        let _ = self.lock.release();
        depth
    }

    /// Takes the lock again at the depth `release_all` returned (blocking,
    /// and not cancellable: a condition's wait returns holding its lock;
    /// only a trap in the run ends it, with `Trapped`, not holding it).
    pub(crate) fn restore(&self, depth: u32) -> Result<(), SyncError> {
        cancel::shielded(|| self.lock.acquire(true, None))?;
        self.owner.store(thread_id(), Ordering::Relaxed);
        self.count.store(depth, Ordering::Relaxed);
        Ok(())
    }
}

/// Holds one level of an [`RLock`] until dropped.
///
/// Not `Send`: only the owner may release an RLock; dropped on another
/// thread, the guard's release would fail (silently) and leave it held.
#[must_use = "the lock is released when the guard is dropped"]
pub struct RLockGuard<'a> {
    lock: &'a RLock,
    not_send: std::marker::PhantomData<*const ()>,
}

impl Drop for RLockGuard<'_> {
    fn drop(&mut self) {
        let _ = self.lock.release();
    }
}
