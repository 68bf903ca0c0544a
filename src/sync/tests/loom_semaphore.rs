//! loom: a `Semaphore` of one permit never has two holders, and every
//! waiter gets its permit in the end (no lost wake-up leaves one parked).

use super::model;
use crate::sync::atomic::{AtomicUsize, Ordering};
use crate::sync::Semaphore;
use loom::sync::Arc;
use loom::thread;
use std::time::Duration;

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

/// A timed acquire races a release: it gets the permit, or it gives up and
/// the permit stays; it is never lost, and never counted twice.
#[test]
fn a_timed_acquire_racing_a_release_loses_no_permit() {
    model("semaphore: a timeout racing a release", || {
        let semaphore = Arc::new(Semaphore::new(0));
        let timed = {
            let semaphore = semaphore.clone();
            thread::spawn(move || {
                semaphore
                    .acquire(true, Some(Duration::from_millis(1)))
                    .unwrap()
            })
        };
        semaphore.release(1).unwrap();
        let got = timed.join().unwrap();
        assert_eq!(semaphore.available(), if got { 0 } else { 1 });
    });
}

/// Two timed acquires, one release: at most one of them gets the permit,
/// and what neither took is still there.
#[test]
fn two_timed_acquires_share_one_release() {
    model("semaphore: two timeouts, one release", || {
        let semaphore = Arc::new(Semaphore::new(0));
        let timed: Vec<_> = (0..2)
            .map(|_| {
                let semaphore = semaphore.clone();
                thread::spawn(move || {
                    semaphore
                        .acquire(true, Some(Duration::from_millis(1)))
                        .unwrap()
                })
            })
            .collect();
        semaphore.release(1).unwrap();
        let got = timed
            .into_iter()
            .map(|t| t.join().unwrap())
            .filter(|got| *got)
            .count();
        assert!(got <= 1, "one permit, {got} holders");
        assert_eq!(semaphore.available() as usize, 1 - got);
    });
}
