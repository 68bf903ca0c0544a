//! Threads: `spawn` a closure, get a handle to join.
//!
//! In the browser a thread is a web worker that shares the page's
//! `WebAssembly.Memory` (see [`pool`]): workers are started once and reused,
//! because starting one costs 15–20 ms. Natively a thread is a std thread.
//!
//! At most [`MAX_THREADS`] threads run at once. Asking for more is an error
//! and starts nothing.
//!
//! A handle is joined by blocking ([`JoinHandle::join`], on a worker) or by
//! awaiting ([`JoinHandle::join_async`], on the page's main thread, which
//! must never block).
//!
//! **Runs**: a thread spawned inside a [`CancelToken`](crate::sync::CancelToken) (spawned from within
//! `CancelToken::scope`, or by a thread that runs inside one) runs inside
//! the same token, so every wait it makes ends when the run is cancelled.
//! If such a thread panics (on wasm: traps), it traps the token (a cancel
//! that also ends the waits a cancel leaves alone: the thread may have
//! stopped holding a lock): the run cannot finish without it, so the
//! threads that wait for it must not wait on. Its join reports the panic's
//! message, and its place under the cap is freed, once, either way.

use crate::runtime::env;
use crate::sync::atomic::{AtomicUsize, Ordering};
use crate::sync::cancel;
use crate::sync::oneshot::OneShot;
use crate::sync::{futex, SyncError};
use std::sync::Arc;

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(target_arch = "wasm32")]
pub mod pool;

#[cfg(not(target_arch = "wasm32"))]
use native as backend;
#[cfg(target_arch = "wasm32")]
use pool as backend;

pub use backend::{
    current_index, init_host, prestart, retire_idle, set_idle_timeout, set_warm_floor, stats,
    until_quiet, until_warm, warm, warm_towards, RunInProgress,
};

/// The most threads that may run at once. Each worker costs a stack in the
/// one shared memory, which never shrinks.
pub const MAX_THREADS: usize = 256;

/// Why nothing was started.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpawnError {
    /// More than [`MAX_THREADS`] would run at once.
    TooMany {
        requested: usize,
        running: usize,
        limit: usize,
    },
    /// This page cannot run threads (not cross-origin isolated, or the
    /// runtime was not started).
    Unavailable(String),
}

impl std::fmt::Display for SpawnError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SpawnError::TooMany {
                requested,
                running,
                limit,
            } => write!(
                f,
                "{requested} more threads would make {} running, over the limit of {limit}",
                requested + running
            ),
            SpawnError::Unavailable(why) => write!(f, "threads are unavailable: {why}"),
        }
    }
}

impl std::error::Error for SpawnError {}

/// Why a join did not give the thread's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JoinError {
    /// The thread panicked, with this message.
    Panicked(String),
    /// The thread never ran: no worker could be started for it (why).
    NotStarted(String),
    /// `join` was called on the page's main thread, which may not block.
    WouldBlock,
    /// The joining thread's run was cancelled before the thread finished.
    Cancelled,
}

impl std::fmt::Display for JoinError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JoinError::Panicked(message) => write!(f, "the thread panicked: {message}"),
            JoinError::NotStarted(why) => write!(f, "the thread could not start: {why}"),
            JoinError::WouldBlock => f.write_str(futex::MAIN_THREAD_BLOCK_MESSAGE),
            JoinError::Cancelled => f.write_str("cancelled"),
        }
    }
}

impl std::error::Error for JoinError {}

/// Threads spawned and not yet finished, on every thread of the page.
static RUNNING: AtomicUsize = AtomicUsize::new(0);

/// Threads spawned and not yet finished.
pub fn running() -> usize {
    RUNNING.load(Ordering::SeqCst)
}

/// The most threads that may run at once in this browser: [`MAX_THREADS`],
/// or fewer where the browser lets a site run only so many workers (see
/// [`env::worker_limit`]) and the page's other workers need their share:
/// up to 16 processes and 16 spares (the pages' largest k) and the rayon
/// pool (one per core). Past the limit a browser queues a new worker
/// instead of failing, and threads waiting for each other would wait
/// forever: a clear error before it is better.
pub fn thread_cap(worker_limit: Option<usize>, cores: usize) -> usize {
    match worker_limit {
        Some(limit) => MAX_THREADS.min(limit.saturating_sub(32 + cores)),
        None => MAX_THREADS,
    }
}

/// The most threads that may run at once here (see [`thread_cap`]).
pub fn cap() -> usize {
    this_browsers_cap()
}

fn this_browsers_cap() -> usize {
    static CAP: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CAP.get_or_init(|| {
        let env = env::env();
        thread_cap(
            env::worker_limit(env.browser),
            env.hardware_concurrency as usize,
        )
    })
}

/// Claims `n` places under the cap, all or none.
fn reserve(n: usize) -> Result<(), SpawnError> {
    let cap = this_browsers_cap();
    RUNNING
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |running| {
            (running + n <= cap).then_some(running + n)
        })
        .map(|_| ())
        .map_err(|running| SpawnError::TooMany {
            requested: n,
            running,
            limit: cap,
        })
}

fn release_one() {
    RUNNING.fetch_sub(1, Ordering::SeqCst);
}

/// A spawned thread, to be joined once.
pub struct JoinHandle<T> {
    packet: Arc<OneShot<Result<T, JoinError>>>,
}

impl<T> JoinHandle<T> {
    /// Whether the thread has finished (its result is ready).
    pub fn is_finished(&self) -> bool {
        self.packet.is_done()
    }

    /// Blocks until the thread finishes. On the page's main thread, where
    /// it may not block, it returns [`JoinError::WouldBlock`] unless the
    /// thread has finished already.
    pub fn join(self) -> Result<T, JoinError> {
        self.packet.wait().map_err(|e| match e {
            SyncError::Cancelled => JoinError::Cancelled,
            _ => JoinError::WouldBlock,
        })?;
        self.take()
    }

    /// Waits for the thread without blocking this one.
    pub async fn join_async(self) -> Result<T, JoinError> {
        self.packet.wait_async().await;
        self.take()
    }

    fn take(self) -> Result<T, JoinError> {
        // The handle is consumed here, so this is the packet's one reader.
        self.packet
            .take()
            .unwrap_or_else(|| Err(JoinError::Panicked("the result was taken twice".into())))
    }
}

/// Awaits every handle, in order.
pub async fn join_all<T>(handles: Vec<JoinHandle<T>>) -> Vec<Result<T, JoinError>> {
    let mut results = Vec::with_capacity(handles.len());
    for handle in handles {
        results.push(handle.join_async().await);
    }
    results
}

/// Work for a thread, its result type erased: `work` runs the closure and
/// fills the packet; if it panics instead, `on_panic` fills the packet with
/// the message. Exactly one of them runs to the end, and it frees the
/// thread's place under the cap before the joiner can see the result (so a
/// joiner that spawns again at once is not refused).
pub(crate) struct Job {
    pub(crate) work: Box<dyn FnOnce() + Send>,
    pub(crate) on_panic: OnPanic,
}

/// Fails a job's handle: it panicked, or it never started.
pub(crate) type OnPanic = Box<dyn FnOnce(JoinError) + Send>;

fn job<T, F>(f: F) -> (Job, JoinHandle<T>)
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let packet = Arc::new(OneShot::new());
    let (done, panicked) = (packet.clone(), packet.clone());
    let place = Arc::new(Place::default());
    let failed_place = place.clone();
    let run = cancel::current();
    let failed_run = run.clone();
    let job = Job {
        work: Box::new(move || {
            // A worker runs one job after another: each is a new thread to
            // the primitives (an RLock the last job left held is not ours).
            crate::sync::new_thread_identity();
            let value = match &run {
                Some(token) => token.scope(f),
                None => f(),
            };
            crate::trace::flush();
            place.release();
            done.complete(Ok(value));
        }),
        on_panic: Box::new(move |failure| {
            failed_place.release();
            // The thread stopped where it stood, holding whatever it held:
            // a trap ends even the waits a plain cancel leaves alone.
            // Filled first: the joiner learns why before the others end.
            panicked.complete(Err(failure));
            if let Some(token) = failed_run {
                token.trap();
            }
        }),
    };
    (job, JoinHandle { packet })
}

/// A thread's place under the cap, given back once: by its job's end, or,
/// if it trapped (even after the job gave it back), by the runtime.
#[derive(Default)]
struct Place {
    released: std::sync::atomic::AtomicBool,
}

impl Place {
    fn release(&self) {
        if !self.released.swap(true, Ordering::SeqCst) {
            release_one();
        }
    }
}

/// Runs `f` on a new thread.
pub fn spawn<T, F>(f: F) -> Result<JoinHandle<T>, SpawnError>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    backend::check_available()?;
    reserve(1)?;
    let (job, handle) = job(f);
    backend::submit(vec![job]);
    Ok(handle)
}

/// Runs `f(0)`, …, `f(n - 1)` on `n` new threads, or none of them if `n`
/// more threads would pass the cap.
pub fn spawn_many<T, F>(n: usize, f: F) -> Result<Vec<JoinHandle<T>>, SpawnError>
where
    F: Fn(usize) -> T + Send + Sync + 'static,
    T: Send + 'static,
{
    backend::check_available()?;
    reserve(n)?;
    let f = Arc::new(f);
    let (jobs, handles) = (0..n)
        .map(|i| {
            let f = f.clone();
            job(move || f(i))
        })
        .unzip();
    backend::submit(jobs);
    Ok(handles)
}

/// What the pool holds, for the capabilities strip and the system check.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PoolStats {
    /// Workers started and not exited (including ones still loading).
    pub workers: usize,
    /// Workers that have loaded and wait for work.
    pub idle: usize,
    /// Workers ever started.
    pub started_total: usize,
    /// Workers ever retired.
    pub retired_total: usize,
    /// Mean time from `new Worker` to ready, over every worker started.
    pub cold_start_mean_ms: f64,
    /// Workers that became ready, ever.
    pub ready_total: usize,
    /// Summed over those, ms in each phase of a cold start (see
    /// `pool::START_PHASES`).
    pub start_phase_total_ms: [f64; 5],
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::runtime::executor::block_on;

    #[test]
    fn where_the_browser_limits_workers_the_cap_leaves_room_for_the_others() {
        // Firefox's 512 leaves room for all 256, processes and rayon too.
        assert_eq!(thread_cap(env::worker_limit("Firefox 153"), 2), MAX_THREADS);
        assert_eq!(
            thread_cap(env::worker_limit("Chromium 156"), 64),
            MAX_THREADS
        );
        // A browser that allowed only 200 would get 200 - 32 - cores.
        assert_eq!(thread_cap(Some(200), 4), 164);
        assert_eq!(thread_cap(Some(20), 4), 0);
    }

    #[test]
    fn spawn_and_join_give_the_value() {
        let handle = spawn(|| 6 * 7).unwrap();
        assert_eq!(handle.join(), Ok(42));
    }

    #[test]
    fn join_async_gives_the_value() {
        let handles = spawn_many(8, |i| i * i).unwrap();
        let values: Vec<_> = block_on(join_all(handles))
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(values, (0..8).map(|i| i * i).collect::<Vec<_>>());
    }

    #[test]
    fn a_panic_is_reported_to_the_joiner() {
        let handle = spawn(|| -> u32 { panic!("boom") }).unwrap();
        match handle.join() {
            Err(JoinError::Panicked(message)) => assert!(message.contains("boom"), "{message}"),
            other => panic!("expected a panic, got {other:?}"),
        }
    }

    #[test]
    fn over_the_cap_nothing_starts() {
        let started = Arc::new(AtomicUsize::new(0));
        let counter = started.clone();
        let refused = spawn_many(MAX_THREADS + 1, move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        assert!(
            matches!(refused, Err(SpawnError::TooMany { requested, .. }) if requested == MAX_THREADS + 1)
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert_eq!(started.load(Ordering::SeqCst), 0);
    }
}
