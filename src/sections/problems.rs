//! The list of validation problems, shown above the page when profile.json has any, so the owner
//! sees them in the preview; everything valid still renders below.

use leptos::prelude::*;

use crate::app::use_loaded;

#[component]
pub(crate) fn Problems() -> impl IntoView {
    let loaded = use_loaded();
    (!loaded.problems.is_empty()).then(|| {
        view! {
            <section class="problems box" role="alert">
                <h2>{loaded.profile.site.labels.problems.clone()}</h2>
                <ul>
                    {loaded.problems.iter().map(|p| view! { <li><code>{p.to_string()}</code></li> }).collect_view()}
                </ul>
            </section>
        }
    })
}
