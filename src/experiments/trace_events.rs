//! A run as a trace: Chrome's trace event format (the JSON that
//! ui.perfetto.dev, chrome://tracing and the Firefox Profiler open), made
//! from any report, the page's own or a CPython run's.
//!
//! - Every lane of the timeline is a thread: a `thread_name` and a
//!   `thread_sort_index` metadata event, in the order the report has them.
//!   The GIL and processes pages run each mode from its own start, so each
//!   mode is a process of its own (`process_name`).
//! - Every span is a complete event (`ph: "X"`): its state is its name
//!   and category, `ts` and `dur` in µs.
//! - What happened at an instant, where the report says (a write of the
//!   lock's counter, a semaphore's acquire and release, a notify, a
//!   consumer woken), is an instant event (`ph: "i"`).
//! - A hand-over the report knows, from one lane's hold to the next
//!   lane's (the GIL's, a Lock's), is a flow (`ph: "s"` → `ph: "f"`).

use serde_json::{json, Map, Value};

/// The states whose spans are holds of one thing at a time: the end of
/// one and the start of the next on another lane is a hand-over.
fn exclusive_state(report: &Value) -> Option<&'static str> {
    match report.get("experiment")?.as_str()? {
        "gil" | "processes" => Some("holding_gil"),
        "lock" if report["params"]["use_lock"] == json!(true) => Some("read_write"),
        _ => None,
    }
}

/// One lane: its process (a mode, or the run) and its name.
#[derive(Clone, PartialEq)]
struct Lane {
    mode: Option<String>,
    name: String,
}

fn text(value: &Value) -> Option<String> {
    value.as_str().map(str::to_string)
}

fn us(ms: f64) -> f64 {
    // To the nanosecond: µs with three decimals, as the reports' ms are.
    (ms * 1_000_000.0).round() / 1000.0
}

/// The trace of `report`; `run` names it (the process name: "This page
/// (Chromium 156)", "CPython 3.13.1").
pub fn chrome_trace(report: &Value, run: &str) -> Value {
    let spans: Vec<&Value> = report
        .get("timeline")
        .and_then(Value::as_array)
        .map(|spans| spans.iter().collect())
        .unwrap_or_default();
    let lane_of = |span: &Value| Lane {
        mode: span.get("mode").and_then(text),
        name: span.get("lane").and_then(text).unwrap_or_default(),
    };
    let mut lanes: Vec<Lane> = Vec::new();
    for span in &spans {
        let lane = lane_of(span);
        if !lanes.contains(&lane) {
            lanes.push(lane);
        }
    }
    let mut modes: Vec<Option<String>> = Vec::new();
    for lane in &lanes {
        if !modes.contains(&lane.mode) {
            modes.push(lane.mode.clone());
        }
    }
    if modes.is_empty() {
        modes.push(None);
    }
    let pid = |mode: &Option<String>| modes.iter().position(|m| m == mode).unwrap_or(0) + 1;
    let tid = |lane: &Lane| lanes.iter().position(|l| l == lane).unwrap_or(0) + 1;
    let mut events = Vec::new();
    for mode in &modes {
        let name = match mode {
            Some(mode) => format!("{run} · {mode}"),
            None => run.to_string(),
        };
        events.push(json!({ "name": "process_name", "ph": "M", "pid": pid(mode), "tid": 0, "args": { "name": name } }));
        events.push(json!({ "name": "process_sort_index", "ph": "M", "pid": pid(mode), "tid": 0, "args": { "sort_index": pid(mode) } }));
    }
    for lane in &lanes {
        let (pid, tid) = (pid(&lane.mode), tid(lane));
        events.push(json!({ "name": "thread_name", "ph": "M", "pid": pid, "tid": tid, "args": { "name": lane.name } }));
        events.push(json!({ "name": "thread_sort_index", "ph": "M", "pid": pid, "tid": tid, "args": { "sort_index": tid } }));
    }
    let time = |span: &Value, key: &str| span.get(key).and_then(Value::as_f64).unwrap_or(0.0);
    for span in &spans {
        let lane = lane_of(span);
        let state = span.get("state").and_then(text).unwrap_or_default();
        let (start, end) = (time(span, "start_ms"), time(span, "end_ms"));
        events.push(json!({
            "name": state, "cat": state, "ph": "X",
            "ts": us(start), "dur": us(end - start),
            "pid": pid(&lane.mode), "tid": tid(&lane),
            "args": { "lane": lane.name },
        }));
    }
    // Instants, on the lane they happened in.
    let mut instant = |name: String, lane: Lane, at_ms: f64| {
        if lanes.contains(&lane) {
            events.push(json!({
                "name": name, "cat": "instant", "ph": "i", "s": "t",
                "ts": us(at_ms), "pid": pid(&lane.mode), "tid": tid(&lane),
            }));
        }
    };
    let plain = |name: &str| Lane {
        mode: None,
        name: name.to_string(),
    };
    let list = |key: &str| {
        report
            .get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    for write in list("writes") {
        let lane = plain(write["lane"].as_str().unwrap_or_default());
        instant(
            format!("write {}", write["value"]),
            lane,
            time(&write, "at_ms"),
        );
    }
    for line in list("log") {
        let lane = plain(&format!("thread {}", line["thread"]));
        let name = line["text"].as_str().unwrap_or_default().to_string();
        instant(name, lane, time(&line, "t_ms"));
    }
    if let Some(notify_ms) = report.get("notify_ms").and_then(Value::as_f64) {
        instant("notify".into(), plain("producer"), notify_ms);
    }
    for consumer in list("consumers") {
        if let Some(woke) = consumer.get("woke_ms").and_then(Value::as_f64) {
            instant(
                "woken".into(),
                plain(&format!("consumer {}", consumer["id"])),
                woke,
            );
        }
    }
    // Hand-overs: in each mode, the holds in time order; one lane's hold
    // followed by another's.
    if let Some(state) = exclusive_state(report) {
        let mut id = 0;
        for mode in &modes {
            let mut holds: Vec<&Value> = spans
                .iter()
                .copied()
                .filter(|s| s.get("state").and_then(Value::as_str) == Some(state))
                .filter(|s| lane_of(s).mode == *mode)
                .collect();
            holds.sort_by(|a, b| time(a, "start_ms").total_cmp(&time(b, "start_ms")));
            for pair in holds.windows(2) {
                let (from, to) = (lane_of(pair[0]), lane_of(pair[1]));
                if from == to {
                    continue;
                }
                id += 1;
                let (start, end) = (time(pair[0], "start_ms"), time(pair[0], "end_ms"));
                // Inside the hold that lets go, so that it binds to it.
                let leave = (end - 0.001).max((start + end) / 2.0);
                let pid = pid(mode);
                events.push(json!({ "name": "hand-over", "cat": "hand-over", "ph": "s", "id": id, "ts": us(leave), "pid": pid, "tid": tid(&from) }));
                events.push(json!({ "name": "hand-over", "cat": "hand-over", "ph": "f", "bp": "e", "id": id, "ts": us(time(pair[1], "start_ms")), "pid": pid, "tid": tid(&to) }));
            }
        }
    }
    let mut other = Map::new();
    for key in ["experiment", "params", "status", "env"] {
        if let Some(value) = report.get(key) {
            other.insert(key.into(), value.clone());
        }
    }
    json!({ "traceEvents": events, "displayTimeUnit": "ms", "otherData": other })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn events<'a>(trace: &'a Value, ph: &str) -> Vec<&'a Value> {
        trace["traceEvents"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["ph"] == ph)
            .collect()
    }

    #[test]
    fn a_lock_run_is_lanes_spans_writes_and_hand_overs() {
        let report = json!({
            "experiment": "lock",
            "params": { "threads": 2, "sleep_ms": 1, "use_lock": true },
            "status": "ok",
            "timeline": [
                { "lane": "thread 1", "start_ms": 0.5, "end_ms": 1.5, "state": "read_write" },
                { "lane": "thread 2", "start_ms": 0.5, "end_ms": 1.5, "state": "waiting" },
                { "lane": "thread 2", "start_ms": 1.5, "end_ms": 2.5, "state": "read_write" },
            ],
            "writes": [
                { "lane": "thread 1", "at_ms": 1.5, "value": 1 },
                { "lane": "thread 2", "at_ms": 2.5, "value": 2 },
            ],
        });
        let trace = chrome_trace(&report, "CPython 3.13.1");
        let names: Vec<_> = events(&trace, "M")
            .iter()
            .filter(|e| e["name"] == "thread_name")
            .map(|e| (e["tid"].clone(), e["args"]["name"].clone()))
            .collect();
        assert_eq!(
            names,
            [(json!(1), json!("thread 1")), (json!(2), json!("thread 2"))]
        );
        let spans = events(&trace, "X");
        assert_eq!(spans.len(), 3);
        assert_eq!(spans[2]["ts"], 1500.0);
        assert_eq!(spans[2]["dur"], 1000.0);
        assert_eq!(spans[2]["name"], "read_write");
        assert_eq!(spans[2]["tid"], 2);
        let writes: Vec<_> = events(&trace, "i")
            .iter()
            .map(|e| e["name"].clone())
            .collect();
        assert_eq!(writes, ["write 1", "write 2"]);
        // Thread 1's release to thread 2's acquire.
        let (from, to) = (events(&trace, "s"), events(&trace, "f"));
        assert_eq!((from.len(), to.len()), (1, 1));
        assert_eq!(
            (from[0]["tid"].clone(), to[0]["tid"].clone()),
            (json!(1), json!(2))
        );
        assert_eq!(from[0]["id"], to[0]["id"]);
        assert!(
            from[0]["ts"].as_f64().unwrap() < 1500.0 && from[0]["ts"].as_f64().unwrap() > 500.0
        );
        assert_eq!(to[0]["ts"], 1500.0);
        // Without the lock there is nothing to hand over.
        let mut free = report.clone();
        free["params"]["use_lock"] = json!(false);
        assert!(events(&chrome_trace(&free, "x"), "s").is_empty());
    }

    #[test]
    fn each_mode_is_a_process_and_the_gil_hands_over_within_it() {
        let span = |mode: &str, lane: &str, state: &str, start: f64, end: f64| json!({ "lane": lane, "mode": mode, "state": state, "start_ms": start, "end_ms": end });
        let report = json!({
            "experiment": "gil",
            "timeline": [
                span("sequential", "sequential", "running", 0.0, 10.0),
                span("gil", "thread 1", "holding_gil", 0.0, 5.0),
                span("gil", "thread 2", "waiting", 0.0, 5.0),
                span("gil", "thread 2", "holding_gil", 5.0, 10.0),
                span("gil", "thread 1", "holding_gil", 10.0, 12.0),
            ],
        });
        let trace = chrome_trace(&report, "CPython 3.11.7");
        let processes: Vec<_> = events(&trace, "M")
            .iter()
            .filter(|e| e["name"] == "process_name")
            .map(|e| e["args"]["name"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(
            processes,
            ["CPython 3.11.7 · sequential", "CPython 3.11.7 · gil"]
        );
        assert_eq!(events(&trace, "s").len(), 2);
        assert!(events(&trace, "X")
            .iter()
            .all(|e| e["dur"].as_f64().unwrap() >= 0.0));
    }
}
