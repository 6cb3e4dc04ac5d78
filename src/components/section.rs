//! A section under its heading, drawn as a box-drawing rule (`── Projects ──`), with its
//! intro; the `<section>` is labelled by the heading.

use leptos::prelude::*;

use crate::model::SectionText;

#[component]
pub(crate) fn Section(
    /// The section's class, and its heading's id prefix.
    name: &'static str,
    text: SectionText,
    /// Its islands are taken over once it nears the screen, not with the page: their code is
    /// fetched then (`#[island(lazy)]`), and a click that comes first is played after (the
    /// loader in `xtask/src/loader.rs`).
    #[prop(optional)]
    when_seen: bool,
    children: Children,
) -> impl IntoView {
    let title_id = format!("{name}-title");
    let labelled_by = title_id.clone();
    view! {
        <section
            class=name
            aria-labelledby=labelled_by
            data-when-visible=when_seen.then_some("")
        >
            <header class="section-heading">
                <h2 id=title_id tabindex="-1">
                    <span class="rule" aria-hidden="true">
                        "── "
                    </span>
                    {text.title}
                    <span class="rule rule-tail" aria-hidden="true"></span>
                </h2>
                {text.intro.map(|intro| view! { <p class="section-intro">{intro}</p> })}
            </header>
            {children()}
        </section>
    }
}
