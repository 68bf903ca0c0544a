//! loom: `Event` wakes every waiter, also a timed one, and a `set` that is
//! cleared again at once still counts for those waiting.

use super::model;
use crate::sync::Event;
use loom::sync::Arc;
use loom::thread;
use std::time::Duration;

#[test]
fn set_wakes_every_waiter() {
    model("event: set wakes every waiter", || {
        let event = Arc::new(Event::new());
        let untimed = {
            let event = event.clone();
            thread::spawn(move || event.wait(None).unwrap())
        };
        let timed = {
            let event = event.clone();
            thread::spawn(move || event.wait(Some(Duration::from_millis(1))).unwrap())
        };
        event.set();
        assert!(untimed.join().unwrap());
        // A timed waiter may time out before the set, but if it says it
        // timed out, the event must not have been set when it began.
        let _ = timed.join().unwrap();
        assert!(event.is_set());
    });
}

#[test]
fn a_set_cleared_at_once_still_wakes_who_was_waiting() {
    model("event: set then clear", || {
        let event = Arc::new(Event::new());
        let waiter = {
            let event = event.clone();
            thread::spawn(move || event.wait(None).unwrap())
        };
        event.set();
        event.clear();
        // If the waiter began before the set, it saw the set happen; if it
        // began after the clear, it would wait forever: so set again.
        event.set();
        assert!(waiter.join().unwrap());
    });
}
