//! `#/condition`: the post's §3.2.3. Waits and wake-ups, and the lost
//! wake-up of the post's own example, shown and cured.

use super::shared::{legend, span_rows};
use crate::experiments::condition::{ConditionFigures, ConditionPage, LOST_WAKEUP_PRESET};
use crate::i18n::{Lang, Text};
use crate::ui::code_region::{CONDITION_PYTHON, CONDITION_SOURCE};
use crate::ui::components::code::CodePanel;
use crate::ui::components::experiment::{ExperimentPanel, ExperimentView};
use crate::ui::components::timeline::Timeline;
use crate::ui::lang::use_lang;
use crate::ui::plot_axis::format_ms;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConditionPageProps {
    pub query: Vec<(String, String)>,
}

#[function_component(ConditionPageView)]
pub fn condition_page(props: &ConditionPageProps) -> Html {
    let ctx = use_lang();
    html! {
        <section class="page">
            <h2>{ ctx.t(Text::NavCondition) }</h2>
            <p>{ ctx.t(Text::ConditionIntro1) }</p>
            <p>{ ctx.t(Text::ConditionIntro2) }</p>
            <p class="presets">
                <a href="#/condition">{ ctx.t(Text::ConditionPresetDefault) }</a>
                <a href={format!("#/condition?{LOST_WAKEUP_PRESET}&use_predicate=false")} data-testid="preset-lost">
                    { ctx.t(Text::ConditionPresetLost) }</a>
                <a href={format!("#/condition?{LOST_WAKEUP_PRESET}&use_predicate=true")} data-testid="preset-cured">
                    { ctx.t(Text::ConditionPresetCured) }</a>
            </p>
            <ExperimentPanel<ConditionPage> path="/condition" query={props.query.clone()} />
            <CodePanel python={CONDITION_PYTHON} rust={vec![(CONDITION_SOURCE, "consumer")]} />
        </section>
    }
}

impl ExperimentView for ConditionPage {
    fn figures(f: &ConditionFigures, lang: Lang) -> Html {
        let ms = |x: f64| Text::Milliseconds.fill(lang, &[("ms", &format_ms(x))]);
        html! {
            <div class="figures">
                <h3>{ Text::ConditionTimelineHeading.get(lang) }</h3>
                <Timeline title={Text::ConditionTimelineHeading.get(lang)} axis_label={Text::TimelineAxis.get(lang)}
                    rows={span_rows(&f.timeline, lang)} legend={legend(f.timeline.iter().map(|s| s.state), lang)}
                    markers={vec![(f.notify_ms, Text::ConditionNotifyMarker.get(lang).to_string())]} />
                <table class="numbers" data-testid="consumers">
                    <thead><tr>
                        <th scope="col">{ Text::ConditionConsumer.get(lang) }</th>
                        <th scope="col">{ Text::ConditionStartCol.get(lang) }</th>
                        <th scope="col">{ Text::ConditionWaitCol.get(lang) }</th>
                        <th scope="col">{ Text::ConditionOutcomeCol.get(lang) }</th>
                    </tr></thead>
                    <tbody>
                        { for f.consumers.iter().map(|c| html! {
                            <tr class={if c.timed_out { "bad" } else { "good" }}>
                                <th scope="row">{ c.id }</th>
                                <td>{ ms(c.start_ms) }</td>
                                <td>{ ms(c.wait_start_ms) }</td>
                                <td>{ match c.woke_ms {
                                    Some(t) => Text::ConditionWoke.fill(lang, &[("ms", &format_ms(t))]),
                                    None => Text::ConditionTimedOut.get(lang).to_string(),
                                } }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <p class="note">{ Text::ConditionNotifyAt.fill(lang, &[("ms", &format_ms(f.notify_ms))]) }</p>
            </div>
        }
    }
}
