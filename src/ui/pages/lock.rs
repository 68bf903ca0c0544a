//! `#/lock`: the post's §3.2.1. Lost updates without the lock, none with it.

use super::{Block, Code, FromPost, Page, Preset};
use crate::experiments::lock::{LockExperiment, LockFigures, LockParams, LockState};
use crate::i18n::{Lang, Text};
use crate::timeline::Worker;
use crate::ui::components::experiment::{CPythonSpec, ExperimentPanel, ExperimentView};
use crate::ui::components::prose::prose;
use crate::ui::components::timeline::{legend, span_rows, Timeline};
use crate::ui::plot_axis::format_ms;
use yew::prelude::*;

pub const PAGE: Page = Page {
    path: "lock",
    title: Some(Text::NavLock),
    intro: &[Block::Paragraph(Text::LockIntro)],
    from_post: FromPost {
        section: "3.2.1",
        claim: Text::PostLockClaim,
        shows: Text::PostLockShows,
        lessons: &[Text::PostLockLesson1],
        slips: &[],
        differs: &[Text::PostLockDiff1, Text::PostLockDiff2],
    },
    presets: &[
        Preset {
            label: Text::TryLock1,
            query: "use_lock=false",
            look_for: Text::TryLock1Look,
            name: None,
        },
        Preset {
            label: Text::TryLock2,
            query: "use_lock=false&sleep_ms=0",
            look_for: Text::TryLock2Look,
            name: None,
        },
        Preset {
            label: Text::TryLock3,
            query: "use_lock=true&threads=20&sleep_ms=5",
            look_for: Text::TryLock3Look,
            name: None,
        },
    ],
    panel: |path, query, visit| html! { <ExperimentPanel<LockExperiment> {path} {query} {visit} /> },
    code: Some(Code {
        python: include_str!("../../experiments/python/lock.py"),
        rust: &[(include_str!("../../experiments/lock.rs"), "lock")],
    }),
};

impl ExperimentView for LockExperiment {
    fn cpython() -> Option<CPythonSpec> {
        Some(CPythonSpec::of::<Self>("lock.py"))
    }

    fn key_figures(f: &LockFigures, _params: &LockParams, lang: Lang) -> Vec<(String, String)> {
        vec![
            (
                Text::CmpLockValue.get(lang).into(),
                format!("{} / {}", f.value, f.expected),
            ),
            (
                Text::CmpLostUpdates.get(lang).into(),
                f.lost_updates.to_string(),
            ),
            (
                Text::CmpMaxOverlap.get(lang).into(),
                f.max_overlap.to_string(),
            ),
        ]
    }

    fn figures(f: &LockFigures, params: &LockParams, lang: Lang) -> Html {
        // What the lesson is about starts when the threads are released
        // together; starting them is a note, not the axis (it can take
        // longer than the whole race).
        let mut released: Vec<_> = f.timeline.iter().map(|s| s.shifted(-f.spawn_ms)).collect();
        // Lanes in the order the threads read the counter: with the lock a
        // staircase, one window after another; without it, a block of
        // windows open at once.
        let read_at = |lane: &Worker| {
            f.timeline
                .iter()
                .find(|s| &s.lane == lane && s.state == LockState::ReadWrite)
                .map_or(f64::INFINITY, |s| s.start_ms)
        };
        released.sort_by(|a, b| read_at(&a.lane).total_cmp(&read_at(&b.lane)));
        // The time cursor's words: the counter at that instant, from the
        // report's writes (the timeline here is shifted to the release).
        let counter_at = {
            let f = f.clone();
            Callback::from(move |t: f64| {
                let at = t + f.spawn_ms;
                let writes = f.writes_by(at).len();
                html! {
                    <p data-testid="cursor-counter" data-value={f.counter_at(at).to_string()} data-writes={writes.to_string()}>
                        { Text::LockCursorCounter.fill(lang, &[
                            ("value", &f.counter_at(at).to_string()), ("writes", &writes.to_string()),
                        ]) }
                    </p>
                }
            })
        };
        let heading = if params.use_lock {
            Text::LockTimelineHeading
        } else {
            Text::LockTimelineHeadingNoLock
        };
        let n = |x: u64| x.to_string();
        let verdict = if f.lost_updates == 0 {
            Text::LockVerdictExact.fill(
                lang,
                &[("value", &n(f.value)), ("expected", &n(f.expected))],
            )
        } else {
            Text::LockVerdictLost.fill(
                lang,
                &[
                    ("value", &n(f.value)),
                    ("expected", &n(f.expected)),
                    ("lost", &n(f.lost_updates)),
                ],
            )
        };
        html! {
            <div class="figures">
                <p class={classes!("big-number", if f.lost_updates == 0 { "good" } else { "bad" })} data-testid="lock-verdict">
                    { verdict }
                </p>
                <p class="note" data-testid="lock-start-note">{ prose(Text::LockStartNote.marked(lang)) }</p>
                <p class="note">{ Text::LockTimes.fill(lang, &[
                    ("ms", &format_ms(f.ms)), ("spawn", &format_ms(f.spawn_ms)), ("overlap", &f.max_overlap.to_string()),
                ]) }</p>
                <h3>{ heading.get(lang) }</h3>
                <p class="note">{ Text::LockTimelineNote.fill(lang, &[
                    ("threads", &params.threads.to_string()), ("spawn", &format_ms(f.spawn_ms)),
                ]) }</p>
                <Timeline title={heading.get(lang)} axis_label={Text::LockTimelineAxis.get(lang)}
                    rows={span_rows(&released, lang)} describe={counter_at}
                    legend={legend(f.timeline.iter().map(|s| s.state), lang)} />
            </div>
        }
    }
}
