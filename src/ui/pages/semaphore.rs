//! `#/semaphore`: the post's §3.2.2. Never more holders than permits.

use super::{Block, Code, FromPost, Page, Preset};
use crate::experiments::semaphore::{SemaphoreExperiment, SemaphoreFigures, SemaphoreParams};
use crate::i18n::{Lang, Text};
use crate::ui::components::curve::{Curve, Series};
use crate::ui::components::experiment::{CPythonSpec, ExperimentPanel, ExperimentView};
use crate::ui::components::timeline::{legend, span_rows, Timeline};
use crate::ui::plot_axis::format_ms;
use yew::prelude::*;

pub const PAGE: Page = Page {
    path: "semaphore",
    title: Some(Text::NavSemaphore),
    intro: &[Block::Paragraph(Text::SemaphoreIntro)],
    from_post: FromPost {
        section: "3.2.2",
        claim: Text::PostSemaphoreClaim,
        shows: Text::PostSemaphoreShows,
        lessons: &[Text::PostSemaphoreLesson1],
        slips: &[],
        differs: &[
            Text::PostSemaphoreDiff1,
            Text::PostSemaphoreDiff2,
            Text::PostSemaphoreDiff3,
        ],
    },
    presets: &[
        Preset {
            label: Text::TrySemaphore1,
            query: "permits=1&max_hold_ms=400",
            look_for: Text::TrySemaphore1Look,
            name: None,
        },
        Preset {
            label: Text::TrySemaphore2,
            query: "permits=5&threads=5&max_hold_ms=1000",
            look_for: Text::TrySemaphore2Look,
            name: None,
        },
        Preset {
            label: Text::TrySemaphore3,
            query: "threads=20&permits=3&max_hold_ms=500",
            look_for: Text::TrySemaphore3Look,
            name: None,
        },
    ],
    panel: |path, query, visit| html! { <ExperimentPanel<SemaphoreExperiment> {path} {query} {visit} /> },
    code: Some(Code {
        python: include_str!("../../experiments/python/semaphore.py"),
        rust: &[(include_str!("../../experiments/semaphore.rs"), "semaphore")],
    }),
};

impl ExperimentView for SemaphoreExperiment {
    fn cpython() -> Option<CPythonSpec> {
        Some(CPythonSpec::of::<Self>("semaphore.py"))
    }

    fn key_figures(
        f: &SemaphoreFigures,
        _params: &SemaphoreParams,
        lang: Lang,
    ) -> Vec<(String, String)> {
        vec![
            (
                Text::CmpMaxHolders.get(lang).into(),
                f.max_concurrent.to_string(),
            ),
            (Text::CmpPermits.get(lang).into(), f.permits.to_string()),
        ]
    }

    fn figures(f: &SemaphoreFigures, _params: &SemaphoreParams, lang: Lang) -> Html {
        // The count as a step line: flat until each change, then up or down.
        let mut steps = vec![(0.0, 0.0)];
        for &(t, count) in &f.concurrency {
            let last = steps.last().map_or(0.0, |p| p.1);
            steps.push((t, last));
            steps.push((t, count as f64));
        }
        // The time cursor's words: the holders against the permits, from
        // the counted concurrency (the count after the last change by then).
        let holders_at = {
            let f = f.clone();
            Callback::from(move |t: f64| {
                let (holding, permits) = (f.holding_at(t), f.permits);
                html! {
                    <p data-testid="cursor-holders" data-holding={holding.to_string()}>
                        { Text::SemaphoreCursorHolders.fill(lang, &[
                            ("holding", &holding.to_string()), ("permits", &permits.to_string()),
                        ]) }
                    </p>
                }
            })
        };
        let log = f
            .log
            .iter()
            .map(|line| format!("{:>9} ms  {}", format_ms(line.t_ms), line.text))
            .collect::<Vec<_>>()
            .join("\n");
        html! {
            <div class="figures">
                <p class="big-number good" data-testid="semaphore-verdict">{ Text::SemaphoreVerdict.fill(lang, &[
                    ("most", &f.max_concurrent.to_string()), ("permits", &f.permits.to_string()),
                ]) }</p>
                <h3>{ Text::SemaphoreGanttHeading.get(lang) }</h3>
                <Timeline title={Text::SemaphoreGanttHeading.get(lang)} axis_label={Text::TimelineAxis.get(lang)}
                    rows={span_rows(&f.timeline, lang)} legend={legend(f.timeline.iter().map(|s| s.state), lang)}
                    describe={holders_at} />
                <h3>{ Text::SemaphoreCountHeading.get(lang) }</h3>
                <Curve title={Text::SemaphoreCountHeading.get(lang)} x_label={Text::TimelineAxis.get(lang)}
                    y_label={Text::SemaphoreCountAxis.get(lang)}
                    series={vec![Series { name: Text::SemaphoreCountAxis.get(lang).to_string(), class: "series-free", points: steps }]}
                    reference={Some((f.permits as f64, AttrValue::from(Text::SemaphorePermitsLine.fill(lang, &[("k", &f.permits.to_string())]))))} />
                <h3>{ Text::SemaphoreLogHeading.get(lang) }</h3>
                <pre class="code log" data-testid="semaphore-log">{ log }</pre>
            </div>
        }
    }
}
