//! The page's stylesheet, written into the page as a `<style>` element (a release's minified
//! by lightningcss, npm `lightningcss-cli`, installed into `.tools/` by setup); the policy allows
//! it by its hash (headers.rs).
//!
//! Inline because a linked stylesheet blocks the first paint for a request of its own: a round
//! trip and more on a phone (Lighthouse mobile: FCP 976 → 914 ms on the same page, issue 24),
//! while its 5.4 KB brotli travel in the page's own response.
//!
//! Trunk minifies CSS with the same library, but only together with the page itself, and its
//! HTML minifier rewrites the markup this build reads and extends afterwards (it drops `<head>`
//! and the quotes around attributes). Minified, `style/main.css` goes from 7.8 to 5.2 KB
//! brotli; its comments stay in the source.

use std::fs;
use std::ops::Range;
use std::path::Path;

use crate::rewrite::find_once;
use crate::setup::Tools;
use crate::{root, run, Result};

/// Replaces the one stylesheet link of `page` (staged in `dir`) with its CSS, minified in a
/// `release`, and removes the linked file. A page without exactly one stylesheet link as Trunk
/// writes it is an error: the page would go unstyled.
pub(crate) fn inline_linked(
    tools: &Tools,
    dir: &Path,
    page: &str,
    release: bool,
) -> Result<String> {
    let Range { start, end } = stylesheet_link(page)?;
    let link = &page[start..end];
    let href = crate::loader::attribute(link, "href").ok_or("the stylesheet link has no href")?;
    let file = dir.join(href.rsplit('/').next().unwrap_or(href));
    if release {
        let lightningcss = root().join(".tools/lightningcss/node_modules/.bin/lightningcss");
        run(tools
            .command(lightningcss.to_str().unwrap_or("lightningcss"))
            .arg("--minify")
            .arg(&file)
            .arg("--output-file")
            .arg(&file))?;
    }
    let css = fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    fs::remove_file(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(format!(
        "{}{}{}",
        &page[..start],
        style_element(&css)?,
        &page[end..]
    ))
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
    fn a_page_without_one_stylesheet_link_stops_the_build() {
        let page = r#"<head><link rel="stylesheet" href="/a.css"></head>"#;
        let link = stylesheet_link(page).unwrap();
        assert_eq!(&page[link], r#"<link rel="stylesheet" href="/a.css">"#);
        let error = stylesheet_link("<head></head>").unwrap_err();
        assert!(error.contains("stylesheet"), "{error}");
        assert!(stylesheet_link(&page.repeat(2)).is_err());
    }
}
