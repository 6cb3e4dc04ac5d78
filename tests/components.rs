//! Component tests: the page rendered from the real profile in headless Chromium
//! (wasm-bindgen-test), checking what a visitor sees and can do.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use portfolio::format::{builder_lines, figure_text};
use portfolio::model::Profile;
use portfolio::page::Page;
use portfolio::parse::parse_profile;
use portfolio::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn profile() -> Profile {
    parse_profile(include_str!("../tests/fixtures/rich.json")).expect("profile parses")
}

thread_local! {
    /// The page the test before mounted, unmounted when the next test mounts its own.
    static MOUNTED: std::cell::RefCell<Option<Box<dyn std::any::Any>>> =
        const { std::cell::RefCell::new(None) };
}

/// Mounts the page into a fresh container and returns it. Each test starts alone: the page
/// before it is unmounted (its listeners and observers go with it), its container removed, and
/// the URL and storage are as a first visit has them.
fn mount(profile: Profile) -> web_sys::HtmlElement {
    MOUNTED.with(|mounted| drop(mounted.borrow_mut().take()));
    let document = document();
    let body = document.body().unwrap();
    while let Some(child) = body.query_selector("body > div[data-test-page]").unwrap() {
        child.remove();
    }
    let window = window();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    let path = window.location().pathname().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .unwrap();
    let container: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    container.set_attribute("data-test-page", "").unwrap();
    body.append_child(&container).unwrap();
    let page = Page::new(profile);
    let fingerprint = String::new();
    let handle = portfolio::in_island_root(|| {
        leptos::mount::mount_to(
            container.clone(),
            move || view! { <App page fingerprint /> },
        )
    });
    MOUNTED.with(|mounted| *mounted.borrow_mut() = Some(Box::new(handle)));
    // As the app does once a page it rendered is mounted.
    portfolio::go_live();
    container
}

fn all(root: &web_sys::HtmlElement, selector: &str) -> Vec<web_sys::HtmlElement> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

fn one(root: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .unchecked_into()
}

/// Lets Leptos run the effects a change scheduled, and the browser run a View Transition's
/// update callback (which waits for the next frame).
async fn settle() {
    leptos::task::tick().await;
    let pause = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(pause).await;
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
fn every_project_has_a_card_with_title_and_figures() {
    let profile = profile();
    let root = mount(profile.clone());
    let cards = all(&root, "article.project-card");
    assert_eq!(cards.len(), profile.projects.len());
    for (card, project) in cards.iter().zip(&profile.projects) {
        assert_eq!(card.id(), project.id);
        assert_eq!(one(card, "h3").text_content().unwrap(), project.title);
        let badges: Vec<String> = all(card, ".badge")
            .iter()
            .map(|b| b.text_content().unwrap())
            .collect();
        let expected: Vec<String> = project.outcomes.iter().map(figure_text).collect();
        assert_eq!(badges, expected);
    }
}

#[wasm_bindgen_test]
async fn a_card_opens_and_closes_its_details() {
    let profile = profile();
    let root = mount(profile.clone());
    let card = one(&root, &format!("#{}", profile.projects[1].id));
    let button = one(&card, "button.expand");
    let details = one(&card, ".details");
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(details.hidden());
    button.click();
    settle().await;
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert!(!details.hidden());
    assert_eq!(
        all(&details, ".bullets li").len(),
        profile.projects[1].bullets.len()
    );
    button.click();
    settle().await;
    assert!(details.hidden());
}

#[wasm_bindgen_test]
fn the_builder_code_is_generated_from_the_profile() {
    let profile = profile();
    let root = mount(profile.clone());
    let code = one(&root, "pre.code").text_content().unwrap();
    for line in builder_lines(&profile.builder) {
        let text: String = line.iter().map(|token| token.text.as_str()).collect();
        assert!(code.contains(&text), "missing {text:?} in {code:?}");
    }
    assert!(
        !all(&root, "pre.code .tok-string").is_empty(),
        "strings are highlighted"
    );
}

#[wasm_bindgen_test]
fn the_work_history_shows_each_job_with_its_dates_and_projects() {
    use portfolio::model::{Job, SectionText};
    let mut profile = profile();
    profile.site.labels.present = "now".into();
    profile.sections.work = Some(SectionText {
        title: "Where I worked".into(),
        intro: None,
    });
    profile.work = vec![
        Job {
            company: "Amazon".into(),
            position: Some("Engineer".into()),
            start_date: Some("2023-01".into()),
            current: true,
            highlights: vec!["Wrote the playbook".into()],
            ..Job::default()
        },
        Job {
            company: "Niyo".into(),
            ..Job::default()
        },
    ];
    let root = mount(profile.clone());
    let section = one(&root, "section.work");
    assert_eq!(
        one(&section, "h2").text_content().unwrap(),
        "── Where I worked"
    );
    let jobs = all(&section, ".history-entry");
    assert_eq!(jobs.len(), 2);
    let first = jobs[0].text_content().unwrap();
    for expected in ["Engineer", "Amazon", "2023-01 – now", "Wrote the playbook"] {
        assert!(first.contains(expected), "{expected:?} not in {first:?}");
    }
    // Amazon's project cards are linked from its entry; Niyo has none.
    let amazon_projects = profile
        .projects
        .iter()
        .filter(|p| p.company.as_deref() == Some("Amazon"))
        .count();
    assert_eq!(all(&jobs[0], ".history-projects a").len(), amazon_projects);
    assert!(all(&jobs[1], ".history-projects a").is_empty());
}

#[wasm_bindgen_test]
fn work_education_and_certificates_are_absent_without_entries_or_a_title() {
    let mut profile = profile();
    profile.work.clear();
    profile.certificates.clear();
    // A title without entries shows nothing, nor do entries without a title.
    profile.education = vec![portfolio::model::Education {
        institution: "A school".into(),
        ..Default::default()
    }];
    profile.sections.education = None;
    let root = mount(profile);
    for selector in ["section.work", "section.education", "section.certificates"] {
        assert!(all(&root, selector).is_empty(), "{selector} is shown");
    }
}

#[wasm_bindgen_test]
fn the_footers_link_to_the_workbench_is_there_only_when_the_profile_asks() {
    let mut profile = profile();
    profile.site.make_your_own = Some("Make one of your own".into());
    let root = mount(profile.clone());
    let link = one(&root, "footer.site-footer a");
    assert_eq!(link.text_content().as_deref(), Some("Make one of your own"));
    assert_eq!(link.get_attribute("href").as_deref(), Some("edit/"));
    profile.site.make_your_own = None;
    let root = mount(profile);
    assert!(all(&root, "footer.site-footer").is_empty());
}

#[wasm_bindgen_test]
fn skills_principles_and_contact_render_in_full() {
    let profile = profile();
    let root = mount(profile.clone());
    assert_eq!(all(&root, ".skills-table tr").len(), profile.skills.len());
    let principles: Vec<String> = all(&root, ".principle-list li")
        .iter()
        .map(|li| li.text_content().unwrap())
        .collect();
    assert_eq!(principles, profile.principles);
    for link in &profile.contact {
        let anchor = one(&root, &format!("a[href=\"{}\"]", link.href));
        if link.href.starts_with("https:") {
            assert_eq!(
                anchor.get_attribute("rel").as_deref(),
                Some("noopener noreferrer")
            );
        }
    }
}

#[wasm_bindgen_test]
fn profile_text_is_never_markup() {
    let mut profile = profile();
    profile.projects[0].title = "<img src=x onerror=alert(1)>".into();
    let root = mount(profile);
    let card = one(&root, "article.project-card");
    assert!(all(&card, "img").is_empty());
    assert_eq!(
        one(&card, "h3").text_content().unwrap(),
        "<img src=x onerror=alert(1)>"
    );
}

#[wasm_bindgen_test]
fn validation_problems_are_listed_and_the_page_still_renders() {
    let mut profile = profile();
    profile.projects[3].diagram.edges[0].to = "sqs2".into();
    let root = mount(profile.clone());
    let problems = one(&root, ".problems").text_content().unwrap();
    assert!(
        problems.contains("projects[3].diagram.edges[0].to: no node \"sqs2\""),
        "{problems}"
    );
    assert_eq!(
        all(&root, "article.project-card").len(),
        profile.projects.len()
    );
}

#[wasm_bindgen_test]
async fn the_theme_toggle_switches_and_remembers() {
    let root = mount(profile());
    let html = document().document_element().unwrap();
    let button = one(&root, "button.theme-toggle");
    settle().await;
    let before = button.get_attribute("aria-pressed").unwrap();
    button.click();
    settle().await;
    let after = button.get_attribute("aria-pressed").unwrap();
    assert_ne!(before, after);
    let theme = if after == "true" { "dark" } else { "light" };
    assert_eq!(html.get_attribute("data-theme").as_deref(), Some(theme));
    let stored = window()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("theme")
        .unwrap();
    assert_eq!(stored.as_deref(), Some(theme));
}

fn visible_cards(root: &web_sys::HtmlElement) -> Vec<String> {
    all(root, "article.project-card:not([hidden])")
        .into_iter()
        .map(|c| c.id())
        .collect()
}

#[wasm_bindgen_test]
async fn a_tag_toggle_narrows_the_cards_and_updates_counts() {
    let profile = profile();
    let root = mount(profile.clone());
    let index = portfolio::filter::TagIndex::new(&profile);
    let kafka = index.resolve("Kafka").unwrap()[0];
    let slug = &index.tags[kafka].slug();
    let name = &index.tags[kafka].name;
    let toggle = all(&root, "button.tag-toggle")
        .into_iter()
        .find(|b| b.first_child().and_then(|t| t.text_content()).as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no toggle named {name}"));
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    toggle.click();
    settle().await;
    settle().await;
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    let expected: Vec<String> = profile
        .projects
        .iter()
        .filter(|p| {
            p.tags
                .iter()
                .any(|t| index.resolve(t).is_some_and(|r| r.contains(&kafka)))
        })
        .map(|p| p.id.clone())
        .collect();
    assert_eq!(visible_cards(&root), expected);
    // Every other tag's count is what selecting it too would leave (the e2e filter test checks
    // that the stylesheet hides it on the selected tag and on those that would leave none).
    for button in all(&root, "button.tag-toggle") {
        let count: usize = one(&button, ".count")
            .text_content()
            .unwrap()
            .parse()
            .unwrap();
        let selected = button.get_attribute("aria-pressed").as_deref() == Some("true");
        // A tag that would leave nothing cannot be pressed.
        assert_eq!(button.has_attribute("disabled"), count == 0 && !selected);
    }
    let location = window().location();
    assert!(location.search().unwrap().contains(&format!("tag={slug}")));
    // Clear all brings every card back.
    one(&root, "button.clear").click();
    settle().await;
    settle().await;
    assert_eq!(visible_cards(&root).len(), profile.projects.len());
}

#[wasm_bindgen_test]
async fn waits_before_steps_are_drawn_to_scale() {
    use portfolio::model::{TimeUnit, Wait};
    let mut profile = profile();
    let index = profile
        .projects
        .iter()
        .position(|p| {
            p.diagram
                .scenarios
                .first()
                .is_some_and(|s| s.steps.len() >= 4)
        })
        .expect("a scenario of four steps");
    let steps = &mut profile.projects[index].diagram.scenarios[0].steps;
    // Retries after 2 s, 4 s (written in ms) and 8 s.
    for (step, (amount, unit)) in [
        (2.0, TimeUnit::S),
        (4000.0, TimeUnit::Ms),
        (8.0, TimeUnit::S),
    ]
    .into_iter()
    .enumerate()
    {
        steps[step + 1].after = Some(Wait { amount, unit });
    }
    let id = profile.projects[index].id.clone();
    let root = mount(profile);
    let card = one(&root, &format!("#{id}"));
    one(&card, "button.expand").click();
    settle().await;
    settle().await;
    let waits: Vec<(String, String)> = all(&card, ".steps .wait")
        .iter()
        .map(|w| {
            let width = one(w, "rect").get_attribute("width").unwrap();
            (w.text_content().unwrap(), width)
        })
        .collect();
    assert_eq!(
        waits,
        [
            ("+2 s".to_string(), "25".to_string()),
            ("+4000 ms".to_string(), "50".to_string()),
            ("+8 s".to_string(), "100".to_string())
        ]
    );
}

#[wasm_bindgen_test]
async fn a_diagram_draws_its_nodes_and_steps_through_a_scenario() {
    let profile = profile();
    let root = mount(profile.clone());
    let (position, project) = profile
        .projects
        .iter()
        .enumerate()
        .find(|(_, p)| !p.diagram.scenarios.is_empty())
        .expect("a project with a scenario");
    let _ = position;
    let card = one(&root, &format!("#{}", project.id));
    one(&card, "button.expand").click();
    settle().await;
    settle().await;
    let (shown, other) = shown_drawing();
    let svg = one(&card, &format!("svg.diagram-svg.{shown}"));
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    // Left to right is drawn at every width (paper shows it); top to bottom only on a screen
    // that shows it.
    let others = usize::from(other == "wide");
    assert_eq!(all(&card, &format!("svg.{other}")).len(), others);
    assert_eq!(
        all(&card, &format!("svg.{other} g.node")).len(),
        others * project.diagram.nodes.len()
    );
    assert_eq!(all(&svg, "g.node").len(), project.diagram.nodes.len());
    assert_eq!(all(&svg, "g.edge").len(), project.diagram.edges.len());
    assert_eq!(
        all(&card, ".diagram-flow li").len(),
        project.diagram.edges.len()
    );
    // Opened, the first step is current: its caption shows and its edge or node is lit.
    let caption = one(&card, ".caption-text");
    let first = caption.text_content().unwrap();
    let steps = &project.diagram.scenarios[0].steps;
    assert!(first.contains(&steps[0].caption), "{first}");
    assert_eq!(all(&svg, "g.lit").len(), 1, "one thing is lit");
    if steps.len() > 1 {
        one(&card, "button.step-forward").click();
        settle().await;
        let second = caption.text_content().unwrap();
        assert!(second.contains(&steps[1].caption), "{second}");
        one(&card, "button.step-back").click();
        settle().await;
        assert_eq!(caption.text_content().unwrap(), first);
        // The first step is an end by hand: back stays there rather than jumping to the last.
        one(&card, "button.step-back").click();
        settle().await;
        assert_eq!(caption.text_content().unwrap(), first);
    }
}

/// The drawing this window shows ("narrow" below 44rem, else "wide"), and the other one.
fn shown_drawing() -> (&'static str, &'static str) {
    let narrow = web_sys::window()
        .unwrap()
        .match_media("(width < 44rem)")
        .ok()
        .flatten()
        .is_some_and(|list| list.matches());
    if narrow {
        ("narrow", "wide")
    } else {
        ("wide", "narrow")
    }
}

#[wasm_bindgen_test]
async fn every_card_draws_the_nodes_and_edges_of_its_data() {
    let profile = profile();
    let root = mount(profile.clone());
    for project in &profile.projects {
        let card = one(&root, &format!("#{}", project.id));
        one(&card, "button.expand").click();
        settle().await;
        settle().await;
        {
            let svg = one(&card, &format!("svg.{}", shown_drawing().0));
            assert_eq!(
                all(&svg, "g.node").len(),
                project.diagram.nodes.len(),
                "{}",
                project.id
            );
            assert_eq!(
                all(&svg, "g.edge").len(),
                project.diagram.edges.len(),
                "{}",
                project.id
            );
        }
        let labels = one(&card, "svg.diagram-svg").text_content().unwrap();
        for node in &project.diagram.nodes {
            let first_word = node.label.split_whitespace().next().unwrap();
            assert!(
                labels.contains(first_word),
                "{}: {}",
                project.id,
                node.label
            );
        }
    }
}

#[wasm_bindgen_test]
async fn a_diagram_with_bad_data_shows_its_error_in_place_and_the_rest_renders() {
    let mut value: serde_json::Value =
        serde_json::from_str(include_str!("../tests/fixtures/rich.json")).unwrap();
    value["projects"][1]["diagram"]["nodes"][0]["kind"] = serde_json::json!("blob");
    let profile = parse_profile(&value.to_string()).unwrap();
    let root = mount(profile.clone());
    let broken = one(&root, &format!("#{}", profile.projects[1].id));
    one(&broken, "button.expand").click();
    let healthy = one(&root, &format!("#{}", profile.projects[2].id));
    one(&healthy, "button.expand").click();
    settle().await;
    settle().await;
    let error = one(&broken, ".diagram-error").text_content().unwrap();
    assert!(
        error.contains("projects[1].diagram.nodes[0].kind: unknown node kind \"blob\""),
        "{error}"
    );
    assert!(all(&broken, "svg.diagram-svg").is_empty());
    assert_eq!(
        all(&healthy, "svg.wide g.node").len(),
        profile.projects[2].diagram.nodes.len()
    );
    assert_eq!(
        all(&root, "article.project-card").len(),
        profile.projects.len()
    );
}

#[wasm_bindgen_test]
async fn a_skill_that_is_a_tag_applies_that_filter() {
    let profile = profile();
    let root = mount(profile.clone());
    let skills = all(&root, ".skills-table button.skill-link");
    assert!(!skills.is_empty(), "skills that projects carry are buttons");
    // And the table says what their underline means, in the profile's words.
    assert_eq!(
        one(&root, ".skills .skills-hint").text_content().as_deref(),
        Some(profile.site.labels.skills_hint.as_str())
    );
    let kafka = skills
        .iter()
        .find(|b| b.text_content().as_deref() == Some("Kafka"))
        .expect("Kafka is a skill and a tag");
    // A skill no project carries stays text: it would be a dead end.
    assert!(skills
        .iter()
        .all(|b| b.text_content().as_deref() != Some("MongoDB")));
    kafka.click();
    settle().await;
    settle().await;
    assert_eq!(visible_cards(&root), ["kafka-notifications"]);
    // The keyboard goes where the page went: to the projects' heading.
    let focused = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element();
    assert_eq!(focused.map(|f| f.id()).as_deref(), Some("projects-title"));
    one(&root, "button.clear").click();
    settle().await;
    settle().await;
    // Every skill button, multi-word names ("Spring Boot") included, selects its tags.
    for skill in &skills {
        skill.click();
        settle().await;
        settle().await;
        let name = skill.text_content().unwrap();
        assert!(
            !all(&root, r#".tag-toggle[aria-pressed="true"]"#).is_empty(),
            "{name} selects a tag"
        );
        let shown = visible_cards(&root).len();
        assert!(
            shown > 0 && shown < profile.projects.len(),
            "{name} shows just its projects: {shown}"
        );
        one(&root, "button.clear").click();
        settle().await;
        settle().await;
    }
}

#[wasm_bindgen_test]
fn a_link_that_fails_validation_is_never_an_href() {
    let mut profile = profile();
    profile.contact[0].href = "javascript:alert(1)".into();
    let root = mount(profile.clone());
    assert!(all(&root, "a[href^=\"javascript:\"]").is_empty());
    let text = &profile.contact[0].text;
    let link = all(&root, ".terminal a")
        .into_iter()
        .find(|a| a.text_content().as_deref() == Some(text.as_str()))
        .expect("the link's text is still shown");
    assert!(!link.has_attribute("href"), "shown as text, not followed");
}

#[wasm_bindgen_test]
async fn each_copy_button_keeps_its_own_state() {
    let mut profile = profile();
    let with_copy = profile
        .contact
        .iter()
        .find(|c| c.copy.is_some())
        .unwrap()
        .clone();
    let mut second = with_copy.clone();
    second.copy = Some("second@example.com".into());
    second.text = "second@example.com".into();
    second.href = "mailto:second@example.com".into();
    profile.contact.push(second);
    let root = mount(profile.clone());
    settle().await;
    let buttons = all(&root, ".contact button.copy");
    assert_eq!(buttons.len(), 2);
    // The test page is a secure context (127.0.0.1): the Clipboard API is there, and so is
    // the button.
    assert!(
        !buttons[0].hidden(),
        "the copy button shows where the Clipboard API is"
    );
    buttons[0].click();
    for _ in 0..20 {
        settle().await;
        if buttons[0].text_content().unwrap() == profile.site.labels.copied {
            break;
        }
    }
    // Whether or not the write was allowed here, the second button never changed.
    assert_eq!(buttons[1].text_content().unwrap(), profile.site.labels.copy);
}
