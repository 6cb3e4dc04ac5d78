//! What every component shares, provided once as context: the loaded profile, its tag index and
//! its validation problems, and whether the app runs in the browser yet.

use std::sync::{Arc, OnceLock};

use leptos::prelude::*;

use crate::diagram::layout::Direction;
use crate::diagram::scene::{scene, Scene};
use crate::filter::TagIndex;
use crate::model::Profile;
use crate::validate::{validate, Problem};

/// A parsed profile with what is derived from it once, at load: its tag index and problems.
#[derive(Clone, Debug)]
pub struct Page {
    pub(crate) profile: Arc<Profile>,
    pub(crate) index: Arc<TagIndex>,
    pub(crate) problems: Arc<Vec<Problem>>,
    /// Each project's two laid-out drawings (left to right, top to bottom), made the first
    /// time a card asks: a card that leaves and comes back with the filter is not laid out
    /// again.
    scenes: Arc<Vec<[OnceLock<Arc<Scene>>; 2]>>,
}

impl Page {
    /// Validates and indexes once, so nothing does it again while rendering.
    pub fn new(profile: Profile) -> Self {
        let problems = validate(&profile);
        let index = TagIndex::new(&profile);
        let projects = profile.projects.len();
        Self {
            profile: Arc::new(profile),
            index: Arc::new(index),
            problems: Arc::new(problems),
            scenes: Arc::new(
                (0..projects)
                    .map(|_| [OnceLock::new(), OnceLock::new()])
                    .collect(),
            ),
        }
    }

    /// Project `project`'s diagram laid out in `direction`, made once.
    pub(crate) fn scene(&self, project: usize, direction: Direction) -> Arc<Scene> {
        let slot = match direction {
            Direction::LeftToRight => 0,
            Direction::TopToBottom => 1,
        };
        self.scenes[project][slot]
            .get_or_init(|| Arc::new(scene(&self.profile.projects[project].diagram, direction)))
            .clone()
    }

    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The problems validation found in the profile.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

/// The page's shared data, for any component under [`crate::app::App`]; in an island taken
/// over in the browser, the profile the page was built from (read on first use).
pub(crate) fn use_page() -> Page {
    use_context::<Page>().unwrap_or_else(|| {
        #[cfg(feature = "hydrate")]
        return crate::takeover::prerendered_page();
        #[cfg(not(feature = "hydrate"))]
        unreachable!("the page is rendered under `App`, which provides it")
    })
}

/// True once the app runs in the browser: false while the page is rendered at build time and
/// while the browser takes its islands over. What only a browser knows (the URL's filter, the
/// theme, reduced motion) waits for it, so each island's first render is the prerendered
/// markup exactly.
///
/// One flag for the page, not a context: the islands in the top bar are outside the one that
/// provides the page's state.
#[derive(Clone, Copy)]
pub(crate) struct Live(pub(crate) ReadSignal<bool>);

thread_local! {
    /// Under an owner of its own, kept for the thread's life: created under whichever component
    /// asked first, it would go with that component.
    static LIVE: (Owner, RwSignal<bool>) = {
        let owner = Owner::new_root(None);
        let live = owner.with(|| RwSignal::new(false));
        (owner, live)
    };
}

impl Live {
    pub(crate) fn get(self) -> bool {
        self.0.get()
    }
}

/// The page's flag. Turned on by [`go_live`].
pub(crate) fn use_live() -> Live {
    Live(LIVE.with(|(_, live)| live.read_only()))
}

/// False while the calling island is taken over, true from its first effect on. What only the
/// browser knows (the page is live, a card is open) is read through it, so the island's first
/// render is the page's markup, which hydration keeps as it is, even for an island taken over
/// after the page went live (its code a chunk fetched once it is needed).
pub(crate) fn use_taken_over() -> ReadSignal<bool> {
    let taken_over = RwSignal::new(false);
    Effect::new(move |_| taken_over.set(true));
    taken_over.read_only()
}

/// Turns the page live: once every island is taken over, or once a page rendered in the
/// browser is mounted.
#[cfg(feature = "hydrate")]
pub(crate) fn go_live() {
    LIVE.with(|(_, live)| live.set(true));
}

/// Whether the visitor asked for reduced motion: one media query for the page, read by every
/// diagram.
#[derive(Clone, Copy)]
pub(crate) struct ReducedMotion(pub(crate) ReadSignal<bool>);

impl ReducedMotion {
    pub(crate) fn provide(live: Live) -> Self {
        let reduced = ReducedMotion(crate::browser::media_query(
            "(prefers-reduced-motion: reduce)",
            live,
        ));
        provide_context(reduced);
        reduced
    }
}

pub(crate) fn use_reduced_motion() -> ReadSignal<bool> {
    expect_context::<ReducedMotion>().0
}

/// Whether the screen is narrower than 44rem, where the stylesheet shows each diagram's top to
/// bottom drawing: one media query for the page, read by every diagram.
#[derive(Clone, Copy)]
pub(crate) struct NarrowScreen(pub(crate) ReadSignal<bool>);

impl NarrowScreen {
    pub(crate) fn provide(live: Live) {
        let narrow = crate::browser::media_query("(width < 44rem)", live);
        provide_context(NarrowScreen(narrow));
    }
}

pub(crate) fn use_narrow_screen() -> ReadSignal<bool> {
    expect_context::<NarrowScreen>().0
}

/// `"true"`/`"false"` for ARIA states (a bare boolean attribute would read as present/absent).
pub(crate) fn aria(value: bool) -> &'static str {
    if value {
        "true"
    } else {
        "false"
    }
}
