//! The page's loader: the script `cargo xtask wasm` writes into the staged page so the
//! prerendered page paints before any of the app's bytes compete with it, with subresource
//! integrity kept; and the icon written into the page.
//!
//! Trunk's loader preloaded the JS glue and the wasm from `<head>` and started the app as soon as
//! the module ran. Measured with Lighthouse (mobile), that put both downloads and the start-up
//! ahead of the first paint: the largest paint came at 1.65 s against 0.85 s for the same page as
//! plain HTML. Now both are fetched once the first contentful paint is reported, still checked
//! against their SHA-256: the glue and wasm-split's loader through an import map's `integrity`
//! (they are imported dynamically), the wasm through `fetch(…, { integrity })`.

use std::fs;
use std::path::Path;

use crate::rewrite::find_once;
use crate::wasm::Files;
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

/// What the console says when the glue or the wasm cannot be loaded or started (a network
/// error, a refused integrity check, a browser without WebAssembly). The loader stops there and
/// the prerendered page stays a readable document. Said by the loader itself because engines
/// differ in what they report of a failed module script: WebKit reports nothing.
const STOPPED: &str = "The app did not start; the page stays as it was built:";

/// Once the app has fetched the profile (`start`), takes the page's islands over when it
/// shows that profile: each `<leptos-island>` is handed to its function, in page order, after
/// the `<leptos-children>` it sits in has set the owner of the island around it, as Leptos's
/// own island script does. The islands are found by the browser's selector engine: walking the
/// page node by node (thousands of drawing elements) took 100 ms on a phone. The browser gets
/// the main thread back every 10 ms or so (`scheduler.yield()` where there is one, which
/// resumes ahead of other tasks), so a tap during the takeover is answered. Total Blocking
/// Time counts each task's time past 50 ms, and Lighthouse's phone runs 4 × slower than the
/// machine it measures on: at 30 ms every step counted 70 ms (mobile TBT, median of 5:
/// 57 → 32 ms). What sits in a `data-on-demand` element
/// is left for `later`, which the app is handed and calls when it is needed; those takeovers go
/// one at a time, because an island whose code is still being fetched reads the owner it
/// belongs to only once the code is there. What sits in a `data-when-visible` element is taken
/// over once that element nears the screen (its islands' code is a chunk, which the first load
/// of a visitor who never scrolls there does without); a click on one of its islands that comes
/// first waits for the takeover and is then played again. Only on an island of its own (the
/// whole of `<main>` is one island too): a plain link there
/// (a contact address opening a new tab) is followed at once, with its modifier keys, and is
/// not opened later by script, which a popup blocker may refuse.
const TAKE_OVER: &str = "const takeOver = async (root) => {
  let since = performance.now();
  for (const node of root.querySelectorAll('leptos-island')) {
    if (node.closest('[data-on-demand], [data-when-visible]')) continue;
    if (performance.now() - since > 10) {
      await (globalThis.scheduler?.yield?.() ?? new Promise((go) => setTimeout(go)));
      since = performance.now();
    }
    node.parentElement.closest('leptos-children')?.$$on_hydrate?.();
    const island = bindings[node.dataset.component];
    if (island) await island(node);
    else console.warn('No island function for', node.dataset.component);
  }
};
let queue = Promise.resolve();
const later = (root) => {
  for (const slot of root.querySelectorAll('[data-on-demand]')) {
    slot.removeAttribute('data-on-demand');
    queue = queue.then(() => takeOver(slot));
  }
};
const woken = new WeakMap();
const wake = (slot) => {
  if (!woken.has(slot)) {
    seen.unobserve(slot);
    slot.removeAttribute('data-when-visible');
    queue = queue.then(() => takeOver(slot));
    woken.set(slot, queue.then(() => woken.set(slot, true)));
  }
  return woken.get(slot);
};
const seen = new IntersectionObserver((entries) => {
  for (const entry of entries) if (entry.isIntersecting) wake(entry.target);
}, { rootMargin: '100% 0px' });
if (await bindings.start(later)) {
  await takeOver(document.body);
  bindings.go_live();
  for (const slot of document.querySelectorAll('[data-when-visible]')) {
    seen.observe(slot);
    slot.addEventListener('click', (event) => {
      const island = event.target.closest('leptos-island');
      if (woken.get(slot) === true || !slot.contains(island)) return;
      event.preventDefault();
      event.stopPropagation();
      wake(slot).then(() => event.target.click());
    }, { capture: true });
  }
}
";

/// The import map and the module script that start the app from `files`, served under
/// `public_url`.
pub(crate) fn script(files: &Files, public_url: &str) -> String {
    let url = |name: &str| format!("{public_url}{name}");
    let (glue, split, wasm) = (
        url(&files.glue.name),
        url(&files.split_js.name),
        url(&files.wasm.name),
    );
    let import_map = format!(
        "<script type=\"importmap\">{{\"integrity\":{{\"{glue}\":\"{}\",\"{split}\":\"{}\"}}}}\
         </script>",
        files.glue.integrity(),
        files.split_js.integrity()
    );
    // The first contentful paint is reported once it is on screen (a frame callback came too
    // early: Lighthouse still saw the requests before the paint). A second at the latest, for
    // a tab in the background or a browser without paint timing.
    let module = format!(
        "<script type=\"module\">\n\
         await new Promise((go) => {{ setTimeout(go, 1000); \
         try {{ new PerformanceObserver((l, o) => {{ o.disconnect(); go(); }})\
         .observe({{ type: 'paint', buffered: true }}); }} catch {{ go(); }} }});\n\
         const stop = (e) => {{ console.error('{STOPPED}', e); \
         return new Promise(() => {{}}); }};\n\
         const bindings = await import('{glue}').catch(stop);\n\
         const init = bindings.default;\n\
         await init({{ module_or_path: \
         fetch('{wasm}', {{ integrity: '{}' }}) }}).catch(stop);\n\
         {TAKE_OVER}\
         </script>",
        files.wasm.integrity()
    );
    // The map first: a browser without multiple import maps ignores one that comes after a
    // module script has started.
    format!("{import_map}{module}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wasm::Output;

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

    #[test]
    fn glue_and_wasm_are_fetched_after_the_first_paint_with_their_integrity() {
        let files = files();
        let page = script(&files, "/sub/");
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
        assert!(
            wait < page.find("await import('/sub/a.js')").unwrap(),
            "{page}"
        );
        assert!(
            page.contains(&format!(
                "fetch('/sub/a_bg.wasm', {{ integrity: '{}' }}) }}).catch(stop)",
                files.wasm.integrity()
            )),
            "{page}"
        );
        assert!(
            page.contains("await import('/sub/a.js').catch(stop)"),
            "{page}"
        );
        assert!(
            page.contains(STOPPED),
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
