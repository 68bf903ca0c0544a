//! A thread worker that cannot load. Threads of the same run that did
//! start may already wait for the one that never will (here: at a barrier
//! of all of them, as the Lock page's threads do). The failure must end
//! them and fail the run with the reason. Its own test binary: after a
//! worker failed to load, the page's pool says it is unavailable.
#![cfg(target_arch = "wasm32")]

use playground::runtime::threads::{self, pool, JoinError};
use playground::runtime::{self as rt};
use playground::sync::{Barrier, CancelToken, SyncError};
use std::sync::Arc;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_worker_that_fails_to_load_fails_the_run_and_strands_nobody() {
    rt::init(playground::experiments::tasks::PROCESS_TASKS);
    threads::prestart(3).await;
    threads::until_warm(threads::stats().workers).await;
    let running_before = threads::running();
    let token = CancelToken::new();
    // The pool warms a worker per core it is told of (WebKit says 4 on two
    // cores): every warm worker takes a thread that waits at the barrier;
    // the one more needs a new worker, which fails to load.
    let parties = threads::warm() + 1;
    let barrier = Arc::new(Barrier::new(parties).unwrap());
    pool::break_next_worker_for_tests();
    let handles = token.scope(|| {
        let barrier = barrier.clone();
        threads::spawn_many(parties, move |_| barrier.wait(None)).unwrap()
    });
    let results = threads::join_all(handles).await;
    let failed: Vec<_> = results
        .iter()
        .filter_map(|r| match r {
            Err(JoinError::Panicked(message)) => Some(message.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(failed.len(), 1, "{results:?}");
    assert!(failed[0].contains("no worker could start"), "{}", failed[0]);
    for result in results.iter().filter(|r| r.is_ok()) {
        assert!(
            matches!(
                result,
                Ok(Err(SyncError::Cancelled)) | Ok(Err(SyncError::BrokenBarrier))
            ),
            "{result:?}"
        );
    }
    assert!(token.is_cancelled());
    assert_eq!(threads::running(), running_before);
    // And the page says why threads are unavailable now.
    assert!(matches!(
        threads::spawn(|| ()),
        Err(threads::SpawnError::Unavailable(_))
    ));
}
