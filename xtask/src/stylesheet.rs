//! A release's stylesheet minified by lightningcss (npm `lightningcss-cli`, installed into
//! `.tools/` by setup), with the integrity the page checks it against rewritten.
//!
//! Trunk minifies CSS with the same library, but only together with the page itself, and its
//! HTML minifier rewrites the markup this build reads and extends afterwards (it drops `<head>`
//! and the quotes around attributes). Minified, `style/main.css` goes from 7.8 to 5.2 KB
//! brotli; its comments stay in the source.

use std::fs;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::setup::Tools;
use crate::{root, run, Result};

/// Minifies the stylesheet that `page` (staged in `dir`) links, in place, and returns the page
/// with the link's new integrity. A page that links no stylesheet is returned as it is.
pub(crate) fn minify_linked(tools: &Tools, dir: &Path, page: &str) -> Result<String> {
    let Some(start) = page.find("<link rel=\"stylesheet\"") else {
        return Ok(page.to_string());
    };
    let end = start
        + page[start..]
            .find('>')
            .ok_or("an unterminated stylesheet link")?
        + 1;
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
        with_integrity(link, &css),
        &page[end..]
    ))
}

/// `link` with its `integrity` that of `css` (added when it had none).
fn with_integrity(link: &str, css: &[u8]) -> String {
    let integrity = format!("sha256-{}", crate::headers::base64(&Sha256::digest(css)));
    match crate::loader::attribute(link, "integrity") {
        Some(old) => link.replacen(old, &integrity, 1),
        None => link.replacen("<link ", &format!("<link integrity=\"{integrity}\" "), 1),
    }
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
            with_integrity(link, css),
            format!(r#"<link rel="stylesheet" href="/main-1.css" integrity="{expected}"/>"#)
        );
        let bare = r#"<link rel="stylesheet" href="/main-1.css">"#;
        assert_eq!(
            with_integrity(bare, css),
            format!(r#"<link integrity="{expected}" rel="stylesheet" href="/main-1.css">"#)
        );
    }
}
