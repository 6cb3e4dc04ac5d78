//! The page's loader: the script (`loader.js`, its placeholders filled in here) that `cargo
//! xtask wasm` writes into the staged page so the prerendered page paints before any of the
//! app's bytes compete with it, with subresource integrity kept; and the icon written into the
//! page.
//!
//! Trunk's loader preloaded the JS glue and the wasm from `<head>` and started the app as soon as
//! the module ran. Measured with Lighthouse (mobile), that put both downloads and the start-up
//! ahead of the first paint: the largest paint came at 1.65 s against 0.85 s for the same page as
//! plain HTML. Now both are fetched once the first contentful paint is reported, still checked
//! against their SHA-256: the glue and wasm-split's loader through an import map's `integrity`
//! (they are imported dynamically), the wasm through `fetch(…, { integrity })`. The stylesheet
//! the first paint does without (`stylesheet.rs`) is added first, with its integrity.

use std::fs;
use std::path::Path;

use crate::rewrite::{find_once, replace_once};
use crate::wasm::{Files, Output};
use crate::Result;

/// Writes the icon of `dir/index.html` into the page.
pub(crate) fn inline_icon_of(dir: &Path) -> Result {
    let path = dir.join("index.html");
    let page = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let page = inline_icon(&page, dir)?;
    fs::write(&path, page).map_err(|e| format!("{}: {e}", path.display()))
}

/// The value of attribute `name` in the tag `tag`.
pub(crate) fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[start..start + tag[start..].find('"')?])
}

/// The SVG icon as a `data:` URL in its `<link rel="icon">`, read from `dir`.
fn inline_icon(page: &str, dir: &Path) -> Result<String> {
    let start = find_once(page, "<link rel=\"icon\"", "the index.html Trunk built")?;
    let end = start + page[start..].find('>').ok_or("an unterminated icon link")? + 1;
    let href = attribute(&page[start..end], "href").ok_or("the icon link has no href")?;
    let file = dir.join(href.rsplit('/').next().unwrap_or(href));
    let svg = fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let link = format!(
        "<link rel=\"icon\" href=\"data:image/svg+xml;base64,{}\">",
        crate::headers::base64(&svg)
    );
    Ok(format!("{}{link}{}", &page[..start], &page[end..]))
}

/// The loader's module script, with a placeholder for each of the values filled in below.
const LOADER_JS: &str = include_str!("loader.js");

/// The import map and the module script that add the `later` stylesheet and start the app from
/// `files`, served under `public_url`. `minify` is given the module's JS as filled in (a release
/// has terser's).
pub(crate) fn script(
    files: &Files,
    later: &Output,
    public_url: &str,
    minify: impl FnOnce(&str) -> Result<String>,
) -> Result<String> {
    let url = |file: &Output| format!("{public_url}{}", file.name);
    let mut integrity = serde_json::Map::new();
    for file in [&files.glue, &files.split_js] {
        integrity.insert(url(file), file.integrity().into());
    }
    let import_map = serde_json::json!({ "integrity": integrity });
    let module = minify(&module_js(LOADER_JS, files, later, public_url)?)?;
    // The map first: a browser without multiple import maps ignores one that comes after a
    // module script has started.
    Ok(format!(
        "<script type=\"importmap\">{import_map}</script><script type=\"module\">{module}</script>"
    ))
}

/// `template` (the loader's JS) with its placeholders filled in: where the later stylesheet,
/// the glue and the wasm are (the glue and the wasm under `public_url`), and the stylesheet's
/// and the wasm's integrity. A placeholder the
/// template does not hold once is an error.
fn module_js(template: &str, files: &Files, later: &Output, public_url: &str) -> Result<String> {
    let mut js = template.to_string();
    for (placeholder, value) in [
        // Relative, as the page's own `<noscript>` link (stylesheet.rs).
        ("__LATER_CSS__", later.name.clone()),
        ("__LATER_CSS_INTEGRITY__", later.integrity()),
        ("__GLUE__", format!("{public_url}{}", files.glue.name)),
        ("__WASM__", format!("{public_url}{}", files.wasm.name)),
        ("__WASM_INTEGRITY__", files.wasm.integrity()),
    ] {
        let literal = serde_json::Value::from(value).to_string();
        js = replace_once(&js, placeholder, &literal, "xtask/src/loader.js")?;
    }
    Ok(js)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Files {
        let output = |name: &str| Output {
            name: name.into(),
            bytes: name.as_bytes().to_vec(),
        };
        Files {
            glue: output("a.js"),
            split_js: output("split-a.js"),
            wasm: output("a_bg.wasm"),
            chunks: vec![output("save-b.wasm")],
        }
    }

    fn later() -> Output {
        Output {
            name: "later-c.css".into(),
            bytes: b"p{}".to_vec(),
        }
    }

    #[test]
    fn glue_and_wasm_are_fetched_after_the_first_paint_with_their_integrity() {
        let files = files();
        let page = script(&files, &later(), "/sub/", |js| Ok(js.to_string())).unwrap();
        let map = format!(
            concat!(
                r#"<script type="importmap">{{"integrity":"#,
                r#"{{"/sub/a.js":"{}","/sub/split-a.js":"{}"}}}}</script>"#
            ),
            files.glue.integrity(),
            files.split_js.integrity()
        );
        assert!(page.starts_with(&map), "the import map comes first: {page}");
        assert!(
            !page.contains("import init"),
            "no static import: it would fetch the glue at once"
        );
        let wait = page.find("PerformanceObserver").unwrap();
        let import = page
            .find(r#"await import("/sub/a.js").catch(stop)"#)
            .unwrap();
        assert!(wait < import, "{page}");
        // The later stylesheet: after the paint, before the app's files, with its integrity.
        let stylesheet = page.find(r#"link.href = "later-c.css";"#).unwrap();
        assert!(wait < stylesheet && stylesheet < import, "{page}");
        assert!(
            page.contains(&format!(r#"link.integrity = "{}";"#, later().integrity())),
            "{page}"
        );
        assert!(
            page.contains(&format!(
                r#"fetch("/sub/a_bg.wasm", {{ integrity: "{}" }}) }}).catch(stop)"#,
                files.wasm.integrity()
            )),
            "{page}"
        );
        assert!(
            page.contains("did not start"),
            "a failure is said in the console: {page}"
        );
        assert!(
            page.contains("if (woken.get(slot) === true || !slot.contains(island)) return;"),
            "only a click on an island waits for its takeover: {page}"
        );
        assert!(
            !page.contains("save-b"),
            "a chunk is not fetched with the page: {page}"
        );
        assert!(page.ends_with("</script>"), "{page}");
    }

    #[test]
    fn every_placeholder_is_filled_and_a_missing_one_stops_the_build() {
        let files = files();
        let js = module_js(LOADER_JS, &files, &later(), "/").unwrap();
        for placeholder in ["__GLUE__", "__WASM", "__LATER"] {
            assert!(!js.contains(placeholder), "{js}");
        }
        let without = LOADER_JS.replace("__WASM_INTEGRITY__", "'sha256-'");
        let error = module_js(&without, &files, &later(), "/").unwrap_err();
        assert!(error.contains("__WASM_INTEGRITY__"), "{error}");
        assert!(error.contains("loader.js"), "{error}");
    }

    #[test]
    fn the_module_is_minified_as_given() {
        let page = script(&files(), &later(), "/", |js| {
            assert!(js.contains("await import(\"/a.js\")"), "{js}");
            Ok("go()".into())
        })
        .unwrap();
        assert!(
            page.ends_with(r#"<script type="module">go()</script>"#),
            "{page}"
        );
    }

    #[test]
    fn the_icon_is_written_into_the_page() {
        let dir = std::env::temp_dir().join(format!("loader-icon-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("favicon-0123.svg"), "<svg/>").unwrap();
        let page = inline_icon(
            r#"<head><link rel="icon" href="/sub/favicon-0123.svg" integrity="sha384-x"/></head>"#,
            &dir,
        )
        .unwrap();
        assert_eq!(
            page,
            r#"<head><link rel="icon" href="data:image/svg+xml;base64,PHN2Zy8+"></head>"#
        );
        let error = inline_icon("<head></head>", &dir).unwrap_err();
        assert!(error.contains(r#"<link rel="icon""#), "{error}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
