//! A hash router: `#/lock?threads=100` is the page `lock` with its query.
//! Hash routes work on any static host, with no server rewrites.

use super::browser;
use crate::experiments::params::parse_query;
use crate::i18n::Text;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The sections of the post, in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Gil,
    Kettle,
    Processes,
    Lock,
    Semaphore,
    Condition,
    Coroutine,
    Async,
}

impl Section {
    pub const ALL: [Section; 8] = [
        Section::Gil,
        Section::Kettle,
        Section::Processes,
        Section::Lock,
        Section::Semaphore,
        Section::Condition,
        Section::Coroutine,
        Section::Async,
    ];

    pub fn path(self) -> &'static str {
        match self {
            Section::Gil => "gil",
            Section::Kettle => "kettle",
            Section::Processes => "processes",
            Section::Lock => "lock",
            Section::Semaphore => "semaphore",
            Section::Condition => "condition",
            Section::Coroutine => "coroutine",
            Section::Async => "async",
        }
    }

    pub fn title(self) -> Text {
        match self {
            Section::Gil => Text::NavGil,
            Section::Kettle => Text::NavKettle,
            Section::Processes => Text::NavProcesses,
            Section::Lock => Text::NavLock,
            Section::Semaphore => Text::NavSemaphore,
            Section::Condition => Text::NavCondition,
            Section::Coroutine => Text::NavCoroutine,
            Section::Async => Text::NavAsync,
        }
    }

    /// Whether the section has a page yet; only those are linked. Every
    /// section of the post has one now.
    pub fn has_page(self) -> bool {
        true
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    Home,
    Section(Section),
    NotFound(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    pub page: Page,
    /// The query's pairs, decoded.
    pub query: Vec<(String, String)>,
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
        let path = path.trim_matches('/');
        let page = if path.is_empty() {
            Page::Home
        } else {
            Section::ALL
                .into_iter()
                .find(|s| s.path() == path && s.has_page())
                .map_or_else(|| Page::NotFound(path.to_string()), Page::Section)
        };
        Route {
            page,
            query: parse_query(query),
        }
    }

    pub fn current() -> Route {
        Route::parse(&browser::hash())
    }

    /// The hash path of a page, without the query.
    pub fn path_of(page: &Page) -> String {
        match page {
            Page::Home => "/".to_string(),
            Page::Section(section) => format!("/{}", section.path()),
            Page::NotFound(path) => format!("/{path}"),
        }
    }
}

/// The current route, updated on every `hashchange`.
#[hook]
pub fn use_route() -> Route {
    let route = use_state(Route::current);
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn FnMut()>::new(move || route.set(Route::current()));
            let window = browser::window();
            let _ = window
                .add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
            move || {
                let _ = window.remove_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
            }
        });
    }
    (*route).clone()
}
