//! §2 of the post, the kettle: a person boils water and either stands at
//! the kettle or watches TV, with a plain kettle or one that whistles.
//! Sync or async is the kettle (does it tell?); blocking or not is the
//! person (do they wait?). Each of the four cases runs on the mechanism it
//! stands for:
//!
//! 1. sync, blocking: a thread blocks on the kettle (our `Event.wait`).
//! 2. sync, non-blocking: a thread watches TV and goes to look every check
//!    interval (polling `Event.is_set`).
//! 3. async, blocking: the page's event loop awaits the kettle's promise at
//!    once and does nothing else.
//! 4. async, non-blocking: the person watches TV on the event loop; the
//!    kettle's promise runs a callback (pick up the water) when it whistles.
//!
//! Story minutes are `ms_per_minute` real milliseconds. A look at the
//! kettle takes a tenth of a minute away from the TV.

use super::params::{Default, Kind, ParamSpec, Values};
use super::{round3, Experiment, RunContext, RunError};
use crate::i18n::Text;
use crate::sync::CancelToken;
use crate::runtime::clock::now_ms;
use crate::runtime::{threads, timer};
use crate::sync::Event;
use crate::trace::{Span, State};
use futures::future::{select, Either};
use serde::Serialize;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

pub struct KettlePage;

const PARAMS: &[ParamSpec] = &[
    ParamSpec {
        name: "boil_minutes",
        label: Text::FieldBoilMinutes,
        help: None,
        kind: Kind::Int { min: 1, max: 60 },
        default: Default::Int(5),
    },
    ParamSpec {
        name: "check_every_minutes",
        label: Text::FieldCheckEvery,
        help: Some(Text::FieldCheckEveryHelp),
        kind: Kind::Int { min: 1, max: 60 },
        default: Default::Int(1),
    },
    ParamSpec {
        name: "ms_per_minute",
        label: Text::FieldMsPerMinute,
        help: Some(Text::FieldMsPerMinuteHelp),
        kind: Kind::Int { min: 20, max: 2000 },
        default: Default::Int(200),
    },
];

/// A look at the kettle, in story minutes.
pub const LOOK_MINUTES: f64 = 0.1;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
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
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CaseResult {
    pub case: Case,
    /// Minutes of TV while the water heated.
    pub tv_minutes: f64,
    /// Looks at the kettle.
    pub checks: u32,
    /// From the water boiling to the person picking it up, in minutes.
    pub pickup_delay_minutes: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KettleFigures {
    pub cases: Vec<CaseResult>,
    /// Lanes `<case>: person` (`waiting`, `watching_tv`, `checking`) and
    /// `<case>: kettle` (`heating`, then `boiled` or `whistling` until the
    /// pickup), in real ms from the start.
    pub timeline: Vec<Span>,
    /// Real ms per story minute (for the axis).
    pub ms_per_minute: f64,
}

/// What one case did, on the shared clock.
#[derive(Default)]
struct Story {
    boiled: f64,
    picked_up: f64,
    checks: u32,
    person: Vec<(State, f64, f64)>,
}

// [shown: cases]
/// Case 1: the person's thread blocks until the kettle is done.
fn sync_blocking(kettle: &Event, cancel: &CancelToken) -> Result<Story, RunError> {
    let start = now_ms();
    while !kettle.wait(Some(Duration::from_millis(50)))? {
        cancel.check()?; // a slice at a time, so that Cancel ends it
    }
    let picked_up = now_ms();
    Ok(Story {
        picked_up,
        person: vec![(State::Waiting, start, picked_up)],
        ..Story::default()
    })
}

/// Case 2: the person's thread watches TV and goes to look now and then.
fn sync_nonblocking(
    kettle: &Event,
    check_every: Duration,
    look: Duration,
    cancel: &CancelToken,
) -> Result<Story, RunError> {
    let mut story = Story::default();
    loop {
        let tv = now_ms();
        cancel.sleep(check_every - look)?;
        let walk = now_ms();
        story.person.push((State::WatchingTv, tv, walk));
        cancel.sleep(look)?;
        story.checks += 1;
        let looked = now_ms();
        story.person.push((State::Checking, walk, looked));
        if kettle.is_set() {
            story.picked_up = looked;
            return Ok(story);
        }
    }
}

/// Case 3: the event loop awaits the whistling kettle's promise, and nothing else.
async fn async_blocking(boil: Duration) -> Story {
    let start = now_ms();
    timer::sleep(boil).await; // the kettle: a promise that resolves when it whistles
    let picked_up = now_ms();
    Story {
        boiled: picked_up,
        picked_up,
        person: vec![(State::Waiting, start, picked_up)],
        ..Story::default()
    }
}

/// Case 4: the person watches TV, episode after episode, on the event
/// loop; the kettle's promise calls back when it whistles, and that picks it up.
async fn async_nonblocking(boil: Duration, episode: Duration) -> Story {
    let start = now_ms();
    let tv = async {
        loop {
            timer::sleep(episode).await;
        }
    };
    let kettle = async {
        timer::sleep(boil).await;
        now_ms() // the callback runs now: pick up the water
    };
    let picked_up = match select(pin!(tv), pin!(kettle)).await {
        Either::Left((never, _)) => never,
        Either::Right((picked_up, _)) => picked_up,
    };
    Story {
        boiled: picked_up,
        picked_up,
        person: vec![(State::WatchingTv, start, picked_up)],
        ..Story::default()
    }
}
// [/shown: cases]

/// A plain kettle on its own thread: heats, then is done (and says nothing).
fn plain_kettle(done: &Event, boil: Duration, cancel: &CancelToken) -> Result<f64, RunError> {
    cancel.sleep(boil)?;
    done.set();
    Ok(now_ms())
}

impl Experiment for KettlePage {
    const ID: &'static str = "kettle";
    type Figures = KettleFigures;

    fn params() -> &'static [ParamSpec] {
        PARAMS
    }

    async fn run(values: Values, ctx: RunContext) -> Result<KettleFigures, RunError> {
        let minute = values.int("ms_per_minute") as f64;
        let story = |minutes: f64| Duration::from_secs_f64(minutes * minute / 1000.0);
        let boil = story(values.int("boil_minutes") as f64);
        let check_every = story(values.int("check_every_minutes") as f64);
        let look = story(LOOK_MINUTES);
        ctx.progress(0, 1);
        threads::prestart(4).await;

        // All four cases start together: two kettles and two persons on
        // threads, the async two on the page's event loop.
        let start = now_ms();
        let kettles = [Arc::new(Event::new()), Arc::new(Event::new())];
        let kettle_threads = kettles
            .iter()
            .map(|kettle| {
                let (kettle, cancel) = (kettle.clone(), ctx.cancel.clone());
                threads::spawn(move || plain_kettle(&kettle, boil, &cancel))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let blocking = {
            let (kettle, cancel) = (kettles[0].clone(), ctx.cancel.clone());
            threads::spawn(move || sync_blocking(&kettle, &cancel))?
        };
        let polling = {
            let (kettle, cancel) = (kettles[1].clone(), ctx.cancel.clone());
            threads::spawn(move || sync_nonblocking(&kettle, check_every, look, &cancel))?
        };
        let on_the_loop =
            futures::future::join(async_blocking(boil), async_nonblocking(boil, check_every));
        let (awaiting, called_back) =
            match select(pin!(on_the_loop), pin!(ctx.cancel.cancelled())).await {
                Either::Left((stories, _)) => stories,
                Either::Right(_) => return Err(RunError::Cancelled),
            };
        let mut boiled = Vec::new();
        for kettle in kettle_threads {
            boiled.push(kettle.join_async().await??);
        }
        let mut blocking = blocking.join_async().await??;
        let mut polling = polling.join_async().await??;
        (blocking.boiled, polling.boiled) = (boiled[0], boiled[1]);
        ctx.progress(1, 1);

        let minutes = |ms: f64| round3(ms / minute);
        let mut cases = Vec::new();
        let mut timeline = Vec::new();
        for (case, s) in Case::ALL
            .into_iter()
            .zip([&blocking, &polling, &awaiting, &called_back])
        {
            // TV counts while the water heats. (`+ 0.0`: an empty sum of
            // floats is -0.0, which would print as "-0".)
            let tv: f64 = s
                .person
                .iter()
                .filter(|p| p.0 == State::WatchingTv)
                .map(|p| (p.2.min(s.boiled) - p.1).max(0.0))
                .sum::<f64>()
                + 0.0;
            cases.push(CaseResult {
                case,
                tv_minutes: minutes(tv),
                checks: s.checks,
                pickup_delay_minutes: minutes(s.picked_up - s.boiled),
            });
            let at = |t: f64| round3(t - start);
            let person = format!("{}: person", case.name());
            timeline.extend(s.person.iter().map(|&(state, a, b)| Span {
                lane: person.clone(),
                start_ms: at(a),
                end_ms: at(b),
                state,
            }));
            let kettle = format!("{}: kettle", case.name());
            let done = if matches!(case, Case::SyncBlocking | Case::SyncNonblocking) {
                State::Boiled
            } else {
                State::Whistling
            };
            timeline.push(Span {
                lane: kettle.clone(),
                start_ms: 0.0,
                end_ms: at(s.boiled),
                state: State::Heating,
            });
            timeline.push(Span {
                lane: kettle,
                start_ms: at(s.boiled),
                end_ms: at(s.picked_up).max(at(s.boiled) + 0.02 * minute),
                state: done,
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
    fn with_kettle<T: Send + 'static>(
        boil_ms: u64,
        person: impl FnOnce(&Event, &CancelToken) -> T + Send + 'static,
    ) -> (f64, T) {
        let (kettle, cancel) = (Arc::new(Event::new()), CancelToken::new());
        let heating = {
            let (kettle, cancel) = (kettle.clone(), cancel.clone());
            std::thread::spawn(move || {
                plain_kettle(&kettle, Duration::from_millis(boil_ms), &cancel).unwrap()
            })
        };
        let person = std::thread::spawn(move || person(&kettle, &cancel));
        (heating.join().unwrap(), person.join().unwrap())
    }

    #[test]
    fn a_blocked_person_picks_up_at_once_and_watches_nothing() {
        let (boiled, story) = with_kettle(50, |k, c| sync_blocking(k, c).unwrap());
        assert!(story.picked_up >= boiled);
        assert!(story.picked_up - boiled < 20.0);
        assert_eq!(story.checks, 0);
        assert!(story.person.iter().all(|p| p.0 == State::Waiting));
    }

    #[test]
    fn a_polling_person_looks_about_boil_over_check_times() {
        let every = Duration::from_millis(20);
        let look = Duration::from_millis(2);
        let (boiled, story) = with_kettle(100, move |k, c| {
            sync_nonblocking(k, every, look, c).unwrap()
        });
        assert!((5..=6).contains(&story.checks), "{} checks", story.checks);
        assert!(story.picked_up >= boiled && story.picked_up - boiled <= 20.0 + 10.0);
        assert!(story.person.iter().any(|p| p.0 == State::WatchingTv));
    }
}
