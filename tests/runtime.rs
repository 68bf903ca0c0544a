//! The runtime in a real browser, driven from the page's main thread (which
//! may not block: everything here awaits). Run with
//! `wasm-pack test --headless --chrome` (scripts/test.sh does).
#![cfg(target_arch = "wasm32")]

use playground::clock::now_ms;
use playground::experiments::work::{fib, fib_cancellable};
use playground::runtime::process::{self, ProcessError, DEMO_GLOBAL};
use playground::runtime::threads::{self, JoinError, SpawnError, MAX_THREADS};
use playground::runtime::{self as rt, par, timer};
use playground::sync::futex;
use playground::sync::{CancelToken, Cancelled};
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn start() {
    rt::init(playground::experiments::tasks::PROCESS_TASKS);
}

/// Every thread waits (parked, not spinning), up to `timeout_ms`, until
/// `count` threads have arrived: true for all of them only if they all
/// existed at the same time.
fn all_at_once(arrived: &AtomicU32, count: u32, timeout_ms: f64) -> bool {
    if arrived.fetch_add(1, Ordering::SeqCst) + 1 >= count {
        futex::wake_all(arrived);
        return true;
    }
    let deadline = now_ms() + timeout_ms;
    loop {
        let seen = arrived.load(Ordering::SeqCst);
        if seen >= count {
            return true;
        }
        let left = deadline - now_ms();
        if left <= 0.0 {
            return false;
        }
        futex::wait(arrived, seen, Some(Duration::from_secs_f64(left / 1000.0)));
    }
}

/// A futex word whose async wait was given up (a `select` went the other
/// way) may serve a thread next, as freed memory is reused. The dropped
/// wait must leave nothing behind: a stale async waiter would take the
/// `wake_one` meant for the parked thread, which would then sleep on. (This
/// hung the Lock page after runs of the GIL page with processes.)
#[wasm_bindgen_test]
async fn a_word_reused_after_a_dropped_async_wait_still_wakes_its_thread() {
    use futures::FutureExt;
    use playground::sync::futex::WaitOutcome;
    start();
    threads::prestart(2).await;
    for round in 0..10 {
        let word = Arc::new(AtomicU32::new(0));
        assert!(futex::wait_async(&word, 0, None).now_or_never().is_none());
        // Nothing is left waiting on the word: a wake finds nobody.
        assert_eq!(
            futex::wake(&word, u32::MAX),
            0,
            "round {round}: a stale waiter"
        );
        let about_to_park = Arc::new(AtomicU32::new(0));
        let parked = {
            let (word, about_to_park) = (word.clone(), about_to_park.clone());
            threads::spawn(move || {
                about_to_park.store(1, Ordering::SeqCst);
                futex::wait(&word, 0, Some(Duration::from_secs(3)))
            })
            .unwrap()
        };
        while about_to_park.load(Ordering::SeqCst) == 0 {
            timer::sleep(Duration::from_millis(1)).await;
        }
        // Most likely parked by now; if not, it sees the new value instead.
        timer::sleep(Duration::from_millis(20)).await;
        word.store(1, Ordering::SeqCst);
        futex::wake_one(&word);
        let outcome = parked.join_async().await.unwrap();
        assert_ne!(
            outcome,
            WaitOutcome::TimedOut,
            "round {round}: the wake went to the dropped async wait"
        );
    }
}

/// The same through the runtime's own async waits: a run's `cancelled()`
/// raced against work that wins, many times over. Each loser must end its
/// wait, or the token's word would collect stale waiters.
#[wasm_bindgen_test]
async fn a_cancelled_future_that_loses_a_race_leaves_no_waiter() {
    use futures::future::{select, Either};
    use std::pin::pin;
    start();
    let token = CancelToken::new();
    for _ in 0..200 {
        let work = timer::sleep(Duration::ZERO);
        match select(pin!(work), pin!(token.cancelled())).await {
            Either::Left(_) => {}
            Either::Right(_) => panic!("nobody cancelled"),
        }
    }
    // A sleeper parks on the token's word: cancel must still reach it.
    let sleeper = {
        let token = token.clone();
        threads::spawn(move || token.sleep(Duration::from_secs(30))).unwrap()
    };
    timer::sleep(Duration::from_millis(20)).await;
    token.cancel();
    assert_eq!(sleeper.join_async().await, Ok(Err(Cancelled)));
}

/// A thread of a run that panics while it holds a lock (on wasm a panic
/// aborts: no guard's drop runs, the lock stays taken): the threads waiting
/// for that lock must not wait forever. The panic cancels the run, their
/// waits end, the joins report the panic, and every place under the cap is
/// given back.
#[wasm_bindgen_test]
async fn a_thread_that_traps_holding_a_lock_fails_its_run_and_strands_nobody() {
    use playground::sync::{Lock, SyncError};
    start();
    threads::prestart(3).await;
    let running_before = threads::running();
    let token = CancelToken::new();
    let lock = Arc::new(Lock::new());
    let taken = Arc::new(AtomicU32::new(0));
    let (holder, waiters) = token.scope(|| {
        let holder = {
            let (lock, taken) = (lock.clone(), taken.clone());
            threads::spawn(move || {
                let _held = lock.lock().unwrap();
                taken.store(1, Ordering::SeqCst);
                futex::wake_all(&taken);
                // Give the others time to queue up behind the lock.
                std::thread::sleep(Duration::from_millis(30));
                panic!("deliberate panic while holding the lock");
            })
            .unwrap()
        };
        let waiters = {
            let (lock, taken) = (lock.clone(), taken.clone());
            threads::spawn_many(2, move |_| {
                while taken.load(Ordering::SeqCst) == 0 {
                    futex::wait(&taken, 0, None);
                }
                lock.acquire(true, None)
            })
            .unwrap()
        };
        (holder, waiters)
    });
    match holder.join_async().await {
        Err(JoinError::Panicked(message)) => assert!(message.contains("deliberate"), "{message}"),
        other => panic!("expected the panic, got {other:?}"),
    }
    for waiter in threads::join_all(waiters).await {
        assert_eq!(waiter, Ok(Err(SyncError::Cancelled)));
    }
    assert!(token.is_cancelled());
    assert_eq!(threads::running(), running_before);
}

/// The same for the emulated GIL, the other thing a thread holds while it
/// computes: a thread that traps holding it fails the run, and the thread
/// waiting for the GIL ends instead of waiting forever.
#[wasm_bindgen_test]
async fn a_thread_that_traps_holding_the_gil_strands_nobody() {
    use playground::experiments::gil::emulated_gil::{EmulatedGil, GilThread};
    use playground::experiments::RunError;
    start();
    threads::prestart(2).await;
    let token = CancelToken::new();
    let gil = Arc::new(EmulatedGil::new(Duration::from_millis(5)));
    let holding = Arc::new(AtomicU32::new(0));
    let handles = token.scope(|| {
        let (gil, holding, cancel) = (gil.clone(), holding.clone(), token.clone());
        threads::spawn_many(2, move |i| {
            let mut me = GilThread::new(&gil, i as u32, cancel.clone());
            if i == 0 {
                me.acquire()?;
                holding.store(1, Ordering::SeqCst);
                futex::wake_all(&holding);
                std::thread::sleep(Duration::from_millis(30));
                panic!("deliberate panic while holding the GIL");
            }
            while holding.load(Ordering::SeqCst) == 0 {
                futex::wait(&holding, 0, None);
            }
            me.acquire()?;
            Ok::<_, RunError>(())
        })
        .unwrap()
    });
    let results = threads::join_all(handles).await;
    assert!(
        matches!(&results[0], Err(JoinError::Panicked(m)) if m.contains("deliberate")),
        "{:?}",
        results[0]
    );
    assert_eq!(results[1], Ok(Err(RunError::Cancelled)));
}

/// Waits on the page's thread (without blocking it) until `done()`.
async fn until(mut done: impl FnMut() -> bool) {
    while !done() {
        timer::sleep(Duration::from_millis(2)).await;
    }
}

/// A thread traps inside `with condition:` right after it notified: the
/// waiter it woke must take the condition's lock back, and the lock will
/// never be released. The trap ends that wait too (a plain cancel does
/// not: the wait must return holding the lock): the waiter returns
/// `Trapped` without the lock, and the run fails with the trap's message.
/// (It hung before: the retake waited for good, the run never ended.)
#[wasm_bindgen_test]
async fn trap_holding_a_conditions_lock_strands_no_waiter() {
    use playground::sync::{Condition, SyncError};
    start();
    threads::prestart(2).await;
    let running_before = threads::running();
    let token = CancelToken::new();
    let condition = Arc::new(Condition::new());
    let waiting = Arc::new(AtomicU32::new(0));
    let (waiter, holder) = token.scope(|| {
        let waiter = {
            let (condition, waiting) = (condition.clone(), waiting.clone());
            threads::spawn(move || {
                let guard = condition.lock().unwrap();
                waiting.store(1, Ordering::SeqCst);
                futex::wake_all(&waiting);
                let outcome = guard.wait(None);
                (outcome, guard.holds())
            })
            .unwrap()
        };
        let holder = {
            let (condition, waiting) = (condition.clone(), waiting.clone());
            threads::spawn(move || {
                while waiting.load(Ordering::SeqCst) == 0 {
                    futex::wait(&waiting, 0, None);
                }
                // Taken once the waiter's wait lets go of it.
                let guard = condition.lock().unwrap();
                guard.notify(1).unwrap();
                std::thread::sleep(Duration::from_millis(20));
                panic!("deliberate panic inside with condition");
            })
            .unwrap()
        };
        (waiter, holder)
    });
    match holder.join_async().await {
        Err(JoinError::Panicked(message)) => assert!(message.contains("deliberate"), "{message}"),
        other => panic!("expected the panic, got {other:?}"),
    }
    assert_eq!(
        waiter.join_async().await,
        Ok((Err(SyncError::Trapped), false))
    );
    assert!(token.is_trapped());
    assert_eq!(threads::running(), running_before);
}

/// A Barrier's action traps (it runs in the last thread to arrive, holding
/// the barrier's lock): the thread already waiting must not wait for good
/// to take that lock back.
#[wasm_bindgen_test]
async fn trap_in_a_barriers_action_strands_nobody() {
    use playground::sync::{Barrier, SyncError};
    start();
    threads::prestart(2).await;
    let running_before = threads::running();
    let token = CancelToken::new();
    let barrier = Arc::new(
        Barrier::with_options(
            2,
            Some(Box::new(|| {
                panic!("deliberate panic in the barrier's action")
            })),
            None,
        )
        .unwrap(),
    );
    let handles = token.scope(|| {
        let barrier = barrier.clone();
        threads::spawn_many(2, move |_| barrier.wait(None)).unwrap()
    });
    let mut results = threads::join_all(handles).await;
    results.sort_by_key(|r| r.is_ok());
    assert!(
        matches!(&results[0], Err(JoinError::Panicked(m)) if m.contains("deliberate")),
        "{results:?}"
    );
    assert_eq!(results[1], Ok(Err(SyncError::Trapped)), "{results:?}");
    assert!(token.is_trapped());
    assert_eq!(threads::running(), running_before);
}

/// A thread runs out of memory while it parks inside its run's token (the
/// first park in a token used to allocate the token's list of parked
/// words, under the token's own mutex: the trap left it locked, and the
/// crashed thread's cancel, then the page's, waited on it for good, the
/// page's spinning). Parking now allocates nothing and takes no lock: the
/// thread parks, the page's cancel reaches it, and the run ends.
#[wasm_bindgen_test]
async fn trap_out_of_memory_where_an_internal_mutex_was_held_strands_nobody() {
    use playground::runtime::heap;
    use playground::sync::Lock;
    start();
    threads::prestart(2).await;
    let running_before = threads::running();
    let token = CancelToken::new();
    let lock = Arc::new(Lock::new());
    let held = lock.lock().unwrap();
    let waiter = token.scope(|| {
        let lock = lock.clone();
        threads::spawn(move || {
            heap::fail_next_allocation_here_for_tests();
            lock.acquire(true, None)
        })
        .unwrap()
    });
    until(|| token.parked_count() == 1 || waiter.is_finished()).await;
    token.cancel();
    let outcome = waiter.join_async().await;
    assert!(
        matches!(
            &outcome,
            Ok(Err(playground::sync::SyncError::Cancelled)) | Err(JoinError::Panicked(_))
        ),
        "{outcome:?}"
    );
    if let Err(JoinError::Panicked(message)) = &outcome {
        assert!(message.contains("out of memory"), "{message}");
    }
    drop(held);
    assert!(token.is_cancelled());
    assert_eq!(token.parked_count(), 0);
    assert_eq!(threads::running(), running_before);
    // The failure asked for above, if no allocation met it, must not hit
    // that worker later.
    heap::clear_allocation_failure_for_tests();
}

/// A run that traps out of memory fails with a message that says so.
#[wasm_bindgen_test]
async fn trap_out_of_memory_fails_the_run_saying_so() {
    use playground::runtime::heap;
    start();
    let failed = threads::spawn(|| {
        heap::fail_next_allocation_here_for_tests();
        vec![0u8; 1024].len()
    })
    .unwrap()
    .join_async()
    .await;
    match failed {
        Err(JoinError::Panicked(message)) => {
            assert!(message.contains("out of memory"), "{message}");
            assert!(message.contains("1024 bytes"), "{message}");
        }
        other => panic!("expected the allocation to fail, got {other:?}"),
    }
}

/// Cancel must reach a thread parked in a Lock, a Condition and a Semaphore
/// wait by itself: inside a token a park has no timeout to fall back on, so
/// if `cancel` stopped waking parked threads, these joins would never end.
#[wasm_bindgen_test]
async fn cancel_reaches_parked_lock_condition_and_semaphore_waits() {
    use playground::sync::{Condition, Lock, Semaphore, SyncError};
    start();
    threads::prestart(3).await;
    let token = CancelToken::new();
    let lock = Arc::new(Lock::new());
    let held = lock.lock().unwrap();
    let condition = Arc::new(Condition::new());
    let semaphore = Arc::new(Semaphore::new(0));
    let handles = token.scope(|| {
        let (lock, condition, semaphore) = (lock.clone(), condition.clone(), semaphore.clone());
        threads::spawn_many(3, move |i| match i {
            0 => lock.acquire(true, None).map(|_| ()),
            1 => {
                let guard = condition.lock()?;
                guard.wait(None).map(|_| ())
            }
            _ => semaphore.acquire(true, None).map(|_| ()),
        })
        .unwrap()
    });
    until(|| token.parked_count() == 3).await;
    token.cancel();
    for result in threads::join_all(handles).await {
        assert_eq!(result, Ok(Err(SyncError::Cancelled)));
    }
    assert_eq!(token.parked_count(), 0);
    drop(held);
}

/// A Barrier on the page's main thread: it may complete a round (that needs
/// no wait), but an arrival that would have to wait is refused, and does
/// not break the barrier for the threads that use it.
#[wasm_bindgen_test]
async fn a_barrier_refuses_to_wait_on_the_main_thread_without_breaking() {
    use playground::sync::{Barrier, SyncError};
    start();
    threads::prestart(1).await;
    let barrier = Arc::new(Barrier::new(2).unwrap());
    assert_eq!(barrier.wait(None), Err(SyncError::WouldBlock));
    assert_eq!(barrier.broken(), Ok(false));
    assert_eq!(barrier.n_waiting(), Ok(0));
    let other = {
        let barrier = barrier.clone();
        threads::spawn(move || barrier.wait(None)).unwrap()
    };
    until(|| barrier.n_waiting() == Ok(1)).await;
    // The last party: it trips the barrier without waiting.
    assert!(barrier.wait(None).is_ok());
    assert!(other.join_async().await.unwrap().is_ok());
}

#[wasm_bindgen_test]
async fn spawn_runs_the_closure_on_another_thread() {
    start();
    let handle = threads::spawn(|| (threads::current_index(), fib(20))).unwrap();
    let (index, value) = handle.join_async().await.unwrap();
    assert_ne!(index, 0, "ran on the main thread");
    assert_eq!(value, 6765);
}

#[wasm_bindgen_test]
async fn a_hundred_threads_run_at_the_same_time() {
    start();
    let arrived = Arc::new(AtomicU32::new(0));
    let seen = arrived.clone();
    let handles = threads::spawn_many(100, move |_| all_at_once(&seen, 100, 60_000.0)).unwrap();
    let results = threads::join_all(handles).await;
    assert_eq!(results.len(), 100);
    assert!(results.iter().all(|r| *r == Ok(true)), "{results:?}");
}

#[wasm_bindgen_test]
async fn the_pool_warms_towards_what_the_page_asks_but_never_during_a_run() {
    start();
    threads::until_warm(threads::stats().workers).await;
    let target = threads::stats().workers + 6;
    {
        let _run = threads::RunInProgress::begin();
        let started = threads::stats().started_total;
        threads::warm_towards(target, false);
        // Long enough for several workers to start, had the warmer not
        // waited for the run.
        timer::sleep(Duration::from_millis(300)).await;
        assert_eq!(
            threads::stats().started_total,
            started,
            "warming during a run"
        );
    }
    threads::until_warm(target).await;
    assert!(threads::warm() >= target);
    // Warm workers wait however long: nothing retires them. (Counted by
    // retirements: a worker that wakes at its idle timeout to look is not
    // idle for that moment, which a slow machine can catch in `warm()`.)
    let retired = threads::stats().retired_total;
    threads::set_idle_timeout(Duration::from_millis(50));
    timer::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        threads::stats().retired_total,
        retired,
        "a warm worker retired"
    );
    threads::until_warm(target).await;
    threads::set_idle_timeout(Duration::from_secs(60));
    threads::warm_towards(0, false);
}

#[wasm_bindgen_test]
async fn workers_are_reused() {
    start();
    threads::prestart(4).await;
    let first =
        threads::join_all(threads::spawn_many(4, |_| threads::current_index()).unwrap()).await;
    let started = threads::stats().started_total;
    for _ in 0..5 {
        let again =
            threads::join_all(threads::spawn_many(4, |_| threads::current_index()).unwrap()).await;
        assert!(again.iter().all(Result::is_ok));
    }
    assert!(first.iter().all(Result::is_ok));
    assert_eq!(
        threads::stats().started_total,
        started,
        "a warm pool started new workers"
    );
}

#[wasm_bindgen_test]
async fn retired_workers_give_their_memory_back() {
    start();
    let memory_bytes = || {
        use wasm_bindgen::JsCast;
        let memory = wasm_bindgen::memory().unchecked_into::<js_sys::WebAssembly::Memory>();
        memory
            .buffer()
            .unchecked_into::<js_sys::SharedArrayBuffer>()
            .byte_length()
    };
    let cycle = || async {
        let handles = threads::spawn_many(20, |i| i).unwrap();
        assert_eq!(threads::join_all(handles).await.len(), 20);
        threads::retire_idle().await;
    };
    cycle().await;
    let (after_one, retired_before) = (memory_bytes(), threads::stats().retired_total);
    for _ in 0..3 {
        cycle().await;
    }
    let grown = memory_bytes() - after_one;
    assert!(
        threads::stats().retired_total >= retired_before + 60,
        "workers were not retired"
    );
    // Each cycle starts 20 new workers with ~2 MB stacks each: kept, three
    // cycles would add ~120 MB. Freed, the same memory is used again.
    assert!(
        grown < 40 << 20,
        "memory grew by {} MB over three cycles",
        grown >> 20
    );
}

#[wasm_bindgen_test]
async fn over_the_cap_nothing_starts() {
    start();
    let started = Arc::new(AtomicUsize::new(0));
    let counter = started.clone();
    let refused = threads::spawn_many(MAX_THREADS + 1, move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    match refused {
        Err(SpawnError::TooMany {
            requested, limit, ..
        }) => {
            assert_eq!((requested, limit), (MAX_THREADS + 1, MAX_THREADS));
        }
        other => panic!("expected TooMany, got {:?}", other.map(|h| h.len())),
    }
    timer::sleep(Duration::from_millis(50)).await;
    assert_eq!(started.load(Ordering::SeqCst), 0);
    assert_eq!(threads::spawn(|| 1).unwrap().join_async().await, Ok(1));
}

#[wasm_bindgen_test]
async fn one_clock_for_every_thread() {
    start();
    for _ in 0..20 {
        let before = now_ms();
        let inside = threads::spawn(now_ms).unwrap().join_async().await.unwrap();
        let after = now_ms();
        assert!(
            before <= inside && inside <= after,
            "{before} ≤ {inside} ≤ {after}"
        );
    }
}

#[wasm_bindgen_test]
async fn cancel_stops_long_work_and_wakes_sleepers() {
    start();
    let token = CancelToken::new();
    let (t1, t2) = (token.clone(), token.clone());
    let computing = threads::spawn(move || fib_cancellable(60, &t1)).unwrap();
    let sleeping = threads::spawn(move || t2.sleep(Duration::from_secs(600))).unwrap();
    timer::sleep(Duration::from_millis(30)).await;
    token.cancel();
    assert_eq!(computing.join_async().await, Ok(Err(Cancelled)));
    assert_eq!(sleeping.join_async().await, Ok(Err(Cancelled)));
}

#[wasm_bindgen_test]
async fn a_panic_fails_the_join_and_the_pool_goes_on() {
    start();
    let handle = threads::spawn(|| -> u32 { panic!("deliberate panic in a thread") }).unwrap();
    match handle.join_async().await {
        Err(JoinError::Panicked(message)) => {
            assert!(message.contains("deliberate panic"), "{message}")
        }
        other => panic!("expected a panic, got {other:?}"),
    }
    let after = threads::spawn_many(4, |i| i * 2).unwrap();
    let values: Vec<_> = threads::join_all(after)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(values, vec![0, 2, 4, 6]);
}

#[wasm_bindgen_test]
async fn joining_by_blocking_on_the_main_thread_is_refused() {
    start();
    // A thread that cannot have finished: joining it would have to wait.
    let go = Arc::new(playground::sync::Event::new());
    let waiting = go.clone();
    let handle = threads::spawn(move || waiting.wait(None).map(|_| 5)).unwrap();
    assert_eq!(handle.join(), Err(JoinError::WouldBlock));
    go.set();
    // A finished thread needs no wait: its join works here too.
    let done = threads::spawn(|| 6).unwrap();
    while !done.is_finished() {
        timer::sleep(Duration::from_millis(1)).await;
    }
    assert_eq!(done.join(), Ok(6));
}

#[wasm_bindgen_test]
async fn a_child_process_has_its_own_globals() {
    start();
    let token = CancelToken::new();
    let before = DEMO_GLOBAL.load(Ordering::SeqCst);
    // A thread shares the memory: its change is ours.
    let in_thread = threads::spawn(process::bump_demo_global)
        .unwrap()
        .join_async()
        .await
        .unwrap();
    assert_eq!(in_thread, before + 1);
    assert_eq!(DEMO_GLOBAL.load(Ordering::SeqCst), before + 1);
    // A process has its own memory: it starts from zero, and we never see it.
    let child = process::run("bump_demo_global", "", &token).await.unwrap();
    assert_eq!(child.output, "1");
    assert_eq!(DEMO_GLOBAL.load(Ordering::SeqCst), before + 1);
    assert!(child.start_ms > 0.0 && child.start_ms <= child.total_ms);
}

#[wasm_bindgen_test]
async fn a_process_started_from_a_spare_worker_still_has_a_memory_of_its_own() {
    start();
    let token = CancelToken::new();
    process::prestart(2).await;
    let before = DEMO_GLOBAL.load(Ordering::SeqCst);
    // Two spares, two processes: each counts from its own zero.
    for _ in 0..2 {
        let child = process::run("bump_demo_global", "", &token).await.unwrap();
        assert_eq!(child.output, "1");
        assert!(child.start_ms <= child.total_ms);
    }
    // The spares are used up: a third process starts cold, and counts from zero too.
    process::retire_spares();
    let cold = process::run("bump_demo_global", "", &token).await.unwrap();
    assert_eq!(cold.output, "1");
    assert_eq!(DEMO_GLOBAL.load(Ordering::SeqCst), before);
}

/// A spare process worker that failed to load is dropped, never handed a
/// task (it would never answer): the next process starts cold and runs.
#[wasm_bindgen_test]
async fn a_spare_that_failed_to_load_is_never_used() {
    start();
    process::retire_spares();
    process::prestart_broken_spare_for_tests().await;
    let token = CancelToken::new();
    let child = process::run("echo", "still here", &token).await.unwrap();
    assert_eq!(child.output, "still here");
}

#[wasm_bindgen_test]
async fn a_process_computes_and_reports_failures() {
    start();
    let token = CancelToken::new();
    let fib_child = process::run("fib_timed", "25", &token).await.unwrap();
    let answer: serde_json::Value = serde_json::from_str(&fib_child.output).unwrap();
    assert_eq!(answer["value"], fib(25));
    match process::run("panic", "deliberate panic in a process", &token).await {
        Err(ProcessError::Failed(message)) => {
            assert!(message.contains("deliberate panic"), "{message}")
        }
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn cancelling_kills_a_process() {
    start();
    let token = CancelToken::new();
    let canceller = token.clone();
    wasm_bindgen_futures::spawn_local(async move {
        timer::sleep(Duration::from_millis(100)).await;
        canceller.cancel();
    });
    let started = now_ms();
    assert_eq!(
        process::run("fib_timed", "60", &token).await,
        Err(ProcessError::Cancelled)
    );
    assert!(now_ms() - started < 60_000.0);
}

/// A process run that is dropped rather than cancelled (its page left, a
/// select that went the other way) kills its child: fib(60) would run on
/// for good.
#[wasm_bindgen_test]
async fn a_dropped_process_run_kills_its_child() {
    use futures::future::{select, Either};
    use std::pin::pin;
    start();
    let token = CancelToken::new();
    let before = process::running();
    {
        let run = pin!(process::run("fib_timed", "60", &token));
        let pause = pin!(timer::sleep(Duration::from_millis(100)));
        let answered = matches!(select(run, pause).await, Either::Left(_));
        assert!(!answered, "fib(60) answered");
        assert_eq!(process::running(), before + 1);
    }
    assert_eq!(process::running(), before, "the child runs on");
    assert!(!token.is_cancelled());
}

#[wasm_bindgen_test]
async fn rayon_runs_data_parallel_work_on_several_threads() {
    use rayon::prelude::*;
    start();
    par::init(2).await.unwrap();
    let sum = par::install(|| (0..1_000_000u64).into_par_iter().sum::<u64>()).unwrap();
    assert_eq!(sum.join_async().await.unwrap(), 999_999 * 1_000_000 / 2);
    // Two halves of a rayon::join that wait for each other finish only if
    // two pool threads run them at once.
    let both = par::install(|| {
        let arrived = AtomicU32::new(0);
        rayon::join(
            || all_at_once(&arrived, 2, 10_000.0),
            || all_at_once(&arrived, 2, 10_000.0),
        )
    })
    .unwrap();
    assert_eq!(both.join_async().await.unwrap(), (true, true));
}

#[wasm_bindgen_test]
async fn blocking_on_a_primitive_on_the_main_thread_is_an_error_not_a_trap() {
    use playground::sync::{Condition, Lock, Semaphore, SyncError};
    start();
    let lock = Arc::new(Lock::new());
    // Uncontended, nothing needs to wait: it works here too.
    assert_eq!(lock.acquire(true, None), Ok(true));
    // Held: a blocking acquire would have to wait.
    assert_eq!(lock.acquire(true, None), Err(SyncError::WouldBlock));
    assert_eq!(
        lock.acquire(true, Some(Duration::from_millis(5))),
        Err(SyncError::WouldBlock)
    );
    assert_eq!(lock.acquire(false, None), Ok(false));
    assert_eq!(lock.acquire(true, Some(Duration::ZERO)), Ok(false));
    lock.release().unwrap();
    assert_eq!(
        Semaphore::new(0).acquire(true, None),
        Err(SyncError::WouldBlock)
    );
    let condition = Condition::new();
    let _held = condition.lock().unwrap();
    assert_eq!(condition.wait(None), Err(SyncError::WouldBlock));
    condition.notify_all().unwrap();
    // A zero timeout never waits, so it is allowed here, as in Python.
    assert_eq!(condition.wait(Some(Duration::ZERO)), Ok(false));
    assert_eq!(
        playground::sync::Event::new().wait(Some(Duration::ZERO)),
        Ok(false)
    );
    assert_eq!(
        Semaphore::new(0).acquire(true, Some(Duration::ZERO)),
        Ok(false)
    );
    // A thread may still take the lock after all this.
    let l = lock.clone();
    assert_eq!(
        threads::spawn(move || l.acquire(true, None))
            .unwrap()
            .join_async()
            .await,
        Ok(Ok(true))
    );
}

/// The shared clock never makes a handover look like an overlap: threads
/// that take turns on a lock stamp the time just after taking it and just
/// before letting go, and no turn's start may read earlier than the end of
/// the turn before. (Each worker's own timer is coarsened with jitter, so
/// raw readings can disagree across workers by a tick.)
#[wasm_bindgen_test]
async fn stamps_across_a_lock_handover_never_overlap() {
    use playground::sync::Lock;
    start();
    threads::prestart(64).await;
    let lock = Arc::new(Lock::new());
    let l = lock.clone();
    let handles = threads::spawn_many(64, move |_| {
        (0..200)
            .map(|_| {
                let _held = l.lock().unwrap();
                (now_ms(), now_ms())
            })
            .collect::<Vec<_>>()
    })
    .unwrap();
    let mut turns: Vec<(f64, f64)> = Vec::new();
    for result in threads::join_all(handles).await {
        turns.extend(result.unwrap());
    }
    // Sort by start, then by end: turns of zero length at the same instant
    // are fine; a start before the previous turn's end is not.
    turns.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let overlaps = turns.windows(2).filter(|w| w[1].0 < w[0].1).count();
    assert_eq!(
        overlaps, 0,
        "{overlaps} turns began before the one before ended"
    );
}

/// Every page's code panel shows regions that exist in its sources (read
/// from the one registry of pages; a browser test because the pages are).
#[wasm_bindgen_test]
fn every_code_region_a_page_shows_exists() {
    use playground::ui::code_region::region;
    use playground::ui::pages::PAGES;
    let mut shown = 0;
    for page in PAGES {
        for (source, name) in page.code.iter().flat_map(|code| code.rust) {
            let code = region(source, name)
                .unwrap_or_else(|| panic!("page {:?}: no region {name}", page.path));
            assert!(code.lines().count() >= 3, "region {name} is nearly empty");
            shown += 1;
        }
    }
    assert!(
        shown >= PAGES.len() - 1,
        "{shown} regions over {} pages",
        PAGES.len()
    );
}
