//! The skills table: a category per row. A skill that is also a project tag is a button that
//! applies that filter and brings the projects into view.

use leptos::prelude::*;

use super::Section;
use crate::app::use_loaded;
use crate::url_state::use_filter;

#[component]
pub(crate) fn Skills() -> impl IntoView {
    let profile = use_loaded().profile;
    view! {
        <Section name="skills" text=profile.sections.skills.clone()>
            <table class="skills-table box">
                <tbody>
                    {profile
                        .skills
                        .iter()
                        .map(|row| {
                            view! {
                                <tr>
                                    <th scope="row">{row.category.clone()}</th>
                                    <td>
                                        <ul class="skill-list">
                                            {row.items.iter().map(|item| view! { <li><Skill name=item.clone() /></li> }).collect_view()}
                                        </ul>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </Section>
    }
}

#[component]
fn Skill(name: String) -> impl IntoView {
    let filter = use_filter();
    // Only a skill some project carries is a filter: one that matches nothing would be a dead end.
    let tags: Option<Vec<usize>> = filter.index.with_value(|index| {
        index.resolve(&name).map(|t| t.iter().copied().filter(|&t| index.totals[t] > 0).collect::<Vec<_>>()).filter(|t| !t.is_empty())
    });
    match tags {
        Some(tags) => view! {
            <button
                type="button"
                class="skill-link"
                on:click=move |_| {
                    // Selecting a skill shows just its projects: its tags replace the selection.
                    filter.apply(crate::filter::FilterState { tags: tags.clone(), query: String::new() });
                    if let Some(heading) = document().get_element_by_id("projects-title") {
                        heading.scroll_into_view();
                    }
                }
            >
                {name}
            </button>
        }
        .into_any(),
        None => view! { <span>{name}</span> }.into_any(),
    }
}
