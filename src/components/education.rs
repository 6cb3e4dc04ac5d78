//! Education: a school per entry, with the degree, the subject and the dates. Shown only when
//! the profile lists schools and a title for the section.

use leptos::prelude::*;

use super::section::Section;
use super::work::Organisation;
use crate::format::date_range;
use crate::page::use_page;

#[component]
pub(crate) fn Education() -> impl IntoView {
    let profile = use_page().profile;
    let schools = profile
        .education
        .iter()
        .map(|school| {
            let degree = [school.study_type.clone(), school.area.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            let dates = date_range(
                school.start_date.as_deref(),
                school.end_date.as_deref(),
                None,
            );
            view! {
                <li class="history-entry box">
                    <h3>
                        <Organisation name=school.institution.clone() url=school.url.clone() />
                    </h3>
                    {(!degree.is_empty()).then(|| view! { <p class="degree">{degree}</p> })}
                    {dates.map(|dates| view! { <p class="history-meta">{dates}</p> })}
                </li>
            }
        })
        .collect_view();
    let shown = !profile.education.is_empty();
    profile
        .sections
        .education
        .clone()
        .filter(|_| shown)
        .map(|text| {
            view! {
                <Section name="education" text>
                    <ol class="history-list">{schools}</ol>
                </Section>
            }
        })
}
