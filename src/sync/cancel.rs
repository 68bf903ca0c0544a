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
//! **How a parked thread hears of it.** Before it parks on a word, a thread
//! writes the word's address into a free slot of its token's table of
//! parked words. The table is made with the token, so parking allocates
//! nothing and takes no lock: a thread that traps anywhere cannot leave the
//! table locked. `cancel` sets the flag, then wakes every word in the
//! table. Its wake can land between a thread's last look at the flag and
//! the moment it parks, and be lost; so the canceller looks again, and
//! wakes again, until every thread it has to reach has left the table
//! ([`CancelToken::cancel`] says where it waits for that). No parked thread
//! needs a timeout to notice a cancel.
//!
//! **Two strengths.** An ordinary cancel ends every wait but one kind:
//! taking a condition's lock back after a wait ([`shielded`]), since that
//! wait must return holding the lock, and the holder is in the same run
//! and lets go soon. A trap ([`CancelToken::trap`]: a thread of the run
//! panicked, which on wasm stops it where it stands, holding whatever it
//! held) ends those too, because the holder may be the thread that trapped
//! and will never let go: such a wait returns
//! [`SyncError::Trapped`](super::SyncError::Trapped), without the lock.

use super::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use super::futex;
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

/// The token's futex word: `LIVE`, then `CANCELLED` or `TRAPPED` for good
/// (a trap may follow a cancel, never the other way round).
const LIVE: u32 = 0;
const CANCELLED: u32 = 1;
/// Cancelled because a thread of the run trapped.
const TRAPPED: u32 = 2;

/// How many threads may be parked inside one token at once and still be
/// reached by its cancel without a timeout: every thread the runtime lets
/// run at once (256), and room for the host and tests' own threads. One
/// more parks with a timeout of [`BACKSTOP`] and looks at the flag each
/// time it wakes. (Under loom: small, as the models are.)
#[cfg(not(loom))]
pub const PARK_SLOTS: usize = 272;
#[cfg(loom)]
pub const PARK_SLOTS: usize = 2;

/// How long a thread that found no free slot parks at a time.
pub const BACKSTOP: Duration = Duration::from_millis(100);

/// A slot's entry: the address of the word a thread is parked on (words
/// are 4-byte aligned, so the two low bits are free for flags), or 0.
const WAKING: usize = 1;
/// The parked thread is taking a condition's lock back: only a trap ends
/// its wait.
const SHIELDED: usize = 2;
const FLAGS: usize = WAKING | SHIELDED;

/// Parks inside tokens, ever (for the benchmark: a parked thread that wakes
/// only to park again shows up here).
#[cfg(not(loom))]
static PARKS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many times threads inside tokens have parked, in all.
#[cfg(not(loom))]
pub fn parks_total() -> u64 {
    PARKS.load(std::sync::atomic::Ordering::Relaxed)
}

/// A shared cancellation flag. Clones share the flag.
#[derive(Clone)]
pub struct CancelToken {
    inner: Arc<Inner>,
}

impl Default for CancelToken {
    fn default() -> Self {
        Self::new()
    }
}

struct Inner {
    state: AtomicU32,
    /// The words that threads inside this token are parked on now.
    parked: Box<[AtomicUsize]>,
    /// A canceller is waking the table again until it is empty.
    reaping: AtomicBool,
}

impl std::fmt::Debug for CancelToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CancelToken")
            .field("cancelled", &self.is_cancelled())
            .field("trapped", &self.is_trapped())
            .finish()
    }
}

/// What a thread runs inside: a token, and whether only a trap ends its
/// waits.
#[derive(Clone)]
struct Scope {
    token: CancelToken,
    shielded: bool,
}

#[cfg(not(loom))]
std::thread_local! {
    static CURRENT: RefCell<Option<Scope>> = const { RefCell::new(None) };
}
#[cfg(loom)]
loom::thread_local! {
    static CURRENT: RefCell<Option<Scope>> = RefCell::new(None);
}

/// The token the calling thread runs inside, if any.
pub fn current() -> Option<CancelToken> {
    CURRENT.with(|c| c.borrow().as_ref().map(|s| s.token.clone()))
}

/// The token the calling thread runs inside, and whether it is shielded.
pub(crate) fn current_scope() -> (Option<CancelToken>, bool) {
    CURRENT.with(|c| match &*c.borrow() {
        Some(scope) => (Some(scope.token.clone()), scope.shielded),
        None => (None, false),
    })
}

/// Puts the previous scope back when a scope ends (or unwinds).
struct Restore(Option<Scope>);

impl Drop for Restore {
    fn drop(&mut self) {
        let previous = self.0.take();
        CURRENT.with(|c| *c.borrow_mut() = previous);
    }
}

fn enter(scope: Option<Scope>) -> Restore {
    Restore(CURRENT.with(|c| c.replace(scope)))
}

/// Runs `f` so that an ordinary cancel does not end its waits; a trap in
/// the run still does. For the few waits that must finish, such as taking
/// a condition's lock back after a wait.
pub fn shielded<T>(f: impl FnOnce() -> T) -> T {
    let scope = CURRENT.with(|c| c.borrow().clone()).map(|scope| Scope {
        shielded: true,
        ..scope
    });
    let _restore = enter(scope);
    f()
}

impl CancelToken {
    pub fn new() -> Self {
        CancelToken {
            inner: Arc::new(Inner {
                state: AtomicU32::new(LIVE),
                parked: (0..PARK_SLOTS).map(|_| AtomicUsize::new(0)).collect(),
                reaping: AtomicBool::new(false),
            }),
        }
    }

    /// Cancels every holder of this token: wakes its sleepers and every
    /// thread parked inside it (but those taking a condition's lock back).
    ///
    /// On a thread that may block it returns once each of them has seen the
    /// cancel (microseconds: they only have to wake up), unless another
    /// canceller is already at it. On the page's main thread, which may not
    /// block, it returns at once, and a timer goes on waking whoever has
    /// not yet seen it.
    pub fn cancel(&self) {
        self.inner.state.fetch_max(CANCELLED, Ordering::AcqRel);
        self.reach_parked(false);
    }

    /// Cancels the run because one of its threads trapped (a panic, on
    /// wasm): as [`CancelToken::cancel`], and it also ends the waits of
    /// threads taking a condition's lock back, which may be held by the
    /// thread that trapped.
    pub fn trap(&self) {
        self.inner.state.fetch_max(TRAPPED, Ordering::AcqRel);
        self.reach_parked(true);
    }

    /// Wakes the parked threads a cancel (or trap) must reach, and again
    /// until none is left (see the module's notes). One canceller at a time
    /// keeps at it (the reaper); a second one (a trap after a cancel, say)
    /// makes its own first pass and leaves the rest to it: each pass reads
    /// the flag afresh, so a trap's stronger reach is not lost.
    fn reach_parked(&self, trapped: bool) {
        futex::wake_all(&self.inner.state);
        if self.inner.wake_parked(trapped) == 0 {
            return;
        }
        if self.inner.reaping.swap(true, Ordering::AcqRel) {
            return;
        }
        if futex::can_block() {
            let mut pause = Duration::from_micros(50);
            while self.inner.reap_once() {
                // A pause on our own word, cut short by a trap.
                #[cfg(not(loom))]
                futex::wait(
                    &self.inner.state,
                    self.inner.state.load(Ordering::Acquire),
                    Some(pause),
                );
                #[cfg(loom)]
                loom::thread::yield_now();
                pause = (pause * 2).min(Duration::from_millis(20));
            }
        } else {
            #[cfg(all(target_arch = "wasm32", not(loom)))]
            self.reap_in_the_background();
        }
    }

    /// The page's main thread may not pause: a timer keeps reaping.
    #[cfg(all(target_arch = "wasm32", not(loom)))]
    fn reap_in_the_background(&self) {
        let token = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let mut pause = Duration::from_millis(1);
            loop {
                let state = token.inner.state.load(Ordering::Acquire);
                futex::wait_async(&token.inner.state, state, Some(pause)).await;
                if !token.inner.reap_once() {
                    return;
                }
                pause = (pause * 2).min(Duration::from_millis(50));
            }
        });
    }

    /// Whether `other` is a clone of this token (the same flag).
    pub fn same_as(&self, other: &CancelToken) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }

    /// Cancelled, by a cancel or a trap.
    pub fn is_cancelled(&self) -> bool {
        self.inner.state.load(Ordering::Acquire) != LIVE
    }

    /// Cancelled because a thread of the run trapped.
    pub fn is_trapped(&self) -> bool {
        self.inner.state.load(Ordering::Acquire) == TRAPPED
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
        let _restore = enter(Some(Scope {
            token: self.clone(),
            shielded: false,
        }));
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

    /// Parks on `word` while it holds `expected`, for at most `left`,
    /// unless this token is cancelled (for a `shielded` wait: trapped);
    /// the cancel wakes it.
    pub(crate) fn park(
        &self,
        word: &AtomicU32,
        expected: u32,
        left: Option<Duration>,
        shielded: bool,
    ) {
        #[cfg(not(loom))]
        PARKS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let entry = word as *const AtomicU32 as usize | if shielded { SHIELDED } else { 0 };
        let slot = self.inner.claim(entry);
        // Looked at after the entry is in the table: a cancel from now on
        // finds it (the claim and the canceller's visit of the slot are
        // both read-modify-writes of the slot, so one sees the other).
        if !self.ends(shielded) {
            let left = match slot {
                Some(_) => left,
                None => Some(left.map_or(BACKSTOP, |l| l.min(BACKSTOP))),
            };
            futex::wait(word, expected, left);
        }
        if let Some(slot) = slot {
            slot.leave(entry);
        }
    }

    fn ends(&self, shielded: bool) -> bool {
        if shielded {
            self.is_trapped()
        } else {
            self.is_cancelled()
        }
    }

    /// Threads parked inside this token now (for tests).
    pub fn parked_count(&self) -> usize {
        self.inner
            .parked
            .iter()
            .filter(|slot| slot.load(Ordering::Acquire) & !FLAGS != 0)
            .count()
    }
}

impl Inner {
    /// The reaper's pass: wakes what the flag says to reach; `false` once
    /// nothing is left to reach and the reaper has stepped down.
    fn reap_once(&self) -> bool {
        let trapped = self.state.load(Ordering::Acquire) == TRAPPED;
        if self.wake_parked(trapped) > 0 {
            return true;
        }
        // A read-modify-write: it reads the flag of any canceller that found
        // us reaping, and so sees its cancel (or trap) below.
        self.reaping.swap(false, Ordering::AcqRel);
        // A canceller that found us reaping just before we stepped down
        // left its work to us: look once more, and take it up if needed.
        let trapped = self.state.load(Ordering::Acquire) == TRAPPED;
        self.wake_parked(trapped) > 0 && !self.reaping.swap(true, Ordering::AcqRel)
    }

    /// Puts `entry` into a free slot, if there is one. A thread starts
    /// looking where its id points, so threads rarely meet on a slot.
    fn claim(&self, entry: usize) -> Option<&AtomicUsize> {
        // (Under loom every execution must touch the same atomics, and ids
        // go on counting from one execution to the next.)
        #[cfg(not(loom))]
        let start = super::thread_id() as usize;
        #[cfg(loom)]
        let start = 0;
        (0..self.parked.len())
            .map(|i| &self.parked[(start + i) % self.parked.len()])
            .find(|slot| {
                slot.compare_exchange(0, entry, Ordering::AcqRel, Ordering::Relaxed)
                    .is_ok()
            })
    }

    /// Wakes the word of every slot a cancel must reach (a trap: every
    /// slot); returns how many such slots it found taken.
    fn wake_parked(&self, trapped: bool) -> usize {
        let mut found = 0;
        for slot in self.parked.iter() {
            // A read-modify-write even of an empty slot: a thread's claim of
            // the slot is one too, so of the two, the later sees the earlier.
            // Either we see its entry, or its claim comes after our visit,
            // hence after the flag was set, and it sees the flag before it
            // parks. (A plain load here could miss a claim that itself
            // missed the flag.)
            let entry = slot.fetch_or(WAKING, Ordering::AcqRel);
            if entry & WAKING != 0 {
                // Another canceller is waking it right now.
                found += usize::from(entry & !FLAGS != 0);
                continue;
            }
            let address = entry & !FLAGS;
            if address != 0 && (trapped || entry & SHIELDED == 0) {
                found += 1;
                // SAFETY: `address` came from a `&AtomicU32` of a thread
                // that is inside `park`, and that thread cannot leave `park`
                // while WAKING is set in its slot (`Slot::leave` waits for
                // us to clear it below); until then the borrow it parks on
                // is alive. So the word is alive and aligned here.
                let word = unsafe { &*(address as *const AtomicU32) };
                futex::wake_all(word);
            }
            slot.fetch_and(!WAKING, Ordering::AcqRel);
        }
        found
    }
}

trait Slot {
    fn leave(&self, entry: usize);
}

impl Slot for AtomicUsize {
    /// Empties the slot this thread claimed. If a canceller is waking the
    /// word right now, waits for it to finish (a few instructions) first:
    /// the word must outlive the wake.
    fn leave(&self, entry: usize) {
        while self
            .compare_exchange(entry, 0, Ordering::AcqRel, Ordering::Relaxed)
            .is_err()
        {
            std::hint::spin_loop();
            #[cfg(loom)]
            loom::thread::yield_now();
        }
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
        assert!(!token.is_trapped());
    }

    #[test]
    fn a_trap_is_a_cancel_too_and_stays_one() {
        let token = CancelToken::new();
        token.trap();
        token.cancel();
        assert!(token.is_cancelled() && token.is_trapped());
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
                shielded(|| {
                    assert!(current().unwrap().same_as(&inner));
                    assert!(current_scope().1, "not shielded");
                });
                assert!(!current_scope().1);
            });
            assert!(!current().unwrap().is_cancelled());
        });
        assert!(current().is_none());
    }

    /// Every slot taken by a thread parked for good (a word nobody wakes)
    /// but the cancel's: the cancel reaches all of them, with no timeout.
    #[test]
    fn cancel_reaches_every_thread_parked_in_the_table() {
        let token = CancelToken::new();
        let word = Arc::new(AtomicU32::new(0));
        let parked: Vec<_> = (0..8)
            .map(|_| {
                let (token, word) = (token.clone(), word.clone());
                std::thread::spawn(move || {
                    // Looping, as the primitives do (a futex may wake spuriously).
                    while !token.is_cancelled() {
                        token.park(&word, 0, None, false);
                    }
                })
            })
            .collect();
        while token.parked_count() < 8 {
            std::thread::sleep(Duration::from_millis(1));
        }
        token.cancel();
        // Returned only once every one of them has left the table.
        assert_eq!(token.parked_count(), 0);
        parked.into_iter().for_each(|p| p.join().unwrap());
    }

    /// A plain cancel leaves a shielded park alone; a trap ends it.
    #[test]
    fn only_a_trap_reaches_a_shielded_park() {
        let token = CancelToken::new();
        let word = Arc::new(AtomicU32::new(0));
        let parked = {
            let (token, word) = (token.clone(), word.clone());
            std::thread::spawn(move || {
                while !token.is_trapped() {
                    token.park(&word, 0, None, true);
                }
            })
        };
        while token.parked_count() < 1 {
            std::thread::sleep(Duration::from_millis(1));
        }
        token.cancel();
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!(
            token.parked_count(),
            1,
            "a plain cancel ended a shielded park"
        );
        token.trap();
        assert_eq!(token.parked_count(), 0);
        parked.join().unwrap();
    }
}
