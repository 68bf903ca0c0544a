//! `Event`: Python's `threading.Event`, a flag threads can wait for.
//!
//! One futex word holds the flag (bit 0) and a count of `set` calls (the
//! other bits). A waiter returns `true` once it sees the flag, or sees that
//! a `set` happened since it began, even if the flag was cleared again
//! before it woke: as in CPython, where `set` notifies every waiter.

use super::atomic::{AtomicU32, Ordering};
use super::{futex, is_zero, next_primitive_id, Deadline, SyncError};
use crate::trace::{self, Event as Mark};
use std::time::Duration;

const FLAG: u32 = 1;
const ONE_SET: u32 = 2;

pub struct Event {
    word: AtomicU32,
    id: u32,
}

impl Default for Event {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Event {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Event")
            .field("set", &self.is_set())
            .finish()
    }
}

impl Event {
    pub fn new() -> Self {
        Self {
            word: AtomicU32::new(0),
            id: next_primitive_id(),
        }
    }

    pub fn trace_id(&self) -> u32 {
        self.id
    }

    /// Python's `set()`: sets the flag and wakes every waiter.
    pub fn set(&self) {
        let before = self
            .word
            .fetch_update(Ordering::SeqCst, Ordering::Relaxed, |w| {
                (w & FLAG == 0).then(|| (w & !FLAG).wrapping_add(ONE_SET) | FLAG)
            })
            .is_ok();
        if before {
            trace::record(self.id, Mark::Notify);
            futex::wake_all(&self.word);
        }
    }

    /// Python's `clear()`.
    pub fn clear(&self) {
        self.word.fetch_and(!FLAG, Ordering::SeqCst);
    }

    /// Python's `is_set()`.
    pub fn is_set(&self) -> bool {
        self.word.load(Ordering::SeqCst) & FLAG != 0
    }

    /// Python's `wait(timeout=None)`: `Ok(true)` once set, `Ok(false)` if
    /// the timeout passed first, `Err(Cancelled)` if the run was cancelled.
    pub fn wait(&self, timeout: Option<Duration>) -> Result<bool, SyncError> {
        let start = self.word.load(Ordering::SeqCst);
        if start & FLAG != 0 {
            return Ok(true);
        }
        if is_zero(timeout) {
            return Ok(false);
        }
        if !futex::can_block() {
            return Err(SyncError::WouldBlock);
        }
        trace::record(self.id, Mark::Wait);
        let deadline = Deadline::after(timeout);
        loop {
            let now = self.word.load(Ordering::SeqCst);
            if now & FLAG != 0 || now & !FLAG != start & !FLAG {
                trace::record(self.id, Mark::Woken);
                return Ok(true);
            }
            if !deadline.park(&self.word, now) {
                trace::record(self.id, Mark::TimedOut);
                return deadline.give_up();
            }
        }
    }

    /// Waits for the event without blocking the thread (the page's main
    /// thread may): resolves once it is set, or a `set` happened since the
    /// wait began. Dropping the future leaves no wait behind.
    #[cfg(not(loom))]
    pub async fn wait_async(&self) {
        let start = self.word.load(Ordering::SeqCst);
        loop {
            let now = self.word.load(Ordering::SeqCst);
            if now & FLAG != 0 || now & !FLAG != start & !FLAG {
                return;
            }
            futex::wait_async(&self.word, now, None).await;
        }
    }
}
