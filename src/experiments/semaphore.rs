//! §3.2.2 Semaphore: N threads pass through a semaphore of k permits, each
//! holding it for a random time. At most k ever hold it at once.

use super::lock::max_overlap;
use super::params::{params, spec, Default, Kind};
use super::{join_run, round3, Experiment, RunContext, RunError};
use crate::clock::now_ms;
use crate::i18n::Text;
use crate::sync::{CancelToken, Semaphore};
use crate::timeline::{Activity, Span, Worker};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

pub struct SemaphoreExperiment;

params! {
    pub struct SemaphoreParams {
        permits: u16 = spec(
            Text::FieldPermits,
            Some(Text::FieldPermitsHelp),
            Kind::Int { min: 1, max: 64 },
            Default::Int(3),
        ),
        threads: usize = spec(
            Text::FieldSemaphoreThreads,
            None,
            Kind::Int { min: 1, max: 256 },
            Default::Int(5),
        ),
        max_hold_ms: u64 = spec(
            Text::FieldMaxHold,
            Some(Text::FieldMaxHoldHelp),
            Kind::Int { min: 0, max: 60_000 },
            Default::Int(2000),
        ),
        /// The seed used (a new random one when none was given).
        seed: u64 = spec(
            Text::FieldSeed,
            Some(Text::FieldSeedHelp),
            Kind::Int { min: 0, max: 4_294_967_295 },
            Default::Random,
        ),
    }
}

/// One line of the log, as `semaphore.py` prints it ("2 acquired a permit").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LogLine {
    /// ms from the start.
    pub t_ms: f64,
    /// The thread, from 1.
    pub thread: usize,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SemaphoreFigures {
    /// The most threads that held a permit at one time (counted inside).
    pub max_concurrent: usize,
    pub permits: usize,
    /// How long each thread meant to hold its permit, in ms (from the seed).
    pub hold_ms: Vec<u64>,
    pub log: Vec<LogLine>,
    /// Per thread: `waiting` for a permit, then `holding` it.
    pub timeline: Vec<Span<Worker, Activity>>,
    /// How many held a permit, after each change: (ms, count).
    pub concurrency: Vec<(f64, usize)>,
    pub ms: f64,
}

/// Thread `i`'s hold time: a hash of the seed and `i` (SplitMix64), so a
/// seed gives the same run again.
pub fn hold_ms(seed: u64, i: usize, max_ms: u64) -> u64 {
    let mut z = seed
        .wrapping_add((i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    z % (max_ms + 1)
}

struct Pass {
    asked: f64,
    got: f64,
    left: f64,
}

// [shown: semaphore]
/// One thread: take a permit, hold it, give it back. `holding` counts the
/// holders between taking and giving back, so it can never pass the permits.
fn pass(
    semaphore: &Semaphore,
    holding: &AtomicUsize,
    most: &AtomicUsize,
    hold: Duration,
    cancel: &CancelToken,
) -> Result<Pass, RunError> {
    let asked = now_ms();
    let permit = semaphore.lock()?;
    let got = now_ms();
    let now_holding = holding.fetch_add(1, Ordering::SeqCst) + 1;
    most.fetch_max(now_holding, Ordering::SeqCst);
    let slept = cancel.sleep(hold);
    holding.fetch_sub(1, Ordering::SeqCst);
    let left = now_ms();
    drop(permit);
    slept?;
    Ok(Pass { asked, got, left })
}
// [/shown: semaphore]

impl SemaphoreFigures {
    /// How many threads held a permit at `t` ms: the count after the last
    /// change by then.
    pub fn holding_at(&self, t: f64) -> usize {
        self.concurrency
            .iter()
            .take_while(|&&(at, _)| at <= t)
            .last()
            .map_or(0, |&(_, count)| count)
    }
}

impl Experiment for SemaphoreExperiment {
    const ID: &'static str = "semaphore";
    type Params = SemaphoreParams;
    type Figures = SemaphoreFigures;

    fn threads_needed(params: &SemaphoreParams) -> usize {
        params.threads
    }

    async fn run(params: SemaphoreParams, ctx: RunContext) -> Result<SemaphoreFigures, RunError> {
        let permits = usize::from(params.permits);
        let k = params.threads;
        let (max_hold, seed) = (params.max_hold_ms, params.seed);
        let holds: Vec<u64> = (0..k).map(|i| hold_ms(seed, i, max_hold)).collect();
        let semaphore = Arc::new(Semaphore::new(params.permits));
        let (holding, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        ctx.progress(0, 1);

        let start = now_ms();
        let handles = {
            let (semaphore, holding, most) = (semaphore.clone(), holding.clone(), most.clone());
            let (holds, cancel) = (holds.clone(), ctx.cancel.clone());
            ctx.spawn_many(k, move |i| {
                let hold = Duration::from_millis(holds[i]);
                pass(&semaphore, &holding, &most, hold, &cancel)
            })?
        };
        let passes = join_run(handles, &ctx.cancel).await?;
        let ms = now_ms() - start;
        ctx.progress(1, 1);

        let lane = Worker::thread;
        let mut timeline = Vec::with_capacity(2 * k);
        let mut log = Vec::with_capacity(2 * k);
        let mut changes = Vec::with_capacity(2 * k);
        for (i, p) in passes.iter().enumerate() {
            timeline.push(Span::between(
                lane(i),
                start,
                p.asked,
                p.got,
                Activity::Waiting,
            ));
            timeline.push(Span::between(
                lane(i),
                start,
                p.got,
                p.left,
                Activity::Holding,
            ));
            for (t, text, step) in [
                (p.got, "acquired a permit", 1),
                (p.left, "released its permit", -1),
            ] {
                log.push(LogLine {
                    t_ms: round3(t - start),
                    thread: i + 1,
                    text: format!("{} {text}", i + 1),
                });
                changes.push((t - start, step));
            }
        }
        log.sort_by(|a, b| a.t_ms.total_cmp(&b.t_ms));
        changes.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut open = 0i64;
        let concurrency = changes
            .into_iter()
            .map(|(t, step)| {
                open += step;
                (round3(t), open.max(0) as usize)
            })
            .collect();
        debug_assert!(max_overlap(passes.iter().map(|p| (p.got, p.left))) <= permits);
        Ok(SemaphoreFigures {
            max_concurrent: most.load(Ordering::SeqCst),
            permits,
            hold_ms: holds,
            log,
            timeline,
            concurrency,
            ms: round3(ms),
        })
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::experiments::run_query;

    fn run(query: &str) -> SemaphoreFigures {
        run_query::<SemaphoreExperiment>(query)
    }

    #[test]
    fn the_holders_at_an_instant_are_the_count_after_the_last_change() {
        let f = SemaphoreFigures {
            max_concurrent: 2,
            permits: 2,
            hold_ms: Vec::new(),
            log: Vec::new(),
            timeline: Vec::new(),
            concurrency: vec![(1.0, 1), (2.0, 2), (5.0, 1), (6.0, 0)],
            ms: 6.0,
        };
        let at = |t| f.holding_at(t);
        assert_eq!(
            [at(0.0), at(1.0), at(1.5), at(2.0), at(5.5), at(9.0)],
            [0, 1, 1, 2, 1, 0]
        );
    }

    #[test]
    fn never_more_holders_than_permits_and_the_permits_fill_up() {
        let f = run("permits=3&threads=12&max_hold_ms=30&seed=7");
        assert!(f.max_concurrent <= 3);
        let holding = f.timeline.iter().filter(|s| s.state == Activity::Holding);
        assert!(max_overlap(holding.map(|s| (s.start_ms, s.end_ms))) <= 3);
        assert!(f.concurrency.iter().all(|(_, c)| *c <= 3));
        assert_eq!(f.log.len(), 24);
        assert!(f.log[0].text.ends_with("acquired a permit"));
    }

    #[test]
    fn a_seed_gives_the_same_hold_times() {
        let a: Vec<_> = (0..5).map(|i| hold_ms(42, i, 2000)).collect();
        let b: Vec<_> = (0..5).map(|i| hold_ms(42, i, 2000)).collect();
        let c: Vec<_> = (0..5).map(|i| hold_ms(43, i, 2000)).collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(a.iter().all(|ms| *ms <= 2000));
        assert_eq!(hold_ms(1, 0, 0), 0);
        // semaphore.py's `hold_ms` gives the same (tests/schema checks it).
        let seed_1: Vec<_> = (0..4).map(|i| hold_ms(1, i, 50)).collect();
        assert_eq!(seed_1, [34, 0, 29, 3]);
    }
}
