//! The skills table, a category per row. A skill that some project carries as a tag is a
//! button that shows just those projects; one that matches nothing stays plain text.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::section::Section;
use crate::filter_state::use_filter;
use crate::page::use_page;

#[component]
pub(crate) fn Skills() -> impl IntoView {
    let page = use_page();
    let profile = page.profile.clone();
    let shows_projects = profile
        .skills
        .iter()
        .flat_map(|row| &row.items)
        .any(|item| !filtering_tags(&page.index, item).is_empty());
    let hint = shows_projects
        .then(|| view! { <p class="skills-hint">{profile.site.labels.skills_hint.clone()}</p> });
    let rows = profile
        .skills
        .iter()
        .map(|row| {
            let items = row
                .items
                .iter()
                .map(|item| view! { <li><Skill name=item.clone() /></li> })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{row.category.clone()}</th>
                    <td>
                        <ul class="skill-list">{items}</ul>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Section name="skills" text=profile.sections.skills.clone() when_seen=true>
            {hint}
            <table class="skills-table box">
                <tbody>{rows}</tbody>
            </table>
        </Section>
    }
}

#[component]
fn Skill(name: String) -> impl IntoView {
    let tags = filtering_tags(&use_page().index, &name);
    if tags.is_empty() {
        return view! { <span>{name}</span> }.into_any();
    }
    view! { <SkillButton name tags /> }.into_any()
}

/// The tags a skill stands for that some project carries: what pressing it selects.
fn filtering_tags(index: &crate::filter::TagIndex, skill: &str) -> Vec<usize> {
    index
        .resolve(skill)
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(|&t| index.totals[t] > 0)
        .collect()
}

/// A skill that shows the projects carrying it. Its code is a chunk of its own (`split`
/// builds), fetched when the skills section nears the screen.
#[cfg_attr(feature = "split", island(lazy))]
#[cfg_attr(not(feature = "split"), island)]
fn SkillButton(name: String, tags: Vec<usize>) -> impl IntoView {
    let filter = use_filter();
    let show = move |_| {
        filter.select(tags.clone());
        // The projects are elsewhere on the page: take the visitor, and the keyboard, there.
        if let Some(heading) = document().get_element_by_id("projects-title") {
            heading.scroll_into_view();
            if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
                let _ = heading.focus();
            }
        }
    };
    view! {
        <button type="button" class="skill-link" on:click=show>
            {name}
        </button>
    }
}
