//! `#/lock`: the post's §3.2.1. Lost updates without the lock, none with it.

use super::shared::{legend, span_rows};
use crate::experiments::lock::{LockFigures, LockPage};
use crate::i18n::{Lang, Text};
use crate::ui::code_region::{LOCK_PYTHON, LOCK_SOURCE};
use crate::ui::components::code::CodePanel;
use crate::ui::components::experiment::{ExperimentPanel, ExperimentView};
use crate::ui::components::timeline::Timeline;
use crate::ui::lang::use_lang;
use crate::ui::plot_axis::format_ms;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LockPageProps {
    pub query: Vec<(String, String)>,
}

#[function_component(LockPageView)]
pub fn lock_page(props: &LockPageProps) -> Html {
    let ctx = use_lang();
    html! {
        <section class="page">
            <h2>{ ctx.t(Text::NavLock) }</h2>
            <p>{ ctx.t(Text::LockIntro) }</p>
            <p class="presets">
                <a href="#/lock?use_lock=true">{ ctx.t(Text::LockPresetWith) }</a>
                <a href="#/lock?use_lock=false">{ ctx.t(Text::LockPresetWithout) }</a>
            </p>
            <ExperimentPanel<LockPage> path="/lock" query={props.query.clone()} />
            <CodePanel python={LOCK_PYTHON} rust={vec![(LOCK_SOURCE, "lock")]} />
        </section>
    }
}

impl ExperimentView for LockPage {
    fn figures(f: &LockFigures, lang: Lang) -> Html {
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
                    rows={span_rows(&f.timeline, lang)} legend={legend(f.timeline.iter().map(|s| s.state), lang)} />
            </div>
        }
    }
}
