//! §3.2.3 Condition: consumers wait on our `Condition`, a producer makes
//! the resource available and notifies (n of them, or all).
//!
//! The post's example has a race: a consumer that starts waiting after the
//! notify has missed it, and waits forever. Here every wait has a timeout,
//! so it times out instead; with `wait_for` on a predicate ("is the resource
//! there?") it sees the resource and goes on.

use super::params::{params, spec, CountOrAll, Default, FieldError, Kind, Problem};
use super::{join_run, round3, Experiment, RunContext, RunError};
use crate::clock::now_ms;
use crate::i18n::{Lang, Text};
use crate::sync::{Condition, RLock, SyncError};
use crate::timeline::{numbered, words_as_text, Activity, LaneWord, Span};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

pub struct ConditionExperiment;

params! {
    pub struct ConditionParams {
        consumers: usize = spec(
            Text::FieldConsumers,
            None,
            Kind::Int { min: 1, max: 32 },
            Default::Int(2),
        ),
        /// When each consumer starts to wait, ms from the run's start.
        consumer_start_ms: Vec<u64> = spec(
            Text::FieldConsumerStart,
            Some(Text::FieldConsumerStartHelp),
            Kind::IntList { min: 0, max: 60_000 },
            Default::Ints(&[0, 1000]),
        ),
        producer_delay_ms: u64 = spec(
            Text::FieldProducerDelay,
            Some(Text::FieldProducerDelayHelp),
            Kind::Int { min: 0, max: 60_000 },
            Default::Int(3000),
        ),
        notify: CountOrAll = spec(
            Text::FieldNotify,
            Some(Text::FieldNotifyHelp),
            Kind::CountOrAll { min: 1, max: 32 },
            Default::All,
        ),
        use_predicate: bool = spec(
            Text::FieldUsePredicate,
            Some(Text::FieldUsePredicateHelp),
            Kind::Bool,
            Default::Bool(false),
        ),
        timeout_ms: u64 = spec(
            Text::FieldTimeout,
            Some(Text::FieldTimeoutHelp),
            Kind::Int { min: 1, max: 60_000 },
            Default::Int(10_000),
        ),
    }
}

/// The condition page's lanes: "producer", "consumer 1" ….
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConditionLane {
    Producer,
    /// From 1.
    Consumer(usize),
}

impl std::fmt::Display for ConditionLane {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConditionLane::Producer => f.write_str("producer"),
            ConditionLane::Consumer(i) => write!(f, "consumer {i}"),
        }
    }
}

impl std::str::FromStr for ConditionLane {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        match text {
            "producer" => Ok(ConditionLane::Producer),
            _ => numbered(text, "consumer ")
                .map(ConditionLane::Consumer)
                .ok_or(()),
        }
    }
}

words_as_text!(ConditionLane, "^(producer|consumer [1-9][0-9]*)$");

impl LaneWord for ConditionLane {
    fn label(&self, lang: Lang) -> String {
        match self {
            ConditionLane::Producer => Text::LaneProducer.get(lang).to_string(),
            ConditionLane::Consumer(i) => Text::LaneConsumer.fill(lang, &[("i", &i.to_string())]),
        }
    }
}

/// The post's race, as a query: the second consumer starts after the notify.
macro_rules! lost_wakeup {
    ($use_predicate:literal) => {
        concat!(
            "consumers=2&consumer_start_ms=0,4000&producer_delay_ms=3000&notify=all",
            "&timeout_ms=6000&use_predicate=",
            $use_predicate
        )
    };
}

/// The post's race as a preset: the late consumer misses the notify.
pub const LOST_WAKEUP: &str = lost_wakeup!("false");
/// And its cure: with the predicate, the late consumer sees the resource.
pub const LOST_WAKEUP_CURED: &str = lost_wakeup!("true");
/// Two consumers waiting, `notify(1)`: one is woken, the other is not
/// chosen (it misses nothing).
pub const NOT_CHOSEN: &str =
    "consumers=2&consumer_start_ms=0,0&producer_delay_ms=1000&notify=1&timeout_ms=3000&use_predicate=false";

/// How a consumer's wait ended, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// It was waiting, and the notify woke it.
    Woken,
    /// The resource was there when it came: `wait_for` did not wait.
    AtOnce,
    /// Not woken; at its timeout `wait_for` found the resource there.
    AfterTimeout,
    /// It was waiting when the notify came, but `notify(n)` woke others.
    NotChosen,
    /// It began to wait after the notify: a Condition does not remember.
    Missed,
    /// Its timeout came before the notify did.
    GaveUp,
}

impl Outcome {
    /// From what the consumer saw: when it began to wait and when it
    /// stopped, whether it went on, whether the resource was there when it
    /// came, its timeout, and when the producer notified (ms, one clock).
    pub fn of(
        wait_start: f64,
        ended: f64,
        proceeded: bool,
        there_at_start: bool,
        timeout_ms: f64,
        notified: f64,
    ) -> Outcome {
        // A timed wait that lasted its whole timeout ended by the clock
        // (the clock's step and a wake-up's latency aside).
        let whole_timeout = ended - wait_start >= timeout_ms - 1.0;
        match (proceeded, there_at_start) {
            (true, true) => Outcome::AtOnce,
            (true, false) if whole_timeout => Outcome::AfterTimeout,
            (true, false) => Outcome::Woken,
            (false, _) if wait_start >= notified => Outcome::Missed,
            (false, _) if ended < notified => Outcome::GaveUp,
            (false, _) => Outcome::NotChosen,
        }
    }

    /// Said in a line, with when it went on (`woke_ms`) and how many
    /// `notify(n)` woke.
    pub fn words(self, woke_ms: Option<f64>, notify: CountOrAll, lang: Lang) -> String {
        let at = woke_ms
            .map(|ms| format!("{}", round3(ms)))
            .unwrap_or_default();
        let n = match notify {
            CountOrAll::Count(n) => n.to_string(),
            CountOrAll::All => "all".to_string(),
        };
        match self {
            Outcome::Woken => Text::ConditionWoke.fill_marked(lang, &[("ms", &at)]),
            Outcome::AtOnce => Text::ConditionAtOnce.fill_marked(lang, &[("ms", &at)]),
            Outcome::AfterTimeout => Text::ConditionAfterTimeout.fill_marked(lang, &[("ms", &at)]),
            Outcome::NotChosen => Text::ConditionNotChosen.fill_marked(lang, &[("n", &n)]),
            Outcome::Missed => Text::ConditionTimedOut.marked(lang).to_string(),
            Outcome::GaveUp => Text::ConditionGaveUp.marked(lang).to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConsumerRun {
    /// From 1.
    pub id: usize,
    /// When it was meant to start (its parameter), ms from the run's start.
    pub start_ms: f64,
    /// When it held the lock and began to wait.
    pub wait_start_ms: f64,
    /// When it went on with the resource; `None` if it never did.
    pub woke_ms: Option<f64>,
    pub timed_out: bool,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConditionFigures {
    /// When the producer notified, ms from the start.
    pub notify_ms: f64,
    pub consumers: Vec<ConsumerRun>,
    /// Consumers: `sleeping` until their start, `waiting` on the condition;
    /// the producer: `sleeping` until it produces.
    pub timeline: Vec<Span<ConditionLane, Activity>>,
}

struct Shared {
    condition: Condition<RLock>,
    available: AtomicBool,
}

struct Waited {
    began: f64,
    wait: Wait,
}

/// One consumer's wait, on the shared clock.
struct Wait {
    start: f64,
    ended: f64,
    proceeded: bool,
    /// The resource was there when it took the lock.
    there_at_start: bool,
}

// [shown: consumer]
/// A consumer: wait for the producer's notify (or, with the predicate, for
/// the resource itself), then take the resource.
/// (Every wait here ends at once if the run is cancelled: this thread runs
/// inside the run's cancel token.)
fn consumer(shared: &Shared, use_predicate: bool, timeout: Duration) -> Result<Wait, SyncError> {
    let guard = shared.condition.lock()?;
    let start = now_ms();
    let there_at_start = shared.available.load(Ordering::SeqCst);
    let proceeded = if use_predicate {
        let available = || shared.available.load(Ordering::SeqCst);
        guard.wait_for(available, Some(timeout))?
    } else {
        // The post's version: a notify that came before this wait is not
        // remembered, and this waits until the timeout.
        guard.wait(Some(timeout))?
    };
    Ok(Wait {
        start,
        ended: now_ms(),
        proceeded,
        there_at_start,
    })
}

/// The producer: make the resource available and notify, holding the lock.
fn producer(shared: &Shared, notify: CountOrAll) -> Result<f64, SyncError> {
    let guard = shared.condition.lock()?;
    shared.available.store(true, Ordering::SeqCst);
    let notified = now_ms();
    match notify {
        CountOrAll::Count(n) => guard.notify(n)?,
        CountOrAll::All => guard.notify_all()?,
    }
    Ok(notified)
}
// [/shown: consumer]

impl ConsumerRun {
    /// The outcome's name in the report ("woken", "missed" …).
    pub fn outcome_key(&self) -> String {
        serde_json::to_value(self.outcome)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

impl ConditionFigures {
    /// The consumers (by id) that had gone on with the resource by `t` ms.
    pub fn woken_by(&self, t: f64) -> Vec<usize> {
        self.consumers
            .iter()
            // (The report's times are rounded to the microsecond.)
            .filter(|c| c.woke_ms.is_some_and(|w| w <= t + 1e-3))
            .map(|c| c.id)
            .collect()
    }
}

impl Experiment for ConditionExperiment {
    const ID: &'static str = "condition";
    type Params = ConditionParams;
    type Figures = ConditionFigures;

    /// The consumers and the producer.
    fn threads_needed(params: &ConditionParams) -> usize {
        params.consumers + 1
    }

    fn cross_check(params: &ConditionParams) -> Vec<FieldError> {
        let starts = &params.consumer_start_ms;
        if starts.len() == params.consumers {
            return Vec::new();
        }
        vec![FieldError::Invalid {
            field: "consumer_start_ms",
            raw: starts
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(","),
            problem: Problem::WrongCount {
                expected: params.consumers,
                per: Text::PerConsumer,
            },
        }]
    }

    async fn run(params: ConditionParams, ctx: RunContext) -> Result<ConditionFigures, RunError> {
        let starts = params.consumer_start_ms.clone();
        let delay = Duration::from_millis(params.producer_delay_ms);
        let notify = params.notify;
        let use_predicate = params.use_predicate;
        let timeout = Duration::from_millis(params.timeout_ms);
        let shared = Arc::new(Shared {
            condition: Condition::new(),
            available: AtomicBool::new(false),
        });
        ctx.progress(0, 1);

        let origin = now_ms();
        let consumers = {
            let (shared, cancel, starts) = (shared.clone(), ctx.cancel.clone(), starts.clone());
            ctx.spawn_many(starts.len(), move |i| {
                let began = now_ms();
                cancel.sleep(Duration::from_millis(starts[i]))?;
                let wait = consumer(&shared, use_predicate, timeout)?;
                Ok::<_, RunError>(Waited { began, wait })
            })?
        };
        let producer = {
            let (shared, cancel) = (shared.clone(), ctx.cancel.clone());
            ctx.spawn(move || {
                let began = now_ms();
                cancel.sleep(delay)?;
                Ok::<_, RunError>((began, producer(&shared, notify)?))
            })?
        };
        let (producer_began, notified) = producer.join_async().await??;
        let waits = join_run(consumers, &ctx.cancel).await?;
        ctx.progress(1, 1);

        let at = |t: f64| round3(t - origin);
        let mut timeline = vec![Span::between(
            ConditionLane::Producer,
            origin,
            producer_began,
            notified,
            Activity::Sleeping,
        )];
        let mut runs = Vec::with_capacity(waits.len());
        for (i, w) in waits.iter().enumerate() {
            let lane = ConditionLane::Consumer(i + 1);
            let wait = &w.wait;
            timeline.push(Span::between(
                lane,
                origin,
                w.began,
                wait.start,
                Activity::Sleeping,
            ));
            timeline.push(Span::between(
                lane,
                origin,
                wait.start,
                wait.ended,
                Activity::Waiting,
            ));
            runs.push(ConsumerRun {
                id: i + 1,
                start_ms: starts[i] as f64,
                wait_start_ms: at(wait.start),
                woke_ms: wait.proceeded.then(|| at(wait.ended)),
                timed_out: !wait.proceeded,
                outcome: Outcome::of(
                    wait.start,
                    wait.ended,
                    wait.proceeded,
                    wait.there_at_start,
                    params.timeout_ms as f64,
                    notified,
                ),
            });
        }
        Ok(ConditionFigures {
            notify_ms: at(notified),
            consumers: runs,
            timeline,
        })
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::experiments::{pairs, run_query, validate};
    use crate::runtime::env::env;

    fn run(query: &str) -> ConditionFigures {
        run_query::<ConditionExperiment>(query)
    }

    #[test]
    fn who_has_been_woken_by_an_instant() {
        let consumer = |id, woke_ms: Option<f64>| ConsumerRun {
            id,
            start_ms: 0.0,
            wait_start_ms: 0.0,
            woke_ms,
            timed_out: woke_ms.is_none(),
            outcome: if woke_ms.is_some() {
                Outcome::Woken
            } else {
                Outcome::NotChosen
            },
        };
        let f = ConditionFigures {
            notify_ms: 10.0,
            consumers: vec![
                consumer(1, Some(10.5)),
                consumer(2, None),
                consumer(3, Some(11.0)),
            ],
            timeline: Vec::new(),
        };
        assert!(f.woken_by(10.0).is_empty());
        assert_eq!(f.woken_by(10.5), [1]);
        assert_eq!(f.woken_by(99.0), [1, 3]);
    }

    /// The page's rules as cause and effect (see the e2e test of the same
    /// name): a consumer waiting when the producer notified is woken (the
    /// first `n` of them); one that began after the notify times out
    /// (without the predicate). Returns how many were waiting in time.
    fn check_notified(f: &ConditionFigures, n: usize) -> usize {
        let (before, late): (Vec<_>, Vec<_>) = f
            .consumers
            .iter()
            .partition(|c| c.wait_start_ms < f.notify_ms);
        let woken: Vec<_> = before.iter().filter(|c| !c.timed_out).collect();
        assert_eq!(woken.len(), n.min(before.len()), "{:?}", f.consumers);
        assert!(woken.iter().all(|c| c.woke_ms.unwrap() >= f.notify_ms));
        assert!(late.iter().all(|c| c.timed_out && c.woke_ms.is_none()));
        before.len()
    }

    #[test]
    fn each_outcome_is_told_apart_and_said() {
        // Waiting from 0, timeout 100, notify at 50.
        assert_eq!(
            Outcome::of(0.0, 50.2, true, false, 100.0, 50.0),
            Outcome::Woken
        );
        assert_eq!(
            Outcome::of(60.0, 60.1, true, true, 100.0, 50.0),
            Outcome::AtOnce
        );
        assert_eq!(
            Outcome::of(0.0, 100.3, true, false, 100.0, 50.0),
            Outcome::AfterTimeout
        );
        assert_eq!(
            Outcome::of(0.0, 100.2, false, false, 100.0, 50.0),
            Outcome::NotChosen
        );
        assert_eq!(
            Outcome::of(60.0, 160.0, false, true, 100.0, 50.0),
            Outcome::Missed
        );
        assert_eq!(
            Outcome::of(0.0, 100.0, false, false, 100.0, 300.0),
            Outcome::GaveUp
        );
        let said = Outcome::NotChosen.words(None, CountOrAll::Count(1), Lang::En);
        assert!(said.contains("`notify(1)` woke only 1"), "{said}");
        let said = Outcome::NotChosen.words(None, CountOrAll::Count(1), Lang::Zh);
        assert!(
            said.contains("没有") || said.contains("只唤醒了 1 个"),
            "{said}"
        );
        let said = Outcome::Missed.words(None, CountOrAll::All, Lang::Zh);
        assert!(said.contains("错过"), "{said}");
        let said = Outcome::AtOnce.words(Some(4000.25), CountOrAll::All, Lang::En);
        assert!(
            said.contains("did not wait") && said.contains("4000.25 ms"),
            "{said}"
        );
        assert!(Outcome::Woken
            .words(Some(3000.0), CountOrAll::All, Lang::Zh)
            .contains("3000 毫秒"));
    }

    #[test]
    fn notify_one_leaves_a_waiter_not_chosen_and_it_missed_nothing() {
        let f = run(NOT_CHOSEN
            .replace("producer_delay_ms=1000", "producer_delay_ms=100")
            .replace("timeout_ms=3000", "timeout_ms=400")
            .as_str());
        let outcomes: Vec<_> = f.consumers.iter().map(|c| c.outcome).collect();
        assert!(
            outcomes.contains(&Outcome::Woken) && outcomes.contains(&Outcome::NotChosen),
            "{outcomes:?}"
        );
        let cured = run(LOST_WAKEUP_CURED
            .replace("4000", "300")
            .replace("3000", "100")
            .replace("6000", "1000")
            .as_str());
        assert_eq!(
            cured.consumers[1].outcome,
            Outcome::AtOnce,
            "{:?}",
            cured.consumers
        );
        let lost = run(LOST_WAKEUP
            .replace("4000", "300")
            .replace("3000", "100")
            .replace("6000", "200")
            .as_str());
        assert_eq!(
            lost.consumers[1].outcome,
            Outcome::Missed,
            "{:?}",
            lost.consumers
        );
    }

    #[test]
    fn notify_all_wakes_every_consumer_that_was_waiting() {
        let f = run("consumers=3&consumer_start_ms=0,5,10&producer_delay_ms=200&timeout_ms=2000");
        assert!(check_notified(&f, usize::MAX) > 0, "nobody waited in time");
    }

    #[test]
    fn notify_one_wakes_exactly_one() {
        let f = run(
            "consumers=3&consumer_start_ms=0,0,0&producer_delay_ms=200&notify=1&timeout_ms=400",
        );
        assert!(check_notified(&f, 1) > 0, "nobody waited in time");
    }

    #[test]
    fn a_late_waiter_misses_the_notify_unless_it_checks_a_predicate() {
        let late = "consumers=2&consumer_start_ms=0,300&producer_delay_ms=40&timeout_ms=200";
        let f = run(late);
        // The second consumer begins waiting 260 ms after the notify is due.
        assert!(
            check_notified(&f, usize::MAX) < 2,
            "the late consumer was not late"
        );
        let f = run(&format!("{late}&use_predicate=true"));
        // With the predicate every consumer goes on: the waiting one by the
        // notify, the late one because the resource is there.
        assert!(f.consumers.iter().all(|c| !c.timed_out));
    }

    #[test]
    fn one_start_time_per_consumer() {
        let (_, errors) =
            validate::<ConditionExperiment>(&pairs("consumers=3&consumer_start_ms=0,1"), &env());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field(), Some("consumer_start_ms"));
        assert_eq!(
            errors[0].message(crate::i18n::Lang::En),
            "needs exactly 3 values, one per consumer"
        );
    }
}
