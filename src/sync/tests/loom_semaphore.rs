//! loom: a `Semaphore` of one permit never has two holders, and every
//! waiter gets its permit in the end (no lost wake-up leaves one parked).

use super::model;
use crate::sync::atomic::{AtomicUsize, Ordering};
use crate::sync::Semaphore;
use loom::sync::Arc;
use loom::thread;

#[test]
fn permits_bound_the_holders() {
    model("semaphore: permits bound the holders", || {
        let semaphore = Arc::new(Semaphore::new(1));
        let holders = Arc::new(AtomicUsize::new(0));
        let threads: Vec<_> = (0..2)
            .map(|_| {
                let (semaphore, holders) = (semaphore.clone(), holders.clone());
                thread::spawn(move || hold(&semaphore, &holders))
            })
            .collect();
        hold(&semaphore, &holders);
        threads.into_iter().for_each(|t| t.join().unwrap());
        assert_eq!(semaphore.available(), 1);
    });
}

fn hold(semaphore: &Semaphore, holders: &AtomicUsize) {
    let _permit = semaphore.lock().unwrap();
    assert_eq!(
        holders.fetch_add(1, Ordering::SeqCst),
        0,
        "two holders of one permit"
    );
    holders.fetch_sub(1, Ordering::SeqCst);
}

#[test]
fn a_release_of_two_wakes_two_waiters() {
    model("semaphore: release(2) wakes two", || {
        let semaphore = Arc::new(Semaphore::new(0));
        let waiters: Vec<_> = (0..2)
            .map(|_| {
                let semaphore = semaphore.clone();
                thread::spawn(move || assert!(semaphore.acquire(true, None).unwrap()))
            })
            .collect();
        semaphore.release(2).unwrap();
        waiters.into_iter().for_each(|t| t.join().unwrap());
        assert_eq!(semaphore.available(), 0);
    });
}
