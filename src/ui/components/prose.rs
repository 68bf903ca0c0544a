//! Prose from the catalogue: what stands in `backticks` there (identifiers,
//! values, code) is shown in code font.

use crate::i18n::code_spans;
use yew::prelude::*;

/// A marked text (see `i18n::code_spans`) as inline HTML.
pub fn prose(marked: &str) -> Html {
    html! {
        <>{ for code_spans(marked).map(|(code, piece)| if code {
            html! { <code>{ piece.to_string() }</code> }
        } else {
            html! { { piece.to_string() } }
        }) }</>
    }
}
