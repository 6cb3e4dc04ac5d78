//! A project card: company, title, summary, outcome badges, tags (each applies its filter) and
//! a preview of its architecture diagram; opened, the bullets and the diagram's player. A deep
//! link (`#project-id`) opens its card and brings it into view. The card's text is static; its
//! shell, its tags, its button and its diagram are islands.

use leptos::html::Article;
use leptos::prelude::*;

use super::diagram::ProjectDiagram;
use super::island::component_and_island;
use crate::filter::TagIndex;
use crate::filter_state::use_filter;
use crate::format::{bullet_lead, figure_text};
use crate::model::Project;
use crate::page::{aria, use_page};

#[component]
pub(crate) fn ProjectCard(
    /// The project's position in the profile.
    index: usize,
) -> impl IntoView {
    let page = use_page();
    let project = page.profile.projects[index].clone();
    let labels = page.profile.site.labels.clone();
    let details_id = format!("{}-details", project.id);
    let kicker = [project.company.as_deref(), project.label.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let badges = project
        .outcomes
        .iter()
        .map(|figure| view! { <li class="badge">{figure_text(figure)}</li> })
        .collect_view();
    let (toggles, plain) = card_tags(&page.index, &project.tags);
    view! {
        <CardShell index id=project.id.clone()>
            {(!kicker.is_empty()).then(|| view! { <p class="kicker">{kicker}</p> })}
            // The button sits right after the title, before what it opens: the next Tab from it
            // reaches the drawing's canvas and then Play, and the figure growing under it never
            // moves it. Beside the title where there is room, under it on a phone.
            <div class="card-head">
                <h3>
                    <a class="anchor" href=format!("#{}", project.id)>
                        {project.title.clone()}
                    </a>
                </h3>
                <ExpandButton
                    show=labels.show_details.clone()
                    hide=labels.hide_details.clone()
                    details=details_id.clone()
                />
            </div>
            // The diagram shows in the closed card as a preview; opening adds its controls.
            {(!project.diagram.is_absent()).then(|| view! { <ProjectDiagram index /> })}
            <p class="summary">{project.summary.clone()}</p>
            {(!project.outcomes.is_empty()).then(|| view! { <ul class="badges">{badges}</ul> })}
            <CardTags toggles plain />
            <DetailsBox id=details_id>
                <Details project=project.clone() />
            </DetailsBox>
        </CardShell>
    }
}

/// The parts of a prerendered card its search reads: the words `filter::haystack` takes from
/// the profile (title, company, summary, context, bullets and tags), as the card shows them.
#[cfg(feature = "hydrate")]
const SEARCHED: &str = "h3, .kicker, .summary, .context, .bullets > li, .tags > li";

/// Each card's searchable text as the prerendered page shows it, for the projects `ids` in
/// order (the islands' props leave it out: `TagIndex::set_search_text`).
#[cfg(feature = "hydrate")]
pub(crate) fn search_text_in_page(ids: &[String]) -> Vec<String> {
    let document = document();
    ids.iter()
        .map(|id| {
            let Some(parts) = document
                .get_element_by_id(id)
                .and_then(|card| card.query_selector_all(SEARCHED).ok())
            else {
                return String::new();
            };
            (0..parts.length())
                .filter_map(|at| parts.item(at)?.text_content())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

/// Whether the card around a component is open: its details and its diagram's player show.
#[derive(Clone, Copy)]
pub(crate) struct CardOpen(pub(crate) RwSignal<bool>);

component_and_island! {
    /// The card itself: hidden when the filter leaves it out, opened by its button or by a link
    /// to it (`#project-id`), which also brings it into view.
    fn CardShell / CardIsland(children: Children, index: usize, id: String) -> impl IntoView {
        let filter = use_filter();
        let open = RwSignal::new(false);
        provide_context(CardOpen(open));
        let card = NodeRef::<Article>::new();
        let linked = id.clone();
        Effect::new(move |_| {
            if filter.target().as_deref() == Some(linked.as_str()) {
                open.set(true);
                // After the next frame: the card has opened and the page above it is laid out.
                request_animation_frame(move || {
                    if let Some(card) = card.get_untracked() {
                        let options = web_sys::ScrollIntoViewOptions::new();
                        options.set_block(web_sys::ScrollLogicalPosition::Start);
                        card.scroll_into_view_with_scroll_into_view_options(&options);
                    }
                });
            }
        });
        // The card's figure is taken over the first time it has more to show than its drawing:
        // the card opens, or the filter selects a tag (the nodes that carry it light up).
        #[cfg(feature = "hydrate")]
        Effect::new(move |done: Option<bool>| {
            if done == Some(true) {
                return true;
            }
            let wanted = open.get() || filter.has_selection();
            if let (true, Some(card)) = (wanted, card.get_untracked()) {
                crate::takeover::take_over_within(&card);
            }
            wanted
        });
        view! {
            <article
                class="project-card box"
                id=id
                class:open=open
                hidden=move || !filter.shows(index)
                node_ref=card
            >
                {children()}
            </article>
        }
    }
}

component_and_island! {
    /// The card's details, shown while it is open.
    fn DetailsBox / DetailsIsland(children: Children, id: String) -> impl IntoView {
        let open = expect_context::<CardOpen>().0;
        view! {
            <div class="details" id=id hidden=move || !open.get()>
                {children()}
            </div>
        }
    }
}

/// "[+] Show details" / "[-] Hide details".
#[island]
fn ExpandButton(show: String, hide: String, details: String) -> impl IntoView {
    let open = expect_context::<CardOpen>().0;
    view! {
        <button
            class="expand"
            type="button"
            aria-expanded=move || aria(open.get())
            aria-controls=details
            on:click=move |_| open.update(|open| *open = !*open)
        >
            <span aria-hidden="true">{move || if open.get() { "[-] " } else { "[+] " }}</span>
            {move || if open.get() { hide.clone() } else { show.clone() }}
        </button>
    }
}

/// A card's tags resolved: the canonical tags the filter knows (an alias such as "DDB" is
/// "DynamoDB"; "SNS/SQS" is both), once each, and the spellings it does not know.
fn card_tags(index: &TagIndex, tags: &[String]) -> (Vec<usize>, Vec<String>) {
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for name in tags {
        match index.resolve(name) {
            Some(resolved) => known.extend(resolved.iter().copied()),
            None => unknown.push(name.clone()),
        }
    }
    let mut seen = std::collections::HashSet::new();
    known.retain(|&tag| seen.insert(tag));
    (known, unknown)
}

/// The card's tags: a tag the filter knows is a toggle for it, named as the filter bar names it;
/// any other stays text.
#[island]
fn CardTags(toggles: Vec<usize>, plain: Vec<String>) -> impl IntoView {
    let filter = use_filter();
    let index = filter.index();
    let toggles = toggles
        .into_iter()
        .map(|tag| {
            view! {
                <li>
                    <button
                        type="button"
                        class="tag"
                        aria-pressed=move || aria(filter.is_selected(tag))
                        on:click=move |_| filter.toggle(tag)
                    >
                        {index.tags[tag].name.clone()}
                    </button>
                </li>
            }
        })
        .collect_view();
    let plain = plain
        .into_iter()
        .map(|name| view! { <li class="tag">{name}</li> })
        .collect_view();
    let items = (toggles, plain);
    view! { <ul class="tags">{items}</ul> }
}

/// The context paragraph and the bullets; a bullet's lead-in ("Impact: …") is bold.
#[component]
fn Details(project: Project) -> impl IntoView {
    let bullets = project
        .bullets
        .iter()
        .map(|bullet| match bullet_lead(bullet) {
            Some((lead, rest)) => view! {
                <li>
                    <strong>{lead.to_string()} ": "</strong>
                    {rest.to_string()}
                </li>
            }
            .into_any(),
            None => view! { <li>{bullet.clone()}</li> }.into_any(),
        })
        .collect_view();
    view! {
        {project.context.map(|context| view! { <p class="context">{context}</p> })}
        <ul class="bullets">{bullets}</ul>
    }
}
