//! The page contract (docs/contract.md, linked from the README) documents
//! every report: a table of the fields every report has, and one per
//! experiment. These tests hold the tables and the reports
//! the code writes to each other: a field added to one but not the other
//! fails.

use super::{
    async_await, condition, coroutine, gil, kettle, lock, params_of, processes, run_report,
    semaphore, system, Experiment, Report, RunContext, Status,
};
use crate::runtime::env;
use std::collections::BTreeSet;

const README: &str = include_str!("../../docs/contract.md");

/// The fields of the first table after `heading` in the README: every
/// `name` in backticks in each row's first cell; the ones said to be
/// sometimes absent (or present only sometimes) come back apart.
fn documented(heading: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let start = README
        .find(heading)
        .unwrap_or_else(|| panic!("the README has no {heading}"));
    let table = README[start..]
        .lines()
        .skip_while(|l| !l.starts_with("| field |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'));
    let (mut always, mut sometimes) = (BTreeSet::new(), BTreeSet::new());
    for row in table {
        let mut cells = row.split('|').skip(1);
        let (first, meaning) = (cells.next().unwrap_or(""), cells.next().unwrap_or(""));
        let optional = ["absent", "present when", "when sequential ran", "(gil:"]
            .iter()
            .any(|w| meaning.contains(w));
        for name in first.split('`').skip(1).step_by(2) {
            if optional {
                sometimes.insert(name.to_string());
            } else {
                always.insert(name.to_string());
            }
        }
    }
    assert!(!always.is_empty(), "no table after {heading}");
    (always, sometimes)
}

fn keys(json: &serde_json::Value) -> BTreeSet<String> {
    json.as_object()
        .expect("an object")
        .keys()
        .cloned()
        .collect()
}

/// A report's own fields (the common ones taken away) against its table.
fn check(id: &str, report: serde_json::Value) {
    let (common, _) = documented("Every report has:");
    let own: BTreeSet<String> = keys(&report).difference(&common).cloned().collect();
    let (always, sometimes) = documented(&format!("**`{id}`**"));
    let missing: Vec<_> = always.difference(&own).collect();
    let undocumented: Vec<_> = own
        .difference(&always)
        .filter(|k| !sometimes.contains(*k))
        .collect();
    assert!(
        missing.is_empty() && undocumented.is_empty(),
        "{id}: the README lists {missing:?} that the report lacks; the report has {undocumented:?} that the README lacks"
    );
}

fn report_of<E: Experiment>(query: &str) -> serde_json::Value {
    let params = params_of::<E>(query);
    let report = crate::runtime::executor::block_on(run_report::<E>(params, RunContext::quiet()));
    assert_eq!(report.status, Status::Ok, "{:?}", report.error);
    serde_json::from_str(&report.to_json()).unwrap()
}

#[test]
fn the_common_fields_are_the_readmes() {
    let report = report_of::<coroutine::CoroutineExperiment>("items=1");
    let (common, sometimes) = documented("Every report has:");
    for field in &common {
        assert!(report.get(field).is_some(), "the report lacks {field}");
    }
    assert!(
        sometimes.contains("error"),
        "`error` is present only on errors"
    );
    for field in ["cross_origin_isolated", "hardware_concurrency"] {
        assert!(report["env"].get(field).is_some(), "env lacks {field}");
    }
}

#[test]
fn every_experiments_fields_are_the_readmes() {
    check(
        "system",
        report_of::<system::SystemExperiment>("n=15&repeat=1&threads=2"),
    );
    check(
        "gil",
        report_of::<gil::GilExperiment>("n=20&threads=2&modes=sequential,gil,free"),
    );
    check(
        "lock",
        report_of::<lock::LockExperiment>("threads=3&sleep_ms=0"),
    );
    check(
        "semaphore",
        report_of::<semaphore::SemaphoreExperiment>("threads=3&max_hold_ms=1&seed=1"),
    );
    check(
        "condition",
        report_of::<condition::ConditionExperiment>(
            "consumers=1&consumer_start_ms=0&producer_delay_ms=10&timeout_ms=1000",
        ),
    );
    check(
        "kettle",
        report_of::<kettle::KettleExperiment>(
            "boil_minutes=1&check_every_minutes=1&ms_per_minute=20",
        ),
    );
    check(
        "coroutine",
        report_of::<coroutine::CoroutineExperiment>("items=2"),
    );
    check(
        "async",
        report_of::<async_await::AsyncExperiment>("tasks=1&unit_ms=1"),
    );
}

/// Processes need a browser; their report is built here from its type,
/// which names every field.
#[test]
fn the_processes_fields_are_the_readmes() {
    use processes::{Isolation, ProcessesFigures, SpawnCost, Started};
    let figures = ProcessesFigures {
        value: 1,
        runs: Vec::new(),
        spawn: vec![SpawnCost {
            mode: Started::Threads,
            cold_ms: 1.0,
            warm_ms: 1.0,
        }],
        isolation: Isolation {
            increments: 1,
            thread_counter: 1,
            process_counter_in_parent: 0,
            process_counter_in_child: 1,
        },
        timeline: Vec::new(),
        fib_ms: 1.0,
        break_even_n: Some(30),
    };
    let report = Report {
        experiment: "processes",
        params: params_of::<processes::ProcessesExperiment>(""),
        status: Status::Ok,
        error: None,
        elapsed_ms: 1.0,
        env: env::env(),
        warm_workers: 0,
        figures: Some(figures),
    };
    check(
        "processes",
        serde_json::from_str(&report.to_json()).unwrap(),
    );
}
