//! Printing the release build to PDF and reading its text back, for the tests that check the
//! printed résumé (`tests/print.rs`, and `tests/site.rs` on any profile).

use std::collections::BTreeMap;
use std::process::Command;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object};

use super::{chrome, Server, TempDir, CHROME_FLAGS};

/// A4 in PDF points (1/72 inch): 210 × 297 mm.
pub const A4: (f32, f32) = (595.3, 841.9);

/// Letters only, lowercase, ligatures spelled out: a title wrapped over two lines, set in
/// capitals by CSS or typeset with "ﬁ" or "ﬀ" still matches its text.
pub fn normalised(text: &str) -> String {
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
pub fn print(path: &str) -> (Document, Vec<u32>) {
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

/// The text of the pages and of every form XObject: Chromium draws parts of a page (here the
/// projects' columns) as forms, which `Document::extract_text` does not look into.
pub fn all_text(pdf: &Document, pages: &[u32]) -> String {
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
