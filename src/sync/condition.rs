//! `Condition`: Python's `threading.Condition`.
//!
//! As in CPython, every waiter gets a slot of its own, queued in order; a
//! `notify(n)` takes the first `n` slots off the queue and wakes exactly
//! those threads, so it never wakes more than `n`. A waiter queues its slot
//! *before* it releases the lock, and a notify must hold the lock, so a
//! notify that follows a wait always finds its slot: no wake-up is lost. A
//! notify with nobody waiting does nothing (the hazard of notifying before
//! the other thread waits, which the condition page shows, and which
//! [`Condition::wait_for`] with a predicate cures).
//!
//! The queue has its own small mutex, so it stays sound even when the user's
//! lock is a plain [`Lock`], which any thread may release. Nothing allocates
//! while that mutex is held (the queue grows outside it, a notify takes its
//! slots one at a time): a thread that ran out of memory there would trap
//! and leave it locked for good.
//!
//! A thread that traps while it holds the user's lock (a panic inside
//! `with condition:`, out of memory inside `wait`) can never release it. Its
//! run is then trapped ([`CancelToken::trap`](super::CancelToken::trap)),
//! and a waiter taking the lock back gives up: `wait` returns
//! [`SyncError::Trapped`] without the lock, and its guard no longer
//! releases it.
//!
//! A waiter that gives up (timeout or cancel) takes the lock back first and
//! only then takes its slot off the queue, as CPython does: a notify needs
//! the lock, so once the waiter holds it no notify can be in flight, and its
//! slot is either still queued (nobody notified it) or gone (a notify took
//! it). Taking the slot off *before* the lock is back would open a window in
//! which a notify finds nobody, though the waiter has not returned yet. One
//! difference from CPython: when the timeout and a notify cross (the slot is
//! gone), CPython returns `False` and the notification is lost; here the
//! waiter returns `true`, so a notify always reaches a waiter.

use super::atomic::{AtomicU32, Ordering};
use super::raw_mutex::RawMutex;
use super::{cancel, futex, is_zero, next_primitive_id, Deadline, Lock, RLock, SyncError};
use crate::trace::{self, Event};
use std::cell::Cell;
use std::collections::VecDeque;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

/// What a condition needs from its lock: Python's `_is_owned`,
/// `_release_save` and `_acquire_restore`.
pub trait ConditionLock {
    /// What `release_save` must hand back to `acquire_restore`.
    type Saved;

    fn acquire(&self, blocking: bool, timeout: Option<Duration>) -> Result<bool, SyncError>;
    fn release(&self) -> Result<(), SyncError>;
    /// Whether the caller may wait or notify. For an [`RLock`]: it is the
    /// owner. For a [`Lock`], which has no owner: it is locked (as CPython).
    fn is_owned(&self) -> bool;
    /// Frees the lock completely, for the length of a wait.
    fn release_save(&self) -> Self::Saved;
    /// Takes it back as it was (blocking, and not cancellable: a wait
    /// returns holding the lock, whatever happened; only a trap in the run
    /// ends it, with [`SyncError::Trapped`] and without the lock).
    fn acquire_restore(&self, saved: Self::Saved) -> Result<(), SyncError>;
}

impl ConditionLock for Lock {
    type Saved = ();

    fn acquire(&self, blocking: bool, timeout: Option<Duration>) -> Result<bool, SyncError> {
        Lock::acquire(self, blocking, timeout)
    }
    fn release(&self) -> Result<(), SyncError> {
        Lock::release(self)
    }
    fn is_owned(&self) -> bool {
        self.locked()
    }
    fn release_save(&self) {
        let _ = Lock::release(self);
    }
    fn acquire_restore(&self, (): ()) -> Result<(), SyncError> {
        cancel::shielded(|| Lock::acquire(self, true, None)).map(drop)
    }
}

impl ConditionLock for RLock {
    type Saved = u32;

    fn acquire(&self, blocking: bool, timeout: Option<Duration>) -> Result<bool, SyncError> {
        RLock::acquire(self, blocking, timeout)
    }
    fn release(&self) -> Result<(), SyncError> {
        RLock::release(self)
    }
    fn is_owned(&self) -> bool {
        RLock::is_owned(self)
    }
    fn release_save(&self) -> u32 {
        self.release_all()
    }
    fn acquire_restore(&self, depth: u32) -> Result<(), SyncError> {
        self.restore(depth)
    }
}

/// A lock shared with other conditions (Python: `Condition(shared_lock)`).
impl<L: ConditionLock> ConditionLock for Arc<L> {
    type Saved = L::Saved;

    fn acquire(&self, blocking: bool, timeout: Option<Duration>) -> Result<bool, SyncError> {
        (**self).acquire(blocking, timeout)
    }
    fn release(&self) -> Result<(), SyncError> {
        (**self).release()
    }
    fn is_owned(&self) -> bool {
        (**self).is_owned()
    }
    fn release_save(&self) -> L::Saved {
        (**self).release_save()
    }
    fn acquire_restore(&self, saved: L::Saved) -> Result<(), SyncError> {
        (**self).acquire_restore(saved)
    }
}

const WAITING: u32 = 0;
const NOTIFIED: u32 = 1;

/// One waiting thread's slot: a futex word of its own.
struct Slot {
    state: AtomicU32,
}

pub struct Condition<L: ConditionLock = RLock> {
    lock: L,
    waiters: RawMutex<VecDeque<Arc<Slot>>>,
    id: u32,
}

impl Default for Condition<RLock> {
    fn default() -> Self {
        Self::new()
    }
}

impl Condition<RLock> {
    /// Python's `Condition()`: with a new [`RLock`].
    pub fn new() -> Self {
        Self::with_lock(RLock::new())
    }
}

impl<L: ConditionLock> Condition<L> {
    /// Python's `Condition(lock)`.
    pub fn with_lock(lock: L) -> Self {
        Self {
            lock,
            waiters: RawMutex::new(VecDeque::new()),
            id: next_primitive_id(),
        }
    }

    pub fn trace_id(&self) -> u32 {
        self.id
    }

    /// The underlying lock.
    pub fn inner(&self) -> &L {
        &self.lock
    }

    pub fn acquire(&self, blocking: bool, timeout: Option<Duration>) -> Result<bool, SyncError> {
        self.lock.acquire(blocking, timeout)
    }

    pub fn release(&self) -> Result<(), SyncError> {
        self.lock.release()
    }

    /// Python's `with condition:`.
    pub fn lock(&self) -> Result<ConditionGuard<'_, L>, SyncError> {
        self.lock.acquire(true, None)?;
        Ok(ConditionGuard {
            condition: self,
            held: Cell::new(true),
            not_send: PhantomData,
        })
    }

    /// Python's `wait(timeout=None)`: frees the lock, waits for a notify
    /// (or the timeout), takes the lock back. `Ok(false)` if it timed out;
    /// `Err(Cancelled)` if the run was cancelled first (the lock is held
    /// again either way); `Err(Trapped)` if a thread of the run trapped
    /// while the lock was away (the lock is *not* held then).
    pub fn wait(&self, timeout: Option<Duration>) -> Result<bool, SyncError> {
        if !self.lock.is_owned() {
            return Err(SyncError::NotHeld);
        }
        if !futex::can_block() {
            return if is_zero(timeout) {
                Ok(false)
            } else {
                Err(SyncError::WouldBlock)
            };
        }
        let slot = Arc::new(Slot {
            state: AtomicU32::new(WAITING),
        });
        // Queued while we still hold the lock: any notify after this point
        // (it must take the lock) finds us.
        self.enqueue(slot.clone());
        trace::record(self.id, Event::Wait);
        let saved = self.lock.release_save();

        let deadline = Deadline::after(timeout);
        loop {
            if slot.state.load(Ordering::Acquire) == NOTIFIED
                || !deadline.park(&slot.state, WAITING)
            {
                break;
            }
        }

        // The lock first, then the slot (see the module's notes).
        let restored = self.lock.acquire_restore(saved);
        let notified = {
            let mut waiters = self.waiters.lock();
            match waiters.iter().position(|s| Arc::ptr_eq(s, &slot)) {
                Some(at) => {
                    waiters.remove(at);
                    false
                }
                None => true,
            }
        };
        trace::record(
            self.id,
            if notified {
                Event::Woken
            } else {
                Event::TimedOut
            },
        );
        restored?;
        if notified {
            Ok(true)
        } else {
            deadline.give_up()
        }
    }

    /// Queues a waiter's slot. The queue's storage grows outside its mutex,
    /// so that nothing allocates while the mutex is held.
    fn enqueue(&self, slot: Arc<Slot>) {
        let mut bigger: Option<VecDeque<Arc<Slot>>> = None;
        loop {
            let mut waiters = self.waiters.lock();
            if waiters.len() < waiters.capacity() {
                waiters.push_back(slot);
                return;
            }
            if let Some(mut storage) = bigger.take() {
                if storage.capacity() > waiters.len() {
                    // Moves the slots over (no allocation: there is room),
                    // and the old storage is freed after the mutex.
                    storage.extend(waiters.drain(..));
                    std::mem::swap(&mut *waiters, &mut storage);
                    waiters.push_back(slot);
                    drop(waiters);
                    return;
                }
            }
            let room = (waiters.len() + 1).max(4) * 2;
            drop(waiters);
            bigger = Some(VecDeque::with_capacity(room));
        }
    }

    /// Python's `wait_for(predicate, timeout=None)`: waits until the
    /// predicate holds (checked with the lock held, before any wait and
    /// after each). Returns the predicate's last value. As in CPython, it
    /// waits at least once if the predicate is false, even with a zero
    /// timeout (which lets go of the lock and takes it back once).
    pub fn wait_for(
        &self,
        mut predicate: impl FnMut() -> bool,
        timeout: Option<Duration>,
    ) -> Result<bool, SyncError> {
        let deadline = Deadline::after(timeout);
        let mut waited = false;
        loop {
            if predicate() {
                return Ok(true);
            }
            let left = match deadline.remaining() {
                Some(left) => left,
                None if !waited => Some(Duration::ZERO),
                None => return Ok(false),
            };
            self.wait(left)?;
            waited = true;
        }
    }

    /// Python's `notify(n=1)`: wakes up to `n` of the waiting threads, the
    /// longest-waiting first.
    pub fn notify(&self, n: usize) -> Result<(), SyncError> {
        if !self.lock.is_owned() {
            return Err(SyncError::NotHeld);
        }
        trace::record(self.id, Event::Notify);
        for _ in 0..n {
            // One slot at a time: nothing is collected (allocated) under
            // the queue's mutex. Waiters queue and leave only while holding
            // the lock, which we hold, so these are the first `n` of them.
            let Some(slot) = self.waiters.lock().pop_front() else {
                break;
            };
            slot.state.store(NOTIFIED, Ordering::Release);
            futex::wake_one(&slot.state);
        }
        Ok(())
    }

    /// Python's `notify_all()`.
    pub fn notify_all(&self) -> Result<(), SyncError> {
        self.notify(usize::MAX)
    }

    /// Threads waiting now (for display).
    pub fn waiting(&self) -> usize {
        self.waiters.lock().len()
    }
}

/// Holds a [`Condition`]'s lock until dropped; waits and notifies through it.
///
/// Not `Send`: over an [`RLock`], only the thread that took it may let go
/// (elsewhere the release would fail, silently, in the drop).
#[must_use = "the lock is released when the guard is dropped"]
pub struct ConditionGuard<'a, L: ConditionLock> {
    condition: &'a Condition<L>,
    /// False once a wait ended without taking the lock back (a trap).
    held: Cell<bool>,
    not_send: PhantomData<*const ()>,
}

impl<L: ConditionLock> ConditionGuard<'_, L> {
    /// Whether the guard still holds the lock (false after a wait ended
    /// by a trap in the run).
    pub fn holds(&self) -> bool {
        self.held.get()
    }

    /// Runs `f` if the guard still holds the lock, and notes when `f` ended
    /// without taking it back.
    fn holding<T>(&self, f: impl FnOnce() -> Result<T, SyncError>) -> Result<T, SyncError> {
        if !self.held.get() {
            return Err(SyncError::Trapped);
        }
        let outcome = f();
        if outcome.as_ref().err() == Some(&SyncError::Trapped) {
            self.held.set(false);
        }
        outcome
    }

    pub fn wait(&self, timeout: Option<Duration>) -> Result<bool, SyncError> {
        self.holding(|| self.condition.wait(timeout))
    }

    pub fn wait_for(
        &self,
        predicate: impl FnMut() -> bool,
        timeout: Option<Duration>,
    ) -> Result<bool, SyncError> {
        self.holding(|| self.condition.wait_for(predicate, timeout))
    }

    pub fn notify(&self, n: usize) -> Result<(), SyncError> {
        self.holding(|| self.condition.notify(n))
    }

    pub fn notify_all(&self) -> Result<(), SyncError> {
        self.holding(|| self.condition.notify_all())
    }
}

impl<L: ConditionLock> Drop for ConditionGuard<'_, L> {
    fn drop(&mut self) {
        if self.held.get() {
            let _ = self.condition.lock.release();
        }
    }
}
