//! Timelines: what each thread did, and when, on the one shared clock.
//!
//! A [`Span`] is one stretch of one lane (a thread, or "sequential") in one
//! state. Reports carry spans as their `timeline`; the UI draws them.

use serde::Serialize;

/// What a lane was doing during a span.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Computing.
    Running,
}

/// One stretch of one lane in one state, in ms from the start of the run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Span {
    pub lane: String,
    pub start_ms: f64,
    pub end_ms: f64,
    pub state: State,
}

impl Span {
    /// A span from two readings of the shared clock, made relative to `origin_ms`.
    pub fn between(
        lane: impl Into<String>,
        origin_ms: f64,
        start: f64,
        end: f64,
        state: State,
    ) -> Self {
        Span {
            lane: lane.into(),
            start_ms: start - origin_ms,
            end_ms: end - origin_ms,
            state,
        }
    }
}
