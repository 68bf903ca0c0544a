//! loom: cancelling a run ends its threads' waits, wherever they are, and
//! leaves the primitives usable.

use super::model;
use crate::sync::{CancelToken, Condition, Lock, SyncError};
use loom::sync::Arc;
use loom::thread;

/// A thread inside a token waits for a lock that is held; cancel ends the
/// wait (or the lock came free first), and the lock still works.
#[test]
fn cancel_ends_a_lock_wait() {
    model("cancel: a lock wait", || {
        let lock = Arc::new(Lock::new());
        let token = CancelToken::new();
        let held = lock.lock().unwrap();
        let waiter = {
            let (lock, token) = (lock.clone(), token.clone());
            thread::spawn(move || {
                token.scope(|| match lock.acquire(true, None) {
                    Ok(true) => lock.release().map(|()| true),
                    other => other,
                })
            })
        };
        token.cancel();
        let outcome = waiter.join().unwrap();
        assert!(
            matches!(outcome, Err(SyncError::Cancelled)),
            "the lock was held throughout, yet: {outcome:?}"
        );
        drop(held);
        assert!(lock.try_acquire());
    });
}

/// A thread inside a token waits on a condition with no timeout and nobody
/// to notify it: cancel ends the wait, and it returns holding the lock.
#[test]
fn cancel_ends_a_condition_wait_with_the_lock_held_again() {
    model("cancel: a condition wait", || {
        let condition = Arc::new(Condition::new());
        let token = CancelToken::new();
        let waiter = {
            let (condition, token) = (condition.clone(), token.clone());
            thread::spawn(move || {
                token.scope(|| {
                    let _held = condition.lock().unwrap();
                    let outcome = condition.wait(None);
                    (outcome, condition.inner().is_owned())
                })
            })
        };
        token.cancel();
        let (outcome, owned) = waiter.join().unwrap();
        assert_eq!(outcome, Err(SyncError::Cancelled));
        assert!(owned, "the wait returned without the lock");
        assert_eq!(condition.waiting(), 0);
    });
}
