//! The atomic types the primitives use: std's, or loom's under `cfg(loom)`,
//! so that loom can explore every interleaving of the same code.

#[cfg(loom)]
pub use loom::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
#[cfg(not(loom))]
pub use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};

/// A cell for data handed between threads under an atomic protocol: std's
/// `UnsafeCell`, or loom's, which checks that the protocol really keeps
/// every read and write apart.
pub(crate) struct UnsafeCell<T>(
    #[cfg(loom)] loom::cell::UnsafeCell<T>,
    #[cfg(not(loom))] std::cell::UnsafeCell<T>,
);

impl<T> UnsafeCell<T> {
    pub(crate) fn new(value: T) -> Self {
        #[cfg(loom)]
        return Self(loom::cell::UnsafeCell::new(value));
        #[cfg(not(loom))]
        return Self(std::cell::UnsafeCell::new(value));
    }

    /// Gives `f` the only access to the value.
    ///
    /// # Safety
    ///
    /// Safety: the caller must make sure that no other access to the cell
    /// happens at the same time.
    pub(crate) unsafe fn with_mut<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        #[cfg(loom)]
        // SAFETY: the caller promises exclusive access; loom checks it.
        return self.0.with_mut(|p| f(unsafe { &mut *p }));
        #[cfg(not(loom))]
        // SAFETY: the caller promises exclusive access.
        return f(unsafe { &mut *self.0.get() });
    }
}
