//! `Barrier`: Python's `threading.Barrier`, where `parties` threads wait
//! for each other.
//!
//! Built as CPython builds it, on a lock and a condition (ours): the barrier
//! fills, then drains (every thread leaves before the next round can fill),
//! so a thread never mistakes the next round's trip for its own. A wait
//! that times out or is cancelled, or an action that panics, breaks the
//! barrier for everyone, as in Python (`except: self._break(); raise`): the
//! others get `BrokenBarrier` instead of waiting for a party that is gone.
//!
//! On the page's main thread, which may not block, `wait` works only for
//! the party that completes the barrier (it need not wait); any other
//! arrival there is refused with `WouldBlock` before it counts, rather than
//! breaking the barrier for everyone.

use super::condition::ConditionGuard;
use super::{futex, Condition, Lock, SyncError};
use std::cell::Cell;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Filling,
    Draining,
    Resetting,
    Broken,
}

#[derive(Clone, Copy)]
struct State {
    phase: Phase,
    /// Threads inside `wait` (arriving, or leaving while draining).
    count: usize,
}

pub struct Barrier {
    parties: usize,
    timeout: Option<Duration>,
    action: Option<Box<dyn Fn() + Send + Sync>>,
    condition: Condition<Lock>,
    // Read and written only with `condition`'s lock held.
    state: LockedCell<State>,
}

/// A cell whose every access is under the barrier's lock.
struct LockedCell<T>(Cell<T>);

// SAFETY: every `get`/`set` of the cell happens with the barrier's own
// `Lock` held (every caller of `with_state`/`phase` holds it), so accesses
// from different threads never overlap, and the lock's Acquire/Release
// orders them.
unsafe impl<T: Send> Sync for LockedCell<T> {}

impl Barrier {
    /// Python's `Barrier(parties)`.
    pub fn new(parties: usize) -> Result<Self, SyncError> {
        Self::with_options(parties, None, None)
    }

    /// Python's `Barrier(parties, action, timeout)`: `action` runs in one
    /// of the threads when the barrier trips; `timeout` is the default
    /// for `wait`.
    pub fn with_options(
        parties: usize,
        action: Option<Box<dyn Fn() + Send + Sync>>,
        timeout: Option<Duration>,
    ) -> Result<Self, SyncError> {
        if parties == 0 {
            return Err(SyncError::InvalidArgument("parties must be one or more"));
        }
        Ok(Self {
            parties,
            timeout,
            action,
            condition: Condition::with_lock(Lock::new()),
            state: LockedCell(Cell::new(State {
                phase: Phase::Filling,
                count: 0,
            })),
        })
    }

    pub fn parties(&self) -> usize {
        self.parties
    }

    /// Runs `f` on the state; the caller holds the lock.
    fn with_state<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        let mut state = self.state.0.get();
        let result = f(&mut state);
        self.state.0.set(state);
        result
    }

    /// The phase; the caller holds the lock.
    fn phase(&self) -> Phase {
        self.state.0.get().phase
    }

    /// Python's `wait(timeout=None)`: returns this thread's arrival index,
    /// 0 to parties − 1, once all have arrived.
    pub fn wait(&self, timeout: Option<Duration>) -> Result<usize, SyncError> {
        let timeout = timeout.or(self.timeout);
        let guard = self.condition.lock()?;
        // Wait for the previous round to drain (or a reset to finish).
        guard.wait_for(
            || !matches!(self.phase(), Phase::Draining | Phase::Resetting),
            None,
        )?;
        if !futex::can_block() && !self.completes_it() {
            return Err(SyncError::WouldBlock);
        }
        // Dropped before `guard`, so with the lock still held: on every way
        // out, a normal return, an error or a panic that unwinds.
        let _leaving = Leaving {
            barrier: self,
            guard: &guard,
        };
        self.arrive(&guard, timeout)
    }

    /// Whether one more arrival trips the barrier; the caller holds the lock.
    fn completes_it(&self) -> bool {
        let state = self.state.0.get();
        state.phase == Phase::Filling && state.count + 1 == self.parties
    }

    fn arrive(
        &self,
        guard: &ConditionGuard<'_, Lock>,
        timeout: Option<Duration>,
    ) -> Result<usize, SyncError> {
        let index = self.with_state(|s| {
            s.count += 1;
            s.count - 1
        });
        if self.phase() == Phase::Broken {
            return Err(SyncError::BrokenBarrier);
        }
        if index + 1 == self.parties {
            if let Some(action) = &self.action {
                let _breaks = BreakIfUnwinding(self);
                action();
            }
            self.with_state(|s| s.phase = Phase::Draining);
            guard.notify_all()?;
            return Ok(index);
        }
        match guard.wait_for(|| self.phase() != Phase::Filling, timeout) {
            Ok(true) => {}
            // A thread of the run trapped while we waited (maybe in the
            // action, holding the lock): we do not hold the lock, so the
            // state is not ours to touch.
            Err(SyncError::Trapped) => return Err(SyncError::Trapped),
            // Timed out or cancelled: nobody may wait for us any more.
            other => {
                self.break_barrier();
                other?;
                return Err(SyncError::BrokenBarrier);
            }
        }
        match self.phase() {
            Phase::Draining => Ok(index),
            _ => Err(SyncError::BrokenBarrier),
        }
    }

    /// Breaks the barrier and wakes every waiter; the caller holds the lock.
    fn break_barrier(&self) {
        self.with_state(|s| s.phase = Phase::Broken);
        let _ = self.condition.notify_all();
    }

    /// Leaving `wait`: the last one out of a drain or a reset opens the
    /// next round.
    fn leave(&self) {
        let reopen = self.with_state(|s| {
            s.count -= 1;
            let last = s.count == 0 && matches!(s.phase, Phase::Draining | Phase::Resetting);
            if last {
                s.phase = Phase::Filling;
            }
            last
        });
        if reopen {
            let _ = self.condition.notify_all();
        }
    }

    /// Python's `abort()`: breaks the barrier; waiters get `BrokenBarrier`.
    pub fn abort(&self) -> Result<(), SyncError> {
        let _guard = self.condition.lock()?;
        self.break_barrier();
        Ok(())
    }

    /// Python's `reset()`: back to empty; threads waiting now get
    /// `BrokenBarrier`, and the barrier is whole again once they have left.
    pub fn reset(&self) -> Result<(), SyncError> {
        let _guard = self.condition.lock()?;
        self.with_state(|s| {
            s.phase = match (s.count, s.phase) {
                (0, _) => Phase::Filling,
                (_, Phase::Draining) => Phase::Draining,
                _ => Phase::Resetting,
            }
        });
        self.condition.notify_all()
    }

    /// Python's `broken`.
    pub fn broken(&self) -> Result<bool, SyncError> {
        let _guard = self.condition.lock()?;
        Ok(self.phase() == Phase::Broken)
    }

    /// Python's `n_waiting`: threads waiting for the barrier to trip.
    pub fn n_waiting(&self) -> Result<usize, SyncError> {
        let _guard = self.condition.lock()?;
        let state = self.state.0.get();
        Ok(if state.phase == Phase::Filling {
            state.count
        } else {
            0
        })
    }
}

/// Leaves the barrier when `wait` returns or unwinds (Python's `_exit`),
/// if it still holds the lock (a trap in the run may have ended its wait
/// without it).
struct Leaving<'a, 'g> {
    barrier: &'a Barrier,
    guard: &'g ConditionGuard<'a, Lock>,
}

impl Drop for Leaving<'_, '_> {
    fn drop(&mut self) {
        if self.guard.holds() {
            self.barrier.leave();
        }
    }
}

/// Breaks the barrier if the action panics and unwinds (natively; on wasm
/// a panic aborts the thread, and its run's cancel ends the others' waits).
struct BreakIfUnwinding<'a>(&'a Barrier);

impl Drop for BreakIfUnwinding<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.break_barrier();
        }
    }
}
