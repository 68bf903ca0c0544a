//! The atomic types the primitives use: std's, or loom's under `cfg(loom)`,
//! so that loom can explore every interleaving of the same code.

#[cfg(loom)]
pub use loom::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
#[cfg(not(loom))]
pub use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
