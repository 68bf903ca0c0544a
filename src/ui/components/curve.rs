//! A line chart: one line per series over a shared x axis (thread counts),
//! with an optional dashed reference line (the ideal speedup y = x). Points
//! carry tooltips; hovering or focusing a legend entry highlights its line,
//! pressing it keeps the line highlighted.

use super::super::lang::use_lang;
use super::super::plot_axis::{format_ms, nice_ticks};
use super::export::ExportButtons;
use super::plot_data::PlotData;
use crate::i18n::Text;
use yew::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    /// Colour class (`series-free`, `series-processes`, …).
    pub class: &'static str,
    pub points: Vec<(f64, f64)>,
}

#[derive(Properties, PartialEq)]
pub struct CurveProps {
    pub series: Vec<Series>,
    pub title: AttrValue,
    pub x_label: AttrValue,
    pub y_label: AttrValue,
    /// Draw y = x, named so in the legend.
    #[prop_or_default]
    pub ideal: Option<AttrValue>,
    /// A horizontal dashed line at this y, named so in the legend (a limit).
    #[prop_or_default]
    pub reference: Option<(f64, AttrValue)>,
}

const WIDTH: f64 = 800.0;
const HEIGHT: f64 = 300.0;
const LEFT: f64 = 60.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 46.0;

/// A callback (for any event) that sets `state` to `value`.
fn set_to<E>(state: &UseStateHandle<Option<usize>>, value: Option<usize>) -> Callback<E> {
    let state = state.clone();
    Callback::from(move |_| state.set(value))
}

#[function_component(Curve)]
pub fn curve(props: &CurveProps) -> Html {
    let svg_ref = use_node_ref();
    let ctx = use_lang();
    // A line stands out while its legend entry is hovered or focused, or
    // after the entry is pressed (until pressed again): by mouse or keys.
    let hovered = use_state(|| None::<usize>);
    let pinned = use_state(|| None::<usize>);
    let highlighted = hovered.or(*pinned);
    let points = props.series.iter().flat_map(|s| s.points.iter());
    let (x_max, y_max) = points.fold((1.0_f64, 0.0_f64), |(x, y), p| (x.max(p.0), y.max(p.1)));
    let y_max = if props.ideal.is_some() {
        y_max.max(x_max)
    } else {
        y_max
    };
    let y_max = props
        .reference
        .as_ref()
        .map_or(y_max, |r| y_max.max(r.0 * 1.15));
    let x_ticks: Vec<f64> = if x_max <= 16.0 && props.reference.is_none() {
        (1..=x_max as usize).map(|x| x as f64).collect()
    } else {
        nice_ticks(1.0, x_max, 8)
    };
    let y_ticks = nice_ticks(0.0, y_max.max(1e-3), 5);
    let y_top = y_ticks.last().copied().unwrap_or(1.0);
    let (plot_w, plot_h) = (WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
    let x_lo = x_ticks.first().copied().unwrap_or(1.0);
    let x_hi = x_ticks.last().copied().unwrap_or(x_max).max(x_lo + 1.0);
    let x = move |v: f64| LEFT + (v - x_lo) / (x_hi - x_lo) * plot_w;
    let y = move |v: f64| TOP + plot_h - v / y_top.max(1e-9) * plot_h;
    let path = |pts: &[(f64, f64)]| {
        pts.iter()
            .enumerate()
            .map(|(i, p)| {
                format!(
                    "{}{:.1},{:.1}",
                    if i == 0 { "M" } else { "L" },
                    x(p.0),
                    y(p.1)
                )
            })
            .collect::<String>()
    };
    // The table: one row per x, one column per line (blank where a line
    // has no point there). A step (two points at one x) takes two rows.
    let mut xs: Vec<f64> = props
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0))
        .collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    let summary = Text::PlotCurveSummary.fill(
        ctx.lang,
        &[
            ("lines", &props.series.len().to_string()),
            (
                "points",
                &props
                    .series
                    .iter()
                    .map(|s| s.points.len())
                    .sum::<usize>()
                    .to_string(),
            ),
            (
                "from",
                &xs.first().map_or_else(String::new, |&v| format_ms(v)),
            ),
            ("to", &xs.last().map_or_else(String::new, |&v| format_ms(v))),
        ],
    );
    let columns = std::iter::once(props.x_label.to_string())
        .chain(
            props
                .series
                .iter()
                .map(|s| format!("{} — {}", s.name, props.y_label)),
        )
        .collect::<Vec<_>>();
    let data_rows =
        xs.iter()
            .flat_map(|&at| {
                let ys_at = move |s: &Series| -> Vec<f64> {
                    s.points.iter().filter(|p| p.0 == at).map(|p| p.1).collect()
                };
                let deepest = props
                    .series
                    .iter()
                    .map(|s| ys_at(s).len())
                    .max()
                    .unwrap_or(0);
                (0..deepest).map(move |j| {
                    std::iter::once(format_ms(at))
                        .chain(
                            props.series.iter().map(|s| {
                                ys_at(s).get(j).map_or_else(String::new, |&y| format_ms(y))
                            }),
                        )
                        .collect::<Vec<_>>()
                })
            })
            .collect::<Vec<_>>();
    let faded = |i: usize| highlighted.is_some_and(|h| h != i);

    html! {
        <figure class="plot curve">
            <svg ref={svg_ref.clone()} viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-label={props.title.clone()}>
                { for y_ticks.iter().map(|&t| html! {
                    <g class="tick">
                        <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={y(t).to_string()} y2={y(t).to_string()} />
                        <text x={(LEFT - 6.0).to_string()} y={(y(t) + 4.0).to_string()} text-anchor="end">{ format_ms(t) }</text>
                    </g>
                }) }
                { for x_ticks.iter().map(|&t| html! {
                    <g class="tick">
                        <text x={x(t).to_string()} y={(TOP + plot_h + 16.0).to_string()} text-anchor="middle">{ format_ms(t) }</text>
                    </g>
                }) }
                <text class="axis-label" x={(LEFT + plot_w / 2.0).to_string()} y={(HEIGHT - 8.0).to_string()}
                    text-anchor="middle">{ props.x_label.clone() }</text>
                <text class="axis-label" transform={format!("translate(14 {}) rotate(-90)", TOP + plot_h / 2.0)}
                    text-anchor="middle">{ props.y_label.clone() }</text>
                if props.ideal.is_some() {
                    <path class="ideal" d={path(&[(x_lo, x_lo), (x_hi, x_hi)])} />
                }
                if let Some((level, _)) = &props.reference {
                    <path class="ideal" d={path(&[(x_lo, *level), (x_hi, *level)])} />
                }
                { for props.series.iter().enumerate().map(|(i, s)| html! {
                    <g class={classes!("series", s.class, faded(i).then_some("faded"))}>
                        <path class="line" d={path(&s.points)} />
                        { for s.points.iter().map(|&(px, py)| html! {
                            <circle cx={x(px).to_string()} cy={y(py).to_string()} r="4">
                                <title>{ format!("{}: {} → {}", s.name, format_ms(px), format_ms(py)) }</title>
                            </circle>
                        }) }
                    </g>
                }) }
            </svg>
            <ExportButtons svg={svg_ref} title={props.title.clone()} />
            <PlotData {summary} {columns} rows={data_rows} />
            <figcaption class="legend">
                { for props.series.iter().enumerate().map(|(i, s)| {
                    let onclick = {
                        let pinned = pinned.clone();
                        Callback::from(move |_| pinned.set(if *pinned == Some(i) { None } else { Some(i) }))
                    };
                    html! {
                        <button type="button" class={classes!("key", s.class)} aria-pressed={(*pinned == Some(i)).to_string()}
                            onmouseenter={set_to(&hovered, Some(i))} onmouseleave={set_to(&hovered, None)}
                            onfocus={set_to(&hovered, Some(i))} onblur={set_to(&hovered, None)} {onclick}>
                            <svg viewBox="0 0 20 12" aria-hidden="true"><line x1="0" y1="6" x2="20" y2="6" /></svg>{ &s.name }
                        </button>
                    }
                }) }
                if let Some((_, name)) = &props.reference {
                    <span class="key ideal-key"><svg viewBox="0 0 20 12" aria-hidden="true"><line x1="0" y1="6" x2="20" y2="6" /></svg>{ name.clone() }</span>
                }
                if let Some(ideal) = &props.ideal {
                    <span class="key ideal-key"><svg viewBox="0 0 20 12" aria-hidden="true"><line x1="0" y1="6" x2="20" y2="6" /></svg>{ ideal.clone() }</span>
                }
            </figcaption>
        </figure>
    }
}
