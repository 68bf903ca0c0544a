//! §1 of the post, the GIL: k shares of work, one after the other, in k
//! threads under an emulated GIL, in k threads without one, and in k
//! processes; then how they scale with k. A share computes fib(n) (`work`
//! = `cpu`) or waits `sleep_ms` (`work` = `sleep`).
//!
//! The post's claim: under the GIL, threads that compute are no faster than
//! doing the work in sequence; processes (and threads without a GIL) are k
//! times faster on k cores, once the work outweighs the cost of starting
//! them. And the other side: threads that wait let go of the GIL, so under
//! it they wait at once, k times faster than the sequence.

pub mod emulated_gil;

use super::fib_modes::{
    self, another_round, break_even_n, check_values, measure, Measured, Mode, ModeRun, ModeSpan,
    ModeState, Work, WorkKind, Workload, MAX_ROUNDS, MODES, N_SPEC, ROUNDS_BUDGET_MS,
};
use super::params::{params, spec, Default, Kind};
use super::work::{fib_value, CALLS_BETWEEN_CHECKS};
use super::{round3, Experiment, RunContext, RunError};
use crate::i18n::Text;
use crate::runtime::{env, threads};
use crate::timeline::Worker;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::time::Duration;

pub struct GilExperiment;

/// At most this many runs for each point of the curve.
const CURVE_ROUNDS: usize = 3;

/// The `modes` parameter's options.
const MODE_NAMES: &[&str] = &[
    MODES[0].name(),
    MODES[1].name(),
    MODES[2].name(),
    MODES[3].name(),
];

params! {
    pub struct GilParams {
        n: u32 = N_SPEC,
        threads: usize = spec(
            Text::FieldThreads,
            Some(Text::FieldGilThreadsHelp),
            Kind::Int { min: 1, max: 64 },
            Default::Int(2),
        ),
        switch_interval_ms: f64 = spec(
            Text::FieldSwitchInterval,
            Some(Text::FieldSwitchIntervalHelp),
            Kind::Float { min: 0.1, max: 100.0 },
            Default::Float(5.0),
        ),
        modes: Vec<Mode> = spec(
            Text::FieldModes,
            Some(Text::FieldModesHelp),
            Kind::Set(MODE_NAMES),
            Default::AllOptions,
        ),
        work: WorkKind = spec(
            Text::FieldWork,
            Some(Text::FieldWorkHelp),
            Kind::Choice(WorkKind::NAMES),
            Default::Choice("cpu"),
        ),
        sleep_ms: u64 = spec(
            Text::FieldShareSleepMs,
            Some(Text::FieldShareSleepMsHelp),
            Kind::Int { min: 1, max: 10_000 },
            Default::Int(200),
        ),
    }
}

impl GilParams {
    /// One share of work, as the parameters say.
    pub fn share(&self) -> Work {
        match self.work {
            WorkKind::Cpu => Work::Cpu,
            WorkKind::Sleep => Work::Sleep(Duration::from_millis(self.sleep_ms)),
        }
    }
}

/// One point of the scaling curve.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CurvePoint {
    pub threads: usize,
    pub mode: Mode,
    pub ms: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GilFigures {
    /// fib(n), as every thread and process computed it (`cpu` work).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<u64>,
    pub runs: Vec<ModeRun<Mode>>,
    /// The fastest round of each mode, each from its own start.
    pub timeline: Vec<ModeSpan<Mode>>,
    /// The timeline lacks some GIL spans (very many switches).
    pub timeline_truncated: bool,
    /// k = 1 … hardwareConcurrency, for free threads and processes (and,
    /// for `sleep` work, threads under the GIL).
    pub curve: Vec<CurvePoint>,
    /// One share on one thread (the fastest sequential round / k).
    pub share_ms: f64,
    /// fib(n) once, on one thread (`cpu` work).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fib_ms: Option<f64>,
    /// At most this many calls of fib run between two check points (`cpu`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check_every_calls: Option<u64>,
    /// The mean time between two check points of a GIL holder, in µs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check_interval_us: Option<f64>,
    /// From this n on, k processes beat the sequence (from the measured
    /// spawn cost); `None` if they never can here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub break_even_n: Option<u32>,
    /// A CPython run's (`gil.py --json`): how it saw the real GIL, and
    /// what seeing it cost. The page's own runs have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stamps: Option<GilStamps>,
}

/// How `gil.py` sees CPython's GIL: every thread notes the time whenever
/// its `fib` enters a subtree of `fib(stamp_at)` or smaller; while one
/// thread holds the GIL, only its notes come. And what the notes cost:
/// the same `fib(n)` with and without them, the fastest of `rounds` each.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GilStamps {
    pub stamp_at: u32,
    /// Calls of `fib` between two notes, at most: `fib(stamp_at)`'s.
    pub every_calls: u64,
    /// Notes in one `fib(n)`.
    pub stamp_count: u64,
    pub median_interval_us: f64,
    pub plain_ms: f64,
    pub stamped_ms: f64,
    pub rounds: u32,
}

/// Who has the GIL at an instant, and how many threads compute at once
/// without it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GilAt {
    /// Threads holding the emulated GIL (never more than one).
    pub holding: Vec<Worker>,
    /// Threads waiting for it.
    pub waiting: usize,
    /// Threads working (computing or waiting) at once in the
    /// free-threaded run.
    pub free_running: usize,
}

impl GilFigures {
    /// At `t` ms from each run's start, from the timeline.
    pub fn gil_at(&self, t: f64) -> GilAt {
        let mut at = GilAt::default();
        for span in self
            .timeline
            .iter()
            .filter(|s| s.start_ms <= t && t < s.end_ms)
        {
            match (
                span.mode.is(Mode::GIL),
                span.mode.is(Mode::Free),
                span.state,
            ) {
                (true, _, ModeState::HoldingGil) => at.holding.push(span.lane),
                (true, _, ModeState::Waiting) => at.waiting += 1,
                (_, true, ModeState::Running | ModeState::Sleeping) => at.free_running += 1,
                _ => {}
            }
        }
        at
    }
}

impl Experiment for GilExperiment {
    const ID: &'static str = "gil";
    type Params = GilParams;
    type Figures = GilFigures;

    /// k threads, and the curve's up to hardwareConcurrency.
    fn threads_needed(params: &GilParams) -> usize {
        params.threads.max(env::env().hardware_concurrency as usize)
    }

    async fn run(params: GilParams, ctx: RunContext) -> Result<GilFigures, RunError> {
        let share = params.share();
        let setup = Workload {
            work: share,
            n: params.n,
            k: params.threads,
            cancel: ctx.cancel.clone(),
        };
        let switch_interval = Duration::from_secs_f64(params.switch_interval_ms / 1000.0);
        let modes: Vec<Mode> = params
            .modes
            .iter()
            .map(|mode| match mode {
                Mode::Gil { .. } => Mode::Gil { switch_interval },
                other => *other,
            })
            .collect();
        let cores = (env::env().hardware_concurrency as usize).max(1);
        // Waiting threads scale under the GIL too: that is the lesson.
        let waits = matches!(share, Work::Sleep(_));
        let curve_modes: Vec<Mode> = modes
            .iter()
            .copied()
            .filter(|m| m.is(Mode::Free) || m.is(Mode::Processes) || (waits && m.is(Mode::GIL)))
            .collect();
        let expected = if waits { 0 } else { fib_value(setup.n) };
        let rounds_steps = (MAX_ROUNDS * modes.len()) as u32;
        let steps = rounds_steps + (cores * curve_modes.len()) as u32 + 1;

        ctx.progress(0, steps);
        threads::prestart(setup.k.max(cores)).await;
        // An unmeasured round first, in threads and in sequence: the engine
        // optimises fib once it is hot, and no measured round pays for it.
        fib_modes::free(Work::Cpu, setup.n.min(30), 1, cores, &setup.cancel).await?;
        fib_modes::sequential(Work::Cpu, setup.n.min(30), 1, 1, &setup.cancel).await?;
        let mut step = 1;
        let measured = measure(&modes, &setup, expected, || {
            step += 1;
            ctx.progress(step, steps);
        })
        .await?;
        let mut step = rounds_steps + 1;
        let Measured { fastest, .. } = &measured;

        let sequential = modes.iter().position(|m| m.is(Mode::Sequential));
        let sequential_ms = sequential.map(|i| round3(fastest[i].ms));
        let runs = measured.runs(&modes, sequential);

        // Each point of the curve: the fastest of a few runs, within a
        // smaller budget.
        let mut curve = Vec::new();
        for k in 1..=cores {
            for mode in &curve_modes {
                ctx.progress(step, steps);
                let at_k = Workload { k, ..setup.clone() };
                let (mut best, mut spent, mut runs) = (f64::INFINITY, 0.0, 0);
                while another_round(runs, spent, ROUNDS_BUDGET_MS / 4.0, CURVE_ROUNDS) {
                    let outcome = fib_modes::run(*mode, &at_k).await?;
                    check_values(&outcome, expected)?;
                    (best, spent, runs) = (best.min(outcome.ms), spent + outcome.ms, runs + 1);
                }
                curve.push(CurvePoint {
                    threads: k,
                    mode: *mode,
                    ms: round3(best),
                });
                step += 1;
            }
        }
        ctx.progress(steps, steps);

        // One share on one thread: from the sequence, or else from the
        // curve's single free thread.
        let share_ms = sequential_ms.map(|s| s / setup.k as f64).or_else(|| {
            curve
                .iter()
                .find(|p| p.threads == 1 && p.mode.is(Mode::Free))
                .map(|p| p.ms)
        });
        let check_interval_us = modes
            .iter()
            .position(|m| m.is(Mode::GIL))
            .map(|i| &fastest[i])
            .filter(|g| g.check_points > 0)
            .map(|g| round3(g.held_ms * 1000.0 / g.check_points as f64));
        let processes_spawn = runs
            .iter()
            .find(|r| r.mode.is(Mode::Processes))
            .and_then(|r| r.spawn_ms);
        let fib_ms = share_ms.filter(|_| !waits);
        Ok(GilFigures {
            value: (!waits).then_some(expected),
            timeline_truncated: fastest.iter().any(|o| o.truncated),
            timeline: measured.timeline(&modes),
            runs,
            curve,
            share_ms: round3(share_ms.unwrap_or(0.0)),
            fib_ms: fib_ms.map(round3),
            check_every_calls: (!waits).then_some(CALLS_BETWEEN_CHECKS),
            check_interval_us,
            break_even_n: match (fib_ms, processes_spawn) {
                (Some(fib_ms), Some(spawn)) => break_even_n(setup.n, fib_ms, spawn, setup.k, cores),
                _ => None,
            },
            stamps: None,
        })
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::experiments::{pairs, params_of, run_report, validate, Status};
    use crate::runtime::executor::block_on;
    use crate::sync::CancelToken;

    #[test]
    fn the_report_has_every_mode_a_timeline_and_a_curve() {
        // Natively there are no processes: the thread modes only.
        let report = block_on(run_report::<GilExperiment>(
            params_of::<GilExperiment>(
                "n=27&threads=2&switch_interval_ms=0.5&modes=sequential,gil,free",
            ),
            RunContext::quiet(),
        ));
        assert_eq!(report.status, Status::Ok, "{:?}", report.error);
        let f = report.figures.clone().unwrap();
        assert_eq!(f.value, Some(196_418));
        let modes: Vec<_> = f.runs.iter().map(|r| r.mode.name()).collect();
        assert_eq!(modes, ["sequential", "gil", "free"]);
        assert_eq!(
            f.runs[1].mode,
            Mode::Gil {
                switch_interval: Duration::from_micros(500)
            }
        );
        assert_eq!(f.runs[0].speedup, Some(1.0));
        assert!(f.runs[1].switches.is_some());
        assert!(f
            .timeline
            .iter()
            .any(|s| s.mode.is(Mode::GIL) && s.state == ModeState::HoldingGil));
        let cores = env::env().hardware_concurrency as usize;
        assert_eq!(f.curve.len(), cores.max(1));
        assert!(f.check_interval_us.is_some());
        assert!(f.break_even_n.is_none());

        let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(json["runs"][1]["mode"], "gil");
        assert!(json["runs"][0].get("switches").is_none());
        assert_eq!(json["params"]["modes"][2], "free");
        assert_eq!(json["params"]["switch_interval_ms"], 0.5);
        let gil_span = json["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["state"] == "holding_gil")
            .unwrap();
        assert_eq!(gil_span["mode"], "gil");
        assert_eq!(gil_span["lane"], "thread 1");
        for key in ["start_ms", "end_ms"] {
            assert!(gil_span.get(key).is_some());
        }
    }

    #[test]
    fn waiting_threads_under_the_gil_wait_together() {
        let f = crate::experiments::run_query::<GilExperiment>(
            "threads=2&work=sleep&sleep_ms=40&modes=sequential,gil",
        );
        assert_eq!(f.value, None);
        assert!(f.fib_ms.is_none() && f.check_every_calls.is_none());
        assert!(f.share_ms >= 40.0, "a share waited {} ms", f.share_ms);
        let gil = |state| {
            f.timeline
                .iter()
                .filter(|s| s.mode.is(Mode::GIL) && s.state == state)
                .map(|s| (s.start_ms, s.end_ms))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            crate::experiments::lock::max_overlap(gil(ModeState::Sleeping)),
            2
        );
        assert!(crate::experiments::lock::max_overlap(gil(ModeState::HoldingGil)) <= 1);
        // The curve has the GIL's threads too, when they wait.
        assert!(f.curve.iter().any(|p| p.mode.is(Mode::GIL)));
        let params = params_of::<GilExperiment>("work=sleep&sleep_ms=5");
        assert_eq!(params.share(), Work::Sleep(Duration::from_millis(5)));
        let (_, errors) = validate::<GilExperiment>(&pairs("work=io&sleep_ms=0"), &env::env());
        let fields: Vec<_> = errors.iter().map(|e| e.field()).collect();
        assert_eq!(fields, [Some("work"), Some("sleep_ms")]);
    }

    #[test]
    fn every_mode_goes_by_its_name() {
        let params = params_of::<GilExperiment>("modes=processes,gil");
        assert_eq!(params.modes, [Mode::GIL, Mode::Processes]);
        let names: Vec<_> = params_of::<GilExperiment>("")
            .modes
            .iter()
            .map(|m| m.name())
            .collect();
        assert_eq!(names, MODE_NAMES);
    }

    #[test]
    fn bad_input_is_refused_field_by_field() {
        let (_, errors) = validate::<GilExperiment>(&pairs("n=1000&threads=0"), &env::env());
        let fields: Vec<_> = errors.iter().map(|e| e.field()).collect();
        assert_eq!(fields, [Some("n"), Some("threads")]);
        let (_, errors) = validate::<GilExperiment>(&pairs("n=abc&modes=gil,nogil"), &env::env());
        assert_eq!(errors.len(), 2);
    }

    #[test]
    fn a_cancelled_run_says_so() {
        let cancel = CancelToken::new();
        cancel.cancel();
        let report = block_on(run_report::<GilExperiment>(
            params_of::<GilExperiment>("n=45&modes=gil"),
            RunContext::new(cancel, |_| {}),
        ));
        assert_eq!(report.status, Status::Cancelled);
    }

    #[test]
    fn who_holds_the_gil_at_an_instant_is_read_off_the_timeline() {
        let span = |mode, lane, state, start_ms, end_ms| ModeSpan {
            lane,
            mode,
            state,
            start_ms,
            end_ms,
        };
        let (one, two) = (Worker::thread(0), Worker::thread(1));
        let f = GilFigures {
            timeline: vec![
                span(Mode::GIL, one, ModeState::HoldingGil, 0.0, 5.0),
                span(Mode::GIL, two, ModeState::Waiting, 0.0, 5.0),
                span(Mode::GIL, two, ModeState::HoldingGil, 5.0, 10.0),
                span(Mode::GIL, one, ModeState::Waiting, 5.0, 10.0),
                span(Mode::Free, one, ModeState::Running, 0.0, 6.0),
                span(Mode::Free, two, ModeState::Running, 0.0, 6.0),
                span(
                    Mode::Sequential,
                    Worker::Sequential,
                    ModeState::Running,
                    0.0,
                    12.0,
                ),
            ],
            value: None,
            runs: Vec::new(),
            timeline_truncated: false,
            curve: Vec::new(),
            share_ms: 1.0,
            fib_ms: None,
            check_every_calls: None,
            check_interval_us: None,
            break_even_n: None,
            stamps: None,
        };
        let at = f.gil_at(1.0);
        assert_eq!((at.holding, at.waiting, at.free_running), (vec![one], 1, 2));
        // At a hand-over the new holder has it; the old one waits.
        let at = f.gil_at(5.0);
        assert_eq!((at.holding, at.waiting, at.free_running), (vec![two], 1, 2));
        let at = f.gil_at(11.0);
        assert_eq!((at.holding, at.waiting, at.free_running), (vec![], 0, 0));
    }
}
