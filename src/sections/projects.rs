//! Project cards: company, title, summary, outcome badges and tags; details and the diagram
//! open on demand. Cards that the filter excludes are hidden, not removed, so an open card keeps
//! its state and the view transition can animate it.

use leptos::prelude::*;

use super::filter_bar::{EmptyResult, FilterBar};
use super::Section;
use crate::app::use_loaded;
use crate::diagram::view::DiagramView;
use crate::format::{bullet_lead, figure_text};
use crate::model::Project;
use crate::url_state::use_filter;

#[component]
pub(crate) fn Projects() -> impl IntoView {
    let profile = use_loaded().profile;
    let projects = profile.projects.clone();
    view! {
        <Section name="projects" text=profile.sections.projects.clone()>
            <FilterBar />
            <EmptyResult />
            <div class="project-grid">
                <For
                    each=move || projects.clone().into_iter().enumerate()
                    key=|(_, project)| project.id.clone()
                    children=|(index, project)| view! { <ProjectCard index project /> }
                />
            </div>
        </Section>
    }
}

#[component]
fn ProjectCard(index: usize, project: Project) -> impl IntoView {
    let labels = use_loaded().profile.site.labels.clone();
    let filter = use_filter();
    let id = project.id.clone();
    let targeted = Memo::new(move |_| filter.target.with(|t| t.as_deref() == Some(id.as_str())));
    let (open, set_open) = signal(false);
    // Once opened, the diagram stays mounted so closing and reopening does not redo it.
    let opened = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || open.get());
    let shown = filter.is_visible(index);
    let card = NodeRef::<leptos::html::Article>::new();
    // A deep link (#id) opens the card and brings it into view, whatever the filter says.
    Effect::new(move |_| {
        if targeted.get() {
            set_open.set(true);
            if let Some(card) = card.get() {
                // After the next frame: the card has opened and the page above it is laid out.
                request_animation_frame(move || {
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Start);
                    card.scroll_into_view_with_scroll_into_view_options(&options);
                });
            }
        }
    });
    let details_id = format!("{}-details", project.id);
    let kicker = [project.company.clone(), project.label.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <article class="project-card box" id=project.id.clone() class:open=open hidden=move || !shown.get() node_ref=card>
            {(!kicker.is_empty()).then(|| view! { <p class="kicker">{kicker}</p> })}
            <h3><a class="anchor" href=format!("#{}", project.id)>{project.title.clone()}</a></h3>
            <p class="summary">{project.summary.clone()}</p>
            <ul class="badges">
                {project
                    .outcomes
                    .iter()
                    .map(|figure| view! { <li class="badge">{figure_text(figure)}</li> })
                    .collect_view()}
            </ul>
            <CardTags tags=project.tags.clone() />
            <button
                class="expand"
                type="button"
                aria-expanded=move || open.get().to_string()
                aria-controls=details_id.clone()
                on:click=move |_| set_open.update(|open| *open = !*open)
            >
                <span aria-hidden="true">{move || if open.get() { "[-] " } else { "[+] " }}</span>
                {move || if open.get() { labels.hide_details.clone() } else { labels.show_details.clone() }}
            </button>
            <div class="details" id=details_id hidden=move || !open.get()>
                {project.context.clone().map(|context| view! { <p class="context">{context}</p> })}
                <ul class="bullets">
                    {project.bullets.iter().map(|bullet| view! { <Bullet text=bullet.clone() /> }).collect_view()}
                </ul>
                // Drawn on first open only: closed cards cost no layout or SVG.
                {move || opened.get().then(|| view! { <DiagramView index /> })}
            </div>
        </article>
    }
}

/// A card's tags; each applies (or removes) its filter when clicked.
#[component]
fn CardTags(tags: Vec<String>) -> impl IntoView {
    let filter = use_filter();
    view! {
        <ul class="tags">
            {tags
                .into_iter()
                .map(|name| {
                    let tag = filter.index.with_value(|index| index.resolve(&name).map(|t| t[0]));
                    match tag {
                        Some(tag) => {
                            let pressed = filter.is_selected(tag);
                            view! {
                            <li>
                                <button
                                    type="button"
                                    class="tag"
                                    aria-pressed=move || pressed.get().to_string()
                                    on:click=move |_| filter.toggle(tag)
                                >
                                    {name}
                                </button>
                            </li>
                            }
                            .into_any()
                        }
                        None => view! { <li class="tag">{name}</li> }.into_any(),
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// A bullet with its lead ("Idempotency by design") emphasised.
#[component]
fn Bullet(text: String) -> impl IntoView {
    match bullet_lead(&text) {
        Some((lead, rest)) => view! {
            <li><strong>{lead.to_string()}": "</strong>{rest.to_string()}</li>
        }
        .into_any(),
        None => view! { <li>{text.clone()}</li> }.into_any(),
    }
}
