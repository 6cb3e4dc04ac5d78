//! Printing the release build to PDF and reading its text back, for the tests that check the
//! printed résumé (`tests/print.rs`, and `tests/site.rs` on any profile).

use std::process::Command;

use lopdf::Document;

use super::{chrome, Server, TempDir, CHROME_FLAGS};

/// A4 in PDF points (1/72 inch): 210 × 297 mm.
pub const A4: (f32, f32) = (595.3, 841.9);

/// Letters and digits only, in capitals, ligatures spelled out: a title wrapped over two lines
/// (at a hyphen, which the PDF's reader may drop), set in capitals by CSS (where "ß" becomes
/// "SS") or typeset with "ﬁ" or "ﬀ" still matches its text.
pub fn normalised(text: &str) -> String {
    text.replace('ﬃ', "ffi")
        .replace('ﬄ', "ffl")
        .replace('ﬀ', "ff")
        .replace('ﬁ', "fi")
        .replace('ﬂ', "fl")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

/// A printed page: the PDF, its page numbers and its text.
pub struct Printed {
    pub pdf: Document,
    pub pages: Vec<u32>,
    pub text: String,
    pub bytes: Vec<u8>,
}

impl Printed {
    pub fn of(bytes: &[u8]) -> Self {
        let pdf = Document::load_mem(bytes).expect("a PDF");
        let pages = pdf.get_pages().keys().copied().collect();
        Printed {
            pdf,
            pages,
            text: text_of(bytes),
            bytes: bytes.to_vec(),
        }
    }
}

impl Printed {
    /// What a printed résumé must hold and this one does not: the name and every project's
    /// title.
    pub fn missing_name_or_titles(&self, profile: &portfolio::model::Profile) -> Vec<String> {
        let text = normalised(&self.text);
        let mut expected = vec![profile.person.name.clone()];
        expected.extend(profile.projects.iter().map(|p| p.title.clone()));
        expected
            .into_iter()
            .filter(|t| !text.contains(&normalised(t)))
            .collect()
    }
}

/// Prints `path` of the release build to PDF as "Save as PDF" does, after letting the app
/// start and settle.
pub fn print(path: &str) -> Printed {
    let server = Server::start("/");
    // One directory (and Chromium profile) per test thread: tests print in parallel.
    let dir = TempDir(std::env::temp_dir().join(format!(
        "print-test-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
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
    Printed::of(&std::fs::read(&pdf_path).expect("Chromium wrote a PDF"))
}

/// The text of a PDF, as poppler's `pdftotext` reads it (Debian `poppler-utils`, which
/// `cargo xtask test` installs): it maps every font's glyphs back to text, CJK and accented
/// letters included, which a hand-written reader of the content streams did not.
pub fn text_of(pdf: &[u8]) -> String {
    pdftotext_of(pdf, &[])
}

/// The text of a PDF laid out as printed (`pdftotext -layout`): a full-width section's lines
/// read in order, whatever stands in columns beside or above it.
pub fn layout_text_of(pdf: &[u8]) -> String {
    pdftotext_of(pdf, &["-layout"])
}

/// A printed word and its box, in points from the top left of its page (1-based).
#[derive(Debug, Clone)]
pub struct Word {
    pub page: usize,
    pub text: String,
    pub x_min: f32,
    pub y_min: f32,
    pub x_max: f32,
    pub y_max: f32,
}

/// Every word of a PDF with its box, in the order it is drawn (`pdftotext -bbox`).
pub fn words_of(pdf: &[u8]) -> Vec<Word> {
    let html = pdftotext_of(pdf, &["-bbox"]);
    let mut words = Vec::new();
    let mut page = 0;
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
        }
        let Some(rest) = line.strip_prefix("<word ") else {
            continue;
        };
        let number = |name: &str| -> f32 {
            let from = rest.find(&format!("{name}=\"")).expect("a coordinate") + name.len() + 2;
            let to = from + rest[from..].find('"').expect("a closing quote");
            rest[from..to].parse().expect("a number")
        };
        let text = &rest[rest.find('>').expect("a word's text") + 1
            ..rest.rfind("</word>").expect("a word's end")];
        words.push(Word {
            page,
            text: text
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&"),
            x_min: number("xMin"),
            y_min: number("yMin"),
            x_max: number("xMax"),
            y_max: number("yMax"),
        });
    }
    words
}

fn pdftotext_of(pdf: &[u8], args: &[&str]) -> String {
    let dir = TempDir(std::env::temp_dir().join(format!(
        "pdf-text-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    )));
    std::fs::create_dir_all(&dir.0).unwrap();
    let file = dir.0.join("printed.pdf");
    std::fs::write(&file, pdf).unwrap();
    let output = Command::new(pdftotext())
        .args(args)
        .arg(&file)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{}: {e} (`cargo xtask test` installs it)", pdftotext()));
    assert!(
        output.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `PDFTOTEXT` (set by `cargo xtask test`), else `pdftotext` on the PATH.
fn pdftotext() -> String {
    std::env::var("PDFTOTEXT").unwrap_or_else(|_| "pdftotext".into())
}
