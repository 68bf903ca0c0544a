//! Our primitives under real browser threads (web workers on one shared
//! memory), from a dedicated worker where blocking is allowed.
#![cfg(target_arch = "wasm32")]

use playground::runtime::{self as rt, threads};
use playground::sync::{Condition, Event, Lock, Semaphore};
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

const LONG: Option<Duration> = Some(Duration::from_secs(30));

#[wasm_bindgen_test]
async fn a_hundred_threads_times_ten_thousand_increments_make_a_million() {
    rt::init(playground::experiments::tasks::PROCESS_TASKS);
    let lock = Arc::new(Lock::new());
    // A read and a separate write: without the lock, updates would be lost.
    let counter = Arc::new(AtomicUsize::new(0));
    let (l, c) = (lock.clone(), counter.clone());
    let handles = threads::spawn_many(100, move |_| {
        for _ in 0..10_000 {
            let _held = l.lock().unwrap();
            let value = c.load(Ordering::Relaxed);
            c.store(value + 1, Ordering::Relaxed);
        }
    })
    .unwrap();
    for result in threads::join_all(handles).await {
        result.unwrap();
    }
    assert_eq!(counter.load(Ordering::Relaxed), 1_000_000);
    assert!(!lock.locked());
}

#[wasm_bindgen_test]
async fn a_semaphore_of_three_never_has_four_holders_among_twenty_threads() {
    rt::init(playground::experiments::tasks::PROCESS_TASKS);
    let semaphore = Arc::new(Semaphore::new(3));
    let holders = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let (s, h, m) = (semaphore.clone(), holders.clone(), most.clone());
    let handles = threads::spawn_many(20, move |_| {
        for _ in 0..200 {
            let _permit = s.lock().unwrap();
            let now = h.fetch_add(1, Ordering::SeqCst) + 1;
            m.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(Duration::from_micros(50));
            h.fetch_sub(1, Ordering::SeqCst);
        }
    })
    .unwrap();
    for result in threads::join_all(handles).await {
        result.unwrap();
    }
    let most = most.load(Ordering::SeqCst);
    assert!((1..=3).contains(&most), "{most} holders at once");
    assert_eq!(semaphore.available(), 3);
}

#[wasm_bindgen_test]
async fn a_producer_feeds_ten_consumers_through_a_condition() {
    rt::init(playground::experiments::tasks::PROCESS_TASKS);
    let condition = Arc::new(Condition::new());
    let items = Arc::new(AtomicU32::new(0));
    let consumed = Arc::new(AtomicU32::new(0));
    let (c, i, d) = (condition.clone(), items.clone(), consumed.clone());
    let consumers = threads::spawn_many(10, move |_| {
        for _ in 0..50 {
            let _held = c.lock().unwrap();
            assert!(
                c.wait_for(|| i.load(Ordering::SeqCst) > 0, LONG).unwrap(),
                "starved"
            );
            i.fetch_sub(1, Ordering::SeqCst);
            d.fetch_add(1, Ordering::SeqCst);
        }
    })
    .unwrap();
    let (c, i) = (condition.clone(), items.clone());
    let producer = threads::spawn(move || {
        for _ in 0..500 {
            let _held = c.lock().unwrap();
            i.fetch_add(1, Ordering::SeqCst);
            c.notify(1).unwrap();
        }
    })
    .unwrap();
    producer.join_async().await.unwrap();
    for result in threads::join_all(consumers).await {
        result.unwrap();
    }
    assert_eq!(consumed.load(Ordering::SeqCst), 500);
    assert_eq!(condition.waiting(), 0);
}

#[wasm_bindgen_test]
async fn timeouts_expire_when_nothing_comes() {
    rt::init(playground::experiments::tasks::PROCESS_TASKS);
    // About to block: let workers still loading from other tests finish.
    threads::prestart(0).await;
    let lock = Lock::new();
    lock.acquire(true, None).unwrap();
    // This test's worker may block: wait here, against a lock held by us.
    let started = playground::clock::now_ms();
    assert_eq!(
        lock.acquire(true, Some(Duration::from_millis(30))),
        Ok(false)
    );
    assert!(playground::clock::now_ms() - started >= 30.0);

    assert_eq!(
        Semaphore::new(0).acquire(true, Some(Duration::from_millis(10))),
        Ok(false)
    );
    let condition = Condition::new();
    let _held = condition.lock().unwrap();
    assert_eq!(condition.wait(Some(Duration::from_millis(10))), Ok(false));
    assert_eq!(
        Event::new().wait(Some(Duration::from_millis(10))),
        Ok(false)
    );
}

#[wasm_bindgen_test]
async fn a_timed_wait_returns_at_once_when_notified() {
    rt::init(playground::experiments::tasks::PROCESS_TASKS);
    // This worker is about to block, and a worker that blocks cannot start
    // workers: warm one first.
    threads::prestart(1).await;
    let event = Arc::new(Event::new());
    let setter = event.clone();
    let handle = threads::spawn(move || {
        std::thread::sleep(Duration::from_millis(20));
        setter.set();
    })
    .unwrap();
    let started = playground::clock::now_ms();
    assert_eq!(event.wait(Some(Duration::from_secs(60))), Ok(true));
    assert!(playground::clock::now_ms() - started < 60_000.0);
    handle.join_async().await.unwrap();
}
