//! The home page: what the playground is, and the system check.

use super::{Block, FromPost, Page, Preset};
use crate::experiments::speedup;
use crate::experiments::system::{SystemExperiment, SystemFigures, SystemParams};
use crate::i18n::{Lang, Text};
use crate::ui::components::bars::{Bar, Bars};
use crate::ui::components::experiment::{ExperimentPanel, ExperimentView};
use crate::ui::components::timeline::{legend, span_rows, Timeline};
use crate::ui::plot_axis::format_ms;
use yew::prelude::*;

pub const PAGE: Page = Page {
    path: "",
    title: None,
    intro: &[
        Block::Paragraph(Text::HomeIntro1),
        Block::Paragraph(Text::HomeIntro2),
        Block::Heading(Text::SystemTitle),
        Block::Paragraph(Text::SystemIntro),
    ],
    from_post: FromPost {
        section: "1 · 3.1",
        claim: Text::PostHomeClaim,
        shows: Text::PostHomeShows,
        lessons: &[],
        slips: &[],
        differs: &[Text::PostHomeDiff1, Text::PostHomeDiff2],
    },
    presets: &[
        Preset {
            label: Text::TryHome1,
            query: "n=25&repeat=10",
            look_for: Text::TryHome1Look,
            name: None,
        },
        Preset {
            label: Text::TryHome2,
            query: "threads=1",
            look_for: Text::TryHome2Look,
            name: None,
        },
        Preset {
            label: Text::TryHome3,
            query: "n=32&repeat=20",
            look_for: Text::TryHome3Look,
            name: None,
        },
    ],
    panel: |path, query, visit| html! { <ExperimentPanel<SystemExperiment> {path} {query} {visit} /> },
    code: None,
};

impl ExperimentView for SystemExperiment {
    fn figures(f: &SystemFigures, params: &SystemParams, lang: Lang) -> Html {
        let k = params.threads.to_string();
        let cores = crate::runtime::env::env().hardware_concurrency as usize;
        // The most k threads can gain here: k, or the cores if fewer.
        let cap = Some(params.threads.min(cores.max(1)));
        let verdict = crate::experiments::system::verdict(params.threads, f.speedup, cap);
        let ms = |x: f64| Text::Milliseconds.fill(lang, &[("ms", &format_ms(x))]);
        html! {
            <div class="figures">
                <h3>{ Text::SpeedupHeading.get(lang) }</h3>
                <Bars title={Text::SpeedupHeading.get(lang)} unit="ms" bars={vec![
                    Bar { label: Text::SequentialLabel.fill(lang, &[("k", &k)]), value: f.sequential_ms, class: "slow" },
                    Bar { label: Text::ParallelLabel.fill(lang, &[("k", &k)]), value: f.parallel_ms, class: "fast" },
                ]} />
                <p class="verdict" data-testid="speedup">
                    <strong>{ Text::SpeedupResult.fill(lang, &[("speedup", &speedup::sentence(f.speedup, cap, lang)), ("cores", &cores.to_string())]) }</strong>
                    if let Some(verdict) = verdict { {" "}{ verdict.get(lang) } }
                </p>
                <h3>{ Text::TimelineHeading.get(lang) }</h3>
                <Timeline title={Text::TimelineHeading.get(lang)} axis_label={Text::TimelineAxis.get(lang)}
                    rows={span_rows(&f.timeline, lang)}
                    legend={legend(f.timeline.iter().map(|s| s.state), lang)} />
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
