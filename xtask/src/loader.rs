//! Rewrites Trunk's loader in `index.html` so the prerendered page paints before any of the
//! app's bytes compete with it, without losing subresource integrity.
//!
//! Trunk preloads the wasm from `<head>` and starts it as soon as the module runs. Measured with
//! Lighthouse (mobile), that put the wasm download and its start-up ahead of the first paint: the
//! largest paint came at 1.65 s against 0.85 s for the same page as plain HTML. Now the wasm is
//! fetched once the first contentful paint is reported, still checked against its SHA-384
//! (`fetch(…, { integrity })` instead of the preload's `integrity`).

use std::fs;
use std::path::Path;

use crate::Result;

/// Rewrites `dir/index.html`: the wasm preload goes, the start waits for the first paint.
pub(crate) fn start_after_first_paint(dir: &Path) -> Result {
    let path = dir.join("index.html");
    let page = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    fs::write(&path, rewrite(&page)?).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("[dist] index.html: the wasm starts after the first paint (fetched with its integrity)");
    Ok(())
}

/// The value of attribute `name` in the tag `tag`.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[start..start + tag[start..].find('"')?])
}

pub(crate) fn rewrite(page: &str) -> Result<String> {
    let preload_start = page.find("<link rel=\"preload\"").ok_or("index.html has no wasm preload from Trunk")?;
    let preload_end = preload_start + page[preload_start..].find('>').ok_or("unterminated preload link")? + 1;
    let preload = &page[preload_start..preload_end];
    let href = attribute(preload, "href").ok_or("the wasm preload has no href")?;
    let integrity = attribute(preload, "integrity").ok_or("the wasm preload has no integrity")?;
    let page = format!("{}{}", &page[..preload_start], &page[preload_end..]);

    let call = format!("const wasm = await init({{ module_or_path: '{href}' }});");
    if !page.contains(&call) {
        return Err(format!("index.html: Trunk's loader changed, `{call}` not found"));
    }
    // The first contentful paint is reported once it is on screen; a frame callback came too
    // early (Lighthouse still saw the wasm request before the paint). A second at the latest,
    // for a tab in the background or a browser without paint timing.
    let deferred = format!(
        "await new Promise((go) => {{ setTimeout(go, 1000); try {{ new PerformanceObserver((l, o) => {{ o.disconnect(); go(); }}).observe({{ type: 'paint', buffered: true }}); }} catch {{ go(); }} }});\n\
         const wasm = await init({{ module_or_path: fetch('{href}', {{ integrity: '{integrity}' }}) }});"
    );
    Ok(page.replacen(&call, &deferred, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = r#"<head><link rel="modulepreload" href="/a.js" integrity="sha384-js"><link rel="preload" href="/a_bg.wasm" crossorigin="anonymous" integrity="sha384-wasm" as="fetch" type="application/wasm"></head><script type="module">
import init, * as bindings from '/a.js';
const wasm = await init({ module_or_path: '/a_bg.wasm' });
</script>"#;

    #[test]
    fn the_wasm_is_fetched_after_the_first_frame_with_its_integrity() {
        let page = rewrite(TRUNK).unwrap();
        assert!(!page.contains("rel=\"preload\""), "{page}");
        assert!(page.contains("rel=\"modulepreload\""), "the script keeps its integrity");
        assert!(page.contains("PerformanceObserver"));
        assert!(page.contains("fetch('/a_bg.wasm', { integrity: 'sha384-wasm' })"), "{page}");
    }

    #[test]
    fn a_changed_loader_is_an_error_not_a_silent_skip() {
        assert!(rewrite("<html></html>").is_err());
        let other = TRUNK.replace("module_or_path: '/a_bg.wasm'", "module_or_path: x");
        assert!(rewrite(&other).is_err());
    }
}
