//! The reports' JSON Schema, `docs/report.schema.json`: made from the
//! report types themselves, so it says exactly what the pages write and
//! what they read back from a CPython run. A test below fails when the
//! checked-in file is stale; `UPDATE_SCHEMA=1 cargo test schema` rewrites
//! it. The test command validates every Python file's `--json` output
//! against it (`tests/schema/`).

use super::async_await::AsyncExperiment;
use super::condition::ConditionExperiment;
use super::coroutine::CoroutineExperiment;
use super::cpython::CPythonReport;
use super::gil::GilExperiment;
use super::kettle::KettleExperiment;
use super::lock::LockExperiment;
use super::processes::ProcessesExperiment;
use super::semaphore::SemaphoreExperiment;
use super::{Experiment, Report};
use crate::runtime::env::Env;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{json, Value};
use std::borrow::Cow;

/// Where the schema is checked in, from the crate's root.
pub const PATH: &str = "docs/report.schema.json";

/// The browser's `env` (kept beside the schema, not in `runtime`).
impl JsonSchema for Env {
    fn schema_name() -> Cow<'static, str> {
        "BrowserEnv".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The browser a page's own run happened in.",
            "type": "object",
            "properties": {
                "cross_origin_isolated": { "type": "boolean" },
                "hardware_concurrency": { "type": "integer", "minimum": 0 },
                "browser": { "type": "string" },
                "timer_resolution_ms": { "type": "number", "minimum": 0 },
            },
            "required": ["cross_origin_isolated", "hardware_concurrency", "browser", "timer_resolution_ms"],
            "additionalProperties": false,
        })
    }
}

/// Adds `E`'s two reports (the page's, CPython's) to `generator`, and
/// returns references to them; each says which experiment it is, and that
/// a run whose status is `ok` has its figures.
fn reports_of<E>(generator: &mut SchemaGenerator) -> [Value; 2]
where
    E: Experiment,
    E::Params: JsonSchema,
    E::Figures: JsonSchema,
{
    let figures = generator.subschema_for::<E::Figures>().to_value();
    let page = generator.subschema_for::<Report<E::Params, E::Figures>>();
    let cpython = generator.subschema_for::<CPythonReport<E::Params, E::Figures>>();
    [page, cpython].map(|reference| {
        let name = reference
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
            .expect("a report is a definition of its own")
            .to_string();
        let definition = generator
            .definitions_mut()
            .get_mut(&name)
            .and_then(Value::as_object_mut)
            .expect("its definition is there");
        definition["properties"]["experiment"] = json!({ "const": E::ID });
        definition.insert(
            "if".into(),
            json!({ "properties": { "status": { "const": "ok" } } }),
        );
        definition.insert("then".into(), figures.clone());
        reference.to_value()
    })
}

/// The whole schema: one report of each page, its own or CPython's.
pub fn report_schema() -> Value {
    let mut generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let reports: Vec<Value> = [
        reports_of::<GilExperiment>(&mut generator),
        reports_of::<KettleExperiment>(&mut generator),
        reports_of::<ProcessesExperiment>(&mut generator),
        reports_of::<LockExperiment>(&mut generator),
        reports_of::<SemaphoreExperiment>(&mut generator),
        reports_of::<ConditionExperiment>(&mut generator),
        reports_of::<CoroutineExperiment>(&mut generator),
        reports_of::<AsyncExperiment>(&mut generator),
    ]
    .into_iter()
    .flatten()
    .collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "A run of a page of the concurrency playground",
        "description": "What a page writes into data-testid=\"result-json\" (env: the browser), and what a Python file beside it prints with --json (env: the interpreter), which the page opens as a CPython run. Made from the report types (src/experiments/schema.rs); do not edit by hand.",
        "oneOf": reports,
        "$defs": generator.take_definitions(true),
    })
}

/// The schema as it is checked in: pretty, with a final newline.
pub fn report_schema_text() -> String {
    serde_json::to_string_pretty(&report_schema()).expect("a schema is JSON") + "\n"
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_checked_in_schema_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(PATH);
        let made = report_schema_text();
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(&path, &made).unwrap();
        }
        let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            checked_in == made,
            "{PATH} is stale: the report types changed. Run `UPDATE_SCHEMA=1 cargo test schema` and commit it."
        );
    }

    #[test]
    fn every_page_with_python_has_both_reports() {
        let schema = report_schema();
        let reports = schema["oneOf"].as_array().unwrap();
        assert_eq!(reports.len(), 16);
        let defs = schema["$defs"].as_object().unwrap();
        let consts: Vec<&str> = reports
            .iter()
            .map(|r| {
                let name = r["$ref"].as_str().unwrap().trim_start_matches("#/$defs/");
                defs[name]["properties"]["experiment"]["const"]
                    .as_str()
                    .unwrap()
            })
            .collect();
        for id in [
            "gil",
            "kettle",
            "processes",
            "lock",
            "semaphore",
            "condition",
            "coroutine",
            "async",
        ] {
            assert_eq!(consts.iter().filter(|c| **c == id).count(), 2, "{id}");
        }
        // The lock page's parameters, with their ranges.
        assert_eq!(
            defs["LockParams"]["properties"]["threads"],
            json!({ "type": "integer", "minimum": 1, "maximum": 256 })
        );
    }
}
