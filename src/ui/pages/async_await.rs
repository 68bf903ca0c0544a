//! `#/async`: the post's §4.2. Sleeping tasks on one event loop.

use super::{Block, Code, FromPost, Page, Preset};
use crate::experiments::async_await::{AsyncExperiment, AsyncFigures, AsyncParams, SleepKind};
use crate::i18n::{Lang, Text};
use crate::ui::components::bars::{Bar, Bars};
use crate::ui::components::experiment::{CPythonSpec, ExperimentPanel, ExperimentView};
use crate::ui::components::prose::prose;
use crate::ui::components::timeline::{legend, span_rows, Timeline};
use yew::prelude::*;

pub const PAGE: Page = Page {
    path: "async",
    title: Some(Text::NavAsync),
    intro: &[Block::Paragraph(Text::AsyncIntro)],
    from_post: FromPost {
        section: "4.2",
        claim: Text::PostAsyncClaim,
        shows: Text::PostAsyncShows,
        lessons: &[Text::PostAsyncLesson1, Text::PostAsyncLesson2],
        slips: &[
            Text::PostAsyncSlip1,
            Text::PostAsyncSlip2,
            Text::PostAsyncSlip3,
        ],
        differs: &[Text::PostAsyncDiff1, Text::PostAsyncDiff2],
    },
    presets: &[
        Preset {
            label: Text::TryAsync1,
            query: "sleep=time&unit_ms=300",
            look_for: Text::TryAsync1Look,
            name: Some("blocking-sleep"),
        },
        Preset {
            label: Text::TryAsync2,
            query: "tasks=10&unit_ms=100",
            look_for: Text::TryAsync2Look,
            name: None,
        },
    ],
    panel: |path, query, visit| html! { <ExperimentPanel<AsyncExperiment> {path} {query} {visit} /> },
    code: Some(Code {
        python: include_str!("../../experiments/python/async_await.py"),
        rust: &[(include_str!("../../experiments/async_await.rs"), "task")],
    }),
};

impl ExperimentView for AsyncExperiment {
    fn cpython() -> Option<CPythonSpec> {
        Some(CPythonSpec::of::<Self>("async_await.py"))
    }

    fn key_figures(f: &AsyncFigures, params: &AsyncParams, lang: Lang) -> Vec<(String, String)> {
        let unit = params.unit_ms as f64;
        let longest = params.tasks as f64 * unit;
        let sum = (params.tasks * (params.tasks + 1) / 2) as f64 * unit;
        let mut rows = vec![(
            Text::CmpTogetherOverLongest.get(lang).into(),
            format!("{:.2}", f.concurrent_ms / longest),
        )];
        if let Some(one_by_one) = f.sequential_ms {
            rows.push((
                Text::CmpOneByOneOverSum.get(lang).into(),
                format!("{:.2}", one_by_one / sum),
            ));
        }
        rows
    }

    fn figures(f: &AsyncFigures, params: &AsyncParams, lang: Lang) -> Html {
        let blocking = params.sleep == SleepKind::Time;
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
        let verdict = if blocking {
            Text::AsyncVerdictBlocking
        } else {
            Text::AsyncVerdict
        }
        .fill_marked(
            lang,
            &[
                ("together", &format!("{:.0}", f.concurrent_ms)),
                ("longest", &format!("{longest:.0}")),
                ("sum", &format!("{sum:.0}")),
            ],
        );
        // The time cursor's words: what each run's event loop does then.
        let loop_at = {
            let f = f.clone();
            Callback::from(move |t: f64| {
                let ids = |ids: &[usize]| {
                    ids.iter()
                        .map(usize::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let runs = [(false, Text::AsyncTogether, "together")]
                    .into_iter()
                    .chain(
                        f.sequential_ms
                            .map(|_| (true, Text::AsyncOneByOne, "one_by_one")),
                    );
                html! {
                    <ul>
                        { for runs.map(|(one_by_one, name, key)| if blocking {
                            let at = f.blocked_at(one_by_one, t);
                            let counts = [("run", name.get(lang).to_string()), ("done", at.done.to_string()), ("pending", at.pending.to_string())];
                            let words = match at.blocked_by {
                                Some(id) => Text::AsyncCursorBlocked.fill(lang, &[
                                    ("run", &counts[0].1), ("id", &id.to_string()), ("done", &counts[1].1), ("pending", &counts[2].1),
                                ]),
                                None => Text::AsyncCursorBlockedIdle.fill(lang, &[
                                    ("run", &counts[0].1), ("done", &counts[1].1), ("pending", &counts[2].1),
                                ]),
                            };
                            html! {
                                <li data-testid="cursor-loop" data-run={key} data-blocked={at.blocked_by.is_some().to_string()}
                                    data-done={at.done.to_string()}>{ words }</li>
                            }
                        } else {
                            let at = f.loop_at(one_by_one, t);
                            let mut doing = Vec::new();
                            if !at.starting.is_empty() {
                                doing.push(Text::AsyncLoopStarts.fill(lang, &[("ids", &ids(&at.starting))]));
                            }
                            if !at.finishing.is_empty() {
                                doing.push(Text::AsyncLoopFinishes.fill(lang, &[("ids", &ids(&at.finishing))]));
                            }
                            if doing.is_empty() {
                                doing.push(Text::AsyncLoopIdle.get(lang).to_string());
                            }
                            html! {
                                <li data-testid="cursor-loop" data-run={key} data-starting={at.starting.len().to_string()}
                                    data-finishing={at.finishing.len().to_string()} data-waiting={at.waiting.to_string()}
                                    data-done={at.done.to_string()}>
                                    { Text::AsyncCursorLoop.fill(lang, &[
                                        ("run", name.get(lang)), ("doing", &doing.join("; ")),
                                        ("waiting", &at.waiting.to_string()), ("done", &at.done.to_string()),
                                    ]) }
                                </li>
                            }
                        }) }
                    </ul>
                }
            })
        };
        html! {
            <div class="figures">
                <h3>{ Text::AsyncBarsHeading.get(lang) }</h3>
                <Bars title={Text::AsyncBarsHeading.get(lang)} unit="ms" {bars} />
                <p class="verdict" data-testid="async-verdict">{ prose(&verdict) }</p>
                <h3>{ Text::AsyncTimelineHeading.get(lang) }</h3>
                <Timeline title={Text::AsyncTimelineHeading.get(lang)} axis_label={Text::TimelineAxis.get(lang)}
                    rows={span_rows(&f.timeline, lang)} legend={legend(f.timeline.iter().map(|s| s.state), lang)}
                    describe={loop_at} />
                <p class="note">{ prose(if blocking { Text::AsyncTimelineNoteBlocking } else { Text::AsyncTimelineNote }.marked(lang)) }</p>
            </div>
        }
    }
}
