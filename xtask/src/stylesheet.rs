//! The page's two stylesheets, a release's minified by lightningcss (npm `lightningcss-cli`,
//! installed into `.tools/` by setup): `style/main.css`, what the first paint needs, written
//! into the page as a `<style>` (allowed by its hash, headers.rs), and `style/later.css`, what
//! it does without, a content-hashed file of its own.
//!
//! The first paint's CSS is inline because a linked stylesheet blocks the first paint for a
//! request of its own: a round trip and more on a phone (Lighthouse mobile: FCP 976 → 914 ms on
//! the same page, issue 24). The rest is not in the page because the page must fit the first
//! round trip of its connection (TCP's initial window, about 14 KB: issue 24): the print rules
//! and those of what only the app shows (an open card's player, the error panel, …) are 2.4 KB
//! brotli alone, and took the page (index.html) from 27.5 to 25.8 KB. The loader adds the file
//! once the page is painted (with its integrity), before it fetches the app, so it is there
//! before anything it styles; a page without JavaScript loads it from a `<noscript>` link,
//! before its paint. Print needs no wait for it: Save as PDF answers only once the app is live,
//! and the app's files are asked for after it; only a print started from the browser's menu in
//! the round trip between the paint and its arrival would print the page as on screen.
//!
//! Trunk minifies CSS with the same library, but only together with the page itself, and its
//! HTML minifier rewrites the markup this build reads and extends afterwards (it drops `<head>`
//! and the quotes around attributes). Minified, `style/main.css` goes from 6.2 to 4.0 KB
//! brotli, `style/later.css` from 5.1 to 2.4; their comments stay in the source.

use std::fs;
use std::ops::Range;
use std::path::Path;

use crate::rewrite::find_once;
use crate::setup::Tools;
use crate::wasm::Output;
use crate::{root, run, Result};

/// The source of the CSS the first paint does without.
const LATER: &str = "style/later.css";

/// Replaces the one stylesheet link of `page` (staged in `dir`) with its CSS, minified in a
/// `release`, followed by the `<noscript>` link to `later`, and removes the linked file. A page
/// without exactly one stylesheet link as Trunk writes it is an error: the page would go unstyled.
pub(crate) fn inline_linked(
    tools: &Tools,
    dir: &Path,
    page: &str,
    release: bool,
    later: &Output,
) -> Result<String> {
    let Range { start, end } = stylesheet_link(page)?;
    let link = &page[start..end];
    let href = crate::loader::attribute(link, "href").ok_or("the stylesheet link has no href")?;
    let file = dir.join(href.rsplit('/').next().unwrap_or(href));
    if release {
        minify(tools, &file, &file)?;
    }
    let css = fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    fs::remove_file(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(format!(
        "{}{}<noscript>{}</noscript>{}",
        &page[..start],
        style_element(&css)?,
        link_element(later),
        &page[end..]
    ))
}

/// `style/later.css`, minified in a `release` (in `work`), named by its content.
pub(crate) fn later(tools: &Tools, work: &Path, release: bool) -> Result<Output> {
    let source = root().join(LATER);
    let file = if release {
        fs::create_dir_all(work).map_err(|e| format!("{}: {e}", work.display()))?;
        let out = work.join("later.min.css");
        minify(tools, &source, &out)?;
        out
    } else {
        source
    };
    let bytes = fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(Output {
        name: format!(
            "later-{}.css",
            crate::wasm::content_hash([bytes.as_slice()])
        ),
        bytes,
    })
}

/// A link that loads `later`, checked against its SHA-256. Its address is relative, as the
/// page's fetch of profile.json is, so a site served under a sub-path finds it (edit/ and the
/// 404 page make it theirs: `edit_page.rs`, `headers.rs`). Same-origin, so no `crossorigin`:
/// the integrity of a same-origin response is checked without CORS, in Chromium, Firefox and
/// WebKit alike (tests/browser/e2e.rs).
pub(crate) fn link_element(later: &Output) -> String {
    format!(
        "<link rel=\"stylesheet\" href=\"{}\" integrity=\"{}\">",
        later.name,
        later.integrity()
    )
}

/// lightningcss's `--minify` of `from` into `to`.
fn minify(tools: &Tools, from: &Path, to: &Path) -> Result {
    let lightningcss = root().join(".tools/lightningcss/node_modules/.bin/lightningcss");
    run(tools
        .command(lightningcss.to_str().unwrap_or("lightningcss"))
        .arg("--minify")
        .arg(from)
        .arg("--output-file")
        .arg(to))
}

/// `css` as a `<style>` element; CSS that would end the element early is refused.
fn style_element(css: &str) -> Result<String> {
    if css.to_ascii_lowercase().contains("</style") {
        return Err("the stylesheet holds `</style`, which would end its <style> element".into());
    }
    Ok(format!("<style>{}</style>", css.trim_end()))
}

/// Where the one stylesheet link of `page` is.
fn stylesheet_link(page: &str) -> Result<Range<usize>> {
    let start = find_once(
        page,
        "<link rel=\"stylesheet\"",
        "the index.html Trunk staged",
    )?;
    let length = page[start..]
        .find('>')
        .ok_or("an unterminated stylesheet link")?;
    Ok(start..start + length + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_css_becomes_a_style_element_unless_it_would_end_it() {
        assert_eq!(
            style_element("a{color:red}\n").unwrap(),
            "<style>a{color:red}</style>"
        );
        let error = style_element("a::after{content:\"</STYLE>\"}").unwrap_err();
        assert!(error.contains("</style"), "{error}");
    }

    #[test]
    fn the_later_stylesheet_is_linked_by_a_relative_address_with_its_integrity() {
        let later = Output {
            name: "later-0123456789abcdef.css".into(),
            bytes: b"p{}".to_vec(),
        };
        assert_eq!(
            link_element(&later),
            format!(
                r#"<link rel="stylesheet" href="later-0123456789abcdef.css" integrity="{}">"#,
                later.integrity()
            )
        );
    }

    /// What the first paint never needs stays out of the page: print and the page without
    /// JavaScript are later.css's (the rules of what only the app shows are told apart by the
    /// browser tests, which compare the page with and without it).
    #[test]
    fn print_and_no_script_rules_are_the_later_stylesheet_s() {
        let read = |path: &str| fs::read_to_string(root().join(path)).unwrap();
        let (main, later) = (read("style/main.css"), read(LATER));
        for rule in ["@media print", "html:not(.js)", "@page"] {
            assert!(!main.contains(rule), "{rule} in main.css");
            assert!(later.contains(rule), "{rule} not in later.css");
        }
    }

    #[test]
    fn a_page_without_one_stylesheet_link_stops_the_build() {
        let page = r#"<head><link rel="stylesheet" href="/a.css"></head>"#;
        let link = stylesheet_link(page).unwrap();
        assert_eq!(&page[link], r#"<link rel="stylesheet" href="/a.css">"#);
        let error = stylesheet_link("<head></head>").unwrap_err();
        assert!(error.contains("stylesheet"), "{error}");
        assert!(stylesheet_link(&page.repeat(2)).is_err());
    }
}
