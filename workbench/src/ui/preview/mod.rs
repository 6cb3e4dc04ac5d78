//! The preview: the draft rendered by the site's own components (`App`, as `start.rs` renders a
//! profile that changed after the build), with the site's stylesheet.
//!
//! Each draft that parses is rendered after the pause in typing, off the keystroke's path: one
//! task builds the page into a fresh element off screen, the next puts it in the old one's
//! place in one step, so the preview never shows half a page, keeps its scroll position, and
//! the old page's reactive root is dropped with it. A key typed meanwhile runs between the two.
//! A draft that does not parse leaves the last preview on screen, marked stale. The cards that
//! were open are opened again, each open diagram's player shows the same scenario and step
//! (`player.rs`), and the large view (`view.rs`) takes the fresh page's figure.

mod player;
mod view;

use std::any::Any;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::use_workbench;
use portfolio::model::Profile;
use portfolio::page::Page;
use portfolio::App;

/// The id of the element the preview is rendered into.
const HOST: &str = "wb-preview";

/// The performance timeline's measures of a render's two tasks (what `cargo xtask bench`
/// reads): building the fresh page, and putting it on screen.
const BUILD: &str = "wb-render-build";
const SWAP: &str = "wb-render-swap";

/// The preview on screen: its reactive root and what unmounts it.
type Mounted = (Owner, Box<dyn Any>);

#[derive(Clone, Copy)]
pub(crate) struct Preview {
    mounted: StoredValue<Option<Mounted>, LocalStorage>,
    /// Counts the drafts asked for: a render that a newer draft overtook is skipped.
    asked: StoredValue<u64>,
    /// The draft on screen.
    shown: StoredValue<Option<Arc<Profile>>>,
    /// Counts the keys typed: one typed while a page was built is shown before that page.
    keys: StoredValue<u64>,
    pub(crate) large: view::LargeView,
}

/// A fresh page built off screen, not yet in the preview.
struct Built {
    element: web_sys::Element,
    mounted: Mounted,
}

impl Preview {
    pub(crate) fn new() -> Self {
        Preview {
            mounted: StoredValue::new_local(None),
            asked: StoredValue::new(0),
            shown: StoredValue::new(None),
            keys: StoredValue::new(0),
            large: view::LargeView::new(),
        }
    }

    /// A key was typed in the editor.
    pub(crate) fn typed(self) {
        self.keys.update_value(|keys| *keys += 1);
    }

    /// Renders `profile` off the keystroke's path, in two tasks (building the page, then
    /// putting it on screen, each about half the work), so that a key typed meanwhile waits
    /// for one half at most.
    pub(crate) fn show(self, profile: Arc<Profile>) {
        let ticket = self.asked.get_value() + 1;
        self.asked.set_value(ticket);
        let overtaken = move || self.asked.get_value() != ticket;
        leptos::task::spawn_local(async move {
            super::next_task().await;
            if overtaken() {
                return;
            }
            let page = Page::new(without_workbench_link((*profile).clone()));
            let keys = self.keys.get_value();
            let Some(built) = timed(BUILD, || build(page)) else {
                return;
            };
            super::next_task().await;
            // A key typed during the build (handled in that pause) gets its frame before the
            // swap's work.
            if self.keys.get_value() != keys {
                super::after_next_frame().await;
            }
            if overtaken() {
                // Dropped unseen: its root is disposed with it.
                return;
            }
            let played = self
                .shown
                .with_value(|shown| shown.as_deref().map(player::played))
                .unwrap_or_default();
            let Some(reopened) = timed(SWAP, || self.swap(built)) else {
                return;
            };
            self.large.renewed(&reopened);
            self.shown.set_value(Some(profile.clone()));
            player::replay(played, profile).await;
        });
    }

    /// Puts the built page in the old one's place, with the cards that were open opened again
    /// and the scroll position kept. Returns the cards it opened again.
    fn swap(self, built: Built) -> Option<Vec<String>> {
        let host = document().get_element_by_id(HOST)?;
        let (top, left) = (host.scroll_top(), host.scroll_left());
        let open = open_cards(&host);
        host.replace_children_with_node_1(&built.element);
        reopen(&built.element, &open);
        host.set_scroll_top(top);
        host.set_scroll_left(left);
        // Again once the reopened cards have their height (the first may have been clamped).
        request_animation_frame(move || {
            host.set_scroll_top(top);
            host.set_scroll_left(left);
        });
        let old = self
            .mounted
            .try_update_value(|mounted| mounted.replace(built.mounted))
            .flatten();
        drop(old);
        Some(open)
    }
}

/// Runs `work` as the performance timeline's measure `name`.
fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let performance = window().performance();
    let start = format!("{name}-start");
    if let Some(performance) = &performance {
        let _ = performance.mark(&start);
    }
    let done = work();
    if let Some(performance) = &performance {
        let _ = performance.measure_with_start_mark(name, &start);
        performance.clear_marks_with_mark_name(&start);
    }
    done
}

/// The site's `App` for `page`, mounted into an element of its own that is not yet in the
/// document.
fn build(page: Page) -> Option<Built> {
    let element = document().create_element("div").ok()?;
    element.set_class_name("wb-page");
    let root = Owner::new_root(Some(Arc::new(hydration_context::CsrSharedContext)));
    let target = element.clone().unchecked_into::<web_sys::HtmlElement>();
    let handle = root.with(move || {
        leptos::mount::mount_to(target, move || {
            view! { <App page fingerprint=String::new() /> }
        })
    });
    // The site's skip links jump within its own page; here they would sit outside every
    // landmark (the preview's `<main>` must stay the page's top-level one), and the
    // workbench's own bar and editor come first in the tab order anyway.
    if let Ok(links) = element.query_selector_all(":scope > a.skip-link") {
        for i in 0..links.length() {
            if let Some(link) = links.item(i).and_then(|n| n.parent_node().map(|p| (n, p))) {
                let _ = link.1.remove_child(&link.0);
            }
        }
    }
    Some(Built {
        element,
        mounted: (root, Box::new(handle)),
    })
}

/// The ids of the cards open in the preview on screen.
fn open_cards(host: &web_sys::Element) -> Vec<String> {
    let Ok(buttons) = host.query_selector_all("article[id] button.expand[aria-expanded=\"true\"]")
    else {
        return Vec::new();
    };
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .filter_map(|button| {
            let button: web_sys::Element = button.unchecked_into();
            button
                .closest("article[id]")
                .ok()
                .flatten()
                .map(|card| card.id())
        })
        .collect()
}

/// Opens those cards in the fresh preview (now on the page), so an update keeps what the owner
/// was looking at.
fn reopen(fresh: &web_sys::Element, ids: &[String]) {
    for id in ids {
        let selector = format!(
            "article[id=\"{}\"] button.expand",
            id.replace(['"', '\\'], "")
        );
        if let Ok(Some(button)) = fresh.query_selector(&selector) {
            button.unchecked_into::<web_sys::HtmlElement>().click();
        }
    }
}

/// The pane the preview is rendered into, marked while stale, the large view at its top. Not
/// a landmark: the site's own `<main>`, inside it, is the page's main landmark.
#[component]
pub(crate) fn PreviewPane() -> impl IntoView {
    let workbench = use_workbench();
    let project = Memo::new(move |_| {
        workbench
            .focused
            .with(|f| f.as_ref().map(|f| (f.id.clone(), f.title.clone())))
    });
    Effect::new(move |_| {
        let id = project.with(|p| p.as_ref().map(|(id, _)| id.clone()));
        workbench.preview.large.show(id);
    });
    let heading = move || {
        let title = project.with(|p| p.as_ref().map(|(_, title)| title.clone()));
        portfolio::format::fill(
            &workbench.words().view_of,
            &[("project", &title.unwrap_or_default())],
        )
    };
    view! {
        <div class="wb-preview" data-stale=move || workbench.stale.get().then_some("")>
            <section
                class="wb-view"
                aria-labelledby="wb-view-heading"
                hidden=move || project.with(Option::is_none)
            >
                <h2 id="wb-view-heading">{heading}</h2>
                <div id=view::SLOT></div>
            </section>
            <div id=HOST class="wb-preview-host"></div>
        </div>
    }
}

/// Under the problems: the preview shows the last draft that parsed, or nothing yet.
#[component]
pub(crate) fn StaleNote() -> impl IntoView {
    let workbench = use_workbench();
    let words = workbench.words();
    move || {
        (workbench.stale.get() && !workbench.too_large.get()).then(|| {
            // No draft has parsed since the page opened: there is no last preview to speak of.
            let text = match workbench.profile.with(Option::is_some) {
                true => words.stale.clone(),
                false => words.nothing_previewed.clone(),
            };
            view! { <p class="wb-stale" role="status">{text}</p> }
        })
    }
}

/// The draft as the preview shows it: without the footer's link to the workbench, which from
/// here (`edit/`) would lead to `edit/edit/`, a page that is not there.
fn without_workbench_link(mut profile: Profile) -> Profile {
    profile.site.make_your_own = None;
    profile
}
