//! The pages: one registry ([`PAGES`]) from which the router, the list of
//! sections, the page shell and the code-region test are made. A page file
//! holds only what is its own: its [`Page`] row and how its experiment's
//! figures look (its `ExperimentView`).
//!
//! Adding a page: its experiment (`experiments/<name>.rs` and a line in
//! `experiments/mod.rs`), its page file here (a `PAGE` and an
//! `ExperimentView`) with a line below and a row in [`PAGES`], its words in
//! `i18n.rs`, and its Python in `experiments/python/`.

use crate::experiments::fib_modes::ModeSpan;
use crate::experiments::with_constants;
use crate::i18n::{Lang, Text};
use crate::timeline::LaneWord;
use crate::ui::components::code::CodePanel;
use crate::ui::components::prose::prose;
use crate::ui::components::timeline::{rows, Row};
use crate::ui::lang::use_lang;
use yew::prelude::*;

pub mod async_await;
pub mod condition;
pub mod coroutine;
pub mod gil;
pub mod home;
pub mod kettle;
pub mod lock;
pub mod not_found;
pub mod processes;
pub mod semaphore;

/// Every page, the home page first, then the post's sections in its order.
pub const PAGES: &[&Page] = &[
    &home::PAGE,
    &gil::PAGE,
    &kettle::PAGE,
    &processes::PAGE,
    &lock::PAGE,
    &semaphore::PAGE,
    &condition::PAGE,
    &coroutine::PAGE,
    &async_await::PAGE,
];

/// A page of the playground.
pub struct Page {
    /// `#/<path>`: "" for the home page, "gil", "lock" ….
    pub path: &'static str,
    /// Its name in the list of the post's sections, and its heading; the
    /// home page has neither.
    pub title: Option<Text>,
    /// What the page says before its experiment.
    pub intro: &'static [Block],
    /// The post's claim, what the page shows of it, and how the page's
    /// experiment differs from the post's code.
    pub from_post: FromPost,
    /// Links that fill the form with a second lesson and run it, each
    /// with what to look for (two to four a page).
    pub presets: &'static [Preset],
    /// Its experiment's panel, at the page's route, with the URL's query
    /// (and the visit it came with).
    pub panel: fn(AttrValue, Vec<(String, String)>, u32) -> Html,
    /// The Python the experiment mirrors, and the regions of the Rust that
    /// really runs.
    pub code: Option<Code>,
}

impl Page {
    /// The route's hash path: `/` or `/gil`.
    pub fn route(&self) -> String {
        format!("/{}", self.path)
    }
}

/// A piece of a page's text.
pub enum Block {
    Paragraph(Text),
    Heading(Text),
    /// A numbered list.
    Steps(&'static [Text]),
    /// A paragraph whose figures come from the code (marked text).
    Computed(fn(Lang) -> String),
}

/// The panel that holds a page to the post (`data-testid="from-the-post"`).
pub struct FromPost {
    /// The post's section(s): "1", "3.2.1".
    pub section: &'static str,
    /// The post's claim, in our words.
    pub claim: Text,
    /// What this page shows of it.
    pub shows: Text,
    /// What the post leaves out and a reader should know.
    pub lessons: &'static [Text],
    /// What the post gets wrong, said kindly.
    pub slips: &'static [Text],
    /// Every way the page's experiment differs from the post's code.
    pub differs: &'static [Text],
}

/// A link that fills the form with `query` (after the page's route) and
/// runs it.
pub struct Preset {
    pub label: Text,
    pub query: &'static str,
    /// What to look for in the run (one line).
    pub look_for: Text,
    /// For programs that follow it (`data-testid="preset-<name>"`).
    pub name: Option<&'static str>,
}

impl Preset {
    /// The link: the page's route, the preset's query, and `run=1`.
    pub fn href(&self, route: &str) -> String {
        match self.query {
            "" => format!("#{route}?run=1"),
            query => format!("#{route}?{query}&run=1"),
        }
    }
}

/// What the code panel shows: our Python, and `(source, region)` pairs of
/// the Rust (see `ui::code_region`).
pub struct Code {
    pub python: &'static str,
    pub rust: &'static [(&'static str, &'static str)],
}

/// The rows of a timeline of fib modes (the GIL and processes pages): one
/// per lane of each mode, "free · thread 1"; `mode` names a mode.
fn mode_rows<M: Copy + PartialEq>(
    spans: &[ModeSpan<M>],
    mode: impl Fn(M) -> &'static str,
    lang: Lang,
) -> Vec<Row> {
    rows(
        spans
            .iter()
            .map(|s| ((s.mode, s.lane), s.start_ms, s.end_ms, s.state)),
        |(m, lane)| Text::LaneOfMode.fill(lang, &[("mode", mode(*m)), ("lane", &lane.label(lang))]),
    )
}

#[derive(Properties, PartialEq)]
pub struct PageViewProps {
    pub page: &'static Page,
    pub query: Vec<(String, String)>,
    pub visit: u32,
}

impl PartialEq for Page {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path
    }
}

/// The shell every page shares: heading, text, the post's claim beside the
/// page's, the presets, the experiment, and the code.
#[function_component(PageView)]
pub fn page_view(props: &PageViewProps) -> Html {
    let ctx = use_lang();
    let lang = ctx.lang;
    let page = props.page;
    let route = page.route();
    // A page's text, with the figures it quotes from the code's constants.
    let said = |text: &Text| prose(&with_constants(text.marked(lang), lang));
    let list = |texts: &'static [Text]| {
        html! { <ul>{ for texts.iter().map(|t| html! { <li>{ said(t) }</li> }) }</ul> }
    };
    let post = &page.from_post;
    html! {
        <section class="page">
            if let Some(title) = page.title { <h2>{ ctx.t(title) }</h2> }
            { for page.intro.iter().map(|block| match block {
                Block::Paragraph(text) => html! { <p>{ said(text) }</p> },
                Block::Heading(text) => html! { <h2>{ ctx.t(*text) }</h2> },
                Block::Steps(steps) => html! {
                    <ol>{ for steps.iter().map(|step| html! { <li>{ said(step) }</li> }) }</ol>
                },
                Block::Computed(text) => html! { <p>{ prose(&text(lang)) }</p> },
            }) }
            <section class="from-the-post" data-testid="from-the-post" aria-labelledby="from-the-post-heading">
                <h3 id="from-the-post-heading">{ ctx.t(Text::FromPostHeading) }</h3>
                <p><strong>{ Text::FromPostSection.fill(lang, &[("section", post.section)]) }</strong>{ " " }{ said(&post.claim) }</p>
                <p><strong>{ ctx.t(Text::FromPostShows) }</strong>{ " " }{ said(&post.shows) }</p>
                if !post.lessons.is_empty() {
                    <h4>{ ctx.t(Text::FromPostLessons) }</h4>
                    { list(post.lessons) }
                }
                if !post.slips.is_empty() {
                    <h4>{ ctx.t(Text::FromPostSlips) }</h4>
                    { list(post.slips) }
                }
                <h4>{ ctx.t(Text::FromPostDiffers) }</h4>
                { list(post.differs) }
            </section>
            if !page.presets.is_empty() {
                <section class="try-this" aria-labelledby="try-this-heading">
                    <h3 id="try-this-heading">{ ctx.t(Text::TryThisHeading) }</h3>
                    <ul>
                        { for page.presets.iter().map(|preset| {
                            let testid = preset.name.map(|name| format!("preset-{name}"));
                            html! {
                                <li data-testid="try-this">
                                    <a href={preset.href(&route)} data-testid={testid}>{ prose(preset.label.marked(lang)) }</a>
                                    <span class="look-for">{ ctx.t(Text::TryThisLook) }{ said(&preset.look_for) }</span>
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }
            { (page.panel)(route.clone().into(), props.query.clone(), props.visit) }
            if let Some(code) = &page.code {
                <CodePanel python={code.python} rust={code.rust.to_vec()} />
            }
        </section>
    }
}
