//! Cancellation: a flag that ends every wait of a run.
//!
//! A [`CancelToken`] is shared by everything one run does. Long work checks
//! it ([`CancelToken::check`]); sleepers wake when it is cancelled. And a
//! thread that runs *inside* a token ([`CancelToken::scope`]; the runtime
//! puts every thread a run spawns inside the run's token) has every wait of
//! our primitives end when it is cancelled: a blocking `acquire`, `wait`,
//! `join` returns [`SyncError::Cancelled`](super::SyncError::Cancelled), as
//! a Python thread's blocking call is interrupted by a signal. So no wait an
//! experiment makes can outlive its run, whatever it waits for.
//!
//! How a parked thread hears of it: before it parks on a word, it writes
//! the word's address into its token's list of parked words; `cancel` wakes
//! every word on that list. A cancel that lands between the thread's last
//! look at the token and its park would wake the word too early, so a park
//! inside a token never lasts longer than [`BACKSTOP`]; then it looks again.
//!
//! Taking back a condition's lock after a wait is *not* cancellable
//! ([`shielded`]): a wait must return with the lock held, and the holder
//! lets go soon (it is inside the same run, and its own waits end too).

use super::atomic::{AtomicU32, Ordering};
use super::futex;
use super::raw_mutex::RawMutex;
use super::Deadline;
use std::cell::RefCell;
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

/// The longest a park inside a token lasts before the thread looks at the
/// token again (see the module's notes). A cancel almost always wakes the
/// thread at once; this bounds the rare race.
pub const BACKSTOP: Duration = Duration::from_millis(100);

/// A shared cancellation flag. Clones share the flag.
#[derive(Clone, Default)]
pub struct CancelToken {
    inner: Arc<Inner>,
}

struct Inner {
    /// A futex word: `LIVE`, then `CANCELLED` for good.
    state: AtomicU32,
    /// The addresses of the words that threads inside this token are parked
    /// on now.
    parked: RawMutex<Vec<usize>>,
}

impl Default for Inner {
    fn default() -> Self {
        Inner {
            state: AtomicU32::new(LIVE),
            parked: RawMutex::new(Vec::new()),
        }
    }
}

impl std::fmt::Debug for CancelToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CancelToken")
            .field("cancelled", &self.is_cancelled())
            .finish()
    }
}

#[cfg(not(loom))]
std::thread_local! {
    static CURRENT: RefCell<Option<CancelToken>> = const { RefCell::new(None) };
}
#[cfg(loom)]
loom::thread_local! {
    static CURRENT: RefCell<Option<CancelToken>> = RefCell::new(None);
}

/// The token the calling thread runs inside, if any.
pub fn current() -> Option<CancelToken> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Puts the previous token back when a scope ends (or unwinds).
struct Restore(Option<CancelToken>);

impl Drop for Restore {
    fn drop(&mut self) {
        let previous = self.0.take();
        CURRENT.with(|c| *c.borrow_mut() = previous);
    }
}

fn enter(token: Option<CancelToken>) -> Restore {
    Restore(CURRENT.with(|c| c.replace(token)))
}

/// Runs `f` outside any token: its waits end only as they would without
/// one. For the few waits that must finish, such as taking a condition's
/// lock back after a wait.
pub fn shielded<T>(f: impl FnOnce() -> T) -> T {
    let _restore = enter(None);
    f()
}

impl CancelToken {
    pub fn new() -> Self {
        Self::default()
    }

    /// Cancels every holder of this token: wakes its sleepers and every
    /// thread parked inside it.
    pub fn cancel(&self) {
        self.inner.state.store(CANCELLED, Ordering::SeqCst);
        futex::wake_all(&self.inner.state);
        let parked = self.inner.parked.lock();
        for &address in parked.iter() {
            // SAFETY: an address is on the list only while the thread that
            // put it there is inside `park`, holding a `&AtomicU32` to that
            // word; it takes the address off under this same mutex, which we
            // hold, before it returns. So the word is alive here, and it is
            // an aligned `AtomicU32` because it came from a reference to one.
            let word = unsafe { &*(address as *const AtomicU32) };
            futex::wake_all(word);
        }
    }

    /// Whether `other` is a clone of this token (the same flag).
    pub fn same_as(&self, other: &CancelToken) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }

    pub fn is_cancelled(&self) -> bool {
        self.inner.state.load(Ordering::Relaxed) == CANCELLED
    }

    /// `Err(Cancelled)` once the token is cancelled: `token.check()?` in a loop.
    pub fn check(&self) -> Result<(), Cancelled> {
        if self.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }

    /// Runs `f` inside this token: every wait of our primitives in `f` ends
    /// with `SyncError::Cancelled` once the token is cancelled.
    pub fn scope<T>(&self, f: impl FnOnce() -> T) -> T {
        let _restore = enter(Some(self.clone()));
        f()
    }

    /// Sleeps for `duration` on a thread that may block, or until cancelled.
    /// (Durations past [`super::TIMEOUT_MAX`] are taken as that.)
    pub fn sleep(&self, duration: Duration) -> Result<(), Cancelled> {
        let deadline = Deadline::after(Some(duration));
        loop {
            self.check()?;
            let Some(left) = deadline.remaining() else {
                return Ok(());
            };
            futex::wait(&self.inner.state, LIVE, left);
        }
    }

    /// Resolves when the token is cancelled, without blocking the thread.
    /// Dropping it early leaves no wait behind (see [`futex::wait_async`]).
    #[cfg(not(loom))]
    pub async fn cancelled(&self) {
        while !self.is_cancelled() {
            futex::wait_async(&self.inner.state, LIVE, None).await;
        }
    }

    /// Parks on `word` while it holds `expected`, for at most `left` (and at
    /// most [`BACKSTOP`]), unless this token is cancelled; cancel wakes it.
    pub(crate) fn park(&self, word: &AtomicU32, expected: u32, left: Option<Duration>) {
        let address = word as *const AtomicU32 as usize;
        self.inner.parked.lock().push(address);
        // Looked at after the address is listed: a cancel from now on wakes us.
        if !self.is_cancelled() {
            futex::wait(
                word,
                expected,
                Some(left.map_or(BACKSTOP, |l| l.min(BACKSTOP))),
            );
        }
        let mut parked = self.inner.parked.lock();
        if let Some(at) = parked.iter().position(|a| *a == address) {
            parked.swap_remove(at);
        }
    }

    /// Words that threads inside this token are parked on now (for tests).
    pub fn parked_count(&self) -> usize {
        self.inner.parked.lock().len()
    }
}

#[cfg(all(test, not(loom), not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sync::now_ms;

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
            std::thread::spawn(move || token.sleep(Duration::from_secs(30)))
        };
        std::thread::sleep(Duration::from_millis(20));
        token.cancel();
        // Joins only because the sleep ended: 30 s would time the test out.
        assert_eq!(sleeper.join().unwrap(), Err(Cancelled));
    }

    #[test]
    fn an_uncancelled_sleep_runs_its_time() {
        let token = CancelToken::new();
        let start = now_ms();
        assert_eq!(token.sleep(Duration::from_millis(15)), Ok(()));
        let slept = now_ms() - start;
        assert!(slept >= 15.0, "woke after {slept} ms");
    }

    #[test]
    fn a_huge_sleep_is_cancellable_and_does_not_panic() {
        let token = CancelToken::new();
        let sleeper = {
            let token = token.clone();
            std::thread::spawn(move || token.sleep(Duration::MAX))
        };
        std::thread::sleep(Duration::from_millis(10));
        token.cancel();
        assert_eq!(sleeper.join().unwrap(), Err(Cancelled));
    }

    #[test]
    fn scopes_nest_and_restore_the_token_before() {
        let outer = CancelToken::new();
        let inner = CancelToken::new();
        assert!(current().is_none());
        outer.scope(|| {
            inner.scope(|| {
                inner.cancel();
                assert!(current().unwrap().is_cancelled());
                shielded(|| assert!(current().is_none()));
            });
            assert!(!current().unwrap().is_cancelled());
        });
        assert!(current().is_none());
    }
}
