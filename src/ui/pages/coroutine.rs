//! `#/coroutine`: the post's §4.1. The producer/consumer `send` dialogue,
//! run whole (Run) or one `send` at a time (Step).

use crate::experiments::coroutine::{CoroutineFigures, CoroutinePage, Dialogue};
use crate::experiments::validate;
use crate::i18n::{Lang, Text};
use crate::runtime::env;
use crate::ui::code_region::{COROUTINE_PYTHON, COROUTINE_SOURCE};
use crate::ui::components::code::CodePanel;
use crate::ui::components::experiment::{ExperimentPanel, ExperimentView};
use crate::ui::components::sequence::Sequence;
use crate::ui::lang::use_lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CoroutinePageProps {
    pub query: Vec<(String, String)>,
}

#[function_component(CoroutinePageView)]
pub fn coroutine_page(props: &CoroutinePageProps) -> Html {
    let ctx = use_lang();
    html! {
        <section class="page">
            <h2>{ ctx.t(Text::NavCoroutine) }</h2>
            <p>{ ctx.t(Text::CoroutineIntro) }</p>
            <p>{ ctx.t(Text::CoroutineWhy) }</p>
            <ExperimentPanel<CoroutinePage> path="/coroutine" query={props.query.clone()} />
            <Stepper query={props.query.clone()} />
            <CodePanel python={COROUTINE_PYTHON} rust={vec![(COROUTINE_SOURCE, "coroutines")]} />
        </section>
    }
}

/// Step through the dialogue: each click resumes the producer once.
#[function_component(Stepper)]
fn stepper(props: &CoroutinePageProps) -> Html {
    let ctx = use_lang();
    // The form's `items` if it is valid, else the default.
    let (values, _) = validate::<CoroutinePage>(&props.query, &env::env());
    let items = values.int("items") as u32;
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
            <Sequence lines={(*lines).clone()} title={ctx.t(Text::CoroutineStepHeading)}
                producer={ctx.t(Text::CoroutineProducer)} consumer={ctx.t(Text::CoroutineConsumer)} />
            <pre class="code log" data-testid="step-output">{
                lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n")
            }</pre>
        </section>
    }
}

impl ExperimentView for CoroutinePage {
    fn figures(f: &CoroutineFigures, lang: Lang) -> Html {
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
