//! The capabilities strip: can this page run real threads, and if not, what
//! exactly is wrong and what to do about it.

use super::lang::use_lang;
use crate::i18n::Text;
use crate::runtime::env::capabilities;
use crate::runtime::threads::pool::StartTrouble;
use yew::prelude::*;

/// How a pool's start-up went.
#[derive(Clone, Debug, PartialEq)]
pub enum Warmup {
    Starting,
    Ready(usize),
    Failed(String),
}

/// Both pools' start-up, and the thread workers loaded and waiting now,
/// offered to every page as a context.
#[derive(Clone, Debug, PartialEq)]
pub struct RuntimeStatus {
    pub threads: Warmup,
    pub rayon: Warmup,
    /// Thread workers loaded and waiting for work.
    pub warm: usize,
    /// Workers that failed to load, or that the browser holds back.
    pub trouble: StartTrouble,
}

/// The pool as the strip shows it, read again four times a second.
#[derive(Clone, Debug, PartialEq)]
pub struct PoolNow {
    pub warm: usize,
    pub trouble: StartTrouble,
}

fn pool_now() -> PoolNow {
    PoolNow {
        warm: crate::runtime::threads::warm(),
        trouble: crate::runtime::threads::pool::start_trouble(),
    }
}

impl RuntimeStatus {
    /// The thread pool has started (or failed, which is final, and shown).
    /// The rayon pool starts later and no run waits for it.
    pub fn settled(&self) -> bool {
        self.threads != Warmup::Starting
    }
}

/// The thread workers loaded and waiting, and any trouble starting them,
/// read again four times a second (a page re-renders only when they change).
#[hook]
pub fn use_pool_now() -> PoolNow {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let now = use_state_eq(pool_now);
    {
        let now = now.clone();
        use_effect_with((), move |_| {
            let tick = Closure::<dyn FnMut()>::new(move || now.set(pool_now()));
            let window = super::browser::window();
            let interval = window
                .set_interval_with_callback_and_timeout_and_arguments_0(
                    tick.as_ref().unchecked_ref(),
                    250,
                )
                .ok();
            move || {
                if let Some(interval) = interval {
                    window.clear_interval_with_handle(interval);
                }
                drop(tick);
            }
        });
    }
    (*now).clone()
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
    let warmup = |w: &Warmup, ready: usize| match w {
        Warmup::Starting => ctx.t(Text::CapsThreadsStarting).to_string(),
        Warmup::Ready(_) => Text::CapsThreadsReady.fill(ctx.lang, &[("ready", &ready.to_string())]),
        Warmup::Failed(_) => ctx.t(Text::CapsThreadsFailed).to_string(),
    };
    let rayon_threads = match props.rayon {
        Warmup::Ready(n) => n,
        _ => 0,
    };
    let ok_class = |ok: bool| if ok { "cap ok" } else { "cap bad" };

    let mut problems = Vec::new();
    if !caps.secure_context {
        problems.push(ctx.t(Text::ProblemInsecure).to_string());
    }
    if !caps.env.cross_origin_isolated || !caps.shared_array_buffer {
        problems.push(ctx.t(Text::ProblemNotIsolated).to_string());
    }
    // A thread worker that cannot start stops every experiment: it is said
    // as what stops the program (the boot box's test id), with what to do.
    let mut boot_problem = None;
    if let Warmup::Failed(why) = &props.threads {
        let stop = match ctx.lang {
            crate::i18n::Lang::Zh => "。",
            crate::i18n::Lang::En => ". ",
        };
        boot_problem = Some(format!(
            "{}{stop}{}",
            Text::ProblemWorkers.fill(ctx.lang, &[("why", why)]),
            ctx.t(Text::ProblemWorkersWhatToDo)
        ));
    }
    if let Warmup::Failed(why) = &props.rayon {
        problems.push(Text::ProblemWorkers.fill(ctx.lang, &[("why", why)]));
    }
    let trouble = &props.trouble;
    if let (true, Some(why)) = (trouble.failed > 0, &trouble.last_failure) {
        problems.push(Text::CapsWorkersFailed.fill(
            ctx.lang,
            &[("failed", &trouble.failed.to_string()), ("why", why)],
        ));
    }
    if trouble.held_back > 0 {
        problems.push(
            Text::CapsWorkersHeldBack.fill(ctx.lang, &[("held", &trouble.held_back.to_string())]),
        );
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
                <li class="cap" data-testid="cap-browser">
                    { ctx.t(Text::CapsBrowser) }{": "}<strong>{ caps.env.browser }</strong>
                </li>
                <li class="cap" data-testid="cap-clock" data-ms={caps.env.timer_resolution_ms.to_string()}>
                    { ctx.t(Text::CapsClock) }{": "}
                    <strong>{ Text::CapsClockValue.fill(ctx.lang, &[("ms", &caps.env.timer_resolution_ms.to_string())]) }</strong>
                </li>
                <li class={ok_class(!matches!(props.threads, Warmup::Failed(_)))} data-testid="cap-threads"
                    data-ready={matches!(props.threads, Warmup::Ready(_)).to_string()} data-warm={props.warm.to_string()}>
                    { ctx.t(Text::CapsThreads) }{": "}<strong>{ warmup(&props.threads, props.warm) }</strong>
                </li>
                <li class={ok_class(!matches!(props.rayon, Warmup::Failed(_)))}>
                    { ctx.t(Text::CapsRayon) }{": "}<strong>{ warmup(&props.rayon, rayon_threads) }</strong>
                </li>
            </ul>
            { for boot_problem.map(|p| html! { <p class="problem" role="alert" data-testid="boot-problem">{ p }</p> }) }
            { for problems.into_iter().map(|p| html! { <p class="problem" role="alert">{ p }</p> }) }
        </section>
    }
}
