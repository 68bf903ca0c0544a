//! loom: a `Condition` loses no wake-up. The consumer waits for a flag the
//! producer sets and notifies; in every interleaving (the notify before,
//! during or after the wait) the consumer finishes. A lost wake-up would
//! leave it parked, and loom reports a deadlock.

use crate::sync::atomic::{AtomicBool, Ordering};
use crate::sync::Condition;
use loom::sync::Arc;
use loom::thread;

#[test]
fn a_notify_is_never_lost() {
    loom::model(|| {
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

#[test]
fn notify_one_of_two_waiters_then_the_other() {
    loom::model(|| {
        let condition = Arc::new(Condition::new());
        let tickets = Arc::new(crate::sync::atomic::AtomicUsize::new(0));
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
