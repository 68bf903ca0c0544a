//! `#/async`: the post's §4.2. Sleeping tasks on one event loop.

use super::{Block, Code, Page};
use crate::experiments::async_await::{AsyncExperiment, AsyncFigures, AsyncParams};
use crate::i18n::{Lang, Text};
use crate::ui::components::bars::{Bar, Bars};
use crate::ui::components::experiment::{ExperimentPanel, ExperimentView};
use crate::ui::components::timeline::{legend, span_rows, Timeline};
use yew::prelude::*;

pub const PAGE: Page = Page {
    path: "async",
    title: Some(Text::NavAsync),
    intro: &[Block::Paragraph(Text::AsyncIntro)],
    presets: &[],
    panel: |path, query, visit| html! { <ExperimentPanel<AsyncExperiment> {path} {query} {visit} /> },
    code: Some(Code {
        python: include_str!("../../experiments/python/async_await.py"),
        rust: &[(include_str!("../../experiments/async_await.rs"), "task")],
    }),
};

impl ExperimentView for AsyncExperiment {
    fn figures(f: &AsyncFigures, _params: &AsyncParams, lang: Lang) -> Html {
        let longest = f.tasks.iter().map(|t| t.sleep_ms).fold(0.0, f64::max);
        let sum: f64 = f.tasks.iter().map(|t| t.sleep_ms).sum();
        let mut bars = vec![Bar {
            label: Text::AsyncTogether.get(lang).to_string(),
            value: f.concurrent_ms,
            class: "fast",
        }];
        if let Some(ms) = f.sequential_ms {
            bars.push(Bar {
                label: Text::AsyncOneByOne.get(lang).to_string(),
                value: ms,
                class: "slow",
            });
        }
        let verdict = Text::AsyncVerdict.fill(
            lang,
            &[
                ("together", &format!("{:.0}", f.concurrent_ms)),
                ("longest", &format!("{longest:.0}")),
                ("sum", &format!("{sum:.0}")),
            ],
        );
        html! {
            <div class="figures">
                <h3>{ Text::AsyncBarsHeading.get(lang) }</h3>
                <Bars title={Text::AsyncBarsHeading.get(lang)} unit="ms" {bars} />
                <p class="verdict">{ verdict }</p>
                <h3>{ Text::AsyncTimelineHeading.get(lang) }</h3>
                <Timeline title={Text::AsyncTimelineHeading.get(lang)} axis_label={Text::TimelineAxis.get(lang)}
                    rows={span_rows(&f.timeline, lang)} legend={legend(f.timeline.iter().map(|s| s.state), lang)} />
                <p class="note">{ Text::AsyncTimelineNote.get(lang) }</p>
            </div>
        }
    }
}
