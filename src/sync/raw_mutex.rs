//! The primitives' own small mutex, for their internal bookkeeping (the
//! waiter list of a [`super::Condition`]). Critical sections under it are a
//! few instructions long.
//!
//! It is the classic three-state futex mutex. On the page's main thread,
//! which may not park, it spins for its (short) turn instead.

use super::atomic::{AtomicU32, Ordering};
use super::futex;
use std::cell::UnsafeCell;
use std::ops::{Deref, DerefMut};

const UNLOCKED: u32 = 0;
const LOCKED: u32 = 1;
/// Locked, and someone may be parked: the unlocker must wake one.
const CONTENDED: u32 = 2;

pub(crate) struct RawMutex<T> {
    state: AtomicU32,
    value: UnsafeCell<T>,
}

// SAFETY: the value is reached only through a guard, and a guard exists
// only while `state` says locked, which one thread at a time can make so
// (the Acquire CAS/swap that takes the lock pairs with the Release swap that
// frees it). So the mutex hands `T` between threads one at a time, which
// needs `T: Send` and nothing more.
unsafe impl<T: Send> Sync for RawMutex<T> {}

impl<T> RawMutex<T> {
    pub(crate) fn new(value: T) -> Self {
        Self {
            state: AtomicU32::new(UNLOCKED),
            value: UnsafeCell::new(value),
        }
    }

    pub(crate) fn lock(&self) -> RawGuard<'_, T> {
        if self
            .state
            .compare_exchange(UNLOCKED, LOCKED, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            self.lock_slow();
        }
        RawGuard { mutex: self }
    }

    #[cold]
    fn lock_slow(&self) {
        if futex::can_block() {
            while self.state.swap(CONTENDED, Ordering::Acquire) != UNLOCKED {
                futex::wait(&self.state, CONTENDED, None);
            }
        } else {
            while self
                .state
                .compare_exchange_weak(UNLOCKED, CONTENDED, Ordering::Acquire, Ordering::Relaxed)
                .is_err()
            {
                std::hint::spin_loop();
                #[cfg(loom)]
                loom::thread::yield_now();
            }
        }
    }
}

pub(crate) struct RawGuard<'a, T> {
    mutex: &'a RawMutex<T>,
}

impl<T> Deref for RawGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the guard exists only while this thread holds the lock.
        unsafe { &*self.mutex.value.get() }
    }
}

impl<T> DerefMut for RawGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as in `deref`, and `&mut self` makes this the only borrow.
        unsafe { &mut *self.mutex.value.get() }
    }
}

impl<T> Drop for RawGuard<'_, T> {
    fn drop(&mut self) {
        if self.mutex.state.swap(UNLOCKED, Ordering::Release) == CONTENDED {
            futex::wake_one(&self.mutex.state);
        }
    }
}
