//! `#/processes`: the post's §3.1. Threads against processes, the cost of
//! starting each, and the isolation lesson.

use super::{mode_rows, Block, Code, FromPost, Page, Preset};
use crate::experiments::cpython::CPythonEnv;
use crate::experiments::fib_modes::PHI;
use crate::experiments::processes::{ProcessesExperiment, ProcessesFigures, ProcessesParams, Way};
use crate::i18n::{Lang, Text};
use crate::ui::components::bars::{Bar, Bars};
use crate::ui::components::experiment::{CPythonSpec, ExperimentPanel, ExperimentView};
use crate::ui::components::prose::prose;
use crate::ui::components::timeline::{legend, Timeline};
use crate::ui::plot_axis::format_ms;
use yew::prelude::*;

pub const PAGE: Page = Page {
    path: "processes",
    title: Some(Text::NavProcesses),
    intro: &[
        Block::Paragraph(Text::ProcessesIntro1),
        Block::Paragraph(Text::ProcessesIntro2),
    ],
    from_post: FromPost {
        section: "3.1",
        claim: Text::PostProcessesClaim,
        shows: Text::PostProcessesShows,
        lessons: &[
            Text::PostProcessesLesson1,
            Text::PostProcessesLesson2,
            Text::PostProcessesLesson3,
        ],
        slips: &[Text::PostProcessesSlip1],
        differs: &[
            Text::PostProcessesDiff1,
            Text::PostProcessesDiff2,
            Text::PostProcessesDiff3,
            Text::PostProcessesDiff4,
        ],
    },
    presets: &[
        Preset {
            label: Text::TryProcesses1,
            query: "n=25",
            look_for: Text::TryProcesses1Look,
            name: None,
        },
        Preset {
            label: Text::TryProcesses2,
            query: "n=37",
            look_for: Text::TryProcesses2Look,
            name: None,
        },
        Preset {
            label: Text::TryProcesses3,
            query: "n=30&workers=4",
            look_for: Text::TryProcesses3Look,
            name: None,
        },
    ],
    panel: |path, query, visit| html! { <ExperimentPanel<ProcessesExperiment> {path} {query} {visit} /> },
    code: Some(Code {
        python: include_str!("../../experiments/python/processes.py"),
        rust: &[
            (include_str!("../../experiments/fib_modes.rs"), "processes"),
            (include_str!("../../experiments/processes.rs"), "isolation"),
        ],
    }),
};

impl ExperimentView for ProcessesExperiment {
    fn figures(f: &ProcessesFigures, params: &ProcessesParams, lang: Lang) -> Html {
        draw(f, params, false, lang)
    }

    /// CPython's run: no break-even figure (gil.py does not compute it),
    /// and no note about this browser's workers.
    fn cpython_figures(
        f: &ProcessesFigures,
        params: &ProcessesParams,
        _env: &CPythonEnv,
        lang: Lang,
    ) -> Html {
        draw(f, params, true, lang)
    }

    fn cpython() -> Option<CPythonSpec> {
        Some(CPythonSpec::of::<Self>("processes.py"))
    }

    fn key_figures(
        f: &ProcessesFigures,
        _params: &ProcessesParams,
        lang: Lang,
    ) -> Vec<(String, String)> {
        let ms = |way: Way| f.runs.iter().find(|r| r.mode == way).map(|r| r.ms);
        let threads = ms(Way::Gil).or(ms(Way::Free));
        let mut rows = Vec::new();
        if let (Some(processes), Some(threads)) = (ms(Way::Processes), threads) {
            rows.push((
                Text::CmpProcessesOverThreads.get(lang).into(),
                format!("{:.2}", processes / threads),
            ));
        }
        if let Some(switches) = f.runs.iter().find_map(|r| r.switches) {
            rows.push((Text::CmpSwitches.get(lang).into(), switches.to_string()));
        }
        let i = &f.isolation;
        rows.push((
            Text::CmpParentCounter.get(lang).into(),
            i.process_counter_in_parent.to_string(),
        ));
        rows.push((
            Text::CmpThreadCounter.get(lang).into(),
            i.thread_counter.to_string(),
        ));
        rows
    }
}

/// The figures, the page's run's or (`cpython`) a CPython run's.
fn draw(f: &ProcessesFigures, params: &ProcessesParams, cpython: bool, lang: Lang) -> Html {
    let ms = |x: f64| Text::Milliseconds.fill(lang, &[("ms", &format_ms(x))]);
    let bars = f
        .runs
        .iter()
        .map(|r| Bar {
            label: Text::LabelWithNote.fill(
                lang,
                &[
                    ("label", r.mode.label(lang)),
                    (
                        "note",
                        &Text::ProcessesSpawnOf
                            .fill(lang, &[("ms", &format_ms(r.spawn_ms.unwrap_or(0.0)))]),
                    ),
                ],
            ),
            value: r.ms,
            class: match r.mode {
                Way::Gil => "gil",
                Way::Free => "fast",
                Way::Processes => "processes",
            },
        })
        .collect::<Vec<_>>();
    let workers = params.workers.to_string();
    let spawn_of = f
        .runs
        .iter()
        .find(|r| r.mode == Way::Processes)
        .and_then(|r| r.spawn_ms)
        .unwrap_or(0.0);
    let break_even = match f.break_even_n {
        Some(m) => Text::BreakEven.fill_marked(
            lang,
            &[
                ("fib", &format_ms(f.fib_ms)),
                ("spawn", &format_ms(spawn_of)),
                ("phi", &format!("{PHI:.1}")),
                ("m", &m.to_string()),
                ("k", &workers),
            ],
        ),
        None if cpython => String::new(),
        None => Text::BreakEvenNever.marked(lang).to_string(),
    };
    let i = &f.isolation;
    html! {
        <div class="figures">
            <h3>{ Text::ProcessesBarsHeading.get(lang) }</h3>
            <Bars title={Text::ProcessesBarsHeading.get(lang)} unit="ms" {bars} />
            if !break_even.is_empty() {
                <p class="verdict" data-testid="break-even">{ prose(&break_even) }</p>
            }
            <h3>{ Text::GilTimelineHeading.get(lang) }</h3>
            <Timeline title={Text::GilTimelineHeading.get(lang)} axis_label={Text::TimelineAxis.get(lang)}
                rows={mode_rows(&f.timeline, |way| way.label(lang), lang)}
                legend={legend(f.timeline.iter().map(|s| s.state), lang)} />
            <h3>{ Text::SpawnHeading.fill(lang, &[("k", &workers)]) }</h3>
            <table class="numbers">
                <thead><tr>
                    <th scope="col">{ Text::SpawnMode.get(lang) }</th>
                    // CPython has no pool: its two starts are just the first and the second.
                    <th scope="col">{ (if cpython { Text::StartFirst } else { Text::StartCold }).get(lang) }</th>
                    <th scope="col">{ (if cpython { Text::StartSecond } else { Text::StartWarmReady }).get(lang) }</th>
                </tr></thead>
                <tbody>
                    { for f.spawn.iter().map(|s| html! {
                        <tr><th scope="row">{ s.mode.label(lang) }</th><td>{ ms(s.cold_ms) }</td><td>{ ms(s.warm_ms) }</td></tr>
                    }) }
                </tbody>
            </table>
            if !cpython {
                <p class="note">{ prose(Text::SpawnProcessNote.marked(lang)) }</p>
            }
            <h3>{ Text::IsolationHeading.get(lang) }</h3>
            <div class="isolation">
                <p class="counter process" data-testid="isolation-process">{ Text::IsolationProcess.fill(lang, &[
                    ("n", &i.increments.to_string()),
                    ("child", &i.process_counter_in_child.to_string()),
                    ("parent", &i.process_counter_in_parent.to_string()),
                ]) }</p>
                <p class="counter thread" data-testid="isolation-thread">{ Text::IsolationThread.fill(lang, &[
                    ("n", &i.increments.to_string()),
                    ("value", &i.thread_counter.to_string()),
                ]) }</p>
            </div>
            // Only the page's child is a fresh memory; CPython's depends on its start method.
            <p class="verdict">{ prose((if cpython { Text::IsolationVerdictCpython } else { Text::IsolationVerdict }).marked(lang)) }</p>
        </div>
    }
}
