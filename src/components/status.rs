//! What shows before there is a profile: the loading skeleton, and the error panel with Retry.
//! Their words cannot come from profile.json (that is what is missing or broken), so they are
//! the only text of the site written in Rust.

use leptos::prelude::*;

/// A wordless skeleton (nothing is known yet) that screen readers hear as busy.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <main id="main" class="loading" data-state="loading" aria-busy="true">
            <div class="skeleton skeleton-title"></div>
            <div class="skeleton skeleton-line"></div>
            <div class="skeleton skeleton-line short"></div>
        </main>
    }
}

/// Why the profile could not be shown, and a way to try again.
#[component]
pub fn LoadError(reason: String, retry: Callback<()>) -> impl IntoView {
    view! {
        <main id="main" data-state="error">
            <section class="load-error box" role="alert">
                <h1>"The profile could not be loaded"</h1>
                <p class="reason">
                    <code>{reason}</code>
                </p>
                <button class="retry" type="button" on:click=move |_| retry.run(())>
                    "Retry"
                </button>
            </section>
        </main>
    }
}
