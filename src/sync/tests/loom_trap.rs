//! loom: a thread of the run traps (on wasm a panic stops it where it
//! stands: no guard's drop runs) while it holds a condition's lock. A
//! waiter taking that lock back after its wait would wait forever; the
//! trap ends that wait too, without the lock.
//!
//! The trap is played by a thread that takes the lock, notifies, forgets
//! its guard (so the lock is never released) and traps the token, as the
//! runtime does for a thread that trapped.

use super::model;
use crate::sync::{CancelToken, Condition, ConditionLock, Lock, RLock, SyncError};
use loom::sync::Arc;
use loom::thread;

fn a_retake_whose_holder_trapped_ends<L: ConditionLock + Send + Sync + 'static>(lock: L) {
    let condition = Arc::new(Condition::with_lock(lock));
    let token = CancelToken::new();
    let waiter = {
        let (condition, token) = (condition.clone(), token.clone());
        thread::spawn(move || {
            token.scope(|| {
                // The holder took the lock first and trapped: this plain
                // acquire is cancelled.
                let guard = match condition.lock() {
                    Ok(guard) => guard,
                    Err(e) => return (Err(e), false),
                };
                let outcome = guard.wait(None);
                (outcome, guard.holds())
            })
        })
    };
    let trapping = {
        let (condition, token) = (condition.clone(), token.clone());
        thread::spawn(move || {
            token.scope(|| {
                let guard = condition.lock().unwrap();
                guard.notify(1).unwrap();
                std::mem::forget(guard);
                token.trap();
            })
        })
    };
    trapping.join().unwrap();
    let (outcome, holds) = waiter.join().unwrap();
    match outcome {
        Err(SyncError::Trapped) => assert!(!holds, "it says it holds a lock it never got back"),
        Err(SyncError::Cancelled) => {}
        other => panic!("the lock was never released, yet: {other:?}"),
    }
    assert_eq!(condition.waiting(), 0);
}

#[test]
fn a_trap_ends_a_retake_of_a_lock() {
    model("trap: a retake of a Lock whose holder trapped", || {
        a_retake_whose_holder_trapped_ends(Lock::new())
    });
}

#[test]
fn a_trap_ends_a_retake_of_an_rlock() {
    model("trap: a retake of an RLock whose holder trapped", || {
        a_retake_whose_holder_trapped_ends(RLock::new())
    });
}
