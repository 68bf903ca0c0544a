//! The app shell: header, language switch, capabilities strip, the list of
//! the post's sections, and the current page.

use super::caps::{CapsStrip, RuntimeStatus, Warmup};
use super::lang::{initial_lang, remember, LangContext, LangSwitch};
use super::pages::async_await::AsyncPageView;
use super::pages::condition::ConditionPageView;
use super::pages::coroutine::CoroutinePageView;
use super::pages::kettle::KettlePageView;
use super::pages::lock::LockPageView;
use super::pages::semaphore::SemaphorePageView;
use super::pages::{gil::GilPage, home::Home, not_found::NotFound, processes::ProcessesPage};
use super::router::{use_route, Page, Route, Section};
use crate::i18n::Text;
use crate::runtime::{env, par, threads};
use yew::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    let lang = use_state(initial_lang);
    use_effect_with(*lang, |lang| remember(*lang));
    let set_lang = {
        let lang = lang.clone();
        Callback::from(move |next| lang.set(next))
    };
    let context = LangContext {
        lang: *lang,
        set: set_lang,
    };
    let route = use_route();
    let runtime = use_warm_pools();

    let page = match &route.page {
        Page::Home => html! { <Home query={route.query.clone()} /> },
        Page::Section(Section::Gil) => html! { <GilPage query={route.query.clone()} /> },
        Page::Section(Section::Processes) => {
            html! { <ProcessesPage query={route.query.clone()} /> }
        }
        Page::Section(Section::Lock) => html! { <LockPageView query={route.query.clone()} /> },
        Page::Section(Section::Semaphore) => {
            html! { <SemaphorePageView query={route.query.clone()} /> }
        }
        Page::Section(Section::Condition) => {
            html! { <ConditionPageView query={route.query.clone()} /> }
        }
        Page::Section(Section::Kettle) => html! { <KettlePageView query={route.query.clone()} /> },
        Page::Section(Section::Coroutine) => {
            html! { <CoroutinePageView query={route.query.clone()} /> }
        }
        Page::Section(Section::Async) => html! { <AsyncPageView query={route.query.clone()} /> },
        Page::NotFound(path) => html! { <NotFound path={path.clone()} /> },
    };

    html! {
        <ContextProvider<LangContext> {context}>
        <ContextProvider<RuntimeStatus> context={runtime}>
            <header class="top">
                <div>
                    <h1><a href="#/">{ Text::AppTitle.get(*lang) }</a></h1>
                    <p class="tagline">{ Text::AppTagline.get(*lang) }</p>
                </div>
                <LangSwitch />
            </header>
            <CapsStrip />
            <div class="layout">
                <Nav current={route.page.clone()} />
                <main id="main">{ page }</main>
            </div>
        </ContextProvider<RuntimeStatus>>
        </ContextProvider<LangContext>>
    }
}

/// Starts the thread pool (hardwareConcurrency warm workers) and the rayon
/// pool once, while the page loads, so that a first run is already warm.
#[hook]
fn use_warm_pools() -> RuntimeStatus {
    let thread_pool = use_state(|| Warmup::Starting);
    let rayon_pool = use_state(|| Warmup::Starting);
    {
        let (thread_pool, rayon_pool) = (thread_pool.clone(), rayon_pool.clone());
        use_effect_with((), move |_| {
            let cores = env::env().hardware_concurrency as usize;
            wasm_bindgen_futures::spawn_local(async move {
                threads::set_warm_floor(cores);
                threads::prestart(cores).await;
                thread_pool.set(match threads::spawn(|| ()) {
                    Ok(probe) => match probe.join_async().await {
                        Ok(()) => Warmup::Ready(threads::stats().workers),
                        Err(e) => Warmup::Failed(e.to_string()),
                    },
                    Err(e) => Warmup::Failed(e.to_string()),
                });
            });
            wasm_bindgen_futures::spawn_local(async move {
                rayon_pool.set(match par::init(cores).await {
                    Ok(()) => Warmup::Ready(par::pool_threads()),
                    Err(e) => Warmup::Failed(e),
                });
            });
        });
    }
    RuntimeStatus {
        threads: (*thread_pool).clone(),
        rayon: (*rayon_pool).clone(),
    }
}

#[derive(Properties, PartialEq)]
struct NavProps {
    current: Page,
}

/// One entry per section of the post, in its order; only pages that exist
/// are links.
#[function_component(Nav)]
fn nav(props: &NavProps) -> Html {
    let ctx = super::lang::use_lang();
    let entry = |page: Page, title: Text, exists: bool| {
        let current = props.current == page;
        let label = ctx.t(title);
        if exists {
            let href = format!("#{}", Route::path_of(&page));
            html! {
                <li><a {href} aria-current={current.then_some("page")}>{ label }</a></li>
            }
        } else {
            html! {
                <li class="soon"><span>{ label }</span>{" "}<small>{ ctx.t(Text::NavSoon) }</small></li>
            }
        }
    };
    html! {
        <nav class="sections" aria-label={ctx.t(Text::NavLabel)}>
            <ol>
                { entry(Page::Home, Text::NavHome, true) }
                { for Section::ALL.into_iter().map(|s| entry(Page::Section(s), s.title(), s.has_page())) }
            </ol>
        </nav>
    }
}
