//! The printed résumé: Chromium prints the release build (`--print-to-pdf`, as "Save as PDF"
//! does) and the PDF must hold her name and every project title on at most three A4 pages.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::wd::{PrintConfiguration, PrintSize};
use portfolio::parse::parse_profile;
use support::pdf::{normalised, print, Printed, A4};
use support::{Browser, Engine, Server};

const ONLY_CHROMIUM: &str = "it prints through Chromium's --print-to-pdf";

/// A card the visitor opened prints with its drawing and, under it, its first scenario as a
/// numbered list. Printed through WebDriver's Print Page, after the app has opened the card
/// (Chromium's `--print-to-pdf` prints before the app has started).
#[tokio::test(flavor = "multi_thread")]
async fn an_open_diagram_prints_with_its_scenario_as_numbered_steps() {
    if !Engine::runs(&[Engine::Chromium], ONLY_CHROMIUM) {
        return;
    }
    let profile =
        parse_profile(include_str!("../tests/fixtures/rich.json")).expect("profile parses");
    let server = Server::start("/");
    let browser = Browser::start(1280, 900).await;
    let url = format!("{}#gdpr-deletion", server.base);
    browser.client.goto(&url).await.unwrap();
    browser.wait_for("main[data-live]", 20).await;
    browser.wait_for("#gdpr-deletion svg.wide g.node", 10).await;
    let a4 = PrintConfiguration::builder()
        .size(PrintSize::A4)
        .build()
        .unwrap();
    let bytes = browser.client.print(a4).await.expect("the page prints");
    let printed = Printed::of(&bytes);
    assert!(printed.pages.len() <= 3, "{} pages", printed.pages.len());
    let text = normalised(&printed.text);
    let project = profile
        .projects
        .iter()
        .find(|p| p.id == "gdpr-deletion")
        .unwrap();
    let missing: Vec<&String> = project.diagram.scenarios[0]
        .steps
        .iter()
        .map(|step| &step.caption)
        .filter(|caption| !text.contains(&normalised(caption)))
        .collect();
    assert!(
        missing.is_empty(),
        "not printed under the drawing: {missing:?}"
    );
    // The screen's controls are not on paper.
    let download = &profile.site.labels.download_svg;
    assert!(
        !text.contains(&normalised(download)),
        "{download} is printed"
    );
}

#[test]
fn the_printed_page_is_a_resume_of_at_most_three_a4_pages() {
    if !Engine::runs(&[Engine::Chromium], ONLY_CHROMIUM) {
        return;
    }
    let profile =
        parse_profile(include_str!("../tests/fixtures/rich.json")).expect("profile parses");
    let printed = print("");
    assert!(
        (1..=3).contains(&printed.pages.len()),
        "the résumé takes {} pages, at most 3 allowed",
        printed.pages.len()
    );
    for (&number, &page) in printed.pdf.get_pages().iter() {
        let media_box = printed
            .pdf
            .get_dictionary(page)
            .and_then(|d| d.get(b"MediaBox"))
            .and_then(|b| b.as_array())
            .expect("every page has a MediaBox");
        let size: Vec<f32> = media_box
            .iter()
            .map(|v| v.as_float().unwrap_or(0.0))
            .collect();
        assert!(
            (size[2] - A4.0).abs() < 2.0 && (size[3] - A4.1).abs() < 2.0,
            "page {number} is {size:?}, not A4"
        );
    }

    let missing = printed.missing_name_or_titles(&profile);
    assert!(missing.is_empty(), "not in the printed résumé: {missing:?}");
}
