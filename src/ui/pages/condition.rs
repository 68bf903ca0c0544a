//! `#/condition`: the post's §3.2.3. Waits and wake-ups, and the lost
//! wake-up of the post's own example, shown and cured.

use super::{Block, Code, FromPost, Page, Preset};
use crate::experiments::condition::{
    ConditionExperiment, ConditionFigures, ConditionParams, LOST_WAKEUP, LOST_WAKEUP_CURED,
    NOT_CHOSEN,
};
use crate::i18n::{Lang, Text};
use crate::ui::components::experiment::{CPythonSpec, ExperimentPanel, ExperimentView};
use crate::ui::components::prose::prose;
use crate::ui::components::timeline::{legend, span_rows, Timeline};
use crate::ui::plot_axis::format_ms;
use yew::prelude::*;

pub const PAGE: Page = Page {
    path: "condition",
    title: Some(Text::NavCondition),
    intro: &[
        Block::Paragraph(Text::ConditionIntro1),
        Block::Paragraph(Text::ConditionIntro2),
    ],
    from_post: FromPost {
        section: "3.2.3",
        claim: Text::PostConditionClaim,
        shows: Text::PostConditionShows,
        lessons: &[Text::PostConditionLesson1, Text::PostConditionLesson2],
        slips: &[Text::PostConditionSlip1],
        differs: &[Text::PostConditionDiff1, Text::PostConditionDiff2],
    },
    presets: &[
        Preset {
            label: Text::ConditionPresetLost,
            query: LOST_WAKEUP,
            look_for: Text::TryConditionLostLook,
            name: Some("lost"),
        },
        Preset {
            label: Text::ConditionPresetCured,
            query: LOST_WAKEUP_CURED,
            look_for: Text::TryConditionCuredLook,
            name: Some("cured"),
        },
        Preset {
            label: Text::TryCondition3,
            query: NOT_CHOSEN,
            look_for: Text::TryCondition3Look,
            name: Some("not-chosen"),
        },
    ],
    panel: |path, query, visit| html! { <ExperimentPanel<ConditionExperiment> {path} {query} {visit} /> },
    code: Some(Code {
        python: include_str!("../../experiments/python/condition.py"),
        rust: &[(include_str!("../../experiments/condition.rs"), "consumer")],
    }),
};

impl ExperimentView for ConditionExperiment {
    fn cpython() -> Option<CPythonSpec> {
        Some(CPythonSpec::of::<Self>("condition.py"))
    }

    fn key_figures(
        f: &ConditionFigures,
        params: &ConditionParams,
        lang: Lang,
    ) -> Vec<(String, String)> {
        f.consumers
            .iter()
            .map(|c| {
                (
                    Text::CmpConsumer.fill(lang, &[("i", &c.id.to_string())]),
                    crate::i18n::plain(&c.outcome.words(c.woke_ms, params.notify, lang)),
                )
            })
            .collect()
    }

    fn figures(f: &ConditionFigures, params: &ConditionParams, lang: Lang) -> Html {
        let ms = |x: f64| Text::Milliseconds.fill(lang, &[("ms", &format_ms(x))]);
        // The time cursor's words: has the notify come yet, who has been
        // woken by it and who has given up, from the report.
        let notified_at = {
            let f = f.clone();
            Callback::from(move |t: f64| {
                let woken: Vec<String> = f.woken_by(t).iter().map(usize::to_string).collect();
                let notify = if t >= f.notify_ms {
                    Text::ConditionCursorNotified.fill(lang, &[("ms", &format_ms(f.notify_ms))])
                } else {
                    Text::ConditionCursorNotYet.get(lang).to_string()
                };
                let woken_text = if woken.is_empty() {
                    Text::ConditionCursorNoneWoken.get(lang).to_string()
                } else {
                    Text::ConditionCursorWoken.fill(lang, &[("who", &woken.join(", "))])
                };
                html! {
                    <p data-testid="cursor-notified" data-notified={(t >= f.notify_ms).to_string()} data-woken={woken.len().to_string()}>
                        { notify }{ " " }{ woken_text }
                    </p>
                }
            })
        };
        html! {
            <div class="figures">
                <h3>{ Text::ConditionTimelineHeading.get(lang) }</h3>
                <Timeline title={Text::ConditionTimelineHeading.get(lang)} axis_label={Text::TimelineAxis.get(lang)}
                    rows={span_rows(&f.timeline, lang)} legend={legend(f.timeline.iter().map(|s| s.state), lang)}
                    markers={vec![(f.notify_ms, Text::ConditionNotifyMarker.get(lang).to_string())]}
                    describe={notified_at} />
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
                                <td data-outcome={c.outcome_key()}>{ prose(&c.outcome.words(c.woke_ms, params.notify, lang)) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <p class="note">{ Text::ConditionNotifyAt.fill(lang, &[("ms", &format_ms(f.notify_ms))]) }</p>
            </div>
        }
    }
}
