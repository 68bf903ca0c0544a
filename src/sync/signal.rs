//! `Signal`: how idle threads wait for work in a queue without missing any
//! (an "event count"). The thread pool's workers park on one.
//!
//! A waiter takes a ticket ([`Signal::ticket`]), looks at the queue once
//! more, and only then parks with the ticket ([`Signal::wait`]). A producer
//! pushes its work first and then notifies ([`Signal::notify`]), which moves
//! the ticket on. So a push that the waiter's last look missed came after
//! its ticket was taken: the notify has moved the ticket on, and the park
//! returns at once. No push is left with every waiter asleep.

use super::atomic::{AtomicU32, Ordering};
use super::futex::{self, WaitOutcome};
use std::time::Duration;

pub struct Signal {
    word: AtomicU32,
}

impl Default for Signal {
    fn default() -> Self {
        Self::new()
    }
}

impl Signal {
    #[cfg(not(loom))]
    pub const fn new() -> Self {
        Signal {
            word: AtomicU32::new(0),
        }
    }

    #[cfg(loom)]
    pub fn new() -> Self {
        Signal {
            word: AtomicU32::new(0),
        }
    }

    /// Taken before the last look at the queue.
    pub fn ticket(&self) -> u32 {
        self.word.load(Ordering::SeqCst)
    }

    /// Parks until a notify after `ticket` was taken, or the timeout.
    pub fn wait(&self, ticket: u32, timeout: Option<Duration>) -> WaitOutcome {
        futex::wait(&self.word, ticket, timeout)
    }

    /// Wakes up to `count` waiters; call after pushing the work.
    pub fn notify(&self, count: u32) {
        self.word.fetch_add(1, Ordering::SeqCst);
        futex::wake(&self.word, count);
    }
}
