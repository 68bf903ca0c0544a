//! `#/lock`: the post's §3.2.1. Lost updates without the lock, none with it.

use super::{Block, Code, Page, Preset};
use crate::experiments::lock::{LockExperiment, LockFigures, LockParams};
use crate::i18n::{Lang, Text};
use crate::ui::components::experiment::{ExperimentPanel, ExperimentView};
use crate::ui::components::timeline::{legend, span_rows, Timeline};
use crate::ui::plot_axis::format_ms;
use yew::prelude::*;

pub const PAGE: Page = Page {
    path: "lock",
    title: Some(Text::NavLock),
    intro: &[Block::Paragraph(Text::LockIntro)],
    presets: &[
        Preset {
            label: Text::LockPresetWith,
            query: "use_lock=true",
            name: None,
        },
        Preset {
            label: Text::LockPresetWithout,
            query: "use_lock=false",
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
    fn figures(f: &LockFigures, _params: &LockParams, lang: Lang) -> Html {
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
                <p class="note">{ Text::LockTimes.fill(lang, &[
                    ("ms", &format_ms(f.ms)), ("spawn", &format_ms(f.spawn_ms)), ("overlap", &f.max_overlap.to_string()),
                ]) }</p>
                <h3>{ Text::LockTimelineHeading.get(lang) }</h3>
                <Timeline title={Text::LockTimelineHeading.get(lang)} axis_label={Text::TimelineAxis.get(lang)}
                    rows={span_rows(&f.timeline, lang)}
                    legend={legend(f.timeline.iter().map(|s| s.state), lang)} />
            </div>
        }
    }
}
