//! The filter bar: search, the result count, Clear all, a note about tags a link asked for that
//! this profile lacks, and a toggle per tag with its live count. Phones show the most used tags
//! first and the rest behind "All N tags".

use leptos::html::Button;
use leptos::prelude::*;

use super::projects::SearchBox;
use crate::filter_state::{use_filter, Filter};
use crate::format::fill;
use crate::model::FilterLabels;
use crate::page::aria;

/// The filter's id: a skip link's target (`app.rs`).
pub(crate) const FILTER_ID: &str = "project-filter";

/// How many tags a phone shows before "All N tags" (the stylesheet hides the `.extra` ones).
const PHONE_TAGS: usize = 12;

#[island]
pub(crate) fn FilterBar(words: FilterLabels) -> impl IntoView {
    let filter = use_filter();
    let search = expect_context::<SearchBox>();
    let total = filter.index().project_tags.len().to_string();
    let results = words.results.clone();
    let result_count = move || {
        let count = filter.match_count().to_string();
        fill(&results, &[("count", &count), ("total", &total)])
    };
    let note_words = words.unknown_tags.clone();
    let note = Memo::new(move |_| {
        let unknown = filter.unknown_tags();
        (!unknown.is_empty()).then(|| fill(&note_words, &[("tags", &unknown.join(", "))]))
    });
    let clear = move |_| {
        filter.clear();
        // The button hides itself: focus goes on to the search box, not to <body>.
        search.focus();
    };
    view! {
        <div class="filter box" role="search" id=FILTER_ID tabindex="-1">
            <div class="filter-head">
                <label class="search">
                    <span class="prompt" aria-hidden="true">"grep "</span>
                    <span class="visually-hidden">{words.search.clone()}</span>
                    <input
                        type="search"
                        placeholder=words.search.clone()
                        node_ref=search.0
                        prop:value=move || filter.query()
                        on:input=move |event| filter.set_query(event_target_value(&event))
                    />
                </label>
                <p class="result-count" aria-live="polite">{result_count}</p>
                <button
                    class="clear"
                    type="button"
                    hidden=move || !filter.has_selection()
                    on:click=clear
                >
                    {words.clear.clone()}
                </button>
            </div>
            <p class="filter-note" role="status" hidden=move || note.with(Option::is_none)>
                {note}
            </p>
            <TagToggles filter words=words.clone() />
        </div>
    }
}

#[component]
fn TagToggles(filter: Filter, words: FilterLabels) -> impl IntoView {
    let index = filter.index();
    let order = index.display_order();
    let expanded = RwSignal::new(false);

    // The first tag a phone hides: where the keyboard goes once "All N tags" reveals it.
    let first_extra = NodeRef::<Button>::new();
    let toggles = order
        .iter()
        .enumerate()
        .map(|(position, &tag)| {
            let name = index.tags[tag].name.clone();
            let total = index.totals[tag];
            let count = move || filter.count(tag).unwrap_or(total);
            view! {
                <button
                    node_ref=if position == PHONE_TAGS { first_extra } else { NodeRef::new() }
                    type="button"
                    class="tag-toggle"
                    class:extra={position >= PHONE_TAGS}
                    // A tag that would leave no project cannot be pressed; a selected tag
                    // never is one, so it can always be unselected.
                    disabled=move || !filter.is_selected(tag) && count() == 0
                    aria-pressed=move || aria(filter.is_selected(tag))
                    on:click=move |_| filter.toggle(tag)
                >
                    {name}
                    // How many projects it would leave, selected too. The stylesheet hides it on
                    // a selected tag and on one that would leave none (pressed, or disabled):
                    // no more reactive work per tag than before.
                    <span class="count">{count}</span>
                </button>
            }
        })
        .collect_view();
    let more = fill(&words.more_tags, &[("count", &order.len().to_string())]);
    let fewer = words.fewer_tags.clone();
    let toggle_more = move |_| {
        expanded.update(|open| *open = !*open);
        if expanded.get_untracked() {
            // Once the revealed tags are laid out, the keyboard goes to the first of them
            // rather than staying past the list.
            request_animation_frame(move || {
                if let Some(tag) = first_extra.get_untracked() {
                    let _ = tag.focus();
                }
            });
        }
    };
    view! {
        <div
            class="tag-toggles"
            class:expanded=move || expanded.get()
            id="tag-toggles"
            role="group"
            aria-label=words.title.clone()
        >
            {toggles}
        </div>
        {(order.len() > PHONE_TAGS)
            .then(|| {
                view! {
                    <button
                        type="button"
                        class="more-tags"
                        aria-controls="tag-toggles"
                        aria-expanded=move || aria(expanded.get())
                        on:click=toggle_more
                    >
                        {move || if expanded.get() { fewer.clone() } else { more.clone() }}
                    </button>
                }
            })}
    }
}
