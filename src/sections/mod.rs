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

/// A section of the page under its heading: `<section class=name>` labelled by the heading.
#[component]
pub(crate) fn Section(name: &'static str, text: SectionText, children: Children) -> impl IntoView {
    let title_id = format!("{name}-title");
    view! {
        <section class=name aria-labelledby=title_id.clone()>
            <SectionHeading text id=title_id.clone() />
            {children()}
        </section>
    }
}

/// A section's heading, drawn as a box-drawing rule: `── Projects ─────`, with its intro.
#[component]
fn SectionHeading(text: SectionText, id: String) -> impl IntoView {
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
