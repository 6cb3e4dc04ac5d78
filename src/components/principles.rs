//! The principles, as a numbered list; no section when the profile states none.

use leptos::prelude::*;

use super::section::Section;
use crate::page::use_page;

#[component]
pub(crate) fn Principles() -> impl IntoView {
    let profile = use_page().profile;
    let principles = profile
        .principles
        .iter()
        .map(|principle| view! { <li>{principle.clone()}</li> })
        .collect_view();
    (!profile.principles.is_empty()).then(|| {
        view! {
            <Section name="principles" text=profile.sections.principles.clone()>
                <ol class="principle-list">{principles}</ol>
            </Section>
        }
    })
}
