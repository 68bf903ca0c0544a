//! `#/coroutine`: the post's §4.1. The producer/consumer `send` dialogue,
//! run whole (Run) or one `send` at a time (Step).

use super::{Block, Code, FromPost, Page, Preset};
use crate::experiments::coroutine::{
    CoroutineExperiment, CoroutineFigures, CoroutineParams, Dialogue,
};
use crate::i18n::{Lang, Text};
use crate::ui::components::experiment::{CPythonSpec, ExperimentPanel, ExperimentView};
use crate::ui::components::sequence::Sequence;
use crate::ui::lang::use_lang;
use yew::prelude::*;

pub const PAGE: Page = Page {
    path: "coroutine",
    title: Some(Text::NavCoroutine),
    intro: &[
        Block::Paragraph(Text::CoroutineIntro),
        Block::Paragraph(Text::CoroutineWhy),
    ],
    from_post: FromPost {
        section: "4.1",
        claim: Text::PostCoroutineClaim,
        shows: Text::PostCoroutineShows,
        lessons: &[Text::PostCoroutineLesson1, Text::PostCoroutineLesson2],
        slips: &[],
        differs: &[Text::PostCoroutineDiff1],
    },
    presets: &[
        Preset {
            label: Text::TryCoroutine1,
            query: "items=1",
            look_for: Text::TryCoroutine1Look,
            name: None,
        },
        Preset {
            label: Text::TryCoroutine2,
            query: "items=10",
            look_for: Text::TryCoroutine2Look,
            name: None,
        },
    ],
    panel: |path, query, visit| html! { <ExperimentPanel<CoroutineExperiment> {path} {query} {visit} /> },
    code: Some(Code {
        python: include_str!("../../experiments/python/coroutine.py"),
        rust: &[(include_str!("../../experiments/coroutine.rs"), "coroutines")],
    }),
};

/// Step through the dialogue: each click resumes the producer once.
#[derive(Properties, PartialEq)]
struct StepperProps {
    /// The form's `items`, as it is now.
    items: u32,
}

#[function_component(Stepper)]
fn stepper(props: &StepperProps) -> Html {
    let ctx = use_lang();
    let items = props.items;
    let dialogue = use_mut_ref(|| Dialogue::new(items));
    let lines = use_state(Vec::new);
    let restart = {
        let (dialogue, lines) = (dialogue.clone(), lines.clone());
        move |items: u32| {
            *dialogue.borrow_mut() = Dialogue::new(items);
            lines.set(Vec::new());
        }
    };
    {
        let restart = restart.clone();
        use_effect_with(items, move |items| restart(*items));
    }
    let on_step = {
        let (dialogue, lines) = (dialogue.clone(), lines.clone());
        Callback::from(move |_| {
            let mut d = dialogue.borrow_mut();
            d.step();
            lines.set(d.lines());
        })
    };
    let on_reset = Callback::from(move |_| restart(items));
    let finished = dialogue.borrow().finished();
    html! {
        <section class="stepper" aria-labelledby="stepper-heading">
            <h3 id="stepper-heading">{ ctx.t(Text::CoroutineStepHeading) }</h3>
            <div class="actions">
                <button type="button" class="step" data-testid="step" onclick={on_step} disabled={finished}>
                    { ctx.t(Text::CoroutineStep) }</button>
                <button type="button" class="reset" onclick={on_reset}>{ ctx.t(Text::CoroutineReset) }</button>
                <span class="form-note">{ Text::CoroutineStepCount.fill(ctx.lang, &[("lines", &lines.len().to_string())]) }</span>
            </div>
            <Sequence lines={(*lines).clone()} title={ctx.t(Text::CoroutineStepHeading)} follow=true
                producer={ctx.t(Text::CoroutineProducer)} consumer={ctx.t(Text::CoroutineConsumer)} />
            <pre class="code log" data-testid="step-output">{
                lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n")
            }</pre>
        </section>
    }
}

impl ExperimentView for CoroutineExperiment {
    fn cpython() -> Option<CPythonSpec> {
        Some(CPythonSpec::of::<Self>("coroutine.py"))
    }

    fn key_figures(
        f: &CoroutineFigures,
        _params: &CoroutineParams,
        lang: Lang,
    ) -> Vec<(String, String)> {
        let consumed: Vec<String> = f.consumed.iter().map(u32::to_string).collect();
        vec![
            (Text::CmpLines.get(lang).into(), f.trace.len().to_string()),
            (Text::CmpConsumed.get(lang).into(), consumed.join(", ")),
        ]
    }

    /// Step through the dialogue with the form's `items` as they are now.
    fn extra(params: &CoroutineParams) -> Html {
        html! { <Stepper items={params.items} /> }
    }

    fn figures(f: &CoroutineFigures, _params: &CoroutineParams, lang: Lang) -> Html {
        html! {
            <div class="figures">
                <h3>{ Text::CoroutineTraceHeading.get(lang) }</h3>
                <Sequence lines={f.trace.clone()} title={Text::CoroutineTraceHeading.get(lang)}
                    producer={Text::CoroutineProducer.get(lang)} consumer={Text::CoroutineConsumer.get(lang)} />
                <pre class="code log">{ f.trace.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n") }</pre>
            </div>
        }
    }
}
