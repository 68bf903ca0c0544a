//! Tracing: what each thread did, and when, on the one shared clock.
//!
//! Primitives call [`record`] at every step (requested, acquired, released,
//! wait, woken, timed out, notify). With tracing off that is one branch. On,
//! a [`Record`] goes into a buffer of the calling thread; the runtime moves
//! a thread's buffer to a shared queue when its closure ends ([`flush`]),
//! and [`take_all`] collects everything. [`timeline`] turns records into
//! [`Span`]s (lane, state, start, end).

use crate::timeline::{Activity, Span};
use crossbeam_queue::SegQueue;
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicBool, Ordering};

/// A step of a primitive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    /// Asked to acquire.
    Requested,
    Acquired,
    Released,
    /// Began waiting for a notify (condition, event).
    Wait,
    /// Woken by a notify.
    Woken,
    /// Gave up: a timeout, or a non-blocking try that failed.
    TimedOut,
    /// Notified others (condition notify, event set).
    Notify,
}

/// One step, by whom and when.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Record {
    /// Which primitive (its `trace_id()`).
    pub primitive: u32,
    /// The lane of the thread that made the step (see [`set_lane`]).
    pub lane: u32,
    pub event: Event,
    /// On the shared clock.
    pub t_ms: f64,
}

static ENABLED: AtomicBool = AtomicBool::new(false);
static COLLECTED: SegQueue<Vec<Record>> = SegQueue::new();

std::thread_local! {
    static BUFFER: RefCell<Vec<Record>> = const { RefCell::new(Vec::new()) };
    static LANE: Cell<u32> = const { Cell::new(0) };
}

/// Turns tracing on or off, for every thread.
pub fn set_enabled(on: bool) {
    ENABLED.store(on, Ordering::SeqCst);
}

/// Names the calling thread's lane in the records it makes from now on
/// (experiments number their threads 0, 1, …).
pub fn set_lane(lane: u32) {
    LANE.with(|l| l.set(lane));
}

/// Records a step of `primitive` by the calling thread. Off: one branch.
#[inline]
pub fn record(primitive: u32, event: Event) {
    if ENABLED.load(Ordering::Relaxed) {
        record_now(primitive, event);
    }
}

#[cold]
fn record_now(primitive: u32, event: Event) {
    record_at_time(primitive, event, crate::clock::now_ms());
}

/// The time now, if tracing is on: for a step that must be stamped before
/// it can be recorded (a release is stamped while the lock is still held).
#[inline]
pub fn stamp() -> Option<f64> {
    if ENABLED.load(Ordering::Relaxed) {
        Some(crate::clock::now_ms())
    } else {
        None
    }
}

/// Records a step at a time taken with [`stamp`] (nothing if it was off).
#[inline]
pub fn record_at(primitive: u32, event: Event, at: Option<f64>) {
    if let Some(t_ms) = at {
        record_at_time(primitive, event, t_ms);
    }
}

#[cold]
fn record_at_time(primitive: u32, event: Event, t_ms: f64) {
    let record = Record {
        primitive,
        lane: LANE.with(Cell::get),
        event,
        t_ms,
    };
    BUFFER.with(|b| b.borrow_mut().push(record));
}

/// Moves the calling thread's records to where [`take_all`] finds them.
/// The runtime calls it when a thread's closure ends.
pub fn flush() {
    let records = BUFFER.with(|b| std::mem::take(&mut *b.borrow_mut()));
    if !records.is_empty() {
        COLLECTED.push(records);
    }
}

/// Every record flushed so far (and the caller's own), in time order.
pub fn take_all() -> Vec<Record> {
    flush();
    let mut all = Vec::new();
    while let Some(mut records) = COLLECTED.pop() {
        all.append(&mut records);
    }
    all.sort_by(|a, b| a.t_ms.total_cmp(&b.t_ms));
    all
}

/// Turns records into spans, per lane (the lane numbers of the records):
/// requested → acquired is waiting, acquired → released is holding, wait →
/// woken (or timed out) is waiting. Times are made relative to `origin_ms`.
pub fn timeline(records: &[Record], origin_ms: f64) -> Vec<Span<u32, Activity>> {
    use std::collections::HashMap;
    // Open intervals, per (lane, primitive).
    let mut requested: HashMap<(u32, u32), f64> = HashMap::new();
    let mut held: HashMap<(u32, u32), f64> = HashMap::new();
    let mut waiting: HashMap<(u32, u32), f64> = HashMap::new();
    let mut spans = Vec::new();
    let mut span = |lane: u32, start: f64, end: f64, state: Activity| {
        if end > start {
            spans.push(Span::between(lane, origin_ms, start, end, state));
        }
    };
    for r in records {
        let key = (r.lane, r.primitive);
        match r.event {
            Event::Requested => {
                requested.insert(key, r.t_ms);
            }
            Event::Acquired => {
                if let Some(start) = requested.remove(&key) {
                    span(r.lane, start, r.t_ms, Activity::Waiting);
                }
                held.insert(key, r.t_ms);
            }
            Event::Released => {
                if let Some(start) = held.remove(&key) {
                    span(r.lane, start, r.t_ms, Activity::Holding);
                }
            }
            Event::Wait => {
                waiting.insert(key, r.t_ms);
            }
            Event::Woken | Event::TimedOut => {
                for open in [&mut waiting, &mut requested] {
                    if let Some(start) = open.remove(&key) {
                        span(r.lane, start, r.t_ms, Activity::Waiting);
                    }
                }
            }
            Event::Notify => {}
        }
    }
    spans
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    fn at(lane: u32, event: Event, t_ms: f64) -> Record {
        Record {
            primitive: 7,
            lane,
            event,
            t_ms,
        }
    }

    #[test]
    fn records_become_waiting_and_holding_spans() {
        let records = [
            at(0, Event::Requested, 10.0),
            at(0, Event::Acquired, 10.0),
            at(1, Event::Requested, 11.0),
            at(0, Event::Released, 15.0),
            at(1, Event::Acquired, 15.5),
            at(1, Event::Released, 20.0),
        ];
        let spans = timeline(&records, 10.0);
        let got: Vec<_> = spans
            .iter()
            .map(|s| (s.lane, s.state, s.start_ms, s.end_ms))
            .collect();
        assert_eq!(
            got,
            vec![
                (0, Activity::Holding, 0.0, 5.0),
                (1, Activity::Waiting, 1.0, 5.5),
                (1, Activity::Holding, 5.5, 10.0),
            ]
        );
    }

    #[test]
    fn a_wait_that_times_out_is_waiting_until_then() {
        let records = [at(0, Event::Wait, 1.0), at(0, Event::TimedOut, 4.0)];
        let spans = timeline(&records, 0.0);
        assert_eq!(
            spans,
            vec![Span {
                lane: 0,
                start_ms: 1.0,
                end_ms: 4.0,
                state: Activity::Waiting
            }]
        );
    }
}
