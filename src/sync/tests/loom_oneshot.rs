//! loom: a thread's result reaches its joiner (the join packet): two
//! writers race (the closure's end, and the runtime failing the thread),
//! exactly one value arrives, and a blocked reader always wakes.

use super::model;
use crate::sync::oneshot::OneShot;
use loom::sync::Arc;
use loom::thread;

#[test]
fn one_of_two_writers_wins_and_the_reader_wakes() {
    model("oneshot: two writers, one blocked reader", || {
        let slot = Arc::new(OneShot::new());
        let writers: Vec<_> = [1, 2]
            .into_iter()
            .map(|value| {
                let slot = slot.clone();
                thread::spawn(move || slot.complete(value))
            })
            .collect();
        slot.wait().unwrap();
        let value = slot.take().expect("filled");
        let won: Vec<bool> = writers.into_iter().map(|w| w.join().unwrap()).collect();
        assert_eq!(won.iter().filter(|w| **w).count(), 1, "{won:?}");
        assert_eq!(value, if won[0] { 1 } else { 2 });
        assert_eq!(slot.take(), None, "taken twice");
    });
}
