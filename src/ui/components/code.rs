//! The code panel: our Python version of a page's experiment beside the
//! Rust that the page really runs (regions of its sources).

use crate::i18n::Text;
use crate::ui::code_region::region;
use crate::ui::lang::use_lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CodePanelProps {
    pub python: &'static str,
    /// (source file, region name), shown in this order.
    pub rust: Vec<(&'static str, &'static str)>,
}

#[function_component(CodePanel)]
pub fn code_panel(props: &CodePanelProps) -> Html {
    let ctx = use_lang();
    let rust = props
        .rust
        .iter()
        .filter_map(|(source, name)| region(source, name))
        .collect::<Vec<_>>()
        .join("\n\n// …\n\n");
    html! {
        <section class="code-panel" aria-labelledby="code-heading">
            <h2 id="code-heading">{ ctx.t(Text::CodeHeading) }</h2>
            <div class="code-columns">
                <figure>
                    <figcaption>{ ctx.t(Text::CodePython) }</figcaption>
                    <pre class="code" tabindex="0"><code class="language-python">{ props.python.trim_end() }</code></pre>
                </figure>
                <figure>
                    <figcaption>{ ctx.t(Text::CodeRust) }</figcaption>
                    <pre class="code" tabindex="0"><code class="language-rust">{ rust }</code></pre>
                </figure>
            </div>
        </section>
    }
}
