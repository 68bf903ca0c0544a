//! Cancellation: a flag that long work checks, and that wakes sleepers.

use crate::sync::atomic::{AtomicU32, Ordering};
use crate::sync::futex::{self, WaitOutcome};
use std::sync::Arc;
use std::time::Duration;

/// Returned by work that stopped because it was cancelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cancelled;

impl std::fmt::Display for Cancelled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("cancelled")
    }
}

impl std::error::Error for Cancelled {}

const LIVE: u32 = 0;
const CANCELLED: u32 = 1;

/// A shared cancellation flag. Clones share the flag.
///
/// The flag is a futex word, so [`CancelToken::sleep`] wakes at once when
/// the token is cancelled instead of sleeping out its time.
#[derive(Clone, Debug, Default)]
pub struct CancelToken {
    state: Arc<AtomicU32>,
}

impl CancelToken {
    pub fn new() -> Self {
        Self::default()
    }

    /// Cancels every holder of this token; wakes any of them that sleep.
    pub fn cancel(&self) {
        self.state.store(CANCELLED, Ordering::SeqCst);
        futex::wake_all(&self.state);
    }

    pub fn is_cancelled(&self) -> bool {
        self.state.load(Ordering::Relaxed) == CANCELLED
    }

    /// `Err(Cancelled)` once the token is cancelled: `token.check()?` in a loop.
    pub fn check(&self) -> Result<(), Cancelled> {
        if self.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }

    /// Sleeps for `duration` on a thread that may block, or until cancelled.
    pub fn sleep(&self, duration: Duration) -> Result<(), Cancelled> {
        let deadline = crate::runtime::clock::now_ms() + duration.as_secs_f64() * 1000.0;
        loop {
            self.check()?;
            let left = deadline - crate::runtime::clock::now_ms();
            if left <= 0.0 {
                return Ok(());
            }
            let left = Duration::from_secs_f64(left / 1000.0);
            if futex::wait(&self.state, LIVE, Some(left)) == WaitOutcome::TimedOut {
                return self.check();
            }
        }
    }

    /// Resolves when the token is cancelled, without blocking the thread.
    pub async fn cancelled(&self) {
        while !self.is_cancelled() {
            futex::wait_async(&self.state, LIVE, None).await;
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn check_fails_only_after_cancel() {
        let token = CancelToken::new();
        assert_eq!(token.check(), Ok(()));
        token.clone().cancel();
        assert_eq!(token.check(), Err(Cancelled));
    }

    #[test]
    fn cancel_wakes_a_long_sleep_early() {
        let token = CancelToken::new();
        let sleeper = {
            let token = token.clone();
            std::thread::spawn(move || {
                let start = crate::runtime::clock::now_ms();
                let outcome = token.sleep(Duration::from_secs(30));
                (outcome, crate::runtime::clock::now_ms() - start)
            })
        };
        std::thread::sleep(Duration::from_millis(20));
        token.cancel();
        let (outcome, slept_ms) = sleeper.join().unwrap();
        assert_eq!(outcome, Err(Cancelled));
        assert!(slept_ms < 30_000.0, "slept {slept_ms} ms of 30 s");
    }

    #[test]
    fn an_uncancelled_sleep_runs_its_time() {
        let token = CancelToken::new();
        let (outcome, ms) =
            crate::runtime::clock::time_ms(|| token.sleep(Duration::from_millis(15)));
        assert_eq!(outcome, Ok(()));
        assert!(ms >= 15.0, "woke after {ms} ms");
    }
}
