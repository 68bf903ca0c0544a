//! The capabilities strip: can this page run real threads, and if not, what
//! exactly is wrong and what to do about it.

use super::lang::use_lang;
use crate::i18n::Text;
use crate::runtime::env::capabilities;
use yew::prelude::*;

/// How a pool's start-up went.
#[derive(Clone, Debug, PartialEq)]
pub enum Warmup {
    Starting,
    Ready(usize),
    Failed(String),
}

/// Both pools' start-up, offered to every page as a context: a run waits
/// until the workers are warm, so that their loading does not compete with
/// what the run measures.
#[derive(Clone, Debug, PartialEq)]
pub struct RuntimeStatus {
    pub threads: Warmup,
    pub rayon: Warmup,
}

impl RuntimeStatus {
    /// Nothing is still starting (a failure is final, and shown).
    pub fn settled(&self) -> bool {
        self.threads != Warmup::Starting && self.rayon != Warmup::Starting
    }
}

#[function_component(CapsStrip)]
pub fn caps_strip() -> Html {
    let ctx = use_lang();
    let props = use_context::<RuntimeStatus>().expect("RuntimeStatus is provided by App");
    let caps = capabilities();
    let yes_no = |ok: bool| {
        if ok {
            ctx.t(Text::Yes)
        } else {
            ctx.t(Text::No)
        }
    };
    let warmup = |w: &Warmup| match w {
        Warmup::Starting => ctx.t(Text::CapsThreadsStarting).to_string(),
        Warmup::Ready(n) => Text::CapsThreadsReady.fill(ctx.lang, &[("ready", &n.to_string())]),
        Warmup::Failed(_) => ctx.t(Text::CapsThreadsFailed).to_string(),
    };
    let ok_class = |ok: bool| if ok { "cap ok" } else { "cap bad" };

    let mut problems = Vec::new();
    if !caps.secure_context {
        problems.push(ctx.t(Text::ProblemInsecure).to_string());
    }
    if !caps.env.cross_origin_isolated || !caps.shared_array_buffer {
        problems.push(ctx.t(Text::ProblemNotIsolated).to_string());
    }
    for failed in [&props.threads, &props.rayon] {
        if let Warmup::Failed(why) = failed {
            problems.push(Text::ProblemWorkers.fill(ctx.lang, &[("why", why)]));
        }
    }

    html! {
        <section class="caps" aria-label={ctx.t(Text::CapsLabel)} data-testid="capabilities">
            <ul>
                <li class={ok_class(caps.env.cross_origin_isolated)} data-testid="cap-isolated"
                    data-ok={caps.env.cross_origin_isolated.to_string()}>
                    { ctx.t(Text::CapsIsolated) }{": "}<strong>{ yes_no(caps.env.cross_origin_isolated) }</strong>
                </li>
                <li class={ok_class(caps.shared_array_buffer)}>
                    { ctx.t(Text::CapsSab) }{": "}<strong>{ yes_no(caps.shared_array_buffer) }</strong>
                </li>
                <li class="cap">
                    { ctx.t(Text::CapsCores) }{": "}<strong>{ caps.env.hardware_concurrency }</strong>
                </li>
                <li class={ok_class(!matches!(props.threads, Warmup::Failed(_)))} data-testid="cap-threads"
                    data-ready={matches!(props.threads, Warmup::Ready(_)).to_string()}>
                    { ctx.t(Text::CapsThreads) }{": "}<strong>{ warmup(&props.threads) }</strong>
                </li>
                <li class={ok_class(!matches!(props.rayon, Warmup::Failed(_)))}>
                    { ctx.t(Text::CapsRayon) }{": "}<strong>{ warmup(&props.rayon) }</strong>
                </li>
            </ul>
            { for problems.into_iter().map(|p| html! { <p class="problem" role="alert">{ p }</p> }) }
        </section>
    }
}
