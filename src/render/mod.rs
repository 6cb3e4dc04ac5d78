//! The page as HTML, from the profile alone: one pure function used twice.
//!
//! `cargo xtask dist` calls [`page`] natively and writes the result into `dist/index.html`, so the
//! content paints (and reads with JavaScript off) before the wasm arrives. The wasm calls the
//! same function when the profile it fetched differs from the one the page was built with, so
//! both markups are identical by construction and the app takes over with no layout shift.
//! Behaviour is attached afterwards by `live/`, through the `data-*` hooks written here.
//!
//! Why strings and not Leptos views: the same page written as `view!` trees measured 639 KB of
//! wasm (each view shape is its own monomorphised code); see the README's performance section.

pub(crate) mod diagram;
pub(crate) mod html;
mod projects;
mod sections;

use crate::filter::TagIndex;
use crate::model::{Profile, SectionText};
use crate::validate::Problem;
use html::Html;

/// A stable fingerprint of profile.json's text (FNV-1a, 64 bit), written on `<main>` so the
/// app can tell whether the prerendered page was built from the profile it just fetched.
pub fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The whole `<body>` content for a parsed profile, its validation problems and its
/// fingerprint. `index` is the profile's tag index (built once by the caller, who needs it too).
pub fn page(
    profile: &Profile,
    index: &TagIndex,
    problems: &[Problem],
    fingerprint: &str,
) -> String {
    let mut html = Html::new();
    let labels = &profile.site.labels;
    html.el(
        "a",
        &[("class", "skip-link"), ("href", "#main")],
        &labels.skip_to_content,
    );
    html.wrap("header", &[("class", "topbar")], |html| {
        html.open("span", &[("class", "prompt"), ("aria-hidden", "true")])
            .text("~/")
            .text(&profile.person.name.to_ascii_lowercase().replace(' ', "-"))
            .close("span");
        html.el(
            "button",
            &[
                ("class", "print"),
                ("type", "button"),
                ("data-action", "print"),
            ],
            &labels.save_pdf,
        );
        html.open(
            "button",
            &[
                ("class", "theme-toggle"),
                ("type", "button"),
                ("data-action", "theme"),
                ("aria-label", &labels.theme_toggle),
                ("aria-pressed", "false"),
            ],
        )
        .raw(r#"<span aria-hidden="true">☀</span>"#)
        .close("button");
    });
    html.wrap(
        "main",
        &[
            ("id", "main"),
            ("data-state", "ready"),
            ("data-profile", fingerprint),
            ("tabindex", "-1"),
        ],
        |html| {
            sections::problems(html, profile, problems);
            sections::hero(html, profile);
            projects::projects(html, profile, index, problems);
            sections::ai(html, profile);
            sections::skills(html, profile, index);
            sections::principles(html, profile);
            sections::contact(html, profile);
        },
    );
    html.finish()
}

/// What shows while profile.json loads and nothing was prerendered: a wordless skeleton
/// (nothing is known yet) that screen readers hear as busy.
pub fn loading() -> String {
    concat!(
        r#"<main id="main" class="loading" data-state="loading" aria-busy="true">"#,
        r#"<div class="skeleton skeleton-title"></div><div class="skeleton skeleton-line"></div>"#,
        r#"<div class="skeleton skeleton-line short"></div></main>"#
    )
    .to_string()
}

/// The error panel. Its words cannot come from profile.json (that is what failed), so they are
/// the only text of the site written in Rust.
pub fn load_error(reason: &str) -> String {
    let mut html = Html::new();
    html.wrap("main", &[("id", "main"), ("data-state", "error")], |html| {
        html.wrap(
            "section",
            &[("class", "load-error box"), ("role", "alert")],
            |html| {
                html.el("h1", &[], "The profile could not be loaded");
                html.wrap("p", &[("class", "reason")], |html| {
                    html.el("code", &[], reason);
                });
                html.el(
                    "button",
                    &[
                        ("class", "retry"),
                        ("type", "button"),
                        ("data-action", "retry"),
                    ],
                    "Retry",
                );
            },
        );
    });
    html.finish()
}

/// A section under its heading, drawn as a box-drawing rule: `── Projects ─────`, with its
/// intro; `<section class=name>` labelled by the heading.
pub(crate) fn section(
    html: &mut Html,
    name: &str,
    text: &SectionText,
    inner: impl FnOnce(&mut Html),
) {
    let title_id = format!("{name}-title");
    html.wrap(
        "section",
        &[("class", name), ("aria-labelledby", &title_id)],
        |html| {
            html.wrap("header", &[("class", "section-heading")], |html| {
                html.open("h2", &[("id", &title_id)])
                    .raw(r#"<span class="rule" aria-hidden="true">── </span>"#)
                    .text(&text.title)
                    .raw(r#"<span class="rule rule-tail" aria-hidden="true"></span>"#)
                    .close("h2");
                if let Some(intro) = &text.intro {
                    html.el("p", &[("class", "section-intro")], intro);
                }
            });
            inner(html);
        },
    );
}

/// Escapes text for HTML (text or a double-quoted attribute value).
pub fn html_escape(text: &str) -> String {
    html::escape(text)
}

/// Fills `{name}` placeholders of a label from the profile.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_profile;
    use crate::validate::validate;

    fn real_page() -> String {
        let text = include_str!("../../public/profile.json");
        let profile = parse_profile(text).unwrap();
        let index = TagIndex::new(&profile);
        page(&profile, &index, &validate(&profile), &fingerprint(text))
    }

    #[test]
    fn the_page_holds_every_title_principle_and_figure() {
        let profile = parse_profile(include_str!("../../public/profile.json")).unwrap();
        let page = real_page();
        for project in &profile.projects {
            assert!(
                page.contains(&html::escape(&project.title)),
                "{}",
                project.title
            );
            for figure in &project.outcomes {
                assert!(page.contains(&html::escape(&crate::format::figure_text(figure))));
            }
        }
        for principle in &profile.principles {
            assert!(page.contains(&html::escape(principle)), "{principle}");
        }
    }

    #[test]
    fn rendering_is_deterministic_and_balanced() {
        let page = real_page();
        assert_eq!(page, real_page());
        for tag in [
            "section", "article", "ul", "li", "button", "svg", "g", "div", "p",
        ] {
            let opened = page.matches(&format!("<{tag} ")).count()
                + page.matches(&format!("<{tag}>")).count();
            let closed = page.matches(&format!("</{tag}>")).count();
            assert_eq!(
                opened, closed,
                "<{tag}> opened {opened} times, closed {closed}"
            );
        }
    }

    #[test]
    fn fingerprints_differ_when_the_text_does() {
        assert_eq!(fingerprint("a"), fingerprint("a"));
        assert_ne!(fingerprint("a"), fingerprint("b"));
        assert_eq!(fingerprint("").len(), 16);
    }
}
