//! A sequence diagram of two parties on one thread: a lifeline each, every
//! printed line on its party's side, and an arrow wherever control passes
//! from one to the other (`send` one way, `yield` the other).

use super::super::plot_axis::text_width;
use super::export::ExportButtons;
use crate::experiments::coroutine::{Line, Side};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SequenceProps {
    pub lines: Vec<Line>,
    pub title: AttrValue,
    /// The two parties' names.
    pub producer: AttrValue,
    pub consumer: AttrValue,
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

#[function_component(Sequence)]
pub fn sequence(props: &SequenceProps) -> Html {
    let svg_ref = use_node_ref();
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
    html! {
        <figure class="plot sequence">
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
            <ExportButtons svg={svg_ref} title={props.title.clone()} />
        </figure>
    }
}
