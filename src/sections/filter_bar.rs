//! The filter bar: a toggle per tech tag with its count, a search box, the result count
//! (announced politely), clear-all, the empty state and the note about unknown tags in a link.

use leptos::prelude::*;

use crate::app::use_loaded;
use crate::url_state::use_filter;

/// How many tags a phone shows before "All N tags"; `style/main.css` hides from the 13th.
const PHONE_TAGS: usize = 12;

/// Fills `{name}` placeholders of a label from the profile.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    values.iter().fold(template.to_string(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
}

#[component]
pub(crate) fn FilterBar() -> impl IntoView {
    let profile = use_loaded().profile;
    let words = profile.site.filter.clone();
    let filter = use_filter();
    let index = filter.index.get_value();
    let total = index.project_tags.len();
    let order = index.display_order();
    let results = {
        let template = words.results.clone();
        move || fill(&template, &[("count", filter.matching.with(Vec::len).to_string()), ("total", total.to_string())])
    };
    let has_selection = move || filter.state.with(|s| !s.tags.is_empty() || !s.query.trim().is_empty());
    let unknown = {
        let template = words.unknown_tags.clone();
        move || {
            let tags = filter.unknown_tags.get();
            (!tags.is_empty()).then(|| view! { <p class="filter-note" role="status">{fill(&template, &[("tags", tags.join(", "))])}</p> })
        }
    };
    // Phones show the most used tags first; the rest are one tap away (CSS decides the width).
    let (expanded, set_expanded) = signal(false);
    let tag_count = order.len();
    let more = {
        let (more, fewer) = (fill(&words.more_tags, &[("count", tag_count.to_string())]), words.fewer_tags.clone());
        move || if expanded.get() { fewer.clone() } else { more.clone() }
    };
    view! {
        <div class="filter box" role="search">
            <div class="filter-head">
                <label class="search">
                    <span class="prompt" aria-hidden="true">"grep "</span>
                    <span class="visually-hidden">{words.search.clone()}</span>
                    <input
                        type="search"
                        placeholder=words.search.clone()
                        prop:value=move || filter.state.with(|s| s.query.clone())
                        on:input:target=move |ev| filter.set_query(ev.target().value())
                    />
                </label>
                <p class="result-count" aria-live="polite">{results}</p>
                <button class="clear" type="button" hidden=move || !has_selection() on:click=move |_| filter.clear()>
                    {words.clear.clone()}
                </button>
            </div>
            {unknown}
            <div class="tag-toggles" id="tag-toggles" class:expanded=expanded role="group" aria-label=words.title.clone()>
                {order
                    .into_iter()
                    .map(|tag| {
                        let name = index.tags[tag].name.clone();
                        let selected = filter.is_selected(tag);
                        let pressed = move || selected.get();
                        let count = filter.count(tag);
                        let count = move || count.get();
                        view! {
                            <button
                                type="button"
                                class="tag-toggle"
                                data-tag=index.tags[tag].slug.clone()
                                aria-pressed=move || pressed().to_string()
                                // Unavailable, not disabled: it stays focusable and can be unselected.
                                class:unavailable=move || !pressed() && count() == 0
                                on:click=move |_| filter.toggle(tag)
                            >
                                {name}
                                <span class="count">{count}</span>
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            {(tag_count > PHONE_TAGS).then(|| view! {
                <button
                    type="button"
                    class="more-tags"
                    aria-controls="tag-toggles"
                    aria-expanded=move || expanded.get().to_string()
                    on:click=move |_| set_expanded.update(|e| *e = !*e)
                >
                    {more}
                </button>
            })}
        </div>
    }
}

/// Shown instead of the cards when nothing matches: names the selection and offers a way back.
#[component]
pub(crate) fn EmptyResult() -> impl IntoView {
    let words = use_loaded().profile.site.filter.clone();
    let filter = use_filter();
    let message = move || {
        let state = filter.state.get();
        let mut parts: Vec<String> = filter.index.with_value(|index| state.tags.iter().map(|&t| index.tags[t].name.clone()).collect());
        if !state.query.trim().is_empty() {
            parts.push(format!("\"{}\"", state.query.trim()));
        }
        fill(&words.empty, &[("tags", parts.join(&format!(" {} ", words.and)))])
    };
    let show_all = use_loaded().profile.site.filter.show_all.clone();
    view! {
        <div class="empty-result box" hidden=move || !filter.matching.with(Vec::is_empty)>
            <p>{message}</p>
            <button type="button" class="show-all" on:click=move |_| filter.clear()>{show_all}</button>
        </div>
    }
}
