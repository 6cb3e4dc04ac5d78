//! Rewrites Trunk's loader in `index.html` so the prerendered page paints before any of the
//! app's bytes compete with it, without losing subresource integrity.
//!
//! Trunk preloads the JS glue and the wasm from `<head>` and starts the app as soon as the module
//! runs. Measured with Lighthouse (mobile), that put both downloads and the start-up ahead of the
//! first paint: the largest paint came at 1.65 s against 0.85 s for the same page as plain HTML.
//! Now both are fetched once the first contentful paint is reported, still checked against their
//! SHA-384: the glue through an import map's `integrity` (it is imported dynamically), the wasm
//! through `fetch(…, { integrity })`, instead of the preload links' `integrity`.

use std::fs;
use std::path::Path;

use crate::Result;

/// Rewrites `dir/index.html`: the wasm preload goes, the start waits for the first paint.
pub(crate) fn start_after_first_paint(dir: &Path) -> Result {
    let path = dir.join("index.html");
    let page = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let page = inline_icon(&rewrite(&page)?, dir)?;
    fs::write(&path, page).map_err(|e| format!("{}: {e}", path.display()))?;
    println!(
        "[dist] index.html: the wasm starts after the first paint (fetched with its integrity)"
    );
    Ok(())
}

/// The value of attribute `name` in the tag `tag`.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[start..start + tag[start..].find('"')?])
}

/// The link `<link rel="{rel}" …>`: its text, `href` and `integrity`.
fn link<'a>(page: &'a str, rel: &str) -> Result<(&'a str, &'a str, &'a str)> {
    let start = page
        .find(&format!("<link rel=\"{rel}\""))
        .ok_or(format!("index.html has no {rel} link from Trunk"))?;
    let end = start + page[start..].find('>').ok_or("an unterminated link")? + 1;
    let tag = &page[start..end];
    let href = attribute(tag, "href").ok_or(format!("the {rel} link has no href"))?;
    let integrity =
        attribute(tag, "integrity").ok_or(format!("the {rel} link has no integrity"))?;
    Ok((tag, href, integrity))
}

/// The SVG icon as a `data:` URL in its `<link rel="icon">`, read from `dir`.
fn inline_icon(page: &str, dir: &Path) -> Result<String> {
    let Some(start) = page.find("<link rel=\"icon\"") else {
        return Ok(page.to_string());
    };
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

/// What the console says when the glue or the wasm cannot be loaded or started (a network
/// error, a refused integrity check, a browser without WebAssembly). The loader stops there and
/// the prerendered page stays a readable document. Said by the loader itself because engines
/// differ in what they report of a failed module script: WebKit reports nothing.
const STOPPED: &str = "The app did not start; the page stays as it was built:";

pub(crate) fn rewrite(page: &str) -> Result<String> {
    let (wasm_link, wasm, wasm_integrity) = link(page, "preload")?;
    let (glue_link, glue, glue_integrity) = link(page, "modulepreload")?;
    let import = format!(
        "import init, * as bindings from '{glue}';\n\
         const wasm = await init({{ module_or_path: '{wasm}' }});"
    );
    if !page.contains(&import) {
        return Err(format!(
            "index.html: Trunk's loader changed, `{import}` not found"
        ));
    }
    // The first contentful paint is reported once it is on screen (a frame callback came too
    // early: Lighthouse still saw the requests before the paint). A second at the latest, for
    // a tab in the background or a browser without paint timing.
    let deferred = format!(
        "await new Promise((go) => {{ setTimeout(go, 1000); \
         try {{ new PerformanceObserver((l, o) => {{ o.disconnect(); go(); }})\
         .observe({{ type: 'paint', buffered: true }}); }} catch {{ go(); }} }});\n\
         const stop = (e) => {{ console.error('{STOPPED}', e); \
         return new Promise(() => {{}}); }};\n\
         const bindings = await import('{glue}').catch(stop);\n\
         const init = bindings.default;\n\
         const wasm = await init({{ module_or_path: \
         fetch('{wasm}', {{ integrity: '{wasm_integrity}' }}) }}).catch(stop);"
    );
    let import_map = format!(
        "<script type=\"importmap\">{{\"integrity\":{{\"{glue}\":\"{glue_integrity}\"}}}}</script>"
    );
    let page = page
        .replacen(wasm_link, "", 1)
        .replacen(glue_link, "", 1)
        .replacen(&import, &deferred, 1);
    // Before the module script (Trunk writes it ahead of its preloads): a browser without
    // multiple import maps ignores one that comes after a module script has started.
    let module = page
        .find("<script type=\"module\">")
        .ok_or("index.html has no module script from Trunk")?;
    Ok(format!(
        "{}{import_map}{}",
        &page[..module],
        &page[module..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Trunk's order: the module script, then its preloads.
    const TRUNK: &str = concat!(
        r#"<head><script type="module">
import init, * as bindings from '/a.js';
const wasm = await init({ module_or_path: '/a_bg.wasm' });
</script>"#,
        r#"<link rel="modulepreload" href="/a.js" integrity="sha384-js">"#,
        r#"<link rel="preload" href="/a_bg.wasm" crossorigin="anonymous" integrity="sha384-wasm" "#,
        r#"as="fetch" type="application/wasm"></head>"#,
    );

    #[test]
    fn glue_and_wasm_are_fetched_after_the_first_paint_with_their_integrity() {
        let page = rewrite(TRUNK).unwrap();
        assert!(
            !page.contains("rel=\"preload\"") && !page.contains("modulepreload"),
            "{page}"
        );
        let map = page
            .find(r#"<script type="importmap">{"integrity":{"/a.js":"sha384-js"}}</script>"#)
            .expect("an import map");
        assert!(
            map < page.find(r#"<script type="module">"#).unwrap(),
            "the import map comes first: {page}"
        );
        assert!(
            !page.contains("import init"),
            "no static import: it would fetch the glue at once"
        );
        let wait = page.find("PerformanceObserver").unwrap();
        assert!(wait < page.find("await import('/a.js')").unwrap(), "{page}");
        assert!(
            page.contains("fetch('/a_bg.wasm', { integrity: 'sha384-wasm' }) }).catch(stop)"),
            "{page}"
        );
        assert!(page.contains("await import('/a.js').catch(stop)"), "{page}");
        assert!(
            page.contains(STOPPED),
            "a failure is said in the console: {page}"
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
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_changed_loader_is_an_error_not_a_silent_skip() {
        assert!(rewrite("<html></html>").is_err());
        let other = TRUNK.replace("module_or_path: '/a_bg.wasm'", "module_or_path: x");
        assert!(rewrite(&other).is_err());
    }
}
