//! The printed résumé: Chromium prints the release build (`--print-to-pdf`, as "Save as PDF"
//! does) and the PDF must hold her name and every project title on at most three A4 pages.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeMap;
use std::process::Command;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object};

use fantoccini::wd::{PrintConfiguration, PrintSize};
use portfolio::parse::parse_profile;
use support::{chrome, Browser, Engine, Server, TempDir, CHROME_FLAGS};

/// A4 in PDF points (1/72 inch): 210 × 297 mm.
const A4: (f32, f32) = (595.3, 841.9);

/// Letters only, lowercase, ligatures spelled out: a title wrapped over two lines, set in
/// capitals by CSS or typeset with "ﬁ" or "ﬀ" still matches its text.
fn normalised(text: &str) -> String {
    text.replace('ﬃ', "ffi")
        .replace('ﬄ', "ffl")
        .replace('ﬀ', "ff")
        .replace('ﬁ', "fi")
        .replace('ﬂ', "fl")
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Prints `path` of the release build to PDF as "Save as PDF" does, after letting the app
/// start and settle; returns the document and its page numbers.
fn print(path: &str) -> (Document, Vec<u32>) {
    let server = Server::start("/");
    let dir = TempDir(std::env::temp_dir().join(format!(
        "print-test-{}-{}",
        std::process::id(),
        path.len()
    )));
    std::fs::create_dir_all(&dir.0).unwrap();
    let pdf_path = dir.0.join("resume.pdf");
    let output = Command::new(chrome())
        .args(CHROME_FLAGS)
        .arg(format!(
            "--user-data-dir={}",
            dir.0.join("profile").display()
        ))
        .arg("--no-pdf-header-footer")
        // Lets the app start and settle before printing, as a visitor's click would.
        .arg("--virtual-time-budget=5000")
        .arg(format!("--print-to-pdf={}", pdf_path.display()))
        .arg(format!("{}{path}", server.base))
        .output()
        .expect("Chromium starts");
    assert!(
        output.status.success() && pdf_path.exists(),
        "Chromium could not print ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let pdf = Document::load(&pdf_path).expect("Chromium wrote a PDF");
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    (pdf, pages)
}

const ONLY_CHROMIUM: &str = "it prints through Chromium's --print-to-pdf";

/// A card the visitor opened prints with its drawing and, under it, its first scenario as a
/// numbered list. Printed through WebDriver's Print Page, after the app has opened the card
/// (Chromium's `--print-to-pdf` prints before the app has started).
#[tokio::test(flavor = "multi_thread")]
async fn an_open_diagram_prints_with_its_scenario_as_numbered_steps() {
    if !Engine::runs(&[Engine::Chromium], ONLY_CHROMIUM) {
        return;
    }
    let profile = parse_profile(include_str!("../public/profile.json")).expect("profile parses");
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
    let pdf = Document::load_mem(&bytes).expect("a PDF");
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    assert!(pages.len() <= 3, "{} pages", pages.len());
    let text = normalised(&all_text(&pdf, &pages));
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
    let download = profile.site.labels.download_svg.as_deref().unwrap();
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
    let profile = parse_profile(include_str!("../public/profile.json")).expect("profile parses");
    let (pdf, pages) = print("");
    assert!(
        (1..=3).contains(&pages.len()),
        "the résumé takes {} pages, at most 3 allowed",
        pages.len()
    );
    for (&number, &page) in pdf.get_pages().iter() {
        let media_box = pdf
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

    let text = normalised(&all_text(&pdf, &pages));
    let mut expected = vec![profile.person.name.clone()];
    expected.extend(profile.projects.iter().map(|p| p.title.clone()));
    let missing: Vec<&String> = expected
        .iter()
        .filter(|t| !text.contains(&normalised(t)))
        .collect();
    assert!(missing.is_empty(), "not in the printed résumé: {missing:?}");
}

/// The text of the pages and of every form XObject: Chromium draws parts of a page (here the
/// projects' columns) as forms, which `Document::extract_text` does not look into.
fn all_text(pdf: &Document, pages: &[u32]) -> String {
    let mut text = pdf.extract_text(pages).unwrap_or_default();
    for object in pdf.objects.values() {
        let Ok(stream) = object.as_stream() else {
            continue;
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form".as_slice()) {
            continue;
        }
        let encodings = font_encodings(pdf, &stream.dict);
        let Ok(content) = stream
            .decompressed_content()
            .or_else(|_| Ok::<_, lopdf::Error>(stream.content.clone()))
        else {
            continue;
        };
        let Ok(content) = Content::decode(&content) else {
            continue;
        };
        let mut encoding = None;
        for operation in &content.operations {
            match operation.operator.as_str() {
                "Tf" => {
                    encoding = operation
                        .operands
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .and_then(|n| encodings.get(n))
                }
                "Tj" | "TJ" => {
                    if let Some(encoding) = encoding {
                        collect(&mut text, encoding, &operation.operands);
                    }
                }
                "ET" => text.push('\n'),
                _ => {}
            }
        }
    }
    text
}

/// The encodings of the fonts in a form's resources, by resource name.
fn font_encodings<'a>(pdf: &'a Document, form: &'a Dictionary) -> BTreeMap<Vec<u8>, Encoding<'a>> {
    let resolve = |object: &'a Object| {
        pdf.dereference(object)
            .ok()
            .and_then(|(_, o)| o.as_dict().ok())
    };
    let Some(fonts) = form
        .get(b"Resources")
        .ok()
        .and_then(resolve)
        .and_then(|r| r.get(b"Font").ok())
        .and_then(resolve)
    else {
        return BTreeMap::new();
    };
    fonts
        .iter()
        .filter_map(|(name, font)| {
            Some((name.clone(), resolve(font)?.get_font_encoding(pdf).ok()?))
        })
        .collect()
}

fn collect(text: &mut String, encoding: &Encoding, operands: &[Object]) {
    for operand in operands {
        match operand {
            Object::String(bytes, _) => {
                text.push_str(&Document::decode_text(encoding, bytes).unwrap_or_default())
            }
            Object::Array(items) => collect(text, encoding, items),
            _ => {}
        }
    }
}
