//! The owner's workbench, `edit/` (issue 26): a page of its own, with its own wasm and glue, so
//! the main page's first load carries none of it.
//!
//! Built in Trunk's hook after the main page (`wasm::hook`): a second cargo pass, of the crate
//! `portfolio-workbench` (`workbench/`, which depends on the main crate) and no wasm-split
//! (its code is one module, fetched only by this page), wasm-bindgen, wasm-opt `-Oz` for a
//! release, terser for the glue. Everything it
//! writes goes into `edit/` beside the main page, where `sizes.rs` does not count it.
//!
//! The page adds no inline script or style of its own: its first script and its `<style>` are
//! the main page's, byte for byte (the same hashes in the same policy), the tap-holding of the
//! first script is switched off by its entry module, and its own layout is a linked stylesheet
//! and its start a module file (`script-src 'self'`). The main page's later stylesheet (what
//! only the app shows: its preview plays diagrams and opens cards) is linked as the main page's
//! `<noscript>` links it, for every visitor here: the preview is the app's from the start. So the
//! one policy of `_headers` covers both pages, and a host that sends one policy for every path
//! serves both.

use std::fs;
use std::path::{Path, PathBuf};

use crate::rewrite::{find_once, replace_once};
use crate::setup::Tools;
use crate::wasm::Output;
use crate::{root, run, Result};

/// The directory of the page, below the site's root.
pub(crate) const DIR: &str = "edit";

/// Builds the workbench's wasm and writes `edit/` into `staging`, its head made from the main
/// page's `page` (its first script, its stylesheets and its icon).
pub(crate) fn build(tools: &Tools, staging: &Path, page: &str, release: bool) -> Result {
    let work = crate::wasm::target_dir().join(format!(
        "workbench-{}",
        if release { "release" } else { "debug" }
    ));
    let wasm = cargo_build(tools, release)?;
    let (glue, module) = bind(tools, &wasm, &work, release)?;
    let hash = crate::wasm::content_hash([glue.as_slice(), module.as_slice()]);
    let glue = Output {
        name: format!("workbench-{hash}.js"),
        bytes: glue,
    };
    let module = Output {
        name: format!("workbench-{hash}_bg.wasm"),
        bytes: module,
    };
    let entry_text = format!(
        concat!(
            "globalThis.held = null;\n",
            "import init, {{ edit }} from \"./{glue}\";\n",
            "await init({{ module_or_path: new URL(\"./{wasm}\", import.meta.url) }});\n",
            "edit();\n",
        ),
        glue = glue.name,
        wasm = module.name
    );
    let entry = named("edit", "js", entry_text.into_bytes());
    let css = named("edit", "css", stylesheet(tools, &work, release)?);
    let out = staging.join(DIR);
    fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    for file in [&glue, &module, &entry, &css] {
        let path = out.join(&file.name);
        fs::write(&path, &file.bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let html = html(page, &entry.name, &css.name, &title()?)?;
    let path = out.join("index.html");
    fs::write(&path, html).map_err(|e| format!("{}: {e}", path.display()))?;
    println!(
        "[wasm] edit/: the workbench's page, {} bytes of wasm",
        module.bytes.len()
    );
    Ok(())
}

/// A file named by its content.
fn named(stem: &str, extension: &str, bytes: Vec<u8>) -> Output {
    let hash = crate::wasm::content_hash([bytes.as_slice()]);
    Output {
        name: format!("{stem}-{hash}.{extension}"),
        bytes,
    }
}

/// The page: the main page's head (its first script, its stylesheets and icon, so the same
/// policy allows them), the workbench's words' title, its stylesheet and its module.
fn html(page: &str, entry: &str, css: &str, title: &str) -> Result<String> {
    let what = "the index.html Trunk staged";
    let element = |open: &str, close: &str| -> Result<String> {
        let start = find_once(page, open, what)?;
        let end = start
            + page[start..]
                .find(close)
                .ok_or_else(|| format!("{what}: no {close} after {open}"))?
            + close.len();
        Ok(page[start..end].to_string())
    };
    let script = element("<script>", "</script>")?;
    let style = element("<style>", "</style>")?;
    // The main page's link, out of its `<noscript>`, its relative address made this page's.
    let later = element("<noscript>", "</noscript>")?;
    let later = &later["<noscript>".len()..later.len() - "</noscript>".len()];
    let later = replace_once(later, " href=\"", " href=\"../", what)?;
    let icon = element("<link rel=\"icon\"", ">")?;
    Ok(format!(
        concat!(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\" />",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />",
            "<meta name=\"color-scheme\" content=\"light dark\" />",
            "<title>{title}</title>{script}{style}{later}{icon}",
            "<link rel=\"stylesheet\" href=\"./{css}\">",
            "<script type=\"module\" src=\"./{entry}\"></script>",
            "</head><body class=\"workbench\"></body></html>\n",
        ),
        title = crate::prerender::html_escape(title),
        script = script,
        style = style,
        later = later,
        icon = icon,
        css = css,
        entry = entry,
    ))
}

/// The page's title, from the workbench's words (`workbench/src/ui/words.json`).
fn title() -> Result<String> {
    let path = root().join("workbench/src/ui/words.json");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let words: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    words["title"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("{}: no \"title\"", path.display()))
}

/// `style/edit.css`, minified by lightningcss for a release.
fn stylesheet(tools: &Tools, work: &Path, release: bool) -> Result<Vec<u8>> {
    let source = root().join("style/edit.css");
    if !release {
        return fs::read(&source).map_err(|e| format!("{}: {e}", source.display()));
    }
    fs::create_dir_all(work).map_err(|e| format!("{}: {e}", work.display()))?;
    let out = work.join("edit.min.css");
    let lightningcss = root().join(".tools/lightningcss/node_modules/.bin/lightningcss");
    run(tools
        .command(lightningcss.to_str().unwrap_or("lightningcss"))
        .arg("--minify")
        .arg(&source)
        .arg("--output-file")
        .arg(&out))?;
    fs::read(&out).map_err(|e| format!("{}: {e}", out.display()))
}

/// The workbench's crate (`workbench/`) compiled for the browser. With the same flags as the
/// main build, so the two share every dependency's build.
fn cargo_build(tools: &Tools, release: bool) -> Result<Vec<u8>> {
    let mut cargo = tools.command("cargo");
    cargo.args([
        "rustc",
        "--package",
        "portfolio-workbench",
        "--lib",
        "--crate-type",
        "cdylib",
        "--target",
        "wasm32-unknown-unknown",
        "--config",
        "target.wasm32-unknown-unknown.rustflags=['-Clink-arg=--emit-relocs']",
    ]);
    if release {
        cargo.arg("--release");
    }
    println!("[wasm] cargo rustc --package portfolio-workbench (the edit/ page)");
    run(&mut cargo)?;
    let profile = if release { "release" } else { "debug" };
    let path: PathBuf = crate::wasm::target_dir().join(format!(
        "wasm32-unknown-unknown/{profile}/portfolio_workbench.wasm"
    ));
    fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))
}

/// wasm-bindgen's glue (minified) and module (optimised), for a release; kept in `work` and
/// reused while cargo's output is the same.
fn bind(tools: &Tools, wasm: &[u8], work: &Path, release: bool) -> Result<(Vec<u8>, Vec<u8>)> {
    let stamp = work.join("input.sha256");
    // The stamp names the steps too: a change to them builds again.
    let input_hash = crate::wasm::content_hash([wasm, b"without link sections; -Oz".as_slice()]);
    let (glue_path, module_path) = (work.join("glue.js"), work.join("module.wasm"));
    if fs::read_to_string(&stamp).ok().as_deref() != Some(input_hash.as_str()) {
        let _ = fs::remove_dir_all(work);
        let bindgen = work.join("bindgen");
        fs::create_dir_all(&bindgen).map_err(|e| format!("{}: {e}", bindgen.display()))?;
        let input = work.join("workbench.wasm");
        fs::write(&input, without_link_sections(wasm)?)
            .map_err(|e| format!("{}: {e}", input.display()))?;
        println!("[wasm] wasm-bindgen --target web (the edit/ page)");
        run(tools
            .command("wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(&bindgen)
            .arg(&input))?;
        let bound = bindgen.join("workbench_bg.wasm");
        if release {
            run(tools
                .command("wasm-opt")
                .arg("-Oz")
                .arg(&bound)
                .arg("-o")
                .arg(&module_path))?;
            let glue = fs::read(bindgen.join("workbench.js")).map_err(|e| e.to_string())?;
            let minified = crate::wasm::minified(tools, work, &glue)?;
            fs::write(&glue_path, minified).map_err(|e| e.to_string())?;
        } else {
            fs::copy(&bound, &module_path).map_err(|e| e.to_string())?;
            fs::copy(bindgen.join("workbench.js"), &glue_path).map_err(|e| e.to_string())?;
        }
        fs::write(&stamp, &input_hash).map_err(|e| format!("{}: {e}", stamp.display()))?;
    }
    let read = |path: &Path| fs::read(path).map_err(|e| format!("{}: {e}", path.display()));
    Ok((read(&glue_path)?, read(&module_path)?))
}

/// `wasm` without the custom sections the linker wrote for wasm-split (`linking`, `reloc.*`,
/// `__wasm_split_unstable`: the shared `--emit-relocs` flag makes them, and nothing here splits
/// this module): 1.8 of its 3 MB.
fn without_link_sections(wasm: &[u8]) -> Result<Vec<u8>> {
    use crate::wasm_binary::Reader;
    let mut reader = Reader {
        bytes: wasm.get(8..).ok_or("not a wasm module")?,
        at: 0,
    };
    let mut out = wasm[..8].to_vec();
    while reader.at < reader.bytes.len() {
        let id = reader.byte()?;
        let length = usize::try_from(reader.leb()?).map_err(|e| e.to_string())?;
        let body = reader.take(length)?;
        if id == 0 {
            let name = Reader { bytes: body, at: 0 }.name()?;
            if name == "linking" || name.starts_with("reloc.") || name == "__wasm_split_unstable" {
                continue;
            }
        }
        out.push(id);
        crate::wasm_binary::write_leb(&mut out, length as u64);
        out.extend_from_slice(body);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_takes_the_main_page_s_inline_parts_as_they_are() {
        let page = concat!(
            "<head><meta charset=\"utf-8\" /><script>theme()</script>",
            "<style>a{color:red}</style><noscript><link rel=\"stylesheet\" href=\"l-1.css\">",
            "</noscript><link rel=\"icon\" href=\"/favicon-1.svg\">",
            "<script type=\"module\">load()</script></head><body></body>",
        );
        let made = html(page, "edit-1.js", "edit-2.css", "Work & bench").unwrap();
        assert!(made.contains("<title>Work &amp; bench</title>"), "{made}");
        assert!(made.contains(concat!(
            "<script>theme()</script><style>a{color:red}</style>",
            "<link rel=\"stylesheet\" href=\"../l-1.css\"><link rel=\"icon\""
        )));
        assert!(made.contains("<link rel=\"icon\" href=\"/favicon-1.svg\">"));
        assert!(made.contains("<script type=\"module\" src=\"./edit-1.js\"></script>"));
        assert!(!made.contains("load()"), "not the main page's loader");
        assert!(html("<head></head>", "a", "b", "c").is_err());
    }

    #[test]
    fn the_title_is_in_the_words() {
        assert!(!title().unwrap().is_empty());
    }
}
