//! `#/gil`: the post's §1. The GIL page's text, its figures and its code.

use super::{mode_rows, Block, Code, FromPost, Page, Preset};
use crate::experiments::cpython::CPythonEnv;
use crate::experiments::fib_modes::{Mode, ModeState, WorkKind, PHI};
use crate::experiments::gil::{GilExperiment, GilFigures, GilParams, GilStamps};
use crate::experiments::reference::CPYTHON_GIL;
use crate::experiments::speedup;
use crate::experiments::work::mean_calls_between_checks;
use crate::i18n::{Lang, Text};
use crate::runtime::env;
use crate::timeline::LaneWord;
use crate::ui::components::bars::{Bar, Bars};
use crate::ui::components::curve::{Curve, Series};
use crate::ui::components::experiment::{CPythonSpec, ExperimentPanel, ExperimentView};
use crate::ui::components::prose::prose;
use crate::ui::components::timeline::{legend, Timeline};
use crate::ui::plot_axis::format_ms;
use yew::prelude::*;

pub const PAGE: Page = Page {
    path: "gil",
    title: Some(Text::NavGil),
    intro: &[
        Block::Paragraph(Text::GilIntro1),
        Block::Computed(|lang| CPYTHON_GIL.sentence(lang)),
        Block::Paragraph(Text::GilIntro2),
        Block::Paragraph(Text::GilIntro3),
    ],
    from_post: FromPost {
        section: "1",
        claim: Text::PostGilClaim,
        shows: Text::PostGilShows,
        lessons: &[
            Text::PostGilLesson1,
            Text::PostGilLesson2,
            Text::PostGilLesson3,
        ],
        slips: &[Text::PostGilSlip1],
        differs: &[
            Text::PostGilDiff1,
            Text::PostGilDiff2,
            Text::PostGilDiff3,
            Text::PostGilDiff4,
        ],
    },
    presets: &[
        Preset {
            label: Text::TryGil1,
            query: "work=sleep&sleep_ms=200&modes=sequential,gil,free",
            look_for: Text::TryGil1Look,
            name: Some("gil-sleep"),
        },
        Preset {
            label: Text::TryGil2,
            query: "switch_interval_ms=0.1&modes=sequential,gil",
            look_for: Text::TryGil2Look,
            name: None,
        },
        Preset {
            label: Text::TryGil3,
            query: "n=30&threads=4&modes=sequential,gil,free",
            look_for: Text::TryGil3Look,
            name: None,
        },
    ],
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

impl ExperimentView for GilExperiment {
    fn figures(f: &GilFigures, params: &GilParams, lang: Lang) -> Html {
        draw(f, params, None, lang)
    }

    /// CPython's run: its own cores, how its GIL was seen (and what that
    /// cost), and no comparison with the reference run or break-even n.
    fn cpython_figures(f: &GilFigures, params: &GilParams, env: &CPythonEnv, lang: Lang) -> Html {
        draw(f, params, Some(env), lang)
    }

    fn cpython() -> Option<CPythonSpec> {
        Some(CPythonSpec::of::<Self>("gil.py"))
    }

    fn key_figures(f: &GilFigures, _params: &GilParams, lang: Lang) -> Vec<(String, String)> {
        let ms = |mode: Mode| f.runs.iter().find(|r| r.mode.is(mode)).map(|r| r.ms);
        let mut rows = Vec::new();
        if let Some(sequential) = ms(Mode::Sequential) {
            for (mode, what) in [
                (Mode::GIL, Text::CmpGilOverSequential),
                (Mode::Free, Text::CmpFreeOverSequential),
                (Mode::Processes, Text::CmpProcessesOverSequential),
            ] {
                if let Some(ms) = ms(mode) {
                    rows.push((
                        what.get(lang).into(),
                        format!("{:.2}", ms / sequential.max(1e-9)),
                    ));
                }
            }
        }
        if let Some(switches) = f.runs.iter().find_map(|r| r.switches) {
            rows.push((Text::CmpSwitches.get(lang).into(), switches.to_string()));
        }
        let mut holds: Vec<f64> = f
            .timeline
            .iter()
            .filter(|s| s.mode.is(Mode::GIL) && s.state == ModeState::HoldingGil)
            .map(|s| s.end_ms - s.start_ms)
            .collect();
        holds.sort_by(f64::total_cmp);
        if let Some(median) = holds.get(holds.len() / 2) {
            rows.push((Text::CmpHoldMedian.get(lang).into(), format_ms(*median)));
        }
        rows
    }
}

/// The figures, of the page's run or (`cpython`) of a CPython run.
fn draw(f: &GilFigures, params: &GilParams, cpython: Option<&CPythonEnv>, lang: Lang) -> Html {
    let k = params.threads;
    let cpu = params.work == WorkKind::Cpu;
    // Computing can gain at most the cores; waiting needs none.
    let cores = cpython.map_or(env::env().hardware_concurrency, |e| e.cpu_count) as usize;
    let cap = cpu.then_some(cores.max(1).min(k));
    let run = |mode: Mode| f.runs.iter().find(|r| r.mode.is(mode));
    let bars = f
        .runs
        .iter()
        .map(|r| Bar {
            label: match r.speedup {
                // The sequence is the yardstick, not a speedup.
                Some(x) if !r.mode.is(Mode::Sequential) => Text::LabelWithNote.fill(
                    lang,
                    &[
                        ("label", r.mode.label(lang)),
                        ("note", &speedup::bar_label(x, cap, lang)),
                    ],
                ),
                _ => r.mode.label(lang).to_string(),
            },
            value: r.ms,
            class: bar_class(r.mode),
        })
        .collect::<Vec<_>>();
    let k_text = k.to_string();
    let said = |x: f64| speedup::sentence(x, cap, lang);
    let verdicts = [
        run(Mode::GIL).and_then(|r| {
            let lesson = if cpu {
                Text::GilLessonCpu
            } else {
                Text::GilLessonSleep
            };
            // A CPython run counts hand-overs only while its threads compute
            // (gil.py reads them off fib's stamps).
            let verdict = match r.switches {
                Some(switches) => Text::GilVerdictGil.fill_marked(
                    lang,
                    &[
                        ("k", &k_text),
                        ("speedup", &said(r.speedup?)),
                        ("switches", &switches.to_string()),
                    ],
                ),
                None => Text::GilVerdictGilUncounted
                    .fill_marked(lang, &[("k", &k_text), ("speedup", &said(r.speedup?))]),
            };
            Some(format!("{verdict} {}", lesson.marked(lang)))
        }),
        run(Mode::Free).and_then(|r| {
            Some(
                Text::GilVerdictFree
                    .fill_marked(lang, &[("k", &k_text), ("speedup", &said(r.speedup?))]),
            )
        }),
        run(Mode::Processes).and_then(|r| {
            Some(Text::GilVerdictProcesses.fill_marked(
                lang,
                &[
                    ("speedup", &said(r.speedup?)),
                    ("spawn", &format_ms(r.spawn_ms.unwrap_or(0.0))),
                ],
            ))
        }),
        // What switching cost: the GIL's extra time over its hand-overs.
        (cpu).then(|| switch_cost(f, lang)).flatten(),
        // This run's fib against CPython's, from the one reference run
        // (a CPython run is CPython's own).
        f.fib_ms
            .filter(|_| cpython.is_none())
            .map(|ms| CPYTHON_GIL.compared(params.n, ms, lang)),
        // How a CPython run saw its GIL, and what seeing it cost.
        f.stamps
            .as_ref()
            .map(|s| stamps_sentence(s, params.n, lang)),
    ];
    let curve = [Mode::GIL, Mode::Free, Mode::Processes]
        .into_iter()
        .filter(|m| f.curve.iter().any(|p| p.mode.is(*m)))
        .map(|mode| Series {
            name: mode.label(lang).to_string(),
            class: match mode {
                Mode::Free => "series-free",
                Mode::Gil { .. } => "series-gil",
                _ => "series-processes",
            },
            points: f
                .curve
                .iter()
                .filter(|p| p.mode.is(mode))
                .map(|p| {
                    let sequence = p.threads as f64 * f.share_ms;
                    (p.threads as f64, sequence / p.ms.max(1e-9))
                })
                .collect(),
        })
        .collect::<Vec<_>>();
    let break_even = run(Mode::Processes)
        .filter(|_| cpu)
        .map(|r| match (f.break_even_n, f.fib_ms) {
            (Some(m), Some(fib_ms)) => Text::BreakEven.fill_marked(
                lang,
                &[
                    ("fib", &format_ms(fib_ms)),
                    ("spawn", &format_ms(r.spawn_ms.unwrap_or(0.0))),
                    ("phi", &format!("{PHI:.1}")),
                    ("m", &m.to_string()),
                    ("k", &k_text),
                ],
            ),
            _ if cpython.is_some() => String::new(),
            _ => Text::BreakEvenNever.marked(lang).to_string(),
        })
        .filter(|text| !text.is_empty());
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
            { for verdicts.into_iter().flatten().map(|v| html! { <p class="verdict">{ prose(&v) }</p> }) }
            if let Some(text) = break_even { <p class="verdict" data-testid="break-even">{ prose(&text) }</p> }
            if let (Some(us), Some(calls), Some(mean)) = (f.check_interval_us, f.check_every_calls, mean_calls_between_checks(params.n)) {
                <p class="note" data-testid="gil-checks">{ prose(&Text::GilChecks.fill_marked(lang, &[("mean", &mean.to_string()), ("calls", &calls.to_string()), ("us", &format_ms(us))])) }</p>
            }
            <h3>{ Text::GilTimelineHeading.get(lang) }</h3>
            <Timeline title={Text::GilTimelineHeading.get(lang)} axis_label={Text::TimelineAxis.get(lang)}
                rows={mode_rows(&f.timeline, |mode| mode.label(lang), lang)}
                legend={legend(f.timeline.iter().map(|s| s.state), lang)} describe={gil_at} />
            if f.timeline_truncated { <p class="note">{ Text::GilTruncated.get(lang) }</p> }
            if !curve.is_empty() {
                <h3>{ Text::GilCurveHeading.get(lang) }</h3>
                <Curve title={Text::GilCurveHeading.get(lang)} x_label={Text::GilCurveX.get(lang)}
                    y_label={Text::GilCurveY.get(lang)} series={curve.clone()}
                    ideal={Some(AttrValue::from(Text::GilCurveIdeal.get(lang)))} />
                { curve_noise(&curve, cores, cpu, lang) }
            }
        </div>
    }
}

/// Under the curve, the points no computation could reach on this many
/// cores, named as noise (never shown as a result).
fn curve_noise(curve: &[Series], cores: usize, cpu: bool, lang: Lang) -> Html {
    let points: Vec<(usize, f64)> = curve
        .iter()
        .flat_map(|s| s.points.iter().map(|&(k, x)| (k as usize, x)))
        .collect();
    let noise = speedup::beyond_cores(&points, cores, cpu);
    let Some(&(_, highest)) = noise.iter().max_by(|a, b| a.1.total_cmp(&b.1)) else {
        return Html::default();
    };
    html! {
        <p class="note" data-testid="curve-noise">{ Text::GilCurveNoise.fill(lang, &[
            ("count", &noise.len().to_string()),
            ("x", &format!("{highest:.2}")),
            ("cores", &cores.to_string()),
        ]) }</p>
    }
}

/// What the GIL's hand-overs cost in this run: its extra time over the
/// sequence, per switch (marked text); none without both runs.
pub fn switch_cost(f: &GilFigures, lang: Lang) -> Option<String> {
    let ms = |mode: Mode| f.runs.iter().find(|r| r.mode.is(mode)).map(|r| r.ms);
    let gil = f.runs.iter().find(|r| r.mode.is(Mode::GIL))?;
    let switches = gil.switches.filter(|s| *s > 0)?;
    let extra = ms(Mode::GIL)? - ms(Mode::Sequential)?;
    if extra <= 0.0 {
        return Some(
            Text::GilSwitchCostNone.fill_marked(lang, &[("switches", &switches.to_string())]),
        );
    }
    Some(Text::GilSwitchCost.fill_marked(
        lang,
        &[
            ("extra", &format_ms(extra)),
            ("switches", &switches.to_string()),
            ("per", &format_ms(extra / switches as f64)),
        ],
    ))
}

/// What `gil.py`'s stamps are and what they cost (marked text).
fn stamps_sentence(s: &GilStamps, n: u32, lang: Lang) -> String {
    let extra = (s.stamped_ms / s.plain_ms.max(1e-9) - 1.0) * 100.0;
    let cost = if extra > 0.0 {
        Text::CpythonStampsCost.fill(lang, &[("percent", &format!("{extra:.1}"))])
    } else {
        Text::CpythonStampsNoise.get(lang).to_string()
    };
    Text::CpythonStamps.fill_marked(
        lang,
        &[
            ("at", &s.stamp_at.to_string()),
            ("calls", &s.every_calls.to_string()),
            ("us", &format_ms(s.median_interval_us)),
            ("n", &n.to_string()),
            ("plain", &format_ms(s.plain_ms)),
            ("stamped", &format_ms(s.stamped_ms)),
            ("rounds", &s.rounds.to_string()),
            ("cost", &cost),
        ],
    )
}
