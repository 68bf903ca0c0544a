//! Tests of the primitives: ordinary ones on std threads (`threads`), and
//! loom models (`loom_*`, built with `RUSTFLAGS="--cfg loom"`), as tokio
//! keeps them.
//!
//! The models run on loom's model of our futex (see `futex.rs`): wakes wake
//! exactly as many as asked, and a timed wait parks with a timeout that may
//! fire at any moment. Each model prints how many interleavings it explored.

#[cfg(loom)]
mod loom_barrier;
#[cfg(loom)]
mod loom_cancel;
#[cfg(loom)]
mod loom_condition;
#[cfg(loom)]
mod loom_event;
#[cfg(loom)]
mod loom_lock;
#[cfg(loom)]
mod loom_oneshot;
#[cfg(loom)]
mod loom_rlock;
#[cfg(loom)]
mod loom_semaphore;
#[cfg(loom)]
mod loom_signal;
#[cfg(loom)]
mod loom_trap;
#[cfg(not(loom))]
mod threads;

/// Runs `f` under loom in every interleaving it explores, and says how many.
#[cfg(loom)]
fn model(name: &str, f: impl Fn() + Sync + Send + 'static) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let runs = Arc::new(AtomicUsize::new(0));
    let counter = runs.clone();
    loom::model(move || {
        counter.fetch_add(1, Ordering::Relaxed);
        f();
    });
    eprintln!(
        "loom model {name}: {} interleavings",
        runs.load(Ordering::Relaxed)
    );
}
