//! loom: `Lock` excludes. Two threads each do a read and a separate write
//! of a counter under the lock; in every interleaving loom tries, no update
//! is lost and nobody is left parked.

use crate::sync::atomic::{AtomicUsize, Ordering};
use crate::sync::Lock;
use loom::sync::Arc;
use loom::thread;

#[test]
fn lock_excludes() {
    loom::model(|| {
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

#[test]
fn a_timed_out_acquire_leaves_the_lock_usable() {
    loom::model(|| {
        let lock = Arc::new(Lock::new());
        let other = {
            let lock = lock.clone();
            // Under loom a timeout may fire at once: this may or may not get it.
            thread::spawn(move || {
                if lock
                    .acquire(true, Some(std::time::Duration::from_millis(1)))
                    .unwrap()
                {
                    lock.release().unwrap();
                }
            })
        };
        drop(lock.lock().unwrap());
        other.join().unwrap();
        assert!(lock.try_acquire());
    });
}
