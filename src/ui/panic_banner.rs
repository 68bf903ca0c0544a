//! The error banner for a panic on the page's main thread.
//!
//! It is plain DOM, outside Yew, on purpose: the panic may have happened
//! inside Yew's renderer, which then cannot be trusted to draw anything.
//! Before the app has drawn the page once, a banner would sit on a blank
//! page: the panic is then said by boot.js, as what stopped the program
//! from starting.

use super::browser;
use super::lang::initial_lang;
use crate::i18n::Text;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

const BANNER_ID: &str = "panic-banner";

/// Shows (or updates) the banner with `message`. Called from the panic hook,
/// so it must not panic itself: every step that can fail is skipped.
pub fn show(message: &str) {
    let Some(document) = browser::window().document() else {
        return;
    };
    if !super::app::drawn() && say_as_boot_problem(message) {
        return;
    }
    let lang = initial_lang();
    let banner = match document.get_element_by_id(BANNER_ID) {
        Some(banner) => banner,
        None => {
            let Ok(banner) = document.create_element("div") else {
                return;
            };
            banner.set_id(BANNER_ID);
            let _ = banner.set_attribute("role", "alert");
            let _ = banner.set_attribute("data-testid", "panic-banner");
            if let Some(body) = document.body() {
                let _ = body.prepend_with_node_1(&banner);
            }
            banner
        }
    };
    banner.set_text_content(None);
    if let Ok(text) = document.create_element("p") {
        text.set_text_content(Some(&Text::PanicBanner.fill(lang, &[("message", message)])));
        let _ = banner.append_child(&text);
    }
    if let Ok(button) = document.create_element("button") {
        button.set_text_content(Some(Text::Dismiss.get(lang)));
        let _ = button.set_attribute("type", "button");
        let target = banner.clone();
        let dismiss = Closure::<dyn FnMut()>::new(move || target.remove());
        let _ = button.add_event_listener_with_callback("click", dismiss.as_ref().unchecked_ref());
        // The listener lives as long as the button; the banner is rare.
        dismiss.forget();
        let _ = banner.append_child(&button);
    }
}

/// Hands `message` to boot.js's `playgroundBootProblem`, which says it in
/// the boot box; false if there is no such function (a test page).
fn say_as_boot_problem(message: &str) -> bool {
    let window = browser::window();
    let Ok(say) = js_sys::Reflect::get(&window, &"playgroundBootProblem".into()) else {
        return false;
    };
    let Some(say) = say.dyn_ref::<js_sys::Function>() else {
        return false;
    };
    say.call2(&window, &"panic".into(), &message.into()).is_ok()
}
