//! The root component: loads the profile, shares it through context, lays out the sections.

use leptos::prelude::*;

use crate::load::{fetch_profile, LoadError, Loaded};
use crate::url_state::provide_filter;
use crate::sections::{
    ai::AiSection, contact::Contact, hero::Hero, principles::Principles, problems::Problems,
    projects::Projects, skills::Skills, theme::ThemeToggle,
};

/// The whole page. While the profile loads it shows a loading state; on failure an error panel
/// with a Retry button; once loaded, every section.
#[component]
pub fn App() -> impl IntoView {
    let profile = LocalResource::new(fetch_profile);
    move || match profile.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Ok(loaded)) => view! { <Page loaded /> }.into_any(),
        Some(Err(error)) => view! { <LoadFailed error retry=move || profile.refetch() /> }.into_any(),
    }
}

#[component]
fn Loading() -> impl IntoView {
    // No words: nothing is known before the profile arrives, and a spinner-free skeleton reads
    // as "loading" in any language. Screen readers get aria-busy.
    view! {
        <main id="main" class="loading" data-state="loading" aria-busy="true">
            <div class="skeleton skeleton-title"></div>
            <div class="skeleton skeleton-line"></div>
            <div class="skeleton skeleton-line short"></div>
        </main>
    }
}

/// The error panel. Its words cannot come from profile.json (that is what failed), so they are
/// the only text of the page written here.
#[component]
fn LoadFailed(error: LoadError, retry: impl Fn() + 'static) -> impl IntoView {
    view! {
        <main id="main" data-state="error">
            <section class="load-error box" role="alert">
                <h1>"The profile could not be loaded"</h1>
                <p class="reason"><code>{error.to_string()}</code></p>
                <button class="retry" type="button" on:click=move |_| retry()>
                    "Retry"
                </button>
            </section>
        </main>
    }
}

/// Renders a parsed profile: what the app shows once profile.json has loaded. Public so the
/// component tests can mount the page with a profile of their own.
#[component]
pub fn ProfileView(profile: crate::model::Profile) -> impl IntoView {
    view! { <Page loaded=Loaded::new(profile) /> }
}

/// Everything, once the profile is here.
#[component]
fn Page(loaded: Loaded) -> impl IntoView {
    let profile = loaded.profile.clone();
    provide_context(loaded.clone());
    provide_filter(&profile);
    set_document_language(&profile.site.lang, &profile.site.title);
    view! {
        <a class="skip-link" href="#main">{profile.site.labels.skip_to_content.clone()}</a>
        <header class="topbar">
            <span class="prompt" aria-hidden="true">"~/"{profile.person.name.to_lowercase().replace(' ', "-")}</span>
            <ThemeToggle label=profile.site.labels.theme_toggle.clone() />
        </header>
        <main id="main" data-state="ready" tabindex="-1">
            <Problems />
            <Hero />
            <Projects />
            <AiSection />
            <Skills />
            <Principles />
            <Contact />
        </main>
    }
}

/// The document's `lang` and `<title>` come from the profile too.
fn set_document_language(lang: &str, title: &str) {
    let document = document();
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", lang);
    }
    document.set_title(title);
}

/// The loaded profile, for any component below [`Page`].
pub(crate) fn use_loaded() -> Loaded {
    expect_context::<Loaded>()
}
