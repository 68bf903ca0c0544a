//! Benchmarks of the primitives: the same code natively (`cargo run
//! --release --example sync_bench`) and in the browser (the page's
//! `playground_bench_sync()`). `scripts/bench.sh` runs both and prints them
//! side by side. These measure; they assert nothing.

use crate::clock::now_ms;
use crate::runtime::threads;
use crate::sync::{cancel, futex, Barrier, CancelToken, Condition, Lock, Semaphore};
use serde::Serialize;
use std::hint::black_box;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex as StdMutex};
use std::time::Duration;

#[derive(Clone, Debug, Serialize)]
pub struct SyncBench {
    /// `native` or `browser`.
    pub platform: &'static str,
    /// One acquire + release of a `Lock` nobody else wants, in ns.
    pub uncontended_ns: f64,
    /// Two threads taking one `Lock` in turn to bump a counter: ns per
    /// acquire + release, over both threads.
    pub contended_ns_per_op: f64,
    /// The same as million operations per second.
    pub contended_mops: f64,
    /// `std::sync::Mutex<()>` in the same build, measured the same way.
    pub std_uncontended_ns: f64,
    pub std_contended_ns_per_op: f64,
    /// From `notify` on one thread to the waiter running again (lock
    /// re-taken) on another, in µs.
    pub notify_wake_median_us: f64,
    pub notify_wake_p99_us: f64,
    pub notify_wake_rounds: usize,
    /// fib(FIB_N) on one thread (the pages' `fib_checked`), fastest of
    /// FIB_ROUNDS, in ms: how much slower wasm computes than native code.
    pub fib_ms: f64,
    pub fib_n: u32,
    /// The contended measure with both threads inside a run's cancel token
    /// (every park then goes through the token's table): ns per op.
    pub contended_in_token_ns_per_op: f64,
    /// One acquire + release of a free `Semaphore` permit inside a token, in ns.
    pub semaphore_uncontended_in_token_ns: f64,
    /// Threads parked inside a token for good (a lock nobody releases):
    /// how often each one parks again per second, woken by nothing but a
    /// timeout of the cancel machinery.
    pub parked_wakeups_per_thread_s: f64,
    pub parked_threads: usize,
    /// One reading of the shared clock, in ns: one thread alone, and two
    /// threads reading at once.
    pub clock_ns: f64,
    pub clock_two_threads_ns: f64,
}

const FIB_N: u32 = 35;
const FIB_ROUNDS: u32 = 7;

const UNCONTENDED_ITERS: u32 = 2_000_000;
const CONTENDED_ITERS: u32 = 200_000;
const WAKE_ROUNDS: u32 = 2_000;
const CLOCK_READS: u32 = 1_000_000;
/// Threads left parked for [`PARKED_FOR`], to count their wake-ups.
const PARKED_THREADS: usize = 200;
const PARKED_FOR: Duration = Duration::from_secs(1);

/// Runs the three measurements, each on threads of the runtime (so the
/// browser's main thread only awaits).
pub async fn run(platform: &'static str) -> Result<SyncBench, String> {
    threads::prestart(2).await;
    let uncontended_ns = threads::spawn(uncontended::<Lock>)
        .map_err(|e| e.to_string())?
        .join_async()
        .await
        .map_err(|e| e.to_string())?;
    let std_uncontended_ns = threads::spawn(uncontended::<StdMutex<()>>)
        .map_err(|e| e.to_string())?
        .join_async()
        .await
        .map_err(|e| e.to_string())?;
    let contended_ms = contended::<Lock>(None).await?;
    let std_contended_ms = contended::<StdMutex<()>>(None).await?;
    let total_ops = f64::from(2 * CONTENDED_ITERS);
    let fib_ms = threads::spawn(fib_fastest)
        .map_err(|e| e.to_string())?
        .join_async()
        .await
        .map_err(|e| e.to_string())?;
    let contended_in_token_ms = contended::<Lock>(Some(&CancelToken::new())).await?;
    let semaphore_uncontended_in_token_ns =
        threads::spawn(|| CancelToken::new().scope(semaphore_uncontended))
            .map_err(|e| e.to_string())?
            .join_async()
            .await
            .map_err(|e| e.to_string())?;
    let parked_wakeups_per_thread_s = parked_wakeups().await?;
    let clock_ns = threads::spawn(clock_reads)
        .map_err(|e| e.to_string())?
        .join_async()
        .await
        .map_err(|e| e.to_string())?;
    let clock_two_threads_ns = {
        let both = threads::spawn_many(2, |_| clock_reads()).map_err(|e| e.to_string())?;
        let times: Result<Vec<f64>, _> = threads::join_all(both).await.into_iter().collect();
        let times = times.map_err(|e| e.to_string())?;
        times.iter().sum::<f64>() / times.len() as f64
    };
    let mut latencies = notify_to_wake().await?;
    latencies.sort_by(f64::total_cmp);
    let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q).round() as usize] * 1000.0;
    Ok(SyncBench {
        platform,
        uncontended_ns,
        contended_ns_per_op: contended_ms * 1e6 / total_ops,
        contended_mops: total_ops / contended_ms / 1000.0,
        std_uncontended_ns,
        std_contended_ns_per_op: std_contended_ms * 1e6 / total_ops,
        notify_wake_median_us: at(0.5),
        notify_wake_p99_us: at(0.99),
        notify_wake_rounds: latencies.len(),
        fib_ms,
        fib_n: FIB_N,
        contended_in_token_ns_per_op: contended_in_token_ms * 1e6 / total_ops,
        semaphore_uncontended_in_token_ns,
        parked_wakeups_per_thread_s,
        parked_threads: PARKED_THREADS,
        clock_ns,
        clock_two_threads_ns,
    })
}

/// One acquire + release of a free permit, in ns.
fn semaphore_uncontended() -> f64 {
    let semaphore = Semaphore::new(1);
    let once = || {
        black_box(semaphore.acquire(true, None).ok());
        black_box(semaphore.release(1).ok());
    };
    (0..10_000).for_each(|_| once());
    let start = now_ms();
    (0..UNCONTENDED_ITERS).for_each(|_| once());
    (now_ms() - start) * 1e6 / f64::from(UNCONTENDED_ITERS)
}

/// One reading of the shared clock, in ns.
fn clock_reads() -> f64 {
    let start = now_ms();
    for _ in 0..CLOCK_READS {
        black_box(now_ms());
    }
    (now_ms() - start) * 1e6 / f64::from(CLOCK_READS)
}

/// [`PARKED_THREADS`] threads inside one token wait for a lock that stays
/// held; for [`PARKED_FOR`] nothing wakes them but the cancel machinery's
/// own timeouts, if it has any. Then the token is cancelled. Returns the
/// parks per thread per second beyond the first.
async fn parked_wakeups() -> Result<f64, String> {
    threads::prestart(PARKED_THREADS).await;
    let token = CancelToken::new();
    let lock = Arc::new(Lock::new());
    let held = lock.lock().map_err(|e| e.to_string())?;
    let handles = token
        .scope(|| {
            let lock = lock.clone();
            threads::spawn_many(PARKED_THREADS, move |_| lock.acquire(true, None).is_ok())
        })
        .map_err(|e| e.to_string())?;
    let deadline = now_ms() + 30_000.0;
    while token.parked_count() < PARKED_THREADS && now_ms() < deadline {
        crate::runtime::timer::sleep(Duration::from_millis(5)).await;
    }
    let before = cancel::parks_total();
    let start = now_ms();
    crate::runtime::timer::sleep(PARKED_FOR).await;
    let parks = cancel::parks_total() - before;
    let seconds = (now_ms() - start) / 1000.0;
    token.cancel();
    threads::join_all(handles).await;
    drop(held);
    Ok(parks as f64 / PARKED_THREADS as f64 / seconds)
}

/// The fastest of a few fib(FIB_N), after one to warm up.
fn fib_fastest() -> f64 {
    use crate::experiments::work::fib_checked;
    let once = || {
        let start = now_ms();
        black_box(fib_checked(black_box(FIB_N), &mut || true));
        now_ms() - start
    };
    once();
    (0..FIB_ROUNDS)
        .map(|_| once())
        .fold(f64::INFINITY, f64::min)
}

/// A lock to measure: ours or std's, held around `f`.
trait Measured: Send + Sync + 'static {
    fn new_lock() -> Self;
    fn locked(&self, f: impl FnOnce());
}

impl Measured for Lock {
    fn new_lock() -> Self {
        Lock::new()
    }
    fn locked(&self, f: impl FnOnce()) {
        let _held = black_box(self.lock().ok());
        f();
    }
}

impl Measured for StdMutex<()> {
    fn new_lock() -> Self {
        StdMutex::new(())
    }
    fn locked(&self, f: impl FnOnce()) {
        let _held = black_box(self.lock().ok());
        f();
    }
}

/// One acquire + release nobody else wants, in ns.
fn uncontended<L: Measured>() -> f64 {
    let lock = L::new_lock();
    for _ in 0..10_000 {
        lock.locked(|| {});
    }
    let start = now_ms();
    for _ in 0..UNCONTENDED_ITERS {
        lock.locked(|| {});
    }
    (now_ms() - start) * 1e6 / f64::from(UNCONTENDED_ITERS)
}

/// Two threads, one lock, a counter: ms from the start line to the last end.
/// With a token, both threads run inside it.
async fn contended<L: Measured>(token: Option<&CancelToken>) -> Result<f64, String> {
    let lock = Arc::new(L::new_lock());
    let counter = Arc::new(AtomicU64::new(0));
    let start_line = Arc::new(Barrier::new(2).map_err(|e| e.to_string())?);
    let (lock2, counter2) = (lock.clone(), counter.clone());
    let spawn = || {
        threads::spawn_many(2, move |_| {
            start_line.wait(None).ok();
            let start = now_ms();
            for _ in 0..CONTENDED_ITERS {
                lock2.locked(|| {
                    let value = counter2.load(Ordering::Relaxed);
                    counter2.store(value + 1, Ordering::Relaxed);
                });
            }
            (start, now_ms())
        })
    };
    let handles = match token {
        Some(token) => token.scope(spawn),
        None => spawn(),
    }
    .map_err(|e| e.to_string())?;
    let mut first = f64::INFINITY;
    let mut last = f64::NEG_INFINITY;
    for result in threads::join_all(handles).await {
        let (start, end) = result.map_err(|e| e.to_string())?;
        first = first.min(start);
        last = last.max(end);
    }
    if counter.load(Ordering::Relaxed) != 2 * u64::from(CONTENDED_ITERS) {
        return Err("the contended counter lost updates".into());
    }
    drop(lock);
    Ok(last - first)
}

/// A waiter parked in `Condition::wait`, a notifier: per round, ms from the
/// notify to the waiter running again.
async fn notify_to_wake() -> Result<Vec<f64>, String> {
    struct Shared {
        condition: Condition<Lock>,
        turn: AtomicU32,
        notified_at: AtomicU64,
        acked: AtomicU32,
    }
    let shared = Arc::new(Shared {
        condition: Condition::with_lock(Lock::new()),
        turn: AtomicU32::new(0),
        notified_at: AtomicU64::new(0),
        acked: AtomicU32::new(0),
    });
    let waiter_side = shared.clone();
    let waiter = threads::spawn(move || {
        let s = waiter_side;
        let mut latencies = Vec::with_capacity(WAKE_ROUNDS as usize);
        for round in 1..=WAKE_ROUNDS {
            let held = s.condition.lock().ok();
            let _ = s
                .condition
                .wait_for(|| s.turn.load(Ordering::SeqCst) >= round, None);
            let woke = now_ms();
            drop(held);
            latencies.push(woke - f64::from_bits(s.notified_at.load(Ordering::SeqCst)));
            s.acked.store(round, Ordering::SeqCst);
            futex::wake_all(&s.acked);
        }
        latencies
    })
    .map_err(|e| e.to_string())?;
    let notifier = threads::spawn(move || {
        let s = shared;
        for round in 1..=WAKE_ROUNDS {
            while s.condition.waiting() == 0 {
                std::thread::sleep(Duration::from_micros(20));
            }
            // Give the waiter time to park for real after queueing.
            std::thread::sleep(Duration::from_micros(50));
            {
                let _held = s.condition.lock().ok();
                s.turn.store(round, Ordering::SeqCst);
                s.notified_at.store(now_ms().to_bits(), Ordering::SeqCst);
                let _ = s.condition.notify(1);
            }
            loop {
                let acked = s.acked.load(Ordering::SeqCst);
                if acked >= round {
                    break;
                }
                futex::wait(&s.acked, acked, None);
            }
        }
    })
    .map_err(|e| e.to_string())?;
    notifier.join_async().await.map_err(|e| e.to_string())?;
    waiter.join_async().await.map_err(|e| e.to_string())
}

/// The browser's entry point: `await playground.playground_bench_sync()`
/// returns the figures as JSON.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub async fn playground_bench_sync() -> Result<String, wasm_bindgen::JsValue> {
    let figures = run("browser")
        .await
        .map_err(|e| wasm_bindgen::JsValue::from_str(&e))?;
    serde_json::to_string(&figures).map_err(|e| wasm_bindgen::JsValue::from_str(&e.to_string()))
}
