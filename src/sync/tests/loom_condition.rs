//! loom: a `Condition` loses no wake-up, also when a timeout and a notify
//! cross.

use super::model;
use crate::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use crate::sync::Condition;
use loom::sync::Arc;
use loom::thread;
use std::time::Duration;

/// The consumer waits for a flag the producer sets and notifies; in every
/// interleaving (the notify before, during or after the wait) the consumer
/// finishes. A lost wake-up would leave it parked: loom reports a deadlock.
#[test]
fn a_notify_is_never_lost() {
    model("condition: a notify is never lost", || {
        let condition = Arc::new(Condition::new());
        let ready = Arc::new(AtomicBool::new(false));
        let consumer = {
            let (condition, ready) = (condition.clone(), ready.clone());
            thread::spawn(move || {
                let _held = condition.lock().unwrap();
                condition
                    .wait_for(|| ready.load(Ordering::Relaxed), None)
                    .unwrap()
            })
        };
        {
            let _held = condition.lock().unwrap();
            ready.store(true, Ordering::Relaxed);
            condition.notify(1).unwrap();
        }
        assert!(consumer.join().unwrap());
    });
}

/// A timed wait and a notify race. Whatever the order, a notify made while
/// the consumer was waiting (after it began, before it returned) reaches
/// it: the wait returns `true`. The consumer reads the producer's flag,
/// which is written under the lock, just before and just after the wait.
#[test]
fn a_timed_out_wait_never_swallows_a_notify_made_while_it_waited() {
    model("condition: timeout and notify cross", || {
        let condition = Arc::new(Condition::new());
        let produced = Arc::new(AtomicBool::new(false));
        let consumer = {
            let (condition, produced) = (condition.clone(), produced.clone());
            thread::spawn(move || {
                let _held = condition.lock().unwrap();
                let before = produced.load(Ordering::Relaxed);
                let woken = condition.wait(Some(Duration::from_millis(1))).unwrap();
                let after = produced.load(Ordering::Relaxed);
                (before, woken, after)
            })
        };
        {
            let _held = condition.lock().unwrap();
            produced.store(true, Ordering::Relaxed);
            condition.notify(1).unwrap();
        }
        let (before, woken, after) = consumer.join().unwrap();
        if !before && after {
            assert!(
                woken,
                "the notify came during the wait, and the wait missed it"
            );
        }
    });
}

/// Two consumers, two notify(1)s: each wakes one, and both get a ticket.
#[test]
fn notify_one_of_two_waiters_then_the_other() {
    model("condition: notify(1) twice for two waiters", || {
        let condition = Arc::new(Condition::new());
        let tickets = Arc::new(AtomicUsize::new(0));
        let consumers: Vec<_> = (0..2)
            .map(|_| {
                let (condition, tickets) = (condition.clone(), tickets.clone());
                thread::spawn(move || {
                    let _held = condition.lock().unwrap();
                    condition
                        .wait_for(|| tickets.load(Ordering::Relaxed) > 0, None)
                        .unwrap();
                    tickets.fetch_sub(1, Ordering::Relaxed);
                })
            })
            .collect();
        for _ in 0..2 {
            let _held = condition.lock().unwrap();
            tickets.fetch_add(1, Ordering::Relaxed);
            condition.notify(1).unwrap();
        }
        consumers.into_iter().for_each(|c| c.join().unwrap());
        assert_eq!(tickets.load(Ordering::Relaxed), 0);
    });
}
