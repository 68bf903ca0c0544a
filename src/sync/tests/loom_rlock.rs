//! loom: `RLock` lets its owner in again and keeps everyone else out until
//! the owner has released every level.

use super::model;
use crate::sync::atomic::{AtomicUsize, Ordering};
use crate::sync::{RLock, SyncError};
use loom::sync::Arc;
use loom::thread;

#[test]
fn only_the_owner_enters_again() {
    model("rlock: re-entry and exclusion", || {
        let rlock = Arc::new(RLock::new());
        let inside = Arc::new(AtomicUsize::new(0));
        let other = {
            let (rlock, inside) = (rlock.clone(), inside.clone());
            thread::spawn(move || nested(&rlock, &inside))
        };
        nested(&rlock, &inside);
        other.join().unwrap();
        assert!(rlock.acquire(false, None).unwrap(), "left locked");
    });
}

/// Takes the lock twice, checks nobody else is inside, lets go twice.
fn nested(rlock: &RLock, inside: &AtomicUsize) {
    let outer = rlock.lock().unwrap();
    let inner = rlock.lock().unwrap();
    assert_eq!(inside.fetch_add(1, Ordering::Relaxed), 0, "two owners");
    inside.fetch_sub(1, Ordering::Relaxed);
    drop(inner);
    // Still held: the other thread must not be inside now either.
    assert!(rlock.is_owned());
    drop(outer);
    assert_eq!(rlock.release(), Err(SyncError::NotOwner));
}
