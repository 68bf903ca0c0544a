//! §4.2 async/await: tasks that sleep 1, 2, 3 units on JS promises run on
//! one thread, the page's event loop, and finish in about the longest sleep,
//! not the sum; one after the other they take the sum.
//!
//! This is the one experiment that runs on the page's main thread: an
//! `await` there does not block, it hands the thread back to the event
//! loop, which is the post's point. With `sleep` = `time` the tasks sleep
//! in a blocking `time.sleep` instead, which never hands the loop back:
//! that loop runs on a worker thread, so that the page does not freeze.

use super::params::{params, spec, Default, Kind};
use super::{round3, Experiment, RunContext, RunError};
use crate::clock::now_ms;
use crate::i18n::{Lang, Text};
use crate::runtime::timer;
use crate::sync::CancelToken;
use crate::timeline::{numbered, words_as_text, Activity, LaneWord, Span};
use futures::future::join_all;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

/// How the tasks sleep: `asyncio` (`await asyncio.sleep`, which hands the
/// event loop back) or `time` (`time.sleep`, which blocks it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SleepKind {
    Asyncio,
    Time,
}

impl SleepKind {
    pub const NAMES: &'static [&'static str] = &["asyncio", "time"];
}

impl super::params::FromValue for SleepKind {
    fn from_value(value: &super::params::Value) -> Self {
        match value {
            super::params::Value::Choice("time") => SleepKind::Time,
            _ => SleepKind::Asyncio,
        }
    }
}

impl Serialize for SleepKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(match self {
            SleepKind::Asyncio => "asyncio",
            SleepKind::Time => "time",
        })
    }
}

pub struct AsyncExperiment;

params! {
    pub struct AsyncParams {
        tasks: u64 = spec(
            Text::FieldTasks,
            Some(Text::FieldTasksHelp),
            Kind::Int { min: 1, max: 20 },
            Default::Int(3),
        ),
        unit_ms: u64 = spec(
            Text::FieldUnitMs,
            None,
            Kind::Int { min: 1, max: 10_000 },
            Default::Int(1000),
        ),
        compare_sequential: bool = spec(
            Text::FieldCompareSequential,
            Some(Text::FieldCompareSequentialHelp),
            Kind::Bool,
            Default::Bool(true),
        ),
        sleep: SleepKind = spec(
            Text::FieldAsyncSleep,
            Some(Text::FieldAsyncSleepHelp),
            Kind::Choice(SleepKind::NAMES),
            Default::Choice("asyncio"),
        ),
    }
}

/// The async page's lanes: "task 1" … and "event loop" for the run with
/// every task at once; "sequential: task 1" … and "sequential: event loop"
/// for the one-by-one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AsyncLane {
    /// From 1.
    Task(usize),
    EventLoop,
    OneByOneTask(usize),
    OneByOneEventLoop,
}

impl std::fmt::Display for AsyncLane {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AsyncLane::Task(i) => write!(f, "task {i}"),
            AsyncLane::EventLoop => f.write_str("event loop"),
            AsyncLane::OneByOneTask(i) => write!(f, "sequential: task {i}"),
            AsyncLane::OneByOneEventLoop => f.write_str("sequential: event loop"),
        }
    }
}

impl std::str::FromStr for AsyncLane {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        match text {
            "event loop" => Ok(AsyncLane::EventLoop),
            "sequential: event loop" => Ok(AsyncLane::OneByOneEventLoop),
            _ => numbered(text, "task ")
                .map(AsyncLane::Task)
                .or_else(|| numbered(text, "sequential: task ").map(AsyncLane::OneByOneTask))
                .ok_or(()),
        }
    }
}

words_as_text!(AsyncLane, "^(sequential: )?(event loop|task [1-9][0-9]*)$");

impl LaneWord for AsyncLane {
    fn label(&self, lang: Lang) -> String {
        let one_by_one = Text::LaneSequentialPrefix.get(lang);
        let task = |i: &usize| Text::LaneTask.fill(lang, &[("i", &i.to_string())]);
        match self {
            AsyncLane::Task(i) => task(i),
            AsyncLane::EventLoop => Text::LaneEventLoop.get(lang).to_string(),
            AsyncLane::OneByOneTask(i) => format!("{one_by_one}{}", task(i)),
            AsyncLane::OneByOneEventLoop => {
                format!("{one_by_one}{}", Text::LaneEventLoop.get(lang))
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TaskRun {
    /// From 1; task i sleeps i units.
    pub id: usize,
    pub sleep_ms: f64,
    /// ms from the concurrent run's start.
    pub start_ms: f64,
    pub end_ms: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AsyncFigures {
    /// All tasks at once: from the start to the last one done.
    pub concurrent_ms: f64,
    /// One after the other; `None` if not asked for.
    pub sequential_ms: Option<f64>,
    /// The concurrent run's tasks.
    pub tasks: Vec<TaskRun>,
    /// Per task: `waiting` while it awaits its sleep; the `event loop` lane
    /// shows the moments it ran a task (`running`). With `sleep` = `time`,
    /// a task and the event loop are `blocked` together for the whole of
    /// its sleep. The sequential run's lanes are `sequential: task i`, from
    /// its own start.
    pub timeline: Vec<Span<AsyncLane, Activity>>,
}

// [shown: task]
/// Task `id`: note the time, await a promise that resolves after `sleep`
/// (setTimeout), note the time again. While it awaits, the thread runs the
/// other tasks.
async fn task(id: usize, sleep: Duration) -> (usize, f64, f64) {
    let start = now_ms();
    timer::sleep(sleep).await;
    (id, start, now_ms())
}

/// All tasks at once, like `asyncio.gather(*tasks)`: ms from start to the last.
async fn concurrently(sleeps: &[Duration]) -> (f64, Vec<(usize, f64, f64)>) {
    let start = now_ms();
    let done = join_all(sleeps.iter().enumerate().map(|(i, d)| task(i + 1, *d))).await;
    (start, done)
}

/// The same tasks, each awaited before the next starts.
async fn one_by_one(sleeps: &[Duration]) -> (f64, Vec<(usize, f64, f64)>) {
    let start = now_ms();
    let mut done = Vec::with_capacity(sleeps.len());
    for (i, d) in sleeps.iter().enumerate() {
        done.push(task(i + 1, *d).await);
    }
    (start, done)
}
/// Task `id` with `time.sleep` inside: it never awaits, so the event loop
/// that runs it can run nothing else until it ends.
async fn blocking_task(
    id: usize,
    sleep: Duration,
    cancel: CancelToken,
) -> Result<(usize, f64, f64), RunError> {
    let start = now_ms();
    cancel.sleep(sleep)?;
    Ok((id, start, now_ms()))
}

/// Runs `tasks` as an event loop on this thread would: the loop polls each
/// task, and a task that never awaits runs to its end in its first poll,
/// so everything is done after one round.
fn blocking_loop<T>(tasks: impl Future<Output = T>) -> T {
    let mut tasks = std::pin::pin!(tasks);
    match tasks.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(done) => done,
        Poll::Pending => unreachable!("a task that never awaits is never pending"),
    }
}

/// Together and (if `compare`) one by one, with blocking sleeps, on this
/// thread: each run's start and its tasks.
type Runs = (
    (f64, Vec<(usize, f64, f64)>),
    Option<(f64, Vec<(usize, f64, f64)>)>,
);

fn blocking_runs(
    sleeps: &[Duration],
    compare: bool,
    cancel: &CancelToken,
) -> Result<Runs, RunError> {
    let tasks = |i: usize, d: &Duration| blocking_task(i + 1, *d, cancel.clone());
    let start = now_ms();
    let together = blocking_loop(join_all(
        sleeps.iter().enumerate().map(|(i, d)| tasks(i, d)),
    ));
    let together = (start, together.into_iter().collect::<Result<Vec<_>, _>>()?);
    let one_by_one = if compare {
        let start = now_ms();
        let done = blocking_loop(async {
            let mut done = Vec::with_capacity(sleeps.len());
            for (i, d) in sleeps.iter().enumerate() {
                done.push(tasks(i, d).await?);
            }
            Ok::<_, RunError>(done)
        })?;
        Some((start, done))
    } else {
        None
    };
    Ok((together, one_by_one))
}
// [/shown: task]

/// A run's spans; `one_by_one` names the lanes of the one-by-one run;
/// `blocking`: the tasks slept in `time.sleep`.
fn spans(
    one_by_one: bool,
    blocking: bool,
    origin: f64,
    done: &[(usize, f64, f64)],
) -> Vec<Span<AsyncLane, Activity>> {
    let (task, event_loop): (fn(usize) -> AsyncLane, _) = if one_by_one {
        (AsyncLane::OneByOneTask, AsyncLane::OneByOneEventLoop)
    } else {
        (AsyncLane::Task, AsyncLane::EventLoop)
    };
    let mut spans = Vec::new();
    for &(id, start, end) in done {
        if blocking {
            // The task sleeps in `time.sleep`, and the loop with it.
            for lane in [task(id), event_loop] {
                spans.push(Span::between(lane, origin, start, end, Activity::Blocked));
            }
            continue;
        }
        spans.push(Span::between(
            task(id),
            origin,
            start,
            end,
            Activity::Waiting,
        ));
        // The event loop runs a task for a moment at its start and its end.
        for t in [start, end] {
            spans.push(Span::between(event_loop, origin, t, t, Activity::Running));
        }
    }
    spans
}

/// What one run's event loop is doing at an instant.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoopAt {
    /// Tasks it starts at this instant: each runs to its first `await`.
    pub starting: Vec<usize>,
    /// Tasks it resumes at this instant (their timer fired): each finishes.
    pub finishing: Vec<usize>,
    /// Tasks awaiting their timers.
    pub waiting: usize,
    /// Tasks finished by then.
    pub done: usize,
}

/// What a blocked event loop is doing at an instant.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BlockedAt {
    /// The task whose `time.sleep` holds the loop.
    pub blocked_by: Option<usize>,
    pub done: usize,
    /// Tasks not yet started.
    pub pending: usize,
}

impl AsyncFigures {
    /// With blocking sleeps: the run's loop at `t` ms from that run's start.
    pub fn blocked_at(&self, one_by_one: bool, t: f64) -> BlockedAt {
        let mut at = BlockedAt::default();
        for span in &self.timeline {
            let id = match (span.lane, one_by_one) {
                (AsyncLane::Task(id), false) | (AsyncLane::OneByOneTask(id), true) => id,
                _ => continue,
            };
            if span.start_ms <= t && t < span.end_ms {
                at.blocked_by = Some(id);
            } else if span.end_ms <= t {
                at.done += 1;
            } else {
                at.pending += 1;
            }
        }
        at
    }

    /// The event loop of the run with all tasks together (or, with
    /// `one_by_one`, of the run one after another) at `t` ms from that
    /// run's start, read off the tasks' spans in the timeline.
    pub fn loop_at(&self, one_by_one: bool, t: f64) -> LoopAt {
        // The cursor lands on the spans' own times: equal, not near.
        let mut at = LoopAt::default();
        for span in &self.timeline {
            let id = match (span.lane, one_by_one) {
                (AsyncLane::Task(id), false) | (AsyncLane::OneByOneTask(id), true) => id,
                _ => continue,
            };
            if span.start_ms == t {
                at.starting.push(id);
            }
            if span.end_ms == t {
                at.finishing.push(id);
            }
            if span.start_ms <= t && t < span.end_ms {
                at.waiting += 1;
            } else if span.end_ms <= t {
                at.done += 1;
            }
        }
        at
    }
}

impl Experiment for AsyncExperiment {
    const ID: &'static str = "async";
    type Params = AsyncParams;
    type Figures = AsyncFigures;

    async fn run(params: AsyncParams, ctx: RunContext) -> Result<AsyncFigures, RunError> {
        let sleeps: Vec<Duration> = (1..=params.tasks)
            .map(|i| Duration::from_millis(i * params.unit_ms))
            .collect();
        let compare = params.compare_sequential;
        let blocking = params.sleep == SleepKind::Time;
        let steps = if compare { 2 } else { 1 };
        ctx.progress(0, steps);

        let ((start, done), seq) = if blocking {
            // The blocked loop runs on a worker: the page must not freeze.
            let cancel = ctx.cancel.clone();
            let sleeps = sleeps.clone();
            ctx.spawn(move || blocking_runs(&sleeps, compare, &cancel))?
                .join_async()
                .await??
        } else {
            let together = ctx.or_cancelled(concurrently(&sleeps)).await?;
            ctx.progress(1, steps);
            let seq = if compare {
                Some(ctx.or_cancelled(one_by_one(&sleeps)).await?)
            } else {
                None
            };
            (together, seq)
        };
        let concurrent_ms = done.iter().map(|d| d.2).fold(start, f64::max) - start;
        let mut timeline = spans(false, blocking, start, &done);
        let sequential_ms = seq.map(|(seq_start, seq_done)| {
            timeline.extend(spans(true, blocking, seq_start, &seq_done));
            round3(seq_done.iter().map(|d| d.2).fold(seq_start, f64::max) - seq_start)
        });
        ctx.progress(steps, steps);

        Ok(AsyncFigures {
            concurrent_ms: round3(concurrent_ms),
            sequential_ms,
            tasks: done
                .iter()
                .zip(&sleeps)
                .map(|(&(id, s, e), d)| TaskRun {
                    id,
                    sleep_ms: d.as_secs_f64() * 1000.0,
                    start_ms: round3(s - start),
                    end_ms: round3(e - start),
                })
                .collect(),
            timeline: timeline
                .into_iter()
                .map(|mut s| {
                    // A moment of running, drawn as a sliver.
                    if s.end_ms <= s.start_ms {
                        s.end_ms = s.start_ms + 1e-3;
                    }
                    s
                })
                .collect(),
        })
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::experiments::{params_of, run_report, Status};
    use crate::runtime::executor::block_on;

    // Natively the timer blocks (there is no event loop), so only the
    // report's shape is checked here; the browser tests check the timing.
    #[test]
    fn the_report_lists_every_task_and_both_totals() {
        let params = params_of::<AsyncExperiment>("tasks=3&unit_ms=5");
        let report = block_on(run_report::<AsyncExperiment>(params, RunContext::quiet()));
        assert_eq!(report.status, Status::Ok);
        let f = report.figures.clone().unwrap();
        let sleeps: Vec<f64> = f.tasks.iter().map(|t| t.sleep_ms).collect();
        assert_eq!(sleeps, [5.0, 10.0, 15.0]);
        assert!(f.sequential_ms.unwrap() >= 30.0);
        assert!(f.tasks.iter().all(|t| t.end_ms - t.start_ms >= t.sleep_ms));
        let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert!(json["sequential_ms"].is_number());
        let params = params_of::<AsyncExperiment>("tasks=2&unit_ms=1&compare_sequential=false");
        let report = block_on(run_report::<AsyncExperiment>(params, RunContext::quiet()));
        let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert!(json["sequential_ms"].is_null());
    }

    #[test]
    fn a_blocking_sleep_holds_the_loop_and_together_takes_the_sum() {
        let f = crate::experiments::run_query::<AsyncExperiment>("tasks=3&unit_ms=10&sleep=time");
        // Each sleep lasts at least its time, and none overlaps another.
        let sum: f64 = f.tasks.iter().map(|t| t.sleep_ms).sum();
        assert!(f.concurrent_ms >= sum, "{} < {sum}", f.concurrent_ms);
        let blocked: Vec<_> = f
            .timeline
            .iter()
            .filter(|s| matches!(s.lane, AsyncLane::Task(_)))
            .map(|s| (s.start_ms, s.end_ms))
            .collect();
        assert_eq!(crate::experiments::lock::max_overlap(blocked), 1);
        assert!(f
            .timeline
            .iter()
            .filter(|s| s.lane == AsyncLane::EventLoop)
            .all(|s| s.state == Activity::Blocked));
        // Mid-way through task 2's sleep: task 1 done, task 3 not started.
        let task2 = &f.tasks[1];
        let at = f.blocked_at(false, (task2.start_ms + task2.end_ms) / 2.0);
        assert_eq!((at.blocked_by, at.done, at.pending), (Some(2), 1, 1));
    }

    fn figures() -> AsyncFigures {
        // Together: tasks 1 and 2 start at 0, end at 10 and 20. One by
        // one: task 1 from 0 to 10, task 2 from 10 to 30.
        let together = spans(false, false, 100.0, &[(1, 100.0, 110.0), (2, 100.0, 120.0)]);
        let one_by_one = spans(true, false, 500.0, &[(1, 500.0, 510.0), (2, 510.0, 530.0)]);
        AsyncFigures {
            concurrent_ms: 20.0,
            sequential_ms: Some(30.0),
            tasks: Vec::new(),
            timeline: together.into_iter().chain(one_by_one).collect(),
        }
    }

    #[test]
    fn the_event_loop_at_an_instant_is_read_off_the_tasks_spans() {
        let f = figures();
        let start = f.loop_at(false, 0.0);
        assert_eq!(
            (start.starting, start.waiting, start.done),
            (vec![1, 2], 2, 0)
        );
        let between = f.loop_at(false, 5.0);
        assert!(between.starting.is_empty() && between.finishing.is_empty());
        assert_eq!((between.waiting, between.done), (2, 0));
        let first_done = f.loop_at(false, 10.0);
        assert_eq!(
            (first_done.finishing, first_done.waiting, first_done.done),
            (vec![1], 1, 1)
        );
        // One by one: task 2 starts as task 1 finishes, never two waiting.
        let handover = f.loop_at(true, 10.0);
        assert_eq!((handover.starting, handover.finishing), (vec![2], vec![1]));
        assert_eq!((handover.waiting, handover.done), (1, 1));
        let end = f.loop_at(true, 30.0);
        assert_eq!((end.waiting, end.done), (0, 2));
    }
}
