//! What shows when the profile is not what the page can show: the loading skeleton and the
//! error panel with Retry (a page built without its content, and no profile to show), and the
//! notice on a prerendered page whose live profile.json has a problem (the page stays as built).
//! Their words are the page's labels: the built profile's, or the defaults when there is none.

use leptos::prelude::*;

use crate::model::Labels;

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
pub fn LoadError(labels: Labels, reason: String, retry: Callback<()>) -> impl IntoView {
    view! {
        <main id="main" data-state="error">
            <section class="load-error box" role="alert">
                <h1>{labels.load_failed}</h1>
                <p class="reason">
                    <code>{reason}</code>
                </p>
                <button class="retry" type="button" on:click=move |_| retry.run(())>
                    {labels.retry}
                </button>
            </section>
        </main>
    }
}

/// A small notice over a page kept as built: the live profile's problem, named with its place,
/// Retry, and Dismiss for a visitor who came for the page. Gone once `problem` is `None`
/// (Retry found the built profile back) or it is dismissed.
#[component]
pub fn LiveNotice(
    labels: Labels,
    problem: RwSignal<Option<String>>,
    retry: Callback<()>,
) -> impl IntoView {
    let dismissed = RwSignal::new(false);
    view! {
        <div
            class="live-notice box"
            role="status"
            hidden=move || dismissed.get() || problem.get().is_none()
        >
            <p>
                {labels.live_problem}
                " "
                <code class="reason">{move || problem.get().unwrap_or_default()}</code>
            </p>
            <button class="retry" type="button" on:click=move |_| retry.run(())>
                {labels.retry}
            </button>
            <button class="dismiss" type="button" on:click=move |_| dismissed.set(true)>
                {labels.dismiss}
            </button>
        </div>
    }
}
