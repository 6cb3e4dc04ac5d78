//! The AI section: the side project's architecture as a box-drawing tree, and daily practice.
//! A profile without one (an imported résumé) has no section.

use leptos::prelude::*;

use super::section::Section;
use crate::model::{AiSection, Project};
use crate::page::use_page;

#[component]
pub(crate) fn Ai() -> impl IntoView {
    let profile = use_page().profile;
    let ai = profile.ai.clone()?;
    let side_project = profile
        .projects
        .iter()
        .find(|p| p.id == ai.side_project)
        .cloned();
    Some(view! {
        <Section name="ai" text=profile.sections.ai.clone()>
            <div class="ai-grid">
                {side_project.map(|project| view! { <SideProject ai=ai.clone() project /> })}
                <Practice ai=ai.clone() />
            </div>
        </Section>
    })
}

#[component]
fn SideProject(ai: AiSection, project: Project) -> impl IntoView {
    let last = project.bullets.len().saturating_sub(1);
    let tree = project
        .bullets
        .iter()
        .enumerate()
        .map(|(index, bullet)| {
            let branch = if index == last {
                "└── "
            } else {
                "├── "
            };
            view! {
                <li>
                    <span class="branch" aria-hidden="true">{branch}</span>
                    {bullet.clone()}
                </li>
            }
        })
        .collect_view();
    view! {
        <article class="ai-build box">
            <h3>
                {ai.building_title} " — "
                <a href=format!("#{}", project.id)>{project.title.clone()}</a>
            </h3>
            {project.label.clone().map(|label| view! { <p class="muted">{label}</p> })}
            {(!project.stack.is_empty())
                .then(|| view! { <p class="stack">{project.stack.join(" · ")}</p> })}
            <ul class="tree">{tree}</ul>
        </article>
    }
}

#[component]
fn Practice(ai: AiSection) -> impl IntoView {
    let rows = ai
        .practice
        .iter()
        .chain(std::iter::once(&ai.studying))
        .map(|row| {
            let items = row
                .items
                .iter()
                .map(|item| view! { <li>{item.clone()}</li> })
                .collect_view();
            view! {
                <div class="practice-row">
                    <dt>{row.label.clone()}</dt>
                    <dd>
                        <ul class="dot-list">{items}</ul>
                    </dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <article class="ai-practice box">
            <h3>{ai.practice_title.clone()}</h3>
            <dl class="practice">{rows}</dl>
        </article>
    }
}
