//! k shares of work, in each of the ways the post compares: one after the
//! other, in threads under a GIL, in threads without one, and in
//! processes. A share computes fib(n), or waits (as `time.sleep` or I/O
//! do). The GIL and processes pages are built from these.
//!
//! Every mode is timed as the post times it: from asking for the threads or
//! processes to the last of them joined, start-up included.

use super::gil::emulated_gil::{EmulatedGil, GilThread, Turn};
use super::params::{spec, Choice, Default, Kind, ParamSpec};
use super::work::{fib_checked, fib_checked_or};
use super::{join_run, RunError};
use crate::clock::now_ms;
use crate::i18n::{Lang, Text};
use crate::runtime::{process, threads};
use crate::sync::CancelToken;
use crate::timeline::states;
use crate::timeline::Worker;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;

/// The pages' `n`: fib(n) is the work. 45 is about 10 s of one core.
pub const N_SPEC: ParamSpec = spec(
    Text::FieldFibN,
    Some(Text::FieldFibNHelp),
    Kind::Int { min: 1, max: 45 },
    Default::Int(35),
);

/// What one share of work is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Work {
    /// Compute fib(n): it needs a core, and under a GIL, the GIL.
    Cpu,
    /// Wait this long, as `time.sleep` or I/O do: no core, and under a
    /// GIL, the GIL let go while it waits.
    Sleep(Duration),
}

/// The GIL page's `work` parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkKind {
    Cpu,
    Sleep,
}

impl WorkKind {
    pub const NAMES: &'static [&'static str] = &["cpu", "sleep"];
}

impl super::params::FromValue for WorkKind {
    fn from_value(value: &super::params::Value) -> Self {
        match value {
            super::params::Value::Choice("sleep") => WorkKind::Sleep,
            _ => WorkKind::Cpu,
        }
    }
}

impl Serialize for WorkKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(match self {
            WorkKind::Cpu => "cpu",
            WorkKind::Sleep => "sleep",
        })
    }
}

/// How k shares of work are run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mode {
    /// One thread, k computations in a row.
    Sequential,
    /// k threads under the emulated GIL, which changes hands at most every
    /// switch interval.
    Gil { switch_interval: Duration },
    /// k threads, no GIL (free-threaded).
    Free,
    /// k child processes.
    Processes,
}

impl Mode {
    /// CPython's default switch interval (`sys.getswitchinterval()`).
    pub const GIL: Mode = Mode::Gil {
        switch_interval: Duration::from_millis(5),
    };

    /// Its name in reports and in the `modes` parameter.
    pub const fn name(self) -> &'static str {
        match self {
            Mode::Sequential => "sequential",
            Mode::Gil { .. } => "gil",
            Mode::Free => "free",
            Mode::Processes => "processes",
        }
    }

    /// Its name on screen.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Mode::Sequential => Text::ModeSequential,
            Mode::Gil { .. } => Text::ModeGil,
            Mode::Free => Text::ModeFree,
            Mode::Processes => Text::ModeProcesses,
        }
        .get(lang)
    }

    /// Whether `other` is the same mode, whatever its settings.
    pub fn is(self, other: Mode) -> bool {
        self.name() == other.name()
    }

    /// The lane of worker `i` (0-based) in this mode.
    pub fn lane(self, i: usize) -> Worker {
        match self {
            Mode::Sequential => Worker::Sequential,
            Mode::Processes => Worker::process(i),
            _ => Worker::thread(i),
        }
    }
}

impl Serialize for Mode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// A mode read back from a report: the GIL's at the default interval (the
/// report's `params` have the interval it ran with).
impl<'de> Deserialize<'de> for Mode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        MODES.into_iter().find(|m| m.name() == name).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown mode {name:?} (sequential, gil, free, processes)"
            ))
        })
    }
}

impl JsonSchema for Mode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Mode".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "enum": MODES.map(Mode::name) })
    }
}

/// Every mode, in the GIL page's order (the GIL at its default interval).
pub const MODES: [Mode; 4] = [Mode::Sequential, Mode::GIL, Mode::Free, Mode::Processes];

impl Choice for Mode {
    fn choices() -> &'static [(&'static str, Self)] {
        const CHOICES: [(&str, Mode); 4] = [
            (MODES[0].name(), MODES[0]),
            (MODES[1].name(), MODES[1]),
            (MODES[2].name(), MODES[2]),
            (MODES[3].name(), MODES[3]),
        ];
        &CHOICES
    }
}

states! {
    /// What a worker does in a mode.
    pub enum ModeState {
        Running = ("running", Text::StateRunning),
        /// Under the GIL: holding it, and computing.
        HoldingGil = ("holding_gil", Text::StateHoldingGil),
        /// Under the GIL: waiting for it.
        Waiting = ("waiting", Text::StateWaiting),
        /// A process loading its own instance.
        Starting = ("starting", Text::StateStarting),
        /// Waiting as `time.sleep` does (under the GIL: having let go of it).
        Sleeping = ("sleeping", Text::StateSleeping),
    }
}

/// One stretch of one lane, for the timelines, in ms from the mode's start.
/// `M` names the mode as the page does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "ModeSpan_{M}")]
pub struct ModeSpan<M> {
    pub lane: Worker,
    pub mode: M,
    pub state: ModeState,
    pub start_ms: f64,
    pub end_ms: f64,
}

/// A stretch of one worker in a run of a mode, in ms from the run's start.
#[derive(Clone, Debug, PartialEq)]
pub struct Stretch {
    pub lane: Worker,
    pub state: ModeState,
    pub start_ms: f64,
    pub end_ms: f64,
}

impl Outcome {
    /// From asking to the last computation's end (the last join comes a
    /// wake-up later).
    pub fn extent_ms(&self) -> f64 {
        self.spans.iter().map(|s| s.end_ms).fold(0.0, f64::max)
    }
}

impl Stretch {
    /// As a span of the page's mode `mode`.
    pub fn of<M>(&self, mode: M) -> ModeSpan<M> {
        ModeSpan {
            lane: self.lane,
            mode,
            state: self.state,
            start_ms: self.start_ms,
            end_ms: self.end_ms,
        }
    }
}

/// What one run of a mode did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// When the threads or processes were asked for, on the shared clock;
    /// the spans count from here.
    pub asked: f64,
    /// From asking to the last join.
    pub ms: f64,
    /// From asking until the last worker was running (threads, processes).
    pub spawn_ms: Option<f64>,
    /// GIL hand-overs.
    pub switches: Option<u64>,
    /// Every result, one per computation.
    pub values: Vec<u64>,
    pub spans: Vec<Stretch>,
    /// Some spans were not kept (very many GIL switches).
    pub truncated: bool,
    /// Check points passed while holding the GIL, and the time held.
    pub check_points: u64,
    pub held_ms: f64,
}

fn span(lane: Worker, origin: f64, (state, start, end): (ModeState, f64, f64)) -> Stretch {
    Stretch {
        lane,
        state,
        start_ms: start - origin,
        end_ms: end - origin,
    }
}

/// One share, `repeat` times, with only the cancel check at fib's check
/// points: the value (fib(n), or 0 for a wait), and when it started and
/// ended.
fn share_or_cancel(
    work: Work,
    n: u32,
    repeat: u32,
    cancel: &CancelToken,
) -> Result<(u64, f64, f64), RunError> {
    let start = now_ms();
    let mut value = 0;
    for _ in 0..repeat {
        value = match work {
            Work::Cpu => fib_checked_or(n, || cancel.check())?,
            Work::Sleep(wait) => {
                cancel.sleep(wait)?;
                0
            }
        };
    }
    Ok((value, start, now_ms()))
}

/// The state a lane is in while it does `work` with no GIL.
fn working(work: Work) -> ModeState {
    match work {
        Work::Cpu => ModeState::Running,
        Work::Sleep(_) => ModeState::Sleeping,
    }
}

/// One thread does k shares (each `repeat` times over), one after another.
pub async fn sequential(
    work: Work,
    n: u32,
    repeat: u32,
    k: usize,
    cancel: &CancelToken,
) -> Result<Outcome, RunError> {
    let asked = now_ms();
    let runs = cancel
        .scope(|| {
            let cancel = cancel.clone();
            threads::spawn(move || {
                (0..k)
                    .map(|_| share_or_cancel(work, n, repeat, &cancel))
                    .collect::<Result<Vec<_>, _>>()
            })
        })?
        .join_async()
        .await??;
    let ms = now_ms() - asked;
    Ok(Outcome {
        asked,
        ms,
        values: runs.iter().map(|r| r.0).collect(),
        spans: runs
            .iter()
            .map(|r| span(Worker::Sequential, asked, (working(work), r.1, r.2)))
            .collect(),
        ..Outcome::default()
    })
}

/// k threads do one share each (`repeat` times over), with no GIL.
pub async fn free(
    work: Work,
    n: u32,
    repeat: u32,
    k: usize,
    cancel: &CancelToken,
) -> Result<Outcome, RunError> {
    let asked = now_ms();
    let handles = cancel.scope(|| {
        let cancel = cancel.clone();
        threads::spawn_many(k, move |_| share_or_cancel(work, n, repeat, &cancel))
    })?;
    let runs = join_run(handles, cancel).await?;
    let ms = now_ms() - asked;
    let last_start = runs.iter().map(|r| r.1).fold(asked, f64::max);
    Ok(Outcome {
        asked,
        ms,
        spawn_ms: Some(last_start - asked),
        values: runs.iter().map(|r| r.0).collect(),
        spans: runs
            .iter()
            .enumerate()
            .map(|(i, r)| span(Worker::thread(i), asked, (working(work), r.1, r.2)))
            .collect(),
        ..Outcome::default()
    })
}

// [shown: under gil]
/// k threads do one share each, taking turns on one emulated GIL. A share
/// that waits lets go of the GIL while it waits, as `time.sleep` does.
pub async fn under_gil(
    work: Work,
    n: u32,
    k: usize,
    switch_interval: Duration,
    cancel: &CancelToken,
) -> Result<Outcome, RunError> {
    let gil = Arc::new(EmulatedGil::new(switch_interval));
    let asked = now_ms();
    let handles = cancel.scope(|| {
        let (gil, cancel) = (gil.clone(), cancel.clone());
        threads::spawn_many(k, move |i| {
            let running = now_ms();
            let mut me = GilThread::new(&gil, i as u32, cancel.clone());
            // As in CPython, a new thread takes the GIL before it runs code.
            me.acquire()?;
            let value = match work {
                Work::Cpu => fib_checked_or(n, || me.check_point())?,
                Work::Sleep(wait) => {
                    me.without_gil(|| cancel.sleep(wait))??;
                    0
                }
            };
            me.release()?;
            Ok::<_, RunError>((value, me.into_log(), running))
        })
    })?;
    let mut outcome = Outcome {
        asked,
        ..Outcome::default()
    };
    let mut last_start = asked;
    for (i, (value, log, running)) in join_run(handles, cancel).await?.into_iter().enumerate() {
        last_start = last_start.max(running);
        outcome.values.push(value);
        outcome.truncated |= log.truncated;
        outcome.check_points += log.check_points;
        outcome.held_ms += log.held_ms;
        outcome
            .spans
            .extend(log.spans.into_iter().map(|(turn, start, end)| {
                let state = match turn {
                    Turn::Waiting => ModeState::Waiting,
                    Turn::Holding => ModeState::HoldingGil,
                    Turn::Released => ModeState::Sleeping,
                };
                span(Worker::thread(i), asked, (state, start, end))
            }));
    }
    outcome.ms = now_ms() - asked;
    outcome.spawn_ms = Some(last_start - asked);
    outcome.switches = Some(gil.switches());
    Ok(outcome)
}
// [/shown: under gil]

/// What the `fib_timed` task sends back from a child process.
#[derive(Debug, Serialize, Deserialize)]
pub struct ChildFib {
    pub value: u64,
    /// On the shared clock (a child's clock is the page's, too).
    pub start_ms: f64,
    pub end_ms: f64,
}

/// The child's side of a wait: sleep `input` ms (a process's own thread
/// blocks, as `time.sleep` does).
pub fn child_sleep(input: &str) -> Result<String, String> {
    let ms: u64 = input
        .trim()
        .parse()
        .map_err(|e| format!("sleep wants a number of ms: {e}"))?;
    let start_ms = now_ms();
    std::thread::sleep(Duration::from_millis(ms));
    let answer = ChildFib {
        value: 0,
        start_ms,
        end_ms: now_ms(),
    };
    serde_json::to_string(&answer).map_err(|e| e.to_string())
}

/// The child's side: fib(n) with the same check points as every other mode.
pub fn child_fib(input: &str) -> Result<String, String> {
    let n: u32 = input
        .trim()
        .parse()
        .map_err(|e| format!("fib wants a number: {e}"))?;
    let start_ms = now_ms();
    let value = fib_checked(n, &mut || true).unwrap_or_default();
    let answer = ChildFib {
        value,
        start_ms,
        end_ms: now_ms(),
    };
    serde_json::to_string(&answer).map_err(|e| e.to_string())
}

// [shown: processes]
/// k child processes do one share each.
/// They start warm, from spare workers that have the program loaded before
/// the clock starts (a little like `forkserver`'s ready server); each still
/// makes its own new instance and memory, and that is in the time.
pub async fn processes(
    work: Work,
    n: u32,
    k: usize,
    cancel: &CancelToken,
) -> Result<Outcome, RunError> {
    let (task, input) = match work {
        Work::Cpu => ("fib_timed", n.to_string()),
        Work::Sleep(wait) => ("sleep_timed", wait.as_millis().to_string()),
    };
    process::prestart(k).await;
    let asked = now_ms();
    let children = (0..k).map(|_| process::run(task, &input, cancel));
    let answers = futures::future::join_all(children).await;
    let ms = now_ms() - asked;
    let mut outcome = Outcome {
        asked,
        ms,
        ..Outcome::default()
    };
    let mut last_start = asked;
    for (i, answer) in answers.into_iter().enumerate() {
        let answer = answer?;
        let child: ChildFib = serde_json::from_str(&answer.output)
            .map_err(|e| RunError::Failed(format!("a child process answered badly: {e}")))?;
        last_start = last_start.max(child.start_ms);
        outcome.values.push(child.value);
        let lane = Worker::process(i);
        outcome.spans.push(span(
            lane,
            asked,
            (ModeState::Starting, asked, child.start_ms),
        ));
        outcome.spans.push(span(
            lane,
            asked,
            (working(work), child.start_ms, child.end_ms),
        ));
    }
    outcome.spawn_ms = Some(last_start - asked);
    Ok(outcome)
}
// [/shown: processes]

/// What every mode is given.
#[derive(Clone)]
pub struct Workload {
    pub work: Work,
    pub n: u32,
    /// Threads or processes (or computations in a row, for `Sequential`).
    pub k: usize,
    pub cancel: CancelToken,
}

/// Runs one mode once.
pub async fn run(mode: Mode, w: &Workload) -> Result<Outcome, RunError> {
    match mode {
        Mode::Sequential => sequential(w.work, w.n, 1, w.k, &w.cancel).await,
        Mode::Gil { switch_interval } => {
            under_gil(w.work, w.n, w.k, switch_interval, &w.cancel).await
        }
        Mode::Free => free(w.work, w.n, 1, w.k, &w.cancel).await,
        Mode::Processes => processes(w.work, w.n, w.k, &w.cancel).await,
    }
}

/// Fails the run if any computation got something other than `expected`.
pub fn check_values(outcome: &Outcome, expected: u64) -> Result<(), RunError> {
    match outcome.values.iter().find(|v| **v != expected) {
        Some(wrong) => Err(RunError::Failed(format!(
            "a computation returned {wrong} instead of fib(n) = {expected}"
        ))),
        None => Ok(()),
    }
}

/// Rounds go on (the fastest counts) until about this much time went into
/// them, and at most [`MAX_ROUNDS`] of them. Short work needs many rounds:
/// on a shared two-core machine a 30 ms computation is often slowed by
/// whatever else runs, a 500 ms one is not.
pub const ROUNDS_BUDGET_MS: f64 = 2500.0;
pub const MAX_ROUNDS: usize = 12;

/// Whether one more round, like the `done` ones that took `spent` ms, stays
/// within `budget`.
pub fn another_round(done: usize, spent: f64, budget: f64, max: usize) -> bool {
    done == 0 || (done < max && spent / done as f64 * (done + 1) as f64 <= budget)
}

/// Every round of every mode, and each mode's fastest round, whole: its
/// time, spawn cost, switches and timeline all come from that one round.
/// (Noise only ever adds time: the fastest round is the truest.)
pub struct Measured {
    /// Per mode, the ms of each round, in order.
    pub rounds: Vec<Vec<f64>>,
    pub fastest: Vec<Outcome>,
}

/// One mode's result, as a report gives it: `M` names the mode as the page
/// does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "ModeRun_{M}")]
pub struct ModeRun<M> {
    pub mode: M,
    /// The fastest round, start and join included.
    pub ms: f64,
    /// Sequential ms / this mode's ms (when sequential ran).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speedup: Option<f64>,
    /// GIL hand-overs (gil mode), in the fastest round.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub switches: Option<u64>,
    /// Until the last worker was running (processes and threads), in the
    /// fastest round.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spawn_ms: Option<f64>,
    /// Every round, in order.
    pub rounds_ms: Vec<f64>,
}

impl Measured {
    /// The report's runs: `names[i]` is how the page names mode i; the
    /// speedups are over mode `sequential`, if it ran.
    pub fn runs<M: Copy>(&self, names: &[M], sequential: Option<usize>) -> Vec<ModeRun<M>> {
        let sequential_ms = sequential.map(|i| super::round3(self.fastest[i].ms));
        names
            .iter()
            .zip(&self.fastest)
            .zip(&self.rounds)
            .map(|((mode, fastest), rounds)| {
                let ms = super::round3(fastest.ms);
                ModeRun {
                    mode: *mode,
                    ms,
                    speedup: sequential_ms.map(|s| super::round3(s / ms.max(1e-9))),
                    switches: fastest.switches,
                    spawn_ms: fastest.spawn_ms.map(super::round3),
                    rounds_ms: rounds.clone(),
                }
            })
            .collect()
    }

    /// The fastest round of each mode, each from its own start.
    pub fn timeline<M: Copy>(&self, names: &[M]) -> Vec<ModeSpan<M>> {
        names
            .iter()
            .zip(&self.fastest)
            .flat_map(|(mode, fastest)| fastest.spans.iter().map(|s| s.of(*mode)))
            .collect()
    }
}

/// Runs the modes in rounds that alternate between them, so that whatever
/// else the machine does slows them alike. `after_each` runs after every
/// mode of every round (progress).
pub async fn measure(
    modes: &[Mode],
    w: &Workload,
    expected: u64,
    mut after_each: impl FnMut(),
) -> Result<Measured, RunError> {
    let mut measured = Measured {
        rounds: vec![Vec::new(); modes.len()],
        fastest: Vec::with_capacity(modes.len()),
    };
    let (mut spent, mut round) = (0.0, 0);
    while another_round(round, spent, ROUNDS_BUDGET_MS, MAX_ROUNDS) {
        round += 1;
        for (i, mode) in modes.iter().enumerate() {
            let outcome = run(*mode, w).await?;
            check_values(&outcome, expected)?;
            spent += outcome.ms;
            measured.rounds[i].push(super::round3(outcome.ms));
            match measured.fastest.get_mut(i) {
                None => measured.fastest.push(outcome),
                Some(best) if outcome.ms < best.ms => *best = outcome,
                Some(_) => {}
            }
            after_each();
        }
    }
    Ok(measured)
}

/// The golden ratio: fib(n + 1) takes about φ times fib(n).
pub const PHI: f64 = 1.618_033_988_749_895;

/// The smallest n at which k processes beat one thread doing k fib(n) in a
/// row, given that fib(n) takes `fib_ms` and starting the processes costs
/// `spawn_ms`: processes take about spawn + fib(n) (on enough cores), the
/// sequence k · fib(n), and fib(n + 1) takes φ times fib(n). `None` for
/// k = 1, where processes never win.
pub fn break_even_n(n: u32, fib_ms: f64, spawn_ms: f64, k: usize, cores: usize) -> Option<u32> {
    // With fewer cores than processes, they run k / cores deep.
    let parallel_rounds = k.div_ceil(cores.max(1)) as f64;
    let saved_per_fib = k as f64 - parallel_rounds;
    if saved_per_fib <= 0.0 || fib_ms <= 0.0 {
        return None;
    }
    // Needs saved_per_fib · fib_ms · φ^(m − n) > spawn_ms.
    let steps = (spawn_ms / (saved_per_fib * fib_ms)).ln() / PHI.ln();
    let m = n as f64 + steps.max(-(n as f64)).floor() + 1.0;
    Some(m.max(1.0) as u32)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn rounds_stop_at_the_budget_or_the_maximum() {
        assert!(another_round(0, 0.0, 100.0, 3));
        assert!(another_round(1, 40.0, 100.0, 3));
        assert!(!another_round(1, 60.0, 100.0, 3));
        assert!(!another_round(3, 3.0, 100.0, 3));
    }
    use crate::experiments::work::fib;
    use crate::runtime::executor::block_on;

    #[test]
    fn every_thread_mode_computes_fib() {
        let cancel = CancelToken::new();
        let one = block_on(sequential(Work::Cpu, 24, 1, 3, &cancel)).unwrap();
        assert_eq!(one.values, [fib(24); 3]);
        assert_eq!(one.spans.len(), 3);
        let free = block_on(free(Work::Cpu, 24, 2, 3, &cancel)).unwrap();
        assert_eq!(free.values, [fib(24); 3]);
        assert!(free.spawn_ms.is_some());
        let gil = block_on(under_gil(
            Work::Cpu,
            27,
            2,
            Duration::from_micros(500),
            &cancel,
        ))
        .unwrap();
        assert_eq!(gil.values, [fib(27); 2]);
        assert!(gil.switches.is_some());
        assert!(gil.spans.iter().any(|s| s.state == ModeState::HoldingGil));
        assert!(gil.spans.iter().all(|s| s.start_ms <= s.end_ms));
    }

    /// Threads that wait let go of the GIL: under it, two waiting threads
    /// wait at once, yet never hold it at once.
    #[test]
    fn waiting_threads_let_go_of_the_gil_and_wait_together() {
        let cancel = CancelToken::new();
        let wait = Work::Sleep(Duration::from_millis(60));
        let gil = block_on(under_gil(wait, 0, 2, Duration::from_millis(5), &cancel)).unwrap();
        assert_eq!(gil.values, [0, 0]);
        let of = |state| -> Vec<(f64, f64)> {
            gil.spans
                .iter()
                .filter(|s| s.state == state)
                .map(|s| (s.start_ms, s.end_ms))
                .collect()
        };
        let sleeping = of(ModeState::Sleeping);
        assert_eq!(sleeping.len(), 2);
        assert_eq!(
            super::super::lock::max_overlap(sleeping),
            2,
            "the waits did not overlap"
        );
        assert!(super::super::lock::max_overlap(of(ModeState::HoldingGil)) <= 1);
        let seq = block_on(sequential(wait, 0, 1, 2, &cancel)).unwrap();
        assert!(seq.spans.iter().all(|s| s.state == ModeState::Sleeping));
        assert!(child_sleep("5").is_ok() && child_sleep("x").is_err());
    }

    #[test]
    fn a_child_answers_with_its_value_and_times() {
        let answer: ChildFib = serde_json::from_str(&child_fib("20").unwrap()).unwrap();
        assert_eq!(answer.value, 6765);
        assert!(answer.start_ms <= answer.end_ms);
        assert!(child_fib("x").is_err());
    }

    #[test]
    fn processes_pay_off_once_the_work_outgrows_their_start() {
        // fib(35) takes 20 ms, starting 2 processes 40 ms: they pay off when
        // fib(m) > 40 ms, that is φ^(m − 35) > 2: m = 37 (φ² ≈ 2.6).
        assert_eq!(break_even_n(35, 20.0, 40.0, 2, 2), Some(37));
        // Cheap starts pay off at once (and never below n = 1).
        assert_eq!(break_even_n(35, 20.0, 1.0, 2, 2), Some(29));
        assert_eq!(break_even_n(3, 20.0, 0.0001, 2, 2), Some(1));
        // One process, or as many processes as one core: never.
        assert_eq!(break_even_n(35, 20.0, 40.0, 1, 2), None);
        assert_eq!(break_even_n(35, 20.0, 40.0, 2, 1), None);
    }
}
