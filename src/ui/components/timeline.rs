//! A timeline (Gantt chart): one row per lane, one bar per span, on a
//! shared time axis. Drawn as SVG with a fixed viewBox that scales with the
//! page; every bar carries a tooltip with its exact times.
//!
//! A time cursor replays the recorded run: drag it, step from event to
//! event with ← → (Home/End for the ends), or press Play. At the cursor the
//! page says, in words and numbers, which lanes are in which state, and
//! whatever the page adds (`describe`).

use super::super::browser::Interval;
use super::super::lang::use_lang;
use super::super::plot_axis::{format_ms, nice_ticks, text_width};
use super::export::ExportButtons;
use super::plot_data::PlotData;
use crate::i18n::{Lang, Text};
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
    /// What else the page can say about the instant at the cursor (ms on
    /// this timeline's axis), computed from the report.
    #[prop_or_default]
    pub describe: Option<Callback<f64, Html>>,
}

/// Every instant something changes: each span's start and end, each
/// marker; sorted, without repeats.
fn event_times(rows: &[Row], markers: &[(f64, String)]) -> Vec<f64> {
    let mut times: Vec<f64> = rows
        .iter()
        .flat_map(|r| r.spans.iter().flat_map(|s| [s.0, s.1]))
        .chain(markers.iter().map(|m| m.0))
        .collect();
    times.sort_by(f64::total_cmp);
    times.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
    times
}

/// Lanes by state at `t`: for each state (in the legend's order) the
/// labels of the lanes whose span covers `t` (a span owns its start, not
/// its end, so that at a hand-over the lane has already moved on).
pub fn states_at(
    rows: &[Row],
    legend: &[(&'static str, String)],
    t: f64,
) -> Vec<(&'static str, Vec<String>)> {
    legend
        .iter()
        .map(|(state, _)| {
            let lanes = rows
                .iter()
                .filter(|r| {
                    r.spans
                        .iter()
                        .any(|&(s, e, k)| k == *state && s <= t && t < e)
                })
                .map(|r| r.label.clone())
                .collect();
            (*state, lanes)
        })
        .collect()
}

/// The rows with a span that starts or ends at `t`: what an event is
/// about.
fn changing_at(rows: &[Row], t: f64) -> Vec<usize> {
    rows.iter()
        .enumerate()
        .filter(|(_, r)| {
            r.spans
                .iter()
                .any(|&(s, e, _)| (s - t).abs() < 1e-9 || (e - t).abs() < 1e-9)
        })
        .map(|(i, _)| i)
        .collect()
}

/// Lanes named beside the cursor, at most.
const MAX_CURSOR_LABELS: usize = 6;

/// At most a few names, then how many more.
fn some_names(names: &[String], lang: Lang) -> String {
    const SHOWN: usize = 6;
    let mut text = names
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        text.push_str(&Text::CursorMore.fill(lang, &[("n", &(names.len() - SHOWN).to_string())]));
    }
    text
}

const WIDTH: f64 = 800.0;
/// The narrowest label column; it grows to fit the longest label.
const MIN_LABEL_W: f64 = 110.0;
/// A row's height; with many rows they shrink so the chart stays on screen.
const ROW_H: f64 = 22.0;
const MAX_ROWS_H: f64 = 560.0;
const TOP: f64 = 8.0;
const AXIS_H: f64 = 40.0;

/// A state's name on screen, from the legend (its key if it has none).
fn state_name(legend: &[(&'static str, String)], state: &str) -> String {
    legend
        .iter()
        .find(|(k, _)| *k == state)
        .map_or_else(|| state.to_string(), |(_, n)| n.clone())
}

/// The CSS class of a state's bars.
fn state_class(key: &str) -> String {
    format!("st-{key}")
}

#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let svg_ref = use_node_ref();
    let ctx = use_lang();
    let cursor = use_state(|| None::<f64>);
    let playing = use_state(|| false);
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
    let label_w = props
        .rows
        .iter()
        .map(|r| text_width(&r.label) + 12.0)
        .fold(MIN_LABEL_W, f64::max)
        .min(WIDTH / 2.0);
    // Room on the right for half of the last tick's label.
    let plot_w = WIDTH - label_w - 24.0;
    let x = |t: f64| label_w + (t - lo) / (hi - lo).max(1e-9) * plot_w;
    let row_h = ROW_H
        .min(MAX_ROWS_H / props.rows.len().max(1) as f64)
        .max(3.0);
    // Label every row while labels fit; else every n-th.
    let label_every = (12.0 / row_h).ceil().max(1.0) as usize;
    let height = TOP + props.rows.len() as f64 * row_h + AXIS_H;
    let axis_y = TOP + props.rows.len() as f64 * row_h;

    let events = event_times(&props.rows, &props.markers);
    let (first_event, last_event) = (
        events.first().copied().unwrap_or(lo),
        events.last().copied().unwrap_or(hi),
    );

    // Play: the whole run in about five seconds, from the cursor (or the
    // start), one frame every 30 ms; any other move stops it.
    {
        let (cursor, playing) = (cursor.clone(), playing.clone());
        use_effect_with(
            (*playing, first_event, last_event),
            move |&(on, first, last)| {
                let timer = on
                    .then(|| {
                        let from = match *cursor {
                            Some(t) if t < last => t,
                            _ => first,
                        };
                        let started = crate::clock::now_ms();
                        let per_ms = (last - first).max(1e-6) / 5000.0;
                        Interval::start(30, move || {
                            let t = from + (crate::clock::now_ms() - started) * per_ms;
                            if t >= last {
                                cursor.set(Some(last));
                                playing.set(false);
                            } else {
                                cursor.set(Some(t));
                            }
                        })
                    })
                    .flatten();
                move || drop(timer)
            },
        );
    }

    let onkeydown = {
        let (cursor, playing, events) = (cursor.clone(), playing.clone(), events.clone());
        Callback::from(move |e: KeyboardEvent| {
            let now = *cursor;
            let next = match e.key().as_str() {
                "ArrowRight" => match now {
                    None => events.first().copied(),
                    Some(t) => events.iter().copied().find(|&x| x > t + 1e-9).or(Some(t)),
                },
                "ArrowLeft" => match now {
                    None => events.first().copied(),
                    Some(t) => events
                        .iter()
                        .rev()
                        .copied()
                        .find(|&x| x < t - 1e-9)
                        .or(Some(t)),
                },
                "Home" => events.first().copied(),
                "End" => events.last().copied(),
                _ => return,
            };
            e.prevent_default();
            playing.set(false);
            cursor.set(next);
        })
    };
    // Dragging (or a click) puts the cursor where the pointer is.
    // (Yew delegates events to its root: the event's current target is not
    // this element, so it is found through a reference.)
    let area = use_node_ref();
    let at_pointer = {
        let (cursor, playing, area) = (cursor.clone(), playing.clone(), area.clone());
        move |e: &PointerEvent| {
            let Some(target) = area.cast::<web_sys::Element>() else {
                return;
            };
            let rect = target.get_bounding_client_rect();
            let x_svg = (f64::from(e.client_x()) - rect.left()) / rect.width().max(1.0) * WIDTH;
            let t = lo + (x_svg - label_w) / plot_w * (hi - lo);
            playing.set(false);
            cursor.set(Some(t.clamp(first_event, last_event)));
        }
    };
    let onpointerdown = {
        let at_pointer = at_pointer.clone();
        Callback::from(move |e: PointerEvent| at_pointer(&e))
    };
    let onpointermove = Callback::from(move |e: PointerEvent| {
        if e.buttons() & 1 == 1 {
            at_pointer(&e);
        }
    });
    let onplay = {
        let playing = playing.clone();
        Callback::from(move |_| playing.set(!*playing))
    };

    let lang = ctx.lang;
    let readout = cursor.map(|t| {
        let groups = states_at(&props.rows, &props.legend, t);
        let name = |state: &str| state_name(&props.legend, state);
        html! {
            <div class="cursor-readout" data-testid="cursor-readout" data-ms={t.to_string()}>
                <p><strong>{ Text::CursorAt.fill(lang, &[("ms", &format_ms(t))]) }</strong></p>
                <ul>
                    { for groups.iter().filter(|(_, lanes)| !lanes.is_empty()).map(|(state, lanes)| html! {
                        <li data-state={*state} data-count={lanes.len().to_string()}>
                            <span class="key"><svg viewBox="0 0 12 12" aria-hidden="true"><rect class={state_class(state)} width="12" height="12" /></svg>{ name(state) }</span>
                            { format!(": {} — {}", lanes.len(), some_names(lanes, lang)) }
                        </li>
                    }) }
                    if groups.iter().all(|(_, lanes)| lanes.is_empty()) {
                        <li>{ ctx.t(Text::CursorNothing) }</li>
                    }
                </ul>
                { props.describe.as_ref().map(|d| d.emit(t)).unwrap_or_default() }
            </div>
        }
    });
    let data_rows = props
        .rows
        .iter()
        .flat_map(|row| row.spans.iter().map(move |&span| (row, span)))
        .map(|(row, (s, e, state))| {
            vec![
                row.label.clone(),
                state_name(&props.legend, state),
                format_ms(s),
                format_ms(e),
            ]
        })
        .collect::<Vec<_>>();
    let valuetext = cursor
        .map(|t| Text::CursorAt.fill(lang, &[("ms", &format_ms(t))]))
        .unwrap_or_else(|| ctx.t(Text::CursorHint).to_string());

    html! {
        <figure class="plot timeline">
            <div class="cursor-area" ref={area} role="slider" tabindex="0" aria-label={format!("{} — {}", props.title, ctx.t(Text::CursorLabel))}
                aria-valuemin={format_ms(first_event)} aria-valuemax={format_ms(last_event)}
                aria-valuenow={format_ms(cursor.unwrap_or(first_event))} aria-valuetext={valuetext}
                {onkeydown} {onpointerdown} {onpointermove}>
            <svg ref={svg_ref.clone()} viewBox={format!("0 0 {WIDTH} {height}")} role="img" aria-label={props.title.clone()}>
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
                if let Some(t) = *cursor {
                    <line class="cursor" x1={x(t).to_string()} x2={x(t).to_string()} y1={(TOP - 6.0).to_string()} y2={(axis_y + 4.0).to_string()} />
                    // The lanes this instant is about, named beside the
                    // cursor: with many thin lanes, not every row has its
                    // label on the left.
                    { for changing_at(&props.rows, t).into_iter().take(MAX_CURSOR_LABELS).map(|i| {
                        let y = TOP + i as f64 * row_h + row_h / 2.0 + 4.0;
                        let (label_x, anchor) = if x(t) > label_w + plot_w * 0.7 {
                            (x(t) - 5.0, "end")
                        } else {
                            (x(t) + 5.0, "start")
                        };
                        html! {
                            <text class="cursor-lane" x={label_x.to_string()} y={y.to_string()} text-anchor={anchor}>{ &props.rows[i].label }</text>
                        }
                    }) }
                }
            </svg>
            </div>
            <div class="cursor-controls">
                <ExportButtons svg={svg_ref} title={props.title.clone()} />
                <button type="button" class="play" data-testid="cursor-play" onclick={onplay}>
                    { if *playing { ctx.t(Text::CursorPause) } else { ctx.t(Text::CursorPlay) } }
                </button>
                <span class="note">{ ctx.t(Text::CursorHint) }</span>
            </div>
            <div aria-live="polite">{ readout.unwrap_or_default() }</div>
            // The text alternative: a summary, and every span as a row.
            <PlotData summary={Text::PlotSummary.fill(lang, &[
                    ("lanes", &props.rows.len().to_string()),
                    ("spans", &props.rows.iter().map(|r| r.spans.len()).sum::<usize>().to_string()),
                    ("from", &format_ms(first_event)), ("to", &format_ms(last_event)),
                ])}
                columns={[Text::PlotLane, Text::PlotState, Text::PlotFrom, Text::PlotTo].map(|c| ctx.t(c).to_string()).to_vec()}
                rows={data_rows} />
            <figcaption class="legend">
                { for props.legend.iter().map(|(state, name)| html! {
                    <span class="key"><svg viewBox="0 0 12 12" aria-hidden="true"><rect class={state_class(state)} width="12" height="12" /></svg>{ name }</span>
                }) }
            </figcaption>
        </figure>
    }
}
