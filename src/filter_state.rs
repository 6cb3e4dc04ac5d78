//! The project filter in the browser: one state provided as context and read by the filter bar,
//! the cards, the skill buttons and the result count. The state lives in the URL
//! (`?tag=kafka&q=retry`; Back and Forward step through changes; `#project-id` names a project
//! shown whatever the filter says, `#project-id/scenario/step` one step of its diagram). The
//! pure part (matching, counts, URL encoding) is [`crate::filter`].

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

use crate::filter::{FilterState, Parsed, TagIndex};
use crate::link::{parse_fragment, Target};
use crate::page::Live;

/// The filter's state and the index it works with. `Copy`: every handler holds one.
#[derive(Clone, Copy)]
pub(crate) struct Filter {
    index: StoredValue<Arc<TagIndex>>,
    /// What the query string asks for: the selection, and tags this profile does not have.
    url: RwSignal<Parsed>,
    /// The project (and step) named by the URL fragment, shown and opened whatever the
    /// filter says.
    target: RwSignal<Option<Target>>,
    /// While the page prints, every project shows: a printed résumé is the whole of it.
    printing: RwSignal<bool>,
    /// The projects the selection lets through, in profile order.
    matching: Memo<Vec<usize>>,
    /// The projects the cards show: `matching` as the cards were last given it. A change
    /// answers at once in the filter bar (the pressed tag, the count) and reaches the cards
    /// inside a view transition, a frame or more later, when the browser has captured their
    /// old places: on a phone that frame is 60 ms (the idle tap, tap to the frame showing its
    /// count, 4x CPU: median 146 ms with the whole change inside the transition).
    cards: RwSignal<Vec<usize>>,
    /// For each tag, how many projects would match with it selected too: one pass for all the
    /// toggles, not one per toggle.
    counts: Memo<Vec<usize>>,
    /// For each tag, whether it is selected; for each project, whether it is on screen. Every
    /// card stays in the page (hidden when left out), so a toggle must wake only what it
    /// changes: the tag's own buttons and the cards that come or go. Each is one signal per
    /// key, written by [`Self::follow_the_selection`] only when its value changes: derived
    /// (a memo per key) every subscriber was still marked on each toggle. Measured at 1,000
    /// projects: 103 ms a toggle with one derived closure per card, 23.5 ms with a memo per
    /// key; 16 ms allowed.
    selected: StoredValue<Vec<RwSignal<bool>>>,
    shown: StoredValue<Vec<RwSignal<bool>>>,
}

impl Filter {
    /// Creates the state and provides it. Starts with nothing selected, as the prerendered page
    /// shows it; once the app is live it reads the URL and follows Back, Forward and printing.
    pub(crate) fn provide(index: Arc<TagIndex>, ids: Vec<String>, live: Live) -> Self {
        let index = StoredValue::new(index);
        let url = RwSignal::new(Parsed::default());
        let matching = Memo::new(move |_| {
            url.with(|parsed| index.with_value(|index| index.matching(&parsed.state)))
        });
        let counts =
            Memo::new(move |_| matching.with(|m| index.with_value(|index| index.counts(m))));
        let cards = RwSignal::new(matching.get_untracked());
        let tags = index.with_value(|index| index.tags.len());
        let filter = Self {
            index,
            url,
            target: RwSignal::new(None),
            printing: RwSignal::new(false),
            matching,
            counts,
            cards,
            // As the prerendered page has them: nothing selected, every project shown.
            selected: StoredValue::new((0..tags).map(|_| RwSignal::new(false)).collect()),
            shown: StoredValue::new(ids.iter().map(|_| RwSignal::new(true)).collect()),
        };
        filter.follow_the_selection(ids);
        Effect::new(move |_| {
            if live.get() {
                filter.follow_the_address_bar();
            }
        });
        provide_context(filter);
        filter
    }

    fn follow_the_address_bar(self) {
        let Filter { url, target, .. } = self;
        // The first reading is no transition: nothing on screen changed hands yet.
        let parsed = self
            .index
            .with_value(|index| index.from_query(&current_query()));
        if parsed != Parsed::default() {
            url.set(parsed);
            self.show_matching();
        }
        target.set(fragment());
        let index = self.index;
        let printing = self.printing;
        let listeners = [
            window_event_listener(leptos::ev::popstate, move |_| {
                let parsed = index.with_value(|index| index.from_query(&current_query()));
                url.set(parsed);
                with_view_transition(move || self.show_matching());
                target.set(fragment());
            }),
            window_event_listener(leptos::ev::hashchange, move |_| target.set(fragment())),
            window_event_listener(leptos::ev::beforeprint, move |_| printing.set(true)),
            window_event_listener(leptos::ev::afterprint, move |_| printing.set(false)),
        ];
        // A page that is unmounted (a retry after a load error, a test) stops listening.
        on_cleanup(move || listeners.into_iter().for_each(|listener| listener.remove()));
    }

    /// Keeps each tag's and each project's signal up to date, setting only those that change.
    fn follow_the_selection(self, ids: Vec<String>) {
        let Filter {
            url,
            selected,
            cards,
            target,
            printing,
            shown,
            ..
        } = self;
        Effect::new(move |_| {
            url.with(|u| {
                selected.with_value(|selected| {
                    for (tag, signal) in selected.iter().enumerate() {
                        set_if_changed(*signal, u.state.tags.contains(&tag));
                    }
                })
            })
        });
        Effect::new(move |_| {
            let printing = printing.get();
            let linked = target.with(|t| t.as_ref().map(|t| t.project.clone()));
            cards.with(|cards| {
                shown.with_value(|shown| {
                    for (project, signal) in shown.iter().enumerate() {
                        let on = printing
                            || cards.binary_search(&project).is_ok()
                            || linked.as_deref() == Some(ids[project].as_str());
                        set_if_changed(*signal, on);
                    }
                })
            })
        });
    }

    /// Whether project `project` is on screen: it matches, the fragment links to it, or the page
    /// prints.
    pub(crate) fn shows(self, project: usize) -> bool {
        self.shown.with_value(|shown| shown[project].get())
    }

    /// The tag index the filter works with.
    pub(crate) fn index(self) -> Arc<TagIndex> {
        self.index.get_value()
    }

    /// How many projects match the selection.
    pub(crate) fn match_count(self) -> usize {
        self.matching.with(Vec::len)
    }

    /// Whether the cards have been given no project to show (they change a frame after the
    /// count, inside the view transition).
    pub(crate) fn cards_show_none(self) -> bool {
        self.cards.with(Vec::is_empty)
    }

    /// How many projects would match with `tag` selected too.
    pub(crate) fn count(self, tag: usize) -> Option<usize> {
        self.counts.with(|counts| counts.get(tag).copied())
    }

    pub(crate) fn is_selected(self, tag: usize) -> bool {
        self.selected.with_value(|selected| selected[tag].get())
    }

    /// Whether a node with these canonical tags is highlighted: one of them is selected.
    pub(crate) fn lights_node(self, node_tags: &[usize]) -> bool {
        node_tags.iter().any(|&tag| self.is_selected(tag))
    }

    pub(crate) fn selected_tags(self) -> Vec<usize> {
        self.url.with(|u| u.state.tags.clone())
    }

    pub(crate) fn query(self) -> String {
        self.url.with(|u| u.state.query.clone())
    }

    pub(crate) fn has_selection(self) -> bool {
        self.url
            .with(|u| !u.state.tags.is_empty() || !u.state.query.trim().is_empty())
    }

    /// Tags the link asked for that this profile does not have.
    pub(crate) fn unknown_tags(self) -> Vec<String> {
        self.url.with(|u| u.unknown_tags.clone())
    }

    /// The project the fragment links to, if any.
    pub(crate) fn target(self) -> Option<String> {
        self.target.with(|t| t.as_ref().map(|t| t.project.clone()))
    }

    /// The scenario and step (from 0) the fragment links to in project `project`'s diagram.
    pub(crate) fn target_step(self, project: &str) -> Option<(String, usize)> {
        self.target.with(|t| {
            t.as_ref()
                .filter(|t| t.project == project)
                .and_then(|t| t.step.clone())
        })
    }

    /// Selects or unselects a tag.
    pub(crate) fn toggle(self, tag: usize) {
        let next = self
            .url
            .with_untracked(|u| self.index.with_value(|index| index.toggle(&u.state, tag)));
        self.apply(next);
    }

    /// Replaces the selection with `tags` (a skill shows just its projects).
    pub(crate) fn select(self, tags: Vec<usize>) {
        self.apply(FilterState {
            tags,
            query: String::new(),
        });
    }

    pub(crate) fn clear(self) {
        self.url.update(|u| u.unknown_tags.clear());
        self.apply(FilterState::default());
    }

    /// Changes the search text. The first letter of a search is a history step (Back returns to
    /// the view before it, not off the site); the letters after it replace that step, so typing
    /// is not a hundred steps.
    pub(crate) fn set_query(self, query: String) {
        let mut next = self.url.with_untracked(|u| u.state.clone());
        let starting = next.query.trim().is_empty();
        next.query = query;
        write_url(&self.to_query(&next), starting);
        self.release_target();
        self.url.update(|u| u.state = next);
        self.show_matching();
    }

    /// Changes the state as one history step, animating the cards where the browser can.
    fn apply(self, next: FilterState) {
        let url = self.url;
        if url.with_untracked(|u| u.state == next) {
            return;
        }
        write_url(&self.to_query(&next), true);
        // The fragment went with the old URL: a linked card no longer stays shown.
        self.release_target();
        url.update(|u| u.state = next);
        with_view_transition(move || self.show_matching());
    }

    /// Gives the cards what the selection lets through now.
    fn show_matching(self) {
        let matching = self.matching.get_untracked();
        if self.cards.with_untracked(|cards| *cards != matching) {
            self.cards.set(matching);
        }
    }

    fn to_query(self, state: &FilterState) -> String {
        self.index.with_value(|index| index.to_query(state))
    }

    /// Forgets the linked project, notifying only when there was one.
    fn release_target(self) {
        if self.target.with_untracked(Option::is_some) {
            self.target.set(None);
        }
    }
}

fn set_if_changed(signal: RwSignal<bool>, value: bool) {
    if signal.get_untracked() != value {
        signal.set(value);
    }
}

pub(crate) fn use_filter() -> Filter {
    expect_context::<Filter>()
}

/// The page's query string, as the address bar has it now.
fn current_query() -> String {
    window().location().search().unwrap_or_default()
}

/// What the fragment points at (see [`crate::link`]).
fn fragment() -> Option<Target> {
    parse_fragment(&window().location().hash().unwrap_or_default())
}

/// Writes the query to the address bar, keeping the path (so a sub-path works) and dropping the
/// fragment (the filter changed, the old project link no longer describes the view).
fn write_url(query: &str, new_entry: bool) {
    let path = window().location().pathname().unwrap_or_default();
    let url = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    if let Ok(history) = window().history() {
        let _ = if new_entry {
            history.push_state_with_url(&JsValue::NULL, "", Some(&url))
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        };
    }
}

/// Handles a view transition's `ready`, which rejects (AbortError) when the transition is
/// skipped: a second change came before it could animate (two quick taps, a hash link that
/// also fires popstate). The change itself is made either way; unhandled, the rejection would
/// reach the console as an error.
fn ignore_skipped(transition: &JsValue) {
    let ready = js_sys::Reflect::get(transition, &JsValue::from_str("ready"))
        .ok()
        .and_then(|ready| ready.dyn_into::<js_sys::Promise>().ok());
    if let Some(ready) = ready {
        leptos::task::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(ready).await;
        });
    }
}

/// Runs `update` inside `document.startViewTransition` where the browser has it and motion is
/// welcome: the browser first captures the old layout, then calls back, and the returned
/// promise resolves once Leptos has written the change, so cards that leave, enter and move
/// animate between the two. The API is reached through Reflect: web-sys marks it unstable.
pub(crate) fn with_view_transition(update: impl FnOnce() + 'static) {
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
            // Called by the browser after it has captured the old state (never before
            // `startViewTransition` returns), even when it skips the animation.
            let pending = Rc::new(Cell::new(Some(update)));
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
            match start.call1(&document, &callback) {
                Ok(transition) => ignore_skipped(&transition),
                // Only if the call itself failed: then no callback will come.
                Err(_) => {
                    if let Some(update) = pending.take() {
                        update();
                    }
                }
            }
        }
        _ => update(),
    }
}
