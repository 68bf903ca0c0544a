//! §3.2.1 Lock: N threads each read a shared counter, sleep, and write it
//! back plus one. Without a lock the read→write windows overlap and updates
//! are lost; inside our `Lock` they take turns and the count is exact.

use super::params::{params, spec, Default, Kind};
use super::{join_run, round3, Experiment, RunContext, RunError};
use crate::clock::now_ms;
use crate::i18n::Text;
use crate::sync::{Barrier, Lock};
use crate::timeline::{states, Span, Worker};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

pub struct LockExperiment;

params! {
    pub struct LockParams {
        threads: usize = spec(
            Text::FieldThreads,
            Some(Text::FieldLockThreadsHelp),
            Kind::Int { min: 1, max: 256 },
            Default::Int(100),
        ),
        sleep_ms: u64 = spec(
            Text::FieldSleepMs,
            Some(Text::FieldSleepMsHelp),
            Kind::Int { min: 0, max: 100 },
            Default::Int(1),
        ),
        use_lock: bool = spec(
            Text::FieldUseLock,
            Some(Text::FieldUseLockHelp),
            Kind::Bool,
            Default::Bool(true),
        ),
    }
}

states! {
    /// The lock page's timeline.
    pub enum LockState {
        /// Waiting for the lock.
        Waiting = ("waiting", Text::StateWaiting),
        /// From reading the counter to writing it back.
        ReadWrite = ("read_write", Text::StateReadWrite),
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LockFigures {
    /// The counter at the end.
    pub value: u64,
    /// What it would be with no update lost: one per thread.
    pub expected: u64,
    /// `expected - value`.
    pub lost_updates: u64,
    /// From asking for the threads to the last joined.
    pub ms: f64,
    /// From asking for the threads until the last one was running (they
    /// all start their turns together, once every one of them runs).
    pub spawn_ms: f64,
    /// The most read→write windows open at one time.
    pub max_overlap: usize,
    /// Per thread: `waiting` for the lock, then `read_write` from its read
    /// to its write; ms from the start.
    pub timeline: Vec<Span<Worker, LockState>>,
    /// Every write to the counter in time order: `lane`, `at_ms` (as the
    /// timeline's), `value` written. The counter at any instant is the
    /// last value written before it.
    pub writes: Vec<Write>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Write {
    pub lane: Worker,
    pub at_ms: f64,
    pub value: u64,
}

impl LockFigures {
    /// The writes done by `at_ms` (timeline time; the report's times are
    /// rounded to the microsecond, so a write within one of it counts).
    pub fn writes_by(&self, at_ms: f64) -> &[Write] {
        let done = self.writes.partition_point(|w| w.at_ms <= at_ms + 1e-3);
        &self.writes[..done]
    }

    /// The counter's value at `at_ms`: the last value written by then.
    pub fn counter_at(&self, at_ms: f64) -> u64 {
        self.writes_by(at_ms).last().map_or(0, |w| w.value)
    }
}

/// What one thread saw, on the shared clock.
struct Turn {
    started: f64,
    locked: Option<f64>,
    read: f64,
    wrote: f64,
    /// What it wrote: one more than what it read.
    value: u64,
}

// [shown: lock]
/// One thread's turn: read the counter, sleep, write it back plus one;
/// inside the lock if there is one. The guard lets go even if the sleep is
/// cancelled, so no other thread is left waiting.
fn turn(
    counter: &AtomicU64,
    lock: Option<&Lock>,
    sleep: Duration,
    cancel: &crate::sync::CancelToken,
) -> Result<Turn, RunError> {
    let started = now_ms();
    let guard = lock.map(Lock::lock).transpose()?;
    let locked = guard.as_ref().map(|_| now_ms());
    // A read and a later write, not one atomic add: that is the race.
    let seen = counter.load(Ordering::SeqCst);
    let read = now_ms();
    cancel.sleep(sleep)?;
    counter.store(seen + 1, Ordering::SeqCst);
    let wrote = now_ms();
    drop(guard);
    Ok(Turn {
        started,
        locked,
        read,
        wrote,
        value: seen + 1,
    })
}
// [/shown: lock]

/// The most intervals open at one time (an end at the same instant as a
/// start does not overlap it).
pub fn max_overlap(intervals: impl IntoIterator<Item = (f64, f64)>) -> usize {
    let mut edges: Vec<(f64, i32)> = intervals
        .into_iter()
        .flat_map(|(start, end)| [(start, 1), (end, -1)])
        .collect();
    // Ends before starts at equal times.
    edges.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let (mut open, mut most) = (0i32, 0i32);
    for (_, step) in edges {
        open += step;
        most = most.max(open);
    }
    most as usize
}

impl Experiment for LockExperiment {
    const ID: &'static str = "lock";
    type Params = LockParams;
    type Figures = LockFigures;

    fn threads_needed(params: &LockParams) -> usize {
        params.threads
    }

    async fn run(params: LockParams, ctx: RunContext) -> Result<LockFigures, RunError> {
        let k = params.threads;
        let sleep = Duration::from_millis(params.sleep_ms);
        let lock = params.use_lock.then(|| Arc::new(Lock::new()));
        let counter = Arc::new(AtomicU64::new(0));
        ctx.progress(0, 1);

        // Every thread waits at a barrier until all of them run, and all are
        // released at once (CPython's threads start one after another
        // instead: `Thread.start()` waits for each; the page says so). So
        // all k are really there together, and their start is timed.
        let all_started = Arc::new(Barrier::new(k)?);
        let asked = now_ms();
        let handles = {
            let (counter, lock, cancel) = (counter.clone(), lock.clone(), ctx.cancel.clone());
            ctx.spawn_many(k, move |_| {
                let running = now_ms();
                all_started.wait(None)?;
                let t = turn(&counter, lock.as_deref(), sleep, &cancel)?;
                Ok::<_, RunError>((running, t))
            })?
        };
        let (running, turns): (Vec<f64>, Vec<Turn>) =
            join_run(handles, &ctx.cancel).await?.into_iter().unzip();
        let ms = now_ms() - asked;
        ctx.progress(1, 1);

        let value = counter.load(Ordering::SeqCst);
        let expected = k as u64;
        let lane = Worker::thread;
        let mut timeline = Vec::with_capacity(2 * k);
        for (i, t) in turns.iter().enumerate() {
            if let Some(locked) = t.locked {
                timeline.push(Span::between(
                    lane(i),
                    asked,
                    t.started,
                    locked,
                    LockState::Waiting,
                ));
            }
            timeline.push(Span::between(
                lane(i),
                asked,
                t.read,
                t.wrote,
                LockState::ReadWrite,
            ));
        }
        let mut writes: Vec<Write> = turns
            .iter()
            .enumerate()
            .map(|(i, t)| Write {
                lane: lane(i),
                at_ms: round3(t.wrote - asked),
                value: t.value,
            })
            .collect();
        writes.sort_by(|a, b| a.at_ms.total_cmp(&b.at_ms));
        Ok(LockFigures {
            writes,
            value,
            expected,
            lost_updates: expected - value,
            ms: round3(ms),
            spawn_ms: round3(running.into_iter().fold(asked, f64::max) - asked),
            max_overlap: max_overlap(turns.iter().map(|t| (t.read, t.wrote))),
            timeline,
        })
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::experiments::{run_and_cancel, run_query, Status};

    fn run(query: &str) -> LockFigures {
        run_query::<LockExperiment>(query)
    }

    /// Cancelled while the threads wait at the start barrier or for the
    /// lock: the run says cancelled, not "the barrier is broken" (the
    /// barrier breaks because a party was cancelled).
    #[test]
    fn a_cancelled_run_is_cancelled_not_broken() {
        for after_ms in [0, 20, 150] {
            let (status, error) = run_and_cancel::<LockExperiment>(
                "threads=20&sleep_ms=100&use_lock=true",
                Duration::from_millis(after_ms),
            );
            assert_eq!(status, Status::Cancelled, "after {after_ms} ms: {error:?}");
        }
    }

    #[test]
    fn with_the_lock_every_update_counts() {
        let f = run("threads=50&sleep_ms=1&use_lock=true");
        assert_eq!((f.value, f.expected, f.lost_updates), (50, 50, 0));
        assert_eq!(f.max_overlap, 1);
        assert_eq!(
            f.timeline
                .iter()
                .filter(|s| s.state == LockState::ReadWrite)
                .count(),
            50
        );
    }

    #[test]
    fn the_writes_replay_the_counter() {
        for use_lock in [true, false] {
            let f = run(&format!("threads=30&sleep_ms=2&use_lock={use_lock}"));
            assert_eq!(f.writes.len(), 30);
            assert_eq!(f.counter_at(-1.0), 0);
            let last = f.writes.last().unwrap().at_ms;
            assert_eq!(f.counter_at(last), f.value, "use_lock={use_lock}");
            if use_lock {
                // One at a time: the counter climbs by one with each write.
                for (i, w) in f.writes.iter().enumerate() {
                    assert_eq!(w.value, i as u64 + 1);
                }
            }
        }
    }

    #[test]
    fn without_it_updates_are_lost_and_counted() {
        let f = run("threads=50&sleep_ms=5&use_lock=false");
        assert!(f.lost_updates > 0, "no update was lost");
        assert_eq!(f.lost_updates, f.expected - f.value);
        assert!(f.max_overlap > 1);
        assert!(f.spawn_ms >= 0.0);
        assert!(f.timeline.iter().all(|s| s.state == LockState::ReadWrite));
    }

    #[test]
    fn overlap_counts_open_intervals() {
        assert_eq!(max_overlap([(0.0, 1.0), (1.0, 2.0)]), 1);
        assert_eq!(max_overlap([(0.0, 2.0), (1.0, 3.0), (1.5, 1.6)]), 3);
        assert_eq!(max_overlap([]), 0);
    }
}
