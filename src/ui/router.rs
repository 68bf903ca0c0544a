//! A hash router: `#/lock?threads=100` is the page `lock` with its query.
//! Hash routes work on any static host, with no server rewrites.

use super::browser;
use super::pages::{Page, PAGES};
use super::url::parse_query;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Where the hash leads: a page of [`PAGES`], or nowhere.
#[derive(Clone, PartialEq)]
pub enum Target {
    Page(&'static Page),
    NotFound(String),
}

#[derive(Clone, PartialEq)]
pub struct Route {
    pub target: Target,
    /// The query's pairs, decoded.
    pub query: Vec<(String, String)>,
    /// Counts the visits (hash changes): following a link to the query the
    /// page already had still loads it again, over the form's edits.
    pub visit: u32,
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
        let path = path.trim_matches('/');
        let target = PAGES.iter().find(|page| page.path == path).map_or_else(
            || Target::NotFound(path.to_string()),
            |page| Target::Page(page),
        );
        Route {
            target,
            query: parse_query(query),
            visit: 0,
        }
    }

    pub fn current() -> Route {
        Route::parse(&browser::hash())
    }
}

/// The current route, updated on every `hashchange`.
#[hook]
pub fn use_route() -> Route {
    let route = use_state(Route::current);
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let mut visits = 0;
            let listener = Closure::<dyn FnMut()>::new(move || {
                visits += 1;
                route.set(Route {
                    visit: visits,
                    ..Route::current()
                });
            });
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
