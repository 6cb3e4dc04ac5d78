//! The project filter at run time: its state, kept in the URL (`?tag=kafka&q=retry`; back and
//! forward step through changes; `#project-id` names a project), and the effects that show it:
//! pressed tags, live counts, hidden cards, the result count and the empty state.
//!
//! The pure part (matching, counts, URL encoding) is `crate::filter`. The effects diff against
//! what they wrote last, so a toggle touches only the cards and tags that change (measured at
//! 1,000 projects in `tests/bench.rs`).

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::Element;

use super::dom::{all, first, on, set_attr, set_class, set_flag, set_text};
use super::reactive::effect;
use crate::filter::{FilterState, Parsed, TagIndex};
use crate::model::Profile;
use crate::render::fill;

/// The filter's state and the index it works with. `Copy`: every handler holds one.
#[derive(Clone, Copy)]
pub(super) struct Filter {
    index: &'static TagIndex,
    /// What the query string asks for: the filter, and tags this profile does not have. One
    /// signal for both (each signal type compiles Leptos's signal code once more).
    url: RwSignal<Parsed>,
    /// The project named by the URL fragment, shown and opened whatever the filter says.
    pub(super) target: RwSignal<Option<String>>,
    /// Whether a phone shows every tag or only the most used.
    more: RwSignal<bool>,
}

impl Filter {
    /// Changes the state as one history step, animating the cards where the browser can.
    fn apply(&self, next: FilterState) {
        let url = self.url;
        if url.with_untracked(|u| u.state == next) {
            return;
        }
        write_url(&self.index.to_query(&next), true);
        // The fragment went with the old URL: a linked card no longer stays shown.
        self.release_target();
        with_view_transition(move || url.update(|u| u.state = next));
    }

    /// Selects or unselects the tag written `slug` in the markup.
    pub(super) fn toggle(&self, slug: &str) {
        if let Some(tag) = self.index.by_slug(slug) {
            self.apply(
                self.url
                    .with_untracked(|u| self.index.toggle(&u.state, tag)),
            );
        }
    }

    /// Replaces the selection with the tags numbered in `numbers` (space-separated).
    pub(super) fn select(&self, numbers: &str) {
        let count = self.index.tags.len();
        let tags = numbers
            .split(' ')
            .filter_map(|n| n.parse().ok())
            .filter(|&t| t < count)
            .collect();
        self.apply(FilterState {
            tags,
            query: String::new(),
        });
    }

    /// Changes the search text. The first letter of a search is a history step (Back returns to
    /// the view before it, not off the site); the letters after it replace that step, so typing
    /// is not a hundred steps.
    pub(super) fn set_query(&self, query: String) {
        let mut next = self.url.with_untracked(|u| u.state.clone());
        let starting = next.query.trim().is_empty();
        next.query = query;
        write_url(&self.index.to_query(&next), starting);
        self.release_target();
        self.url.update(|u| u.state = next);
    }

    /// Forgets the linked project, notifying only when there was one (a `set` always notifies,
    /// and the cards' effect would run twice per toggle).
    fn release_target(&self) {
        if self.target.with_untracked(Option::is_some) {
            self.target.set(None);
        }
    }

    pub(super) fn clear(&self) {
        self.url.update(|u| u.unknown_tags.clear());
        self.apply(FilterState::default());
    }

    pub(super) fn toggle_more(&self) {
        self.more.update(|more| *more = !*more);
    }
}

/// What the effects wrote last, so the next run changes only what differs.
#[derive(Default)]
struct Shown {
    pressed: Vec<bool>,
    counts: Vec<usize>,
    visible: Vec<bool>,
}

/// Reads the URL, attaches the filter to the markup under `root`, and follows back/forward.
pub(super) fn wire(root: &Element, profile: &Profile, index: &'static TagIndex) -> Filter {
    let parsed = index.from_query(&current_query());
    let filter = Filter {
        index,
        url: RwSignal::new(parsed),
        target: RwSignal::new(fragment()),
        more: RwSignal::new(false),
    };
    let Filter {
        url, target, more, ..
    } = filter;
    // The projects the state selects. Derived rather than memoised: two effects read it, and
    // matching even 1,000 projects costs less than the memo machinery adds to the wasm.
    let matching = move || url.with(|Parsed { state: s, .. }| index.matching(s));
    let slug_tag = |element: &Element| index.by_slug(&element.get_attribute("data-tag")?);
    // Every element that shows a tag's state: the bar's toggles (with counts) and the cards'.
    let toggles: Vec<(usize, Element, Option<Element>)> = all(root, ".tag-toggle[data-tag]")
        .into_iter()
        .filter_map(|e| Some((slug_tag(&e)?, e.clone(), first(&e, ".count"))))
        .collect();
    let toggle_count = toggles.len().to_string();
    let card_tags: Vec<(usize, Element)> = all(root, ".project-card .tag[data-tag]")
        .into_iter()
        .filter_map(|e| Some((slug_tag(&e)?, e)))
        .collect();
    let cards = all(root, "article.project-card");
    let total = cards.len().to_string();
    let ids: Vec<String> = profile.projects.iter().map(|p| p.id.clone()).collect();
    let tag_count = index.tags.len();
    let counter = index;
    let mut last = Shown::default();
    let matching_cards = matching;
    effect(move || {
        let target = target.get();
        let pressed: Vec<bool> = url
            .with(|Parsed { state: s, .. }| (0..tag_count).map(|t| s.tags.contains(&t)).collect());
        let shown = matching_cards();
        let (counts, visible) = {
            let mut next = shown.iter().copied().peekable();
            let visible: Vec<bool> = (0..cards.len())
                .map(|i| {
                    next.next_if_eq(&i).is_some() || target.as_deref() == Some(ids[i].as_str())
                })
                .collect();
            (counter.counts(&shown), visible)
        };
        let changed = |t: usize| {
            last.pressed.get(t) != Some(&pressed[t]) || last.counts.get(t) != Some(&counts[t])
        };
        for (tag, toggle, count) in &toggles {
            if changed(*tag) {
                set_attr(
                    toggle,
                    "aria-pressed",
                    if pressed[*tag] { "true" } else { "false" },
                );
                // Unavailable, not disabled: it stays focusable and can be unselected.
                set_class(toggle, "unavailable", !pressed[*tag] && counts[*tag] == 0);
                if let Some(count) = count {
                    set_text(count, &counts[*tag].to_string());
                }
            }
        }
        for (tag, button) in &card_tags {
            if last.pressed.get(*tag) != Some(&pressed[*tag]) {
                set_attr(
                    button,
                    "aria-pressed",
                    if pressed[*tag] { "true" } else { "false" },
                );
            }
        }
        for (i, card) in cards.iter().enumerate() {
            if last.visible.get(i) != Some(&visible[i]) {
                set_flag(card, "hidden", !visible[i]);
            }
        }
        last = Shown {
            pressed,
            counts,
            visible,
        };
    });

    // The result count, clear-all, the empty state, the unknown-tags note and the search box.
    let words = profile.site.filter.clone();
    let result_count = first(root, ".result-count");
    let clear = first(root, ".filter .clear");
    let empty = first(root, ".empty-result");
    let empty_text = empty.as_ref().and_then(|e| first(e, "p"));
    let note = first(root, ".filter-note");
    let search = first(root, "input[data-action=search]")
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    let names = index;
    effect(move || {
        let count = matching().len();
        let (has_selection, query) = url.with(|Parsed { state: s, .. }| {
            (
                !s.tags.is_empty() || !s.query.trim().is_empty(),
                s.query.clone(),
            )
        });
        if let Some(element) = &result_count {
            set_text(
                element,
                &fill(
                    &words.results,
                    &[("count", &count.to_string()), ("total", &total)],
                ),
            );
        }
        if let Some(clear) = &clear {
            set_flag(clear, "hidden", !has_selection);
        }
        if let (Some(empty), Some(text)) = (&empty, &empty_text) {
            set_flag(empty, "hidden", count != 0);
            if count == 0 {
                let mut parts: Vec<String> = url.with(|Parsed { state: s, .. }| {
                    s.tags.iter().map(|&t| names.tags[t].name.clone()).collect()
                });
                if !query.trim().is_empty() {
                    parts.push(format!("\"{}\"", query.trim()));
                }
                set_text(
                    text,
                    &fill(
                        &words.empty,
                        &[("tags", &parts.join(&format!(" {} ", words.and)))],
                    ),
                );
            }
        }
        if let Some(note) = &note {
            let unknown = url.with(|u| u.unknown_tags.clone());
            set_flag(note, "hidden", unknown.is_empty());
            set_text(
                note,
                &if unknown.is_empty() {
                    String::new()
                } else {
                    fill(&words.unknown_tags, &[("tags", &unknown.join(", "))])
                },
            );
        }
        if let Some(search) = &search {
            if search.value() != query {
                search.set_value(&query);
            }
        }
    });

    // Phones: the most used tags first, the rest one tap away.
    let tag_list = first(root, "#tag-toggles");
    let more_button = first(root, ".more-tags");
    let (more_words, fewer_words) = (
        fill(&profile.site.filter.more_tags, &[("count", &toggle_count)]),
        profile.site.filter.fewer_tags.clone(),
    );
    let mut was_expanded = false;
    effect(move || {
        let expanded = more.get();
        if let Some(list) = &tag_list {
            set_class(list, "expanded", expanded);
            // The tags just shown come before the button: take the keyboard to the first of
            // them (the 13th; the stylesheet shows twelve) rather than leave it past the list.
            if expanded && !was_expanded {
                if let Some(tag) = first(list, ".tag-toggle:nth-child(13)")
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = tag.focus();
                }
            }
        }
        was_expanded = expanded;
        if let Some(button) = &more_button {
            set_attr(
                button,
                "aria-expanded",
                if expanded { "true" } else { "false" },
            );
            set_text(button, if expanded { &fewer_words } else { &more_words });
        }
    });

    // Back and forward: the URL is the truth, read it again.
    let on_pop = move |_: web_sys::Event| {
        let parsed = index.from_query(&current_query());
        with_view_transition(move || {
            url.set(parsed);
        });
        target.set(fragment());
    };
    // Through `dom::on`, as every other listener: one closure type for all of them.
    let window = window();
    on(&window, "popstate", on_pop);
    on(&window, "hashchange", move |_| target.set(fragment()));
    filter
}

/// The page's query string, as the address bar has it now.
fn current_query() -> String {
    window().location().search().unwrap_or_default()
}

/// The project id in the fragment, without `#` (`#/projects/x` is accepted too).
fn fragment() -> Option<String> {
    let hash = window().location().hash().unwrap_or_default();
    let id = hash.trim_start_matches('#');
    let id = id.strip_prefix("/projects/").unwrap_or(id);
    (!id.is_empty()).then(|| id.to_string())
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

/// Runs `update` inside `document.startViewTransition` where the browser has it (cards that
/// leave, enter and move then animate on the compositor); elsewhere, just runs it. Called
/// through Reflect because web-sys marks the API unstable.
fn with_view_transition(update: impl FnOnce() + 'static) {
    // Boxed: compiled once, not once per caller's closure.
    view_transition(Box::new(update));
}

fn view_transition(update: Box<dyn FnOnce()>) {
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
            // The callback applies the change and resolves once the effects have updated the
            // DOM, so the browser snapshots the new state.
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
