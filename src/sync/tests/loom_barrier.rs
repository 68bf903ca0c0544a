//! loom: a `Barrier` of two lets both through together, and a waiter that
//! gives up breaks it for the other instead of leaving it waiting.

use super::model;
use crate::sync::{Barrier, SyncError};
use loom::sync::Arc;
use loom::thread;
use std::time::Duration;

#[test]
fn two_parties_pass_together() {
    model("barrier: two parties", || {
        let barrier = Arc::new(Barrier::new(2).unwrap());
        let other = {
            let barrier = barrier.clone();
            thread::spawn(move || barrier.wait(None).unwrap())
        };
        let mine = barrier.wait(None).unwrap();
        let theirs = other.join().unwrap();
        let mut indices = [mine, theirs];
        indices.sort_unstable();
        assert_eq!(indices, [0, 1]);
    });
}

#[test]
fn a_timed_out_party_breaks_the_barrier_for_the_other() {
    model("barrier: a timeout breaks it", || {
        let barrier = Arc::new(Barrier::new(3).unwrap());
        let timed = {
            let barrier = barrier.clone();
            thread::spawn(move || barrier.wait(Some(Duration::from_millis(1))))
        };
        // The third party never comes: the untimed wait must end, broken.
        assert_eq!(barrier.wait(None), Err(SyncError::BrokenBarrier));
        assert_eq!(timed.join().unwrap(), Err(SyncError::BrokenBarrier));
    });
}

/// A reset while a party waits: that party gets `BrokenBarrier` (as in
/// Python's `reset`), and after a reset with nobody inside, the barrier
/// lets two parties through again.
#[test]
fn a_reset_breaks_the_round_and_the_barrier_works_again() {
    model("barrier: reset", || {
        let barrier = Arc::new(Barrier::new(2).unwrap());
        let early = {
            let barrier = barrier.clone();
            thread::spawn(move || barrier.wait(None))
        };
        barrier.reset().unwrap();
        // If the reset came before the other arrived, this completes the
        // round with it; otherwise the other was reset, and this times out.
        let mine = barrier.wait(Some(Duration::from_millis(1)));
        let theirs = early.join().unwrap();
        assert_eq!(mine.is_ok(), theirs.is_ok(), "{mine:?} {theirs:?}");
        for outcome in [mine, theirs] {
            assert!(
                matches!(outcome, Ok(_) | Err(SyncError::BrokenBarrier)),
                "{outcome:?}"
            );
        }
        // Nobody inside: a reset makes it whole.
        barrier.reset().unwrap();
        assert!(!barrier.broken().unwrap());
        let other = {
            let barrier = barrier.clone();
            thread::spawn(move || barrier.wait(None).unwrap())
        };
        barrier.wait(None).unwrap();
        other.join().unwrap();
    });
}
