//! The primitives' own small mutex, for their internal bookkeeping (the
//! waiter list of a [`super::Condition`]). Critical sections under it are a
//! few instructions long, and never allocate: a thread that trapped inside
//! one (out of memory, say) would leave it locked for good.
//!
//! It is the classic three-state futex mutex. On the page's main thread,
//! which may not park, it spins for its (short) turn instead, and not
//! forever: should the mutex stay taken for a whole second (its holder
//! trapped inside after all), it panics with a message, which the page
//! shows, rather than freeze the tab.

use super::atomic::{AtomicU32, Ordering};
use super::futex;
use std::cell::UnsafeCell;
use std::marker::PhantomData;
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
        RawGuard {
            mutex: self,
            not_send: PhantomData,
        }
    }

    #[cold]
    fn lock_slow(&self) {
        if futex::can_block() {
            while self.state.swap(CONTENDED, Ordering::Acquire) != UNLOCKED {
                futex::wait(&self.state, CONTENDED, None);
            }
        } else {
            #[cfg_attr(loom, allow(unused_variables))]
            let give_up_at = super::now_ms() + MAIN_THREAD_SPIN_MS;
            while self
                .state
                .compare_exchange_weak(UNLOCKED, CONTENDED, Ordering::Acquire, Ordering::Relaxed)
                .is_err()
            {
                std::hint::spin_loop();
                #[cfg(loom)]
                loom::thread::yield_now();
                #[cfg(not(loom))]
                if super::now_ms() > give_up_at {
                    panic!("{STUCK_MESSAGE}");
                }
            }
        }
    }
}

/// How long the page's main thread spins for the mutex before it gives up.
const MAIN_THREAD_SPIN_MS: f64 = 1000.0;

#[cfg_attr(loom, allow(dead_code))]
pub(crate) const STUCK_MESSAGE: &str =
    "an internal lock of the primitives stayed taken for a second: the thread holding it stopped";

/// Holds the mutex. Neither `Send` (it is let go by the thread that took
/// it) nor, unless `T` is, `Sync`: shared, it hands out `&T` on every
/// thread that shares it, as std's guards.
pub(crate) struct RawGuard<'a, T> {
    mutex: &'a RawMutex<T>,
    not_send: PhantomData<*const ()>,
}

// SAFETY: a shared `&RawGuard` gives only `&T` (through `Deref`), so
// sharing the guard between threads is sharing `&T`, sound when `T: Sync`.
unsafe impl<T: Sync> Sync for RawGuard<'_, T> {}

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
