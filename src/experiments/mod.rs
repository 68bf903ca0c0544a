//! The experiments: one module per section of the post.
//!
//! An experiment declares its parameters, and runs on validated values to
//! figures (its own serialisable struct). [`run_report`] wraps any of them
//! into the report every page writes (the page contract in the README).
//! Nothing here knows about the UI.

pub mod async_await;
pub mod condition;
pub mod coroutine;
pub mod cpython;
pub mod fib_modes;
pub mod gil;
pub mod kettle;
pub mod lock;
pub mod params;
pub mod processes;
pub mod reference;
pub mod schema;
pub mod semaphore;
pub mod speedup;
pub mod system;
pub mod tasks;
pub mod trace_events;
pub mod work;

/// The page texts' slots for figures that come from the code's own
/// constants (so a sentence never types them in): `{system_rounds}`,
/// `{start_counts}`, `{kettle_look_minutes}`, `{leaf}`.
pub fn with_constants(text: &str, lang: crate::i18n::Lang) -> String {
    use crate::i18n::Lang;
    if !text.contains('{') {
        return text.to_string();
    }
    let counts: Vec<String> = system::START_COUNTS.iter().map(usize::to_string).collect();
    let start_counts = match (lang, counts.split_last()) {
        (Lang::Zh, _) => counts.join("、"),
        (Lang::En, Some((last, rest))) if !rest.is_empty() => {
            format!("{} and {last}", rest.join(", "))
        }
        (Lang::En, _) => counts.join(", "),
    };
    [
        ("{system_rounds}", system::ROUNDS.to_string()),
        ("{start_counts}", start_counts),
        ("{kettle_look_minutes}", kettle::LOOK_MINUTES.to_string()),
        ("{leaf}", work::CHECK_LEAF.to_string()),
    ]
    .iter()
    .fold(text.to_string(), |text, (slot, value)| {
        text.replace(slot, value)
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod readme;

use crate::clock::now_ms;
use crate::runtime::env::{self, Env};
use crate::runtime::threads::{self, JoinError, JoinHandle};
use crate::sync::CancelToken;
use params::{FieldError, Params};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::rc::Rc;

/// One section of the post, as something to run.
pub trait Experiment: 'static {
    /// The report's `experiment`.
    const ID: &'static str;
    /// Its parameters, declared with [`params!`](crate::params).
    type Params: Params;
    /// What the run produces besides the common report fields.
    type Figures: Serialize + Clone + PartialEq + 'static;

    /// Problems between fields, once each field is valid on its own (a
    /// list that must have one item per thread, say).
    fn cross_check(_params: &Self::Params) -> Vec<FieldError> {
        Vec::new()
    }

    /// How many threads a run with these parameters has running at once:
    /// the page warms that many workers before it is asked.
    fn threads_needed(_params: &Self::Params) -> usize {
        0
    }

    /// Runs on checked parameters. Runs on the page's main thread, so it
    /// must not block: it spawns threads and awaits them.
    fn run(
        params: Self::Params,
        ctx: RunContext,
    ) -> impl Future<Output = Result<Self::Figures, RunError>>;
}

/// How far a run has come, for a progress bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub done: u32,
    pub total: u32,
}

/// What a run gets besides its parameters.
#[derive(Clone)]
pub struct RunContext {
    pub cancel: CancelToken,
    progress: Rc<dyn Fn(Progress)>,
}

impl RunContext {
    pub fn new(cancel: CancelToken, progress: impl Fn(Progress) + 'static) -> Self {
        Self {
            cancel,
            progress: Rc::new(progress),
        }
    }

    /// A context nobody watches (tests, benchmarks).
    pub fn quiet() -> Self {
        Self::new(CancelToken::new(), |_| {})
    }

    pub fn progress(&self, done: u32, total: u32) {
        (self.progress)(Progress { done, total });
    }

    /// Awaits `work` on the page's event loop, or stops at once when the run
    /// is cancelled (the work is dropped, and with it its waits).
    pub async fn or_cancelled<T>(&self, work: impl Future<Output = T>) -> Result<T, RunError> {
        use futures::future::{select, Either};
        match select(
            std::pin::pin!(work),
            std::pin::pin!(self.cancel.cancelled()),
        )
        .await
        {
            Either::Left((value, _)) => Ok(value),
            Either::Right(_) => Err(RunError::Cancelled),
        }
    }

    /// Starts a thread of this run: it runs inside the run's cancel token,
    /// so each of its waits ends on Cancel, and a panic in it cancels the
    /// rest of the run (see `runtime::threads`).
    pub fn spawn<T, F>(&self, f: F) -> Result<JoinHandle<T>, RunError>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        Ok(self.cancel.scope(|| threads::spawn(f))?)
    }

    /// Starts `n` threads of this run, `f(0)` … `f(n - 1)`, as [`Self::spawn`].
    pub fn spawn_many<T, F>(&self, n: usize, f: F) -> Result<Vec<JoinHandle<T>>, RunError>
    where
        F: Fn(usize) -> T + Send + Sync + 'static,
        T: Send + 'static,
    {
        Ok(self.cancel.scope(|| threads::spawn_many(n, f))?)
    }
}

/// Awaits every thread of a run and returns their values in order, or why
/// the run failed: a thread's panic first (a panic cancels the run, so the
/// other threads end cancelled, and that is not the news); else, if the run
/// was cancelled, `Cancelled` (a barrier that broke because a party was
/// cancelled is the cancel, not a failure); else the first error.
pub async fn join_run<T>(
    handles: Vec<JoinHandle<Result<T, RunError>>>,
    cancel: &CancelToken,
) -> Result<Vec<T>, RunError> {
    let mut values = Vec::with_capacity(handles.len());
    let (mut panic, mut first_error) = (None, None);
    for joined in threads::join_all(handles).await {
        match joined {
            Ok(Ok(value)) => values.push(value),
            Ok(Err(error)) => {
                first_error.get_or_insert(error);
            }
            // A thread that trapped, or never ran: the run's news (its
            // other threads end cancelled because of it).
            Err(failure @ (JoinError::Panicked(_) | JoinError::NotStarted(_))) => {
                panic.get_or_insert(RunError::Failed(failure.to_string()));
            }
            Err(other) => {
                first_error.get_or_insert(RunError::from(other));
            }
        }
    }
    match (panic, first_error) {
        (Some(panic), _) => Err(panic),
        (None, Some(_)) if cancel.is_cancelled() => Err(RunError::Cancelled),
        (None, Some(error)) => Err(error),
        (None, None) => Ok(values),
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunError {
    Cancelled,
    Failed(String),
}

impl From<crate::sync::Cancelled> for RunError {
    fn from(_: crate::sync::Cancelled) -> Self {
        RunError::Cancelled
    }
}

macro_rules! failed_from {
    ($($error:ty),*) => {$(
        impl From<$error> for RunError {
            fn from(error: $error) -> Self {
                RunError::Failed(error.to_string())
            }
        }
    )*};
}

failed_from!(crate::runtime::threads::SpawnError);

impl From<crate::runtime::threads::JoinError> for RunError {
    fn from(error: crate::runtime::threads::JoinError) -> Self {
        match error {
            crate::runtime::threads::JoinError::Cancelled => RunError::Cancelled,
            other => RunError::Failed(other.to_string()),
        }
    }
}

impl From<crate::sync::SyncError> for RunError {
    fn from(error: crate::sync::SyncError) -> Self {
        match error {
            crate::sync::SyncError::Cancelled => RunError::Cancelled,
            other => RunError::Failed(other.to_string()),
        }
    }
}

impl From<crate::runtime::process::ProcessError> for RunError {
    fn from(error: crate::runtime::process::ProcessError) -> Self {
        match error {
            crate::runtime::process::ProcessError::Cancelled => RunError::Cancelled,
            other => RunError::Failed(other.to_string()),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    Error,
    Cancelled,
}

/// What a page writes into `data-testid="result-json"` when a run ends.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(rename = "Report_{F}")]
pub struct Report<P, F> {
    pub experiment: &'static str,
    pub params: P,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub elapsed_ms: f64,
    pub env: Env,
    /// Thread workers loaded and waiting when the run began: the run's
    /// first that many threads start warm.
    pub warm_workers: usize,
    #[serde(flatten)]
    pub figures: Option<F>,
}

impl<P: Serialize, F: Serialize> Report<P, F> {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self)
            .unwrap_or_else(|e| format!("{{\"status\":\"error\",\"error\":\"{e}\"}}"))
    }
}

/// Checks raw query pairs against `E`'s parameters, field by field and
/// then across fields. The parameters come back either way (defaults
/// standing in for values that are wrong), with every problem found.
pub fn validate<E: Experiment>(
    raw: &[(String, String)],
    env: &Env,
) -> (E::Params, Vec<FieldError>) {
    let (values, mut errors) = params::validate(E::Params::specs(), raw, env);
    let params = E::Params::from_values(&values);
    if !errors.iter().any(FieldError::blocks_run) {
        errors.extend(E::cross_check(&params));
    }
    (params, errors)
}

/// Runs `E` and wraps the outcome in a [`Report`].
pub async fn run_report<E: Experiment>(
    params: E::Params,
    ctx: RunContext,
) -> Report<E::Params, E::Figures> {
    let warm_workers = threads::warm();
    let start = now_ms();
    let outcome = {
        let _in_progress = threads::RunInProgress::begin();
        E::run(params.clone(), ctx).await
    };
    let elapsed_ms = now_ms() - start;
    let (status, error, figures) = match outcome {
        Ok(figures) => (Status::Ok, None, Some(figures)),
        Err(RunError::Cancelled) => (Status::Cancelled, None, None),
        Err(RunError::Failed(why)) => (Status::Error, Some(why), None),
    };
    Report {
        experiment: E::ID,
        params,
        status,
        error,
        elapsed_ms,
        env: env::env(),
        warm_workers,
        figures,
    }
}

/// For the experiments' native tests: `a=1&b=2` as pairs (the tests' queries
/// need no decoding; the pages decode theirs in `ui::url`).
#[cfg(test)]
pub fn pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_string(), v.to_string())
        })
        .collect()
}

/// For the experiments' native tests: `E`'s parameters from a query,
/// failing the test if the query is refused.
#[cfg(test)]
pub fn params_of<E: Experiment>(query: &str) -> E::Params {
    let (params, errors) = validate::<E>(&pairs(query), &env::env());
    assert!(errors.is_empty(), "{query}: {errors:?}");
    params
}

/// For the experiments' native tests: runs `E` on a query and returns its
/// figures, failing the test if the query is refused or the run fails.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub fn run_query<E: Experiment>(query: &str) -> E::Figures {
    let params = params_of::<E>(query);
    let report = crate::runtime::executor::block_on(run_report::<E>(params, RunContext::quiet()));
    assert_eq!(report.status, Status::Ok, "{query}: {:?}", report.error);
    report.figures.expect("an ok report has figures")
}

/// For the experiments' native tests: runs `E` on a query, cancels it after
/// `after`, and returns the report's status and error.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub fn run_and_cancel<E: Experiment>(
    query: &str,
    after: std::time::Duration,
) -> (Status, Option<String>) {
    let params = params_of::<E>(query);
    let ctx = RunContext::quiet();
    let cancel = ctx.cancel.clone();
    let canceller = std::thread::spawn(move || {
        std::thread::sleep(after);
        cancel.cancel();
    });
    let report = crate::runtime::executor::block_on(run_report::<E>(params, ctx));
    canceller.join().unwrap();
    (report.status, report.error)
}

/// Rounds for display and reports: figures measured in ms carry no meaning
/// past a microsecond.
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod constants_tests {
    use super::with_constants;
    use crate::i18n::{Lang, Text};

    #[test]
    fn texts_take_their_figures_from_the_code() {
        assert_eq!(
            with_constants("{system_rounds} · {start_counts} · {leaf}", Lang::Zh),
            format!(
                "{} · 1、10、100 · {}",
                super::system::ROUNDS,
                super::work::CHECK_LEAF
            )
        );
        assert_eq!(
            with_constants("{start_counts} at {kettle_look_minutes}", Lang::En),
            format!("1, 10 and 100 at {}", super::kettle::LOOK_MINUTES)
        );
        // Every slot a catalogue text has is either filled here, or by
        // the code that shows that text: none of these is left over.
        for text in Text::ALL {
            for lang in Lang::ALL {
                let filled = with_constants(text.get(lang), lang);
                for slot in [
                    "{system_rounds}",
                    "{start_counts}",
                    "{kettle_look_minutes}",
                    "{leaf}",
                ] {
                    assert!(!filled.contains(slot), "{text:?}");
                }
            }
        }
    }
}
