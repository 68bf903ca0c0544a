//! Benchmarks of the primitives: the same code natively (`cargo run
//! --release --example sync_bench`) and in the browser (the page's
//! `playground_bench_sync()`). `scripts/bench.sh` runs both and prints them
//! side by side. These measure; they assert nothing.

use crate::clock::now_ms;
use crate::runtime::threads;
use crate::sync::{futex, Barrier, Condition, Lock};
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
}

const FIB_N: u32 = 35;
const FIB_ROUNDS: u32 = 7;

const UNCONTENDED_ITERS: u32 = 2_000_000;
const CONTENDED_ITERS: u32 = 200_000;
const WAKE_ROUNDS: u32 = 2_000;

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
    let contended_ms = contended::<Lock>().await?;
    let std_contended_ms = contended::<StdMutex<()>>().await?;
    let total_ops = f64::from(2 * CONTENDED_ITERS);
    let fib_ms = threads::spawn(fib_fastest)
        .map_err(|e| e.to_string())?
        .join_async()
        .await
        .map_err(|e| e.to_string())?;
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
    })
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
async fn contended<L: Measured>() -> Result<f64, String> {
    let lock = Arc::new(L::new_lock());
    let counter = Arc::new(AtomicU64::new(0));
    let start_line = Arc::new(Barrier::new(2).map_err(|e| e.to_string())?);
    let (lock2, counter2) = (lock.clone(), counter.clone());
    let handles = threads::spawn_many(2, move |_| {
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
