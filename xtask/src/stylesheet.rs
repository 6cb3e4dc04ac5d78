//! A release's stylesheet minified by lightningcss (npm `lightningcss-cli`, installed into
//! `.tools/` by setup), with the integrity the page checks it against rewritten.
//!
//! Trunk minifies CSS with the same library, but only together with the page itself, and its
//! HTML minifier rewrites the markup this build reads and extends afterwards (it drops `<head>`
//! and the quotes around attributes). Minified, `style/main.css` goes from 7.8 to 5.2 KB
//! brotli; its comments stay in the source.

use std::fs;
use std::ops::Range;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::rewrite::{find_once, replace_once};
use crate::setup::Tools;
use crate::{root, run, Result};

/// Minifies the stylesheet that `page` (staged in `dir`) links, in place, and returns the page
/// with the link's new integrity. A page without exactly one stylesheet link as Trunk writes
/// it is an error: its CSS would go unminified.
pub(crate) fn minify_linked(tools: &Tools, dir: &Path, page: &str) -> Result<String> {
    let Range { start, end } = stylesheet_link(page)?;
    let link = &page[start..end];
    let href = crate::loader::attribute(link, "href").ok_or("the stylesheet link has no href")?;
    let file = dir.join(href.rsplit('/').next().unwrap_or(href));
    let lightningcss = root().join(".tools/lightningcss/node_modules/.bin/lightningcss");
    run(tools
        .command(lightningcss.to_str().unwrap_or("lightningcss"))
        .arg("--minify")
        .arg(&file)
        .arg("--output-file")
        .arg(&file))?;
    let css = fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(format!(
        "{}{}{}",
        &page[..start],
        with_integrity(link, &css)?,
        &page[end..]
    ))
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

/// `link` with its `integrity` that of `css` (added when it had none).
fn with_integrity(link: &str, css: &[u8]) -> Result<String> {
    let integrity = format!("sha256-{}", crate::headers::base64(&Sha256::digest(css)));
    let (from, to) = match crate::loader::attribute(link, "integrity") {
        Some(old) => (
            format!(" integrity=\"{old}\""),
            format!(" integrity=\"{integrity}\""),
        ),
        None => (
            "<link ".to_string(),
            format!("<link integrity=\"{integrity}\" "),
        ),
    };
    replace_once(link, &from, &to, "the stylesheet link")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_gets_the_integrity_of_the_minified_css() {
        let css = b"a{color:red}";
        let expected = format!("sha256-{}", crate::headers::base64(&Sha256::digest(css)));
        let link = r#"<link rel="stylesheet" href="/main-1.css" integrity="sha384-old"/>"#;
        assert_eq!(
            with_integrity(link, css).unwrap(),
            format!(r#"<link rel="stylesheet" href="/main-1.css" integrity="{expected}"/>"#)
        );
        let bare = r#"<link rel="stylesheet" href="/main-1.css">"#;
        assert_eq!(
            with_integrity(bare, css).unwrap(),
            format!(r#"<link integrity="{expected}" rel="stylesheet" href="/main-1.css">"#)
        );
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
