//! §3.1 of the post, processes: the same work in threads under the GIL (as
//! CPython runs `processes.py`), in free threads with no GIL, and in
//! processes; what starting each costs; and isolation: a thread changes the
//! memory of the process it runs in, a child process changes only its own.

use super::fib_modes::{
    self, break_even_n, measure, Mode, ModeRun, ModeSpan, Work, Workload, N_SPEC,
};
use super::params::{params, spec, Default, Kind};
use super::system::time_to_start;
use super::work::fib_value;
use super::{round3, Experiment, RunContext, RunError};
use crate::i18n::{Lang, Text};
use crate::runtime::{env, process, threads};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicU64, Ordering};

pub struct ProcessesExperiment;

/// How many times the isolation lesson adds one.
pub const INCREMENTS: u64 = 1000;

params! {
    pub struct ProcessesParams {
        n: u32 = N_SPEC,
        workers: usize = spec(
            Text::FieldWorkers,
            Some(Text::FieldWorkersHelp),
            Kind::Int { min: 1, max: 16 },
            Default::Int(2),
        ),
    }
}

/// The three ways this page runs the work, named as the GIL page names
/// its modes: threads under the emulated GIL (as CPython runs our
/// `processes.py`), free threads (no GIL), and processes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Way {
    Gil,
    Free,
    Processes,
}

impl Way {
    fn mode(self) -> Mode {
        match self {
            Way::Gil => Mode::GIL,
            Way::Free => Mode::Free,
            Way::Processes => Mode::Processes,
        }
    }

    /// Its name on screen.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Way::Gil => Text::ModeGilThreadsLabel,
            Way::Free => Text::ModeFreeThreadsLabel,
            Way::Processes => Text::ModeProcesses,
        }
        .get(lang)
    }
}

/// What is started: threads or processes; "threads" and "processes" in
/// the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Started {
    Threads,
    Processes,
}

impl Started {
    /// Its name on screen.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Started::Threads => Text::ModeThreads,
            Started::Processes => Text::ModeProcesses,
        }
        .get(lang)
    }
}

/// Starting `workers` threads or processes that do nothing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SpawnCost {
    pub mode: Started,
    /// Threads: no idle worker to reuse. Processes: a new worker, the
    /// program imported, then instantiated.
    pub cold_ms: f64,
    /// Threads: reusing idle workers. Processes: from spare workers that
    /// have the program imported; only the new instance is made.
    pub warm_ms: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Isolation {
    /// How many times each side added one to its global counter.
    pub increments: u64,
    /// The main thread's counter after another thread added to it.
    pub thread_counter: u64,
    /// The parent's counter after a child process added to *its* copy.
    pub process_counter_in_parent: u64,
    /// The child's counter, as the child reported it.
    pub process_counter_in_child: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProcessesFigures {
    pub value: u64,
    pub runs: Vec<ModeRun<Way>>,
    pub spawn: Vec<SpawnCost>,
    pub isolation: Isolation,
    /// The fastest round of each mode, each from its own start.
    pub timeline: Vec<ModeSpan<Way>>,
    /// fib(n) once, alone on a core: the time the GIL was held, over k.
    pub fib_ms: f64,
    /// From this n on, the processes beat doing the work in sequence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub break_even_n: Option<u32>,
}

/// Until `count` child processes that do nothing have started.
async fn processes_start(count: usize, ctx: &RunContext) -> Result<f64, RunError> {
    let children = (0..count).map(|_| process::run("echo", "", &ctx.cancel));
    let mut slowest = 0.0_f64;
    for child in futures::future::join_all(children).await {
        slowest = slowest.max(child?.start_ms);
    }
    Ok(slowest)
}

// [shown: isolation]
/// The global that the isolation lesson counts in: one per memory, so one
/// in the page (shared by its threads) and one in each child process.
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// As the post's `counter += 1`, `times` times over.
fn count(times: u64) -> u64 {
    for _ in 0..times {
        COUNTER.fetch_add(1, Ordering::SeqCst);
    }
    COUNTER.load(Ordering::SeqCst)
}

/// A child process's side: count in the child's own memory, and say what
/// the child's counter reads.
pub fn child_count(input: &str) -> Result<String, String> {
    let times: u64 = input.trim().parse().map_err(|e| format!("{e}"))?;
    Ok(count(times).to_string())
}

async fn isolation(ctx: &RunContext) -> Result<Isolation, RunError> {
    COUNTER.store(0, Ordering::SeqCst);
    let child = process::run("count_in_own_memory", &INCREMENTS.to_string(), &ctx.cancel).await?;
    let process_counter_in_child = child
        .output
        .parse()
        .map_err(|_| RunError::Failed(format!("the child counted {:?}", child.output)))?;
    let process_counter_in_parent = COUNTER.load(Ordering::SeqCst);
    ctx.spawn(|| count(INCREMENTS))?.join_async().await?;
    Ok(Isolation {
        increments: INCREMENTS,
        thread_counter: COUNTER.load(Ordering::SeqCst),
        process_counter_in_parent,
        process_counter_in_child,
    })
}
// [/shown: isolation]

impl Experiment for ProcessesExperiment {
    const ID: &'static str = "processes";
    type Params = ProcessesParams;
    type Figures = ProcessesFigures;

    /// The threads' k (the processes are workers of their own).
    fn threads_needed(params: &ProcessesParams) -> usize {
        params.workers
    }

    async fn run(params: ProcessesParams, ctx: RunContext) -> Result<ProcessesFigures, RunError> {
        let work = Workload {
            work: Work::Cpu,
            n: params.n,
            k: params.workers,
            cancel: ctx.cancel.clone(),
        };
        let cores = (env::env().hardware_concurrency as usize).max(1);
        let expected = fib_value(work.n);
        let ways = [Way::Gil, Way::Free, Way::Processes];
        let modes = ways.map(Way::mode);
        let steps = (fib_modes::MAX_ROUNDS * modes.len()) as u32 + 4;

        ctx.progress(0, steps);
        // Spawn costs first, before the pool is warmed up for the work.
        threads::retire_idle().await;
        let threads_cold = time_to_start(work.k).await?;
        let threads_warm = time_to_start(work.k).await?;
        ctx.progress(1, steps);
        process::retire_spares();
        let processes_cold = processes_start(work.k, &ctx).await?;
        process::prestart(work.k).await;
        let processes_warm = processes_start(work.k, &ctx).await?;
        ctx.progress(2, steps);
        let isolation = isolation(&ctx).await?;
        ctx.progress(3, steps);

        threads::prestart(work.k.max(cores)).await;
        fib_modes::free(Work::Cpu, work.n.min(30), 1, cores, &work.cancel).await?;
        let mut step = 4;
        let measured = measure(&modes, &work, expected, || {
            step += 1;
            ctx.progress(step, steps);
        })
        .await?;
        let runs = measured.runs(&ways, None);
        // One fib(n) alone on a core: under the GIL the k computations run
        // one at a time, so the time it was held, over k. (A free thread's
        // span is longer whenever there are more threads than cores.)
        let fib_ms = measured.fastest[0].held_ms / work.k as f64;
        let processes_spawn = runs[2].spawn_ms.unwrap_or(0.0);
        Ok(ProcessesFigures {
            value: expected,
            break_even_n: break_even_n(work.n, fib_ms, processes_spawn, work.k, cores),
            runs,
            spawn: vec![
                SpawnCost {
                    mode: Started::Threads,
                    cold_ms: round3(threads_cold),
                    warm_ms: round3(threads_warm),
                },
                SpawnCost {
                    mode: Started::Processes,
                    cold_ms: round3(processes_cold),
                    warm_ms: round3(processes_warm),
                },
            ],
            isolation,
            timeline: measured.timeline(&ways),
            fib_ms: round3(fib_ms),
        })
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn counting_adds_to_the_counter_of_the_memory_it_runs_in() {
        // Natively the "child" runs in our memory; in the browser it has its
        // own (the browser tests check that the parent then still reads 0).
        COUNTER.store(0, Ordering::SeqCst);
        assert_eq!(child_count("1000").unwrap(), "1000");
        assert!(child_count("many").is_err());
    }
}
