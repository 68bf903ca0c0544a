//! `#/processes`: the post's §3.1. Threads against processes, the cost of
//! starting each, and the isolation lesson.

use super::shared::{legend, mode_name, rows};
use crate::experiments::fib_modes::Mode;
use crate::experiments::processes::{Processes, ProcessesFigures};
use crate::i18n::{Lang, Text};
use crate::ui::code_region::{MODES_SOURCE, PROCESSES_PYTHON, PROCESSES_SOURCE};
use crate::ui::components::bars::{Bar, Bars};
use crate::ui::components::code::CodePanel;
use crate::ui::components::experiment::{ExperimentPanel, ExperimentView};
use crate::ui::components::timeline::Timeline;
use crate::ui::lang::use_lang;
use crate::ui::plot_axis::format_ms;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProcessesPageProps {
    pub query: Vec<(String, String)>,
}

#[function_component(ProcessesPage)]
pub fn processes_page(props: &ProcessesPageProps) -> Html {
    let ctx = use_lang();
    html! {
        <section class="page">
            <h2>{ ctx.t(Text::NavProcesses) }</h2>
            <p>{ ctx.t(Text::ProcessesIntro1) }</p>
            <p>{ ctx.t(Text::ProcessesIntro2) }</p>
            <ExperimentPanel<Processes> path="/processes" query={props.query.clone()} />
            <CodePanel python={PROCESSES_PYTHON} rust={vec![
                (MODES_SOURCE, "processes"), (PROCESSES_SOURCE, "isolation"),
            ]} />
        </section>
    }
}

impl ExperimentView for Processes {
    fn figures(f: &ProcessesFigures, lang: Lang) -> Html {
        let ms = |x: f64| Text::Milliseconds.fill(lang, &[("ms", &format_ms(x))]);
        let bars = f
            .runs
            .iter()
            .map(|r| Bar {
                label: format!(
                    "{} ({})",
                    mode_name(r.mode, lang),
                    Text::ProcessesSpawnOf.fill(lang, &[("ms", &format_ms(r.spawn_ms))])
                ),
                value: r.ms,
                class: if r.mode == Mode::Processes {
                    "processes"
                } else {
                    "fast"
                },
            })
            .collect::<Vec<_>>();
        let workers = f
            .timeline
            .iter()
            .filter(|s| s.mode == Mode::Processes)
            .map(|s| s.lane.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len()
            .to_string();
        let spawn_of = f
            .runs
            .iter()
            .find(|r| r.mode == Mode::Processes)
            .map_or(0.0, |r| r.spawn_ms);
        let break_even = match f.break_even_n {
            Some(m) => Text::BreakEven.fill(
                lang,
                &[
                    ("fib", &format_ms(f.fib_ms)),
                    ("spawn", &format_ms(spawn_of)),
                    ("m", &m.to_string()),
                    ("k", &workers),
                ],
            ),
            None => Text::BreakEvenNever.get(lang).to_string(),
        };
        let i = &f.isolation;
        html! {
            <div class="figures">
                <h3>{ Text::ProcessesBarsHeading.get(lang) }</h3>
                <Bars title={Text::ProcessesBarsHeading.get(lang)} unit="ms" {bars} />
                <p class="verdict" data-testid="break-even">{ break_even }</p>
                <h3>{ Text::GilTimelineHeading.get(lang) }</h3>
                <Timeline title={Text::GilTimelineHeading.get(lang)} axis_label={Text::TimelineAxis.get(lang)}
                    rows={rows(&f.timeline, lang)} legend={legend(f.timeline.iter().map(|s| s.state), lang)} />
                <h3>{ Text::SpawnHeading.fill(lang, &[("k", &workers)]) }</h3>
                <table class="numbers">
                    <thead><tr>
                        <th scope="col">{ Text::SpawnMode.get(lang) }</th>
                        <th scope="col">{ Text::StartCold.get(lang) }</th>
                        <th scope="col">{ Text::StartWarm.get(lang) }</th>
                    </tr></thead>
                    <tbody>
                        { for f.spawn.iter().map(|s| html! {
                            <tr><th scope="row">{ mode_name(s.mode, lang) }</th><td>{ ms(s.cold_ms) }</td><td>{ ms(s.warm_ms) }</td></tr>
                        }) }
                    </tbody>
                </table>
                <p class="note">{ Text::SpawnProcessNote.get(lang) }</p>
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
                <p class="verdict">{ Text::IsolationVerdict.get(lang) }</p>
            </div>
        }
    }
}
