//! The sections around the projects: problems, hero with the builder code, AI, skills,
//! principles and contact.

use super::html::Html;
use super::section;
use crate::filter::TagIndex;
use crate::format::builder_lines;
use crate::model::Profile;
use crate::validate::Problem;

/// The validation problems, above the page, so the owner sees them in the preview; everything
/// valid still renders below.
pub(super) fn problems(html: &mut Html, profile: &Profile, problems: &[Problem]) {
    if problems.is_empty() {
        return;
    }
    html.wrap(
        "section",
        &[("class", "problems box"), ("role", "alert")],
        |html| {
            html.el("h2", &[], &profile.site.labels.problems);
            html.wrap("ul", &[], |html| {
                for problem in problems {
                    html.wrap("li", &[], |html| {
                        html.el("code", &[], &problem.to_string());
                    });
                }
            });
        },
    );
}

/// Name, role, focus, summary, and the generated `Engineer.builder()` code block.
pub(super) fn hero(html: &mut Html, profile: &Profile) {
    let person = &profile.person;
    html.wrap(
        "section",
        &[("class", "hero"), ("aria-labelledby", "hero-name")],
        |html| {
            html.wrap("div", &[("class", "hero-box box")], |html| {
                html.el("h1", &[("id", "hero-name")], &person.name);
                html.el("p", &[("class", "role")], &person.role);
                html.el("p", &[("class", "focus")], &person.focus.join(" · "));
            });
            html.wrap("div", &[("class", "hero-summary")], |html| {
                for paragraph in &person.summary {
                    html.el("p", &[], paragraph);
                }
            });
            // Each token is its own span: the highlighting needs no parsing of profile text.
            html.wrap("pre", &[("class", "code box"), ("tabindex", "0")], |html| {
                html.wrap("code", &[], |html| {
                    for line in builder_lines(&profile.builder) {
                        html.wrap("span", &[("class", "line")], |html| {
                            for token in line {
                                html.el("span", &[("class", token.kind.class())], &token.text);
                            }
                        });
                        html.text("\n");
                    }
                });
            });
        },
    );
}

/// The side project's architecture as a box-drawing tree, and daily practice.
pub(super) fn ai(html: &mut Html, profile: &Profile) {
    let ai = &profile.ai;
    section(html, "ai", &profile.sections.ai, |html| {
        html.wrap("div", &[("class", "ai-grid")], |html| {
            if let Some(project) = profile.projects.iter().find(|p| p.id == ai.side_project) {
                html.wrap("article", &[("class", "ai-build box")], |html| {
                    html.open("h3", &[]).text(&ai.building_title).text(" — ");
                    html.el(
                        "a",
                        &[("href", &format!("#{}", project.id))],
                        &project.title,
                    );
                    html.close("h3");
                    if let Some(label) = &project.label {
                        html.el("p", &[("class", "muted")], label);
                    }
                    if !project.stack.is_empty() {
                        html.el("p", &[("class", "stack")], &project.stack.join(" · "));
                    }
                    let last = project.bullets.len().saturating_sub(1);
                    html.wrap("ul", &[("class", "tree")], |html| {
                        for (index, bullet) in project.bullets.iter().enumerate() {
                            let branch = if index == last {
                                "└── "
                            } else {
                                "├── "
                            };
                            html.open("li", &[]);
                            html.el(
                                "span",
                                &[("class", "branch"), ("aria-hidden", "true")],
                                branch,
                            );
                            html.text(bullet).close("li");
                        }
                    });
                });
            }
            html.wrap("article", &[("class", "ai-practice box")], |html| {
                html.el("h3", &[], &ai.practice_title);
                html.wrap("dl", &[("class", "practice")], |html| {
                    for row in ai.practice.iter().chain(std::iter::once(&ai.studying)) {
                        html.wrap("div", &[("class", "practice-row")], |html| {
                            html.el("dt", &[], &row.label);
                            html.wrap("dd", &[], |html| {
                                html.wrap("ul", &[("class", "dot-list")], |html| {
                                    for item in &row.items {
                                        html.el("li", &[], item);
                                    }
                                });
                            });
                        });
                    }
                });
            });
        });
    });
}

/// A category per row. A skill that some project carries as a tag is a button that shows just
/// those projects (`data-apply` names the tags); one that matches nothing stays plain text.
pub(super) fn skills(html: &mut Html, profile: &Profile, index: &TagIndex) {
    section(html, "skills", &profile.sections.skills, |html| {
        html.wrap("table", &[("class", "skills-table box")], |html| {
            html.wrap("tbody", &[], |html| {
                for row in &profile.skills {
                    html.wrap("tr", &[], |html| {
                        html.el("th", &[("scope", "row")], &row.category);
                        html.wrap("td", &[], |html| {
                            html.wrap("ul", &[("class", "skill-list")], |html| {
                                for item in &row.items {
                                    html.wrap("li", &[], |html| skill(html, index, item));
                                }
                            });
                        });
                    });
                }
            });
        });
    });
}

fn skill(html: &mut Html, index: &TagIndex, name: &str) {
    // Tag numbers, not slugs: a slug is the lower-cased name and may hold spaces ("spring boot").
    // The page and the app number tags alike (the app redraws a page of another profile).
    let tags: Vec<String> = index
        .resolve(name)
        .unwrap_or_default()
        .iter()
        .filter(|&&t| index.totals[t] > 0)
        .map(|t| t.to_string())
        .collect();
    if tags.is_empty() {
        html.el("span", &[], name);
    } else {
        html.el(
            "button",
            &[
                ("type", "button"),
                ("class", "skill-link"),
                ("data-apply", &tags.join(" ")),
            ],
            name,
        );
    }
}

pub(super) fn principles(html: &mut Html, profile: &Profile) {
    section(html, "principles", &profile.sections.principles, |html| {
        html.wrap("ol", &[("class", "principle-list")], |html| {
            for principle in &profile.principles {
                html.el("li", &[], principle);
            }
        });
    });
}

/// Contact links drawn as shell commands; a line with `copy` gets a copy button (hidden by the
/// app where the Clipboard API is missing, and by CSS when JavaScript is off).
pub(super) fn contact(html: &mut Html, profile: &Profile) {
    let labels = &profile.site.labels;
    section(html, "contact", &profile.sections.contact, |html| {
        html.wrap("ul", &[("class", "terminal box")], |html| {
            for link in &profile.contact {
                // mailto: stays in this tab; web links open a new one without handing it ours.
                let external = !link.href.starts_with("mailto:");
                html.wrap("li", &[("class", "terminal-line")], |html| {
                    html.el(
                        "span",
                        &[("class", "prompt"), ("aria-hidden", "true")],
                        "$ ",
                    );
                    html.open("span", &[("class", "command"), ("aria-hidden", "true")])
                        .text(&link.command)
                        .text(" ")
                        .close("span");
                    let (target, rel) = if external {
                        (("target", "_blank"), ("rel", "noopener noreferrer"))
                    } else {
                        (("", ""), ("", ""))
                    };
                    // Printed, a link is followed by its address unless its text already is it.
                    let address = link.href.strip_prefix("mailto:").unwrap_or(&link.href)
                        == link.text.trim_matches('"');
                    let class = if address {
                        ("class", "address")
                    } else {
                        ("", "")
                    };
                    html.el(
                        "a",
                        &[
                            ("href", &link.href),
                            ("aria-label", &link.label),
                            class,
                            target,
                            rel,
                        ],
                        &link.text,
                    );
                    if let Some(text) = &link.copy {
                        html.el(
                            "button",
                            &[("class", "copy"), ("type", "button"), ("data-copy", text)],
                            &labels.copy,
                        );
                        html.el(
                            "span",
                            &[
                                ("class", "visually-hidden copy-status"),
                                ("aria-live", "polite"),
                            ],
                            "",
                        );
                    }
                });
            }
        });
    });
}
