//! Native threads: one std thread per spawned closure. Starting an OS thread
//! costs tens of microseconds, so there is nothing to pool.

use super::{Job, PoolStats, SpawnError};
use std::panic::AssertUnwindSafe;

pub fn init_host() {}

pub fn check_available() -> Result<(), SpawnError> {
    Ok(())
}

pub(super) fn submit(jobs: Vec<Job>) {
    for Job { work, on_panic } in jobs {
        std::thread::spawn(move || {
            if let Err(payload) = std::panic::catch_unwind(AssertUnwindSafe(work)) {
                on_panic(super::JoinError::Panicked(
                    crate::runtime::panic::payload_message(payload.as_ref()),
                ));
            }
        });
    }
}

/// Native threads start in microseconds: nothing to warm.
pub async fn prestart(_count: usize) {}

/// Nothing is kept warm natively.
pub async fn retire_idle() {}

pub async fn until_quiet() {}

pub fn set_warm_floor(_count: usize) {}

/// Native threads start in microseconds: nothing to warm.
pub fn warm_towards(_count: usize, _urgent: bool) {}

/// Natively there is nothing to wait for.
pub async fn until_warm(_count: usize) {}

/// Natively no worker waits: every thread is a new one.
pub fn warm() -> usize {
    0
}

/// Natively there is no warming for a run to pause.
pub struct RunInProgress(());

impl RunInProgress {
    pub fn begin() -> Self {
        RunInProgress(())
    }
}

pub fn set_idle_timeout(_timeout: std::time::Duration) {}

pub fn stats() -> PoolStats {
    PoolStats::default()
}

/// Natively there is no worker numbering; every thread is 0.
pub fn current_index() -> usize {
    0
}
