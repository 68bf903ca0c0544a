//! A timeline (Gantt chart): one row per lane, one bar per span, on a
//! shared time axis. Drawn as SVG with a fixed viewBox that scales with the
//! page; every bar carries a tooltip with its exact times.

use super::super::plot_axis::{format_ms, nice_ticks};
use crate::i18n::Lang;
use crate::timeline::{LaneWord, Span, StateWord};
use yew::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub label: String,
    /// (start ms, end ms, the state's key)
    pub spans: Vec<(f64, f64, &'static str)>,
}

/// One row per lane, in the order the lanes first appear: `spans` gives
/// each span's lane (anything that tells lanes apart), times and state;
/// `label` names a lane on screen.
pub fn rows<K: PartialEq, S: StateWord>(
    spans: impl IntoIterator<Item = (K, f64, f64, S)>,
    label: impl Fn(&K) -> String,
) -> Vec<Row> {
    let mut rows: Vec<(K, Row)> = Vec::new();
    for (lane, start, end, state) in spans {
        let bar = (start, end, state.key());
        match rows.iter_mut().find(|(k, _)| *k == lane) {
            Some((_, row)) => row.spans.push(bar),
            None => {
                let row = Row {
                    label: label(&lane),
                    spans: vec![bar],
                };
                rows.push((lane, row));
            }
        }
    }
    rows.into_iter().map(|(_, row)| row).collect()
}

/// One row per lane of `spans`, named by the lanes themselves.
pub fn span_rows<L: LaneWord, S: StateWord>(spans: &[Span<L, S>], lang: Lang) -> Vec<Row> {
    rows(
        spans
            .iter()
            .map(|s| (s.lane.clone(), s.start_ms, s.end_ms, s.state)),
        |lane| lane.label(lang),
    )
}

/// The legend: the states that occur, in their vocabulary's order.
pub fn legend<S: StateWord>(
    states: impl IntoIterator<Item = S>,
    lang: Lang,
) -> Vec<(&'static str, String)> {
    let present: Vec<S> = states.into_iter().collect();
    S::ALL
        .iter()
        .filter(|state| present.contains(state))
        .map(|state| (state.key(), state.label(lang).to_string()))
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub rows: Vec<Row>,
    /// Accessible name of the figure.
    pub title: AttrValue,
    pub axis_label: AttrValue,
    /// Legend: each state shown (its key), with its name.
    pub legend: Vec<(&'static str, String)>,
    /// Vertical lines at these times, labelled (an event: "notify").
    #[prop_or_default]
    pub markers: Vec<(f64, String)>,
}

const WIDTH: f64 = 800.0;
/// The narrowest label column; it grows to fit the longest label.
const MIN_LABEL_W: f64 = 110.0;
/// A row's height; with many rows they shrink so the chart stays on screen.
const ROW_H: f64 = 22.0;
const MAX_ROWS_H: f64 = 560.0;
const TOP: f64 = 8.0;
const AXIS_H: f64 = 40.0;

/// The CSS class of a state's bars.
fn state_class(key: &str) -> String {
    format!("st-{key}")
}

#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let end = props
        .rows
        .iter()
        .flat_map(|r| r.spans.iter().map(|s| s.1))
        .fold(0.0_f64, f64::max);
    let start = props
        .rows
        .iter()
        .flat_map(|r| r.spans.iter().map(|s| s.0))
        .fold(end, f64::min)
        .min(0.0);
    let ticks = nice_ticks(start, end.max(start + 1e-3), 6);
    let (lo, hi) = (
        ticks.first().copied().unwrap_or(start),
        ticks.last().copied().unwrap_or(end),
    );
    // About 6.5 units per Latin letter, 12 per Chinese character.
    let text_width = |text: &str| {
        text.chars()
            .map(|c| if c.is_ascii() { 6.5 } else { 12.0 })
            .sum::<f64>()
    };
    let label_w = props
        .rows
        .iter()
        .map(|r| text_width(&r.label) + 12.0)
        .fold(MIN_LABEL_W, f64::max)
        .min(WIDTH / 2.0);
    let plot_w = WIDTH - label_w - 10.0;
    let x = |t: f64| label_w + (t - lo) / (hi - lo).max(1e-9) * plot_w;
    let row_h = ROW_H
        .min(MAX_ROWS_H / props.rows.len().max(1) as f64)
        .max(3.0);
    // Label every row while labels fit; else every n-th.
    let label_every = (12.0 / row_h).ceil().max(1.0) as usize;
    let height = TOP + props.rows.len() as f64 * row_h + AXIS_H;
    let axis_y = TOP + props.rows.len() as f64 * row_h;

    html! {
        <figure class="plot timeline">
            <svg viewBox={format!("0 0 {WIDTH} {height}")} role="img" aria-label={props.title.clone()}>
                { for ticks.iter().map(|&t| html! {
                    <g class="tick">
                        <line x1={x(t).to_string()} x2={x(t).to_string()} y1={TOP.to_string()} y2={axis_y.to_string()} />
                        <text x={x(t).to_string()} y={(axis_y + 14.0).to_string()} text-anchor="middle">{ format_ms(t) }</text>
                    </g>
                }) }
                <text class="axis-label" x={(label_w + plot_w / 2.0).to_string()} y={(axis_y + 32.0).to_string()}
                    text-anchor="middle">{ props.axis_label.clone() }</text>
                { for props.rows.iter().enumerate().map(|(i, row)| {
                    let y = TOP + i as f64 * row_h;
                    let gap = if row_h >= 10.0 { 3.0 } else { row_h * 0.1 };
                    html! {
                        <g class="lane" tabindex="0">
                            if i % label_every == 0 {
                                <text class="lane-label" x={(label_w - 6.0).to_string()} y={(y + row_h.max(12.0) * 0.68).to_string()}
                                    text-anchor="end">{ &row.label }</text>
                            }
                            { for row.spans.iter().map(|&(s, e, state)| {
                                let width = (x(e) - x(s)).max(1.0);
                                html! {
                                    <rect class={state_class(state)} x={x(s).to_string()} y={(y + gap).to_string()}
                                        width={width.to_string()} height={(row_h - 2.0 * gap).max(1.0).to_string()}>
                                        <title>{ format!("{}: {} – {} ms", row.label, format_ms(s), format_ms(e)) }</title>
                                    </rect>
                                }
                            }) }
                        </g>
                    }
                }) }
                { for props.markers.iter().map(|(t, label)| html! {
                    <g class="marker">
                        <line x1={x(*t).to_string()} x2={x(*t).to_string()} y1={(TOP - 4.0).to_string()} y2={axis_y.to_string()} />
                        <text x={(x(*t) + 4.0).to_string()} y={(TOP + 8.0).to_string()}>{ label }</text>
                    </g>
                }) }
            </svg>
            <figcaption class="legend">
                { for props.legend.iter().map(|(state, name)| html! {
                    <span class="key"><svg viewBox="0 0 12 12" aria-hidden="true"><rect class={state_class(state)} width="12" height="12" /></svg>{ name }</span>
                }) }
            </figcaption>
        </figure>
    }
}
