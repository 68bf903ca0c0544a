//! The home page: what the playground is, and the system check.

use crate::experiments::system::{System, SystemFigures, SEQUENTIAL_LANE};
use crate::i18n::{Lang, Text};
use crate::trace::State;
use crate::ui::components::bars::{Bar, Bars};
use crate::ui::components::experiment::{ExperimentPanel, ExperimentView};
use crate::ui::components::timeline::{Row, Timeline};
use crate::ui::lang::use_lang;
use crate::ui::plot_axis::format_ms;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HomeProps {
    pub query: Vec<(String, String)>,
}

#[function_component(Home)]
pub fn home(props: &HomeProps) -> Html {
    let ctx = use_lang();
    html! {
        <section class="page">
            <p>{ ctx.t(Text::HomeIntro1) }</p>
            <p>{ ctx.t(Text::HomeIntro2) }</p>
            <h2>{ ctx.t(Text::SystemTitle) }</h2>
            <p>{ ctx.t(Text::SystemIntro) }</p>
            <ExperimentPanel<System> path="/" query={props.query.clone()} />
        </section>
    }
}

/// Lane names in reports are data ("sequential", "thread 3"); these are
/// their names on screen.
pub fn lane_label(lane: &str, lang: Lang) -> String {
    if lane == SEQUENTIAL_LANE {
        return Text::LaneSequential.get(lang).to_string();
    }
    match lane.strip_prefix("thread ") {
        Some(i) => Text::LaneThread.fill(lang, &[("i", i)]),
        None => lane.to_string(),
    }
}

fn rows(figures: &SystemFigures, lang: Lang) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for span in &figures.timeline {
        let label = lane_label(&span.lane, lang);
        match rows.iter_mut().find(|r| r.label == label) {
            Some(row) => row.spans.push((span.start_ms, span.end_ms, span.state)),
            None => rows.push(Row {
                label,
                spans: vec![(span.start_ms, span.end_ms, span.state)],
            }),
        }
    }
    rows
}

impl ExperimentView for System {
    fn figures(f: &SystemFigures, lang: Lang) -> Html {
        let k = f
            .timeline
            .iter()
            .filter(|s| s.lane != SEQUENTIAL_LANE)
            .count()
            .to_string();
        let cores = crate::runtime::env::env().hardware_concurrency.to_string();
        let verdict = if f.speedup > 1.2 {
            Text::SpeedupVerdictYes
        } else {
            Text::SpeedupVerdictNo
        };
        let ms = |x: f64| Text::Milliseconds.fill(lang, &[("ms", &format_ms(x))]);
        html! {
            <div class="figures">
                <h3>{ Text::SpeedupHeading.get(lang) }</h3>
                <Bars title={Text::SpeedupHeading.get(lang)} unit="ms" bars={vec![
                    Bar { label: Text::SequentialLabel.fill(lang, &[("k", &k)]), value: f.sequential_ms, class: "slow" },
                    Bar { label: Text::ParallelLabel.fill(lang, &[("k", &k)]), value: f.parallel_ms, class: "fast" },
                ]} />
                <p class="verdict" data-testid="speedup">
                    <strong>{ Text::SpeedupResult.fill(lang, &[("x", &format!("{:.2}", f.speedup)), ("cores", &cores)]) }</strong>
                    {" "}{ verdict.get(lang) }
                </p>
                <h3>{ Text::TimelineHeading.get(lang) }</h3>
                <Timeline title={Text::TimelineHeading.get(lang)} axis_label={Text::TimelineAxis.get(lang)}
                    rows={rows(f, lang)} legend={vec![(State::Running, Text::StateRunning.get(lang).to_string())]} />
                <h3>{ Text::StartHeading.get(lang) }</h3>
                <table class="numbers">
                    <thead><tr>
                        <th scope="col">{ Text::StartThreads.get(lang) }</th>
                        <th scope="col">{ Text::StartCold.get(lang) }</th>
                        <th scope="col">{ Text::StartWarm.get(lang) }</th>
                    </tr></thead>
                    <tbody>
                        { for f.thread_start.iter().map(|s| html! {
                            <tr><th scope="row">{ s.threads }</th><td>{ ms(s.cold_ms) }</td><td>{ ms(s.warm_ms) }</td></tr>
                        }) }
                    </tbody>
                </table>
                <p class="note">{ Text::StartNote.get(lang) }</p>
            </div>
        }
    }
}
