//! The profile's validation problems, above the page, so the owner sees them in the preview;
//! everything valid still renders below.

use leptos::prelude::*;

use crate::page::use_page;

#[component]
pub(crate) fn Problems() -> impl IntoView {
    let page = use_page();
    let problems = page.problems.clone();
    (!problems.is_empty()).then(|| {
        view! {
            <section class="problems box" role="alert">
                <h2>{page.profile.site.labels.problems.clone()}</h2>
                <ul>
                    {problems
                        .iter()
                        .map(|problem| view! { <li><code>{problem.to_string()}</code></li> })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}
