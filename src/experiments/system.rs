//! The system check: can this browser run real threads, and what do they cost?
//!
//! One thread computes `fib(n)` (r times over) k times; then k threads
//! compute it once each. With real parallelism the second takes about 1/min(k, cores) of the
//! time. Then it times starting 1, 10 and 100 threads, cold (new workers)
//! and warm (reused ones).

use super::params::{Default, Kind, ParamSpec, Values};
use super::work::fib_cancellable;
use super::{join_run, round3, Experiment, RunContext, RunError};
use crate::clock::now_ms;
use crate::i18n::Text;
use crate::runtime::threads;
use crate::sync::{CancelToken, Cancelled};
use crate::trace::{Span, State};
use serde::Serialize;

pub struct System;

/// Measured rounds of each of sequential and parallel.
pub const ROUNDS: u32 = 5;

/// Thread counts whose start-up is timed.
pub const START_COUNTS: [usize; 3] = [1, 10, 100];

/// How long starting `threads` threads took.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StartCost {
    pub threads: usize,
    /// With no idle worker: every thread needs a new worker.
    pub cold_ms: f64,
    /// Right after, when the workers wait idle.
    pub warm_ms: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SystemFigures {
    /// One thread computing fib(n) k times, from asking to the last end
    /// (the fastest of the rounds).
    pub sequential_ms: f64,
    /// k threads computing fib(n) once each, from asking to the last end
    /// (the fastest of the rounds).
    pub parallel_ms: f64,
    /// `sequential_ms / parallel_ms`.
    pub speedup: f64,
    /// Every round, in order.
    pub sequential_rounds_ms: Vec<f64>,
    pub parallel_rounds_ms: Vec<f64>,
    /// fib(n), as every thread computed it.
    pub fib_value: u64,
    pub thread_start: Vec<StartCost>,
    /// The last round, one lane per thread, in ms from its first start.
    pub timeline: Vec<Span>,
}

const PARAMS: &[ParamSpec] = &[
    ParamSpec {
        name: "n",
        label: Text::FieldFibN,
        help: Some(Text::FieldFibNHelp),
        kind: Kind::Int { min: 10, max: 40 },
        default: Default::Int(30),
    },
    ParamSpec {
        name: "repeat",
        label: Text::FieldRepeat,
        help: Some(Text::FieldRepeatHelp),
        kind: Kind::Int { min: 1, max: 1000 },
        default: Default::Int(40),
    },
    ParamSpec {
        name: "threads",
        label: Text::FieldThreads,
        help: Some(Text::FieldThreadsHelp),
        kind: Kind::Int { min: 1, max: 64 },
        default: Default::Cores,
    },
];

/// The lane name of the sequential run; parallel lanes are "thread 1", ….
pub const SEQUENTIAL_LANE: &str = "sequential";

pub fn thread_lane(i: usize) -> String {
    format!("thread {}", i + 1)
}

impl Experiment for System {
    const ID: &'static str = "system";
    type Figures = SystemFigures;

    fn params() -> &'static [ParamSpec] {
        PARAMS
    }

    async fn run(values: Values, ctx: RunContext) -> Result<SystemFigures, RunError> {
        let n = values.int("n") as u32;
        let k = values.int("threads") as usize;
        let repeat = values.int("repeat") as u32;
        let steps = 1 + 2 * ROUNDS + 2 * START_COUNTS.len() as u32;

        ctx.progress(0, steps);
        // Workers that are still loading would compete with the measurement.
        threads::prestart(k).await;
        // The engine first runs wasm from a quick baseline compile and
        // optimises it once it is hot: an unmeasured round lets that happen,
        // so that the first measured round is not the slow one.
        parallel_round(n, repeat, k, &ctx).await?;

        let (mut sequential_rounds_ms, mut parallel_rounds_ms) = (Vec::new(), Vec::new());
        let (mut sequential, mut parallel) = (Vec::new(), Vec::new());
        for round in 0..ROUNDS {
            ctx.progress(1 + 2 * round, steps);
            let one = sequential_round(n, repeat, k, &ctx).await?;
            ctx.progress(2 + 2 * round, steps);
            let many = parallel_round(n, repeat, k, &ctx).await?;
            sequential_rounds_ms.push(round3(one.extent()));
            parallel_rounds_ms.push(round3(many.extent()));
            (sequential, parallel) = (one.runs, many.runs);
        }

        let fib_value = sequential[0].2;
        if sequential
            .iter()
            .chain(&parallel)
            .any(|run| run.2 != fib_value)
        {
            return Err(RunError::Failed(
                "threads computed different values of fib(n)".into(),
            ));
        }
        // Noise only ever adds time: the fastest round is the truest.
        let fastest = |rounds: &[f64]| rounds.iter().copied().fold(f64::INFINITY, f64::min);
        let (sequential_ms, parallel_ms) =
            (fastest(&sequential_rounds_ms), fastest(&parallel_rounds_ms));

        // The last round's timeline, starting when its first computation does.
        let origin = sequential
            .iter()
            .chain(&parallel)
            .map(|r| r.0)
            .fold(f64::INFINITY, f64::min);
        let mut timeline: Vec<Span> = sequential
            .iter()
            .map(|&(start, end, _)| {
                Span::between(SEQUENTIAL_LANE, origin, start, end, State::Running)
            })
            .collect();
        timeline.extend(parallel.iter().enumerate().map(|(i, &(start, end, _))| {
            Span::between(thread_lane(i), origin, start, end, State::Running)
        }));

        let mut thread_start = Vec::with_capacity(START_COUNTS.len());
        for (i, threads) in START_COUNTS.into_iter().enumerate() {
            ctx.cancel.check()?;
            ctx.progress(1 + 2 * ROUNDS + 2 * i as u32, steps);
            threads::retire_idle().await;
            let cold_ms = time_to_start(threads).await?;
            ctx.progress(2 + 2 * ROUNDS + 2 * i as u32, steps);
            let warm_ms = time_to_start(threads).await?;
            thread_start.push(StartCost {
                threads,
                cold_ms: round3(cold_ms),
                warm_ms: round3(warm_ms),
            });
        }
        ctx.progress(steps, steps);

        Ok(SystemFigures {
            sequential_ms,
            parallel_ms,
            speedup: round3(sequential_ms / parallel_ms.max(1e-9)),
            sequential_rounds_ms,
            parallel_rounds_ms,
            fib_value,
            thread_start,
            timeline,
        })
    }
}

/// One computation (fib(n), `repeat` times): start and end on the shared
/// clock, and the value.
type Computation = (f64, f64, u64);

/// One thread's share of a round: fib(n), `repeat` times. A single fib(30)
/// is a few milliseconds, too short to time next to the microseconds it
/// takes to wake a thread; repeating it keeps n at the post's size.
fn timed_work(n: u32, repeat: u32, cancel: &CancelToken) -> Result<Computation, Cancelled> {
    let start = now_ms();
    let mut value = 0;
    for _ in 0..repeat {
        value = fib_cancellable(n, cancel)?;
    }
    Ok((start, now_ms(), value))
}

/// A round's computations, and when they were asked for: both kinds of
/// round are timed from the request, so each pays its wake-up once.
struct Round {
    asked: f64,
    runs: Vec<Computation>,
}

impl Round {
    /// From the request to the last end.
    fn extent(&self) -> f64 {
        self.runs.iter().map(|r| r.1).fold(self.asked, f64::max) - self.asked
    }
}

/// One thread computes fib(n) k times in a row.
async fn sequential_round(
    n: u32,
    repeat: u32,
    k: usize,
    ctx: &RunContext,
) -> Result<Round, RunError> {
    let cancel = ctx.cancel.clone();
    let asked = now_ms();
    let runs = ctx
        .spawn(move || {
            (0..k)
                .map(|_| timed_work(n, repeat, &cancel))
                .collect::<Result<Vec<_>, _>>()
        })?
        .join_async()
        .await??;
    Ok(Round { asked, runs })
}

/// k threads compute fib(n) once each.
async fn parallel_round(
    n: u32,
    repeat: u32,
    k: usize,
    ctx: &RunContext,
) -> Result<Round, RunError> {
    let cancel = ctx.cancel.clone();
    let asked = now_ms();
    let handles = ctx.spawn_many(k, move |_| {
        timed_work(n, repeat, &cancel).map_err(RunError::from)
    })?;
    let runs = join_run(handles, &ctx.cancel).await?;
    Ok(Round { asked, runs })
}

/// From asking for `count` threads until the last of them is running.
pub async fn time_to_start(count: usize) -> Result<f64, RunError> {
    let asked = now_ms();
    let handles = threads::spawn_many(count, |_| now_ms())?;
    let mut last_start = asked;
    for started in threads::join_all(handles).await {
        last_start = last_start.max(started?);
    }
    Ok(last_start - asked)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::experiments::params::validate;
    use crate::experiments::{run_report, Status};
    use crate::runtime::env::env;
    use crate::runtime::executor::block_on;
    use crate::sync::CancelToken;

    fn values(query: &str) -> Values {
        let (values, errors) = validate(PARAMS, &super::super::params::parse_query(query), &env());
        assert!(errors.is_empty(), "{errors:?}");
        values
    }

    #[test]
    fn the_check_reports_every_figure() {
        let report = block_on(run_report::<System>(
            values("n=18&repeat=2&threads=3"),
            RunContext::quiet(),
        ));
        assert_eq!(report.status, Status::Ok, "{:?}", report.error);
        let figures = report.figures.clone().expect("figures");
        assert_eq!(figures.fib_value, 2584);
        assert_eq!(figures.sequential_rounds_ms.len(), ROUNDS as usize);
        assert_eq!(figures.parallel_rounds_ms.len(), ROUNDS as usize);
        assert!(figures.sequential_ms > 0.0 && figures.parallel_ms > 0.0);
        assert_eq!(
            figures
                .timeline
                .iter()
                .filter(|s| s.lane == SEQUENTIAL_LANE)
                .count(),
            3
        );
        assert_eq!(
            figures
                .timeline
                .iter()
                .filter(|s| s.lane.starts_with("thread "))
                .count(),
            3
        );
        assert!(figures.timeline.iter().all(|s| s.start_ms <= s.end_ms));
        let counts: Vec<_> = figures.thread_start.iter().map(|s| s.threads).collect();
        assert_eq!(counts, START_COUNTS);

        let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        for key in [
            "experiment",
            "params",
            "status",
            "elapsed_ms",
            "env",
            "speedup",
            "timeline",
        ] {
            assert!(json.get(key).is_some(), "report lacks {key}: {json}");
        }
        assert_eq!(json["experiment"], "system");
        assert_eq!(json["params"]["threads"], 3);
        assert!(json.get("error").is_none());
    }

    #[test]
    fn a_cancelled_check_says_so() {
        let cancel = CancelToken::new();
        cancel.cancel();
        let ctx = RunContext::new(cancel, |_| {});
        let report = block_on(run_report::<System>(values("n=30&threads=2"), ctx));
        assert_eq!(report.status, Status::Cancelled);
        assert!(report.figures.is_none());
    }
}
