//! The site as built, whatever its profile: this suite knows nothing of the person. It reads
//! the profile.json of the release build it is given (`PORTFOLIO_DIST`: `cargo xtask test`
//! runs it on dist/, built from `public/profile.json`, and on a JSON Resume import) and checks
//! that the profile is valid, that every text of it and every diagram is on the page once the
//! page is live, with no console error, that axe finds nothing in either theme, and that the
//! page prints. A fork that replaces the profile keeps these checks, on its own data.
//!
//! Not run by a plain `cargo test` (`test = false` in Cargo.toml): it needs a site built for it.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use portfolio::model::Profile;
use portfolio::parse::parse_profile;
use serde_json::Value;
use support::axe::{axe_source, violations};
use support::pdf::{normalised, print};
use support::{dist_dir, Browser, Engine, Server};

/// The page is shown and its controls work.
const READY: &str = r#"main[data-state="ready"][data-live]"#;

/// The profile the site was built from, as the site serves it.
fn built_profile_text() -> String {
    let path = dist_dir().join("profile.json");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn built_profile() -> Profile {
    parse_profile(&built_profile_text()).expect("the built profile parses")
}

/// Fields whose value is not shown as text: the format's own, references between parts, link
/// targets, the words of the page's controls (shown as names and templates), and tags and
/// aliases (shown by their canonical name in the filter, checked there).
const NOT_TEXT: [&str; 14] = [
    "$schema",
    "lang",
    "id",
    "kind",
    "href",
    "url",
    "from",
    "to",
    "node",
    "group",
    "labels",
    "filter",
    "aliases",
    "sideProject",
];

/// Whether the page has the section `sections.<name>` heads: one with nothing in it is left
/// out (an imported résumé without projects, a profile without principles).
fn section_shown(profile: &Value, name: &str) -> bool {
    match &profile[name] {
        Value::Array(items) => !items.is_empty(),
        Value::Null => false,
        _ => true,
    }
}

/// Every text of the profile a visitor should find on the page: the path and the text.
fn texts(value: &Value, path: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::String(text) if !text.trim().is_empty() => {
            out.push((path.to_string(), text.clone()))
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                texts(item, &format!("{path}[{i}]"), out);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                let tags = key == "tags" || (path == ".site" && key == "description");
                if !NOT_TEXT.contains(&key.as_str()) && !tags {
                    texts(item, &format!("{path}.{key}"), out);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn the_built_profile_is_valid() {
    let problems = portfolio::check_profile(&built_profile_text());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

async fn open_live(width: u32, height: u32) -> (Server, Browser) {
    let server = Server::start("/");
    let browser = Browser::start(width, height).await;
    browser.client.goto(&server.base).await.unwrap();
    browser.wait_for(READY, 20).await;
    (server, browser)
}

async fn script(browser: &Browser, script: &str) -> Value {
    browser.client.execute(script, vec![]).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_text_of_the_profile_is_on_the_live_page_without_console_errors() {
    let value: Value = serde_json::from_str(&built_profile_text()).unwrap();
    let mut expected = Vec::new();
    texts(&value, "", &mut expected);
    expected.retain(|(path, _)| {
        let section = path
            .strip_prefix(".sections.")
            .and_then(|p| p.split('.').next());
        section.is_none_or(|name| section_shown(&value, name))
    });
    assert!(!expected.is_empty(), "the profile has text");
    let (_server, browser) = open_live(1280, 900).await;
    let page = normalised(&text_seen(&browser, &built_profile()).await);
    let missing: Vec<String> = expected
        .iter()
        .filter(|(_, text)| !page.contains(&normalised(text)))
        .map(|(path, text)| format!("{path}: {text:?}"))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} texts are not on the page:\n{}",
        missing.len(),
        expected.len(),
        missing.join("\n")
    );
    let description = script(
        &browser,
        "return document.querySelector('meta[name=description]')?.content ?? null",
    )
    .await;
    let profile = built_profile();
    assert_eq!(
        description.as_str(),
        Some(profile.site.description.as_str())
    );
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
}

/// The text a visitor can bring onto the page: the whole document's, hidden parts included (a
/// closed card's details, the drawings' text alternatives), then each card's as each of its
/// scenarios plays (its title and steps), at its first step and at every step with a note, as
/// a link to that step opens it.
async fn text_seen(browser: &Browser, profile: &Profile) -> String {
    let whole = script(browser, "return document.documentElement.textContent").await;
    let mut seen = whole.as_str().unwrap_or_default().to_string();
    for project in &profile.projects {
        for scenario in &project.diagram.scenarios {
            let total = scenario.steps.len();
            let with_notes = scenario
                .steps
                .iter()
                .enumerate()
                .filter(|(_, s)| s.note.is_some());
            let mut steps: Vec<usize> = with_notes.map(|(i, _)| i + 1).collect();
            steps.insert(0, 1);
            for step in steps {
                let link = format!("{}/{}/{step}", project.id, scenario.id);
                script(browser, &format!("location.hash = {link:?}")).await;
                let caption = format!(
                    "return document.getElementById({:?})
                       ?.querySelector('.caption-text')?.textContent?.startsWith('{step}/{total}')
                       ?? false",
                    project.id
                );
                browser
                    .script_becomes(&caption, Value::Bool(true), &format!("#{link} plays"))
                    .await;
                let card = format!(
                    "return document.getElementById({:?}).textContent",
                    project.id
                );
                seen.push_str(script(browser, &card).await.as_str().unwrap_or_default());
            }
        }
    }
    seen
}

#[tokio::test(flavor = "multi_thread")]
async fn every_diagram_is_drawn_with_its_nodes_and_a_text_alternative() {
    let profile = built_profile();
    let (_server, browser) = open_live(1280, 900).await;
    let mut failures = Vec::new();
    for project in profile
        .projects
        .iter()
        .filter(|p| !p.diagram.nodes.is_empty())
    {
        let id = &project.id;
        // Drawn in the page (the first card, on a laptop), or the file its image shows.
        let drawing = format!(
            "const done = arguments[arguments.length - 1];
             const card = document.getElementById({id:?});
             const svg = card && card.querySelector('svg.diagram-svg');
             if (svg) return done(svg.textContent);
             const img = card && [...card.querySelectorAll('img.diagram-svg')]
                 .find(i => i.checkVisibility());
             if (!img) return done(null);
             fetch(img.src).then(r => r.text()).then(text => done(
                 new DOMParser().parseFromString(text, 'image/svg+xml')
                     .documentElement.textContent), () => done(null));"
        );
        let drawn = browser
            .client
            .execute_async(&drawing, vec![])
            .await
            .unwrap();
        let Some(drawn) = drawn.as_str().map(normalised) else {
            failures.push(format!("{id}: no drawing"));
            continue;
        };
        for node in &project.diagram.nodes {
            if !drawn.contains(&normalised(&node.label)) {
                failures.push(format!("{id}: node {:?} is not drawn", node.id));
            }
        }
        // What a screen reader hears: the drawing named by the diagram's title, and the flow
        // along its edges as a list.
        let alternative = format!(
            "const card = document.getElementById({id:?});
             const svg = card.querySelector('svg.diagram-svg')
                 || [...card.querySelectorAll('img.diagram-svg')].find(i => i.checkVisibility());
             const name = document.getElementById(svg.getAttribute('aria-labelledby'));
             return [name ? name.textContent.trim() : null,
                     card.querySelectorAll('.diagram-flow li').length]"
        );
        let heard = script(&browser, &alternative).await;
        if heard[0].as_str() != Some(project.diagram.title.trim()) {
            failures.push(format!("{id}: the drawing is named {}", heard[0]));
        }
        if !project.diagram.edges.is_empty() && heard[1].as_u64() == Some(0) {
            failures.push(format!("{id}: no text alternative lists its flow"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread")]
async fn axe_finds_nothing_in_either_theme() {
    let axe = axe_source();
    let server = Server::start("/");
    let browser = Browser::start(1280, 900).await;
    let mut failures = Vec::new();
    for theme in ["light", "dark"] {
        browser.client.goto(&server.base).await.unwrap();
        let remember = format!("localStorage.setItem('theme', '{theme}')");
        browser.client.execute(&remember, vec![]).await.unwrap();
        browser.client.goto(&server.base).await.unwrap();
        browser.wait_for(READY, 20).await;
        for line in violations(&browser, &axe).await {
            failures.push(format!("{theme}: {line}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn it_prints_the_name_and_every_project_title() {
    if !Engine::runs(
        &[Engine::Chromium],
        "it prints through Chromium's --print-to-pdf",
    ) {
        return;
    }
    let profile = built_profile();
    let printed = print("");
    assert!(!printed.pages.is_empty(), "the print has pages");
    let missing = printed.missing_name_or_titles(&profile);
    assert!(missing.is_empty(), "not printed: {missing:?}");
}
