//! The printed résumé: Chromium prints the release build (`--print-to-pdf`, as "Save as PDF"
//! does) and the PDF must hold her name and every project title on at most three A4 pages.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::wd::{PrintConfiguration, PrintSize};
use portfolio::filter::TagIndex;
use portfolio::format::date_range;
use portfolio::model::{Diagram, Profile};
use portfolio::parse::parse_profile;
use support::pdf::{layout_text_of, normalised, print, words_of, Printed, Word, A4};
use support::{Browser, Engine, Server};

const ONLY_CHROMIUM: &str = "it prints through Chromium's --print-to-pdf";

/// The rich fixture, which the release build under test was built from.
fn rich_profile() -> Profile {
    parse_profile(include_str!("../tests/fixtures/rich.json")).expect("profile parses")
}

/// The rich fixture and its résumé as Chromium prints it, no card open; None in the other
/// engines, where the test is logged as skipped.
fn printed_rich() -> Option<(Profile, Printed)> {
    Engine::runs(&[Engine::Chromium], ONLY_CHROMIUM).then(|| (rich_profile(), print("")))
}

/// A card the visitor opened prints with its drawing, legible (its smallest labels, 11 px on
/// screen, at 6 pt or more), and beside it its first scenario as a numbered list. Printed
/// through WebDriver's Print Page, after the app has opened the card (Chromium's
/// `--print-to-pdf` prints before the app has started).
#[tokio::test(flavor = "multi_thread")]
async fn an_open_diagram_prints_legibly_with_its_scenario_as_numbered_steps() {
    if !Engine::runs(&[Engine::Chromium], ONLY_CHROMIUM) {
        return;
    }
    let profile = rich_profile();
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
    // The résumé's three pages (the_printed_page_is_a_resume_of_at_most_three_a4_pages), and
    // the opened drawing's half page.
    assert!(
        printed.pages.len() <= 4,
        "{} pages with one card open",
        printed.pages.len()
    );
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
        "not printed with the drawing: {missing:?}"
    );
    let sizes = printed_label_sizes(&words_of(&printed.bytes), &project.diagram);
    let smallest = sizes
        .iter()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .expect("the drawing's labels are printed");
    eprintln!(
        "the drawing's smallest label, {:?}, prints at {:.2} pt",
        smallest.0, smallest.1
    );
    assert!(
        smallest.1 >= 6.0,
        "the drawing's label {:?} prints at {:.2} pt, under 6 pt ({sizes:?})",
        smallest.0,
        smallest.1
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
    let Some((profile, printed)) = printed_rich() else {
        return;
    };
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

/// Every card prints whole in one column of one page: its title and the end of its last
/// bullet in the same column. (The flat/flatmates card was split across page 2's columns.)
#[test]
fn no_card_is_split_across_columns() {
    let Some((profile, printed)) = printed_rich() else {
        return;
    };
    let words = words_of(&printed.bytes);
    let column = |word: &Word| (word.page, word.x_min >= A4.0 / 2.0);
    let split: Vec<String> = profile
        .projects
        .iter()
        .filter_map(|project| {
            let title = run_of(&words, &project.title)
                .unwrap_or_else(|| panic!("{:?} is not printed", project.title));
            let last = project.bullets.last()?;
            let end: Vec<&str> = last.split_whitespace().collect();
            let end = end[end.len().saturating_sub(5)..].join(" ");
            let end = run_of(&words, &end).unwrap_or_else(|| panic!("{end:?} is not printed"));
            (column(title) != column(end)).then(|| {
                format!(
                    "{}: page {} to page {}, {} to {}",
                    project.id, title.page, end.page, title.x_min, end.x_min
                )
            })
        })
        .collect();
    assert!(split.is_empty(), "split across columns: {split:?}");
}

/// Experience prints what the screen shows of each job: its role, company, dates, place,
/// summary, highlights and the titles of the projects done there, under its heading.
#[test]
fn experience_prints_what_the_screen_shows() {
    let Some((profile, printed)) = printed_rich() else {
        return;
    };
    let sections = &profile.sections;
    let title = &sections
        .work
        .as_ref()
        .expect("rich.json has a work section")
        .title;
    let others: Vec<String> = [&sections.ai, &sections.skills, &sections.principles]
        .into_iter()
        .chain(sections.education.iter())
        .chain(sections.certificates.iter())
        .map(|section| normalised(&section.title))
        .collect();
    let layout = layout_text_of(&printed.bytes);
    let lines: Vec<String> = layout.lines().map(normalised).collect();
    let start = lines
        .iter()
        .position(|line| *line == normalised(title))
        .unwrap_or_else(|| panic!("{title:?} is not printed"));
    let end = lines[start + 1..]
        .iter()
        .position(|line| others.contains(line))
        .map_or(lines.len(), |n| start + 1 + n);
    let experience = lines[start + 1..end].concat();
    let present = &profile.site.labels.present;
    let missing: Vec<String> = profile
        .work
        .iter()
        .flat_map(|job| {
            let dates = date_range(
                job.start_date.as_deref(),
                job.end_date.as_deref(),
                job.current.then_some(present.as_str()),
            );
            let projects = profile
                .projects
                .iter()
                .filter(|p| p.company.as_deref() == Some(job.company.as_str()))
                .map(|p| p.title.clone());
            [Some(job.company.clone()), job.position.clone(), dates]
                .into_iter()
                .chain([job.location.clone(), job.summary.clone()])
                .flatten()
                .chain(job.highlights.iter().cloned())
                .chain(projects)
                .collect::<Vec<_>>()
        })
        .filter(|fact| !experience.contains(&normalised(fact)))
        .collect();
    assert!(
        missing.is_empty(),
        "not printed under {title:?}: {missing:?}"
    );
}

/// Every section prints what the screen shows of it: its intro; the AI project's heading,
/// label and stack (its steps are its card's bullets); each card's context and its
/// technologies, named as the card names them, in a line.
#[test]
fn every_section_prints_what_the_screen_shows() {
    let Some((profile, printed)) = printed_rich() else {
        return;
    };
    let words = words_of(&printed.bytes);
    let sections = &profile.sections;
    let intros = [&sections.projects, &sections.ai, &sections.skills]
        .into_iter()
        .chain([&sections.principles, &sections.contact])
        .chain(sections.work.iter())
        .chain(sections.education.iter())
        .chain(sections.certificates.iter())
        .filter_map(|section| section.intro.clone());
    let ai = profile.ai.as_ref().expect("rich.json has an AI section");
    let side = profile
        .projects
        .iter()
        .find(|p| p.id == ai.side_project)
        .expect("the AI section's project");
    let ai_heading = [
        format!("{} {}", ai.building_title, side.title),
        side.label.clone().unwrap_or_default(),
        side.stack.join(" "),
    ];
    let index = TagIndex::new(&profile);
    let cards = profile.projects.iter().flat_map(|project| {
        // As the card lists them: in the profile's order, an alias by its tag's name, once.
        let mut tags: Vec<&str> = Vec::new();
        for t in project
            .tags
            .iter()
            .filter_map(|t| index.resolve(t))
            .flatten()
        {
            if !tags.contains(&index.tags[t].name.as_str()) {
                tags.push(&index.tags[t].name);
            }
        }
        [project.context.clone(), Some(tags.join(" "))]
    });
    let facts: Vec<String> = intros
        .chain(ai_heading)
        .chain(cards.flatten())
        .filter(|fact| !fact.trim().is_empty())
        .collect();
    assert!(
        facts.len() > 12,
        "rich.json has intros, contexts and tags: {facts:?}"
    );
    let missing: Vec<&String> = facts
        .iter()
        .filter(|fact| run_of(&words, fact).is_none())
        .collect();
    assert!(missing.is_empty(), "not printed: {missing:?}");
}

/// The first word of the run of printed words that reads `text` (letters and digits alone).
fn run_of<'a>(words: &'a [Word], text: &str) -> Option<&'a Word> {
    let wanted = normalised(text);
    (0..words.len()).find_map(|first| {
        let mut read = String::new();
        for word in &words[first..] {
            read.push_str(&normalised(&word.text));
            if !wanted.starts_with(&read) {
                return None;
            }
            if read.len() >= wanted.len() {
                return (read == wanted).then(|| &words[first]);
            }
        }
        None
    })
}

/// The printed size, in points, of each word of the diagram's labels that is printed nowhere
/// else (as often in the PDF as in the labels): labels are set in a monospace font, 0.6 em a
/// letter, so a word's size is its width over 0.6 em a letter.
fn printed_label_sizes(words: &[Word], diagram: &Diagram) -> Vec<(String, f32)> {
    let labels = diagram
        .nodes
        .iter()
        .flat_map(|node| std::iter::once(&node.label).chain(node.detail.iter()))
        .chain(diagram.edges.iter().filter_map(|edge| edge.label.as_ref()));
    let label_words: Vec<&str> = labels.flat_map(|label| label.split_whitespace()).collect();
    let mut sizes = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for &word in &label_words {
        if word.chars().count() < 4 || !seen.insert(word) {
            continue;
        }
        let in_labels = label_words.iter().filter(|&&w| w == word).count();
        let printed: Vec<&Word> = words.iter().filter(|w| w.text == word).collect();
        if printed.len() != in_labels {
            continue;
        }
        let letters = word.chars().count() as f32;
        sizes.extend(
            printed
                .iter()
                .map(|w| (word.to_string(), (w.x_max - w.x_min) / (0.6 * letters))),
        );
    }
    sizes
}
