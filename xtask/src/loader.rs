//! What starts the app: the page's bootstrap (`bootstrap.js`, a module script in the page, its
//! placeholders filled in here) that waits for the first paint and then asks for everything
//! at once, the loader it imports (`loader.js`, a module file of its own), and the import map
//! that holds the modules' integrity; so the prerendered page paints before any of the app's
//! bytes compete with it, with subresource integrity kept. Also the icon written into the page.
//!
//! Trunk's loader preloaded the JS glue and the wasm from `<head>` and started the app as soon as
//! the module ran. Measured with Lighthouse (mobile), that put both downloads and the start-up
//! ahead of the first paint: the largest paint came at 1.65 s against 0.85 s for the same page as
//! plain HTML. Now they are fetched once the first contentful paint is reported, still checked
//! against their SHA-256: the loader, the glue and wasm-split's loader through an import map's
//! `integrity` (they are imported dynamically), the wasm and the islands' props through
//! `fetch(…, { integrity })`. The loader is out of the page because the first response must
//! fit the first round trip (issue 24): in the page it was 0.7 KB of it (brotli, net of the
//! bootstrap that stays). The stylesheet the first paint does without (`stylesheet.rs`) is
//! added first, with its integrity.

use std::fs;
use std::path::Path;

use crate::rewrite::{find_once, replace_once};
use crate::wasm::{content_hash, Files, Output};
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
        "<link rel=\"icon\" href=\"data:image/svg+xml,{}\">",
        percent_encoded(&svg)
    );
    Ok(format!("{}{link}{}", &page[..start], &page[end..]))
}

/// `bytes` as URL text: percent-encoded but for letters, digits and the few marks an SVG's
/// text is mostly made of. The icon's text so stays text, which brotli packs in less than
/// base64 (issue 24: about 100 bytes of the first response).
fn percent_encoded(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'/' | b':' | b'=' | b',' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The loader: a module file of its own, fetched after the first paint.
const LOADER_JS: &str = include_str!("loader.js");

/// The page's bootstrap (its only module script), with a placeholder for each of the values
/// filled in below and in `islands.rs`.
const BOOTSTRAP_JS: &str = include_str!("bootstrap.js");

/// The placeholders of the bootstrap that the profile's part of the build fills in: where the
/// islands' props are, and their integrity (`islands.rs`); where the cards' details are, and
/// theirs (`details_page.rs`).
pub(crate) const ISLANDS: &str = "__ISLANDS__";
pub(crate) const ISLANDS_INTEGRITY: &str = "__ISLANDS_INTEGRITY__";
pub(crate) const DETAILS: &str = "__DETAILS__";
pub(crate) const DETAILS_INTEGRITY: &str = "__DETAILS_INTEGRITY__";

/// Writes `file` into `dir`, beside the page, and `page` as `dir/index.html` with the
/// bootstrap's placeholders `[url, integrity]` filled in: the file at `href`, and its integrity.
/// For the files the profile's part of the build moves out of the page (`islands.rs`,
/// `details_page.rs`).
pub(crate) fn write_moved(
    dir: &Path,
    mut page: String,
    file: &Output,
    href: String,
    [url, integrity]: [&str; 2],
) -> Result {
    for (placeholder, value) in [(url, href), (integrity, file.integrity())] {
        let literal = serde_json::Value::from(value).to_string();
        page = replace_once(&page, placeholder, &literal, "the page's bootstrap")?;
    }
    let written = dir.join(&file.name);
    fs::write(&written, &file.bytes).map_err(|e| format!("{}: {e}", written.display()))?;
    let path = dir.join("index.html");
    fs::write(&path, page).map_err(|e| format!("{}: {e}", path.display()))
}

/// For a move's tests: a directory of its own (named after `part`) holding the rich fixture's
/// profile and its prerendered page, whose bootstrap names the file to be moved by the
/// placeholders of `part` as `bootstrap.js` does (`ISLANDS`: `__ISLANDS__` and
/// `__ISLANDS_INTEGRITY__`).
/// Returns the directory, the page model and the body as rendered.
#[cfg(test)]
pub(crate) fn fixture_page(part: &str) -> (std::path::PathBuf, portfolio::page::Page, String) {
    let name = part.to_lowercase();
    let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let text = include_str!("../../tests/fixtures/rich.json");
    fs::write(dir.join("profile.json"), text).unwrap();
    let (page, body) = crate::prerender::body_of(&dir).unwrap();
    let bootstrap =
        format!("<script type=\"module\">f(__{part}__,{{integrity:__{part}_INTEGRITY__}})");
    let html = format!("<head>{bootstrap}</script></head><body>{body}</body>");
    fs::write(dir.join("index.html"), html).unwrap();
    (dir, page, body)
}

/// The file named `<prefix>…<suffix>` that `write_moved` wrote into `dir`, once its tests'
/// bootstrap, `f(__URL__,{integrity:__INTEGRITY__})`, names it under `/sub/` with its integrity.
#[cfg(test)]
pub(crate) fn moved_file(dir: &Path, prefix: &str, suffix: &str) -> Output {
    let name = fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with(prefix) && n.ends_with(suffix))
        .unwrap_or_else(|| panic!("no {prefix}*{suffix} in {}", dir.display()));
    let bytes = fs::read(dir.join(&name)).unwrap();
    let file = Output { name, bytes };
    let page = fs::read_to_string(dir.join("index.html")).unwrap();
    let named = format!(
        r#"f("/sub/{}",{{integrity:"{}"}})"#,
        file.name,
        file.integrity()
    );
    assert!(
        page.contains(&named),
        "the bootstrap names {named}: {}",
        &page[..200]
    );
    file
}

/// What starts the app from the page.
pub(crate) struct Scripts {
    /// The page's import map and its bootstrap, a module script.
    pub(crate) page: String,
    /// The loader's module, `loader-<hash>.js`, written beside the page.
    pub(crate) loader: Output,
}

/// The import map, the bootstrap and the loader that add the `later` stylesheet and start the
/// app from `files`, served under `public_url`. `minify` is given each module's JS as filled in
/// (a release has terser's).
pub(crate) fn scripts(
    files: &Files,
    later: &Output,
    public_url: &str,
    minify: impl Fn(&str) -> Result<String>,
) -> Result<Scripts> {
    let js = minify(LOADER_JS)?;
    let loader = Output {
        name: format!("loader-{}.js", content_hash([js.as_bytes()])),
        bytes: js.into_bytes(),
    };
    let url = |file: &Output| format!("{public_url}{}", file.name);
    let mut integrity = serde_json::Map::new();
    for file in [&loader, &files.glue, &files.split_js] {
        integrity.insert(url(file), file.integrity().into());
    }
    let import_map = serde_json::json!({ "integrity": integrity });
    let module = minify(&bootstrap_js(
        BOOTSTRAP_JS,
        files,
        later,
        &loader,
        public_url,
    )?)?;
    // Left for the profile's part of the build, once each, as the minifier wrote them.
    for placeholder in [ISLANDS, ISLANDS_INTEGRITY, DETAILS, DETAILS_INTEGRITY] {
        find_once(&module, placeholder, "the bootstrap as minified")?;
    }
    // The map first: a browser without multiple import maps ignores one that comes after a
    // module script has started.
    let page = format!(
        "<script type=\"importmap\">{import_map}</script><script type=\"module\">{module}</script>"
    );
    Ok(Scripts { page, loader })
}

/// `template` (the bootstrap's JS) with its placeholders filled in: where the later stylesheet,
/// the loader, the glue and the wasm are, and the stylesheet's and the wasm's integrity. A
/// placeholder the template does not hold once is an error.
fn bootstrap_js(
    template: &str,
    files: &Files,
    later: &Output,
    loader: &Output,
    public_url: &str,
) -> Result<String> {
    let mut js = template.to_string();
    for (placeholder, value) in [
        // Relative, as the page's own `<noscript>` link (stylesheet.rs).
        ("__LATER_CSS__", later.name.clone()),
        ("__LATER_CSS_INTEGRITY__", later.integrity()),
        ("__LOADER__", format!("{public_url}{}", loader.name)),
        ("__GLUE__", format!("{public_url}{}", files.glue.name)),
        ("__WASM__", format!("{public_url}{}", files.wasm.name)),
        ("__WASM_INTEGRITY__", files.wasm.integrity()),
    ] {
        let literal = serde_json::Value::from(value).to_string();
        js = replace_once(&js, placeholder, &literal, "xtask/src/bootstrap.js")?;
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
    fn everything_is_asked_for_after_the_first_paint_with_its_integrity() {
        let files = files();
        let Scripts { page, loader } =
            scripts(&files, &later(), "/sub/", |js| Ok(js.to_string())).unwrap();
        assert!(loader.name.starts_with("loader-") && loader.name.ends_with(".js"));
        let map = format!(
            concat!(
                r#"<script type="importmap">{{"integrity":{{"/sub/a.js":"{}","#,
                r#""/sub/{}":"{}","/sub/split-a.js":"{}"}}}}</script>"#
            ),
            files.glue.integrity(),
            loader.name,
            loader.integrity(),
            files.split_js.integrity()
        );
        assert!(page.starts_with(&map), "the import map comes first: {page}");
        assert!(
            !page.contains("import init") && !page.contains("import {"),
            "no static import: it would fetch at once"
        );
        let wait = page.find("PerformanceObserver").unwrap();
        let asked = [
            r#"import("/sub/a.js")"#.to_string(),
            format!(
                r#"fetch("/sub/a_bg.wasm", {{ integrity: "{}" }})"#,
                files.wasm.integrity()
            ),
            "fetch(__ISLANDS__, { integrity: __ISLANDS_INTEGRITY__ })".into(),
            "fetch(__DETAILS__, { integrity: __DETAILS_INTEGRITY__ })".into(),
            format!(r#"import("/sub/{}")"#, loader.name),
        ];
        // The later stylesheet: after the paint, before the app's files, with its integrity.
        let stylesheet = page.find(r#"link.href = "later-c.css";"#).unwrap();
        assert!(wait < stylesheet, "{page}");
        assert!(
            page.contains(&format!(r#"link.integrity = "{}";"#, later().integrity())),
            "{page}"
        );
        for request in asked {
            let at = page
                .find(&request)
                .unwrap_or_else(|| panic!("{request}: {page}"));
            assert!(wait < at, "{request} waits for the first paint: {page}");
            assert!(stylesheet < at, "{request} after the stylesheet: {page}");
        }
        assert!(
            page.contains("did not start") && page.contains("removeAttribute('aria-busy')"),
            "a failure is said in the console and the held taps let go: {page}"
        );
        assert!(
            !page.contains("save-b"),
            "a chunk is not fetched with the page: {page}"
        );
        assert!(page.ends_with("</script>"), "{page}");
        let loader = String::from_utf8(loader.bytes).unwrap();
        assert!(
            loader.contains("if (woken.get(slot) === true || !slot.contains(island)) return;"),
            "only a click on an island waits for its takeover: {loader}"
        );
        assert!(
            loader.contains("island.dataset.props = props[at]"),
            "the islands get their props back: {loader}"
        );
        assert!(
            !loader.contains("__"),
            "the loader has no placeholder: {loader}"
        );
    }

    #[test]
    fn every_placeholder_is_filled_and_a_missing_one_stops_the_build() {
        let files = files();
        let loader = Output {
            name: "loader-b.js".into(),
            bytes: vec![],
        };
        let js = bootstrap_js(BOOTSTRAP_JS, &files, &later(), &loader, "/").unwrap();
        for placeholder in ["__GLUE__", "__WASM", "__LOADER__", "__LATER"] {
            assert!(!js.contains(placeholder), "{placeholder}: {js}");
        }
        let without = BOOTSTRAP_JS.replace("__WASM_INTEGRITY__", "'sha256-'");
        let error = bootstrap_js(&without, &files, &later(), &loader, "/").unwrap_err();
        assert!(error.contains("__WASM_INTEGRITY__"), "{error}");
        assert!(error.contains("bootstrap.js"), "{error}");
        // The islands' are left for the profile's part of the build: the minifier must keep
        // them.
        let error = scripts(&files, &later(), "/", |js| {
            Ok(js.replace(ISLANDS_INTEGRITY, "x"))
        })
        .err();
        assert!(error.unwrap().contains(ISLANDS_INTEGRITY));
    }

    #[test]
    fn the_modules_are_minified_as_given() {
        let Scripts { page, loader } = scripts(&files(), &later(), "/", |js| {
            Ok(if js.contains("import(\"/a.js\")") {
                format!("go({ISLANDS},{ISLANDS_INTEGRITY},{DETAILS},{DETAILS_INTEGRITY})")
            } else {
                "loader()".into()
            })
        })
        .unwrap();
        assert!(
            page.ends_with(concat!(
                r#"<script type="module">"#,
                "go(__ISLANDS__,__ISLANDS_INTEGRITY__,__DETAILS__,__DETAILS_INTEGRITY__)</script>"
            )),
            "{page}"
        );
        assert_eq!(loader.bytes, b"loader()");
        assert_eq!(
            loader.name,
            format!("loader-{}.js", content_hash([&b"loader()"[..]]))
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
            r#"<head><link rel="icon" href="data:image/svg+xml,%3Csvg/%3E"></head>"#
        );
        let error = inline_icon("<head></head>", &dir).unwrap_err();
        assert!(error.contains(r#"<link rel="icon""#), "{error}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
