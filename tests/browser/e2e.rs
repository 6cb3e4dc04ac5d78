//! End-to-end: the release build served over HTTP, driven through WebDriver in the engine
//! `E2E_ENGINE` names. What a visitor sees: every title, figure and principle; the error panel
//! and Retry; the filter in the URL; deep links; diagrams that play.

use crate::support;

use fantoccini::Locator;
use portfolio::format::figure_text;
use portfolio::model::Profile;
use portfolio::parse::parse_profile;
use support::{Browser, Engine, Options, Server};

const REDUCED_MOTION: Options = Options {
    reduced_motion: true,
    no_scripts: false,
};

fn profile() -> Profile {
    parse_profile(include_str!("../fixtures/rich.json")).expect("profile parses")
}

/// Project `id` of her profile.
fn project(id: &str) -> portfolio::model::Project {
    profile()
        .projects
        .into_iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no project {id}"))
}

/// The page is shown and the app has attached to it (a prerendered page is "ready" before the
/// wasm runs; `data-live` says the controls work).
const READY: &str = r#"main[data-state="ready"][data-live]"#;

/// Serves dist/ at the root, opens `path` (a query and/or fragment) at this window size, and
/// waits until the profile has rendered.
async fn open(path: &str, width: u32, height: u32) -> (Server, Browser) {
    let server = Server::start("/");
    let browser = Browser::start(width, height).await;
    browser
        .client
        .goto(&format!("{}{path}", server.base))
        .await
        .unwrap();
    browser.wait_for(READY, 20).await;
    (server, browser)
}

/// Whether a test of the app's own logic runs in this engine: it checks what the wasm decides
/// (which message, which cards), and every engine runs the same wasm, so Chromium alone checks
/// it. The other engines' minutes go to what they draw, scroll, animate and allow.
fn checks_logic_only() -> bool {
    Engine::runs(
        &[Engine::Chromium],
        "the same wasm decides the same in every engine; Chromium checks it",
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn renders_every_title_figure_and_principle_without_console_errors() {
    let (_server, browser) = open("", 1280, 900).await;
    let text = browser.text().await;
    let profile = profile();
    assert!(text
        .to_uppercase()
        .contains(&profile.person.name.to_uppercase()));
    for project in &profile.projects {
        assert!(
            text.contains(&project.title),
            "title {:?} is on the page",
            project.title
        );
        for figure in &project.outcomes {
            let shown = figure_text(figure);
            assert!(
                text.contains(&shown),
                "figure {shown:?} of {} is on the page",
                project.id
            );
        }
    }
    for principle in &profile.principles {
        assert!(
            text.contains(principle),
            "principle {principle:?} is on the page"
        );
    }
    let severe = browser.console_errors().await;
    assert!(severe.is_empty(), "console errors: {severe:?}");
}

/// Opens a page built without its content while the server answers profile.json with
/// `status` and `body`, and returns the browser and the text of the error panel.
async fn load_error(server: &Server, status: u16, body: &str) -> (Browser, String) {
    server.set("index.html", 200, &support::page_without_prerender());
    server.set("profile.json", status, body);
    let browser = Browser::start(1280, 900).await;
    browser.client.goto(&server.base).await.unwrap();
    let alert = browser.wait_for(r#"[role="alert"].load-error"#, 20).await;
    let message = alert.text().await.unwrap();
    (browser, message)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_profile_shows_the_reason_and_retry_recovers() {
    if !checks_logic_only() {
        return;
    }
    let server = Server::start("/");
    let (browser, message) = load_error(&server, 404, "gone").await;
    assert!(message.contains("404"), "{message}");
    server.clear("profile.json");
    click(&browser, "button.retry").await;
    browser.wait_for(READY, 20).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn broken_json_names_line_and_column_and_never_panics() {
    if !checks_logic_only() {
        return;
    }
    let server = Server::start("/");
    let (browser, message) =
        load_error(&server, 200, "{\n  \"schemaVersion\": 1,\n  oops\n}").await;
    assert!(message.contains("line 3, column"), "{message}");
    let severe = browser.console_errors().await;
    assert!(severe.is_empty(), "no console error, no panic: {severe:?}");
}

/// The profile the test site was built from, as it serves it, changed by `change`.
fn built_profile_changed(change: impl FnOnce(&mut serde_json::Value)) -> String {
    let path = support::dist_dir().join("profile.json");
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    change(&mut value);
    value.to_string()
}

/// A profile.json on the host that cannot be fetched, parsed or validated leaves the built page
/// as it was, working, with a notice naming the problem and its place; Retry, once the host
/// serves the built profile again, takes the notice away.
#[tokio::test(flavor = "multi_thread")]
async fn a_live_profile_with_a_problem_keeps_the_built_page_working_with_a_notice() {
    let title = project("gdpr-deletion").title;
    let unknown_field = built_profile_changed(|p| p["projects"][0]["titel"] = "typo".into());
    let no_such_node =
        built_profile_changed(|p| p["projects"][1]["diagram"]["edges"][0]["to"] = "sqs2".into());
    let cases: [(&str, u16, &str, &str); 5] = [
        ("a network error", 0, "", "Could not reach profile.json"),
        ("a 404", 404, "gone", "profile.json answered HTTP 404"),
        (
            "broken JSON",
            200,
            "{\n  \"schemaVersion\": 1,\n  oops\n}",
            "line 3, column",
        ),
        ("a shape error", 200, &unknown_field, "projects[0]"),
        (
            "a rule error",
            200,
            &no_such_node,
            "projects[1].diagram.edges[0].to",
        ),
    ];
    let server = Server::start("/");
    let browser = Browser::start(1280, 900).await;
    for (class, status, body, named) in cases {
        server.set("profile.json", status, body);
        browser.client.goto(&server.base).await.unwrap();
        let notice = browser.wait_for(".live-notice:not([hidden])", 20).await;
        browser.wait_for(READY, 20).await;
        let said = notice.text().await.unwrap();
        assert!(
            said.contains(named),
            "{class}: the notice names {named:?}: {said:?}"
        );
        let text = browser.text().await;
        assert!(text.contains(&title), "{class}: the built page stays");
        if status == 200 {
            let severe = browser.console_errors().await;
            assert!(severe.is_empty(), "{class}: no console error: {severe:?}");
        }
    }
    // The page kept is the working page: the filter answers.
    click_element(&browser, &browser.tag_toggle("Kafka").await).await;
    cards_become(&browser, "the Kafka projects", |cards| {
        !cards.is_empty() && cards.len() < project_count()
    })
    .await;
    server.clear("profile.json");
    let notice_goes = |what: &'static str| {
        let browser = &browser;
        async move {
            let hidden = "return document.querySelector('.live-notice').hidden";
            browser
                .script_becomes(hidden, serde_json::json!(true), what)
                .await;
        }
    };
    click(&browser, ".live-notice button.retry").await;
    notice_goes("Retry, the built profile back, takes the notice away").await;
    // A visitor who came for the page closes it.
    server.set("profile.json", 404, "gone");
    browser.client.goto(&server.base).await.unwrap();
    browser.wait_for(".live-notice:not([hidden])", 20).await;
    click(&browser, ".live-notice button.dismiss").await;
    notice_goes("Dismiss closes the notice").await;
}

fn project_count() -> usize {
    profile().projects.len()
}

/// Ids of the cards a visitor can see.
async fn visible_cards(browser: &Browser) -> Vec<String> {
    let script = concat!(
        "return [...document.querySelectorAll('article.project-card')]",
        ".filter(c => !c.hidden).map(c => c.id)",
    );
    let value = browser.client.execute(script, vec![]).await.unwrap();
    serde_json::from_value(value).unwrap()
}

/// Waits (up to 5 s) until the visible cards satisfy `expected`: a view transition delays the
/// change by a frame or more, and a loaded CI machine more.
async fn cards_become(browser: &Browser, what: &str, expected: impl Fn(&[String]) -> bool) {
    let mut last = Vec::new();
    for _ in 0..50 {
        last = visible_cards(browser).await;
        if expected(&last) && !transition_running(browser).await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the visible cards never became {what}: {last:?}");
}

/// Whether a view transition's snapshots are on screen (they take the clicks meanwhile).
async fn transition_running(browser: &Browser) -> bool {
    let script = "return document.getAnimations().some(a => a.effect
        && String(a.effect.pseudoElement).startsWith('::view-transition'))";
    run_script(browser, script).await == serde_json::json!(true)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_filter_lives_in_the_url_reload_and_back_keep_it() {
    let (_server, browser) = open("", 1280, 900).await;
    let profile = profile();
    show_only_kafka(&browser).await;
    // Counts only where they say how many a tag would leave: none on the selected tag, none
    // on a tag that would leave no project, and nothing struck through.
    let counts = "return [...document.querySelectorAll('.filter button.tag-toggle')].map(b => {
          const shown = b.querySelector('.count').checkVisibility();
          const pressed = b.getAttribute('aria-pressed') === 'true';
          const none = b.querySelector('.count').textContent === '0';
          const struck = getComputedStyle(b).textDecorationLine.includes('line-through');
          return shown === !(pressed || none) && !struck;
        }).every(Boolean)";
    script_becomes(
        &browser,
        counts,
        serde_json::json!(true),
        "counts after a filter",
    )
    .await;
    let url = browser.client.current_url().await.unwrap();
    assert_eq!(url.query(), Some("tag=kafka"));
    let count = browser
        .client
        .find(Locator::Css(".result-count"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(count.starts_with('1'), "{count}");
    // Reload: same view.
    browser.client.refresh().await.unwrap();
    browser.wait_for(READY, 20).await;
    cards_become(&browser, "the Kafka project after a reload", |cards| {
        cards == ["kafka-notifications"]
    })
    .await;
    // Back: the unfiltered view.
    browser.client.back().await.unwrap();
    browser.wait_for(READY, 20).await;
    cards_become(&browser, "every project", |cards| {
        cards.len() == profile.projects.len()
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn back_after_a_search_returns_to_the_view_before_it() {
    let (_server, browser) = open("", 1280, 900).await;
    let total = profile().projects.len();
    let search = browser
        .client
        .find(Locator::Css("input[type=search]"))
        .await
        .unwrap();
    search.send_keys("kafka").await.unwrap();
    cards_become(&browser, "the Kafka project", |cards| {
        cards == ["kafka-notifications"]
    })
    .await;
    // One step for the whole search, not one per letter, and not off the site either.
    browser.client.back().await.unwrap();
    cards_become(&browser, "every project", |cards| cards.len() == total).await;
    let url = browser.client.current_url().await.unwrap();
    assert_eq!(url.query(), None, "{url}");
    let value = browser
        .client
        .execute(
            "return document.querySelector('input[type=search]').value",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(value.as_str(), Some(""));
}

/// A word of one card's bullets alone (its details, closed) finds that card: the search reads
/// the words each prerendered card shows, which the page's props no longer repeat.
#[tokio::test(flavor = "multi_thread")]
async fn a_search_finds_a_card_by_a_word_of_its_closed_details() {
    let profile = profile();
    let words = |project: &portfolio::model::Project| {
        [&project.title, &project.summary]
            .into_iter()
            .chain(&project.bullets)
            .chain(&project.tags)
            .map(|part| part.to_lowercase())
            .collect::<Vec<_>>()
            .join(" ")
    };
    // A long word in a bullet of one project, in no other project's words nor its own title
    // or summary.
    let (id, word) = profile
        .projects
        .iter()
        .find_map(|project| {
            let others: Vec<String> = profile
                .projects
                .iter()
                .filter(|p| p.id != project.id)
                .map(words)
                .collect();
            let shown = format!("{} {}", project.title, project.summary).to_lowercase();
            project
                .bullets
                .iter()
                .flat_map(|b| b.split(|c: char| !c.is_alphanumeric()))
                .map(str::to_lowercase)
                .find(|w| {
                    w.len() >= 8 && !shown.contains(w) && others.iter().all(|o| !o.contains(w))
                })
                .map(|w| (project.id.clone(), w))
        })
        .expect("a word of one project's bullets alone");
    let (_server, browser) = open("", 1280, 900).await;
    browser.wait_for(READY, 20).await;
    let search = browser.wait_for("input[type=search]", 5).await;
    search.send_keys(&word).await.unwrap();
    cards_become(&browser, &format!("only {id}, for {word:?}"), |cards| {
        cards == [id.clone()]
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_empty_state_offers_a_way_back_and_unknown_tags_are_noted() {
    if !checks_logic_only() {
        return;
    }
    let (_server, browser) = open("?tag=kafka&tag=opensearch&tag=cobol", 390, 844).await;
    cards_become(&browser, "no card", |cards| cards.is_empty()).await;
    let empty = browser.wait_for(".empty-result:not([hidden])", 5).await;
    let message = empty.text().await.unwrap();
    assert!(
        message.contains("Kafka") && message.contains("OpenSearch"),
        "{message}"
    );
    let note = browser
        .wait_for(".filter-note", 5)
        .await
        .text()
        .await
        .unwrap();
    assert!(note.contains("cobol"), "{note}");
    click(&browser, "button.show-all").await;
    let total = profile().projects.len();
    cards_become(&browser, "every project", |cards| cards.len() == total).await;
    // The button hid itself; the keyboard user is left in the search box, not on <body>.
    let focused = browser
        .client
        .execute("return document.activeElement.type", vec![])
        .await
        .unwrap();
    assert_eq!(focused.as_str(), Some("search"));
}

/// Whether the empty state is whole on screen, below the sticky header.
const EMPTY_RESULT_IN_VIEW: &str = "
    const panel = document.querySelector('.empty-result:not([hidden])');
    if (!panel) return false;
    const r = panel.getBoundingClientRect();
    const header = document.querySelector('.topbar').getBoundingClientRect().bottom;
    return r.height > 0 && r.top >= header - 1 && r.bottom <= innerHeight + 1;";

#[tokio::test(flavor = "multi_thread")]
async fn a_search_that_matches_nothing_shows_its_message_in_view() {
    for (width, height) in [(1280, 800), (390, 844)] {
        let (_server, browser) = open("", width, height).await;
        // Reading the projects: their section's top just under the window's top, behind the
        // sticky header.
        let to_projects = "const section = document.querySelector('section.projects');
             window.scrollTo({ top: section.getBoundingClientRect().top + scrollY + 100,
                               behavior: 'instant' });";
        run_script(&browser, to_projects).await;
        let search = browser.wait_for(r#"input[type="search"]"#, 5).await;
        search.send_keys("no project says this").await.unwrap();
        cards_become(&browser, "no card", |cards| cards.is_empty()).await;
        script_becomes(
            &browser,
            EMPTY_RESULT_IN_VIEW,
            serde_json::json!(true),
            &format!("the empty state in view at {width} px"),
        )
        .await;
    }
}

/// Presses Tab `times` times and returns what has the keyboard then (its tag, class and text).
async fn tab(browser: &Browser, times: usize) -> String {
    press(browser, &"\u{E004}".repeat(times)).await;
    let focused = "const e = document.activeElement;
        return `${e.tagName.toLowerCase()}.${e.className} ${e.textContent.trim().slice(0, 40)}`";
    run_script(browser, focused)
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Presses `keys` (WebDriver's codes: `\u{E007}` is Enter, `\u{E008}` holds Shift until
/// `\u{E000}`) on the keyboard, as a visitor does: they go to whatever has the focus. Not
/// WebDriver's "send keys" to the focused element, which first asks whether that element is
/// interactable and, under load, sometimes answered no for a tag the keyboard was on.
async fn press(browser: &Browser, keys: &str) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    const MODIFIERS: [char; 4] = ['\u{E008}', '\u{E009}', '\u{E00A}', '\u{E03D}'];
    let mut actions = KeyActions::new("keyboard".to_string());
    let mut held = Vec::new();
    for key in keys.chars() {
        if key == '\u{E000}' {
            for modifier in held.drain(..).rev() {
                actions = actions.then(KeyAction::Up { value: modifier });
            }
        } else if MODIFIERS.contains(&key) {
            held.push(key);
            actions = actions.then(KeyAction::Down { value: key });
        } else {
            actions = actions
                .then(KeyAction::Down { value: key })
                .then(KeyAction::Up { value: key });
        }
    }
    for modifier in held.into_iter().rev() {
        actions = actions.then(KeyAction::Up { value: modifier });
    }
    browser.client.perform_actions(actions).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_skip_links_take_the_keyboard_to_the_projects_in_a_few_steps() {
    let (_server, browser) = open("", 1280, 900).await;
    // From the top: the skip links, the last of them to the projects.
    let skip = tab(&browser, 3).await;
    assert!(skip.starts_with("a.skip-link"), "{skip}");
    press(&browser, "\u{E007}").await;
    let first_card_control = tab(&browser, 1).await;
    let first_card = "return document.activeElement.closest('article.project-card')?.id ?? null";
    assert_eq!(
        run_script(&browser, first_card).await,
        serde_json::json!(profile().projects[0].id),
        "one Tab past the skip link is inside the first card: {first_card_control}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn from_a_cards_button_the_next_tabs_reach_its_canvas_and_play() {
    let first = profile().projects[0].id.clone();
    for (width, height) in [(1280, 800), (390, 844)] {
        let (_server, browser) = open("", width, height).await;
        browser.wait_for("main[data-live]", 10).await;
        // The skip link to the projects, then the first card's title and its button.
        tab(&browser, 3).await;
        press(&browser, "\u{E007}").await;
        let button = tab(&browser, 2).await;
        assert!(button.starts_with("button.expand"), "{width} px: {button}");
        press(&browser, "\u{E007}").await;
        let play = format!("#{first} button.play");
        browser.wait_for(&play, 10).await;
        // Opening grows the card under its button: the button and the top of the drawing stay.
        let kept = format!(
            "const b = document.querySelector('#{first} button.expand').getBoundingClientRect();
             const c = document.querySelector('#{first} .diagram-canvas').getBoundingClientRect();
             return b.top >= 0 && b.bottom <= innerHeight
                 && c.top >= 0 && c.top < innerHeight - 40;"
        );
        script_becomes(
            &browser,
            &kept,
            serde_json::json!(true),
            "button and drawing on screen",
        )
        .await;
        let mut stops = Vec::new();
        for _ in 0..3 {
            stops.push(tab(&browser, 1).await);
            if stops
                .last()
                .is_some_and(|stop| stop.starts_with("button.play"))
            {
                break;
            }
        }
        assert!(
            stops[0].starts_with("div.diagram-canvas")
                && stops.last().unwrap().starts_with("button.play"),
            "{width} px, the stops past the open button: {stops:?}"
        );
        press(&browser, "\u{E007}").await;
        script_becomes(
            &browser,
            &format!("return document.querySelector('{play} .play-icon').textContent"),
            serde_json::json!("❚❚"),
            "Enter on Play plays",
        )
        .await;
    }
}

/// The focused element's tag name, class and text, and its place among the filter's tags (-1
/// when it is not one of them).
const FOCUSED_TAG: &str = "const e = document.activeElement;
    return [`${e.tagName.toLowerCase()}.${e.className} ${e.textContent.trim()}`,
            [...document.querySelectorAll('.tag-toggles button.tag-toggle')].indexOf(e)];";

#[tokio::test(flavor = "multi_thread")]
async fn the_filters_tags_are_one_tab_stop_with_arrow_keys_inside() {
    let (_server, browser) = open("", 1280, 900).await;
    browser.wait_for("main[data-live]", 10).await;
    // The skip link to the filter, then on to its first tag.
    tab(&browser, 2).await;
    press(&browser, "\u{E007}").await;
    let mut seen = Vec::new();
    for _ in 0..4 {
        tab(&browser, 1).await;
        seen.push(run_script(&browser, FOCUSED_TAG).await);
        if seen.last().unwrap()[1] == serde_json::json!(0) {
            break;
        }
    }
    assert_eq!(seen.last().unwrap()[1], serde_json::json!(0), "{seen:?}");
    // One more Tab leaves the list: its 31 tags are one stop.
    tab(&browser, 1).await;
    let after = run_script(&browser, FOCUSED_TAG).await;
    assert_eq!(
        after[1],
        serde_json::json!(-1),
        "Tab past the first tag: {after}"
    );
    press(&browser, "\u{E008}\u{E004}\u{E000}").await;
    assert_eq!(
        run_script(&browser, FOCUSED_TAG).await[1],
        serde_json::json!(0)
    );
    // The arrows move along the tags; Enter presses one, and the list keeps it as its stop.
    press(&browser, "\u{E014}\u{E014}").await;
    assert_eq!(
        run_script(&browser, FOCUSED_TAG).await[1],
        serde_json::json!(2)
    );
    press(&browser, "\u{E007}").await;
    script_becomes(
        &browser,
        "return document.activeElement.getAttribute('aria-pressed')",
        serde_json::json!("true"),
        "Enter on the third tag selects it",
    )
    .await;
    tab(&browser, 1).await;
    press(&browser, "\u{E008}\u{E004}\u{E000}").await;
    assert_eq!(
        run_script(&browser, FOCUSED_TAG).await[1],
        serde_json::json!(2),
        "back to the tag last used"
    );
    // End reaches the last tag the filter still allows, past the ones it disabled.
    press(&browser, "\u{E010}").await;
    let last = "const usable = [...document.querySelectorAll('.tag-toggles button.tag-toggle')]
        .filter((b) => !b.disabled && b.getClientRects().length);
      return usable[usable.length - 1] === document.activeElement && usable.length > 1;";
    assert_eq!(run_script(&browser, last).await, serde_json::json!(true));
}

/// Whether every lit part of `arguments[0]`'s drawing lies in the part of the screen that
/// neither the top bar nor the player's bar covers, and inside the canvas; with the caption.
const LIT_STEP_UNCOVERED: &str = "
    const card = document.getElementById(arguments[0]);
    const canvas = card.querySelector('.diagram-canvas').getBoundingClientRect();
    const bar = card.querySelector('.diagram-bar').getBoundingClientRect();
    const header = document.querySelector('.topbar').getBoundingClientRect().bottom;
    const top = Math.max(canvas.top, header);
    const bottom = Math.min(canvas.bottom, bar.top, innerHeight);
    const left = Math.max(canvas.left, 0), right = Math.min(canvas.right, innerWidth);
    const lit = [...card.querySelectorAll('svg.diagram-svg .lit')]
        .map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 || r.height > 0);
    const inside = (r) => r.top >= top - 1 && r.bottom <= bottom + 1
        && r.left >= left - 1 && r.right <= right + 1;
    const caption = card.querySelector('.caption-text').getBoundingClientRect();
    return [card.querySelector('.caption-text').textContent,
            lit.length > 0 && lit.every(inside)
                && caption.top >= 0 && caption.bottom <= innerHeight];";

// One test per size: each waits for a whole scenario to play, and side by side they share the
// suite's two test threads instead of taking one for 15 s.
#[tokio::test(flavor = "multi_thread")]
async fn a_playing_scenario_keeps_its_lit_step_and_caption_uncovered_on_a_laptop() {
    playing_scenario_keeps_its_lit_step_and_caption_uncovered(1280, 800).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_playing_scenario_keeps_its_lit_step_and_caption_uncovered_on_a_phone() {
    playing_scenario_keeps_its_lit_step_and_caption_uncovered(390, 844).await;
}

/// 640 x 400: a laptop at 200 % zoom.
#[tokio::test(flavor = "multi_thread")]
async fn a_playing_scenario_keeps_its_lit_step_and_caption_uncovered_zoomed_in() {
    playing_scenario_keeps_its_lit_step_and_caption_uncovered(640, 400).await;
}

async fn playing_scenario_keeps_its_lit_step_and_caption_uncovered(width: u32, height: u32) {
    // The tallest diagram (the most nodes) and its shortest scenario.
    let profile = profile();
    let project = profile
        .projects
        .iter()
        .max_by_key(|p| p.diagram.nodes.len())
        .unwrap();
    let scenario = project
        .diagram
        .scenarios
        .iter()
        .min_by_key(|s| s.steps.len())
        .unwrap();
    let id = project.id.clone();
    let link = format!("#{id}/{}/1", scenario.id);
    let (_server, browser) = open(&link, width, height).await;
    browser.wait_for(&format!("#{id} button.play"), 10).await;
    scroll_comes_to_rest(&browser).await;
    click_by_script(&browser, &format!("#{id} .speeds button:last-child")).await;
    // A visitor's press: WebDriver's click, which first scrolls Play into view.
    let play = browser
        .client
        .find(Locator::Css(&format!("#{id} button.play")))
        .await
        .unwrap();
    click_element(&browser, &play).await;
    for step in 1..=scenario.steps.len() {
        let prefix = format!("{step}/{}", scenario.steps.len());
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(6);
        loop {
            let seen = browser
                .client
                .execute(LIT_STEP_UNCOVERED, vec![id.clone().into()])
                .await
                .unwrap();
            let caption = seen[0].as_str().unwrap_or_default();
            if caption.starts_with(&prefix) && seen[1] == serde_json::json!(true) {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{width} x {height}, step {prefix}: the lit step or its caption is covered \
                 or out of view ({seen})"
            );
            tokio::time::sleep(std::time::Duration::from_millis(40)).await;
        }
    }
}

/// Where the linked card's top is, and whether its lit step (if any) is on screen and below
/// the sticky header.
const LINKED_CARD_IN_VIEW: &str = "
    const card = document.getElementById(arguments[0]);
    const header = document.querySelector('.topbar').getBoundingClientRect().bottom;
    const lit = [...card.querySelectorAll('svg.diagram-svg .lit')]
        .map((e) => e.getBoundingClientRect()).find((r) => r.width > 0);
    const litShown = !lit || (lit.top >= header - 1 && lit.bottom <= innerHeight + 1);
    return [Math.round(card.getBoundingClientRect().top), litShown];";

#[tokio::test(flavor = "multi_thread")]
async fn a_deep_link_lands_with_its_card_at_the_top_and_its_step_in_view() {
    let profile = profile();
    // A card far down the page, and a step of another one's scenario.
    let far = &profile.projects[profile.projects.len() - 4];
    let stepped = &profile.projects[profile.projects.len() - 3];
    let scenario = &stepped.diagram.scenarios[0];
    let links = [
        (far.id.clone(), far.id.clone()),
        (
            format!("{}/{}/3", stepped.id, scenario.id),
            stepped.id.clone(),
        ),
    ];
    for (width, height) in [(1280, 800), (390, 844)] {
        for (link, id) in &links {
            let (_server, browser) = open(&format!("#{link}"), width, height).await;
            // Once the figure has been taken over and has grown (its player is there), and
            // the page has come to rest.
            browser
                .wait_for(&format!("#{id} .player button.play"), 10)
                .await;
            scroll_comes_to_rest(&browser).await;
            let placed = browser
                .client
                .execute(LINKED_CARD_IN_VIEW, vec![id.clone().into()])
                .await
                .unwrap();
            let top = placed[0].as_i64().unwrap();
            assert!(
                (0..=100).contains(&top) && placed[1] == serde_json::json!(true),
                "#{link} at {width} px: the card's top at {top} px, its lit step shown: {}",
                placed[1]
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_linked_card_shown_despite_the_filter_goes_once_the_filter_changes() {
    let (_server, browser) = open("?tag=kafka#gdpr-deletion", 1280, 900).await;
    cards_become(&browser, "the filter's card and the linked one", |cards| {
        cards == ["gdpr-deletion", "kafka-notifications"]
    })
    .await;
    // Another filter is another view: the old link no longer holds its card on screen.
    // By script: the deep link scrolled the bar under the sticky header.
    browser
        .client
        .execute(
            &format!("{}.click()", support::tag_toggle_script("FCM")),
            vec![],
        )
        .await
        .unwrap();
    cards_become(&browser, "just the filter's card", |cards| {
        cards == ["kafka-notifications"]
    })
    .await;
    let url = browser.client.current_url().await.unwrap();
    assert_eq!(url.fragment(), None, "the fragment left with the old view");
}

/// Runs `script` in the page and returns what it returns.
async fn run_script(browser: &Browser, script: &str) -> serde_json::Value {
    browser.client.execute(script, vec![]).await.unwrap()
}

/// Clicks the first element `css` matches as a visitor would (WebDriver scrolls it into view).
async fn click(browser: &Browser, css: &str) {
    // Waits for it: an open figure's controls come with their own code, a moment after.
    let element = browser.wait_for(css, 10).await;
    click_element(browser, &element).await;
}

/// Scrolls `element` to the middle of the screen, as a visitor would, then clicks it. WebKit's
/// driver refuses to click what is still moving (a smooth scroll) or covered (a view
/// transition's snapshot), where Chromium's clicks whatever is under the point then.
async fn click_element(browser: &Browser, element: &fantoccini::elements::Element) {
    let to_middle = "arguments[0].scrollIntoView({ block: 'center', behavior: 'instant' })";
    browser
        .client
        .execute(to_middle, vec![serde_json::to_value(element).unwrap()])
        .await
        .unwrap();
    element.click().await.unwrap();
}

/// Waits until the page has stopped scrolling (a deep link's smooth scroll to its card), for
/// up to 6 s, and returns where it came to rest; fails if it is still scrolling then.
async fn scroll_comes_to_rest(browser: &Browser) -> serde_json::Value {
    let mut before = serde_json::Value::Null;
    for _ in 0..30 {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let now = run_script(browser, "return window.scrollY").await;
        if now == before {
            return now;
        }
        before = now;
    }
    panic!("the page was still scrolling after 6 s (at {before})");
}

/// Clicks the first element `css` matches by script, where it is, without scrolling to it.
async fn click_by_script(browser: &Browser, css: &str) {
    // An open figure's controls come with their own code, a moment after the card opens.
    browser.wait_for(css, 10).await;
    let script = "document.querySelector(arguments[0]).click()";
    browser
        .client
        .execute(script, vec![css.into()])
        .await
        .unwrap();
}

/// The attribute `name` of the first element `css` matches (which must exist).
async fn attr(browser: &Browser, css: &str, name: &str) -> Option<String> {
    let element = browser.client.find(Locator::Css(css)).await.unwrap();
    element.attr(name).await.unwrap()
}

/// The text of the element `css` matches, once it is there (up to 5 s).
async fn text_of(browser: &Browser, css: &str) -> String {
    browser.wait_for(css, 5).await.text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_deep_link_opens_its_card_with_a_playing_diagram() {
    // Filtered to Kafka, yet the GDPR card is linked: it is shown and opened anyway.
    let (_server, browser) = open("?tag=kafka#gdpr-deletion", 1280, 900).await;
    browser.wait_for("#gdpr-deletion.open", 10).await;
    let expanded = attr(
        &browser,
        "#gdpr-deletion.open button.expand",
        "aria-expanded",
    )
    .await;
    assert_eq!(expanded.as_deref(), Some("true"));
    browser.wait_for("#gdpr-deletion svg.diagram-svg", 10).await;
    let diagram = project("gdpr-deletion").diagram;
    // Drawn twice (left to right, top to bottom); at 1280 px the wide drawing shows.
    let nodes = browser
        .client
        .find_all(Locator::Css("#gdpr-deletion svg.wide g.node"))
        .await
        .unwrap();
    assert_eq!(nodes.len(), diagram.nodes.len());
    // Opened, it shows its first step's caption; nothing moves until the visitor plays.
    let caption = text_of(&browser, "#gdpr-deletion .caption").await;
    assert!(
        caption.starts_with("1/") && caption.contains(&diagram.scenarios[0].steps[0].caption),
        "{caption}"
    );
    count_becomes(&browser, "#gdpr-deletion animateMotion", "still", |n| {
        n == 0
    })
    .await;
    // Step a scenario: the lit edge changes.
    let step_forward = "#gdpr-deletion button.step-forward";
    let lit = "#gdpr-deletion g.edge.lit path";
    let first = attr(&browser, lit, "d").await;
    click(&browser, step_forward).await;
    let mut now = first.clone();
    for _ in 0..50 {
        now = attr(&browser, lit, "d").await;
        if now != first {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_ne!(now, first, "the next step lights another edge");
}

/// Every label and text of every drawn diagram, measured by the browser with the real font:
/// what stands outside its box (a queue's text into its bars, an edge label off its backing).
const TEXT_OUTSIDE_ITS_BOX: &str = r#"
    const out = [];
    const inside = (t, b, right) => t.x >= b.x - 0.5 && t.y >= b.y - 0.5
        && t.x + t.width <= (right ?? b.x + b.width) + 0.5
        && t.y + t.height <= b.y + b.height + 0.5;
    for (const svg of document.querySelectorAll('svg.diagram-svg')) {
        if (!svg.checkVisibility()) continue;
        const where = svg.closest('article').id;
        for (const label of svg.querySelectorAll('text.edge-label')) {
            const back = label.previousElementSibling;
            if (!back || !back.matches('rect.edge-label-back')
                || !inside(label.getBBox(), back.getBBox()))
                out.push(`${where}: edge label "${label.textContent}" off its backing`);
            // On a group's tint the backing takes the tint, or it shows as a pale chip.
            const b = back && back.getBBox();
            const c = b && { x: b.x + b.width / 2, y: b.y + b.height / 2, width: 0, height: 0 };
            const framed = c
                && [...svg.querySelectorAll('g.group rect')].some(f => inside(c, f.getBBox()));
            if (framed && !back.classList.contains('in-group'))
                out.push(`${where}: edge label "${label.textContent}" in a group`
                    + ' on an untinted backing');
        }
        for (const node of svg.querySelectorAll('g.node')) {
            const box = node.querySelector('rect').getBBox();
            const mark = node.matches('.queue, .stream')
                ? node.querySelector('.kind-mark').getBBox().x : null;
            if (!inside(node.querySelector('text').getBBox(), box, mark))
                out.push(`${where}: "${node.textContent}" leaves its box`);
        }
    }
    return out;
"#;

/// Opens every card with its own button and waits until each diagram is taken over and open
/// (its controls are there).
async fn open_every_card(browser: &Browser) {
    browser
        .client
        .execute(
            "for (const b of document.querySelectorAll('button.expand')) b.click()",
            vec![],
        )
        .await
        .unwrap();
    let cards = profile().projects.len();
    count_becomes(
        browser,
        "article.open .diagram-bar",
        "every diagram open",
        |n| n >= cards,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn diagram_text_stays_inside_its_boxes_in_the_real_font() {
    for (width, height) in [(1280, 900), (390, 844)] {
        let (_server, browser) = open("", width, height).await;
        // Every figure taken over and open (its controls are there), so nothing is resized
        // while the text is measured.
        open_every_card(&browser).await;
        let outside = browser
            .client
            .execute(TEXT_OUTSIDE_ITS_BOX, vec![])
            .await
            .unwrap();
        let checked = browser
            .client
            .execute(
                concat!(
                    "return [...document.querySelectorAll('svg.diagram-svg')]",
                    ".filter(s => s.checkVisibility()).length",
                ),
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(
            checked.as_u64(),
            Some(profile().projects.len() as u64),
            "one drawing a diagram shows at {width} px"
        );
        assert_eq!(outside, serde_json::json!([]), "at {width} px");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_open_diagram_is_folded_to_fit_at_its_own_size_and_zoomed_in_scrolls_to_the_lit_step() {
    let (_server, browser) = open("#regional-ecs-migration", 1280, 900).await;
    browser
        .wait_for("#regional-ecs-migration svg.wide", 10)
        .await;
    // The migration's long chain is folded into rows: at its own size (11-13 px labels) it
    // fits the card, nothing to scroll.
    let sizes = "const c = document.querySelector('#regional-ecs-migration .diagram-canvas');
         const svg = c.querySelector('svg.wide');
         return [svg.getBoundingClientRect().width / svg.viewBox.baseVal.width,
                 c.scrollWidth > c.clientWidth, c.scrollLeft];";
    script_becomes(
        &browser,
        sizes,
        serde_json::json!([1, false, 0]),
        "own size, fits",
    )
    .await;
    // Zoomed in, it is wider than the card: the canvas scrolls.
    for _ in 0..3 {
        click_by_script(
            &browser,
            "#regional-ecs-migration .zoom button:nth-child(2)",
        )
        .await;
    }
    let sizes = browser
        .client
        .execute(
            "const c = document.querySelector('#regional-ecs-migration .diagram-canvas');
             const svg = c.querySelector('svg.wide');
             return [svg.getBoundingClientRect().width / svg.viewBox.baseVal.width,
                     c.scrollWidth > c.clientWidth, c.scrollLeft];",
            vec![],
        )
        .await
        .unwrap();
    // (Where it starts is the lit step's business: the canvas follows it once it has been
    // laid out, which under load may come after the zoom.)
    assert_eq!(
        sizes[1],
        serde_json::json!(true),
        "zoomed in, it scrolls: {sizes}"
    );
    // The last scenario lights the decommission at the far end: the canvas follows, the page stays.
    let buttons = browser
        .client
        .find_all(Locator::Css("#regional-ecs-migration button.scenario"))
        .await
        .unwrap();
    click_element(&browser, buttons.last().unwrap()).await;
    // The deep link's smooth scroll to the card first comes to rest.
    scroll_comes_to_rest(&browser).await;
    // Clicked by script: WebDriver's click would first scroll the button into view itself.
    let step = "document.querySelector('#regional-ecs-migration button.step-forward').click()";
    browser.client.execute(step, vec![]).await.unwrap();
    let lit_in_view = r#"
        const c = document.querySelector('#regional-ecs-migration .diagram-canvas')
            .getBoundingClientRect();
        const lit = document.querySelector('#regional-ecs-migration svg.wide g.lit')
            .getBoundingClientRect();
        return lit.left >= c.left && lit.right <= c.right;"#;
    script_becomes(
        &browser,
        lit_in_view,
        serde_json::json!(true),
        "the lit step is scrolled into view",
    )
    .await;
    // A press on the player brings the whole canvas between the top bar and the player's bar
    // (the page moves only if it was not there).
    script_becomes(
        &browser,
        "const c = document.querySelector('#regional-ecs-migration .diagram-canvas')
             .getBoundingClientRect();
         const bar = document.querySelector('#regional-ecs-migration .diagram-bar')
             .getBoundingClientRect();
         const top = document.querySelector('.topbar').getBoundingClientRect().bottom;
         return c.top >= top - 1 && c.bottom <= bar.top + 1;",
        serde_json::json!(true),
        "the canvas is uncovered",
    )
    .await;
    // Steps taken in quick succession (each also asking the page to bring the canvas into
    // view): the canvas ends where the last one is in view, not where an earlier one sent it.
    for _ in 0..3 {
        browser.client.execute(step, vec![]).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(60)).await;
    }
    script_becomes(
        &browser,
        lit_in_view,
        serde_json::json!(true),
        "after quick steps, the last lit step is in view",
    )
    .await;
    // Fit shows it whole; zoom in from there makes it larger again.
    let width = "const c = document.querySelector('#regional-ecs-migration .diagram-canvas');
         return [c.querySelector('svg.wide').getBoundingClientRect().width <= c.clientWidth,
                 Math.round(c.querySelector('svg.wide').getBoundingClientRect().width)];";
    click_by_script(&browser, "#regional-ecs-migration .zoom button:last-child").await;
    let fitted = run_script(&browser, width).await;
    assert_eq!(fitted[0], serde_json::json!(true), "fitted: {fitted}");
    click_by_script(
        &browser,
        "#regional-ecs-migration .zoom button:nth-child(2)",
    )
    .await;
    let zoomed = run_script(&browser, width).await;
    assert!(
        zoomed[1].as_f64() > fitted[1].as_f64(),
        "{fitted} then {zoomed}"
    );
}

/// Each closed card's preview as a visitor sees it: [id, open?, drawn?, fits the box's width?,
/// the smallest label on screen in px (its font size times the drawing's scale), the share of
/// the box that the drawing's visible content (boxes, frames, lines, labels) spans].
const PREVIEWS: &str = r#"
    return [...document.querySelectorAll('.project-card')].map(card => {
        const c = card.querySelector('.diagram-canvas');
        const svg = [...card.querySelectorAll('svg.diagram-svg')].find(s => s.checkVisibility());
        const open = card.querySelector('button.expand').getAttribute('aria-expanded');
        if (!svg) return [card.id, open, false, false, 0, 0];
        const b = c.getBoundingClientRect();
        const box = { left: b.left + c.clientLeft, top: b.top + c.clientTop };
        box.right = box.left + c.clientWidth;
        box.bottom = box.top + c.clientHeight;
        const r = svg.getBoundingClientRect();
        const scale = r.width / svg.viewBox.baseVal.width;
        const seen = e => e.right > box.left && e.left < box.right
            && e.bottom > box.top && e.top < box.bottom;
        let smallest = Infinity;
        for (const t of svg.querySelectorAll('text tspan, text:not(:has(tspan))')) {
            if (t.textContent.trim() && seen(t.getBoundingClientRect()))
                smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * scale);
        }
        let [l, t, rr, bb] = [Infinity, Infinity, -Infinity, -Infinity];
        const drawn = 'g.node rect, g.edge path, rect.edge-label-back, g.group rect';
        for (const e of svg.querySelectorAll(drawn)) {
            const e_ = e.getBoundingClientRect();
            if (!seen(e_)) continue;
            l = Math.min(l, Math.max(e_.left, box.left));
            t = Math.min(t, Math.max(e_.top, box.top));
            rr = Math.max(rr, Math.min(e_.right, box.right));
            bb = Math.max(bb, Math.min(e_.bottom, box.bottom));
        }
        const spans = (rr - l) * (bb - t) / ((box.right - box.left) * (box.bottom - box.top));
        return [card.id, open, svg.querySelectorAll('g.node').length > 0,
                r.width <= c.clientWidth + 0.5, Math.round(smallest * 10) / 10,
                Math.round(spans * 100) / 100];
    });
"#;

/// Replaces each shown image of a drawing file (every closed card's but the first card's wide
/// drawing) with the file's own drawing, for `PREVIEWS` to measure, and checks it takes the image's
/// place: [id, the image's box, the drawing's box (each [width, height], rounded)]. The file's own
/// stylesheet is left out: the page's drawing rules are the same (`drawing file` in main.css).
const DRAWING_FILES_IN_PLACE: &str = r#"
    const done = arguments[arguments.length - 1];
    const shown = [...document.querySelectorAll('.project-card img.diagram-svg')]
        .filter(img => img.checkVisibility());
    const box = e => { const r = e.getBoundingClientRect();
                       return [Math.round(r.width), Math.round(r.height)]; };
    Promise.all(shown.map(async img => {
        const id = img.closest('.project-card').id;
        const before = box(img);
        const text = await (await fetch(img.currentSrc)).text();
        const file = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
        file.querySelector('style').remove();
        const drawing = document.importNode(file, true);
        img.replaceWith(drawing);
        return [id, before, box(drawing)];
    })).then(done, e => done(String(e)));
"#;

#[tokio::test(flavor = "multi_thread")]
async fn a_closed_cards_preview_is_legible_and_fills_its_box() {
    // Fitted whole into its box, the migration's labels were 4 px on a phone and its drawing
    // 109 px wide in a 298 px box; on a laptop sync-to-async's were 8 px. Now a preview is as
    // wide as its box, cropped to its height from the flow's start.
    for (width, height) in [(1280, 800), (390, 844)] {
        let (_server, browser) = open("", width, height).await;
        // Cards are drawn as they come near the screen: each card passes through it.
        let cards = browser
            .client
            .find_all(Locator::Css(".project-card"))
            .await
            .unwrap();
        for card in 0..cards.len() {
            let script =
                format!("document.querySelectorAll('.project-card')[{card}].scrollIntoView()");
            run_script(&browser, &script).await;
            // Drawn in the page (the first card), or an image of its drawing file, loaded.
            let drawn = format!(
                "const card = document.querySelectorAll('.project-card')[{card}];
                 return card.querySelectorAll('svg.diagram-svg g.node').length > 0
                   || [...card.querySelectorAll('img.diagram-svg')]
                        .some(i => i.checkVisibility() && i.complete && i.naturalWidth > 0)"
            );
            script_becomes(
                &browser,
                &drawn,
                serde_json::json!(true),
                "drawn near the screen",
            )
            .await;
        }
        // Each image preview stands in for its drawing file drawn in its place: what it shows.
        let images = browser
            .client
            .execute_async(DRAWING_FILES_IN_PLACE, vec![])
            .await
            .unwrap();
        let images = images.as_array().unwrap();
        // The first card's wide drawing is in the page; its phone drawing is a file too.
        let in_page = usize::from(width >= 704);
        assert_eq!(
            images.len(),
            profile().projects.len() - in_page,
            "{images:?}"
        );
        for image in images {
            assert_eq!(
                image[1], image[2],
                "{image} at {width} px: the file's own size"
            );
        }
        let previews = run_script(&browser, PREVIEWS).await;
        let previews = previews.as_array().unwrap();
        assert_eq!(previews.len(), profile().projects.len());
        for preview in previews {
            let id = &preview[0];
            assert_eq!(preview[1], "false", "{id} at {width} px: closed");
            assert_eq!(preview[2], true, "{id} at {width} px: drawn");
            assert_eq!(
                preview[3], true,
                "{id} at {width} px: as wide as its box at most"
            );
            let smallest = preview[4].as_f64().unwrap();
            assert!(
                smallest >= 9.0,
                "{id} at {width} px: labels of {smallest} px"
            );
            let spans = preview[5].as_f64().unwrap();
            assert!(
                spans >= 0.75,
                "{id} at {width} px: spans {spans} of its box"
            );
        }
    }
}

/// The second card's preview as a visitor sees it: the file its shown image loaded (its name
/// says which drawing and theme), and whether it loaded.
const SECOND_PREVIEW: &str = "
    const card = document.querySelectorAll('.project-card')[1];
    card.scrollIntoView();
    const shown = [...card.querySelectorAll('img.diagram-svg')].filter(i => i.checkVisibility());
    return shown.map(i => [i.currentSrc.split('/').pop(), i.complete && i.naturalWidth > 0]);";

/// A card's drawing the page links as a file shows the one for the screen (left to right on a
/// laptop, top to bottom on a phone) in the page's theme, and follows the theme toggle; opened,
/// the card draws it in the page, where the player lights its parts.
#[tokio::test(flavor = "multi_thread")]
async fn a_linked_drawing_follows_the_screen_and_the_theme_until_its_card_opens() {
    for (width, drawing) in [(1280, "wide"), (390, "narrow")] {
        let (_server, browser) = open("", width, 844).await;
        browser.wait_for(READY, 20).await;
        let theme = run_script(
            &browser,
            "return document.documentElement.dataset.theme \
             || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light')",
        )
        .await;
        let other = if theme == "dark" { "light" } else { "dark" };
        let id = &profile().projects[1].id;
        for shown in [theme.as_str().unwrap(), other] {
            let expected = serde_json::json!([[format!("{id}.{drawing}.{shown}.svg"), true]]);
            script_becomes(&browser, SECOND_PREVIEW, expected, "the preview's file").await;
            if shown != other {
                click(&browser, "button.theme-toggle").await;
            }
        }
        click(&browser, &format!("#{id} button.expand")).await;
        let drawn_here = format!(
            "return [document.querySelectorAll('#{id} svg.diagram-svg g.node').length > 0,
                     document.querySelectorAll('#{id} img').length]"
        );
        script_becomes(
            &browser,
            &drawn_here,
            serde_json::json!([true, 0]),
            "drawn in the page once open",
        )
        .await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_open_diagram_fits_its_canvas_with_its_controls_on_a_laptop() {
    // Sync-to-async was 660 px tall in a 640 px canvas, its DLQ under the controls.
    let (_server, browser) = open("", 1280, 800).await;
    open_every_card(&browser).await;
    let script = r#"
        return [...document.querySelectorAll('figure.diagram')].map(figure => {
            figure.scrollIntoView({ block: 'start' });
            const c = figure.querySelector('.diagram-canvas');
            const svg = figure.querySelector('svg.wide').getBoundingClientRect();
            const bar = figure.querySelector('.diagram-bar').getBoundingClientRect();
            return [figure.closest('article').id, c.scrollHeight <= c.clientHeight,
                    c.scrollWidth <= c.clientWidth, svg.bottom <= bar.top,
                    bar.bottom <= innerHeight];
        }).filter(([, tall, wide, above, seen]) => !(tall && wide && above && seen));"#;
    let cut = run_script(&browser, script).await;
    assert_eq!(cut, serde_json::json!([]), "drawings cut off at 1280 × 800");
}

/// Presses "Download SVG" in `project`'s open figure and answers what the file holds: its name,
/// whether it parses as SVG, its text, and the fills its boxes carry.
const DOWNLOAD_AND_READ: &str = r#"
    const [project, done] = arguments;
    // The page's policy lets it fetch nothing but its own origin: the file is read from the
    // Blob the page hands to URL.createObjectURL, its name from the link it clicks.
    let blob;
    const createObjectURL = URL.createObjectURL;
    URL.createObjectURL = (b) => { blob = b; return createObjectURL(b); };
    HTMLAnchorElement.prototype.click = function () {
        const name = this.download;
        blob.text().then(text => {
            const svg = new DOMParser().parseFromString(text, 'image/svg+xml');
            const root = svg.documentElement;
            done({
                name,
                parses: !svg.querySelector('parsererror') && root.localName === 'svg'
                    && root.namespaceURI === 'http://www.w3.org/2000/svg',
                text: root.textContent,
                fills: [...svg.querySelectorAll('g rect')].map(r => r.getAttribute('fill')),
                backdrop: root.querySelector(':scope > rect').getAttribute('fill'),
                styled: !text.includes('var(') && !text.includes('class='),
                plain_colours: !text.includes('color('),
                arrowheads: svg.querySelectorAll('[marker-end]').length > 0
                    && [...svg.querySelectorAll('[marker-end]')].every(line => {
                        const id = line.getAttribute('marker-end').slice(5, -1);
                        const head = svg.getElementById(id);
                        return head?.localName === 'marker'
                            && head.querySelector('path').getAttribute('fill').startsWith('rgb');
                    }),
            });
        }).catch(error => done({ error: String(error) }));
    };
    document.querySelector(`#${project} button.download-svg`).click();
"#;

#[tokio::test(flavor = "multi_thread")]
async fn download_svg_saves_the_drawing_as_a_standalone_file_with_every_label() {
    let (_server, browser) = open("#gdpr-deletion", 1280, 900).await;
    browser
        .wait_for("#gdpr-deletion button.download-svg", 10)
        .await;
    browser.wait_for("#gdpr-deletion svg.wide g.node", 10).await;
    let file = browser
        .client
        .execute_async(DOWNLOAD_AND_READ, vec!["gdpr-deletion".into()])
        .await
        .unwrap();
    assert_eq!(file["name"], "gdpr-deletion.svg");
    assert_eq!(file["parses"], true, "a standalone SVG document");
    assert_eq!(
        file["styled"], true,
        "no page classes or custom properties left"
    );
    let text = file["text"].as_str().unwrap();
    for node in project("gdpr-deletion").diagram.nodes {
        let first_word = node.label.split_whitespace().next().unwrap();
        assert!(text.contains(first_word), "{} is in the file", node.label);
    }
    let backdrop = file["backdrop"].as_str().unwrap_or_default();
    assert!(
        backdrop.starts_with("rgb(") && !backdrop.starts_with("rgb(0, 0, 0"),
        "seen on the page's own background, not on nothing: {backdrop}"
    );
    let fills = file["fills"].as_array().unwrap();
    assert!(
        !fills.is_empty()
            && fills
                .iter()
                .all(|f| f.as_str().is_some_and(|f| f.starts_with("rgb"))),
        "every box has its colour written in: {fills:?}"
    );
    // `color(srgb …)` (what the browser computes from `color-mix()`) is unknown to SVG 1.1
    // readers: Inkscape drew none of the lines painted with it.
    assert_eq!(
        file["plain_colours"], true,
        "every colour is one an SVG reader knows"
    );
    assert_eq!(
        file["arrowheads"], true,
        "every line ends in an arrowhead the file itself holds, painted"
    );
    // On the page, every line of every drawing ends in one of the page's own arrowheads,
    // whose <svg> takes no room.
    let arrows = "const ends = [...document.querySelectorAll('svg.diagram-svg [marker-end]')];
        return ends.length > 0 && ends.every(line => document.getElementById(
              line.getAttribute('marker-end').slice(5, -1))?.localName === 'marker')
          && document.querySelector('svg.arrow-markers').getBoundingClientRect().height === 0";
    assert_eq!(run_script(&browser, &format!("{arrows};")).await, true);
}

/// The ids of the highlighted nodes in `project`'s drawing, as a script.
fn matched_nodes(project: &str) -> String {
    format!(
        "return [...document.querySelectorAll('#{project} svg.wide g.node.matched')]
            .map(n => n.dataset.node)"
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn the_nodes_of_a_selected_tag_light_up_in_each_matching_card() {
    let (_server, browser) = open("?tag=dynamodb", 1280, 900).await;
    let index = portfolio::filter::TagIndex::new(&profile());
    let dynamo = index.resolve("DynamoDB").unwrap()[0];
    // Every card left is a DynamoDB project; in each, exactly its DynamoDB nodes light up.
    let cards = visible_cards(&browser).await;
    assert!(cards.len() > 1, "{cards:?}");
    for id in &cards {
        let expected: Vec<String> = project(id)
            .diagram
            .nodes
            .iter()
            .filter(|node| index.node_tags(node).contains(&dynamo))
            .map(|node| node.id.clone())
            .collect();
        assert!(!expected.is_empty(), "{id} has a DynamoDB node");
        run_script(
            &browser,
            &format!("document.getElementById('{id}').scrollIntoView()"),
        )
        .await;
        script_becomes(
            &browser,
            &matched_nodes(id),
            serde_json::json!(expected),
            &format!("the DynamoDB nodes of {id}"),
        )
        .await;
    }
    // Cleared, nothing is highlighted.
    click(&browser, "button.clear").await;
    let first = &cards[0];
    script_becomes(
        &browser,
        &matched_nodes(first),
        serde_json::json!([]),
        "no highlight without a selection",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn under_reduced_motion_nothing_moves_but_scenarios_still_step() {
    let server = Server::start("/");
    let browser = Browser::start_with(390, 844, REDUCED_MOTION).await;
    browser
        .client
        .goto(&format!("{}#kafka-notifications", server.base))
        .await
        .unwrap();
    browser.wait_for(READY, 20).await;
    browser
        .wait_for("#kafka-notifications svg.diagram-svg", 10)
        .await;
    let moving = browser
        .client
        .find_all(Locator::Css("#kafka-notifications animateMotion"))
        .await
        .unwrap();
    assert!(
        moving.is_empty(),
        "no travelling messages under reduced motion"
    );
    // The flow is there as text, and playing still steps the scenario, with nothing travelling.
    let flow = browser
        .client
        .find_all(Locator::Css("#kafka-notifications .diagram-flow li"))
        .await
        .unwrap();
    assert!(!flow.is_empty());
    click(&browser, "#kafka-notifications button.speed:last-child").await;
    click(&browser, "#kafka-notifications button.play").await;
    // Played on to step 2.
    caption_becomes(&browser, "kafka-notifications", "2/").await;
    count_becomes(
        &browser,
        "#kafka-notifications animateMotion",
        "nothing travels",
        |n| n == 0,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn on_a_phone_her_contact_links_are_on_the_first_screen() {
    let (_server, browser) = open("", 390, 844).await;
    let first_screen = "return [...document.querySelectorAll('a[href]')]
        .filter(a => { const r = a.getBoundingClientRect();
                       return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; })
        .map(a => [a.getAttribute('href'), a.textContent.trim()])";
    let shown: Vec<(String, String)> =
        serde_json::from_value(run_script(&browser, first_screen).await).unwrap();
    for link in profile().contact {
        assert!(
            shown.contains(&(link.href.clone(), link.label.clone())),
            "{} ({}) is on the first screen: {shown:?}",
            link.label,
            link.href
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn on_a_phone_the_tag_list_starts_short_and_opens_in_full() {
    let (_server, browser) = open("", 390, 844).await;
    let shown = concat!(
        "return [...document.querySelectorAll('button.tag-toggle')]",
        ".filter(b => b.offsetParent !== null).length",
    );
    let count = |v: serde_json::Value| v.as_u64().unwrap();
    let all = browser
        .client
        .find_all(Locator::Css("button.tag-toggle"))
        .await
        .unwrap()
        .len() as u64;
    assert!(
        all > 12,
        "the profile has more tags than a phone shows at first"
    );
    assert_eq!(
        count(browser.client.execute(shown, vec![]).await.unwrap()),
        12
    );
    let more = browser
        .client
        .find(Locator::Css("button.more-tags"))
        .await
        .unwrap();
    assert!(more.text().await.unwrap().contains(&all.to_string()));
    more.click().await.unwrap();
    let mut visible = 0;
    for _ in 0..50 {
        visible = count(browser.client.execute(shown, vec![]).await.unwrap());
        if visible == all {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(visible, all);
    // The keyboard lands on the first tag it revealed (in the next frame), not past the list.
    let focused = concat!(
        "const tags = [...document.querySelectorAll('button.tag-toggle')]; ",
        "return tags.indexOf(document.activeElement)",
    );
    script_becomes(&browser, focused, serde_json::json!(12), "focus on tag 13").await;
}

/// The build made with `--public-url /portfolio/` (`PORTFOLIO_SUBPATH_DIST`, set by
/// `cargo xtask test`) works when served under that path: every request succeeds, the profile
/// loads, the filter keeps the path, a diagram opens.
#[tokio::test(flavor = "multi_thread")]
async fn the_site_works_under_a_sub_path() {
    let Some(dir) = std::env::var_os("PORTFOLIO_SUBPATH_DIST") else {
        panic!("PORTFOLIO_SUBPATH_DIST is not set: run `cargo xtask test`");
    };
    let server = Server::serve(dir.into(), "/portfolio/");
    let browser = Browser::start(1280, 900).await;
    browser.client.goto(&server.base).await.unwrap();
    browser.wait_for(READY, 20).await;
    show_only_kafka(&browser).await;
    let url = browser.client.current_url().await.unwrap();
    assert_eq!(url.path(), "/portfolio/");
    assert_eq!(url.query(), Some("tag=kafka"));
    click(&browser, "#kafka-notifications button.expand").await;
    browser
        .wait_for("#kafka-notifications svg.diagram-svg", 10)
        .await;
    let severe = browser.console_errors().await;
    assert!(
        severe.is_empty(),
        "every request succeeds, no console error: {severe:?}"
    );
}

/// dist/ served with the Content-Security-Policy from its `_headers` (as a CDN would): the
/// page works with no violation or console error, and the policy is really enforced (an
/// injected inline script does not run).
#[tokio::test(flavor = "multi_thread")]
async fn the_site_runs_under_its_strict_content_security_policy() {
    let policy =
        support::csp(&support::dist_dir()).expect("dist/_headers sets a Content-Security-Policy");
    for directive in [
        "default-src 'self'",
        // The page's own <style> by its hash, nothing else inline.
        "style-src 'self' 'sha256-",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ] {
        assert!(policy.contains(directive), "{directive} in {policy}");
    }
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    let server = Server::start("/");
    let browser = Browser::start(1280, 900).await;
    browser.client.goto(&server.base).await.unwrap();
    browser.wait_for(READY, 20).await;
    show_only_kafka(&browser).await;
    click(&browser, "#kafka-notifications button.expand").await;
    browser
        .client
        .execute(
            "document.querySelector('#kafka-notifications figure').scrollIntoView()",
            vec![],
        )
        .await
        .unwrap();
    // Playing: the lit edge's message travels (SMIL, allowed by the policy).
    click_by_script(&browser, "#kafka-notifications button.play").await;
    browser
        .wait_for("#kafka-notifications animateMotion", 10)
        .await;
    let severe = browser.console_errors().await;
    assert!(
        severe.is_empty(),
        "no policy violation, no console error: {severe:?}"
    );
    let ran = browser
        .client
        .execute(
            concat!(
                "const s = document.createElement('script'); ",
                "s.textContent = 'window.injected = 1'; ",
                "document.head.appendChild(s); return window.injected === 1;",
            ),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        ran,
        serde_json::Value::Bool(false),
        "an inline script without a hash is refused"
    );
    let styled = browser
        .client
        .execute(
            concat!(
                "const s = document.createElement('style'); ",
                "s.textContent = 'html { scroll-padding-top: 123px }'; ",
                "document.head.appendChild(s); ",
                "return getComputedStyle(document.documentElement).scrollPaddingTop;",
            ),
            vec![],
        )
        .await
        .unwrap();
    assert_ne!(styled, "123px", "a style element without a hash is refused");
}

/// Waits until `count` of `css` matches `expected`, failing with `what`, the last count and the
/// page's state after five seconds.
async fn count_becomes(browser: &Browser, css: &str, what: &str, expected: impl Fn(usize) -> bool) {
    let mut count = 0;
    for _ in 0..50 {
        count = browser
            .client
            .find_all(Locator::Css(css))
            .await
            .unwrap()
            .len();
        if expected(count) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{what}: {count} of {css}\n{}", browser.state().await);
}

/// Runs `script` until what it returns is `expected` (see `Browser::script_becomes`).
async fn script_becomes(browser: &Browser, script: &str, expected: serde_json::Value, what: &str) {
    browser.script_becomes(script, expected, what).await;
}

/// The text of project `id`'s caption, once it starts with `prefix` (within four seconds).
async fn caption_becomes(browser: &Browser, id: &str, prefix: &str) -> String {
    // Null-safe: the caption comes with the figure's controls, a moment after the card opens.
    let script = format!("return document.querySelector('#{id} .caption-text')?.textContent");
    let mut seen = String::new();
    for _ in 0..40 {
        seen = run_script(browser, &script)
            .await
            .as_str()
            .unwrap_or_default()
            .to_string();
        if seen.starts_with(prefix) {
            return seen;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("#{id}'s caption never started with {prefix:?}: {seen:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn one_press_plays_a_scenario_and_its_message_travels_only_on_screen() {
    let (_server, browser) = open("#gdpr-deletion", 1280, 900).await;
    let messages = "#gdpr-deletion animateMotion";
    let button = "#gdpr-deletion button.play";
    let profile = profile();
    let project = project("gdpr-deletion");
    // Its name says what a press does: "Play: <scenario>", and "Pause: <scenario>" while it
    // plays.
    let scenario = [("scenario", project.diagram.scenarios[0].title.as_str())];
    let name = portfolio::format::fill(&profile.site.labels.play, &scenario);
    let pause = portfolio::format::fill(&profile.site.labels.pause, &scenario);
    let play = browser.wait_for(button, 5).await;
    assert!(play.text().await.unwrap().contains(&name));
    assert_eq!(attr(&browser, button, "aria-pressed").await, None);
    count_becomes(&browser, messages, "nothing moves by itself", |n| n == 0).await;
    click(&browser, "#gdpr-deletion button.speed:last-child").await;
    click_by_script(&browser, button).await;
    let playing = browser.wait_for(button, 5).await.text().await.unwrap();
    assert!(
        playing.contains(&pause) && !playing.contains(&name),
        "{playing:?}"
    );
    count_becomes(&browser, messages, "playing, a message travels", |n| n > 0).await;
    // In the theme's colour: unstyled SVG is black, invisible on the dark canvas.
    let fill = run_script(
        &browser,
        "return getComputedStyle(document.querySelector('#gdpr-deletion circle.message')).fill",
    )
    .await;
    assert_ne!(fill.as_str(), Some("rgb(0, 0, 0)"), "a message is styled");
    caption_becomes(&browser, "gdpr-deletion", "2/").await;
    run_script(&browser, "window.scrollTo(0, document.body.scrollHeight)").await;
    count_becomes(&browser, messages, "scrolled away, it stops", |n| n == 0).await;
    run_script(
        &browser,
        "document.getElementById('gdpr-deletion').scrollIntoView()",
    )
    .await;
    count_becomes(&browser, messages, "back on screen, it moves", |n| n > 0).await;
    click_by_script(&browser, button).await;
    let paused = browser.wait_for(button, 5).await.text().await.unwrap();
    assert!(paused.contains(&name), "{paused:?}");
    count_becomes(&browser, messages, "paused, nothing moves", |n| n == 0).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_keys_and_the_step_list_move_through_a_scenario() {
    let (_server, browser) = open("#gdpr-deletion", 1280, 900).await;
    let steps = project("gdpr-deletion").diagram.scenarios.remove(0).steps;
    let last = steps.len();
    browser.wait_for("#gdpr-deletion .steps li", 5).await;
    let items = browser
        .client
        .find_all(Locator::Css("#gdpr-deletion .steps li"))
        .await
        .unwrap();
    assert_eq!(items.len(), last, "one list item per step");
    let current = "#gdpr-deletion .steps [aria-current=step]";
    assert_eq!(text_of(&browser, current).await, steps[0].caption);
    run_script(
        &browser,
        "document.querySelector('#gdpr-deletion .diagram-canvas').focus()",
    )
    .await;
    script_becomes(
        &browser,
        "return document.activeElement
           === document.querySelector('#gdpr-deletion .diagram-canvas')",
        serde_json::json!(true),
        "the open canvas takes focus",
    )
    .await;
    let key = |key: &'static str| {
        let browser = &browser;
        async move {
            let script = format!(
                "document.querySelector('#gdpr-deletion .diagram-canvas').dispatchEvent(
                   new KeyboardEvent('keydown', {{key: '{key}', bubbles: true}}))"
            );
            run_script(browser, &script).await;
        }
    };
    key("End").await;
    caption_becomes(&browser, "gdpr-deletion", &format!("{last}/")).await;
    key("Home").await;
    caption_becomes(&browser, "gdpr-deletion", "1/").await;
    key("ArrowRight").await;
    caption_becomes(&browser, "gdpr-deletion", "2/").await;
    key("ArrowLeft").await;
    caption_becomes(&browser, "gdpr-deletion", "1/").await;
    key(" ").await;
    let pause = portfolio::format::fill(
        &profile().site.labels.pause,
        &[(
            "scenario",
            &project("gdpr-deletion").diagram.scenarios[0].title,
        )],
    );
    let playing = format!(
        "return document.querySelector('#gdpr-deletion button.play').textContent.includes({})",
        serde_json::json!(pause)
    );
    script_becomes(&browser, &playing, serde_json::json!(true), "Space plays").await;
    key(" ").await;
    // Any step of the list can be chosen, and becomes the current one.
    click_by_script(&browser, "#gdpr-deletion .steps li:nth-child(3) button").await;
    caption_becomes(&browser, "gdpr-deletion", "3/").await;
    assert_eq!(text_of(&browser, current).await, steps[2].caption);
    // A step's note shows under the caption while that step is current.
    let (noted, note) = steps
        .iter()
        .enumerate()
        .find_map(|(i, s)| s.note.clone().map(|n| (i, n)))
        .expect("a step of this scenario has a note");
    let item = format!("#gdpr-deletion .steps li:nth-child({}) button", noted + 1);
    click_by_script(&browser, &item).await;
    caption_becomes(&browser, "gdpr-deletion", &format!("{}/", noted + 1)).await;
    assert_eq!(text_of(&browser, "#gdpr-deletion .step-note").await, note);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_step_has_an_address_that_opens_it_and_back_returns_to_the_last() {
    let (_server, browser) = open("#gdpr-deletion/poison-message/3", 1280, 900).await;
    // The link opens the card once the app follows the address (a moment after it is live).
    browser.wait_for("#gdpr-deletion.open", 10).await;
    let card = "#gdpr-deletion button.expand";
    assert_eq!(
        attr(&browser, card, "aria-expanded").await.as_deref(),
        Some("true")
    );
    caption_becomes(&browser, "gdpr-deletion", "3/4").await;
    let pressed = "#gdpr-deletion button.scenario[aria-pressed=true]";
    let poison = project("gdpr-deletion")
        .diagram
        .scenarios
        .into_iter()
        .find(|s| s.id == "poison-message")
        .unwrap();
    assert_eq!(text_of(&browser, pressed).await, poison.title);
    // "Link to this step" copies this very address.
    run_script(
        &browser,
        "navigator.clipboard.writeText = t => { window.copied = t; return Promise.resolve(); }",
    )
    .await;
    click_by_script(&browser, "#gdpr-deletion .diagram-tools button.copy").await;
    let copied = "return window.copied || ''";
    let mut link = String::new();
    for _ in 0..30 {
        link = run_script(&browser, copied)
            .await
            .as_str()
            .unwrap_or_default()
            .to_string();
        if !link.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(link.ends_with("/#gdpr-deletion/poison-message/3"), "{link}");
    // Another step's link, then Back: the first step again.
    run_script(
        &browser,
        "location.hash = 'gdpr-deletion/deletion-request/2'",
    )
    .await;
    caption_becomes(&browser, "gdpr-deletion", "2/5").await;
    run_script(&browser, "history.back()").await;
    caption_becomes(&browser, "gdpr-deletion", "3/4").await;
    run_script(&browser, "history.forward()").await;
    caption_becomes(&browser, "gdpr-deletion", "2/5").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_copy_button_says_copied_for_a_moment() {
    let (_server, browser) = open("#contact-title", 1280, 900).await;
    let labels = profile().site.labels;
    let button = browser
        .wait_for(".contact button.copy:not([hidden])", 10)
        .await;
    assert_eq!(button.text().await.unwrap(), labels.copy);
    button.click().await.unwrap();
    for expected in [&labels.copied, &labels.copy] {
        let mut text = String::new();
        for _ in 0..40 {
            text = button.text().await.unwrap();
            if &text == expected {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(&text, expected, "the button reads {expected:?} in turn");
    }
    // A browser that refuses the write: the address is selected for the visitor to copy.
    browser
        .client
        .execute(
            concat!(
                "navigator.clipboard.writeText = () => ",
                "Promise.reject(new DOMException('denied', 'NotAllowedError'))",
            ),
            vec![],
        )
        .await
        .unwrap();
    button.click().await.unwrap();
    let copy_text = profile()
        .contact
        .iter()
        .find_map(|c| c.copy.clone())
        .expect("a contact line with a copy button");
    let selection = "return String(window.getSelection())";
    script_becomes(
        &browser,
        selection,
        copy_text.into(),
        "the address is selected when copying is refused",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn with_javascript_off_the_page_is_a_readable_document() {
    let server = Server::start("/");
    let browser = Browser::start_with(
        1280,
        900,
        Options {
            no_scripts: true,
            ..Options::default()
        },
    )
    .await;
    browser.client.goto(&server.base).await.unwrap();
    browser.wait_for(r#"main[data-state="ready"]"#, 20).await;
    let text = browser.text().await;
    let profile = profile();
    // Each card is there with its title and its diagram drawn at rest (no app to play it):
    // one drawing shown, loaded once the card is on screen (a drawing file loads lazily).
    for project in &profile.projects {
        assert!(
            text.contains(&project.title),
            "{} is on the page",
            project.title
        );
        let drawn = format!(
            "const card = document.getElementById({:?});
             card.scrollIntoView();
             return [...card.querySelectorAll('.diagram-svg')]
                 .filter((drawing) => drawing.checkVisibility()
                     && (drawing.tagName !== 'IMG' || drawing.naturalWidth > 0)).length",
            project.id
        );
        let expected = u64::from(!project.diagram.is_absent());
        browser
            .script_becomes(
                &drawn,
                expected.into(),
                &format!("{}: its drawing, one, shown and loaded", project.id),
            )
            .await;
    }
    // Each card's details are a link to them, on a page of their own; the app's controls are
    // not shown.
    let links = "return [...document.querySelectorAll('a.details-link')]
        .filter((a) => a.checkVisibility()).map((a) => [a.textContent, a.href])";
    let links: Vec<(String, String)> =
        serde_json::from_value(run_script(&browser, links).await).unwrap();
    assert_eq!(links.len(), profile.projects.len(), "{links:?}");
    let label = &profile.site.labels.show_details;
    assert!(links.iter().all(|(text, _)| text == label), "{links:?}");
    let bullet: String = profile.projects[0].bullets[0].chars().take(24).collect();
    assert!(
        !text.contains(bullet.trim_end()),
        "the details are not on the page"
    );
    for hidden in ["button.expand", ".filter", ".diagram-flow li"] {
        let shown = format!(
            "return [...document.querySelectorAll('{hidden}')].some((e) => e.checkVisibility())"
        );
        assert_eq!(
            run_script(&browser, &shown).await,
            false,
            "{hidden} is shown"
        );
    }

    // The link opens the details: every project's bullets and its diagram's flow, written out.
    let (_, href) = &links[1];
    browser.client.goto(href).await.unwrap();
    browser.wait_for("main article", 10).await;
    let text = browser.text().await;
    for project in &profile.projects {
        for bullet in &project.bullets {
            let start: String = bullet.chars().take(24).collect();
            assert!(
                text.contains(start.trim_end()),
                "{}'s bullet {start}",
                project.id
            );
        }
        let flow = format!(
            "return document.querySelectorAll('#{}-flow li').length",
            project.id
        );
        assert_eq!(
            run_script(&browser, &flow).await,
            serde_json::json!(project.diagram.edges.len()),
            "{}'s flow, an item per edge",
            project.id
        );
    }
    // At the card it was opened from, which links back to its place on the page.
    let id = &profile.projects[1].id;
    assert!(href.ends_with(&format!("#{id}")), "{href}");
    let back = attr(&browser, &format!("#{id} h2 a"), "href")
        .await
        .unwrap();
    assert!(back.ends_with(&format!("/#{id}")), "{back}");
}

/// Each file the page asks for after its first paint (the wasm, the glue, the loader, the
/// islands' props, the cards' details) is checked against its integrity: one altered on the way
/// leaves the page as built, says so, and lets the held taps go.
#[tokio::test(flavor = "multi_thread")]
async fn a_tampered_script_wasm_or_props_file_is_refused_and_the_page_stays_readable() {
    let dist = support::dist_dir();
    let names: Vec<String> = std::fs::read_dir(&dist)
        .unwrap()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    let profile = profile();
    for (prefix, suffix) in [
        ("portfolio-", "_bg.wasm"),
        ("portfolio-", ".js"),
        ("loader-", ".js"),
        ("islands-", ".json"),
        ("details-", ".json"),
    ] {
        let name = names
            .iter()
            .find(|n| n.starts_with(prefix) && n.ends_with(suffix))
            .unwrap_or_else(|| panic!("a built {prefix}*{suffix}"));
        let server = Server::start("/");
        // Same name, other bytes: only the integrity check can tell. A script or the props
        // still mean what they meant (the app would start from them unchecked); the wasm is
        // as long as it was.
        let original = std::fs::read(dist.join(name)).unwrap();
        let tampered = match suffix {
            ".js" => format!(
                "{}\n// altered on the way",
                String::from_utf8(original).unwrap()
            ),
            ".json" => format!(" {}", String::from_utf8(original).unwrap()),
            _ => "x".repeat(original.len()),
        };
        server.set(name, 200, &tampered);
        let browser = Browser::start(1280, 900).await;
        browser.client.goto(&server.base).await.unwrap();
        browser.wait_for(r#"main[data-state="ready"]"#, 20).await;
        // A tap while the app is still expected: held, and let go once it is refused.
        let tap = "document.querySelector('button.tag-toggle').click()";
        browser.client.execute(tap, vec![]).await.unwrap();
        // Waits for the refusal itself, not for a time: the loader says the app did not start
        // (engines differ in what they report of the failed import or fetch themselves).
        let mut seen = Vec::new();
        let stopped = |seen: &[String]| seen.iter().any(|e| e.contains("did not start"));
        for _ in 0..100 {
            seen.extend(browser.console_errors().await);
            if stopped(&seen) {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(
            stopped(&seen),
            "the browser refuses the altered {name}: {seen:?}"
        );
        let live = browser
            .client
            .find_all(Locator::Css("main[data-live]"))
            .await
            .unwrap();
        assert!(
            live.is_empty(),
            "the app must not start from a tampered {name}"
        );
        // The prerendered page is still all there, and nothing on it looks busy.
        assert!(browser.text().await.contains(&profile.projects[0].title));
        let busy = "return document.querySelectorAll('[aria-busy]').length";
        assert_eq!(
            run_script(&browser, busy).await,
            serde_json::json!(0),
            "the held tap is let go when the app cannot start ({name})"
        );
    }
}

/// The later stylesheet as built (`later-<hash>.css`, style/later.css): what the first paint
/// does without, added by the loader once the page is painted.
fn later_stylesheet() -> String {
    built_file("later-", ".css")
}

/// The name of the built file `<prefix><hash><suffix>`.
fn built_file(prefix: &str, suffix: &str) -> String {
    std::fs::read_dir(support::dist_dir())
        .unwrap()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .find(|name| name.starts_with(prefix) && name.ends_with(suffix))
        .unwrap_or_else(|| panic!("the build has its {prefix}*{suffix}"))
}

/// The position the stylesheets give the player's bar: "sticky" from later.css alone. Asked of
/// an element made for the question, as the app makes the bar only in an open card, so that it
/// can be asked of the page before anything is live.
const PLAYER_BAR_POSITION: &str = "
    const probe = document.createElement('div');
    probe.className = 'diagram-bar';
    document.body.append(probe);
    const position = getComputedStyle(probe).position;
    probe.remove();
    return position;";

/// Every element the page renders (not inside a `display: none`), each as its box and what is
/// drawn of it: the page as painted, to compare.
const PAINTED: &str = "
    const drawn = ['display', 'position', 'visibility', 'opacity', 'color', 'background-color',
        'background-image', 'border-top-style', 'border-top-width', 'border-top-color',
        'border-left-width', 'border-radius', 'outline-style', 'box-shadow', 'font-family',
        'font-size', 'font-weight', 'text-decoration-line', 'fill', 'stroke', 'stroke-width',
        'stroke-dasharray', 'mask-image', 'transform', 'z-index'];
    const out = [];
    const walk = (element) => {
        const style = getComputedStyle(element);
        if (style.display === 'none') return;
        const box = element.getBoundingClientRect();
        out.push([element.tagName, element.id, element.getAttribute('class'),
            Math.round(box.x), Math.round(box.y), Math.round(box.width), Math.round(box.height),
            ...drawn.map((name) => style.getPropertyValue(name))].join(' | '));
        for (const child of element.children) walk(child);
    };
    walk(document.body);
    return out;";

/// The first paint does without later.css: with it held back by the server (and the app's
/// wasm and the cards' details too, so nothing but the stylesheet changes), every element the
/// page renders has the same box and look before it arrives and after, on a phone and on a
/// laptop.
#[tokio::test(flavor = "multi_thread")]
async fn the_first_paint_does_not_need_the_later_stylesheet() {
    let details = built_file("details-", ".json");
    for (width, height) in [(390, 844), (1280, 900)] {
        let server = Server::start("/");
        server.hold(".css");
        server.hold("_bg.wasm");
        server.hold(&details);
        let browser = Browser::start(width, height).await;
        browser.client.goto(&server.base).await.unwrap();
        browser.wait_for(r#"main[data-state="ready"]"#, 20).await;
        // The loader has asked for it: the page is painted.
        let asked = "return !!document.querySelector('head link[rel=stylesheet][integrity]')";
        browser
            .script_becomes(asked, true.into(), "the loader adds the later stylesheet")
            .await;
        assert_eq!(
            run_script(&browser, PLAYER_BAR_POSITION).await,
            "static",
            "held back, the later stylesheet is not applied yet"
        );
        let before = run_script(&browser, PAINTED).await;
        server.let_go(".css");
        browser
            .script_becomes(
                PLAYER_BAR_POSITION,
                "sticky".into(),
                "the later stylesheet applies once it comes",
            )
            .await;
        let after = run_script(&browser, PAINTED).await;
        let (before, after) = (before.as_array().unwrap(), after.as_array().unwrap());
        assert!(before.len() > 500, "{} elements", before.len());
        let changed: Vec<_> = before
            .iter()
            .zip(after)
            .filter(|(a, b)| a != b)
            .take(5)
            .collect();
        assert!(
            changed.is_empty() && before.len() == after.len(),
            "at {width} px the later stylesheet changed the painted page \
             ({} then {} elements): {changed:#?}",
            before.len(),
            after.len()
        );
        server.release();
    }
}

/// later.css is the page's once it is live: an open card's player bar is held at the bottom of
/// the screen, its buttons drawn; it was asked for once, after the first contentful paint
/// (where the browser reports it), not also from the `<noscript>` link the page carries.
#[tokio::test(flavor = "multi_thread")]
async fn the_later_stylesheet_styles_an_open_cards_player_once_the_page_is_painted() {
    let (_server, browser) = open("", 1280, 900).await;
    let name = later_stylesheet();
    let fetched = run_script(
        &browser,
        &format!(
            "const paint = performance.getEntriesByName('first-contentful-paint')[0];
             return performance.getEntriesByType('resource')
                 .filter((e) => e.name.endsWith('/{name}'))
                 .map((e) => paint ? e.startTime >= paint.startTime : 'no paint timing');"
        ),
    )
    .await;
    let fetched = fetched.as_array().unwrap();
    assert_eq!(fetched.len(), 1, "{name} is fetched once: {fetched:?}");
    assert_ne!(
        fetched[0],
        serde_json::json!(false),
        "{name} is asked for after the first contentful paint"
    );
    click(&browser, "#gdpr-deletion button.expand").await;
    browser
        .wait_for("#gdpr-deletion .diagram-bar .player button", 10)
        .await;
    let styled = "
        const bar = document.querySelector('#gdpr-deletion .diagram-bar');
        const play = bar.querySelector('.player button');
        return [getComputedStyle(bar).position, getComputedStyle(play).borderTopStyle];";
    assert_eq!(
        run_script(&browser, styled).await,
        serde_json::json!(["sticky", "solid"]),
        "the open card's player is styled by the later stylesheet"
    );
}

/// The later stylesheet is checked against its SHA-256 (`integrity`, same-origin, without
/// `crossorigin`): altered on the way it is refused in every engine, and the page still works.
#[tokio::test(flavor = "multi_thread")]
async fn a_tampered_later_stylesheet_is_refused() {
    let name = later_stylesheet();
    let original = std::fs::read(support::dist_dir().join(&name)).unwrap();
    let server = Server::start("/");
    // Same name and size, and CSS that would apply: only the integrity check can refuse it.
    let altered = ".diagram-bar{position:sticky}";
    server.set(
        &name,
        200,
        &format!("{altered:<width$}", width = original.len()),
    );
    let browser = Browser::start(1280, 900).await;
    browser.client.goto(&server.base).await.unwrap();
    browser.wait_for(READY, 20).await;
    // Asked for before the app's own files, so long settled once the app is live.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(
        run_script(&browser, PLAYER_BAR_POSITION).await,
        "static",
        "the altered {name} must not apply"
    );
    assert!(browser.text().await.contains(&profile().projects[0].title));
}

/// Clicks the Kafka toggle and watches the animations the click starts for up to 3 s: the first
/// view-transition group whose keyframes go from one place to another, or `null` and the names
/// of every view-transition animation seen.
fn toggle_and_watch_transitions() -> String {
    format!(
        "const done = arguments[arguments.length - 1];
         {}.click();
         {WATCH_TRANSITIONS}",
        support::tag_toggle_script("Kafka")
    )
}

/// The watch of `toggle_and_watch_transitions`, once the click is made.
const WATCH_TRANSITIONS: &str = r#"
    const started = performance.now(), seen = new Set();
    (function poll() {
        for (const a of document.getAnimations()) {
            const name = a.effect && a.effect.pseudoElement;
            if (!name || !name.startsWith('::view-transition')) continue;
            seen.add(name);
            const frames = a.effect.getKeyframes();
            const [first, last] = [frames[0], frames[frames.length - 1]];
            if (name.startsWith('::view-transition-group') && first && first.transform
                && first.transform !== last.transform)
                return done({ moved: name, from: first.transform, to: last.transform });
        }
        if (performance.now() - started > 3000) return done({ moved: null, seen: [...seen] });
        requestAnimationFrame(poll);
    })();
"#;

#[tokio::test(flavor = "multi_thread")]
async fn a_tag_toggle_animates_cards_from_their_old_place_to_their_new_one() {
    let why = "Firefox ESR 140 has no View Transitions API (Firefox 144 has): there the cards \
               change at once, as in the reduced-motion test";
    if !Engine::runs(&[Engine::Chromium, Engine::WebKit], why) {
        return;
    }
    let (_server, browser) = open("", 1280, 900).await;
    let watched = browser
        .client
        .execute_async(&toggle_and_watch_transitions(), vec![])
        .await
        .unwrap();
    // The old snapshot is the old layout: the Kafka card travels from its place in the grid
    // to the first place (were both snapshots the new layout, no group would move).
    assert!(watched["moved"].is_string(), "no card moved: {watched}");
    assert_ne!(watched["from"], watched["to"], "{watched}");
    cards_become(&browser, "the Kafka project", |cards| {
        cards == ["kafka-notifications"]
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn under_reduced_motion_a_tag_toggle_starts_no_transition() {
    let server = Server::start("/");
    let browser = Browser::start_with(1280, 900, REDUCED_MOTION).await;
    browser.client.goto(&server.base).await.unwrap();
    browser.wait_for(READY, 20).await;
    let watched = browser
        .client
        .execute_async(&toggle_and_watch_transitions(), vec![])
        .await
        .unwrap();
    assert_eq!(watched, serde_json::json!({ "moved": null, "seen": [] }));
    cards_become(&browser, "the Kafka project", |cards| {
        cards == ["kafka-notifications"]
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_profile_edited_after_the_build_is_rendered_in_the_browser() {
    if !checks_logic_only() {
        return;
    }
    let server = Server::start("/");
    let profile = profile();
    let old_title = &profile.projects[0].title;
    let text = include_str!("../fixtures/rich.json").replacen(
        old_title.as_str(),
        "A title changed after the build",
        1,
    );
    server.set("profile.json", 200, &text);
    let browser = Browser::start(1280, 900).await;
    browser.client.goto(&server.base).await.unwrap();
    browser.wait_for(READY, 20).await;
    let heading = browser.wait_for("article.project-card h3", 5).await;
    assert_eq!(
        heading.text().await.unwrap(),
        "A title changed after the build"
    );
    // The filter works on the page the browser rendered.
    let kafka = format!("{}.click()", support::tag_toggle_script("Kafka"));
    browser.client.execute(&kafka, vec![]).await.unwrap();
    cards_become(&browser, "the Kafka project", |cards| {
        cards == ["kafka-notifications"]
    })
    .await;
    let severe = browser.console_errors().await;
    assert!(severe.is_empty(), "console errors: {severe:?}");
}

/// Presses the Kafka tag (a WebDriver click, as a visitor's) and waits until its one project is
/// the only card.
async fn show_only_kafka(browser: &Browser) {
    click_element(browser, &browser.tag_toggle("Kafka").await).await;
    cards_become(browser, "the Kafka project", |cards| {
        cards == ["kafka-notifications"]
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn on_a_phone_an_open_diagram_fits_its_canvas_at_full_size() {
    // Wide fan-outs (five gateways, three dispatch channels, three tables) wrap into rows on a
    // phone. Framed groups are checked natively (`scene.rs`): with their padding the migration
    // (287 px) and sync-to-async (277 px) fit a phone's 298 px canvas, but not this desktop
    // browser's, whose classic scrollbars take 30 px of it.
    let fitting = profile()
        .projects
        .into_iter()
        .filter(|p| p.diagram.groups.is_empty());
    let (_server, browser) = open("", 390, 844).await;
    for project in fitting {
        let id = &project.id;
        // A link to the card opens it, as a visitor's click on a link in the page would.
        run_script(&browser, &format!("location.hash = '{id}'")).await;
        browser
            .wait_for(&format!("#{id} svg.narrow g.node"), 10)
            .await;
        let fits = format!(
            "const c = document.querySelector('#{id} .diagram-canvas');
             const svg = c.querySelector('svg.narrow');
             const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
             return scale === 1 && c.scrollWidth <= c.clientWidth
               || `scale ${{scale}}, ${{c.scrollWidth}} px in a ${{c.clientWidth}} px canvas`;"
        );
        script_becomes(
            &browser,
            &fits,
            serde_json::json!(true),
            &format!("{id} fits"),
        )
        .await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_open_diagram_and_its_controls_are_on_screen_together_at_every_size() {
    // 640 × 400 CSS pixels is a 1280 × 800 screen at 200 % zoom.
    for (width, height) in [(1280, 800), (390, 844), (640, 400)] {
        let (_server, browser) = open("#gdpr-deletion", width, height).await;
        browser.wait_for("#gdpr-deletion button.play", 10).await;
        // Wherever the drawing's top is brought to, the player's bar (Play and the caption) is
        // on screen with it, and zoom follows right under the bar (it is not held on screen:
        // the bar holds only what must be, to cover little). Brought there at every poll: the
        // deep link's own smooth scroll to the card may start late on a loaded machine and
        // take the page past it.
        let together = "document.querySelector('#gdpr-deletion .diagram-canvas').scrollIntoView();
             const inView = e => { const r = e.getBoundingClientRect();
               return r.top >= 0 && r.bottom <= innerHeight && r.height > 0; };
             const f = document.querySelector('#gdpr-deletion figure.diagram');
             const bar = f.querySelector('.diagram-bar').getBoundingClientRect();
             const zoom = f.querySelector('.zoom button').getBoundingClientRect();
             const together = [...f.querySelectorAll('svg g.node')].some(inView)
               && inView(f.querySelector('button.play'))
               && inView(f.querySelector('.caption-text'))
               && zoom.top >= bar.bottom && zoom.top <= bar.bottom + 16;
             const top = e => Math.round(e.getBoundingClientRect().top);
             return together || `viewport ${innerWidth} × ${innerHeight}, scrolled to ${scrollY}:
               drawing at ${top(f.querySelector('.diagram-canvas'))}, Play at
               ${top(f.querySelector('button.play'))}, zoom at ${top(f.querySelector('.zoom'))}`;";
        script_becomes(
            &browser,
            together,
            serde_json::json!(true),
            &format!(
                "a node, Play and the caption on screen, zoom under them, at {width} × {height}"
            ),
        )
        .await;
    }
}

/// The `.json` files of `tests/fixtures/<folder>`, in name order.
fn fixtures(folder: &str) -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

#[tokio::test(flavor = "multi_thread")]
async fn every_imported_resume_and_the_minimal_example_render_in_the_browser() {
    if !checks_logic_only() {
        return;
    }
    // Made by `cargo xtask import` from xtask/tests/fixtures/resume/ (an xtask test keeps them
    // current); served in place of profile.json, the browser renders them itself.
    let mut files = fixtures("imported");
    assert_eq!(
        files.len(),
        5,
        "the JSON Resume sample and four résumés of other shapes"
    );
    // And the smallest profile a fork starts from.
    files
        .push(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal.json"));
    let browser = Browser::start(1280, 900).await;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let imported = portfolio::parse::parse_profile(&text).unwrap();
        let server = Server::start("/");
        server.set("profile.json", 200, &text);
        browser.client.goto(&server.base).await.unwrap();
        browser.wait_for(READY, 20).await;
        let name = file.display();
        script_becomes(
            &browser,
            "return document.querySelector('h1').textContent",
            serde_json::json!(imported.person.name),
            &format!("{name}: the name"),
        )
        .await;
        // The text as written (CSS may show a kicker in capitals).
        let page = run_script(&browser, "return document.body.textContent").await;
        let page = page.as_str().unwrap_or_default();
        let mut expected = vec![imported.person.role.clone()];
        expected.extend(imported.work.iter().map(|job| job.company.clone()));
        expected.extend(imported.projects.iter().map(|p| p.title.clone()));
        for text in expected {
            assert!(page.contains(&text), "{name}: {text:?} is not on the page");
        }
        let severe = browser.console_errors().await;
        assert!(severe.is_empty(), "{name}: console errors: {severe:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_first_screen_of_a_laptop_shows_an_architecture_diagram() {
    // The window is 1280 wide; "the first screen" is the page's top 800 px, in page coordinates
    // (a headless window's viewport is shorter than the window).
    let (_server, browser) = open("", 1280, 800).await;
    let shown = "return [...document.querySelectorAll('svg.diagram-svg g.node')].some(n => {
          const r = n.getBoundingClientRect();
          return r.height > 0 && r.top + scrollY >= 0 && r.bottom + scrollY <= 800; })";
    script_becomes(
        &browser,
        shown,
        serde_json::json!(true),
        "a drawn node on the first screen",
    )
    .await;
}

/// Every case of the hostile corpus, served as profile.json to a page built without its
/// content: the page names the first problem
/// `cargo xtask check` names (or, for a valid case, renders), nothing in it runs as script, no
/// panic reaches the console, and the page is never blank.
/// Hostile cases whose outcome the engine shapes: bytes the browser decodes (invalid UTF-8, a
/// byte-order mark, NUL), and text and links it puts on screen (markup, control characters,
/// right-to-left, emoji, templates, escapes, empty values).
const CASES_THE_ENGINE_SHAPES: [&str; 11] = [
    "utf8",
    "bom",
    "nul",
    "html-",
    "links-",
    "control-",
    "unicode-",
    "template-",
    "escaped-",
    "empty-",
    "_base",
];

/// In every engine, every case the engine shapes; in Chromium also the first case of each
/// other class (syntax, types, numbers, duplicates, …): those are decided by the app's own
/// parser and checks, whose every problem `tests/hostile.rs` checks natively for the whole
/// corpus, and which the page shows through the same code whatever the problem. All 164 cases
/// took 37 s of one of the suite's two test threads in Chromium alone.
fn cases_for_the_browser(corpus: Vec<support::corpus::Case>) -> Vec<support::corpus::Case> {
    let every_class = Engine::runs(
        &[Engine::Chromium],
        "its first case of each class the app's own checks decide: the same wasm decides the \
         same in every engine; Chromium checks them (the cases the engine shapes run here)",
    );
    let mut classes_seen = std::collections::HashSet::new();
    corpus
        .into_iter()
        .filter(|case| {
            let name = &case.name;
            let class = name.split('-').next().unwrap_or_default().to_string();
            CASES_THE_ENGINE_SHAPES.iter().any(|k| name.contains(k))
                || (every_class && classes_seen.insert(class))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_hostile_profile_is_named_or_rendered_safely_in_the_browser() {
    let corpus = support::corpus::cases(std::path::Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(corpus.len() > 100, "the corpus is there: {}", corpus.len());
    let cases = cases_for_the_browser(corpus);
    let browser = Browser::start(1280, 900).await;
    let server = Server::start("/");
    // A page built without its content: the app renders each case itself, everything valid
    // and each problem in its place (a prerendered page keeps its built content instead).
    server.set("index.html", 200, &support::page_without_prerender());
    let settled = "const main = document.querySelector('main');
         return !!main && (main.dataset.state === 'error' || main.hasAttribute('data-live'))";
    let mut failures = Vec::new();
    for case in cases {
        // The browser reads bytes as UTF-8 with replacement, as it would from a host.
        let text = case.text();
        let expected = portfolio::check_profile(&text);
        let name = case.name;
        server.set("profile.json", 200, &text);
        browser.client.goto(&server.base).await.unwrap();
        script_becomes(
            &browser,
            settled,
            serde_json::json!(true),
            &format!("{name}: the page settles"),
        )
        .await;
        let page = run_script(&browser, "return document.body.textContent").await;
        let page = page.as_str().unwrap_or_default().to_string();
        if page.trim().is_empty() {
            failures.push(format!("{name}: a blank page"));
        }
        if let Some(first) = expected.first() {
            if !page.contains(first.as_str()) {
                failures.push(format!("{name}: the page does not name {first:?}"));
            }
        }
        let injected =
            "return document.querySelectorAll('main script, main img, main iframe').length";
        if run_script(&browser, injected).await != serde_json::json!(0) {
            failures.push(format!("{name}: profile text became markup"));
        }
        let severe = browser.console_errors().await;
        if !severe.is_empty() {
            failures.push(format!("{name}: console errors {severe:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The names of the wasm files the page has fetched so far.
async fn fetched_wasm(browser: &Browser) -> String {
    let names = "return performance.getEntriesByType('resource')
         .map((e) => e.name.split('/').pop()).filter((n) => n.endsWith('.wasm')).join(' ')";
    run_script(browser, names)
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// The page as built, open and painted, with the app's wasm held back by the server: nothing
/// is live until [`Server::release`].
async fn open_not_yet_live(width: u32, height: u32) -> (Server, Browser) {
    let server = Server::start("/");
    server.hold("_bg.wasm");
    let browser = Browser::start(width, height).await;
    browser.client.goto(&server.base).await.unwrap();
    browser.wait_for(r#"main[data-state="ready"]"#, 20).await;
    let live = browser.client.find_all(Locator::Css("main[data-live]"));
    assert!(live.await.unwrap().is_empty(), "the app is held back");
    (server, browser)
}

#[tokio::test(flavor = "multi_thread")]
async fn taps_and_typing_before_the_app_is_live_are_applied_once_it_is() {
    let (server, browser) = open_not_yet_live(1280, 900).await;
    // The first tag on the page, and the title of a project it names: typed, it leaves that
    // project alone.
    let toggle = browser.wait_for("button.tag-toggle", 5).await;
    let name = "return document.querySelector('button.tag-toggle').firstChild.textContent.trim()";
    let name = run_script(&browser, name).await;
    let name = name.as_str().unwrap();
    let slug = portfolio::filter::Tag { name: name.into() }.slug();
    let card = format!(
        "return [...document.querySelectorAll('article.project-card')]
             .find((card) => [...card.querySelectorAll('.tags button')]
                 .some((tag) => tag.textContent.trim() === {name:?})).id"
    );
    let card_id = run_script(&browser, &card)
        .await
        .as_str()
        .unwrap()
        .to_string();
    let title = text_of(&browser, &format!("#{card_id} h3")).await;
    let theme = "return document.documentElement.dataset.theme \
         || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light')";
    let theme_before = run_script(&browser, theme).await;

    click_element(&browser, &toggle).await;
    assert_eq!(
        toggle.attr("aria-busy").await.unwrap().as_deref(),
        Some("true"),
        "the tap shows at once that it was taken"
    );
    click(&browser, "button.theme-toggle").await;
    let search = browser.wait_for(r#"input[type="search"]"#, 5).await;
    search.click().await.unwrap();
    search.send_keys(&title).await.unwrap();
    // Nothing has happened yet: the app is not there to do it.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(visible_cards(&browser).await.len(), project_count());
    assert!(!browser
        .client
        .current_url()
        .await
        .unwrap()
        .as_str()
        .contains("tag="));

    server.release();
    browser.wait_for(READY, 20).await;
    cards_become(&browser, &format!("only {card_id}"), |cards| {
        cards == [card_id.clone()]
    })
    .await;
    let url = browser.client.current_url().await.unwrap();
    let query: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    assert!(
        query.contains(&("tag".into(), slug.clone())) && query.contains(&("q".into(), title)),
        "the address keeps the tag and the search: {url}"
    );
    assert_eq!(
        toggle.attr("aria-pressed").await.unwrap().as_deref(),
        Some("true")
    );
    let busy = run_script(
        &browser,
        "return document.querySelectorAll('[aria-busy]').length",
    );
    assert_eq!(busy.await, serde_json::json!(0), "no tap is left waiting");
    assert_ne!(
        run_script(&browser, theme).await,
        theme_before,
        "the theme toggle's tap counted too"
    );
    let focus = "return document.activeElement.matches('input[type=search]')";
    assert_eq!(
        run_script(&browser, focus).await,
        serde_json::json!(true),
        "the keyboard stays in the search box"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_skill_far_down_the_page_is_taken_over_when_it_nears_the_screen() {
    let (_server, browser) = open("", 1280, 900).await;
    let fetched = fetched_wasm(&browser).await;
    assert!(
        !fetched.contains("skill_button") && !fetched.contains("copy_text"),
        "the first load fetches no code for what is far down the page: {fetched}"
    );
    // A plain link there is not held for the takeover: it is followed at once (here stopped
    // at the window, so the test stays on the page).
    let link = "let held = true;
         const record = (e) => { held = e.defaultPrevented; e.preventDefault(); };
         window.addEventListener('click', record, { once: true });
         document.querySelector('.contact a[href]').dispatchEvent(
           new MouseEvent('click', { bubbles: true, cancelable: true }));
         return held;";
    assert_eq!(run_script(&browser, link).await, serde_json::json!(false));
    // Clicked the moment it is on screen, before its code has arrived: the click is held and
    // played once the section is taken over.
    let skill = browser
        .client
        .find(Locator::Css(".skills button.skill-link"))
        .await
        .unwrap();
    let tag = skill.text().await.unwrap();
    click_element(&browser, &skill).await;
    script_becomes(
        &browser,
        "return document.querySelectorAll('article.project-card:not([hidden])').length \
         < document.querySelectorAll('article.project-card').length",
        serde_json::json!(true),
        &format!("the projects filtered to {tag}"),
    )
    .await;
    script_becomes(
        &browser,
        "return document.activeElement.id",
        serde_json::json!("projects-title"),
        "the keyboard taken to the projects",
    )
    .await;
    assert!(fetched_wasm(&browser).await.contains("skill_button"));
}
