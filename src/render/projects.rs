//! The projects section: the filter bar (a toggle per tag with its count, search, result count,
//! clear), the empty state, and a card per project with its details and diagram.
//!
//! Written in the state "nothing selected"; `live/filter.rs` updates pressed states, counts and
//! visibility from there.

use super::html::Html;
use super::{diagram, fill, section};
use crate::filter::TagIndex;
use crate::format::{bullet_lead, figure_text};
use crate::model::{Profile, Project};
use crate::validate::Problem;

/// How many tags a phone shows before "All N tags"; `style/main.css` hides from the 13th.
pub(crate) const PHONE_TAGS: usize = 12;

pub(super) fn projects(html: &mut Html, profile: &Profile, index: &TagIndex, problems: &[Problem]) {
    section(html, "projects", &profile.sections.projects, |html| {
        filter_bar(html, profile, index);
        let words = &profile.site.filter;
        html.wrap(
            "div",
            &[("class", "empty-result box"), ("hidden", "")],
            |html| {
                html.el("p", &[], "");
                html.el(
                    "button",
                    &[
                        ("type", "button"),
                        ("class", "show-all"),
                        ("data-action", "clear"),
                    ],
                    &words.show_all,
                );
            },
        );
        html.wrap("div", &[("class", "project-grid")], |html| {
            for (position, project) in profile.projects.iter().enumerate() {
                card(html, profile, index, position, project, problems);
            }
        });
    });
}

fn filter_bar(html: &mut Html, profile: &Profile, index: &TagIndex) {
    let words = &profile.site.filter;
    let total = index.project_tags.len().to_string();
    let order = index.display_order();
    html.wrap(
        "div",
        &[("class", "filter box"), ("role", "search")],
        |html| {
            html.wrap("div", &[("class", "filter-head")], |html| {
                html.wrap("label", &[("class", "search")], |html| {
                    html.el(
                        "span",
                        &[("class", "prompt"), ("aria-hidden", "true")],
                        "grep ",
                    );
                    html.el("span", &[("class", "visually-hidden")], &words.search);
                    html.open(
                        "input",
                        &[
                            ("type", "search"),
                            ("placeholder", &words.search),
                            ("data-action", "search"),
                        ],
                    );
                });
                let results = fill(&words.results, &[("count", &total), ("total", &total)]);
                html.el(
                    "p",
                    &[("class", "result-count"), ("aria-live", "polite")],
                    &results,
                );
                html.el(
                    "button",
                    &[
                        ("class", "clear"),
                        ("type", "button"),
                        ("data-action", "clear"),
                        ("hidden", ""),
                    ],
                    &words.clear,
                );
            });
            html.el(
                "p",
                &[("class", "filter-note"), ("role", "status"), ("hidden", "")],
                "",
            );
            html.wrap(
                "div",
                &[
                    ("class", "tag-toggles"),
                    ("id", "tag-toggles"),
                    ("role", "group"),
                    ("aria-label", &words.title),
                ],
                |html| {
                    for &tag in &order {
                        html.open(
                            "button",
                            &[
                                ("type", "button"),
                                ("class", "tag-toggle"),
                                ("data-tag", &index.tags[tag].slug),
                                ("aria-pressed", "false"),
                            ],
                        )
                        .text(&index.tags[tag].name);
                        html.el(
                            "span",
                            &[("class", "count")],
                            &index.totals[tag].to_string(),
                        );
                        html.close("button");
                    }
                },
            );
            // Phones show the most used tags first; the rest are one tap away (CSS decides the width).
            if order.len() > PHONE_TAGS {
                let more = fill(&words.more_tags, &[("count", &order.len().to_string())]);
                html.el(
                    "button",
                    &[
                        ("type", "button"),
                        ("class", "more-tags"),
                        ("aria-controls", "tag-toggles"),
                        ("aria-expanded", "false"),
                        ("data-action", "more-tags"),
                    ],
                    &more,
                );
            }
        },
    );
}

fn card(
    html: &mut Html,
    profile: &Profile,
    index: &TagIndex,
    position: usize,
    project: &Project,
    problems: &[Problem],
) {
    let details_id = format!("{}-details", project.id);
    let kicker = [project.company.as_deref(), project.label.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    html.wrap(
        "article",
        &[("class", "project-card box"), ("id", &project.id)],
        |html| {
            if !kicker.is_empty() {
                html.el("p", &[("class", "kicker")], &kicker);
            }
            html.wrap("h3", &[], |html| {
                html.el(
                    "a",
                    &[("class", "anchor"), ("href", &format!("#{}", project.id))],
                    &project.title,
                );
            });
            html.el("p", &[("class", "summary")], &project.summary);
            if !project.outcomes.is_empty() {
                html.wrap("ul", &[("class", "badges")], |html| {
                    for figure in &project.outcomes {
                        html.el("li", &[("class", "badge")], &figure_text(figure));
                    }
                });
            }
            // A card's tags apply (or remove) their filter when clicked.
            html.wrap("ul", &[("class", "tags")], |html| {
                for name in &project.tags {
                    match index.resolve(name) {
                        Some(tags) => {
                            html.wrap("li", &[], |html| {
                                html.el(
                                    "button",
                                    &[
                                        ("type", "button"),
                                        ("class", "tag"),
                                        ("data-tag", &index.tags[tags[0]].slug),
                                        ("aria-pressed", "false"),
                                    ],
                                    name,
                                );
                            });
                        }
                        None => {
                            html.el("li", &[("class", "tag")], name);
                        }
                    }
                }
            });
            html.open(
                "button",
                &[
                    ("class", "expand"),
                    ("type", "button"),
                    ("aria-expanded", "false"),
                    ("aria-controls", &details_id),
                    ("data-action", "expand"),
                ],
            )
            .raw(r#"<span aria-hidden="true">[+] </span>"#)
            .text(&profile.site.labels.show_details)
            .close("button");
            html.wrap(
                "div",
                &[("class", "details"), ("id", &details_id), ("hidden", "")],
                |html| {
                    if let Some(context) = &project.context {
                        html.el("p", &[("class", "context")], context);
                    }
                    html.wrap("ul", &[("class", "bullets")], |html| {
                        for bullet in &project.bullets {
                            html.wrap("li", &[], |html| match bullet_lead(bullet) {
                                Some((lead, rest)) => {
                                    html.open("strong", &[])
                                        .text(lead)
                                        .text(": ")
                                        .close("strong")
                                        .text(rest);
                                }
                                None => {
                                    html.text(bullet);
                                }
                            });
                        }
                    });
                    diagram::figure(html, profile, position, problems);
                },
            );
        },
    );
}
