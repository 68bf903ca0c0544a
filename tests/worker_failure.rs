//! Thread workers that cannot load. Threads of the same run that did start
//! may already wait for the ones that never will (here: at a barrier of all
//! of them, as the Lock page's threads do). Its own test binary: it breaks
//! the page's pool on purpose.
#![cfg(target_arch = "wasm32")]

use playground::runtime::threads::{self, pool, JoinError};
use playground::runtime::{self as rt};
use playground::sync::{Barrier, CancelToken, SyncError};
use std::sync::Arc;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Every warm worker takes a thread that waits at a barrier of one more;
/// that one needs a new worker, and the next `broken` workers started fail
/// to load.
async fn a_run_that_needs_one_more_worker(
    broken: u32,
) -> (
    CancelToken,
    Vec<Result<Result<usize, SyncError>, JoinError>>,
) {
    rt::init(playground::experiments::tasks::PROCESS_TASKS);
    threads::prestart(3).await;
    every_worker_idle().await;
    let token = CancelToken::new();
    // The pool warms a worker per core it is told of (WebKit says 4 on two
    // cores): every warm worker takes a thread that waits at the barrier;
    // the one more needs a new worker.
    let parties = threads::warm() + 1;
    let barrier = Arc::new(Barrier::new(parties).unwrap());
    pool::break_next_workers_for_tests(broken);
    let handles = token.scope(|| {
        let barrier = barrier.clone();
        threads::spawn_many(parties, move |_| barrier.wait(None)).unwrap()
    });
    (token.clone(), threads::join_all(handles).await)
}

/// Waits until every worker is loaded and idle, so that `warm()` counts
/// them all. Not `until_warm`: it returns at once while starts are stuck,
/// as the other test leaves them (two failures in a row), and a worker
/// still finishing that test's thread would then take this run's one more
/// thread, so that no new worker (the broken one) is needed.
async fn every_worker_idle() {
    for _ in 0..1000 {
        if threads::warm() >= threads::stats().workers {
            return;
        }
        rt::timer::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("workers not idle after 10 s: {:?}", threads::stats());
}

/// A worker's load can fail for a passing reason: the pool starts the
/// missing worker once more, and the run never notices.
#[wasm_bindgen_test]
async fn a_worker_that_fails_to_load_once_is_started_again() {
    let failed_before = pool::start_trouble().failed;
    let (token, results) = a_run_that_needs_one_more_worker(1).await;
    assert!(
        results.iter().all(|r| matches!(r, Ok(Ok(_)))),
        "{results:?}"
    );
    assert!(!token.is_cancelled());
    let trouble = pool::start_trouble();
    assert_eq!(trouble.failed, failed_before + 1);
    assert!(trouble.last_failure.is_some());
}

/// Twice in a row: the thread no worker will run fails with the reason,
/// the run's other threads end instead of waiting for it, and the workers
/// that did load go on serving runs that fit in them.
#[wasm_bindgen_test]
async fn workers_that_keep_failing_fail_the_run_and_keep_the_live_workers() {
    let running_before = threads::running();
    let (token, results) = a_run_that_needs_one_more_worker(2).await;
    let failed: Vec<_> = results
        .iter()
        .filter_map(|r| match r {
            Err(JoinError::NotStarted(message)) => Some(message.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(failed.len(), 1, "{results:?}");
    assert!(failed[0].contains("no worker could start"), "{}", failed[0]);
    for result in results.iter().filter(|r| r.is_ok()) {
        assert!(
            matches!(
                result,
                Ok(Err(SyncError::Cancelled
                    | SyncError::Trapped
                    | SyncError::BrokenBarrier))
            ),
            "{result:?}"
        );
    }
    assert!(token.is_cancelled());
    assert_eq!(threads::running(), running_before);
    // The live workers stay, and run what fits in them.
    let handle = threads::spawn(|| 6 * 7).expect("threads are still available");
    assert_eq!(handle.join_async().await, Ok(42));
}
