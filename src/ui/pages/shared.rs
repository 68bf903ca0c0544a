//! What the pages share: names of modes and lanes, and spans as timeline
//! rows.

use crate::experiments::fib_modes::{Mode, ModeSpan};
use crate::i18n::{Lang, Text};
use crate::trace::{Span, State};
use crate::ui::components::timeline::Row;

pub fn mode_name(mode: Mode, lang: Lang) -> &'static str {
    match mode {
        Mode::Sequential => Text::ModeSequential,
        Mode::Gil => Text::ModeGil,
        Mode::Free => Text::ModeFree,
        Mode::Threads => Text::ModeThreads,
        Mode::Processes => Text::ModeProcesses,
    }
    .get(lang)
}

/// "thread 2" → "线程 2"; "process 1" → "进程 1".
pub fn lane_name(lane: &str, lang: Lang) -> String {
    if let Some(rest) = lane.strip_prefix("sequential: ") {
        return format!(
            "{}{}",
            Text::LaneSequentialPrefix.get(lang),
            lane_name(rest, lang)
        );
    }
    for case in crate::experiments::kettle::Case::ALL {
        let name = super::kettle::case_name(case, lang);
        if let Some(who) = lane.strip_prefix(case.name()) {
            return match who {
                ": kettle" => Text::LaneKettle.fill(lang, &[("case", name)]),
                _ => Text::LanePerson.fill(lang, &[("case", name)]),
            };
        }
    }
    if let Some(i) = lane.strip_prefix("task ") {
        return Text::LaneTask.fill(lang, &[("i", i)]);
    }
    if lane == "event loop" {
        return Text::LaneEventLoop.get(lang).to_string();
    }
    if let Some(i) = lane.strip_prefix("thread ") {
        Text::LaneThread.fill(lang, &[("i", i)])
    } else if let Some(i) = lane.strip_prefix("process ") {
        Text::LaneProcess.fill(lang, &[("i", i)])
    } else if let Some(i) = lane.strip_prefix("consumer ") {
        Text::LaneConsumer.fill(lang, &[("i", i)])
    } else if lane == "producer" {
        Text::LaneProducer.get(lang).to_string()
    } else if lane == "sequential" {
        Text::LaneSequential.get(lang).to_string()
    } else {
        lane.to_string()
    }
}

/// One row per (mode, lane), in the order they first appear.
pub fn rows(spans: &[ModeSpan], lang: Lang) -> Vec<Row> {
    let mut rows: Vec<(Mode, String, Row)> = Vec::new();
    for span in spans {
        let bar = (span.start_ms, span.end_ms, span.state);
        match rows
            .iter_mut()
            .find(|(m, l, _)| *m == span.mode && *l == span.lane)
        {
            Some((_, _, row)) => row.spans.push(bar),
            None => rows.push((
                span.mode,
                span.lane.clone(),
                Row {
                    label: Text::LaneOfMode.fill(
                        lang,
                        &[
                            ("mode", mode_name(span.mode, lang)),
                            ("lane", &lane_name(&span.lane, lang)),
                        ],
                    ),
                    spans: vec![bar],
                },
            )),
        }
    }
    rows.into_iter().map(|(_, _, row)| row).collect()
}

/// One row per lane, in the order they first appear.
pub fn span_rows(spans: &[Span], lang: Lang) -> Vec<Row> {
    let mut rows: Vec<(String, Row)> = Vec::new();
    for span in spans {
        let bar = (span.start_ms, span.end_ms, span.state);
        match rows.iter_mut().find(|(lane, _)| *lane == span.lane) {
            Some((_, row)) => row.spans.push(bar),
            None => rows.push((
                span.lane.clone(),
                Row {
                    label: lane_name(&span.lane, lang),
                    spans: vec![bar],
                },
            )),
        }
    }
    rows.into_iter().map(|(_, row)| row).collect()
}

/// The legend entries for the states that occur in `states`.
pub fn legend(states: impl IntoIterator<Item = State>, lang: Lang) -> Vec<(State, String)> {
    let present: Vec<State> = states.into_iter().collect();
    [
        (State::Running, Text::StateRunning),
        (State::HoldingGil, Text::StateHoldingGil),
        (State::Holding, Text::StateHolding),
        (State::ReadWrite, Text::StateReadWrite),
        (State::Waiting, Text::StateWaiting),
        (State::Sleeping, Text::StateSleeping),
        (State::Starting, Text::StateStarting),
        (State::WatchingTv, Text::StateWatchingTv),
        (State::Checking, Text::StateChecking),
        (State::Heating, Text::StateHeating),
        (State::Boiled, Text::StateBoiled),
        (State::Whistling, Text::StateWhistling),
    ]
    .into_iter()
    .filter(|(state, _)| present.contains(state))
    .map(|(state, text)| (state, text.get(lang).to_string()))
    .collect()
}
