//! §3.1 of the post, processes: the same work in threads and in processes,
//! what starting each costs, and isolation: a thread changes the memory its
//! parent sees, a child process changes only its own.

use super::fib_modes::{self, break_even_n, measure, Measured, Mode, ModeSpan, Workload};
use super::params::{Default, Kind, ParamSpec, Values};
use super::system::time_to_start;
use super::work::fib_value;
use super::{round3, Experiment, RunContext, RunError};
use crate::i18n::Text;
use crate::runtime::{env, process, threads};
use crate::trace::State;
use serde::Serialize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

pub struct Processes;

/// How many times the isolation lesson adds one.
pub const INCREMENTS: u64 = 1000;

const PARAMS: &[ParamSpec] = &[
    fib_modes::N_PARAM,
    ParamSpec {
        name: "workers",
        label: Text::FieldWorkers,
        help: Some(Text::FieldWorkersHelp),
        kind: Kind::Int { min: 1, max: 16 },
        default: Default::Int(2),
    },
];

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WorkerRun {
    pub mode: Mode,
    /// The fastest round, start and join included.
    pub ms: f64,
    /// Until the last worker was running, in that same round.
    pub spawn_ms: f64,
    pub rounds_ms: Vec<f64>,
}

/// Starting `workers` threads or processes that do nothing.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpawnCost {
    pub mode: Mode,
    /// Threads: no idle worker to reuse. Processes: a new worker, the
    /// program imported, then instantiated.
    pub cold_ms: f64,
    /// Threads: reusing idle workers. Processes: from spare workers that
    /// have the program imported; only the new instance is made.
    pub warm_ms: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Isolation {
    /// How many times each side added one to its global counter.
    pub increments: u64,
    /// The parent's counter after a thread added to it.
    pub thread_counter: u64,
    /// The parent's counter after a child process added to *its* copy.
    pub process_counter_in_parent: u64,
    /// The child's counter, as the child reported it.
    pub process_counter_in_child: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProcessesFigures {
    pub value: u64,
    pub runs: Vec<WorkerRun>,
    pub spawn: Vec<SpawnCost>,
    pub isolation: Isolation,
    /// The fastest round of each mode, each from its own start.
    pub timeline: Vec<ModeSpan>,
    /// fib(n) once on one thread (the threads' mean computing time).
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

impl Experiment for Processes {
    const ID: &'static str = "processes";
    type Figures = ProcessesFigures;

    fn params() -> &'static [ParamSpec] {
        PARAMS
    }

    async fn run(values: Values, ctx: RunContext) -> Result<ProcessesFigures, RunError> {
        let work = Workload {
            n: values.int("n") as u32,
            k: values.int("workers") as usize,
            switch_interval: Duration::ZERO,
            cancel: ctx.cancel.clone(),
        };
        let cores = (env::env().hardware_concurrency as usize).max(1);
        let expected = fib_value(work.n);
        let modes = [Mode::Threads, Mode::Processes];
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
        fib_modes::free(work.n.min(30), cores, Mode::Threads, &work.cancel).await?;
        let mut step = 4;
        let measured = measure(&modes, &work, expected, || {
            step += 1;
            ctx.progress(step, steps);
        })
        .await?;
        let Measured { rounds, fastest } = &measured;

        let runs = modes
            .iter()
            .enumerate()
            .map(|(i, mode)| WorkerRun {
                mode: *mode,
                ms: round3(fastest[i].ms),
                spawn_ms: round3(fastest[i].spawn_ms.unwrap_or(0.0)),
                rounds_ms: rounds[i].clone(),
            })
            .collect::<Vec<_>>();
        let computing: Vec<f64> = fastest[0]
            .spans
            .iter()
            .filter(|s| s.state == State::Running)
            .map(|s| s.end_ms - s.start_ms)
            .collect();
        let fib_ms = computing.iter().sum::<f64>() / computing.len().max(1) as f64;
        Ok(ProcessesFigures {
            value: expected,
            break_even_n: break_even_n(work.n, fib_ms, runs[1].spawn_ms, work.k, cores),
            runs,
            spawn: vec![
                SpawnCost {
                    mode: Mode::Threads,
                    cold_ms: round3(threads_cold),
                    warm_ms: round3(threads_warm),
                },
                SpawnCost {
                    mode: Mode::Processes,
                    cold_ms: round3(processes_cold),
                    warm_ms: round3(processes_warm),
                },
            ],
            isolation,
            timeline: measured.fastest.into_iter().flat_map(|o| o.spans).collect(),
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
