//! §2 of the post, the kettle: a person boils water and either stands at
//! the kettle or watches TV, with a plain kettle or one that whistles.
//! Sync or async is the kettle (does it tell?); blocking or not is the
//! person (do they wait?). Each of the four cases runs on the mechanism it
//! stands for, and each kettle is a thread of its own that heats and then
//! boils, stamping the moment on the shared clock:
//!
//! 1. sync, blocking: the person's thread blocks on the kettle (our
//!    `Event.wait`) until the kettle's thread sets it.
//! 2. sync, non-blocking: the person's thread watches TV and goes to look
//!    every check interval (polling `Event.is_set`).
//! 3. async, blocking: the page's event loop awaits the whistle (a promise
//!    that the kettle's thread resolves) at once, and does nothing else.
//! 4. async, non-blocking: the person watches TV *on the event loop*, scene
//!    after scene (each a stretch of real work on that one thread); the
//!    whistle's callback picks the water up, but a callback runs only when
//!    the loop is free, so it waits for the scene in progress to end.
//!
//! The delay from boiled to picked up is measured, never assumed: a
//! wake-up for the blocked person, the rest of a look-interval for the
//! polling one, a turn of the event loop for the awaiting one, the rest of a
//! scene for the one watching TV. Story minutes are `ms_per_minute` real
//! milliseconds. A look at the kettle takes a tenth of a minute away from
//! the TV.

use super::params::{params, spec, Default, Kind};
use super::{round3, Experiment, RunContext, RunError};
use crate::clock::now_ms;
use crate::i18n::{Lang, Text};
use crate::runtime::{threads, timer};
use crate::sync::{CancelToken, Event, SyncError};
use crate::timeline::{states, words_as_text, LaneWord, Span};
use futures::future::{select, Either};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

pub struct KettleExperiment;

params! {
    pub struct KettleParams {
        boil_minutes: u32 = spec(
            Text::FieldBoilMinutes,
            None,
            Kind::Int { min: 1, max: 60 },
            Default::Int(5),
        ),
        check_every_minutes: u32 = spec(
            Text::FieldCheckEvery,
            Some(Text::FieldCheckEveryHelp),
            Kind::Int { min: 1, max: 60 },
            // Not a divisor of the boil: a look finds the water late, as
            // polling does.
            Default::Int(2),
        ),
        ms_per_minute: u32 = spec(
            Text::FieldMsPerMinute,
            Some(Text::FieldMsPerMinuteHelp),
            Kind::Int { min: 20, max: 2000 },
            Default::Int(200),
        ),
    }
}

states! {
    /// What the person and the kettle do.
    pub enum KettleState {
        Waiting = ("waiting", Text::StateWaiting),
        WatchingTv = ("watching_tv", Text::StateWatchingTv),
        Checking = ("checking", Text::StateChecking),
        Heating = ("heating", Text::StateHeating),
        /// The plain kettle is done, and says nothing.
        Boiled = ("boiled", Text::StateBoiled),
        /// The whistling kettle is done, and says so.
        Whistling = ("whistling", Text::StateWhistling),
    }
}

/// A look at the kettle, in story minutes.
pub const LOOK_MINUTES: f64 = 0.1;

/// A scene of TV on the event loop, in story minutes; and at most this many
/// real milliseconds, so that the page stays responsive between scenes.
pub const SCENE_MINUTES: f64 = 0.1;
pub const MAX_SCENE_MS: f64 = 20.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Case {
    SyncBlocking,
    SyncNonblocking,
    AsyncBlocking,
    AsyncNonblocking,
}

impl Case {
    pub const ALL: [Case; 4] = [
        Case::SyncBlocking,
        Case::SyncNonblocking,
        Case::AsyncBlocking,
        Case::AsyncNonblocking,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Case::SyncBlocking => "sync_blocking",
            Case::SyncNonblocking => "sync_nonblocking",
            Case::AsyncBlocking => "async_blocking",
            Case::AsyncNonblocking => "async_nonblocking",
        }
    }

    /// Whether the kettle tells (whistles) or not.
    fn whistles(self) -> bool {
        matches!(self, Case::AsyncBlocking | Case::AsyncNonblocking)
    }

    /// Its name on screen.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Case::SyncBlocking => Text::CaseSyncBlocking,
            Case::SyncNonblocking => Text::CaseSyncNonblocking,
            Case::AsyncBlocking => Text::CaseAsyncBlocking,
            Case::AsyncNonblocking => Text::CaseAsyncNonblocking,
        }
        .get(lang)
    }
}

/// The kettle page's lanes: each case's person and kettle,
/// "sync_blocking: person", "sync_blocking: kettle" ….
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KettleLane {
    Person(Case),
    Kettle(Case),
}

impl std::fmt::Display for KettleLane {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KettleLane::Person(case) => write!(f, "{}: person", case.name()),
            KettleLane::Kettle(case) => write!(f, "{}: kettle", case.name()),
        }
    }
}

impl std::str::FromStr for KettleLane {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        let (case, who) = text.split_once(": ").ok_or(())?;
        let case = *Case::ALL.iter().find(|c| c.name() == case).ok_or(())?;
        match who {
            "person" => Ok(KettleLane::Person(case)),
            "kettle" => Ok(KettleLane::Kettle(case)),
            _ => Err(()),
        }
    }
}

words_as_text!(
    KettleLane,
    "^(sync_blocking|sync_nonblocking|async_blocking|async_nonblocking): (person|kettle)$"
);

impl LaneWord for KettleLane {
    fn label(&self, lang: Lang) -> String {
        match self {
            KettleLane::Person(case) => Text::LanePerson.fill(lang, &[("case", case.label(lang))]),
            KettleLane::Kettle(case) => Text::LaneKettle.fill(lang, &[("case", case.label(lang))]),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CaseResult {
    pub case: Case,
    /// Minutes of TV while the water heated.
    pub tv_minutes: f64,
    /// Looks at the kettle.
    pub checks: u32,
    /// From the water boiling (stamped by the kettle's thread) to the
    /// person picking it up (stamped where the person's code runs), in minutes.
    pub pickup_delay_minutes: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct KettleFigures {
    pub cases: Vec<CaseResult>,
    /// Lanes `<case>: person` (`waiting`, `watching_tv`, `checking`) and
    /// `<case>: kettle` (`heating`, then `boiled` or `whistling` until the
    /// pickup), in real ms from the case's start.
    pub timeline: Vec<Span<KettleLane, KettleState>>,
    /// Real ms per story minute (for the axis).
    pub ms_per_minute: f64,
}

/// What the person did in one case, on the shared clock.
#[derive(Default)]
struct Person {
    picked_up: f64,
    checks: u32,
    spans: Vec<(KettleState, f64, f64)>,
}

// [shown: cases]
/// A kettle on its own thread: heats, boils (stamped), and tells the
/// `boiled` event: the plain kettle's state, or the whistle.
fn kettle(boiled: &Event, boil: Duration, cancel: &CancelToken) -> Result<f64, RunError> {
    cancel.sleep(boil)?;
    let at = now_ms();
    boiled.set();
    Ok(at)
}

/// Case 1: the person's thread blocks until the kettle is done.
fn sync_blocking(kettle: &Event) -> Result<Person, SyncError> {
    let start = now_ms();
    kettle.wait(None)?; // ends at once if the run is cancelled
    let picked_up = now_ms();
    Ok(Person {
        picked_up,
        spans: vec![(KettleState::Waiting, start, picked_up)],
        ..Person::default()
    })
}

/// Case 2: the person's thread watches TV and goes to look now and then.
fn sync_nonblocking(
    kettle: &Event,
    check_every: Duration,
    look: Duration,
    cancel: &CancelToken,
) -> Result<Person, RunError> {
    let mut person = Person::default();
    loop {
        let tv = now_ms();
        cancel.sleep(check_every - look)?;
        let walk = now_ms();
        person.spans.push((KettleState::WatchingTv, tv, walk));
        cancel.sleep(look)?;
        person.checks += 1;
        let looked = now_ms();
        person.spans.push((KettleState::Checking, walk, looked));
        if kettle.is_set() {
            person.picked_up = looked;
            return Ok(person);
        }
    }
}

/// Case 3: the event loop awaits the whistle (a promise the kettle's
/// thread resolves), and nothing else.
async fn async_blocking(whistle: &Event) -> Person {
    let start = now_ms();
    whistle.wait_async().await;
    let picked_up = now_ms();
    Person {
        picked_up,
        spans: vec![(KettleState::Waiting, start, picked_up)],
        ..Person::default()
    }
}

/// Case 4: the person watches TV on the event loop, one scene at a time;
/// the whistle's callback runs at the first moment the loop is free.
async fn async_nonblocking(whistle: &Event, scene: Duration) -> Person {
    let mut person = Person::default();
    let tv = async {
        loop {
            let start = now_ms();
            watch_scene(scene); // the event loop is busy: no callback runs
            person
                .spans
                .push((KettleState::WatchingTv, start, now_ms()));
            timer::sleep(Duration::ZERO).await; // the loop is free a moment
        }
    };
    let callback = async {
        whistle.wait_async().await;
        now_ms() // the callback runs: pick up the water
    };
    // The callback is looked at first whenever the loop wakes this task, as
    // an event loop runs a callback that is due before the next scene.
    let picked_up = match select(pin!(callback), pin!(tv)).await {
        Either::Left((picked_up, _)) => picked_up,
        Either::Right((never, _)) => never,
    };
    person.picked_up = picked_up;
    person
}
// [/shown: cases]

/// A scene of TV: real work on this thread for `scene`, as a busy event
/// loop is busy.
fn watch_scene(scene: Duration) {
    let until = now_ms() + scene.as_secs_f64() * 1000.0;
    while now_ms() < until {
        std::hint::spin_loop();
    }
}

/// What one lane (the person or the kettle of a case) is doing at an
/// instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LaneAt {
    In(KettleState),
    /// Between two recorded stretches (a moment with nothing drawn).
    Between,
    /// After its last stretch: the case is over for it.
    Finished,
}

/// The person and the kettle of one case at an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseAt {
    pub case: Case,
    pub person: LaneAt,
    pub kettle: LaneAt,
}

impl KettleFigures {
    /// Every case's person and kettle at `t` ms (each case's own start is
    /// 0), from the timeline.
    pub fn at(&self, t: f64) -> Vec<CaseAt> {
        let lane_at = |lane: KettleLane| {
            let spans = self.timeline.iter().filter(|s| s.lane == lane);
            let mut last_end = f64::NEG_INFINITY;
            for span in spans {
                if span.start_ms <= t && t < span.end_ms {
                    return LaneAt::In(span.state);
                }
                last_end = last_end.max(span.end_ms);
            }
            if t >= last_end {
                LaneAt::Finished
            } else {
                LaneAt::Between
            }
        };
        self.cases
            .iter()
            .map(|c| CaseAt {
                case: c.case,
                person: lane_at(KettleLane::Person(c.case)),
                kettle: lane_at(KettleLane::Kettle(c.case)),
            })
            .collect()
    }
}

impl Experiment for KettleExperiment {
    const ID: &'static str = "kettle";
    type Params = KettleParams;
    type Figures = KettleFigures;

    /// The first round's three kettles and two persons.
    fn threads_needed(_params: &KettleParams) -> usize {
        5
    }

    async fn run(params: KettleParams, ctx: RunContext) -> Result<KettleFigures, RunError> {
        let minute = f64::from(params.ms_per_minute);
        let story = |minutes: f64| Duration::from_secs_f64(minutes * minute / 1000.0);
        let boil = story(f64::from(params.boil_minutes));
        let check_every = story(f64::from(params.check_every_minutes));
        let look = story(LOOK_MINUTES);
        let scene = story(SCENE_MINUTES).min(Duration::from_secs_f64(MAX_SCENE_MS / 1000.0));
        ctx.progress(0, 2);
        threads::prestart(5).await;

        // Two rounds. First the two sync cases (kettles and persons on
        // threads) and the awaiting person on the event loop; then the
        // person who watches TV on the event loop, alone on it: the page has
        // one event loop, and the TV would keep the awaiting person's
        // callback waiting too. Each case is timed from its own start.
        let first = now_ms();
        let kettles: Vec<Arc<Event>> = Case::ALL.iter().map(|_| Arc::new(Event::new())).collect();
        let heat = |i: usize| {
            let (boiled, cancel) = (kettles[i].clone(), ctx.cancel.clone());
            ctx.spawn(move || kettle(&boiled, boil, &cancel))
        };
        let first_kettles = [heat(0)?, heat(1)?, heat(2)?];
        let blocking = {
            let kettle = kettles[0].clone();
            ctx.spawn(move || sync_blocking(&kettle))?
        };
        let polling = {
            let (kettle, cancel) = (kettles[1].clone(), ctx.cancel.clone());
            ctx.spawn(move || sync_nonblocking(&kettle, check_every, look, &cancel))?
        };
        let awaiting = ctx.or_cancelled(async_blocking(&kettles[2])).await?;
        let mut boiled = Vec::with_capacity(4);
        for kettle in first_kettles {
            boiled.push(kettle.join_async().await??);
        }
        let blocking = blocking.join_async().await??;
        let polling = polling.join_async().await??;
        ctx.progress(1, 2);

        let second = now_ms();
        let last_kettle = heat(3)?;
        let called_back = ctx
            .or_cancelled(async_nonblocking(&kettles[3], scene))
            .await?;
        boiled.push(last_kettle.join_async().await??);
        ctx.progress(2, 2);

        let minutes = |ms: f64| round3(ms / minute);
        let mut cases = Vec::new();
        let mut timeline = Vec::new();
        for (((case, person), boiled), start) in Case::ALL
            .into_iter()
            .zip([&blocking, &polling, &awaiting, &called_back])
            .zip(boiled)
            .zip([first, first, first, second])
        {
            let at = |t: f64| round3(t - start);
            // TV counts while the water heats. (`+ 0.0`: an empty sum of
            // floats is -0.0, which would print as "-0".)
            let tv: f64 = person
                .spans
                .iter()
                .filter(|p| p.0 == KettleState::WatchingTv)
                .map(|p| (p.2.min(boiled) - p.1).max(0.0))
                .sum::<f64>()
                + 0.0;
            cases.push(CaseResult {
                case,
                tv_minutes: minutes(tv),
                checks: person.checks,
                pickup_delay_minutes: minutes(person.picked_up - boiled),
            });
            let lane = KettleLane::Person(case);
            timeline.extend(person.spans.iter().map(|&(state, a, b)| Span {
                lane,
                start_ms: at(a),
                end_ms: at(b),
                state,
            }));
            let lane = KettleLane::Kettle(case);
            timeline.push(Span {
                lane,
                start_ms: 0.0,
                end_ms: at(boiled),
                state: KettleState::Heating,
            });
            timeline.push(Span {
                lane,
                start_ms: at(boiled),
                end_ms: at(person.picked_up),
                state: if case.whistles() {
                    KettleState::Whistling
                } else {
                    KettleState::Boiled
                },
            });
        }
        Ok(KettleFigures {
            cases,
            timeline,
            ms_per_minute: minute,
        })
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    // Natively there is no event loop (the timer blocks), so the async cases
    // are left to the browser tests; the thread cases are the real thing.
    // The assertions are about order, not time: the kettle's stamp comes
    // before the pickup, and the polling person's last look is the first
    // after the boil.
    fn with_kettle<T: Send + 'static>(
        boil_ms: u64,
        person: impl FnOnce(&Event, &CancelToken) -> T + Send + 'static,
    ) -> (f64, T) {
        let (boiled, cancel) = (Arc::new(Event::new()), CancelToken::new());
        let heating = {
            let (boiled, cancel) = (boiled.clone(), cancel.clone());
            std::thread::spawn(move || {
                kettle(&boiled, Duration::from_millis(boil_ms), &cancel).unwrap()
            })
        };
        let person = std::thread::spawn(move || person(&boiled, &cancel));
        (heating.join().unwrap(), person.join().unwrap())
    }

    #[test]
    fn a_blocked_person_picks_up_after_the_boil_and_watches_nothing() {
        let (boiled, person) = with_kettle(30, |k, _| sync_blocking(k).unwrap());
        assert!(person.picked_up >= boiled);
        assert_eq!(person.checks, 0);
        assert!(person.spans.iter().all(|p| p.0 == KettleState::Waiting));
    }

    #[test]
    fn a_polling_person_picks_up_at_the_first_look_after_the_boil() {
        let every = Duration::from_millis(20);
        let look = Duration::from_millis(2);
        let (boiled, person) = with_kettle(100, move |k, c| {
            sync_nonblocking(k, every, look, c).unwrap()
        });
        let looks: Vec<_> = person
            .spans
            .iter()
            .filter(|p| p.0 == KettleState::Checking)
            .collect();
        assert_eq!(looks.len() as u32, person.checks);
        let (last, earlier) = looks.split_last().unwrap();
        assert!(last.2 >= boiled, "picked up before the boil");
        assert_eq!(person.picked_up, last.2);
        // Each earlier look found the kettle not yet done: it began before
        // the boil (a look that began after it would have seen it).
        assert!(earlier.iter().all(|p| p.1 < boiled));
        assert!(person.spans.iter().any(|p| p.0 == KettleState::WatchingTv));
    }

    #[test]
    fn cancel_ends_a_blocked_person() {
        let kettle = Arc::new(Event::new());
        let cancel = CancelToken::new();
        let person = {
            let (kettle, cancel) = (kettle.clone(), cancel.clone());
            std::thread::spawn(move || cancel.scope(|| sync_blocking(&kettle)))
        };
        std::thread::sleep(Duration::from_millis(10));
        cancel.cancel();
        assert!(matches!(person.join().unwrap(), Err(SyncError::Cancelled)));
    }

    #[test]
    fn each_case_at_an_instant_is_read_off_its_lanes() {
        let case = |c: Case| CaseResult {
            case: c,
            tv_minutes: 0.0,
            checks: 0,
            pickup_delay_minutes: 0.0,
        };
        let span = |lane, start_ms, end_ms, state| Span {
            lane,
            start_ms,
            end_ms,
            state,
        };
        let (person, kettle) = (
            KettleLane::Person(Case::SyncNonblocking),
            KettleLane::Kettle(Case::SyncNonblocking),
        );
        let f = KettleFigures {
            cases: vec![case(Case::SyncNonblocking)],
            timeline: vec![
                span(person, 0.0, 10.0, KettleState::WatchingTv),
                span(person, 12.0, 13.0, KettleState::Checking),
                span(kettle, 0.0, 11.0, KettleState::Heating),
                span(kettle, 11.0, 13.0, KettleState::Boiled),
            ],
            ms_per_minute: 1.0,
        };
        let at = |t: f64| {
            let now = f.at(t)[0];
            (now.person, now.kettle)
        };
        use LaneAt::*;
        assert_eq!(
            at(0.0),
            (In(KettleState::WatchingTv), In(KettleState::Heating))
        );
        assert_eq!(at(10.5), (Between, In(KettleState::Heating)));
        // A stretch owns its start, not its end: at 11 the kettle has boiled.
        assert_eq!(at(11.0), (Between, In(KettleState::Boiled)));
        assert_eq!(
            at(12.0),
            (In(KettleState::Checking), In(KettleState::Boiled))
        );
        assert_eq!(at(13.0), (Finished, Finished));
    }
}
