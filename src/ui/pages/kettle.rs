//! `#/kettle`: the post's §2. The four kettle cases, side by side.

use super::{Block, Code, FromPost, Page, Preset};
use crate::experiments::kettle::{KettleExperiment, KettleFigures, KettleParams, LaneAt};
use crate::i18n::{Lang, Text};
use crate::timeline::StateWord;
use crate::ui::components::experiment::{CPythonSpec, ExperimentPanel, ExperimentView};
use crate::ui::components::timeline::{legend, span_rows, Timeline};
use crate::ui::plot_axis::format_ms;
use yew::prelude::*;

pub const PAGE: Page = Page {
    path: "kettle",
    title: Some(Text::NavKettle),
    intro: &[
        Block::Paragraph(Text::KettleIntro1),
        Block::Steps(&[
            Text::KettleCase1,
            Text::KettleCase2,
            Text::KettleCase3,
            Text::KettleCase4,
        ]),
    ],
    from_post: FromPost {
        section: "2.1",
        claim: Text::PostKettleClaim,
        shows: Text::PostKettleShows,
        lessons: &[Text::PostKettleLesson1],
        slips: &[],
        differs: &[Text::PostKettleDiff1, Text::PostKettleDiff2],
    },
    presets: &[
        Preset {
            label: Text::TryKettle1,
            query: "check_every_minutes=4",
            look_for: Text::TryKettle1Look,
            name: None,
        },
        Preset {
            label: Text::TryKettle2,
            query: "boil_minutes=1",
            look_for: Text::TryKettle2Look,
            name: None,
        },
    ],
    panel: |path, query, visit| html! { <ExperimentPanel<KettleExperiment> {path} {query} {visit} /> },
    code: Some(Code {
        python: include_str!("../../experiments/python/kettle.py"),
        rust: &[(include_str!("../../experiments/kettle.rs"), "cases")],
    }),
};

impl ExperimentView for KettleExperiment {
    fn cpython() -> Option<CPythonSpec> {
        Some(CPythonSpec::of::<Self>("kettle.py"))
    }

    fn key_figures(f: &KettleFigures, _params: &KettleParams, lang: Lang) -> Vec<(String, String)> {
        f.cases
            .iter()
            .flat_map(|c| {
                let case = [("case", c.case.label(lang))];
                [
                    (
                        Text::CmpKettleTv.fill(lang, &case),
                        format!("{:.2}", c.tv_minutes),
                    ),
                    (
                        Text::CmpKettleDelay.fill(lang, &case),
                        format!("{:.2}", c.pickup_delay_minutes),
                    ),
                ]
            })
            .collect()
    }

    fn figures(f: &KettleFigures, _params: &KettleParams, lang: Lang) -> Html {
        // The time cursor's words: what the man and the kettle do then, in
        // each case.
        let doing = {
            let f = f.clone();
            Callback::from(move |t: f64| {
                let word = |at: LaneAt| match at {
                    LaneAt::In(state) => state.label(lang),
                    LaneAt::Between => Text::KettleCursorBetween.get(lang),
                    LaneAt::Finished => Text::KettleCursorFinished.get(lang),
                };
                let key = |at: LaneAt| match at {
                    LaneAt::In(state) => state.key(),
                    LaneAt::Between => "between",
                    LaneAt::Finished => "finished",
                };
                html! {
                    <ul>
                        { for f.at(t).into_iter().map(|c| html! {
                            <li data-testid="cursor-case" data-case={c.case.name()} data-person={key(c.person)} data-kettle={key(c.kettle)}>
                                { Text::KettleCursorCase.fill(lang, &[
                                    ("case", c.case.label(lang)), ("person", word(c.person)), ("kettle", word(c.kettle)),
                                ]) }
                            </li>
                        }) }
                    </ul>
                }
            })
        };
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
                                <th scope="row">{ c.case.label(lang) }</th>
                                <td>{ format_ms(c.tv_minutes) }</td>
                                <td>{ c.checks }</td>
                                <td>{ format_ms(c.pickup_delay_minutes) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <h3>{ Text::KettleTimelineHeading.get(lang) }</h3>
                <Timeline title={Text::KettleTimelineHeading.get(lang)} axis_label={Text::KettleAxis.fill(lang, &[("ms", &format_ms(f.ms_per_minute))])}
                    rows={span_rows(&f.timeline, lang)} legend={legend(f.timeline.iter().map(|s| s.state), lang)}
                    describe={doing} />
            </div>
        }
    }
}
