//! The page: the sections laid out, and the island around `<main>` that provides what the
//! interactive parts share (the filter, reduced motion, the screen's width). The same
//! components render the static page at build time and the page in the browser when the
//! profile changed since; in the browser only the islands are taken over.

use std::sync::Arc;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::{
    component_and_island, Ai, Certificates, Contact, Education, Hero, Principles, PrintButton,
    Problems, Projects, SearchBox, Skills, ThemeToggle, Work, FILTER_ID, PROJECT_LIST_ID,
};
use crate::filter::TagIndex;
use crate::filter_state::Filter;
use crate::page::{use_live, NarrowScreen, Page, ReducedMotion};

/// The whole page for a loaded profile. `fingerprint` identifies the profile.json text it was
/// rendered from, so the browser can tell whether the prerendered page shows what it fetched.
/// The class of the page's sticky top bar: what covers the top of the screen as it scrolls.
pub(crate) const TOP_BAR: &str = "topbar";

#[component]
pub fn App(page: Page, fingerprint: String) -> impl IntoView {
    provide_context(page.clone());
    let profile = &page.profile;
    let labels = &profile.site.labels;
    // The shell prompt in the top bar: the person's name as a directory.
    let home = profile.person.name.to_ascii_lowercase().replace(' ', "-");
    let shared = Shared {
        index: (*page.index).clone(),
        ids: profile.projects.iter().map(|p| p.id.clone()).collect(),
        fingerprint,
    };
    view! {
        <a class="skip-link" href="#main">
            {labels.skip_to_content.clone()}
        </a>
        // Past the filter's tags too: the cards are a few tab stops from the top.
        {(!profile.projects.is_empty())
            .then(|| {
                view! {
                    <a class="skip-link" href=format!("#{FILTER_ID}")>
                        {labels.skip_to_filter.clone()}
                    </a>
                    <a class="skip-link" href=format!("#{PROJECT_LIST_ID}")>
                        {labels.skip_to_projects.clone()}
                    </a>
                }
            })}
        <header class=TOP_BAR>
            <span class="prompt" aria-hidden="true">
                "~/"
                {home}
            </span>
            <PrintButton label=labels.save_pdf.clone() />
            <ThemeToggle label=labels.theme_toggle.clone() />
        </header>
        <Main shared>
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
        </Main>
        {profile.site.make_your_own.clone().map(|words| view! { <WorkbenchLink words /> })}
    }
}

/// The footer's link to the workbench, the site's `edit/` page (relative: the site may live
/// under a sub-path).
#[component]
fn WorkbenchLink(words: String) -> impl IntoView {
    view! {
        <footer class="site-footer">
            <a href="edit/">{words}</a>
        </footer>
    }
}

/// What the islands inside `<main>` share, written into the page once.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Shared {
    /// The tags, each project's tags and searchable text.
    index: TagIndex,
    /// Project ids in profile order, for the links to a project.
    ids: Vec<String>,
    fingerprint: String,
}

component_and_island! {
    /// `<main>`, providing the filter, reduced motion and the screen's width to every island in
    /// it. Its sections are static; the islands among them take their state from here.
    fn Main / MainIsland(children: Children, shared: Shared) -> impl IntoView {
        let live = use_live();
        ReducedMotion::provide(live);
        NarrowScreen::provide(live);
        #[cfg_attr(not(feature = "hydrate"), allow(unused_mut))]
        let mut index = shared.index;
        // Taken over, the index comes from the page's props, which leave the cards' words to
        // the cards themselves.
        #[cfg(feature = "hydrate")]
        if index.lacks_search_text() {
            index.set_search_text(crate::components::search_text_in_page(&shared.ids));
        }
        Filter::provide(Arc::new(index), shared.ids, live);
        provide_context(SearchBox(NodeRef::new()));
        view! {
            <main
                id="main"
                data-state="ready"
                data-profile=shared.fingerprint
                tabindex="-1"
                // Tests (and anyone curious) tell a page the app runs from a static one by this.
                data-live=move || live.get().then_some("")
            >
                {children()}
            </main>
        }
    }
}
