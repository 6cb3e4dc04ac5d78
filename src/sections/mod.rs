//! One component per section of the page, each reading the profile from context.

pub(crate) mod ai;
pub(crate) mod contact;
pub(crate) mod filter_bar;
pub(crate) mod hero;
pub(crate) mod principles;
pub(crate) mod problems;
pub(crate) mod projects;
pub(crate) mod skills;
pub(crate) mod theme;

use leptos::prelude::*;

use crate::model::SectionText;

/// A section's heading, drawn as a box-drawing rule: `── Projects ─────`, with its intro.
#[component]
pub(crate) fn SectionHeading(text: SectionText, id: &'static str) -> impl IntoView {
    view! {
        <header class="section-heading">
            <h2 id=id>
                <span class="rule" aria-hidden="true">"── "</span>
                {text.title}
                <span class="rule rule-tail" aria-hidden="true"></span>
            </h2>
            {text.intro.map(|intro| view! { <p class="section-intro">{intro}</p> })}
        </header>
    }
}
