//! The ten principles, as a numbered list under her code-comment heading.

use leptos::prelude::*;

use super::Section;
use crate::app::use_loaded;

#[component]
pub(crate) fn Principles() -> impl IntoView {
    let profile = use_loaded().profile;
    view! {
        <Section name="principles" text=profile.sections.principles.clone()>
            <ol class="principle-list">
                {profile.principles.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}
            </ol>
        </Section>
    }
}
