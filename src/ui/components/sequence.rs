//! A sequence diagram of two parties on one thread: a lifeline each, every
//! printed line on its party's side, and an arrow wherever control passes
//! from one to the other (`send` one way, `yield` the other).
//!
//! A cursor steps through the printed lines (click one, or ↑ ↓ ← →,
//! Home/End, or Replay) and says which line of the post's program each
//! side is on at that moment, worked out from the recorded lines.

use super::super::browser::Interval;
use super::super::lang::use_lang;
use super::super::plot_axis::text_width;
use super::export::ExportButtons;
use super::plot_data::PlotData;
use crate::experiments::coroutine::{places, Doing, Line, Place, Side};
use crate::i18n::{Lang, Text};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SequenceProps {
    pub lines: Vec<Line>,
    pub title: AttrValue,
    /// The two parties' names.
    pub producer: AttrValue,
    pub consumer: AttrValue,
    /// Keep the cursor on the newest line as lines come (stepping).
    #[prop_or_default]
    pub follow: bool,
}

const WIDTH: f64 = 800.0;
const TOP: f64 = 34.0;
const ROW: f64 = 22.0;
/// Between a lifeline and its text, and between text and the edge.
const PAD: f64 = 10.0;

/// The lifelines as far apart as the printed lines allow: the producer's
/// text to the left of its line, the consumer's to the right of its own,
/// and no text past the edge.
fn lifelines(lines: &[Line], producer: &str, consumer: &str) -> (f64, f64) {
    let widest = |side: Side, name: &str| {
        lines
            .iter()
            .filter(|l| l.side == side)
            .map(|l| text_width(&l.text))
            .fold(text_width(name) / 2.0, f64::max)
    };
    let producer_x = (PAD + widest(Side::Producer, producer) + PAD).min(WIDTH / 2.0 - 60.0);
    let consumer_x = (WIDTH - PAD - widest(Side::Consumer, consumer) - PAD).max(WIDTH / 2.0 + 60.0);
    (producer_x, consumer_x)
}

fn doing_text(doing: Doing) -> Text {
    match doing {
        Doing::Printing => Text::SeqPrinting,
        Doing::InSend => Text::SeqInSend,
        Doing::AtYield => Text::SeqAtYield,
        Doing::NotStarted => Text::SeqNotStarted,
        Doing::Closed => Text::SeqClosed,
    }
}

fn doing_key(doing: Doing) -> &'static str {
    match doing {
        Doing::Printing => "printing",
        Doing::InSend => "in_send",
        Doing::AtYield => "at_yield",
        Doing::NotStarted => "not_started",
        Doing::Closed => "closed",
    }
}

/// A side's place, in the table: "coroutine.py line 14 `code` (what it
/// does)", or only what it does when it is on no line.
fn line_cell(place: Place, lang: Lang) -> String {
    let doing = doing_text(place.doing).get(lang);
    match place.line {
        Some((n, code)) => format!(
            "{} {code} ({doing})",
            Text::SeqLineNo.fill(lang, &[("line", &n.to_string())])
        ),
        None => doing.to_string(),
    }
}

#[function_component(Sequence)]
pub fn sequence(props: &SequenceProps) -> Html {
    let svg_ref = use_node_ref();
    let ctx = use_lang();
    let lang = ctx.lang;
    let count = props.lines.len();
    // The printed line at the cursor (None: no cursor yet).
    let cursor = use_state(|| None::<usize>);
    let playing = use_state(|| false);
    let at = cursor.filter(|&i| i < count);
    {
        let cursor = cursor.clone();
        use_effect_with((props.follow, count), move |&(follow, count)| {
            if follow && count > 0 {
                cursor.set(Some(count - 1));
            }
        });
    }
    let (producer_x, consumer_x) = lifelines(&props.lines, &props.producer, &props.consumer);
    let x_of = |side: Side| match side {
        Side::Producer => producer_x,
        Side::Consumer => consumer_x,
    };
    let height = TOP + (props.lines.len() as f64 + 1.0) * ROW;
    let arrows = props
        .lines
        .windows(2)
        .enumerate()
        .filter(|(_, pair)| pair[0].side != pair[1].side);
    // Replay: one line every 400 ms from the cursor (or the start).
    {
        let (cursor, playing) = (cursor.clone(), playing.clone());
        use_effect_with((*playing, count), move |&(on, count)| {
            let timer = (on && count > 0)
                .then(|| {
                    let mut next = match *cursor {
                        Some(i) if i + 1 < count => i,
                        _ => 0,
                    };
                    cursor.set(Some(next));
                    Interval::start(400, move || {
                        next += 1;
                        if next + 1 >= count {
                            cursor.set(Some(count - 1));
                            playing.set(false);
                        } else {
                            cursor.set(Some(next));
                        }
                    })
                })
                .flatten();
            move || drop(timer)
        });
    }
    let onkeydown = {
        let (cursor, playing) = (cursor.clone(), playing.clone());
        Callback::from(move |e: KeyboardEvent| {
            if count == 0 {
                return;
            }
            let last = count - 1;
            let next = match (e.key().as_str(), at) {
                ("ArrowRight" | "ArrowDown", None) => 0,
                ("ArrowRight" | "ArrowDown", Some(i)) => (i + 1).min(last),
                ("ArrowLeft" | "ArrowUp", None) => 0,
                ("ArrowLeft" | "ArrowUp", Some(i)) => i.saturating_sub(1),
                ("Home", _) => 0,
                ("End", _) => last,
                _ => return,
            };
            e.prevent_default();
            playing.set(false);
            cursor.set(Some(next));
        })
    };
    // A click picks the printed line under the pointer. (Yew delegates
    // events: the element is found through a reference.)
    let area = use_node_ref();
    let onpointerdown = {
        let (cursor, playing, area) = (cursor.clone(), playing.clone(), area.clone());
        Callback::from(move |e: PointerEvent| {
            let Some(target) = area.cast::<web_sys::Element>() else {
                return;
            };
            let rect = target.get_bounding_client_rect();
            let y_svg = (f64::from(e.client_y()) - rect.top()) / rect.height().max(1.0) * height;
            let row = ((y_svg - (TOP - 8.0)) / ROW).floor();
            if count > 0 && row >= 0.0 {
                playing.set(false);
                cursor.set(Some((row as usize).min(count - 1)));
            }
        })
    };
    let onplay = {
        let playing = playing.clone();
        Callback::from(move |_| playing.set(!*playing))
    };
    let side_name = |side: Side| match side {
        Side::Producer => props.producer.to_string(),
        Side::Consumer => props.consumer.to_string(),
    };
    // "Printed line k of n: …", in the readout and for screen readers.
    let line_words = |i: usize| {
        Text::SeqAt.fill(
            lang,
            &[
                ("k", &(i + 1).to_string()),
                ("n", &count.to_string()),
                ("side", &side_name(props.lines[i].side)),
                ("text", &props.lines[i].text),
            ],
        )
    };
    let readout = at.and_then(|i| Some((i, places(&props.lines, i)?))).map(|(i, (producer, consumer))| {
        let item = |side: Side, place: Place| html! {
            <li data-side={if side == Side::Producer { "producer" } else { "consumer" }} data-doing={doing_key(place.doing)}
                data-python-line={place.line.map(|(n, _)| n.to_string()).unwrap_or_default()}>
                <strong>{ side_name(side) }</strong>{ format!(": {}", doing_text(place.doing).get(lang)) }
                if let Some((n, code)) = place.line {
                    { format!(" — {} ", Text::SeqLineNo.fill(lang, &[("line", &n.to_string())])) }<code>{ code }</code>
                }
            </li>
        };
        html! {
            <div class="cursor-readout" data-testid="sequence-readout" data-line={i.to_string()}>
                <p><strong>{ line_words(i) }</strong></p>
                <ul>{ item(Side::Producer, producer) }{ item(Side::Consumer, consumer) }</ul>
            </div>
        }
    });
    let handovers = props
        .lines
        .windows(2)
        .filter(|p| p[0].side != p[1].side)
        .count();
    let summary = Text::SeqSummary.fill(
        lang,
        &[
            ("lines", &count.to_string()),
            ("handovers", &handovers.to_string()),
        ],
    );
    let columns = [
        Text::SeqColStep,
        Text::SeqColSide,
        Text::SeqColPrinted,
        Text::SeqColProducer,
        Text::SeqColConsumer,
    ]
    .map(|c| ctx.t(c).to_string())
    .to_vec();
    let data_rows = props
        .lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            let (p, c) = places(&props.lines, i)?;
            Some(vec![
                (i + 1).to_string(),
                side_name(line.side),
                line.text.clone(),
                line_cell(p, lang),
                line_cell(c, lang),
            ])
        })
        .collect::<Vec<_>>();
    let valuetext = match at {
        Some(i) => line_words(i),
        None => ctx.t(Text::SeqHint).to_string(),
    };

    html! {
        <figure class="plot sequence">
            <div class="cursor-area" ref={area} role="slider" tabindex="0"
                aria-label={format!("{} — {}", props.title, ctx.t(Text::SeqCursorLabel))}
                aria-valuemin="1" aria-valuemax={count.max(1).to_string()}
                aria-valuenow={(at.unwrap_or(0) + 1).to_string()} aria-valuetext={valuetext}
                {onkeydown} {onpointerdown}>
            <svg ref={svg_ref.clone()} viewBox={format!("0 0 {WIDTH} {height}")} role="img" aria-label={props.title.clone()}>
                <defs>
                    <marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" />
                    </marker>
                </defs>
                <text class="party" x={producer_x.to_string()} y="16" text-anchor="middle">{ props.producer.clone() }</text>
                <text class="party" x={consumer_x.to_string()} y="16" text-anchor="middle">{ props.consumer.clone() }</text>
                <line class="lifeline" x1={producer_x.to_string()} x2={producer_x.to_string()} y1="22" y2={height.to_string()} />
                <line class="lifeline" x1={consumer_x.to_string()} x2={consumer_x.to_string()} y1="22" y2={height.to_string()} />
                if let Some(i) = at {
                    <rect class="cursor-row" x="0" y={(TOP + i as f64 * ROW - 8.0).to_string()} width={WIDTH.to_string()} height={ROW.to_string()} />
                }
                { for props.lines.iter().enumerate().map(|(i, line)| {
                    let y = TOP + i as f64 * ROW;
                    let x = x_of(line.side);
                    let (text_x, anchor) = match line.side {
                        Side::Producer => (x - 10.0, "end"),
                        Side::Consumer => (x + 10.0, "start"),
                    };
                    html! {
                        <g class={classes!("step", if line.side == Side::Producer { "producer" } else { "consumer" })}>
                            <rect class="active" x={(x - 4.0).to_string()} y={(y - 8.0).to_string()} width="8" height={ROW.to_string()} />
                            <text class="mark" x={text_x.to_string()} y={(y + 6.0).to_string()} text-anchor={anchor}>{ &line.text }</text>
                        </g>
                    }
                }) }
                { for arrows.map(|(i, pair)| {
                    let y = TOP + (i as f64 + 1.0) * ROW - 6.0;
                    let (from, to) = (x_of(pair[0].side), x_of(pair[1].side));
                    let label = if pair[1].side == Side::Consumer { "send" } else { "yield" };
                    html! {
                        <g class="handover">
                            <line x1={from.to_string()} x2={to.to_string()} y1={y.to_string()} y2={y.to_string()} marker-end="url(#arrowhead)" />
                            <text x={((from + to) / 2.0).to_string()} y={(y - 3.0).to_string()} text-anchor="middle">{ label }</text>
                        </g>
                    }
                }) }
            </svg>
            </div>
            <div class="cursor-controls">
                <ExportButtons svg={svg_ref} title={props.title.clone()} />
                <button type="button" class="play" data-testid="sequence-play" onclick={onplay} disabled={count == 0}>
                    { if *playing { ctx.t(Text::CursorPause) } else { ctx.t(Text::CursorPlay) } }
                </button>
                <span class="note">{ ctx.t(Text::SeqHint) }</span>
            </div>
            <div aria-live="polite">{ readout.unwrap_or_default() }</div>
            <PlotData {summary} {columns} rows={data_rows} />
        </figure>
    }
}
