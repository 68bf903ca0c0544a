//! `#/kettle`: the post's §2. The four kettle cases, side by side.

use super::shared::{legend, span_rows};
use crate::experiments::kettle::{Case, KettleFigures, KettlePage};
use crate::i18n::{Lang, Text};
use crate::ui::code_region::{KETTLE_PYTHON, KETTLE_SOURCE};
use crate::ui::components::code::CodePanel;
use crate::ui::components::experiment::{ExperimentPanel, ExperimentView};
use crate::ui::components::timeline::Timeline;
use crate::ui::lang::use_lang;
use crate::ui::plot_axis::format_ms;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct KettlePageProps {
    pub query: Vec<(String, String)>,
}

pub fn case_name(case: Case, lang: Lang) -> &'static str {
    match case {
        Case::SyncBlocking => Text::CaseSyncBlocking,
        Case::SyncNonblocking => Text::CaseSyncNonblocking,
        Case::AsyncBlocking => Text::CaseAsyncBlocking,
        Case::AsyncNonblocking => Text::CaseAsyncNonblocking,
    }
    .get(lang)
}

#[function_component(KettlePageView)]
pub fn kettle_page(props: &KettlePageProps) -> Html {
    let ctx = use_lang();
    html! {
        <section class="page">
            <h2>{ ctx.t(Text::NavKettle) }</h2>
            <p>{ ctx.t(Text::KettleIntro1) }</p>
            <ol>
                <li>{ ctx.t(Text::KettleCase1) }</li>
                <li>{ ctx.t(Text::KettleCase2) }</li>
                <li>{ ctx.t(Text::KettleCase3) }</li>
                <li>{ ctx.t(Text::KettleCase4) }</li>
            </ol>
            <ExperimentPanel<KettlePage> path="/kettle" query={props.query.clone()} />
            <CodePanel python={KETTLE_PYTHON} rust={vec![(KETTLE_SOURCE, "cases")]} />
        </section>
    }
}

impl ExperimentView for KettlePage {
    fn figures(f: &KettleFigures, lang: Lang) -> Html {
        html! {
            <div class="figures">
                <table class="numbers" data-testid="kettle-cases">
                    <thead><tr>
                        <th scope="col">{ Text::KettleTableCase.get(lang) }</th>
                        <th scope="col">{ Text::KettleTableTv.get(lang) }</th>
                        <th scope="col">{ Text::KettleTableChecks.get(lang) }</th>
                        <th scope="col">{ Text::KettleTableDelay.get(lang) }</th>
                    </tr></thead>
                    <tbody>
                        { for f.cases.iter().map(|c| html! {
                            <tr>
                                <th scope="row">{ case_name(c.case, lang) }</th>
                                <td>{ format_ms(c.tv_minutes) }</td>
                                <td>{ c.checks }</td>
                                <td>{ format_ms(c.pickup_delay_minutes) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <h3>{ Text::KettleTimelineHeading.get(lang) }</h3>
                <Timeline title={Text::KettleTimelineHeading.get(lang)} axis_label={Text::KettleAxis.fill(lang, &[("ms", &format_ms(f.ms_per_minute))])}
                    rows={span_rows(&f.timeline, lang)} legend={legend(f.timeline.iter().map(|s| s.state), lang)} />
            </div>
        }
    }
}
