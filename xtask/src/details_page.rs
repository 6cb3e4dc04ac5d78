//! Takes what a card shows only once it is opened out of the prerendered page: each card's
//! details (its context and bullets) and each diagram's flow (the list of its edges, what a
//! screen reader hears besides the drawing's name). The first response must fit the first round
//! trip of a new connection (issue 24: Lighthouse's simulated 14,600 bytes; over it, the first
//! paint waits one more round trip), and these were 2.8 KB of its brotli.
//!
//! With JavaScript, the page's bootstrap fetches them after the first paint from
//! `details-<hash>.json`, with its integrity, and the loader puts each part back where it was,
//! as Leptos wrote it, before any island is taken over (`loader.js`, `putBack`): the page the
//! app takes over, searches, opens and prints is the page as rendered. Without JavaScript, each
//! card's details are a link to its part of `details-<hash>.html`, a plain document of every
//! project's flow and details.
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

/// Moves the cards' details and flows out of `dir/index.html` into `dir/details-<hash>.json`,
/// served under `public_url`, and names that file and its integrity in the page's bootstrap;
/// links each card to its part of `dir/details-<hash>.html`.
pub(crate) fn move_details(dir: &Path, public_url: &str, profile: &Profile) -> Result {
    let path = dir.join("index.html");
    let page = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (page, moved) = take_parts(&page)?;
    let details = details_file(profile, &moved, public_url)?;
    let linked = format!("{public_url}{}", details.name);
    let page = link_details(&page, &moved, &linked, &profile.site.labels.show_details)?;
    let written = dir.join(&details.name);
    fs::write(&written, &details.bytes).map_err(|e| format!("{}: {e}", written.display()))?;
    let parts = parts_file(&moved);
    let href = format!("{public_url}{}", parts.name);
    write_moved(dir, page, &parts, href, [DETAILS, DETAILS_INTEGRITY])?;
    println!(
        "[dist] {} cards' details and {} flows moved out of index.html into {} (and {})",
        moved.len(),
        moved.iter().filter(|m| m.flow.is_some()).count(),
        parts.name,
        details.name
    );
    Ok(())
}

/// What the loader fetches: each part by the id of its place, `<card>-details` and
/// `<card>-flow`, as the exact markup Leptos wrote. JSON, not the details page itself: a host
/// may add its own script to the HTML it serves (an analytics beacon), and a byte added to a
/// file checked by integrity stops the app.
fn parts_file(moved: &[Moved]) -> Output {
    let mut parts = serde_json::Map::new();
    for Moved { id, flow, details } in moved {
        if let Some(flow) = flow {
            parts.insert(format!("{id}-flow"), flow.as_str().into());
        }
        parts.insert(format!("{id}-details"), details.as_str().into());
    }
    let json = serde_json::Value::Object(parts).to_string();
    Output {
        name: format!("details-{}.json", content_hash([json.as_bytes()])),
        bytes: json.into_bytes(),
    }
}

/// The name of the details page in `dir`, when built.
pub(crate) fn built(dir: &Path) -> Result<Option<String>> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(entries
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .find(|name| is_details_page(name)))
}

/// Whether the file named `name` is the details page.
pub(crate) fn is_details_page(name: &str) -> bool {
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
    fn the_built_page_names_its_parts_and_links_its_details_page_which_holds_every_cards_words() {
        let (dir, page_of, _) = crate::loader::fixture_page("DETAILS");
        let profile = page_of.profile();
        move_details(&dir, "/sub/", profile).unwrap();

        let built = fs::read_to_string(dir.join("index.html")).unwrap();
        // The loader's file: each part by its place's id.
        let file = crate::loader::moved_file(&dir, "details-", ".json");
        let parts: std::collections::HashMap<String, String> =
            serde_json::from_slice(&file.bytes).unwrap();
        // The page without JavaScript: each card's title, flow and details.
        let name = super::built(&dir).unwrap().expect("the details page");
        let details = fs::read_to_string(dir.join(&name)).unwrap();
        for project in &profile.projects {
            let id = &project.id;
            // Its last words: a bullet's lead-in is set apart in bold.
            let words: Vec<&str> = project.bullets[0].split_whitespace().collect();
            let bullet = words[words.len().saturating_sub(6)..].join(" ");
            let bullet = bullet.replace('&', "&amp;").replace('<', "&lt;");
            let part = &parts[&format!("{id}-details")];
            assert!(part.contains(&bullet), "{id}'s bullet is in {}", file.name);
            assert!(details.contains(&format!("<div id=\"{id}-details\">{part}</div>")));
            let flow = parts.get(&format!("{id}-flow"));
            assert_eq!(
                flow.is_some(),
                !project.diagram.edges.is_empty(),
                "{id}'s flow"
            );
            if let Some(flow) = flow {
                assert!(flow.starts_with("<li>"), "{flow}");
                assert!(details.contains(&format!("<ol id=\"{id}-flow\">{flow}</ol>")));
            }
            // On the page, the card's details are the link to them alone.
            let linked = format!(
                "<div id=\"{id}{DETAILS_OPEN}<a class=\"details-link\" href=\"/sub/{name}#{id}\">\
                 {}</a>{DETAILS_CLOSE}",
                profile.site.labels.show_details,
            );
            assert!(built.contains(&linked), "{linked}");
            assert!(details.contains(&format!("<article id=\"{id}\"><h2><a href=\"/sub/#{id}\">")));
        }
        assert_eq!(
            parts.len(),
            built.matches("diagram-flow").count() + profile.projects.len()
        );
        assert!(details.contains(&format!("content=\"{}\"", policy())));
        fs::remove_dir_all(&dir).unwrap();
    }
}
