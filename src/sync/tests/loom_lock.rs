//! loom: `Lock` excludes, and a waiter that gives up leaves it usable.

use super::model;
use crate::sync::atomic::{AtomicUsize, Ordering};
use crate::sync::Lock;
use loom::sync::Arc;
use loom::thread;
use std::time::Duration;

/// Two threads each do a read and a separate write of a counter under the
/// lock; in every interleaving no update is lost and nobody is left parked.
#[test]
fn lock_excludes() {
    model("lock: exclusion", || {
        let lock = Arc::new(Lock::new());
        let counter = Arc::new(AtomicUsize::new(0));
        let other = {
            let (lock, counter) = (lock.clone(), counter.clone());
            thread::spawn(move || increment(&lock, &counter))
        };
        increment(&lock, &counter);
        other.join().unwrap();
        assert_eq!(counter.load(Ordering::SeqCst), 2);
        assert!(!lock.locked());
    });
}

fn increment(lock: &Lock, counter: &AtomicUsize) {
    let _held = lock.lock().unwrap();
    let value = counter.load(Ordering::Relaxed);
    counter.store(value + 1, Ordering::Relaxed);
}

/// A timed acquire against a holder and a third, untimed waiter: whether the
/// timed one gets the lock or gives up, the untimed one is never stranded
/// (its wake is not lost to the one that left).
#[test]
fn a_timed_out_waiter_strands_nobody() {
    model("lock: a timeout strands nobody", || {
        let lock = Arc::new(Lock::new());
        let held = lock.lock().unwrap();
        let timed = {
            let lock = lock.clone();
            thread::spawn(move || {
                if lock.acquire(true, Some(Duration::from_millis(1))).unwrap() {
                    lock.release().unwrap();
                }
            })
        };
        let patient = {
            let lock = lock.clone();
            thread::spawn(move || drop(lock.lock().unwrap()))
        };
        drop(held);
        timed.join().unwrap();
        patient.join().unwrap();
        assert!(lock.try_acquire());
    });
}
