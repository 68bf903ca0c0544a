//! The worker pool behind threads in the browser.
//!
//! A worker costs 15–20 ms to start (most of it loading and instantiating
//! the module), so workers are kept and reused: a spawned closure goes into
//! one shared queue, and idle workers take closures from it. They park on a
//! futex word while idle, so a spawn wakes one of them in microseconds.
//!
//! Only the host (the page's main thread, or a test's worker) may create
//! workers, because a worker that creates a worker and then blocks never
//! sees its child start. So the pool grows like this: whoever spawns counts
//! the closure in `RUNNING`; if that is more than the workers there are, it
//! asks the host (directly if it is the host, otherwise by bumping a futex
//! word the host awaits with `Atomics.waitAsync`). The host starts the
//! missing workers.
//!
//! A host that is itself a worker (a test) must not block while a worker it
//! started is still loading: Chromium can leave that worker stuck for good.
//! [`prestart`] also waits for every worker still loading; await it first.
//!
//! Idle workers above the warm floor retire after a while; a retiring worker
//! calls `__wbindgen_thread_destroy` (in worker.js) to give its stack back,
//! without which every finished worker would leave ~2 MB behind in a memory
//! that never shrinks.

use super::{Job, JoinError, OnPanic, PoolStats, SpawnError, RUNNING};
use crate::clock::now_ms;
use crate::runtime::workers_js;
use crate::sync::futex::{self, WaitOutcome};
use crate::sync::Signal;
use crossbeam_queue::SegQueue;
use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicUsize, Ordering::SeqCst};
use std::time::Duration;
use wasm_bindgen::prelude::*;

struct Pool {
    queue: SegQueue<Job>,
    /// What idle workers park on; notified on every push and retire request.
    signal: Signal,
    /// Workers started (or starting) and not exited.
    workers: AtomicUsize,
    idle: AtomicUsize,
    /// Idle workers asked to exit now (by `retire_idle`).
    retire_requests: AtomicUsize,
    /// Futex words: workers that became ready / exited, ever.
    ready_total: AtomicU32,
    exited_total: AtomicU32,
    started_total: AtomicUsize,
    /// Bumped by a non-host thread that needs more workers.
    grow_requests: AtomicU32,
    cold_start_us_total: AtomicU64,
    /// Summed over every worker started: µs in each phase of a cold start
    /// (see [`StartPhase`]).
    phase_us_total: [AtomicU64; START_PHASES],
    /// Idle workers beyond this many retire after `idle_timeout_ms`.
    warm_floor: AtomicUsize,
    idle_timeout_ms: AtomicU32,
    /// Set once the host is ready; cleared if workers cannot load at all.
    available: AtomicBool,
    /// How many workers the page wants ready before it is asked (see
    /// [`warm_towards`]); a futex word the warmer awaits.
    warm_target: AtomicU32,
    /// The target is for a run that waits for it: no batches.
    warm_urgent: AtomicBool,
    /// Runs in progress: the warmer waits while there are any, so that its
    /// loading workers neither compete with what a run measures nor undo a
    /// cold start on purpose.
    runs_active: AtomicU32,
    /// Workers that failed to load: ever, and since the last that loaded.
    failed_total: AtomicU32,
    failed_in_a_row: AtomicU32,
    /// 1 while the latest demand for workers may still try once more after
    /// a worker failed to load.
    retry_budget: AtomicU32,
    /// When a worker was last started, became ready or failed (bits of the
    /// shared clock's ms): how long the pool has gone without progress.
    last_progress_ms: AtomicU64,
    /// Workers the browser holds back (queued, never loading: too many
    /// workers for this site, other tabs included), or 0.
    held_back: AtomicU32,
}

static POOL: Pool = Pool {
    queue: SegQueue::new(),
    signal: Signal::new(),
    workers: AtomicUsize::new(0),
    idle: AtomicUsize::new(0),
    retire_requests: AtomicUsize::new(0),
    ready_total: AtomicU32::new(0),
    exited_total: AtomicU32::new(0),
    started_total: AtomicUsize::new(0),
    grow_requests: AtomicU32::new(0),
    cold_start_us_total: AtomicU64::new(0),
    phase_us_total: [const { AtomicU64::new(0) }; START_PHASES],
    warm_floor: AtomicUsize::new(0),
    idle_timeout_ms: AtomicU32::new(60_000),
    available: AtomicBool::new(false),
    warm_target: AtomicU32::new(0),
    warm_urgent: AtomicBool::new(false),
    runs_active: AtomicU32::new(0),
    failed_total: AtomicU32::new(0),
    failed_in_a_row: AtomicU32::new(0),
    retry_budget: AtomicU32::new(0),
    last_progress_ms: AtomicU64::new(0),
    held_back: AtomicU32::new(0),
};

/// What only the host thread holds: JS values cannot cross threads.
struct Host {
    glue: String,
    module: JsValue,
    memory: JsValue,
    on_failure: Closure<dyn FnMut(String)>,
}

thread_local! {
    static HOST: RefCell<Option<Host>> = const { RefCell::new(None) };
    /// 0 on the host, 1.. on workers, in the order they were started.
    static INDEX: Cell<usize> = const { Cell::new(0) };
    /// What to do if the job running on this worker panics.
    static ON_PANIC: Cell<Option<OnPanic>> = const { Cell::new(None) };
    /// Host only: why the last worker failed to load.
    static LAST_FAILURE: RefCell<Option<String>> = const { RefCell::new(None) };
}

static UNAVAILABLE_REASON: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Makes this thread the host: the one that starts workers. Idempotent.
pub fn init_host() {
    if HOST.with(|h| h.borrow().is_some()) {
        return;
    }
    let host = Host {
        glue: workers_js::glue_url(),
        module: wasm_bindgen::module(),
        memory: wasm_bindgen::memory(),
        on_failure: Closure::new(worker_failed),
    };
    HOST.with(|h| *h.borrow_mut() = Some(host));
    POOL.available.store(true, SeqCst);
    wasm_bindgen_futures::spawn_local(serve_grow_requests());
    // One warm worker per core from the start, whatever page opens.
    warm_towards(0, true);
    wasm_bindgen_futures::spawn_local(keep_warm());
}

fn is_host() -> bool {
    HOST.with(|h| h.borrow().is_some())
}

pub fn check_available() -> Result<(), SpawnError> {
    if let Some(reason) = UNAVAILABLE_REASON.get() {
        return Err(SpawnError::Unavailable(reason.clone()));
    }
    if !POOL.available.load(SeqCst) {
        return Err(SpawnError::Unavailable(
            "the runtime was not started (runtime::init)".into(),
        ));
    }
    Ok(())
}

pub(super) fn submit(jobs: Vec<Job>) {
    let count = jobs.len();
    for job in jobs {
        POOL.queue.push(job);
    }
    // One idle worker per job: each takes one.
    POOL.signal.notify(u32::try_from(count).unwrap_or(u32::MAX));
    if POOL.held_back.load(SeqCst) > 0 {
        // New workers would be held back too: what the loaded ones cannot
        // take fails now, rather than wait for them.
        fail_jobs_without_a_worker(HELD_BACK_MESSAGE);
    } else {
        ensure_workers();
    }
}

/// Asks for more workers if some spawned closure has none to run on.
fn ensure_workers() {
    if RUNNING.load(SeqCst) <= POOL.workers.load(SeqCst) {
        return;
    }
    // A new demand: should a worker fail to load, it is tried once more.
    POOL.retry_budget.store(1, SeqCst);
    if is_host() {
        grow_to_demand();
    } else {
        POOL.grow_requests.fetch_add(1, SeqCst);
        futex::wake_all(&POOL.grow_requests);
    }
}

/// Host only: start workers until every running closure has one; or, if
/// the browser holds new workers back, fail the closures that no loaded
/// worker will run.
fn grow_to_demand() {
    let missing = RUNNING
        .load(SeqCst)
        .saturating_sub(POOL.workers.load(SeqCst));
    if POOL.held_back.load(SeqCst) > 0 {
        fail_jobs_without_a_worker(HELD_BACK_MESSAGE);
    } else {
        start_workers(missing);
    }
}

/// Workers started that have neither loaded nor failed.
fn loading() -> usize {
    POOL.started_total.load(SeqCst).saturating_sub(
        POOL.ready_total.load(SeqCst) as usize + POOL.failed_total.load(SeqCst) as usize,
    )
}

/// Fails the queued closures beyond what the loaded workers can take: they
/// wait for workers that are not coming, and the run they belong to may be
/// waiting for them (a barrier of all its threads).
fn fail_jobs_without_a_worker(why: &str) {
    let loaded = POOL.workers.load(SeqCst).saturating_sub(loading());
    let mut excess = RUNNING.load(SeqCst).saturating_sub(loaded);
    while excess > 0 {
        let Some(job) = POOL.queue.pop() else { break };
        (job.on_panic)(JoinError::NotStarted(why.to_string()));
        excess -= 1;
    }
}

const HELD_BACK_MESSAGE: &str =
    "the browser holds back new workers: this site already runs as many \
     as the browser allows (another tab of the playground?); close other tabs or use fewer threads";

/// How long loading workers may go without any of them loading before the
/// pool decides the browser holds them back.
const HELD_BACK_AFTER_MS: f64 = 10_000.0;

fn note_progress() {
    POOL.last_progress_ms.store(now_ms().to_bits(), SeqCst);
}

/// Host only: whether the workers still loading have stopped coming (a
/// browser queues a worker over its per-site limit, and never fails it).
/// Then the closures waiting for them fail with a clear message, and no
/// new workers are started until one of the held-back ones loads.
fn watch_for_held_back_workers() {
    let waiting = loading();
    if waiting == 0 || POOL.held_back.load(SeqCst) > 0 {
        return;
    }
    let since = now_ms() - f64::from_bits(POOL.last_progress_ms.load(SeqCst));
    if since < HELD_BACK_AFTER_MS {
        return;
    }
    web_sys::console::error_1(
        &format!("{waiting} thread workers have not loaded for {since:.0} ms: {HELD_BACK_MESSAGE}")
            .into(),
    );
    POOL.held_back.store(waiting as u32, SeqCst);
    futex::wake_all(&POOL.ready_total);
    fail_jobs_without_a_worker(HELD_BACK_MESSAGE);
}

/// What the capabilities strip says about starting workers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StartTrouble {
    /// Workers that failed to load, ever, and the last one's reason.
    pub failed: u32,
    pub last_failure: Option<String>,
    /// Workers the browser holds back now.
    pub held_back: u32,
}

/// Host only (it knows the last reason).
pub fn start_trouble() -> StartTrouble {
    StartTrouble {
        failed: POOL.failed_total.load(SeqCst),
        last_failure: LAST_FAILURE.with(|f| f.borrow().clone()),
        held_back: POOL.held_back.load(SeqCst),
    }
}

/// New workers are not coming now: two failed to load in a row, or the
/// browser holds them back. Waits for warm workers end.
fn starts_stuck() -> bool {
    POOL.failed_in_a_row.load(SeqCst) >= 2 || POOL.held_back.load(SeqCst) > 0
}

/// For tests of what happens when a worker cannot load: the next `count`
/// workers started import a program that does not exist.
static BREAK_NEXT_WORKERS: AtomicU32 = AtomicU32::new(0);

#[doc(hidden)]
pub fn break_next_workers_for_tests(count: u32) {
    BREAK_NEXT_WORKERS.store(count, SeqCst);
}

fn start_workers(count: usize) {
    HOST.with(|h| {
        let host = h.borrow();
        let Some(host) = host.as_ref() else { return };
        for _ in 0..count {
            POOL.workers.fetch_add(1, SeqCst);
            let index = POOL.started_total.fetch_add(1, SeqCst) + 1;
            let broken = BREAK_NEXT_WORKERS
                .fetch_update(SeqCst, SeqCst, |n| n.checked_sub(1))
                .is_ok();
            note_progress();
            workers_js::start_thread(
                if broken {
                    "./no-such-program.js"
                } else {
                    &host.glue
                },
                &host.module,
                &host.memory,
                index as u32,
                now_ms(),
                &host.on_failure,
            );
        }
    });
}

/// Host only: the loop that answers other threads' requests for workers.
async fn serve_grow_requests() {
    loop {
        let seen = POOL.grow_requests.load(SeqCst);
        grow_to_demand();
        futex::wait_async(&POOL.grow_requests, seen, None).await;
    }
}

/// Asks for `count` ready workers before any run asks for threads: the
/// pool grows towards it in the background, a few workers loading at a
/// time (see [`keep_warm`]), and never while a run is in progress.
/// `urgent` (a run waits for them): three times as many at a time. Idle
/// workers up to `count` are kept however long they wait; a page asks for
/// what its parameters need, and asks again when they change. Never fewer
/// than one per core.
pub fn warm_towards(count: usize, urgent: bool) {
    let cores = crate::runtime::env::env().hardware_concurrency as usize;
    // Never past what this browser lets us run: workers over its limit
    // are queued by the browser, and would never become warm.
    let count = count.max(cores).min(super::cap());
    set_warm_floor(count);
    POOL.warm_urgent.store(urgent, SeqCst);
    POOL.warm_target.store(count as u32, SeqCst);
    futex::wake_all(&POOL.warm_target);
}

/// Workers that are loaded and wait for work.
pub fn warm() -> usize {
    POOL.idle.load(SeqCst)
}

/// Marks a run in progress until the guard is dropped (see `runs_active`).
pub struct RunInProgress(());

impl RunInProgress {
    pub fn begin() -> Self {
        POOL.runs_active.fetch_add(1, SeqCst);
        RunInProgress(())
    }
}

impl Drop for RunInProgress {
    fn drop(&mut self) {
        POOL.runs_active.fetch_sub(1, SeqCst);
        futex::wake_all(&POOL.warm_target);
    }
}

/// Host only: the loop that grows the pool towards the warm target.
async fn keep_warm() {
    // Workers loading at once when nobody waits for them. Starting one
    // stalls the page's thread for a few milliseconds (the browser sets it
    // up there), so a hundred at once would freeze typing for half a
    // second; a few in flight, each replaced as soon as it is ready, keep
    // both cores busy and every stall short.
    let cores = (crate::runtime::env::env().hardware_concurrency as usize).max(1);
    let in_flight_max = cores * 3;
    loop {
        // At least once a second (every wait below has a timeout).
        watch_for_held_back_workers();
        let target = POOL.warm_target.load(SeqCst);
        let missing = (target as usize).saturating_sub(POOL.workers.load(SeqCst));
        if missing == 0
            || POOL.runs_active.load(SeqCst) > 0
            || UNAVAILABLE_REASON.get().is_some()
            || starts_stuck()
        {
            // Woken by a new target or the end of a run; and now and then,
            // since a worker that retires does not wake us.
            futex::wait_async(&POOL.warm_target, target, Some(Duration::from_secs(1))).await;
            continue;
        }
        let ready = POOL.ready_total.load(SeqCst);
        let urgent = POOL.warm_urgent.load(SeqCst);
        if !urgent && (ready as usize) < cores {
            // The first worker per core is the page's own start-up (see
            // `init_host`); the rest wait until it is done, so that they do
            // not delay the page's first render.
            futex::wait_async(&POOL.ready_total, ready, Some(Duration::from_millis(100))).await;
            continue;
        }
        let in_flight = loading();
        // A run waits for them (`run=1`): more at once, the page's thread
        // stalls longer but nobody is typing. (All of them at once was no
        // faster: the browser sets workers up one after another anyway.)
        let limit = if urgent {
            in_flight_max * 3
        } else {
            in_flight_max
        };
        let room = limit.saturating_sub(in_flight).min(missing);
        if room > 0 {
            start_workers(room);
        }
        // Until one more is ready (or the target changes: at most 100 ms).
        futex::wait_async(&POOL.ready_total, ready, Some(Duration::from_millis(100))).await;
    }
}

/// A worker could not load. The first time for a demand, the missing
/// workers are started again (a load can fail for a passing reason); the
/// second, the closures no loaded worker can take fail with the reason,
/// and the workers that did load go on. Only when none is left are threads
/// unavailable for good. (The warmer, which has no closures waiting, stops
/// after two failures in a row.)
fn worker_failed(message: String) {
    web_sys::console::error_1(&format!("a thread worker failed to start: {message}").into());
    LAST_FAILURE.with(|f| *f.borrow_mut() = Some(message.clone()));
    POOL.workers.fetch_sub(1, SeqCst);
    POOL.failed_total.fetch_add(1, SeqCst);
    note_progress();
    futex::wake_all(&POOL.ready_total);
    POOL.failed_in_a_row.fetch_add(1, SeqCst);
    if POOL.retry_budget.swap(0, SeqCst) == 1 {
        grow_to_demand();
        return;
    }
    if POOL.workers.load(SeqCst) == 0 {
        let _ = UNAVAILABLE_REASON.set(message.clone());
    }
    fail_jobs_without_a_worker(&format!("no worker could start: {message}"));
}

/// Starts workers until `count` exist, and resolves when all are ready. The
/// page calls this on load so that a user's first run finds warm workers;
/// an experiment calls it before it measures.
pub async fn prestart(count: usize) {
    let count = count.min(super::cap());
    start_workers(count.saturating_sub(POOL.workers.load(SeqCst)));
    loop {
        let ready = POOL.ready_total.load(SeqCst);
        if loading() == 0 || UNAVAILABLE_REASON.get().is_some() || starts_stuck() {
            return;
        }
        futex::wait_async(&POOL.ready_total, ready, Some(Duration::from_secs(1))).await;
    }
}

/// `until_warm` futures alive now (the page drops each when it is no longer
/// wanted; a leak would show here).
static WARM_WAITS: AtomicUsize = AtomicUsize::new(0);

struct WarmWait;

impl WarmWait {
    fn begin() -> Self {
        WARM_WAITS.fetch_add(1, SeqCst);
        WarmWait
    }
}

impl Drop for WarmWait {
    fn drop(&mut self) {
        WARM_WAITS.fetch_sub(1, SeqCst);
    }
}

/// `until_warm` waits in progress.
pub fn warm_waits() -> usize {
    WARM_WAITS.load(SeqCst)
}

/// Resolves once `count` workers are loaded and waiting (or threads cannot
/// start at all). Starts none: see [`warm_towards`].
pub async fn until_warm(count: usize) {
    let count = count.min(super::cap());
    let _counted = WarmWait::begin();
    loop {
        if POOL.idle.load(SeqCst) >= count || UNAVAILABLE_REASON.get().is_some() || starts_stuck() {
            return;
        }
        // A worker counts itself idle just after it counts itself ready:
        // the short timeout covers that step.
        let ready = POOL.ready_total.load(SeqCst);
        futex::wait_async(&POOL.ready_total, ready, Some(Duration::from_millis(10))).await;
    }
}

/// Resolves once the pool has nothing left to do: the workers the page
/// asked for are warm and no run is in progress. For work that can wait
/// (starting the rayon pool), so that it never competes with a run or a
/// warm-up that a visitor waits for.
pub async fn until_quiet() {
    loop {
        let target = POOL.warm_target.load(SeqCst) as usize;
        let quiet = POOL.idle.load(SeqCst) >= target && POOL.runs_active.load(SeqCst) == 0;
        if quiet || UNAVAILABLE_REASON.get().is_some() || starts_stuck() {
            return;
        }
        crate::runtime::timer::sleep(Duration::from_millis(100)).await;
    }
}

/// Asks every idle worker to exit now, and resolves when they have. Used to
/// measure cold starts, and to give memory back.
pub async fn retire_idle() {
    // Every worker not running a closure: parked ones, and ones that have
    // just finished and will see the request before they park.
    let spare = POOL
        .workers
        .load(SeqCst)
        .saturating_sub(RUNNING.load(SeqCst));
    if spare == 0 {
        return;
    }
    let target = POOL.exited_total.load(SeqCst) + spare as u32;
    POOL.retire_requests.fetch_add(spare, SeqCst);
    POOL.signal.notify(u32::MAX);
    let deadline = now_ms() + 10_000.0;
    loop {
        let exited = POOL.exited_total.load(SeqCst);
        if exited >= target || now_ms() > deadline {
            break;
        }
        futex::wait_async(&POOL.exited_total, exited, Some(Duration::from_millis(500))).await;
    }
    // A request no idle worker took must not retire a busy one later.
    POOL.retire_requests.store(0, SeqCst);
}

/// How long an idle worker above the warm floor waits before retiring.
pub fn set_idle_timeout(timeout: Duration) {
    let ms = u32::try_from(timeout.as_millis())
        .unwrap_or(u32::MAX)
        .max(1);
    POOL.idle_timeout_ms.store(ms, SeqCst);
    // Wake idle workers so they start their wait again with the new timeout.
    POOL.signal.notify(u32::MAX);
}

/// Sets how many idle workers are kept however long they wait.
pub fn set_warm_floor(count: usize) {
    POOL.warm_floor.store(count, SeqCst);
}

pub fn stats() -> PoolStats {
    let ready = POOL.ready_total.load(SeqCst).max(1);
    PoolStats {
        workers: POOL.workers.load(SeqCst),
        idle: POOL.idle.load(SeqCst),
        started_total: POOL.started_total.load(SeqCst),
        retired_total: POOL.exited_total.load(SeqCst) as usize,
        cold_start_mean_ms: POOL.cold_start_us_total.load(SeqCst) as f64
            / 1000.0
            / f64::from(ready),
        ready_total: POOL.ready_total.load(SeqCst) as usize,
        start_phase_total_ms: std::array::from_fn(|i| {
            POOL.phase_us_total[i].load(SeqCst) as f64 / 1000.0
        }),
    }
}

/// 0 on the host; 1, 2, … on workers in the order they were started.
pub fn current_index() -> usize {
    INDEX.with(Cell::get)
}

/// The phases of a worker's cold start, in order (worker.js stamps their
/// ends): `new Worker` until its script runs; until it is told it is a
/// thread; importing the program's glue; instantiating the module on the
/// shared memory (its thread's stack and thread-locals made); our own
/// start until it can take work.
pub const START_PHASES: usize = 5;

/// A worker's life, called from worker.js once the module is instantiated,
/// with the times its start reached each phase's end (see [`START_PHASES`]).
#[wasm_bindgen]
pub fn playground_thread_main(index: u32, times: Vec<f64>) {
    INDEX.with(|i| i.set(index as usize));
    let ready = now_ms();
    let created_at_ms = times.first().copied().unwrap_or(ready);
    let cold_us = ((ready - created_at_ms) * 1000.0).max(0.0) as u64;
    POOL.cold_start_us_total.fetch_add(cold_us, SeqCst);
    let ends = times.iter().skip(1).copied().chain([ready]);
    for ((phase, start), end) in POOL.phase_us_total.iter().zip(&times).zip(ends) {
        phase.fetch_add(((end - start) * 1000.0).max(0.0) as u64, SeqCst);
    }
    POOL.failed_in_a_row.store(0, SeqCst);
    // One the browser held back came after all: it lets workers through.
    POOL.held_back.store(0, SeqCst);
    note_progress();
    POOL.ready_total.fetch_add(1, SeqCst);
    futex::wake_all(&POOL.ready_total);

    loop {
        if let Some(job) = POOL.queue.pop() {
            run(job);
            continue;
        }
        // The ticket before the last look at the queue: a push after that
        // look notifies, so the wait below returns at once.
        let ticket = POOL.signal.ticket();
        if let Some(job) = POOL.queue.pop() {
            run(job);
            continue;
        }
        if take_one(&POOL.retire_requests) {
            break;
        }
        POOL.idle.fetch_add(1, SeqCst);
        let timeout = Duration::from_millis(POOL.idle_timeout_ms.load(SeqCst).into());
        let outcome = POOL.signal.wait(ticket, Some(timeout));
        POOL.idle.fetch_sub(1, SeqCst);
        if outcome == WaitOutcome::TimedOut && leave_if_above_floor() {
            return exited();
        }
    }
    POOL.workers.fetch_sub(1, SeqCst);
    exited();
}

fn run(job: Job) {
    let Job { work, on_panic } = job;
    ON_PANIC.with(|slot| slot.set(Some(on_panic)));
    work();
    ON_PANIC.with(|slot| drop(slot.take()));
}

/// Called from worker.js when the job on this worker trapped (a panic).
#[wasm_bindgen]
pub fn playground_thread_crashed(error: String) {
    let message = crate::runtime::panic::take_last_message().unwrap_or(error);
    if let Some(on_panic) = ON_PANIC.with(Cell::take) {
        on_panic(JoinError::Panicked(message));
    }
    POOL.workers.fetch_sub(1, SeqCst);
    exited();
}

fn take_one(counter: &AtomicUsize) -> bool {
    counter
        .fetch_update(SeqCst, SeqCst, |n| n.checked_sub(1))
        .is_ok()
}

fn leave_if_above_floor() -> bool {
    let floor = POOL.warm_floor.load(SeqCst);
    POOL.workers
        .fetch_update(SeqCst, SeqCst, |w| (w > floor).then(|| w - 1))
        .is_ok()
}

/// Bookkeeping after `workers` was decremented, just before a worker exits.
fn exited() {
    POOL.exited_total.fetch_add(1, SeqCst);
    futex::wake_all(&POOL.exited_total);
    // A spawn may have counted on this worker just before it left: the
    // spawner bumps RUNNING before it reads `workers`, and we dropped
    // `workers` before reading RUNNING, so one of us sees the shortage.
    ensure_workers();
}
