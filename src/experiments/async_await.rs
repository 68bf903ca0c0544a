//! §4.2 async/await: tasks that sleep 1, 2, 3 units on JS promises run on
//! one thread, the page's event loop, and finish in about the longest sleep,
//! not the sum; one after the other they take the sum.
//!
//! This is the one experiment that runs on the page's main thread: an
//! `await` there does not block, it hands the thread back to the event
//! loop, which is the post's point.

use super::params::{Default, Kind, ParamSpec, Values};
use super::{round3, Experiment, RunContext, RunError};
use crate::clock::now_ms;
use crate::i18n::Text;
use crate::runtime::timer;
use crate::trace::{Span, State};
use futures::future::join_all;
use serde::Serialize;
use std::time::Duration;

pub struct AsyncPage;

const PARAMS: &[ParamSpec] = &[
    ParamSpec {
        name: "tasks",
        label: Text::FieldTasks,
        help: Some(Text::FieldTasksHelp),
        kind: Kind::Int { min: 1, max: 20 },
        default: Default::Int(3),
    },
    ParamSpec {
        name: "unit_ms",
        label: Text::FieldUnitMs,
        help: None,
        kind: Kind::Int {
            min: 1,
            max: 10_000,
        },
        default: Default::Int(1000),
    },
    ParamSpec {
        name: "compare_sequential",
        label: Text::FieldCompareSequential,
        help: Some(Text::FieldCompareSequentialHelp),
        kind: Kind::Bool,
        default: Default::Bool(true),
    },
];

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaskRun {
    /// From 1; task i sleeps i units.
    pub id: usize,
    pub sleep_ms: f64,
    /// ms from the concurrent run's start.
    pub start_ms: f64,
    pub end_ms: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AsyncFigures {
    /// All tasks at once: from the start to the last one done.
    pub concurrent_ms: f64,
    /// One after the other; `None` if not asked for.
    pub sequential_ms: Option<f64>,
    /// The concurrent run's tasks.
    pub tasks: Vec<TaskRun>,
    /// Per task: `waiting` while it awaits its sleep; the `event loop` lane
    /// shows the moments it ran a task (`running`). The sequential run's
    /// lanes are `sequential: task i`, from its own start.
    pub timeline: Vec<Span>,
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

/// All tasks at once, like `asyncio.wait(tasks)`: ms from start to the last.
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
// [/shown: task]

fn spans(lane_prefix: &str, origin: f64, done: &[(usize, f64, f64)]) -> Vec<Span> {
    let mut spans = Vec::new();
    for &(id, start, end) in done {
        let lane = format!("{lane_prefix}task {id}");
        spans.push(Span::between(lane, origin, start, end, State::Waiting));
        // The event loop runs a task for a moment at its start and its end.
        for t in [start, end] {
            spans.push(Span::between(
                format!("{lane_prefix}event loop"),
                origin,
                t,
                t,
                State::Running,
            ));
        }
    }
    spans
}

impl Experiment for AsyncPage {
    const ID: &'static str = "async";
    type Figures = AsyncFigures;

    fn params() -> &'static [ParamSpec] {
        PARAMS
    }

    async fn run(values: Values, ctx: RunContext) -> Result<AsyncFigures, RunError> {
        let unit = values.int("unit_ms") as u64;
        let sleeps: Vec<Duration> = (1..=values.int("tasks") as u64)
            .map(|i| Duration::from_millis(i * unit))
            .collect();
        let compare = values.bool("compare_sequential");
        let steps = if compare { 2 } else { 1 };
        ctx.progress(0, steps);

        let (start, done) = ctx.or_cancelled(concurrently(&sleeps)).await?;
        let concurrent_ms = done.iter().map(|d| d.2).fold(start, f64::max) - start;
        let mut timeline = spans("", start, &done);
        ctx.progress(1, steps);

        let sequential_ms = if compare {
            let (seq_start, seq_done) = ctx.or_cancelled(one_by_one(&sleeps)).await?;
            timeline.extend(spans("sequential: ", seq_start, &seq_done));
            Some(round3(
                seq_done.iter().map(|d| d.2).fold(seq_start, f64::max) - seq_start,
            ))
        } else {
            None
        };
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
    use crate::experiments::params::parse_query;
    use crate::experiments::{run_report, validate, Status};
    use crate::runtime::env::env;
    use crate::runtime::executor::block_on;

    // Natively the timer blocks (there is no event loop), so only the
    // report's shape is checked here; the browser tests check the timing.
    #[test]
    fn the_report_lists_every_task_and_both_totals() {
        let (values, errors) = validate::<AsyncPage>(&parse_query("tasks=3&unit_ms=5"), &env());
        assert!(errors.is_empty());
        let report = block_on(run_report::<AsyncPage>(values, RunContext::quiet()));
        assert_eq!(report.status, Status::Ok);
        let f = report.figures.clone().unwrap();
        let sleeps: Vec<f64> = f.tasks.iter().map(|t| t.sleep_ms).collect();
        assert_eq!(sleeps, [5.0, 10.0, 15.0]);
        assert!(f.sequential_ms.unwrap() >= 30.0);
        assert!(f.tasks.iter().all(|t| t.end_ms - t.start_ms >= t.sleep_ms));
        let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert!(json["sequential_ms"].is_number());
        let (values, _) = validate::<AsyncPage>(
            &parse_query("tasks=2&unit_ms=1&compare_sequential=false"),
            &env(),
        );
        let report = block_on(run_report::<AsyncPage>(values, RunContext::quiet()));
        let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert!(json["sequential_ms"].is_null());
    }
}
