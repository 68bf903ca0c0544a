//! The panel every experiment page shares: the parameter form (kept in the
//! URL), Run and Cancel, progress, the figures, and the report JSON.
//!
//! Its one state is a reducer ([`PanelState`]): the form's raw text and the
//! run. Everything else is derived from it: the typed parameters and the
//! problems next to their fields (checked once per change of the text), the
//! URL (written from the text), and the cancel of a run when its page is
//! left.
//!
//! The panel is one component for every experiment: `ExperimentPanel<E>`
//! only turns `E` into a [`PanelSpec`] of plain functions (its parameters
//! travel type-erased between them), so the panel's code is in the program
//! once, not once per experiment.
//!
//! A page whose experiment has a Python file also opens a CPython run of
//! it (`experiments::cpython`): from a file chosen, dropped onto the page
//! or pasted, read in this browser only. It is drawn as the page's own
//! runs are, beside a table of the two runs' figures, and either run
//! downloads as a trace (`experiments::trace_events`).

use crate::experiments::cpython::{self, CPythonEnv, LoadError, MAX_FILE_BYTES};
use crate::experiments::params::{raw_value, Default, FieldError, Kind, ParamSpec, Params};
use crate::experiments::trace_events::chrome_trace;
use crate::experiments::{run_report, validate, Experiment, Progress, Report, RunContext, Status};
use crate::i18n::{Lang, Text};
use crate::runtime::env::{self, Env};
use crate::sync::CancelToken;
use crate::ui::browser;
use crate::ui::caps::RuntimeStatus;
use crate::ui::components::prose::prose;
use crate::ui::lang::use_lang;
use crate::ui::url::format_query;
use futures::future::LocalBoxFuture;
use std::any::Any;
use std::marker::PhantomData;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How a page draws an experiment (kept out of `experiments`).
pub trait ExperimentView: Experiment {
    /// The run's figures, drawn; with the parameters they came from.
    fn figures(figures: &Self::Figures, params: &Self::Params, lang: Lang) -> Html;

    /// What the page shows under the report, from the form's parameters as
    /// they are now (the coroutine page's stepper).
    fn extra(_params: &Self::Params) -> Html {
        Html::default()
    }

    /// A CPython run's figures, drawn as the page's own; a page overrides
    /// it where its words are about this browser.
    fn cpython_figures(
        figures: &Self::Figures,
        params: &Self::Params,
        _env: &CPythonEnv,
        lang: Lang,
    ) -> Html {
        Self::figures(figures, params, lang)
    }

    /// The figures the page's run and a CPython run are compared by:
    /// (what, value), in the table of the two side by side.
    fn key_figures(
        _figures: &Self::Figures,
        _params: &Self::Params,
        _lang: Lang,
    ) -> Vec<(String, String)> {
        Vec::new()
    }

    /// The Python file that runs this experiment in CPython, if there is
    /// one: then the page opens the runs it writes (`CPythonSpec::of`).
    fn cpython() -> Option<CPythonSpec> {
        None
    }
}

/// A run of the page's experiment in CPython, opened from a file: as the
/// page keeps its own runs, drawn and as JSON.
pub struct CPythonRun {
    env: CPythonEnv,
    status: Status,
    error: Option<String>,
    elapsed_ms: f64,
    json: Rc<str>,
    view: Option<Rc<dyn Fn(Lang) -> Html>>,
    key_figures: Option<KeyFigures>,
}

type KeyFigures = Rc<dyn Fn(Lang) -> Vec<(String, String)>>;

/// How a page opens CPython runs of its experiment.
#[derive(Clone, Copy)]
pub struct CPythonSpec {
    /// The Python file's name (`lock.py`), for the help text.
    file: &'static str,
    load: fn(&str) -> Result<CPythonRun, LoadError>,
}

impl CPythonSpec {
    pub fn of<E: ExperimentView>(file: &'static str) -> Self
    where
        E::Figures: serde::de::DeserializeOwned,
    {
        CPythonSpec {
            file,
            load: |text| {
                let loaded = cpython::load::<E>(text)?;
                let report = loaded.report;
                let (params, env) = (Rc::new(report.params), Rc::new(report.env.clone()));
                let figures = report.figures.map(Rc::new);
                let view = figures.clone().map(|figures| {
                    let (params, env) = (params.clone(), env.clone());
                    Rc::new(move |lang| E::cpython_figures(&figures, &params, &env, lang))
                        as Rc<dyn Fn(Lang) -> Html>
                });
                let key_figures = figures.map(|figures| {
                    Rc::new(move |lang| E::key_figures(&figures, &params, lang)) as KeyFigures
                });
                Ok(CPythonRun {
                    env: report.env,
                    status: report.status,
                    error: report.error,
                    elapsed_ms: report.elapsed_ms,
                    json: loaded.json.into(),
                    view,
                    key_figures,
                })
            },
        }
    }
}

#[derive(Properties)]
pub struct PanelProps<E: ExperimentView> {
    /// The page's hash path (`/`, `/lock`), to write the query back to.
    pub path: AttrValue,
    pub query: Vec<(String, String)>,
    /// Which visit of the page the query came with (see `ui::router`).
    pub visit: u32,
    #[prop_or_default]
    pub experiment: PhantomData<E>,
}

impl<E: ExperimentView> PartialEq for PanelProps<E> {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && self.query == other.query && self.visit == other.visit
    }
}

/// The form's text, checked: the experiment's parameters (its `Params`,
/// type-erased) and every problem found.
#[derive(Clone)]
pub struct Checked {
    params: Rc<dyn Any>,
    errors: Rc<Vec<FieldError>>,
}

impl Checked {
    fn of<E: Experiment>(raw: &[(String, String)], env: &Env) -> Self {
        let (params, errors) = validate::<E>(raw, env);
        Checked {
            params: Rc::new(params),
            errors: Rc::new(errors),
        }
    }

    fn params<P: Params>(&self) -> &P {
        self.params
            .downcast_ref()
            .expect("a panel's parameters are its experiment's")
    }
}

/// An experiment as the panel sees it: its id, its parameters' specs, and
/// functions that check, run, refuse and extend, each knowing the type.
#[derive(Clone, Copy)]
pub struct PanelSpec {
    id: &'static str,
    specs: &'static [ParamSpec],
    check: fn(&[(String, String)], &Env) -> Checked,
    run: fn(&Checked, RunContext) -> LocalBoxFuture<'static, Finished>,
    refuse: fn(&Checked) -> Finished,
    extra: fn(&Checked) -> Html,
    threads_needed: fn(&Checked) -> usize,
    cpython: Option<CPythonSpec>,
}

impl PartialEq for PanelSpec {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl PanelSpec {
    fn of<E: ExperimentView>() -> Self {
        PanelSpec {
            id: E::ID,
            specs: E::Params::specs(),
            check: Checked::of::<E>,
            run: |checked, ctx| {
                let params = checked.params::<E::Params>().clone();
                Box::pin(async move { finished::<E>(run_report::<E>(params, ctx).await) })
            },
            refuse: |checked| {
                let params = checked.params::<E::Params>().clone();
                finished::<E>(refused_report::<E>(params, &checked.errors))
            },
            extra: |checked| E::extra(checked.params::<E::Params>()),
            threads_needed: |checked| E::threads_needed(checked.params::<E::Params>()),
            cpython: E::cpython(),
        }
    }
}

/// Runs finished in this tab, on every page: each report carries its
/// number (`data-run` on the report), so a program driving the page can
/// tell a new report from the one before, even when their texts are equal.
static RUNS_FINISHED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// A run's report, as JSON and as the page's figures.
pub struct Finished {
    /// 1, 2, … in the order runs finished in this tab.
    number: u32,
    status: Status,
    error: Option<String>,
    elapsed_ms: f64,
    json: Rc<str>,
    /// Draws the figures (none when the run failed).
    view: Option<Rc<dyn Fn(Lang) -> Html>>,
    key_figures: Option<KeyFigures>,
    /// The browser it ran in, as the report's `env` says.
    browser: &'static str,
}

fn finished<E: ExperimentView>(report: Report<E::Params, E::Figures>) -> Finished {
    let json: Rc<str> = report.to_json().into();
    let params = Rc::new(report.params);
    let figures = report.figures.map(Rc::new);
    let view = figures.clone().map(|figures| {
        let params = params.clone();
        Rc::new(move |lang| E::figures(&figures, &params, lang)) as Rc<dyn Fn(Lang) -> Html>
    });
    let key_figures = figures
        .map(|figures| Rc::new(move |lang| E::key_figures(&figures, &params, lang)) as KeyFigures);
    Finished {
        number: RUNS_FINISHED.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1,
        status: report.status,
        error: report.error,
        elapsed_ms: report.elapsed_ms,
        json,
        view,
        key_figures,
        browser: report.env.browser,
    }
}

/// Shows `E`'s panel.
#[function_component(ExperimentPanel)]
pub fn experiment_panel<E: ExperimentView>(props: &PanelProps<E>) -> Html {
    html! {
        <Panel spec={PanelSpec::of::<E>()} path={props.path.clone()} query={props.query.clone()} visit={props.visit} />
    }
}

#[derive(Properties, PartialEq)]
struct ErasedProps {
    spec: PanelSpec,
    path: AttrValue,
    query: Vec<(String, String)>,
    visit: u32,
}

#[derive(Clone)]
enum RunState {
    Idle,
    Running {
        cancel: CancelToken,
        progress: Progress,
    },
    Finished(Rc<Finished>),
}

#[derive(Clone)]
struct PanelState {
    /// The form's raw text, key by key (the URL's query, then edits).
    raw: Vec<(String, String)>,
    run: RunState,
    /// The query asked to run (`run=1`) and has not yet: it runs once the
    /// workers it needs are warm.
    run_asked: bool,
    /// The CPython run opened last, and why the last file was refused
    /// (a refusal keeps both runs as they were).
    cpython: Option<Rc<CPythonRun>>,
    refused: Option<Rc<LoadError>>,
}

enum Action {
    /// The URL changed from outside (a link, the address bar).
    Load(Vec<(String, String)>),
    /// A field was edited; the specs give the fields' order.
    Edit(&'static str, String, &'static [ParamSpec]),
    Start(CancelToken),
    Progress(Progress),
    Finish(Finished),
    Opened(Result<Rc<CPythonRun>, LoadError>),
    CloseCpython,
}

impl Reducible for PanelState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Load(query) => {
                next.run_asked = wants_run(&query);
                next.raw = query;
            }
            Action::Edit(name, text, specs) => {
                next.run_asked = false;
                // One value per field, the edited one; and an edit is not a
                // request to run.
                next.raw.retain(|(k, _)| k != name && k != "run");
                next.raw.push((name.to_string(), text));
                next.raw.sort_by_key(|(k, _)| {
                    specs.iter().position(|s| s.name == k).unwrap_or(usize::MAX)
                });
            }
            Action::Start(cancel) => {
                next.run_asked = false;
                next.run = RunState::Running {
                    cancel,
                    progress: Progress::default(),
                }
            }
            Action::Progress(progress) => {
                if let RunState::Running { cancel, .. } = &self.run {
                    next.run = RunState::Running {
                        cancel: cancel.clone(),
                        progress,
                    };
                }
            }
            Action::Finish(finished) => next.run = RunState::Finished(Rc::new(finished)),
            Action::Opened(Ok(run)) => {
                next.cpython = Some(run);
                next.refused = None;
            }
            Action::Opened(Err(why)) => next.refused = Some(Rc::new(why)),
            Action::CloseCpython => {
                next.cpython = None;
                next.refused = None;
            }
        }
        Rc::new(next)
    }
}

fn field_id(name: &str) -> String {
    format!("field-{name}")
}

/// A run the form refused: the report says why, so a program driving the
/// page with `run=1` gets an answer instead of waiting.
fn refused_report<E: Experiment>(
    params: E::Params,
    errors: &[FieldError],
) -> Report<E::Params, E::Figures> {
    let why: Vec<String> = errors
        .iter()
        .filter(|e| e.blocks_run())
        .map(|e| format!("{}: {}", e.field().unwrap_or("?"), e.message(Lang::En)))
        .collect();
    Report {
        experiment: E::ID,
        params,
        status: Status::Error,
        error: Some(format!("invalid parameters: {}", why.join("; "))),
        elapsed_ms: 0.0,
        env: env::env(),
        warm_workers: crate::runtime::threads::warm(),
        figures: None,
    }
}

fn wants_run(query: &[(String, String)]) -> bool {
    matches!(raw_value(query, "run"), Some("1" | "true" | "yes"))
}

#[function_component(Panel)]
fn panel(props: &ErasedProps) -> Html {
    let ctx = use_lang();
    let spec = props.spec;
    let state = use_reducer(|| PanelState {
        raw: props.query.clone(),
        run: RunState::Idle,
        run_asked: wants_run(&props.query),
        cpython: None,
        refused: None,
    });

    // The URL changed from outside (or a link to it was followed): load it.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((props.query.clone(), props.visit), move |(query, _)| {
            dispatcher.dispatch(Action::Load(query.clone()));
        });
    }
    // The URL follows the form.
    {
        let path = props.path.clone();
        use_effect_with(state.raw.clone(), move |raw| {
            browser::replace_hash(&match raw.is_empty() {
                true => path.to_string(),
                false => format!("{path}?{}", format_query(raw)),
            });
        });
    }
    // Leaving the page (or starting another run) ends the run in progress:
    // nothing goes on working, or waiting, for a page nobody sees.
    let running_token = match &state.run {
        RunState::Running { cancel, .. } => Some(cancel.clone()),
        _ => None,
    };
    use_effect_with(running_token.map(TokenRef), |token| {
        let token = token.clone();
        move || {
            if let Some(TokenRef(cancel)) = token {
                cancel.cancel();
            }
        }
    });

    let checked = {
        let raw = state.raw.clone();
        use_memo(raw, |raw| (spec.check)(raw, &env::env()))
    };
    let errors = &checked.errors;
    let blocked = errors.iter().any(FieldError::blocks_run);
    let running = matches!(state.run, RunState::Running { .. });

    let start = {
        let dispatcher = state.dispatcher();
        let checked = (*checked).clone();
        Callback::from(move |()| {
            let cancel = CancelToken::new();
            dispatcher.dispatch(Action::Start(cancel.clone()));
            if checked.errors.iter().any(FieldError::blocks_run) {
                dispatcher.dispatch(Action::Finish((spec.refuse)(&checked)));
                return;
            }
            let progress = dispatcher.clone();
            let run_ctx = RunContext::new(cancel, move |p| progress.dispatch(Action::Progress(p)));
            let run = (spec.run)(&checked, run_ctx);
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                dispatcher.dispatch(Action::Finish(run.await));
            });
        })
    };

    // The workers this run would need: warm them before they are asked
    // for, from the moment the page opens and whenever a field changes.
    // Asked while rendering, not after: a cold worker takes long to start,
    // and the first render's commit is a few frames away.
    let need = (spec.threads_needed)(&checked);
    use_memo((need, state.run_asked), |&(need, asked)| {
        crate::runtime::threads::warm_towards(need, asked)
    });

    // `run=1` in the query: run once the form holds it (so the run gets
    // this query's parameters, not the last ones) and the workers it needs
    // are warm; once. A later edit (or another query) drops the wait.
    let status = use_context::<RuntimeStatus>();
    let settled = status.as_ref().is_some_and(RuntimeStatus::settled);
    {
        let start = start.clone();
        use_effect_with(
            (state.run_asked, settled, need),
            move |&(asked, settled, need)| {
                // Dropped (not just ignored) when the wait is no longer
                // wanted: a wait for workers that will not come (the need
                // fell) would otherwise poll on for good, one per edit.
                let waiting = (asked && settled).then(|| {
                    let (wait, handle) = futures::future::abortable(async move {
                        crate::runtime::threads::until_warm(need).await;
                        start.emit(());
                    });
                    wasm_bindgen_futures::spawn_local(async move {
                        let _ = wait.await;
                    });
                    handle
                });
                move || {
                    if let Some(handle) = waiting {
                        handle.abort();
                    }
                }
            },
        );
    }

    let onsubmit = Callback::from(move |event: SubmitEvent| {
        event.prevent_default();
        start.emit(());
    });
    let oncancel = match &state.run {
        RunState::Running { cancel, .. } => {
            let cancel = cancel.clone();
            Callback::from(move |_| cancel.cancel())
        }
        _ => Callback::noop(),
    };

    let edit = |name: &'static str| {
        let dispatcher = state.dispatcher();
        Callback::from(move |text: String| {
            dispatcher.dispatch(Action::Edit(name, text, spec.specs))
        })
    };

    let env = env::env();
    let form_errors: Vec<&FieldError> = errors.iter().filter(|e| e.field().is_none()).collect();
    let run_number = match &state.run {
        RunState::Finished(finished) => finished.number.to_string(),
        _ => String::new(),
    };

    html! {
        <section class="experiment" data-experiment={spec.id}>
            <form class="params" {onsubmit} novalidate=true>
                { for spec.specs.iter().map(|field| {
                    let raw = raw_value(&state.raw, field.name).map(str::to_string)
                        .unwrap_or_else(|| field.default_text(&env));
                    let error = errors.iter().find(|e| e.field() == Some(field.name)).map(|e| e.message_marked(ctx.lang));
                    html! { <Field spec={*field} {raw} {error} lang={ctx.lang} disabled={running} onchange={edit(field.name)} /> }
                }) }
                { for form_errors.iter().map(|e| html! { <p class="form-note">{ prose(&e.message_marked(ctx.lang)) }</p> }) }
                <div class="actions">
                    <button type="submit" class="run" data-testid="run" disabled={running}>{ ctx.t(Text::Run) }</button>
                    <button type="button" class="cancel" data-testid="cancel" disabled={!running} onclick={oncancel}>
                        { ctx.t(Text::Cancel) }
                    </button>
                    if blocked {
                        <span class="form-note">{ ctx.t(Text::FixFieldsFirst) }</span>
                    }
                </div>
            </form>
            { status_view(spec.id, &state.run, ctx.lang) }
            <h3 class="report-heading">{ ctx.t(Text::ReportHeading) }</h3>
            <pre class="report" data-testid="result-json" tabindex="0" data-run={run_number}>{
                match &state.run { RunState::Finished(finished) => finished.json.to_string(), _ => String::new() }
            }</pre>
            if let Some(cpython) = spec.cpython {
                <CPythonPanel id={spec.id} {cpython} page_run={match &state.run { RunState::Finished(f) => Some(f.clone()), _ => None }}
                    run={state.cpython.clone()} refused={state.refused.clone()} dispatcher={state.dispatcher()} />
            }
            { (spec.extra)(&checked) }
        </section>
    }
}

/// A cancel token as an effect's dependency: the same run, the same token.
#[derive(Clone)]
struct TokenRef(CancelToken);

impl PartialEq for TokenRef {
    fn eq(&self, other: &Self) -> bool {
        self.0.same_as(&other.0)
    }
}

fn status_view(id: &'static str, run: &RunState, lang: Lang) -> Html {
    match run {
        RunState::Idle => html! {},
        RunState::Running { progress, .. } => html! {
            <div class="status running" role="status" aria-live="polite">
                <span>{ Text::Running.get(lang) }</span>
                <progress max={progress.total.max(1).to_string()} value={progress.done.to_string()} />
                <span>{ Text::Progress.fill(lang, &[("done", &progress.done.to_string()), ("total", &progress.total.to_string())]) }</span>
            </div>
        },
        RunState::Finished(finished) => {
            let (class, label) = match finished.status {
                Status::Ok => ("status ok", Text::StatusOk),
                Status::Error => ("status error", Text::StatusError),
                Status::Cancelled => ("status cancelled", Text::StatusCancelled),
            };
            let elapsed =
                Text::ElapsedMs.fill(lang, &[("ms", &format!("{:.0}", finished.elapsed_ms))]);
            let json = finished.json.clone();
            let file = format!("{id}-report.json");
            let download =
                Callback::from(move |_| browser::download(&file, &json, "application/json"));
            let trace = {
                let (json, run) = (
                    finished.json.clone(),
                    format!("page ({})", finished.browser),
                );
                Callback::from(move |_| download_trace(id, "", &json, &run))
            };
            html! {
                <>
                    <div class={class} role="status" aria-live="polite">
                        <strong>{ label.get(lang) }</strong>{" · "}{ elapsed }
                        if let Some(error) = &finished.error { <p class="error-text">{ error }</p> }
                        <button type="button" class="download" onclick={download}>{ Text::DownloadJson.get(lang) }</button>
                        if finished.view.is_some() {
                            <button type="button" class="download" data-testid="export-trace" onclick={trace}
                                title={Text::ExportTraceHelp.get(lang)}>{ Text::ExportTrace.get(lang) }</button>
                        }
                    </div>
                    if let Some(view) = &finished.view { { view(lang) } }
                </>
            }
        }
    }
}

#[derive(Properties, PartialEq)]
struct FieldProps {
    spec: ParamSpec,
    raw: String,
    error: Option<String>,
    lang: Lang,
    disabled: bool,
    onchange: Callback<String>,
}

/// One labelled field, with its help and its error beside it.
#[function_component(Field)]
fn field(props: &FieldProps) -> Html {
    let spec = props.spec;
    let id = field_id(spec.name);
    let (help_id, error_id) = (format!("{id}-help"), format!("{id}-error"));
    let described_by = [
        spec.help.map(|_| help_id.clone()),
        props.error.as_ref().map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let invalid = props.error.is_some().to_string();
    let onchange = props.onchange.clone();
    let read = Callback::from(move |event: Event| {
        let value = event
            .target()
            .and_then(|t| {
                t.clone()
                    .dyn_into::<web_sys::HtmlInputElement>()
                    .map(|i| i.value())
                    .or_else(|_| {
                        t.dyn_into::<web_sys::HtmlSelectElement>()
                            .map(|s| s.value())
                    })
                    .ok()
            })
            .unwrap_or_default();
        onchange.emit(value);
    });
    let on_input = {
        let read = read.clone();
        Callback::from(move |event: InputEvent| read.emit(event.into()))
    };
    let control = match spec.kind {
        Kind::Int { min, max } => html! {
            <input id={id.clone()} name={spec.name} type="text" inputmode="numeric" value={props.raw.clone()}
                placeholder={if spec.default == Default::Random { Text::RandomPlaceholder.get(props.lang).to_string() } else { format!("{min}–{max}") }} aria-invalid={invalid} aria-describedby={described_by}
                disabled={props.disabled} oninput={on_input} onchange={read} />
        },
        Kind::Float { min, max } => html! {
            <input id={id.clone()} name={spec.name} type="text" inputmode="decimal" value={props.raw.clone()}
                placeholder={format!("{min}–{max}")} aria-invalid={invalid} aria-describedby={described_by}
                disabled={props.disabled} oninput={on_input} onchange={read} />
        },
        Kind::IntList { .. } | Kind::CountOrAll { .. } => html! {
            <input id={id.clone()} name={spec.name} type="text" value={props.raw.clone()}
                aria-invalid={invalid} aria-describedby={described_by}
                disabled={props.disabled} oninput={on_input} onchange={read} />
        },
        Kind::Set(options) => html! {
            <input id={id.clone()} name={spec.name} type="text" value={props.raw.clone()}
                placeholder={options.join(",")} aria-invalid={invalid} aria-describedby={described_by}
                disabled={props.disabled} oninput={on_input} onchange={read} />
        },
        Kind::Bool | Kind::Choice(_) => {
            let options: Vec<&str> = match spec.kind {
                Kind::Choice(options) => options.to_vec(),
                _ => vec!["true", "false"],
            };
            html! {
                <select id={id.clone()} name={spec.name} aria-invalid={invalid} aria-describedby={described_by}
                    disabled={props.disabled} onchange={read}>
                    { for options.into_iter().map(|o| html! {
                        <option value={o} selected={o.eq_ignore_ascii_case(&props.raw)}>{ o }</option>
                    }) }
                </select>
            }
        }
    };
    html! {
        <div class="field">
            <label for={id}>{ spec.label.get(props.lang) }</label>
            { control }
            if let Some(help) = spec.help {
                <p class="help" id={help_id}>{ prose(&crate::experiments::with_constants(help.marked(props.lang), props.lang)) }</p>
            }
            if let Some(error) = &props.error { <p class="field-error" id={error_id} role="alert">{ prose(error) }</p> }
        </div>
    }
}

/// Downloads the run whose report is `json` as a Chrome trace; `run`
/// names it in the trace.
fn download_trace(id: &str, suffix: &str, json: &str, run: &str) {
    if let Ok(report) = serde_json::from_str(json) {
        let trace = chrome_trace(&report, run);
        browser::download(
            &format!("{id}{suffix}-trace.json"),
            &trace.to_string(),
            "application/json",
        );
    }
}

#[derive(Properties)]
struct CPythonPanelProps {
    id: &'static str,
    cpython: CPythonSpec,
    page_run: Option<Rc<Finished>>,
    run: Option<Rc<CPythonRun>>,
    refused: Option<Rc<LoadError>>,
    dispatcher: UseReducerDispatcher<PanelState>,
}

impl PartialEq for CPythonPanelProps {
    fn eq(&self, other: &Self) -> bool {
        fn same<T>(a: &Option<Rc<T>>, b: &Option<Rc<T>>) -> bool {
            match (a, b) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
        }
        self.id == other.id
            && same(&self.page_run, &other.page_run)
            && same(&self.run, &other.run)
            && same(&self.refused, &other.refused)
    }
}

/// Reads `file` and opens it as a CPython run (or says why not).
fn open_file(
    file: web_sys::File,
    load: fn(&str) -> Result<CPythonRun, LoadError>,
    to: UseReducerDispatcher<PanelState>,
) {
    let bytes = file.size() as usize;
    if bytes > MAX_FILE_BYTES {
        to.dispatch(Action::Opened(Err(LoadError::TooBig { bytes })));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let opened = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
            Ok(text) => load(&text.as_string().unwrap_or_default()),
            Err(why) => Err(LoadError::Unreadable {
                why: why.as_string().unwrap_or_else(|| format!("{why:?}")),
            }),
        };
        to.dispatch(Action::Opened(opened.map(Rc::new)));
    });
}

/// Whether a paste went into something that takes text (a field of the
/// form): then it is the field's, not a CPython run.
fn pasted_into_a_field(event: &web_sys::Event) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| {
            matches!(
                e.tag_name().to_ascii_lowercase().as_str(),
                "input" | "textarea" | "select"
            ) || e.closest("[contenteditable]").ok().flatten().is_some()
        })
}

/// "Open a CPython run": the file field, the drop and paste listeners on
/// the page, a refusal's alert, and the run opened.
#[function_component(CPythonPanel)]
fn cpython_panel(props: &CPythonPanelProps) -> Html {
    let ctx = use_lang();
    let lang = ctx.lang;
    let load = props.cpython.load;
    // Dropped onto the page, or pasted (a file, or its text): opened too.
    {
        let to = props.dispatcher.clone();
        use_effect_with((), move |()| {
            let document = browser::window().document();
            let over = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::DragEvent)>::new(
                |event: web_sys::DragEvent| {
                    if event
                        .data_transfer()
                        .is_some_and(|d| d.types().includes(&"Files".into(), 0))
                    {
                        event.prevent_default();
                    }
                },
            );
            let drop = {
                let to = to.clone();
                wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::DragEvent)>::new(
                    move |event: web_sys::DragEvent| {
                        let file = event
                            .data_transfer()
                            .and_then(|d| d.files())
                            .and_then(|f| f.get(0));
                        if let Some(file) = file {
                            event.prevent_default();
                            open_file(file, load, to.clone());
                        }
                    },
                )
            };
            let paste = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::ClipboardEvent)>::new(
                move |event: web_sys::ClipboardEvent| {
                    if pasted_into_a_field(&event) {
                        return;
                    }
                    let Some(data) = event.clipboard_data() else {
                        return;
                    };
                    if let Some(file) = data.files().and_then(|f| f.get(0)) {
                        event.prevent_default();
                        open_file(file, load, to.clone());
                        return;
                    }
                    let text = data.get_data("text").unwrap_or_default();
                    if text.trim_start().starts_with('{') {
                        event.prevent_default();
                        let opened = match text.len() {
                            bytes if bytes > MAX_FILE_BYTES => Err(LoadError::TooBig { bytes }),
                            _ => load(&text),
                        };
                        to.dispatch(Action::Opened(opened.map(Rc::new)));
                    }
                },
            );
            let listen = |name: &str, f: &js_sys::Function| {
                if let Some(d) = &document {
                    let _ = d.add_event_listener_with_callback(name, f);
                }
            };
            listen("dragover", over.as_ref().unchecked_ref());
            listen("drop", drop.as_ref().unchecked_ref());
            listen("paste", paste.as_ref().unchecked_ref());
            move || {
                if let Some(d) = &document {
                    let _ = d.remove_event_listener_with_callback(
                        "dragover",
                        over.as_ref().unchecked_ref(),
                    );
                    let _ = d
                        .remove_event_listener_with_callback("drop", drop.as_ref().unchecked_ref());
                    let _ = d.remove_event_listener_with_callback(
                        "paste",
                        paste.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    let onchange = {
        let to = props.dispatcher.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                open_file(file, load, to.clone());
            }
            // The same file chosen again is a change too.
            input.set_value("");
        })
    };
    let close = {
        let to = props.dispatcher.clone();
        Callback::from(move |_| to.dispatch(Action::CloseCpython))
    };
    let field = format!("open-cpython-run-{}", props.id);
    let help = Text::CpythonOpenHelp.fill_marked(lang, &[("file", props.cpython.file)]);
    html! {
        <section class="cpython" aria-labelledby={format!("{field}-label")}>
            <div class="cpython-open">
                <label id={format!("{field}-label")} for={field.clone()}>{ ctx.t(Text::CpythonOpen) }</label>
                <input id={field.clone()} type="file" accept=".json,application/json" data-testid="open-cpython-run"
                    aria-describedby={format!("{field}-help")} {onchange} />
                <p class="help" id={format!("{field}-help")}>{ prose(&help) }</p>
            </div>
            if let Some(why) = &props.refused {
                <p class="error-text" role="alert" data-testid="cpython-error">
                    { ctx.t(Text::CpythonNotOpened) }{ prose(&why.message_marked(props.id, lang)) }{ " " }{ ctx.t(Text::CpythonOwnRunKept) }
                </p>
            }
            if let Some(run) = &props.run {
                { cpython_run_view(props.id, run, props.page_run.as_deref(), close, lang) }
            }
        </section>
    }
}

/// A CPython run, shown as the page's own: what ran it, the two runs'
/// figures side by side, its figures drawn, its report.
fn cpython_run_view(
    id: &'static str,
    run: &CPythonRun,
    page_run: Option<&Finished>,
    close: Callback<MouseEvent>,
    lang: Lang,
) -> Html {
    let env = &run.env;
    let interpreter = env.interpreter();
    let heading = Text::CpythonHeading.fill(lang, &[("interpreter", &interpreter)]);
    let gil = if env.gil_enabled {
        Text::CpythonGilOn
    } else {
        Text::CpythonGilOff
    };
    let env_line = Text::CpythonEnvLine.fill(
        lang,
        &[
            ("gil", gil.get(lang)),
            ("cpus", &env.cpu_count.to_string()),
            ("platform", &env.platform),
            // (perf_counter's step is a few ns; in ms it prints as 1e-6.)
            (
                "resolution",
                &format!("{}", (env.clock_resolution_ms * 1e9).round() / 1000.0),
            ),
            ("ms", &format!("{:.0}", run.elapsed_ms)),
        ],
    );
    let trace = {
        let (json, name) = (run.json.clone(), interpreter.clone());
        Callback::from(move |_| download_trace(id, "-cpython", &json, &name))
    };
    let download = {
        let json = run.json.clone();
        Callback::from(move |_| {
            browser::download(
                &format!("{id}-cpython-report.json"),
                &json,
                "application/json",
            )
        })
    };
    html! {
        <section class="cpython-run" data-testid="cpython-run" data-interpreter={interpreter.clone()}
            data-gil={env.gil_enabled.to_string()} aria-label={heading.clone()}>
            <h3>{ heading }</h3>
            <p class="note">{ env_line }</p>
            <div class="actions">
                <button type="button" class="download" onclick={download}>{ Text::DownloadJson.get(lang) }</button>
                if run.view.is_some() {
                    <button type="button" class="download" data-testid="export-trace" onclick={trace}
                        title={Text::ExportTraceHelp.get(lang)}>{ Text::ExportTrace.get(lang) }</button>
                }
                <button type="button" class="download" onclick={close}>{ Text::CpythonClose.get(lang) }</button>
            </div>
            if run.status != Status::Ok {
                <p class="error-text">{ Text::CpythonStatusNotOk.fill(lang, &[("error", run.error.as_deref().unwrap_or("?"))]) }</p>
            }
            if let Some(figures) = &run.key_figures {
                { compare_view(&interpreter, page_run, figures(lang), lang) }
            }
            if let Some(view) = &run.view { { view(lang) } }
            <h4>{ Text::CpythonReportHeading.get(lang) }</h4>
            <pre class="report" data-testid="cpython-result-json" tabindex="0">{ run.json.to_string() }</pre>
        </section>
    }
}

/// The two runs' figures side by side: a row for each figure either has.
fn compare_view(
    interpreter: &str,
    page_run: Option<&Finished>,
    cpython: Vec<(String, String)>,
    lang: Lang,
) -> Html {
    let page: Vec<(String, String)> = page_run
        .and_then(|f| f.key_figures.as_ref())
        .map(|figures| figures(lang))
        .unwrap_or_default();
    let mut rows: Vec<String> = page.iter().map(|(what, _)| what.clone()).collect();
    for (what, _) in &cpython {
        if !rows.contains(what) {
            rows.push(what.clone());
        }
    }
    let value = |figures: &[(String, String)], what: &str| {
        figures
            .iter()
            .find(|(w, _)| w == what)
            .map_or_else(|| "—".to_string(), |(_, v)| v.clone())
    };
    let page_column = match page_run {
        Some(f) if f.key_figures.is_some() => {
            Text::CpythonComparePage.fill(lang, &[("browser", f.browser)])
        }
        _ => format!(
            "{} ({})",
            Text::CpythonComparePage.fill(lang, &[("browser", "—")]),
            Text::CpythonCompareNoRun.get(lang)
        ),
    };
    html! {
        <>
            <h4>{ Text::CpythonCompareHeading.get(lang) }</h4>
            <table class="numbers compare" data-testid="cpython-compare">
                <thead><tr>
                    <th scope="col">{ Text::CpythonCompareFigure.get(lang) }</th>
                    <th scope="col">{ page_column }</th>
                    <th scope="col">{ Text::CpythonCompareCpython.fill(lang, &[("interpreter", interpreter)]) }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|what| html! {
                        <tr data-figure={what.clone()}>
                            <th scope="row">{ what }</th>
                            <td data-run="page">{ value(&page, what) }</td>
                            <td data-run="cpython">{ value(&cpython, what) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <p class="note">{ Text::CpythonCompareNote.get(lang) }</p>
        </>
    }
}
