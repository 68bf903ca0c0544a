//! `OneShot`: a slot that one of several writers fills once, and one reader
//! waits for and empties. A thread's result travels to its joiner in one.
//!
//! Two writers may race (a thread's closure finishing, and the runtime
//! failing the thread because it trapped): the first to claim the slot
//! writes, the other's value is dropped. The reader waits by blocking (on a
//! worker) or by awaiting (on the page's main thread).

use super::atomic::{AtomicBool, AtomicU32, Ordering, UnsafeCell};
use super::{futex, Deadline, SyncError};

const EMPTY: u32 = 0;
const FULL: u32 = 1;
const TAKEN: u32 = 2;

pub struct OneShot<T> {
    /// A futex word: `EMPTY` until the value is written, `FULL`, then `TAKEN`.
    state: AtomicU32,
    /// Set by the writer that gets to write.
    claimed: AtomicBool,
    value: UnsafeCell<Option<T>>,
}

// SAFETY: the slot moves a `T` from the thread that writes it to the thread
// that takes it, so `T: Send` is needed and enough. The cell is written only
// by the one writer that wins `claimed`, before it stores FULL with Release;
// it is read only by the one reader that moves FULL to TAKEN with Acquire,
// which sees that write complete. Nobody touches it after that. So no two
// accesses of the cell ever overlap.
unsafe impl<T: Send> Sync for OneShot<T> {}

impl<T> Default for OneShot<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> OneShot<T> {
    pub fn new() -> Self {
        Self {
            state: AtomicU32::new(EMPTY),
            claimed: AtomicBool::new(false),
            value: UnsafeCell::new(None),
        }
    }

    /// Fills the slot and wakes the reader; `false` (and `value` dropped) if
    /// another writer came first.
    pub fn complete(&self, value: T) -> bool {
        if self.claimed.swap(true, Ordering::AcqRel) {
            return false;
        }
        // SAFETY: we won `claimed`, so no other writer touches the cell, and
        // the reader waits for FULL, which we store only after this write.
        unsafe { self.value.with_mut(|v| *v = Some(value)) };
        self.state.store(FULL, Ordering::Release);
        futex::wake_all(&self.state);
        true
    }

    /// Whether a value was written (taken or not).
    pub fn is_done(&self) -> bool {
        self.state.load(Ordering::Acquire) != EMPTY
    }

    /// Blocks until the slot is filled. `WouldBlock` on the page's main
    /// thread; `Cancelled` if the waiting thread's run is cancelled first.
    pub fn wait(&self) -> Result<(), SyncError> {
        if self.is_done() {
            return Ok(());
        }
        if !futex::can_block() {
            return Err(SyncError::WouldBlock);
        }
        let deadline = Deadline::after(None);
        while !self.is_done() {
            if !deadline.park(&self.state, EMPTY) {
                return Err(SyncError::Cancelled);
            }
        }
        Ok(())
    }

    /// Waits for the slot to be filled without blocking the thread.
    #[cfg(not(loom))]
    pub async fn wait_async(&self) {
        while !self.is_done() {
            futex::wait_async(&self.state, EMPTY, None).await;
        }
    }

    /// Empties a filled slot: `Some` the first time after it was filled,
    /// `None` before, and after the value was taken.
    pub fn take(&self) -> Option<T> {
        self.state
            .compare_exchange(FULL, TAKEN, Ordering::Acquire, Ordering::Relaxed)
            .ok()?;
        // SAFETY: we moved FULL to TAKEN, which only one caller can do, and
        // with Acquire, so the writer's write (before its Release of FULL)
        // is complete and nobody writes the cell again.
        unsafe { self.value.with_mut(Option::take) }
    }
}
