//! Synchronisation, built on one small futex layer.
//!
//! Everything that parks a thread goes through [`futex`]: on wasm32 that is
//! `memory.atomic.wait32` / `memory.atomic.notify` on the shared memory, on
//! Linux the futex system call, and under `cfg(loom)` loom's model of a
//! mutex and condition variable. The code above it is the same everywhere,
//! so what runs in the browser is what is tested natively and model-checked.

pub mod atomic;
pub mod futex;
