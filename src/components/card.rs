//! A project card: company, title, summary, outcome badges, tags (each applies its filter) and
//! a preview of its architecture diagram; opened, the bullets and the diagram's player. A deep link
//! (`#project-id`) opens its card and brings it into view.

use leptos::html::Article;
use leptos::prelude::*;

use super::diagram::DiagramFigure;
use crate::filter_state::use_filter;
use crate::format::{bullet_lead, figure_text};
use crate::model::Project;
use crate::page::{aria, use_page};
use crate::takeover::later;

#[component]
pub(crate) fn ProjectCard(
    /// The project's position in the profile.
    index: usize,
) -> impl IntoView {
    let page = use_page();
    let filter = use_filter();
    let project = page.profile.projects[index].clone();
    let labels = page.profile.site.labels.clone();
    let open = RwSignal::new(false);
    let card = NodeRef::<Article>::new();
    let id = project.id.clone();
    Effect::new(move |_| {
        if filter.target().as_deref() == Some(id.as_str()) {
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
    let id = project.id.clone();
    let body = move || {
        view! {
            {(!kicker.is_empty()).then(|| view! { <p class="kicker">{kicker}</p> })}
            <h3>
                <a class="anchor" href=format!("#{}", project.id)>
                    {project.title.clone()}
                </a>
            </h3>
            <p class="summary">{project.summary.clone()}</p>
            {(!project.outcomes.is_empty()).then(|| view! { <ul class="badges">{badges}</ul> })}
            <CardTags tags=project.tags.clone() />
            // The diagram shows in the closed card as a preview; opening adds its controls.
            {(!project.diagram.is_absent())
                .then(|| view! { <DiagramFigure index open=open.into() /> })}
            <button
                class="expand"
                type="button"
                aria-expanded=move || aria(open.get())
                aria-controls=details_id.clone()
                on:click=move |_| open.update(|open| *open = !*open)
            >
                <span aria-hidden="true">{move || if open.get() { "[-] " } else { "[+] " }}</span>
                {move || {
                    let open = open.get();
                    if open { labels.hide_details.clone() } else { labels.show_details.clone() }
                }}
            </button>
            <div class="details" id=details_id hidden=move || !open.get()>
                <Details project=project.clone() />
            </div>
        }
        .into_any()
    };
    // Each card is taken over in a task of its own (see `takeover`).
    view! {
        <article class="project-card box" id=id class:open=open node_ref=card>
            {later(card, body)}
        </article>
    }
}

/// The card's tags: a tag the filter knows is a toggle for it, named as the filter bar names it
/// (an alias such as "DDB" shows as "DynamoDB"; "SNS/SQS" as both); any other stays text.
#[component]
fn CardTags(tags: Vec<String>) -> impl IntoView {
    let index = use_page().index;
    let filter = use_filter();
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for name in tags {
        match index.resolve(&name) {
            Some(resolved) => known.extend(resolved.iter().copied()),
            None => unknown.push(name),
        }
    }
    let mut seen = std::collections::HashSet::new();
    known.retain(|&tag| seen.insert(tag));
    let toggles = known
        .into_iter()
        .map(|tag| {
            view! {
                <li>
                    <button
                        type="button"
                        class="tag"
                        data-tag=index.tags[tag].slug.clone()
                        aria-pressed=move || aria(filter.is_selected(tag))
                        on:click=move |_| filter.toggle(tag)
                    >
                        {index.tags[tag].name.clone()}
                    </button>
                </li>
            }
        })
        .collect_view();
    let plain = unknown
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
