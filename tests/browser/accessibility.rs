//! Accessibility as a gate: axe-core (npm, pinned; `cargo xtask test` installs it into
//! `.tools/axe-core`) runs inside the page on each state a visitor meets (first load, filtered,
//! no results, a card open, a scenario playing, the live profile's notice, the error panel) in
//! both themes at 1280 and 390 px wide (in Chromium; Firefox at 1280, WebKit at 390). Every
//! rule of WCAG 2.0, 2.1 and 2.2 A and AA and axe's best practices must pass.

use crate::support;

use support::axe::{axe_source, violations};
use support::{Browser, Engine, Server};

const READY: &str = "main[data-live]";

/// Polls `script` until it returns true.
async fn until(browser: &Browser, script: &str, what: &str) {
    browser
        .script_becomes(script, serde_json::json!(true), what)
        .await;
}

/// Opens `path` in `theme` (remembered the way the theme toggle remembers it, from a page of
/// the same site: the one open, if it is).
async fn visit(browser: &Browser, base: &str, path: &str, theme: &str, ready: &str) {
    let here = browser.client.current_url().await.unwrap();
    if !here.as_str().starts_with(base) {
        browser.client.goto(base).await.unwrap();
    }
    let remember = format!("localStorage.setItem('theme', '{theme}')");
    browser.client.execute(&remember, vec![]).await.unwrap();
    browser.client.goto(&format!("{base}{path}")).await.unwrap();
    browser.wait_for(ready, 20).await;
}

// One test per width: they run side by side. Chromium checks both widths; Firefox and WebKit
// one each, so every engine's computed styles are checked while the suite keeps its time
// (axe over the whole page takes seconds a state in these two).
#[tokio::test(flavor = "multi_thread")]
async fn every_state_in_both_themes_passes_axe_on_a_laptop() {
    if Engine::runs(
        &[Engine::Chromium, Engine::Firefox],
        "WebKit checks the phone width",
    ) {
        every_state_in_both_themes_passes_axe(1280, 900).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_state_in_both_themes_passes_axe_on_a_phone() {
    if Engine::runs(
        &[Engine::Chromium, Engine::WebKit],
        "Firefox checks the laptop width",
    ) {
        every_state_in_both_themes_passes_axe(390, 844).await;
    }
}

async fn every_state_in_both_themes_passes_axe(width: u32, height: u32) {
    let axe = axe_source();
    let server = Server::start("/");
    let broken = Server::start("/");
    broken.set("profile.json", 200, "{ \"schemaVersion\": 1, oops }");
    // The error panel is what a page built without its content shows; the prerendered page
    // keeps its content with a notice.
    let unbuilt = Server::start("/");
    unbuilt.set("index.html", 200, &support::page_without_prerender());
    unbuilt.set("profile.json", 200, "{ \"schemaVersion\": 1, oops }");
    let mut failures = Vec::new();
    let browser = Browser::start(width, height).await;
    for theme in ["light", "dark"] {
        let mut check = |state: &str, found: Vec<String>| {
            for line in found {
                failures.push(format!("{width} px, {theme}, {state}: {line}"));
            }
        };
        visit(&browser, &server.base, "", theme, READY).await;
        check("first load", violations(&browser, &axe).await);
        let kafka = format!("{}.click()", support::tag_toggle_script("Kafka"));
        browser.client.execute(&kafka, vec![]).await.unwrap();
        until(
            &browser,
            "return document.querySelectorAll('article.project-card:not([hidden])').length === 1",
            "filtered to Kafka",
        )
        .await;
        check("filtered", violations(&browser, &axe).await);
        visit(&browser, &server.base, "?q=zzzz-nothing", theme, READY).await;
        until(
            &browser,
            "return !document.querySelector('.empty-result').hidden",
            "no results",
        )
        .await;
        check("no results", violations(&browser, &axe).await);
        visit(&browser, &server.base, "#gdpr-deletion", theme, READY).await;
        browser.wait_for("#gdpr-deletion button.play", 10).await;
        check("a card open", violations(&browser, &axe).await);
        let play = "document.querySelector('#gdpr-deletion button.play').click()";
        browser.client.execute(play, vec![]).await.unwrap();
        check("a scenario playing", violations(&browser, &axe).await);
        visit(
            &browser,
            &broken.base,
            "",
            theme,
            ".live-notice:not([hidden])",
        )
        .await;
        browser.wait_for(READY, 20).await;
        check(
            "the live profile's notice",
            violations(&browser, &axe).await,
        );
        visit(&browser, &unbuilt.base, "", theme, "main[data-state=error]").await;
        check("the error panel", violations(&browser, &axe).await);
    }
    assert!(
        failures.is_empty(),
        "axe found {} violation(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
