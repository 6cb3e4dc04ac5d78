//! The filter's state, shared by the filter bar, the cards and the skills table, and kept in the
//! URL: the query string holds tags and search (`?tag=kafka&q=retry`), history entries make back
//! and forward step through changes, and the fragment (`#gdpr-deletion`) names a project.
//! No server routing is needed, so it works on any static host.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

use crate::filter::{FilterState, TagIndex};
use crate::model::Profile;

/// Everything the filter views share, provided as context by [`provide_filter`].
#[derive(Clone, Copy)]
pub(crate) struct Filter {
    pub(crate) index: StoredValue<Arc<TagIndex>>,
    pub(crate) state: RwSignal<FilterState>,
    /// Tags a shared link asked for that this profile does not have.
    pub(crate) unknown_tags: RwSignal<Vec<String>>,
    /// The project named by the URL fragment, shown and opened whatever the filter says.
    pub(crate) target: RwSignal<Option<String>>,
    /// Indices of the projects that pass the filter.
    pub(crate) matching: Memo<Vec<usize>>,
}

impl Filter {
    /// Changes the state as one history step, animating the cards where the browser can.
    pub(crate) fn apply(&self, next: FilterState) {
        let state = self.state;
        if state.get_untracked() == next {
            return;
        }
        let index = self.index.get_value();
        write_url(&index.to_query(&next), true);
        with_view_transition(move || state.set(next));
    }

    /// Changes the search text, replacing the history entry so typing is not a hundred steps.
    pub(crate) fn set_query(&self, query: String) {
        let mut next = self.state.get_untracked();
        next.query = query;
        let index = self.index.get_value();
        write_url(&index.to_query(&next), false);
        self.state.set(next);
    }

    pub(crate) fn toggle(&self, tag: usize) {
        let index = self.index.get_value();
        self.apply(index.toggle(&self.state.get_untracked(), tag));
    }

    pub(crate) fn clear(&self) {
        self.unknown_tags.set(Vec::new());
        self.apply(FilterState::default());
    }
}

/// Builds the tag index once for the profile, reads the URL, and follows back/forward.
pub(crate) fn provide_filter(profile: &Profile) -> Filter {
    let index = Arc::new(TagIndex::new(profile));
    let parsed = index.from_query(&location_part(|l| l.search()));
    let state = RwSignal::new(parsed.state);
    let unknown_tags = RwSignal::new(parsed.unknown_tags);
    let target = RwSignal::new(fragment());
    let matching = {
        let index = index.clone();
        Memo::new(move |_| state.with(|s| index.matching(s)))
    };
    let filter = Filter {
        index: StoredValue::new(index.clone()),
        state,
        unknown_tags,
        target,
        matching,
    };
    // Back and forward: the URL is the truth, read it again.
    let on_pop = {
        let index = index.clone();
        move |_: ev::PopStateEvent| {
            let parsed = index.from_query(&location_part(|l| l.search()));
            with_view_transition(move || {
                state.set(parsed.state);
                unknown_tags.set(parsed.unknown_tags);
            });
            target.set(fragment());
        }
    };
    let pop = window_event_listener(ev::popstate, on_pop);
    let hash = window_event_listener(ev::hashchange, move |_| target.set(fragment()));
    on_cleanup(move || {
        pop.remove();
        hash.remove();
    });
    provide_context(filter);
    filter
}

pub(crate) fn use_filter() -> Filter {
    expect_context::<Filter>()
}

fn location_part(read: impl Fn(&web_sys::Location) -> Result<String, JsValue>) -> String {
    read(&window().location()).unwrap_or_default()
}

/// The project id in the fragment, without `#` (`#/projects/x` is accepted too).
fn fragment() -> Option<String> {
    let hash = location_part(|l| l.hash());
    let id = hash.trim_start_matches('#').trim_start_matches("/projects/");
    (!id.is_empty()).then(|| id.to_string())
}

/// Writes the query to the address bar, keeping the path (so a sub-path works) and dropping the
/// fragment (the filter changed, the old project link no longer describes the view).
fn write_url(query: &str, new_entry: bool) {
    let path = location_part(|l| l.pathname());
    let url = if query.is_empty() { path } else { format!("{path}?{query}") };
    if let Ok(history) = window().history() {
        let _ = if new_entry {
            history.push_state_with_url(&JsValue::NULL, "", Some(&url))
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        };
    }
}

/// Runs `update` inside `document.startViewTransition` where the browser has it (cards that
/// leave, enter and move then animate on the compositor); elsewhere, just runs it. Called
/// through Reflect because web-sys marks the API unstable.
fn with_view_transition(update: impl FnOnce() + 'static) {
    let document = document();
    let start = js_sys::Reflect::get(&document, &JsValue::from_str("startViewTransition"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let reduced = window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    match start {
        Some(start) if !reduced => {
            // The callback applies the change and resolves once Leptos has updated the DOM, so
            // the browser snapshots the new state.
            let pending = std::rc::Rc::new(std::cell::Cell::new(Some(update)));
            let in_callback = pending.clone();
            let callback = Closure::once_into_js(move || {
                if let Some(update) = in_callback.take() {
                    update();
                }
                wasm_bindgen_futures::future_to_promise(async {
                    leptos::task::tick().await;
                    Ok(JsValue::UNDEFINED)
                })
            });
            let _ = start.call1(&document, &callback);
            // If the browser refused the transition, the change still happens.
            if let Some(update) = pending.take() {
                update();
            }
        }
        _ => update(),
    }
}
