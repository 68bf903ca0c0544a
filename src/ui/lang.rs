//! The language switch: which language the page speaks, remembered across
//! visits (localStorage), offered to every component as a context.

use super::browser;
use crate::i18n::{Lang, Text};
use yew::prelude::*;

const STORAGE_KEY: &str = "playground.lang";

/// The language to start in: the remembered one, else the browser's
/// preference, else Chinese (the post's language).
pub fn initial_lang() -> Lang {
    browser::local_get(STORAGE_KEY)
        .and_then(|code| Lang::from_code(&code))
        .or_else(|| {
            browser::browser_languages()
                .iter()
                .find_map(|code| Lang::from_code(code))
        })
        .unwrap_or_default()
}

/// What components get from `use_context::<LangContext>()`.
#[derive(Clone, PartialEq)]
pub struct LangContext {
    pub lang: Lang,
    pub set: Callback<Lang>,
}

impl LangContext {
    pub fn t(&self, text: Text) -> &'static str {
        text.get(self.lang)
    }
}

pub fn remember(lang: Lang) {
    browser::local_set(STORAGE_KEY, lang.code());
    browser::set_document_lang(lang.code());
}

#[hook]
pub fn use_lang() -> LangContext {
    use_context::<LangContext>().expect("LangContext is provided by App")
}

#[function_component(LangSwitch)]
pub fn lang_switch() -> Html {
    let ctx = use_lang();
    html! {
        <div class="lang-switch" role="group" aria-label={ctx.t(Text::LanguageLabel)}>
            { for Lang::ALL.into_iter().map(|lang| {
                let set = ctx.set.clone();
                html! {
                    <button type="button" lang={lang.code()}
                        aria-pressed={(lang == ctx.lang).to_string()}
                        onclick={move |_| set.emit(lang)}>
                        { lang.name() }
                    </button>
                }
            }) }
        </div>
    }
}
