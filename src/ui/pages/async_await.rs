//! `#/async`: the post's §4.2. Sleeping tasks on one event loop.

use super::shared::{legend, span_rows};
use crate::experiments::async_await::{AsyncFigures, AsyncPage};
use crate::i18n::{Lang, Text};
use crate::ui::code_region::{ASYNC_PYTHON, ASYNC_SOURCE};
use crate::ui::components::bars::{Bar, Bars};
use crate::ui::components::code::CodePanel;
use crate::ui::components::experiment::{ExperimentPanel, ExperimentView};
use crate::ui::components::timeline::Timeline;
use crate::ui::lang::use_lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AsyncPageProps {
    pub query: Vec<(String, String)>,
}

#[function_component(AsyncPageView)]
pub fn async_page(props: &AsyncPageProps) -> Html {
    let ctx = use_lang();
    html! {
        <section class="page">
            <h2>{ ctx.t(Text::NavAsync) }</h2>
            <p>{ ctx.t(Text::AsyncIntro) }</p>
            <ExperimentPanel<AsyncPage> path="/async" query={props.query.clone()} />
            <CodePanel python={ASYNC_PYTHON} rust={vec![(ASYNC_SOURCE, "task")]} />
        </section>
    }
}

impl ExperimentView for AsyncPage {
    fn figures(f: &AsyncFigures, lang: Lang) -> Html {
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
