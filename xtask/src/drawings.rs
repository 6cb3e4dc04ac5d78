//! The drawings the prerendered page links as images instead of holding them (all but the
//! first card's wide one: `portfolio::drawing_files`), written into `drawings-<hash>/` beside
//! the page. The directory is named by a hash of what it holds, so hosts cache it for good
//! (`headers.rs`) and a build that changes a drawing or the stylesheet links a new one.

use std::fs;
use std::path::Path;

use portfolio::page::Page;

use crate::Result;

/// The start of the drawings' directory name; a hash of its files follows.
pub(crate) const PREFIX: &str = "drawings-";

/// Where a part of `style/main.css` that a drawing file needs starts, and where it ends.
const MARKS: (&str, &str) = ("/* drawing file {", "/* } drawing file */");

/// Writes the drawing files of `page` into `dir`, each styled by what `style/main.css` marks
/// for them, and returns their directory's name (relative to the page).
pub(crate) fn write_for(dir: &Path, page: &Page) -> Result<String> {
    let path = crate::root().join("style/main.css");
    let source = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    write(dir, page, &drawing_css(&source)?)
}

/// The parts of the page's stylesheet between `MARKS` (the tokens, and the drawing's own
/// rules), without comments. No marks, or one left open, stops the build: the drawings would
/// be unstyled.
fn drawing_css(source: &str) -> Result<String> {
    let (open, close) = MARKS;
    let mut css = String::new();
    let mut rest = source;
    while let Some(start) = rest.find(open) {
        let end = rest[start..]
            .find(close)
            .ok_or_else(|| format!("style/main.css: `{open}` without `{close}`"))?;
        css.push_str(&without_comments(&rest[start..start + end]));
        rest = &rest[start + end + close.len()..];
    }
    if css.is_empty() {
        return Err(format!(
            "style/main.css marks nothing for drawing files (`{open}`)"
        ));
    }
    Ok(css)
}

/// CSS without its comments (`/* … */`); the rules need no more.
fn without_comments(css: &str) -> String {
    let mut out = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes the drawing files of `page` into `dir`, each styled by `css`, and returns their
/// directory's name (relative to the page). A drawing that is not well-formed XML (an image's
/// parser refuses it whole) stops the build, naming it.
fn write(dir: &Path, page: &Page, css: &str) -> Result<String> {
    if css.contains("]]>") {
        return Err("the stylesheet holds `]]>`, which would end a drawing file's CDATA".into());
    }
    let files = portfolio::drawing_files(page, css);
    for file in &files {
        roxmltree::Document::parse(&file.svg)
            .map_err(|e| format!("the drawing file {} is not well-formed XML: {e}", file.name))?;
    }
    let parts = files
        .iter()
        .flat_map(|file| [file.name.as_bytes(), file.svg.as_bytes()]);
    let name = format!("{PREFIX}{}", crate::wasm::content_hash(parts));
    remove_earlier(dir)?;
    let out = dir.join(&name);
    fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    for file in &files {
        let path = out.join(&file.name);
        fs::write(&path, &file.svg).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    println!("[dist] {} drawing files in {name}/", files.len());
    Ok(name)
}

/// Removes the drawings of an earlier build of `dir`: only the page's own may stay.
fn remove_earlier(dir: &Path) -> Result {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(PREFIX) {
            fs::remove_dir_all(entry.path()).map_err(|e| format!("{e}"))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = include_str!("../../tests/fixtures/rich.json");

    fn page() -> Page {
        Page::new(portfolio::parse::parse_profile(FIXTURE).unwrap())
    }

    /// Every drawing but the first card's wide one, in both themes, each a well-formed SVG
    /// image that pins its theme, carries the stylesheet and draws its diagram's node labels.
    #[test]
    fn every_drawing_but_the_first_cards_wide_one_is_a_file_in_both_themes() {
        let dir = std::env::temp_dir().join(format!("xtask-drawings-{}", std::process::id()));
        let page = page();
        let name = write(&dir, &page, ".node rect{fill:red}").unwrap();
        assert!(name.starts_with(PREFIX));
        let projects = &page.profile().projects;
        for (index, project) in projects.iter().enumerate() {
            for drawing in ["wide", "narrow"] {
                for theme in ["light", "dark"] {
                    let file = format!("{}.{drawing}.{theme}.svg", project.id);
                    let path = dir.join(&name).join(file);
                    if index == 0 && drawing == "wide" {
                        assert!(
                            !path.exists(),
                            "the first card's wide drawing is in the page"
                        );
                        continue;
                    }
                    let svg = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}: {path:?}"));
                    let document = roxmltree::Document::parse(&svg).unwrap();
                    let root = document.root_element();
                    assert_eq!(root.attribute("data-theme"), Some(theme));
                    assert!(
                        svg.contains(".node rect{fill:red}"),
                        "{path:?} has no stylesheet"
                    );
                    let label = &project.diagram.nodes[0].label;
                    let first_word = label.split_whitespace().next().unwrap();
                    assert!(svg.contains(first_word), "{path:?} does not draw {label:?}");
                }
            }
        }
        fs::remove_dir_all(&dir).unwrap();
    }

    /// The page's tokens and drawing rules, and nothing of the rest of the page.
    #[test]
    fn a_drawing_file_is_styled_by_the_tokens_and_the_drawing_rules_alone() {
        let source = fs::read_to_string(crate::root().join("style/main.css")).unwrap();
        let css = drawing_css(&source).unwrap();
        for part in [
            "--accent:",
            ".node",
            ".edge",
            ".edge-label",
            ".group-label",
            ".arrow",
        ] {
            assert!(css.contains(part), "no {part} in {css}");
        }
        for page_only in [".hero", ".project-card", ".filter", "/*"] {
            assert!(
                !css.contains(page_only),
                "{page_only} in a drawing file's CSS"
            );
        }
        assert!(drawing_css("a{}").unwrap_err().contains("marks nothing"));
        assert!(drawing_css("/* drawing file { a{}")
            .unwrap_err()
            .contains("without"));
    }

    #[test]
    fn a_stylesheet_that_would_end_the_cdata_stops_the_build() {
        let dir = std::env::temp_dir().join(format!("xtask-drawings-cdata-{}", std::process::id()));
        let error = write(&dir, &page(), "a{content:\"]]>\"}").unwrap_err();
        assert!(error.contains("]]>"), "{error}");
    }
}
