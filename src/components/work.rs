//! The work history: a job per entry, with its role, company, dates, place, summary and
//! highlights, and links to the project cards done there. Shown only when the profile has jobs
//! and a title for the section.

use leptos::prelude::*;

use super::section::Section;
use crate::format::date_range;
use crate::model::{Job, Project};
use crate::page::use_page;
use crate::validate::is_safe_link;

#[component]
pub(crate) fn Work() -> impl IntoView {
    let profile = use_page().profile;
    let title = profile.sections.work.clone();
    let present = profile.site.labels.present.clone();
    let jobs = profile
        .work
        .iter()
        .map(|job| {
            let projects = projects_at(&profile.projects, &job.company);
            view! { <JobEntry job=job.clone() present=present.clone() projects /> }
        })
        .collect_view();
    let shown = !profile.work.is_empty();
    title.filter(|_| shown).map(|text| {
        view! {
            <Section name="work" text>
                <ol class="history-list">{jobs}</ol>
            </Section>
        }
    })
}

/// The (id, title) of each project done at `company`.
fn projects_at(projects: &[Project], company: &str) -> Vec<(String, String)> {
    projects
        .iter()
        .filter(|p| p.company.as_deref() == Some(company))
        .map(|p| (p.id.clone(), p.title.clone()))
        .collect()
}

#[component]
fn JobEntry(job: Job, present: String, projects: Vec<(String, String)>) -> impl IntoView {
    let present = job.current.then_some(present);
    let dates = date_range(
        job.start_date.as_deref(),
        job.end_date.as_deref(),
        present.as_deref(),
    );
    let meta = [dates, job.location.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let highlights = job
        .highlights
        .iter()
        .map(|highlight| view! { <li>{highlight.clone()}</li> })
        .collect_view();
    let project_links = projects
        .into_iter()
        .map(|(id, title)| view! { <li><a href=format!("#{id}")>{title}</a></li> })
        .collect_view();
    view! {
        <li class="history-entry box">
            <h3>
                {job
                    .position
                    .clone()
                    .map(|position| view! { <span class="position">{position}</span> })}
                <Organisation name=job.company.clone() url=job.url.clone() />
            </h3>
            {(!meta.is_empty()).then(|| view! { <p class="history-meta">{meta}</p> })}
            {job.summary.clone().map(|summary| view! { <p>{summary}</p> })}
            {(!job.highlights.is_empty()).then(|| view! { <ul class="bullets">{highlights}</ul> })}
            <ul class="dot-list history-projects">{project_links}</ul>
        </li>
    }
}

/// A company's or a school's name, a link to its site when it has a safe one (an unsafe one is
/// a validation problem, and stays text here).
#[component]
pub(crate) fn Organisation(name: String, url: Option<String>) -> impl IntoView {
    match url.filter(|url| is_safe_link(url)) {
        Some(url) => view! {
            <a class="organisation" href=url target="_blank" rel="noopener noreferrer">
                {name}
            </a>
        }
        .into_any(),
        None => view! { <span class="organisation">{name}</span> }.into_any(),
    }
}
