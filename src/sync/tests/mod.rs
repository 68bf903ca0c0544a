//! Tests of the primitives: ordinary ones on std threads (`threads`), and
//! loom models (`loom_*`, built with `RUSTFLAGS="--cfg loom"`), as tokio
//! keeps them.

#[cfg(loom)]
mod loom_condition;
#[cfg(loom)]
mod loom_lock;
#[cfg(loom)]
mod loom_semaphore;
#[cfg(not(loom))]
mod threads;
