//! The hero: name, role, focus, summary, and the generated `Engineer.builder()` code block.

use leptos::prelude::*;

use crate::app::use_loaded;
use crate::format::builder_lines;

#[component]
pub(crate) fn Hero() -> impl IntoView {
    let profile = use_loaded().profile;
    let person = &profile.person;
    let focus = person.focus.join(" · ");
    view! {
        <section class="hero" aria-labelledby="hero-name">
            <div class="hero-box box">
                <h1 id="hero-name">{person.name.clone()}</h1>
                <p class="role">{person.role.clone()}</p>
                <p class="focus">{focus}</p>
            </div>
            <div class="hero-summary">
                {person.summary.iter().map(|p| view! { <p>{p.clone()}</p> }).collect_view()}
            </div>
            <BuilderCode />
        </section>
    }
}

/// The builder as highlighted Java. Each token is its own `<span>`, so the highlighter needs no
/// HTML strings and profile text is never interpreted as markup.
#[component]
fn BuilderCode() -> impl IntoView {
    let profile = use_loaded().profile;
    let lines = builder_lines(&profile.builder);
    view! {
        <pre class="code box" tabindex="0"><code>
            {lines
                .into_iter()
                .map(|line| {
                    view! {
                        <span class="line">
                            {line
                                .into_iter()
                                .map(|token| view! { <span class=token.kind.class()>{token.text}</span> })
                                .collect_view()}
                        </span>
                        "\n"
                    }
                })
                .collect_view()}
        </code></pre>
    }
}
