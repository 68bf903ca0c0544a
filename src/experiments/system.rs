//! The system check: can this browser run real threads, and what do they cost?
//!
//! One thread computes `fib(n)` (r times over) k times; then k threads
//! compute it once each (the fib modes `sequential` and `free`). With real
//! parallelism the second takes about 1/min(k, cores) of the time. Then it
//! times starting 1, 10 and 100 threads, cold (new workers) and warm
//! (reused ones).

use super::fib_modes::{self, check_values, ModeState, Outcome, Work};
use super::params::{params, spec, Default, Kind};
use super::work::fib_value;
use super::{round3, Experiment, RunContext, RunError};
use crate::clock::now_ms;
use crate::i18n::Text;
use crate::runtime::threads;
use crate::timeline::{Span, Worker};
use serde::Serialize;

pub struct SystemExperiment;

/// Measured rounds of each of sequential and parallel.
pub const ROUNDS: u32 = 5;

/// Thread counts whose start-up is timed.
pub const START_COUNTS: [usize; 3] = [1, 10, 100];

params! {
    pub struct SystemParams {
        n: u32 = spec(
            Text::FieldFibN,
            Some(Text::FieldFibNHelp),
            Kind::Int { min: 10, max: 40 },
            Default::Int(30),
        ),
        repeat: u32 = spec(
            Text::FieldRepeat,
            Some(Text::FieldRepeatHelp),
            Kind::Int { min: 1, max: 1000 },
            Default::Int(40),
        ),
        threads: usize = spec(
            Text::FieldThreads,
            Some(Text::FieldThreadsHelp),
            Kind::Int { min: 1, max: 64 },
            Default::Cores,
        ),
    }
}

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
    pub timeline: Vec<Span<Worker, ModeState>>,
}

impl Experiment for SystemExperiment {
    const ID: &'static str = "system";
    type Params = SystemParams;
    type Figures = SystemFigures;

    /// k threads (the start-up part retires the idle workers first: its
    /// cold starts are cold).
    fn threads_needed(params: &SystemParams) -> usize {
        params.threads
    }

    async fn run(params: SystemParams, ctx: RunContext) -> Result<SystemFigures, RunError> {
        let SystemParams {
            n,
            repeat,
            threads: k,
        } = params;
        let expected = fib_value(n);
        let steps = 1 + 2 * ROUNDS + 2 * START_COUNTS.len() as u32;

        ctx.progress(0, steps);
        // Workers that are still loading would compete with the measurement.
        threads::prestart(k).await;
        // The engine first runs wasm from a quick baseline compile and
        // optimises it once it is hot: an unmeasured round of each way lets
        // that happen, so that no measured round is the slow one (a slow
        // first sequence once made a speedup above the number of cores).
        fib_modes::free(Work::Cpu, n, repeat, k, &ctx.cancel).await?;
        fib_modes::sequential(Work::Cpu, n, repeat, 1, &ctx.cancel).await?;

        let (mut sequential_rounds_ms, mut parallel_rounds_ms) = (Vec::new(), Vec::new());
        let (mut sequential, mut parallel) = (Outcome::default(), Outcome::default());
        for round in 0..ROUNDS {
            ctx.progress(1 + 2 * round, steps);
            sequential = fib_modes::sequential(Work::Cpu, n, repeat, k, &ctx.cancel).await?;
            ctx.progress(2 + 2 * round, steps);
            parallel = fib_modes::free(Work::Cpu, n, repeat, k, &ctx.cancel).await?;
            check_values(&sequential, expected)?;
            check_values(&parallel, expected)?;
            sequential_rounds_ms.push(round3(sequential.extent_ms()));
            parallel_rounds_ms.push(round3(parallel.extent_ms()));
        }
        // Noise only ever adds time: the fastest round is the truest.
        let fastest = |rounds: &[f64]| rounds.iter().copied().fold(f64::INFINITY, f64::min);
        let (sequential_ms, parallel_ms) =
            (fastest(&sequential_rounds_ms), fastest(&parallel_rounds_ms));

        // The last round's timeline, from when its first computation started.
        let spans: Vec<(f64, &fib_modes::Stretch)> = [&sequential, &parallel]
            .into_iter()
            .flat_map(|o| o.spans.iter().map(move |s| (o.asked, s)))
            .collect();
        let origin = spans
            .iter()
            .map(|(asked, s)| asked + s.start_ms)
            .fold(f64::INFINITY, f64::min);
        let timeline = spans
            .into_iter()
            .map(|(asked, s)| Span {
                lane: s.lane,
                start_ms: round3(asked + s.start_ms - origin),
                end_ms: round3(asked + s.end_ms - origin),
                state: s.state,
            })
            .collect();

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
            fib_value: expected,
            thread_start,
            timeline,
        })
    }
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

/// What the system check's speedup says about this browser's threads
/// (`cap`: the most `threads` can gain here).
pub fn verdict(threads: usize, speedup: f64, cap: Option<usize>) -> Option<Text> {
    use super::speedup::{reading, Reading};
    match reading(speedup, cap) {
        // Nothing ran in parallel: both sides did the same work.
        _ if threads == 1 => Some(Text::SpeedupVerdictOneThread),
        Reading::Faster if speedup > 1.2 => Some(Text::SpeedupVerdictYes),
        Reading::BeyondCores => None,
        _ => Some(Text::SpeedupVerdictNo),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_verdict_names_the_cause_it_can_know() {
        assert_eq!(
            verdict(1, 1.0, Some(1)),
            Some(Text::SpeedupVerdictOneThread)
        );
        assert_eq!(
            verdict(1, 1.3, Some(1)),
            Some(Text::SpeedupVerdictOneThread)
        );
        assert_eq!(verdict(2, 1.9, Some(2)), Some(Text::SpeedupVerdictYes));
        assert_eq!(verdict(2, 1.0, Some(2)), Some(Text::SpeedupVerdictNo));
        // Above what the cores allow: noise, no verdict.
        assert_eq!(verdict(4, 3.5, Some(2)), None);
    }
    use crate::experiments::{params_of, run_report, Status};
    use crate::runtime::executor::block_on;
    use crate::sync::CancelToken;

    #[test]
    fn the_check_reports_every_figure() {
        let report = block_on(run_report::<SystemExperiment>(
            params_of::<SystemExperiment>("n=18&repeat=2&threads=3"),
            RunContext::quiet(),
        ));
        assert_eq!(report.status, Status::Ok, "{:?}", report.error);
        let figures = report.figures.clone().expect("figures");
        assert_eq!(figures.fib_value, 2584);
        assert_eq!(figures.sequential_rounds_ms.len(), ROUNDS as usize);
        assert_eq!(figures.parallel_rounds_ms.len(), ROUNDS as usize);
        assert!(figures.sequential_ms > 0.0 && figures.parallel_ms > 0.0);
        let lanes =
            |lane: fn(&Worker) -> bool| figures.timeline.iter().filter(|s| lane(&s.lane)).count();
        assert_eq!(lanes(|l| *l == Worker::Sequential), 3);
        assert_eq!(lanes(|l| matches!(l, Worker::Thread(_))), 3);
        assert!(figures
            .timeline
            .iter()
            .all(|s| 0.0 <= s.start_ms && s.start_ms <= s.end_ms));
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
        assert_eq!(json["timeline"][0]["lane"], "sequential");
        assert_eq!(json["timeline"][0]["state"], "running");
        assert!(json.get("error").is_none());
    }

    #[test]
    fn a_cancelled_check_says_so() {
        let cancel = CancelToken::new();
        cancel.cancel();
        let ctx = RunContext::new(cancel, |_| {});
        let report = block_on(run_report::<SystemExperiment>(
            params_of::<SystemExperiment>("n=30&threads=2"),
            ctx,
        ));
        assert_eq!(report.status, Status::Cancelled);
        assert!(report.figures.is_none());
    }
}
