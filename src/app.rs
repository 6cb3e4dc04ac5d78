//! The page: provides what every section shares (the profile, its tag index, the filter) and
//! lays the sections out. The same component renders the static page at build time and takes it
//! over in the browser.

use leptos::prelude::*;

use crate::components::{
    Ai, Certificates, Contact, Education, Hero, Principles, PrintButton, Problems, Projects,
    Skills, ThemeToggle, Work,
};
use crate::filter_state::Filter;
use crate::page::{Live, NarrowScreen, Page, ReducedMotion};

/// The whole page for a loaded profile. `fingerprint` identifies the profile.json text it was
/// rendered from, so the browser can tell whether the prerendered page shows what it fetched.
#[component]
pub fn App(page: Page, fingerprint: String) -> impl IntoView {
    let live = Live::provide();
    ReducedMotion::provide(live);
    NarrowScreen::provide(live);
    Filter::provide(&page, live);
    provide_context(page.clone());
    let profile = &page.profile;
    let labels = &profile.site.labels;
    // The shell prompt in the top bar: the person's name as a directory.
    let home = profile.person.name.to_ascii_lowercase().replace(' ', "-");
    view! {
        <a class="skip-link" href="#main">
            {labels.skip_to_content.clone()}
        </a>
        <header class="topbar">
            <span class="prompt" aria-hidden="true">
                "~/"
                {home}
            </span>
            <PrintButton />
            <ThemeToggle />
        </header>
        <main
            id="main"
            data-state="ready"
            data-profile=fingerprint
            tabindex="-1"
            // Tests (and anyone curious) tell a page the app runs from a static one by this.
            data-live=move || live.get().then_some("")
        >
            <Problems />
            <Hero />
            // Projects right under the hero: at 1280 × 800 the first screen shows a diagram.
            <Projects />
            <Work />
            <Ai />
            <Education />
            <Certificates />
            <Skills />
            <Principles />
            <Contact />
        </main>
    }
}
