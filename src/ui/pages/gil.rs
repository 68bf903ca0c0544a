//! `#/gil`: the post's §1. The GIL page's text, its figures and its code.

use super::{mode_rows, Block, Code, Page};
use crate::experiments::fib_modes::Mode;
use crate::experiments::gil::{GilExperiment, GilFigures, GilParams};
use crate::i18n::{Lang, Text};
use crate::timeline::LaneWord;
use crate::ui::components::bars::{Bar, Bars};
use crate::ui::components::curve::{Curve, Series};
use crate::ui::components::experiment::{ExperimentPanel, ExperimentView};
use crate::ui::components::timeline::{legend, Timeline};
use crate::ui::plot_axis::format_ms;
use yew::prelude::*;

pub const PAGE: Page = Page {
    path: "gil",
    title: Some(Text::NavGil),
    intro: &[
        Block::Paragraph(Text::GilIntro1),
        Block::Paragraph(Text::GilIntro2),
        Block::Paragraph(Text::GilIntro3),
    ],
    presets: &[],
    panel: |path, query, visit| html! { <ExperimentPanel<GilExperiment> {path} {query} {visit} /> },
    code: Some(Code {
        python: include_str!("../../experiments/python/gil.py"),
        rust: &[
            (
                include_str!("../../experiments/gil/emulated_gil.rs"),
                "take",
            ),
            (
                include_str!("../../experiments/gil/emulated_gil.rs"),
                "check point",
            ),
            (include_str!("../../experiments/fib_modes.rs"), "under gil"),
            (include_str!("../../experiments/fib_modes.rs"), "processes"),
        ],
    }),
};

fn bar_class(mode: Mode) -> &'static str {
    match mode {
        Mode::Sequential => "slow",
        Mode::Gil { .. } => "gil",
        Mode::Processes => "processes",
        Mode::Free => "fast",
    }
}

/// "2.00" for a ratio, on screen.
fn ratio(x: f64) -> String {
    format!("{x:.2}")
}

impl ExperimentView for GilExperiment {
    fn figures(f: &GilFigures, params: &GilParams, lang: Lang) -> Html {
        let k = params.threads;
        let run = |mode: Mode| f.runs.iter().find(|r| r.mode.is(mode));
        let bars = f
            .runs
            .iter()
            .map(|r| Bar {
                label: match r.speedup {
                    Some(x) => format!(
                        "{} ({})",
                        r.mode.label(lang),
                        Text::Times.fill(lang, &[("x", &ratio(x))])
                    ),
                    None => r.mode.label(lang).to_string(),
                },
                value: r.ms,
                class: bar_class(r.mode),
            })
            .collect::<Vec<_>>();
        let k_text = k.to_string();
        let verdicts = [
            run(Mode::GIL).and_then(|r| {
                let speedup = r.speedup?;
                Some(Text::GilVerdictGil.fill(
                    lang,
                    &[
                        ("k", &k_text),
                        ("ratio", &ratio(1.0 / speedup.max(1e-9))),
                        ("switches", &r.switches.unwrap_or(0).to_string()),
                    ],
                ))
            }),
            run(Mode::Free).and_then(|r| {
                Some(Text::GilVerdictFree.fill(lang, &[("k", &k_text), ("x", &ratio(r.speedup?))]))
            }),
            run(Mode::Processes).and_then(|r| {
                Some(Text::GilVerdictProcesses.fill(
                    lang,
                    &[
                        ("x", &ratio(r.speedup?)),
                        ("spawn", &format_ms(r.spawn_ms.unwrap_or(0.0))),
                    ],
                ))
            }),
        ];
        let curve = [Mode::Free, Mode::Processes]
            .into_iter()
            .filter(|m| f.curve.iter().any(|p| p.mode.is(*m)))
            .map(|mode| Series {
                name: mode.label(lang).to_string(),
                class: if mode.is(Mode::Free) {
                    "series-free"
                } else {
                    "series-processes"
                },
                points: f
                    .curve
                    .iter()
                    .filter(|p| p.mode.is(mode))
                    .map(|p| {
                        let sequence = p.threads as f64 * f.fib_ms;
                        (p.threads as f64, sequence / p.ms.max(1e-9))
                    })
                    .collect(),
            })
            .collect::<Vec<_>>();
        let break_even = run(Mode::Processes).map(|r| match f.break_even_n {
            Some(m) => Text::BreakEven.fill(
                lang,
                &[
                    ("fib", &format_ms(f.fib_ms)),
                    ("spawn", &format_ms(r.spawn_ms.unwrap_or(0.0))),
                    ("m", &m.to_string()),
                    ("k", &k_text),
                ],
            ),
            None => Text::BreakEvenNever.get(lang).to_string(),
        });
        // The time cursor's words: who has the GIL then.
        let gil_at = {
            let f = f.clone();
            Callback::from(move |t: f64| {
                let at = f.gil_at(t);
                let holder = if at.holding.is_empty() {
                    Text::GilCursorNobody.get(lang).to_string()
                } else {
                    at.holding
                        .iter()
                        .map(|w| w.label(lang))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                html! {
                    <p data-testid="cursor-gil" data-holding={at.holding.len().to_string()}
                        data-waiting={at.waiting.to_string()} data-free={at.free_running.to_string()}>
                        { Text::GilCursor.fill(lang, &[
                            ("holder", &holder), ("waiting", &at.waiting.to_string()), ("free", &at.free_running.to_string()),
                        ]) }
                    </p>
                }
            })
        };
        html! {
            <div class="figures">
                <h3>{ Text::GilBarsHeading.get(lang) }</h3>
                <Bars title={Text::GilBarsHeading.get(lang)} unit="ms" {bars} />
                { for verdicts.into_iter().flatten().map(|v| html! { <p class="verdict">{ v }</p> }) }
                if let Some(text) = break_even { <p class="verdict" data-testid="break-even">{ text }</p> }
                if let Some(us) = f.check_interval_us {
                    <p class="note">{ Text::GilChecks.fill(lang, &[("calls", &f.check_every_calls.to_string()), ("us", &format_ms(us))]) }</p>
                }
                <h3>{ Text::GilTimelineHeading.get(lang) }</h3>
                <Timeline title={Text::GilTimelineHeading.get(lang)} axis_label={Text::TimelineAxis.get(lang)}
                    rows={mode_rows(&f.timeline, |mode| mode.label(lang), lang)}
                    legend={legend(f.timeline.iter().map(|s| s.state), lang)} describe={gil_at} />
                if f.timeline_truncated { <p class="note">{ Text::GilTruncated.get(lang) }</p> }
                if !curve.is_empty() {
                    <h3>{ Text::GilCurveHeading.get(lang) }</h3>
                    <Curve title={Text::GilCurveHeading.get(lang)} x_label={Text::GilCurveX.get(lang)}
                        y_label={Text::GilCurveY.get(lang)} series={curve}
                        ideal={Some(AttrValue::from(Text::GilCurveIdeal.get(lang)))} />
                }
            </div>
        }
    }
}
