//! The runtime where blocking is allowed: these tests run in a dedicated
//! web worker (the whole file does; wasm-bindgen-test configures per binary).
//! The test's worker is the host that starts the pool's workers, and a
//! worker that blocks while a worker it started is still loading can leave
//! that one stuck for good (seen in Chromium 156). So every test awaits
//! `prestart`, which also waits for workers still loading, before it blocks.
#![cfg(target_arch = "wasm32")]

use playground::clock::now_ms;
use playground::runtime::{self as rt, threads, timer};
use playground::sync::{CancelToken, Cancelled};
use std::time::Duration;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

#[wasm_bindgen_test]
async fn a_worker_may_join_by_blocking() {
    rt::init(playground::experiments::tasks::PROCESS_TASKS);
    threads::prestart(2).await;
    let handle = threads::spawn(|| 40 + 2).unwrap();
    assert_eq!(handle.join(), Ok(42));
}

#[wasm_bindgen_test]
async fn a_thread_can_spawn_and_join_threads() {
    rt::init(playground::experiments::tasks::PROCESS_TASKS);
    threads::prestart(2).await;
    // The outer thread blocks on 8 inner ones; the pool must grow for them,
    // which the host (this test, awaiting) does on the outer thread's request.
    let outer = threads::spawn(|| {
        let inner = threads::spawn_many(8, |i| i + 1).unwrap();
        inner.into_iter().map(|h| h.join().unwrap()).sum::<usize>()
    })
    .unwrap();
    assert_eq!(outer.join_async().await, Ok(36));
    // Let the workers started for the inner threads finish loading.
    threads::prestart(0).await;
}

#[wasm_bindgen_test]
async fn a_blocking_sleep_sleeps_and_cancel_cuts_it_short() {
    rt::init(playground::experiments::tasks::PROCESS_TASKS);
    threads::prestart(1).await;
    let token = CancelToken::new();
    let started = now_ms();
    assert_eq!(token.sleep(Duration::from_millis(30)), Ok(()));
    assert!(now_ms() - started >= 30.0);

    let canceller = token.clone();
    let cancels_soon = threads::spawn(move || {
        CancelToken::new().sleep(Duration::from_millis(20)).unwrap();
        canceller.cancel();
    })
    .unwrap();
    assert_eq!(token.sleep(Duration::from_secs(600)), Err(Cancelled));
    cancels_soon.join().unwrap();
    timer::sleep(Duration::from_millis(1)).await;
}
