//! The app shell: header, language switch, capabilities strip, the list of
//! the post's sections, and the current page.

use super::caps::{CapsStrip, RuntimeStatus, Warmup};
use super::lang::{initial_lang, remember, LangContext, LangSwitch};
use super::pages::{not_found::NotFound, Page, PageView, PAGES};
use super::router::{use_route, Target};
use crate::i18n::Text;
use crate::runtime::{env, par, threads};
use yew::prelude::*;

/// The id of the box that says "loading" until the program runs, and what
/// stops it if something does (src/web/boot.js).
const BOOT_BOX_ID: &str = "boot";

/// Whether the app has drawn the page once. Until then a panic would leave
/// a blank page (Yew empties the body when it mounts), so it is said as what
/// stopped the program from starting (see `panic_banner`).
static DRAWN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn drawn() -> bool {
    DRAWN.load(std::sync::atomic::Ordering::Relaxed)
}

#[function_component(App)]
pub fn app() -> Html {
    let lang = use_state(|| {
        panic_if_asked_in_first_render();
        initial_lang()
    });
    use_effect_with((), |_| {
        DRAWN.store(true, std::sync::atomic::Ordering::Relaxed);
        // Yew took the boot box away when it mounted, unless it was
        // somewhere else than the body.
        let boot = super::browser::window()
            .document()
            .and_then(|d| d.get_element_by_id(BOOT_BOX_ID));
        if let Some(boot) = boot {
            boot.remove();
        }
    });
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

    let page = match &route.target {
        Target::Page(page) => {
            html! { <PageView {page} query={route.query.clone()} visit={route.visit} /> }
        }
        Target::NotFound(path) => html! { <NotFound path={path.clone()} /> },
    };
    let current = match &route.target {
        Target::Page(page) => Some(page.path),
        Target::NotFound(_) => None,
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
                <Nav {current} />
                <main id="main">{ page }</main>
            </div>
        </ContextProvider<RuntimeStatus>>
        </ContextProvider<LangContext>>
    }
}

/// Starts the thread pool (hardwareConcurrency warm workers) once, as the
/// page loads, so that a first run is already warm; then, once the workers
/// the page asked for are warm and no run is going on, the rayon pool (no
/// page needs it to run; the capabilities strip shows it).
#[hook]
fn use_warm_pools() -> RuntimeStatus {
    let thread_pool = use_state(|| Warmup::Starting);
    let rayon_pool = use_state(|| Warmup::Starting);
    {
        let (thread_pool, rayon_pool) = (thread_pool.clone(), rayon_pool.clone());
        use_effect_with((), move |_| {
            let cores = env::env().hardware_concurrency as usize;
            wasm_bindgen_futures::spawn_local(async move {
                // The pool warms one worker per core from the start (a
                // page may ask for more; this does not wait for those).
                threads::until_warm(cores).await;
                thread_pool.set(match threads::spawn(|| ()) {
                    Ok(probe) => match probe.join_async().await {
                        Ok(()) => Warmup::Ready(threads::stats().workers),
                        Err(e) => Warmup::Failed(e.to_string()),
                    },
                    Err(e) => Warmup::Failed(e.to_string()),
                });
                threads::until_quiet().await;
                rayon_pool.set(match par::init(cores).await {
                    Ok(()) => Warmup::Ready(par::pool_threads()),
                    Err(e) => Warmup::Failed(e),
                });
            });
        });
    }
    let pool = super::caps::use_pool_now();
    RuntimeStatus {
        threads: (*thread_pool).clone(),
        rayon: (*rayon_pool).clone(),
        warm: pool.warm,
        trouble: pool.trouble,
    }
}

#[derive(Properties, PartialEq)]
struct NavProps {
    /// The path of the page shown, if it is one.
    current: Option<&'static str>,
}

/// The home page, then one entry per section of the post, in its order.
/// On a narrow screen the list folds away behind a button (CSS decides
/// when the button shows); following a link folds it again.
#[function_component(Nav)]
fn nav(props: &NavProps) -> Html {
    let ctx = super::lang::use_lang();
    let open = use_state(|| false);
    let fold = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(false))
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let entry = |page: &'static Page| {
        let current = props.current == Some(page.path);
        let href = format!("#{}", page.route());
        let label = ctx.t(page.title.unwrap_or(Text::NavHome));
        html! {
            <li><a {href} aria-current={current.then_some("page")} onclick={fold.clone()}>{ label }</a></li>
        }
    };
    html! {
        <nav class="sections" aria-label={ctx.t(Text::NavLabel)}>
            <button type="button" class="nav-toggle" data-testid="nav-toggle" aria-expanded={open.to_string()}
                aria-controls="sections-list" onclick={toggle}>{ ctx.t(Text::NavToggle) }</button>
            <ol id="sections-list" class={classes!(open.then_some("open"))}>{ for PAGES.iter().map(|page| entry(page)) }</ol>
        </nav>
    }
}

/// Panics in the app's first render if the page set
/// `window.playgroundDebugPanicInFirstRender` to a message before the program
/// started: how the end-to-end tests make sure that such a panic is said in
/// place of the page, not left as a blank one. Nothing else sets it.
fn panic_if_asked_in_first_render() {
    let asked = js_sys::Reflect::get(
        &super::browser::window(),
        &"playgroundDebugPanicInFirstRender".into(),
    )
    .ok()
    .and_then(|v| v.as_string());
    if let Some(message) = asked {
        panic!("{message}");
    }
}
