//! A CPython run of a page's experiment: the report that the Python file
//! beside the page prints with `--json`, read back and checked before the
//! page draws it beside its own. Its figures are the page's own types, so
//! the page and CPython speak one schema (see [`super::schema`]).
//!
//! A file is refused, with a reason a reader can act on, when it is too
//! big, not whole JSON, not a report, a run of another page, has
//! parameters the page would not accept, a negative number, a span that
//! ends before it starts, or more lanes or spans than a page draws.
//! Nothing here knows about the UI.

use super::params::{FieldError, Params};
use super::{validate, Experiment, Status};
use crate::i18n::{Lang, Text};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Files larger than this are refused unread: a page's longest runs (the
/// GIL's timeline at n = 40 in 8 threads) write well under a megabyte.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;
/// At most this many lanes in a timeline (the pages' largest thread
/// counts, in every mode, fit).
pub const MAX_LANES: usize = 600;
/// At most this many spans in a timeline.
pub const MAX_SPANS: usize = 100_000;

/// The interpreter a CPython run happened in (`_report.environment()`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CPythonEnv {
    /// `platform.python_implementation()`: "CPython" (or PyPy …).
    pub implementation: String,
    /// `platform.python_version()`: "3.13.1".
    pub version: String,
    /// `sys._is_gil_enabled()` where it exists (3.13 and later); before,
    /// every CPython has the GIL.
    pub gil_enabled: bool,
    /// `os.cpu_count()`: logical processors.
    #[schemars(range(min = 1))]
    pub cpu_count: u32,
    /// `platform.system()` and `platform.machine()`: "Linux x86_64".
    pub platform: String,
    /// The step of `time.perf_counter()`, as the interpreter states it.
    #[schemars(range(min = 0))]
    pub clock_resolution_ms: f64,
}

impl CPythonEnv {
    /// "CPython 3.13.1", as the run is labelled.
    pub fn interpreter(&self) -> String {
        format!("{} {}", self.implementation, self.version)
    }
}

/// What a Python file prints with `--json`: a page's report, measured in
/// CPython. Its figures are the page's.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(rename = "CPythonReport_{F}")]
pub struct CPythonReport<P, F> {
    pub experiment: String,
    pub params: P,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[schemars(range(min = 0))]
    pub elapsed_ms: f64,
    pub env: CPythonEnv,
    #[serde(flatten)]
    pub figures: Option<F>,
}

/// Why a file was not opened.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    TooBig {
        bytes: usize,
    },
    /// Not JSON, or cut short; serde's words.
    NotJson {
        why: String,
    },
    /// `NaN` or `Infinity`, which Python's `json` writes unless told not to.
    NotFinite,
    /// JSON, but not a report; serde's words.
    NotReport {
        why: String,
    },
    WrongExperiment {
        found: String,
    },
    /// Parameters the page would refuse in its form.
    Params {
        errors: Vec<FieldError>,
    },
    /// A parameter the page has that the report lacks.
    MissingParam {
        name: &'static str,
    },
    Negative {
        path: String,
        value: f64,
    },
    Backwards {
        path: String,
    },
    TooManyLanes {
        lanes: usize,
    },
    TooManySpans {
        spans: usize,
    },
    /// The browser could not read the file.
    Unreadable {
        why: String,
    },
}

impl LoadError {
    /// What went wrong, for the alert (marked: code in backticks). `page`
    /// is the page's experiment.
    pub fn message_marked(&self, page: &str, lang: Lang) -> String {
        // A detail from serde goes in code font; backticks in it would
        // end the code span.
        let detail = |why: &str| why.replace('`', "'");
        match self {
            LoadError::TooBig { bytes } => Text::CpythonErrTooBig.fill_marked(
                lang,
                &[
                    ("kb", &(bytes / 1024).to_string()),
                    ("max", &(MAX_FILE_BYTES / 1024).to_string()),
                ],
            ),
            LoadError::NotJson { why } => {
                Text::CpythonErrNotJson.fill_marked(lang, &[("why", &detail(why))])
            }
            LoadError::NotFinite => Text::CpythonErrNotFinite.marked(lang).to_string(),
            LoadError::NotReport { why } => {
                Text::CpythonErrNotReport.fill_marked(lang, &[("why", &detail(why))])
            }
            LoadError::WrongExperiment { found } => Text::CpythonErrWrongExperiment
                .fill_marked(lang, &[("found", &detail(found)), ("page", page)]),
            LoadError::Params { errors } => {
                let why: Vec<String> = errors
                    .iter()
                    .map(|e| match e.field() {
                        Some(field) => format!("`{field}`: {}", e.message_marked(lang)),
                        None => e.message_marked(lang),
                    })
                    .collect();
                Text::CpythonErrParams.fill_marked(lang, &[("why", &why.join("; "))])
            }
            LoadError::MissingParam { name } => {
                Text::CpythonErrMissingParam.fill_marked(lang, &[("name", name)])
            }
            LoadError::Negative { path, value } => Text::CpythonErrNegative
                .fill_marked(lang, &[("path", path), ("value", &value.to_string())]),
            LoadError::Backwards { path } => {
                Text::CpythonErrBackwards.fill_marked(lang, &[("path", path)])
            }
            LoadError::TooManyLanes { lanes } => Text::CpythonErrTooManyLanes.fill_marked(
                lang,
                &[
                    ("lanes", &lanes.to_string()),
                    ("max", &MAX_LANES.to_string()),
                ],
            ),
            LoadError::TooManySpans { spans } => Text::CpythonErrTooManySpans.fill_marked(
                lang,
                &[
                    ("spans", &spans.to_string()),
                    ("max", &MAX_SPANS.to_string()),
                ],
            ),
            LoadError::Unreadable { why } => {
                Text::CpythonErrRead.fill_marked(lang, &[("why", &detail(why))])
            }
        }
    }
}

/// A CPython run as the page keeps it: the report, typed, and the file's
/// JSON as it came (pretty-printed).
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded<P, F> {
    pub report: CPythonReport<P, F>,
    pub json: String,
}

/// Reads `text` as a CPython run of `E`, or says why not.
pub fn load<E>(text: &str) -> Result<Loaded<E::Params, E::Figures>, LoadError>
where
    E: Experiment,
    E::Figures: DeserializeOwned,
{
    if text.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooBig { bytes: text.len() });
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        if has_non_finite(text) {
            LoadError::NotFinite
        } else {
            LoadError::NotJson { why: e.to_string() }
        }
    })?;
    let Value::Object(mut fields) = value.clone() else {
        return Err(not_report("a report is a JSON object"));
    };
    match fields.get("experiment") {
        Some(Value::String(id)) if id == E::ID => {}
        Some(Value::String(id)) => return Err(LoadError::WrongExperiment { found: id.clone() }),
        _ => return Err(not_report("it has no `experiment`")),
    }
    check_numbers(&value, &mut String::new())?;
    if let Some(Value::Array(spans)) = fields.get("timeline") {
        check_timeline(spans)?;
    }
    let params = params_of::<E>(fields.remove("params"))?;
    let common =
        |name: &str, fields: &mut Map<String, Value>| fields.remove(name).unwrap_or(Value::Null);
    let status: Status = typed(common("status", &mut fields), "status")?;
    let error: Option<String> = typed(common("error", &mut fields), "error")?;
    let elapsed_ms: f64 = typed(common("elapsed_ms", &mut fields), "elapsed_ms")?;
    let env: CPythonEnv = typed(common("env", &mut fields), "env")?;
    fields.remove("experiment");
    let figures = match status {
        Status::Ok => Some(typed::<E::Figures>(Value::Object(fields), "figures")?),
        _ => None,
    };
    Ok(Loaded {
        report: CPythonReport {
            experiment: E::ID.to_string(),
            params,
            status,
            error,
            elapsed_ms,
            env,
            figures,
        },
        json: serde_json::to_string_pretty(&value).unwrap_or_default(),
    })
}

fn not_report(why: &str) -> LoadError {
    LoadError::NotReport {
        why: why.to_string(),
    }
}

fn typed<T: DeserializeOwned>(value: Value, what: &str) -> Result<T, LoadError> {
    serde_json::from_value(value).map_err(|e| LoadError::NotReport {
        why: format!("{what}: {e}"),
    })
}

/// Whether the text has a bare `NaN` or `Infinity` (outside strings), as
/// Python's `json.dumps` writes them by default.
fn has_non_finite(text: &str) -> bool {
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            'N' | 'I' if !in_string => {
                let rest = &text[i..];
                if rest.starts_with("NaN") || rest.starts_with("Infinity") {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// Every number is at least zero (a report's times, counts and ratios
/// are); the first that is not is named by its path.
fn check_numbers(value: &Value, path: &mut String) -> Result<(), LoadError> {
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(x) if x < 0.0 => Err(LoadError::Negative {
                path: path.clone(),
                value: x,
            }),
            _ => Ok(()),
        },
        Value::Array(items) => items.iter().enumerate().try_for_each(|(i, item)| {
            let len = path.len();
            path.push_str(&format!("[{i}]"));
            let checked = check_numbers(item, path);
            path.truncate(len);
            checked
        }),
        Value::Object(fields) => fields.iter().try_for_each(|(key, item)| {
            let len = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(key);
            let checked = check_numbers(item, path);
            path.truncate(len);
            checked
        }),
        _ => Ok(()),
    }
}

/// Spans end no earlier than they start; lanes and spans within the caps.
fn check_timeline(spans: &[Value]) -> Result<(), LoadError> {
    if spans.len() > MAX_SPANS {
        return Err(LoadError::TooManySpans { spans: spans.len() });
    }
    let mut lanes = std::collections::BTreeSet::new();
    for (i, span) in spans.iter().enumerate() {
        let time = |key: &str| span.get(key).and_then(Value::as_f64);
        if let (Some(start), Some(end)) = (time("start_ms"), time("end_ms")) {
            if end < start {
                return Err(LoadError::Backwards {
                    path: format!("timeline[{i}]"),
                });
            }
        }
        lanes.insert(lane_of(span));
        if lanes.len() > MAX_LANES {
            let all: std::collections::BTreeSet<_> = spans.iter().map(lane_of).collect();
            return Err(LoadError::TooManyLanes { lanes: all.len() });
        }
    }
    Ok(())
}

/// A span's lane, as text; a lane of a mode (the GIL page's "gil ·
/// thread 1") is a lane of its own.
fn lane_of(span: &Value) -> String {
    let text = |key: &str| span.get(key).map(Value::to_string).unwrap_or_default();
    format!("{} · {}", text("mode"), text("lane"))
}

/// The report's parameters, checked as the page's form checks them: every
/// one of the page's, each in its range, nothing else.
fn params_of<E: Experiment>(params: Option<Value>) -> Result<E::Params, LoadError> {
    let Some(Value::Object(params)) = params else {
        return Err(not_report("it has no `params` object"));
    };
    let mut raw = Vec::new();
    for (name, value) in &params {
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Array(items) => items
                .iter()
                .map(|item| match item {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join(","),
            other => other.to_string(),
        };
        raw.push((name.clone(), text));
    }
    if let Some(spec) = E::Params::specs()
        .iter()
        .find(|spec| !params.contains_key(spec.name))
    {
        return Err(LoadError::MissingParam { name: spec.name });
    }
    let (checked, errors) = validate::<E>(&raw, &crate::runtime::env::env());
    if errors.is_empty() {
        Ok(checked)
    } else {
        Err(LoadError::Params { errors })
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::experiments::lock::LockExperiment;
    use crate::experiments::run_query;

    /// The page's own run, written as a CPython run: its report with a
    /// CPython `env` and no `warm_workers`.
    fn as_cpython(figures: impl Serialize, params: serde_json::Value) -> serde_json::Value {
        let mut report = serde_json::json!({
            "experiment": "lock",
            "params": params,
            "status": "ok",
            "elapsed_ms": 12.5,
            "env": {
                "implementation": "CPython", "version": "3.13.1", "gil_enabled": false,
                "cpu_count": 8, "platform": "Linux x86_64", "clock_resolution_ms": 0.000001,
            },
        });
        let figures = serde_json::to_value(figures).unwrap();
        report
            .as_object_mut()
            .unwrap()
            .extend(figures.as_object().unwrap().clone());
        report
    }

    fn lock_run() -> serde_json::Value {
        let figures = run_query::<LockExperiment>("threads=8&sleep_ms=1&use_lock=false");
        as_cpython(
            figures,
            serde_json::json!({"threads": 8, "sleep_ms": 1, "use_lock": false}),
        )
    }

    fn refused(value: &serde_json::Value) -> LoadError {
        load::<LockExperiment>(&value.to_string()).unwrap_err()
    }

    #[test]
    fn a_run_of_the_page_reads_back_as_a_cpython_run() {
        let file = lock_run();
        let loaded = load::<LockExperiment>(&file.to_string()).unwrap();
        let report = loaded.report;
        assert_eq!(report.env.interpreter(), "CPython 3.13.1");
        assert!(!report.env.gil_enabled);
        assert_eq!(report.params.threads, 8);
        assert!(!report.params.use_lock);
        let figures = report.figures.clone().unwrap();
        assert_eq!(figures.expected, 8);
        // The same spans (the times to within a rounding of the last bit).
        let spans = serde_json::to_value(&figures.timeline).unwrap();
        let spans = spans.as_array().unwrap();
        assert_eq!(spans.len(), file["timeline"].as_array().unwrap().len());
        for (read, written) in spans.iter().zip(file["timeline"].as_array().unwrap()) {
            assert_eq!(read["lane"], written["lane"]);
            assert_eq!(read["state"], written["state"]);
            for key in ["start_ms", "end_ms"] {
                let (a, b) = (read[key].as_f64().unwrap(), written[key].as_f64().unwrap());
                assert!((a - b).abs() < 1e-9, "{key}: {a} against {b}");
            }
        }
        // Written again, it is the file it came from.
        let again = serde_json::to_value(CPythonReport {
            figures: Some(figures),
            ..report.clone()
        })
        .unwrap();
        for key in ["value", "lost_updates", "writes", "params", "env"] {
            assert_eq!(again[key], file[key], "{key}");
        }
    }

    #[test]
    fn bad_files_are_refused_with_the_reason() {
        let file = lock_run();
        let text = file.to_string();
        assert!(matches!(
            load::<LockExperiment>(&text[..text.len() / 2]).unwrap_err(),
            LoadError::NotJson { .. }
        ));
        let mut other = file.clone();
        other["experiment"] = "gil".into();
        assert_eq!(
            refused(&other),
            LoadError::WrongExperiment {
                found: "gil".into()
            }
        );
        let with_nan = text.replacen("\"elapsed_ms\":12.5", "\"elapsed_ms\":NaN", 1);
        assert_ne!(with_nan, text);
        assert_eq!(
            load::<LockExperiment>(&with_nan).unwrap_err(),
            LoadError::NotFinite
        );
        let mut negative = file.clone();
        negative["timeline"][1]["start_ms"] = (-3.0).into();
        assert_eq!(
            refused(&negative),
            LoadError::Negative {
                path: "timeline[1].start_ms".into(),
                value: -3.0
            }
        );
        let mut backwards = file.clone();
        backwards["timeline"][0]["end_ms"] = 0.0.into();
        backwards["timeline"][0]["start_ms"] = 1.0.into();
        assert_eq!(
            refused(&backwards),
            LoadError::Backwards {
                path: "timeline[0]".into()
            }
        );
        let big = " ".repeat(10 * 1024 * 1024) + &text;
        assert!(matches!(
            load::<LockExperiment>(&big).unwrap_err(),
            LoadError::TooBig { .. }
        ));
        let mut crowded = file.clone();
        crowded["timeline"] = (0..MAX_LANES + 5)
            .map(|i| serde_json::json!({"lane": format!("thread {}", i + 1), "start_ms": 0.0, "end_ms": 1.0, "state": "read_write"}))
            .collect();
        assert_eq!(
            refused(&crowded),
            LoadError::TooManyLanes {
                lanes: MAX_LANES + 5
            }
        );
        let mut out_of_range = file.clone();
        out_of_range["params"]["threads"] = 1000.into();
        assert!(matches!(refused(&out_of_range), LoadError::Params { .. }));
        let mut unknown = file.clone();
        unknown["params"]["colour"] = "red".into();
        assert!(matches!(refused(&unknown), LoadError::Params { .. }));
        let mut missing = file.clone();
        missing["params"]
            .as_object_mut()
            .unwrap()
            .remove("sleep_ms");
        assert_eq!(
            refused(&missing),
            LoadError::MissingParam { name: "sleep_ms" }
        );
        let mut no_env = file.clone();
        no_env.as_object_mut().unwrap().remove("env");
        assert!(matches!(refused(&no_env), LoadError::NotReport { .. }));
        let mut bad_lane = file.clone();
        bad_lane["timeline"][0]["lane"] = "thread 0".into();
        assert!(matches!(refused(&bad_lane), LoadError::NotReport { .. }));
    }

    #[test]
    fn every_refusal_is_said_in_both_languages() {
        let errors = [
            LoadError::TooBig { bytes: 10 << 20 },
            LoadError::NotJson {
                why: "EOF while parsing `a`".into(),
            },
            LoadError::NotFinite,
            LoadError::NotReport { why: "x".into() },
            LoadError::WrongExperiment {
                found: "gil".into(),
            },
            LoadError::MissingParam { name: "threads" },
            LoadError::Negative {
                path: "ms".into(),
                value: -1.0,
            },
            LoadError::Backwards {
                path: "timeline[0]".into(),
            },
            LoadError::TooManyLanes { lanes: 700 },
            LoadError::TooManySpans { spans: 200_000 },
        ];
        for error in errors {
            for lang in Lang::ALL {
                let text = error.message_marked("lock", lang);
                assert!(!text.contains('{'), "{text}");
                assert_eq!(text.matches('`').count() % 2, 0, "{text}");
            }
        }
        assert!(!has_non_finite(r#"{"text": "NaN and Infinity"}"#));
        assert!(has_non_finite(r#"{"x": -Infinity}"#));
    }
}
