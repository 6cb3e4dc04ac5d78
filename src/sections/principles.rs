//! The ten principles, as a numbered list under her code-comment heading.

use leptos::prelude::*;

use super::SectionHeading;
use crate::app::use_loaded;

#[component]
pub(crate) fn Principles() -> impl IntoView {
    let profile = use_loaded().profile;
    view! {
        <section class="principles" aria-labelledby="principles-title">
            <SectionHeading text=profile.sections.principles.clone() id="principles-title" />
            <ol class="principle-list">
                {profile.principles.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}
            </ol>
        </section>
    }
}
