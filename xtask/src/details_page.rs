//! Takes what a card shows only once it is opened out of the prerendered page into a page of
//! its own, `details-<hash>.html`: each card's details (its context and bullets) and each
//! diagram's flow (the list of its edges, what a screen reader hears besides the drawing's
//! name). The first response must fit the first round trip of a new connection (issue 24:
//! Lighthouse's simulated 14,600 bytes; over it, the first paint waits one more round trip),
//! and these were 2.8 KB of its brotli.
//!
//! With JavaScript, the page's bootstrap fetches the file after the first paint, with its
//! integrity, and the loader puts each part back where it was, as Leptos wrote it, before any
//! island is taken over (`loader.js`, `putBack`): the page the app takes over, searches, opens
//! and prints is the page as rendered. Without JavaScript, each card's details are a link to
//! its part of that page, a plain document of every project's flow and details.
//!
//! Leptos's markup is read as it writes it today (a card's `<article id>`, its details'
//! `<div id hidden class>` around `<leptos-children>`, the flow's `<ol class>`): anything else
//! (a part that does not close, one outside a card, a card without its details) stops the
//! build, so a new version cannot ship a page that lost its cards' words.

use std::fs;
use std::path::Path;

use portfolio::model::Profile;

use crate::loader::{write_moved, DETAILS, DETAILS_INTEGRITY};
use crate::prerender::html_escape;
use crate::rewrite::replace_once;
use crate::wasm::{content_hash, Output};
use crate::Result;

/// Where the parts are read: the page xtask prerendered from Leptos's markup.
const PLACE: &str = "the prerendered index.html (the project cards)";

/// A card, as the page's `<article id="…" class="project-card box">` opens.
const CARD: &str = "<article id=\"";
/// A card's details, after their id: `<div id="{card}-details" hidden class="details">`, and
/// the island's children, which are the details themselves.
const DETAILS_OPEN: &str = "-details\" hidden class=\"details\"><leptos-children>";
const DETAILS_CLOSE: &str = "</leptos-children>";
/// A diagram's flow, a list visually hidden on the page.
const FLOW_OPEN: &str = "<ol class=\"visually-hidden diagram-flow\">";
const FLOW_CLOSE: &str = "</ol>";

/// What left one card: its diagram's flow (the list's items) and its details (the children of
/// its details' island), each as the exact markup Leptos wrote.
#[derive(Debug, Default, PartialEq)]
struct Moved {
    id: String,
    flow: Option<String>,
    details: String,
}

/// Moves the cards' details and flows out of `dir/index.html` into `dir/details-<hash>.html`,
/// served under `public_url`, and names that file and its integrity in the page's bootstrap.
pub(crate) fn move_details(dir: &Path, public_url: &str, profile: &Profile) -> Result {
    let path = dir.join("index.html");
    let page = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (page, moved) = take_parts(&page)?;
    let file = details_file(profile, &moved, public_url)?;
    let href = format!("{public_url}{}", file.name);
    let page = link_details(&page, &moved, &href, &profile.site.labels.show_details)?;
    write_moved(dir, page, &file, href, [DETAILS, DETAILS_INTEGRITY])?;
    println!(
        "[dist] {} cards' details and {} flows moved out of index.html into {}",
        moved.len(),
        moved.iter().filter(|m| m.flow.is_some()).count(),
        file.name
    );
    Ok(())
}

/// The name of the details page in `dir`, when built.
pub(crate) fn built(dir: &Path) -> Result<Option<String>> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(entries
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .find(|name| is_details_page(name)))
}

/// Whether the file at `path` is the details page: fetched by the page with its integrity, so
/// a server must send its bytes as built (`cargo xtask serve` adds nothing to it).
pub(crate) fn is_details_page(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.starts_with("details-") && name.ends_with(".html")
}

/// The details page's look: a readable column, in the reader's light or dark.
const STYLE: &str = "body{max-width:42rem;margin:auto;padding:1rem;\
    font:1rem/1.6 system-ui,sans-serif}h2{line-height:1.3;margin-top:2.5rem}\
    figcaption{font-style:italic}";

/// The details page's policy: nothing but its own style.
pub(crate) fn policy() -> String {
    format!(
        "default-src 'none'; style-src {}; base-uri 'none'; form-action 'none'",
        crate::headers::sha256_source(STYLE)
    )
}

/// `page` with each card's details' children and each flow's items taken out (the elements
/// around them stay, empty), and what was taken, card by card in page order.
fn take_parts(page: &str) -> Result<(String, Vec<Moved>)> {
    let unexpected = |why: String| format!("{why} in {PLACE}: has Leptos's output changed?");
    let mut out = String::with_capacity(page.len());
    let mut moved: Vec<Moved> = Vec::new();
    let mut at = 0;
    loop {
        let next = |open: &str| page[at..].find(open).map(|found| at + found);
        let (start, open, close, is_flow) = match (next(FLOW_OPEN), next(DETAILS_OPEN)) {
            (Some(flow), Some(details)) if flow < details => (flow, FLOW_OPEN, FLOW_CLOSE, true),
            (Some(flow), None) => (flow, FLOW_OPEN, FLOW_CLOSE, true),
            (_, Some(details)) => (details, DETAILS_OPEN, DETAILS_CLOSE, false),
            (None, None) => break,
        };
        let inner_start = start + open.len();
        let inner_end = page[inner_start..]
            .find(close)
            .map(|end| inner_start + end)
            .ok_or_else(|| unexpected(format!("an unclosed `{open}`")))?;
        let inner = &page[inner_start..inner_end];
        if inner.contains("<ol") || inner.contains("<leptos-") || inner.contains(CARD) {
            return Err(unexpected(format!("a list or an island inside `{open}`")));
        }
        let card = card_before(page, start)
            .ok_or_else(|| unexpected(format!("`{open}` outside a card")))?;
        if is_flow {
            if moved.last().is_some_and(|last| last.id == card) {
                return Err(unexpected(format!("card {card}'s flow after its details")));
            }
            moved.push(Moved {
                id: card.to_string(),
                flow: Some(inner.to_string()),
                details: String::new(),
            });
        } else {
            if !page[..start].ends_with(&format!("<div id=\"{card}")) {
                return Err(unexpected(format!("details not named `{card}-details`")));
            }
            match moved.last_mut() {
                Some(last) if last.id == card && last.flow.is_some() && last.details.is_empty() => {
                    last.details = inner.to_string();
                }
                _ => moved.push(Moved {
                    id: card.to_string(),
                    flow: None,
                    details: inner.to_string(),
                }),
            }
        }
        out.push_str(&page[at..inner_start]);
        at = inner_end;
    }
    out.push_str(&page[at..]);
    let cards = page.matches(CARD).count();
    let with_details = moved.iter().filter(|m| !m.details.is_empty()).count();
    if cards != moved.len() || with_details != cards {
        return Err(unexpected(format!(
            "{cards} cards, {} with a part found, {with_details} with details",
            moved.len()
        )));
    }
    Ok((out, moved))
}

/// The id of the card the page's text at `at` is in: the last card opened before it.
fn card_before(page: &str, at: usize) -> Option<&str> {
    let open = page[..at].rfind(CARD)? + CARD.len();
    let id = &page[open..open + page[open..at].find('"')?];
    let kebab = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
    (!id.is_empty() && id.chars().all(kebab)).then_some(id)
}

/// `page` (its details emptied by `take_parts`) with a link to each card's part of the details
/// page, `href`, in its details: what a visitor without JavaScript opens (with it, the loader
/// puts the details back in its place first).
fn link_details(page: &str, moved: &[Moved], href: &str, label: &str) -> Result<String> {
    let mut page = page.to_string();
    for Moved { id, .. } in moved {
        let empty = format!("<div id=\"{id}{DETAILS_OPEN}{DETAILS_CLOSE}");
        let linked = format!(
            "<div id=\"{id}{DETAILS_OPEN}<a class=\"details-link\" href=\"{href}#{id}\">{}</a>\
             {DETAILS_CLOSE}",
            html_escape(label)
        );
        page = replace_once(&page, &empty, &linked, PLACE)?;
    }
    Ok(page)
}

/// The details page: a plain document of each project's title (a link back to its card on
/// the page), its diagram's name and flow, and its details, named by its content (cached for
/// good: `headers.rs`). Its own policy allows nothing but its one inline style.
fn details_file(profile: &Profile, moved: &[Moved], public_url: &str) -> Result<Output> {
    let mut body = String::new();
    for Moved { id, flow, details } in moved {
        let project = profile
            .projects
            .iter()
            .find(|p| &p.id == id)
            .ok_or_else(|| format!("card {id} in {PLACE} is no project of the profile"))?;
        body.push_str(&format!(
            "<article id=\"{id}\"><h2><a href=\"{public_url}#{id}\">{}</a></h2>",
            html_escape(&project.title)
        ));
        if let Some(flow) = flow {
            body.push_str(&format!(
                "<figure><figcaption>{}</figcaption><ol id=\"{id}-flow\">{flow}</ol></figure>",
                html_escape(&project.diagram.title)
            ));
        }
        body.push_str(&format!(
            "<div id=\"{id}-details\">{details}</div></article>"
        ));
    }
    let html = format!(
        concat!(
            "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">",
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta name=\"color-scheme\" content=\"light dark\">",
            "<title>{title}</title><style>{style}</style></head>",
            "<body><main><h1>{title}</h1>{body}</main></body></html>\n",
        ),
        lang = html_escape(&profile.site.lang),
        policy = policy(),
        title = html_escape(&format!(
            "{} · {}",
            profile.sections.projects.title, profile.person.name
        )),
        style = STYLE,
        body = body,
    );
    Ok(Output {
        name: format!("details-{}.html", content_hash([html.as_bytes()])),
        bytes: html.into_bytes(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A card as Leptos writes it: its figure's flow, then its details' island.
    fn card(id: &str, flow: Option<&str>, details: &str) -> String {
        let flow = flow
            .map(|items| format!("<figure>{FLOW_OPEN}{items}{FLOW_CLOSE}</figure>"))
            .unwrap_or_default();
        format!(
            "<article id=\"{id}\" class=\"project-card box\"><h3>{id}</h3>{flow}\
             <leptos-island data-component=\"D\"><div id=\"{id}{DETAILS_OPEN}{details}\
             {DETAILS_CLOSE}<!></div></leptos-island></article>"
        )
    }

    /// What the loader does with the details page: each part back in its place.
    fn put_back(page: &str, moved: &[Moved]) -> String {
        let mut page = page.to_string();
        for Moved { id, flow, details } in moved {
            let empty = format!("<div id=\"{id}{DETAILS_OPEN}{DETAILS_CLOSE}");
            let full = format!("<div id=\"{id}{DETAILS_OPEN}{details}{DETAILS_CLOSE}");
            page = page.replacen(&empty, &full, 1);
            if let Some(flow) = flow {
                let card = page.find(&format!("<article id=\"{id}\"")).unwrap();
                let at = card + page[card..].find(FLOW_OPEN).unwrap() + FLOW_OPEN.len();
                page.insert_str(at, flow);
            }
        }
        page
    }

    #[test]
    fn the_details_and_flows_leave_the_page_card_by_card_and_come_back_as_they_were() {
        let page = format!(
            "<main>{}{}</main>",
            card(
                "a-1",
                Some("<li>A → B: x<!></li>"),
                "<p class=\"context\">ctx<!></p>"
            ),
            card(
                "b",
                None,
                "<ul class=\"bullets\"><li>first bullet<!></li></ul>"
            ),
        );
        let (left, moved) = take_parts(&page).unwrap();
        assert_eq!(
            moved,
            [
                Moved {
                    id: "a-1".into(),
                    flow: Some("<li>A → B: x<!></li>".into()),
                    details: "<p class=\"context\">ctx<!></p>".into(),
                },
                Moved {
                    id: "b".into(),
                    flow: None,
                    details: "<ul class=\"bullets\"><li>first bullet<!></li></ul>".into(),
                },
            ]
        );
        for gone in ["ctx", "first bullet", "A → B"] {
            assert!(!left.contains(gone), "{gone}: {left}");
        }
        assert_eq!(put_back(&left, &moved), page);

        // Without JavaScript, each card's details are a link to its part of the details page.
        let linked = link_details(&left, &moved, "/d-1.html", "Show <details>").unwrap();
        assert!(linked.contains(
            "<div id=\"b-details\" hidden class=\"details\"><leptos-children>\
             <a class=\"details-link\" href=\"/d-1.html#b\">Show &lt;details&gt;</a>\
             </leptos-children>"
        ));
    }

    #[test]
    fn cards_not_as_leptos_writes_them_stop_the_build() {
        let flow = |items: &str| format!("<figure>{FLOW_OPEN}{items}{FLOW_CLOSE}</figure>");
        for (page, said) in [
            // A flow that does not close, or holds a list of its own.
            (format!("<article id=\"a\">{FLOW_OPEN}<li>x"), "an unclosed"),
            (
                format!("<article id=\"a\">{}", flow("<ol><li>x</li>")),
                "a list or an island inside",
            ),
            // A flow outside any card, or a card's details named for another card.
            (flow("<li>x</li>"), "outside a card"),
            (
                format!("<article id=\"a\"><div id=\"b{DETAILS_OPEN}{DETAILS_CLOSE}"),
                "not named `a-details`",
            ),
            // A card whose details were not found (its markup changed).
            (
                format!(
                    "{}<article id=\"c\" class=\"project-card box\">",
                    card("a", None, "")
                ),
                "2 cards",
            ),
            (
                format!("<article id=\"a\">{}", flow("<li>x</li>")),
                "with details",
            ),
        ] {
            let error = take_parts(&page).unwrap_err();
            assert!(error.contains(said), "{page}: {error}");
            assert!(error.contains("has Leptos's output changed?"), "{error}");
        }
    }

    #[test]
    fn the_built_page_links_its_details_page_which_holds_every_cards_words() {
        let dir = std::env::temp_dir().join(format!("details-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let text = include_str!("../../tests/fixtures/rich.json");
        fs::write(dir.join("profile.json"), text).unwrap();
        let (page_of, body) = crate::prerender::body_of(&dir).unwrap();
        let profile = page_of.profile();
        let bootstrap = "<script type=\"module\">f(__DETAILS__,{integrity:__DETAILS_INTEGRITY__})";
        let page = format!("<head>{bootstrap}</script></head><body>{body}</body>");
        fs::write(dir.join("index.html"), &page).unwrap();
        move_details(&dir, "/sub/", profile).unwrap();

        let built = fs::read_to_string(dir.join("index.html")).unwrap();
        let file = crate::loader::moved_file(&dir, "details-");
        let details = String::from_utf8(file.bytes.clone()).unwrap();
        assert_eq!(super::built(&dir).unwrap().as_ref(), Some(&file.name));
        for project in &profile.projects {
            // Its last words: a bullet's lead-in is set apart in bold.
            let words: Vec<&str> = project.bullets[0].split_whitespace().collect();
            let bullet = words[words.len().saturating_sub(6)..].join(" ");
            let bullet = bullet.replace('&', "&amp;").replace('<', "&lt;");
            assert!(
                details.contains(&bullet),
                "{}'s bullet is in {}",
                project.id,
                file.name
            );
            // On the page, the card's details are the link to them alone.
            let linked = format!(
                "<div id=\"{id}{DETAILS_OPEN}<a class=\"details-link\" href=\"/sub/{}#{id}\">\
                 {}</a>{DETAILS_CLOSE}",
                file.name,
                profile.site.labels.show_details,
                id = project.id,
            );
            assert!(built.contains(&linked), "{linked}");
            assert!(details.contains(&format!("<article id=\"{}\">", project.id)));
            if !project.diagram.edges.is_empty() {
                assert!(details.contains(&format!("<ol id=\"{}-flow\">", project.id)));
            }
        }
        assert!(details.contains(&format!("content=\"{}\"", policy())));
        fs::remove_dir_all(&dir).unwrap();
    }
}
