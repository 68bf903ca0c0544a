//! Horizontal bars: one labelled bar per value, on a shared scale, with the
//! value written at the end of each bar, and the same numbers in a table.

use super::super::lang::use_lang;
use super::super::plot_axis::{format_ms, text_width};
use super::export::ExportButtons;
use super::plot_data::PlotData;
use crate::i18n::Text;
use yew::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// Extra class for colour (`good`, `bad`, …).
    pub class: &'static str,
}

#[derive(Properties, PartialEq)]
pub struct BarsProps {
    pub bars: Vec<Bar>,
    pub title: AttrValue,
    /// Unit written after each value.
    pub unit: AttrValue,
}

const WIDTH: f64 = 800.0;
/// The narrowest label column; it grows to fit the longest label.
const MIN_LABEL_W: f64 = 220.0;
const ROW_H: f64 = 30.0;

#[function_component(Bars)]
pub fn bars(props: &BarsProps) -> Html {
    let svg_ref = use_node_ref();
    let ctx = use_lang();
    let max = props
        .bars
        .iter()
        .map(|b| b.value)
        .fold(0.0_f64, f64::max)
        .max(1e-9);
    let label_w = props
        .bars
        .iter()
        .map(|b| text_width(&b.label) + 16.0)
        .fold(MIN_LABEL_W, f64::max)
        .min(WIDTH / 2.0);
    let plot_w = WIDTH - label_w - 120.0;
    let height = props.bars.len() as f64 * ROW_H + 6.0;
    let longest = props.bars.iter().max_by(|a, b| a.value.total_cmp(&b.value));
    let summary = Text::PlotBarsSummary.fill(
        ctx.lang,
        &[
            ("n", &props.bars.len().to_string()),
            ("longest", longest.map_or("", |b| b.label.as_str())),
            (
                "value",
                &longest.map_or_else(String::new, |b| format_ms(b.value)),
            ),
            ("unit", &props.unit),
        ],
    );
    let columns = vec![
        ctx.t(Text::PlotBar).to_string(),
        Text::PlotValue.fill(ctx.lang, &[("unit", &props.unit)]),
    ];
    let data_rows = props
        .bars
        .iter()
        .map(|b| vec![b.label.clone(), format_ms(b.value)])
        .collect::<Vec<_>>();
    html! {
        <figure class="plot bars">
            <svg ref={svg_ref.clone()} viewBox={format!("0 0 {WIDTH} {height}")} role="img" aria-label={props.title.clone()}>
                { for props.bars.iter().enumerate().map(|(i, bar)| {
                    let y = 3.0 + i as f64 * ROW_H;
                    let w = (bar.value / max * plot_w).max(1.0);
                    html! {
                        <g class={classes!("bar", bar.class)}>
                            <text class="bar-label" x={(label_w - 8.0).to_string()} y={(y + ROW_H * 0.62).to_string()}
                                text-anchor="end">{ &bar.label }</text>
                            <rect x={label_w.to_string()} y={(y + 4.0).to_string()} width={w.to_string()}
                                height={(ROW_H - 8.0).to_string()} />
                            <text class="bar-value" x={(label_w + w + 6.0).to_string()} y={(y + ROW_H * 0.62).to_string()}>
                                { format!("{} {}", format_ms(bar.value), props.unit) }
                            </text>
                        </g>
                    }
                }) }
            </svg>
            <ExportButtons svg={svg_ref} title={props.title.clone()} />
            <PlotData {summary} {columns} rows={data_rows} />
        </figure>
    }
}
