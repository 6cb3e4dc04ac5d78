//! The projects section: the filter bar, the empty state, and a card per project (a card the
//! filter leaves out hides; cards that leave, enter and move animate through a view
//! transition).

use leptos::html::{Div, Input};
use leptos::prelude::*;

use super::card::ProjectCard;
use super::diagram::ArrowMarkers;
use super::filter_bar::FilterBar;
use super::section::Section;
use crate::filter_state::use_filter;
use crate::format::fill;
use crate::model::FilterLabels;
use crate::page::use_page;

/// The list of project cards' id: a skip link's target (`app.rs`).
pub(crate) const PROJECT_LIST_ID: &str = "project-list";

/// The search box, for the controls elsewhere that hand the keyboard to it (Clear all, Show
/// all, a skill button) once they have done their job. Provided by `<main>`'s island.
#[derive(Clone, Copy)]
pub(crate) struct SearchBox(pub(crate) NodeRef<Input>);

impl SearchBox {
    pub(crate) fn focus(self) {
        if let Some(input) = self.0.get_untracked() {
            let _ = input.focus();
        }
    }
}

#[component]
pub(crate) fn Projects() -> impl IntoView {
    let page = use_page();
    // A résumé without projects has no section for them, rather than an empty filter.
    (!page.profile.projects.is_empty()).then(|| {
        let words = page.profile.site.filter.clone();
        let cards = (0..page.profile.projects.len())
            .map(|index| view! { <ProjectCard index /> })
            .collect_view();
        view! {
            <Section name="projects" text=page.profile.sections.projects.clone()>
                <FilterBar words=words.clone() />
                <EmptyResult words />
                <div class="project-grid" id=PROJECT_LIST_ID tabindex="-1">
                    {cards}
                </div>
                <ArrowMarkers />
            </Section>
        }
    })
}

/// "No project uses Kafka and Redis", with a way back to every project.
#[island]
fn EmptyResult(words: FilterLabels) -> impl IntoView {
    let filter = use_filter();
    let search = expect_context::<SearchBox>();
    let index = filter.index();
    let show_all_label = words.show_all.clone();
    let message = move || {
        let mut parts: Vec<String> = filter
            .selected_tags()
            .iter()
            .map(|&t| index.tags[t].name.clone())
            .collect();
        let query = filter.query();
        if !query.trim().is_empty() {
            parts.push(format!("\"{}\"", query.trim()));
        }
        let joiner = format!(" {} ", words.and);
        fill(&words.empty, &[("tags", &parts.join(&joiner))])
    };
    let show_all = move |_| {
        filter.clear();
        search.focus();
    };
    let panel = NodeRef::<Div>::new();
    // A change that leaves nothing to show brings the message into view: scrolled down among
    // the cards, it would otherwise be above the screen or under the sticky header, and the
    // column would just be blank. It comes and goes with the cards (inside their view
    // transition), so it is scrolled to once the page has its new height; and again as it
    // grows with the search it names.
    let before = std::cell::RefCell::new(None);
    Effect::new(move |_| {
        let now = (filter.cards_show_none(), filter.query());
        let seen = before.replace(Some(now.clone()));
        if now.0 && seen.is_some_and(|seen| seen != now) {
            request_animation_frame(move || {
                if let Some(panel) = panel.get_untracked() {
                    bring_into_view(&panel);
                }
            });
        }
    });
    view! {
        <div
            class="empty-result box"
            hidden=move || !filter.cards_show_none()
            node_ref=panel
        >
            <p>{message}</p>
            <button type="button" class="show-all" on:click=show_all>
                {show_all_label}
            </button>
        </div>
    }
}

/// Scrolls as little as it takes to show `element` whole below the sticky header (the page's
/// `scroll-padding-top`).
fn bring_into_view(element: &web_sys::HtmlDivElement) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}
