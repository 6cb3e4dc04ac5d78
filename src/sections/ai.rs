//! The AI section: the side project's architecture as a box-drawing tree, and daily practice.

use leptos::prelude::*;

use super::Section;
use crate::app::use_loaded;

#[component]
pub(crate) fn AiSection() -> impl IntoView {
    let profile = use_loaded().profile;
    let ai = profile.ai.clone();
    let side = profile.projects.iter().find(|p| p.id == ai.side_project).cloned();
    let last = side.as_ref().map_or(0, |p| p.bullets.len().saturating_sub(1));
    view! {
        <Section name="ai" text=profile.sections.ai.clone()>
            <div class="ai-grid">
                {side.map(|project| {
                    view! {
                        <article class="ai-build box">
                            <h3>{ai.building_title.clone()}" — "
                                <a href=format!("#{}", project.id)>{project.title.clone()}</a>
                            </h3>
                            {project.label.clone().map(|label| view! { <p class="muted">{label}</p> })}
                            {(!project.stack.is_empty()).then(|| view! {
                                <p class="stack">{project.stack.join(" · ")}</p>
                            })}
                            <ul class="tree">
                                {project.bullets.iter().enumerate().map(|(index, bullet)| {
                                    let branch = if index == last { "└── " } else { "├── " };
                                    view! {
                                        <li><span class="branch" aria-hidden="true">{branch}</span>{bullet.clone()}</li>
                                    }
                                }).collect_view()}
                            </ul>
                        </article>
                    }
                })}
                <article class="ai-practice box">
                    <h3>{ai.practice_title.clone()}</h3>
                    <dl class="practice">
                        {ai.practice.iter().chain(std::iter::once(&ai.studying)).map(|row| view! {
                            <div class="practice-row">
                                <dt>{row.label.clone()}</dt>
                                <dd>
                                    <ul class="dot-list">
                                        {row.items.iter().map(|item| view! { <li>{item.clone()}</li> }).collect_view()}
                                    </ul>
                                </dd>
                            </div>
                        }).collect_view()}
                    </dl>
                </article>
            </div>
        </Section>
    }
}
