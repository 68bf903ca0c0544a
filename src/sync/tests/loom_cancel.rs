//! loom: cancelling a run ends its threads' waits, wherever they are, and
//! leaves the primitives usable.
//!
//! Every wait here has no timeout, and a thread parked inside a token has
//! no backstop either (it parks without a timeout once it has a slot in
//! the token's table): so if `cancel` failed to reach a parked thread, in
//! any interleaving (its wake landing just before the thread parks
//! included), loom would find that thread parked for good and report a
//! deadlock.

use super::model;
use crate::sync::atomic::{AtomicBool, Ordering};
use crate::sync::oneshot::OneShot;
use crate::sync::{CancelToken, Condition, Event, Lock, Semaphore, SyncError};
use loom::sync::Arc;
use loom::thread;

/// A thread inside a token waits for a lock that is held; cancel ends the
/// wait, and the lock still works.
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

/// A thread inside a token waits for a permit that never comes: cancel
/// ends the wait, and the semaphore still counts right.
#[test]
fn cancel_ends_a_semaphore_wait() {
    model("cancel: a semaphore wait", || {
        let semaphore = Arc::new(Semaphore::new(0));
        let token = CancelToken::new();
        let waiter = {
            let (semaphore, token) = (semaphore.clone(), token.clone());
            thread::spawn(move || token.scope(|| semaphore.acquire(true, None)))
        };
        token.cancel();
        assert_eq!(waiter.join().unwrap(), Err(SyncError::Cancelled));
        semaphore.release(1).unwrap();
        assert!(semaphore.try_acquire());
    });
}

/// A thread inside a token waits for an event nobody sets, and another
/// blocks joining a thread that never ends: cancel ends both.
#[test]
fn cancel_ends_an_event_wait_and_a_join() {
    model("cancel: an event wait and a join", || {
        let event = Arc::new(Event::new());
        let never = Arc::new(OneShot::<u32>::new());
        let token = CancelToken::new();
        let waiter = {
            let (event, token) = (event.clone(), token.clone());
            thread::spawn(move || token.scope(|| event.wait(None)))
        };
        let joiner = {
            let (never, token) = (never.clone(), token.clone());
            thread::spawn(move || token.scope(|| never.wait()))
        };
        token.cancel();
        assert_eq!(waiter.join().unwrap(), Err(SyncError::Cancelled));
        assert_eq!(joiner.join().unwrap(), Err(SyncError::Cancelled));
    });
}

/// A notify and a cancel race for a consumer: it returns notified or
/// cancelled, holding the lock either way, and a notify that found it is
/// never reported as a cancel (the notify would be lost).
#[test]
fn a_notify_racing_a_cancel() {
    model("cancel: a notify racing a cancel", || {
        let condition = Arc::new(Condition::new());
        let token = CancelToken::new();
        let consumer = {
            let (condition, token) = (condition.clone(), token.clone());
            thread::spawn(move || {
                token.scope(|| {
                    // Cancelled before it got the lock: it never waited.
                    let _held = condition.lock().ok()?;
                    let outcome = condition.wait(None);
                    Some((outcome, condition.inner().is_owned()))
                })
            })
        };
        let canceller = {
            let token = token.clone();
            thread::spawn(move || token.cancel())
        };
        let notified = {
            let _held = condition.lock().unwrap();
            let waiting = condition.waiting();
            condition.notify(1).unwrap();
            waiting == 1
        };
        canceller.join().unwrap();
        let Some((outcome, owned)) = consumer.join().unwrap() else {
            return;
        };
        assert!(owned, "the wait returned without the lock");
        match outcome {
            Ok(true) => assert!(notified, "woken, but nobody notified it"),
            Err(SyncError::Cancelled) => assert!(
                !notified || condition.waiting() == 0,
                "a notify reached it, and it said cancelled"
            ),
            other => panic!("{other:?}"),
        }
        assert_eq!(condition.waiting(), 0);
    });
}

/// A plain cancel does not end a wait that is taking its condition's lock
/// back (it must return holding it): that wait ends when the holder lets
/// go, and only then. Both the notify and the cancel come while the
/// holder holds the lock, and the holder marks the moment it lets go.
#[test]
fn a_cancel_leaves_the_lock_retake_to_the_holder() {
    model("cancel: a retake waits for the holder", || {
        let condition = Arc::new(Condition::new());
        let token = CancelToken::new();
        let released = Arc::new(AtomicBool::new(false));
        let consumer = {
            let (condition, token, released) = (condition.clone(), token.clone(), released.clone());
            thread::spawn(move || {
                token.scope(|| {
                    // Cancelled before it got the lock: it never waited.
                    let guard = condition.lock().ok()?;
                    let outcome = guard.wait(None);
                    Some((outcome, guard.holds(), released.load(Ordering::Relaxed)))
                })
            })
        };
        {
            let guard = condition.lock().unwrap();
            guard.notify(1).unwrap();
            token.cancel();
            released.store(true, Ordering::Relaxed);
        }
        if let Some((outcome, holds, saw_release)) = consumer.join().unwrap() {
            assert!(holds, "the wait returned without the lock");
            assert!(
                matches!(outcome, Ok(true) | Err(SyncError::Cancelled)),
                "{outcome:?}"
            );
            assert!(
                saw_release,
                "it took the lock back while the holder held it"
            );
        }
        assert_eq!(condition.waiting(), 0);
    });
}

/// A cancel and a trap from two threads at once both reach the waiter,
/// and neither canceller is left waiting for the other.
#[test]
fn a_cancel_and_a_trap_at_once() {
    model("cancel: a cancel and a trap at once", || {
        let lock = Arc::new(Lock::new());
        let token = CancelToken::new();
        let held = lock.lock().unwrap();
        let waiter = {
            let (lock, token) = (lock.clone(), token.clone());
            thread::spawn(move || token.scope(|| lock.acquire(true, None)))
        };
        let canceller = {
            let token = token.clone();
            thread::spawn(move || token.cancel())
        };
        token.trap();
        canceller.join().unwrap();
        assert_eq!(waiter.join().unwrap(), Err(SyncError::Cancelled));
        assert!(token.is_trapped());
        assert_eq!(token.parked_count(), 0);
        drop(held);
    });
}
