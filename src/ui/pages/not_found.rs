use crate::i18n::Text;
use crate::ui::lang::use_lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NotFoundProps {
    pub path: String,
}

#[function_component(NotFound)]
pub fn not_found(props: &NotFoundProps) -> Html {
    let ctx = use_lang();
    html! {
        <section class="page">
            <h2>{ ctx.t(Text::NotFoundTitle) }</h2>
            <p>{ Text::NotFoundBody.fill(ctx.lang, &[("route", &format!("#{}", props.path))]) }</p>
        </section>
    }
}
