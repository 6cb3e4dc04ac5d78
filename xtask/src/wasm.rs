//! Builds the app's wasm for Trunk (its build hook, `cargo xtask wasm`): cargo, wasm-split,
//! wasm-bindgen and, for a release, wasm-opt; then content-hashed names and the script that
//! loads them into the page Trunk staged.
//!
//! Trunk's own Rust pipeline runs cargo, wasm-bindgen and wasm-opt with no step between them,
//! and a function marked `#[lazy]` only becomes a chunk of its own (fetched on first use, not
//! with the page) when wasm-split rewrites cargo's output before wasm-bindgen reads it. So
//! index.html tells Trunk to skip its Rust asset and Trunk.toml runs this after the page is
//! staged, in `trunk build` and on every rebuild of `trunk serve` alike.

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::rewrite::{replace_all, replace_once};
use crate::setup::Tools;
use crate::{root, run, Result};

/// The glue's name as wasm-bindgen writes it, from the binary's name.
const APP: &str = "portfolio";
/// The loader wasm-split writes; the glue imports it by this name.
const SPLIT_JS: &str = "__wasm_split.js";

/// One file of the build, as the page fetches it.
pub(crate) struct Output {
    pub(crate) name: String,
    pub(crate) bytes: Vec<u8>,
}

impl Output {
    /// Its subresource integrity: the page refuses it if a byte changed on the way. SHA-256,
    /// as the page's policy hashes its scripts: each of the 20-odd chunks' digests sits in the
    /// split loader of the first load, and a SHA-384 one is 20 characters longer that no
    /// compressor shortens.
    pub(crate) fn integrity(&self) -> String {
        format!(
            "sha256-{}",
            crate::headers::base64(&Sha256::digest(&self.bytes))
        )
    }
}

/// Trunk's hook: builds into its staging directory and adds the loader to its staged page.
pub(crate) fn hook() -> Result {
    let var = |name: &str| std::env::var(name).map_err(|_| format!("{name} is not set"));
    let staging = PathBuf::from(var("TRUNK_STAGING_DIR")?);
    let release = var("TRUNK_PROFILE")? == "release";
    let public_url = var("TRUNK_PUBLIC_URL")?;
    let tools = crate::setup::ensure(false)?;
    let files = build(&tools, release)?;
    for file in [&files.glue, &files.split_js, &files.wasm]
        .into_iter()
        .chain(&files.chunks)
    {
        let path = staging.join(&file.name);
        fs::write(&path, &file.bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    // The CSS the first paint does without, fetched once the page is painted.
    let later = crate::stylesheet::later(&tools, &work_dir(release), release)?;
    let later_path = staging.join(&later.name);
    fs::write(&later_path, &later.bytes).map_err(|e| format!("{}: {e}", later_path.display()))?;
    let page_path = staging.join("index.html");
    let page =
        fs::read_to_string(&page_path).map_err(|e| format!("{}: {e}", page_path.display()))?;
    let page = crate::stylesheet::inline_linked(&tools, &staging, &page, release, &later)?;
    let page = crate::rewrite::without_comments(&page, "the index.html Trunk staged")?;
    // The workbench's page, edit/, with its own wasm: its head is made of this one's.
    crate::edit_page::build(&tools, &staging, &page, release)?;
    let scripts = crate::loader::scripts(&files, &later, &public_url, |js| {
        if !release {
            return Ok(js.to_string());
        }
        let minified = minified(&tools, &work_dir(release), js.as_bytes())?;
        String::from_utf8(minified).map_err(|e| format!("terser's loader: {e}"))
    })?;
    let loader = staging.join(&scripts.loader.name);
    fs::write(&loader, &scripts.loader.bytes).map_err(|e| format!("{}: {e}", loader.display()))?;
    let page = replace_once(
        &page,
        "</head>",
        &format!("{}</head>", scripts.page),
        "the index.html Trunk staged",
    )?;
    fs::write(&page_path, page).map_err(|e| format!("{}: {e}", page_path.display()))
}

/// What the build produced, named for the page.
pub(crate) struct Files {
    /// wasm-bindgen's JS glue, `portfolio-<hash>.js`.
    pub(crate) glue: Output,
    /// wasm-split's loader of the chunks, which the glue imports.
    pub(crate) split_js: Output,
    /// The main module, `portfolio-<hash>_bg.wasm`.
    pub(crate) wasm: Output,
    /// One module per split-off function (or code those share), fetched on first use.
    pub(crate) chunks: Vec<Output>,
}

fn build(tools: &Tools, release: bool) -> Result<Files> {
    let input = cargo_build(tools, release)?;
    let wasm = fs::read(&input).map_err(|e| format!("{}: {e}", input.display()))?;
    let work = work_dir(release);
    // The same cargo output gives the same files: a second build of the same code (the test
    // suite's build for a sub-path) skips splitting and optimising again. Unless the optimiser
    // is asked for something else: its flags are part of the stamp.
    let stamp = work.join("input.sha256");
    let input_hash = content_hash([&wasm[..], WASM_OPT_FLAGS.join(" ").as_bytes()]);
    if fs::read_to_string(&stamp).ok().as_deref() != Some(input_hash.as_str()) {
        let _ = fs::remove_dir_all(&work);
        prepare(tools, &wasm, &work, release)?;
        fs::write(&stamp, &input_hash).map_err(|e| format!("{}: {e}", stamp.display()))?;
    }
    let out = work.join("out");
    let mut chunks = Vec::new();
    for entry in fs::read_dir(out.join("chunks"))
        .map_err(|e| e.to_string())?
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        chunks.push((name, fs::read(entry.path()).map_err(|e| e.to_string())?));
    }
    chunks.sort();
    let main_wasm = out.join("main.wasm");
    let mut files = named(
        read(&out.join("glue.js"))?,
        read(&out.join("split.js"))?,
        fs::read(&main_wasm).map_err(|e| format!("{}: {e}", main_wasm.display()))?,
        chunks,
    )?;
    // Minified once their references are rewritten (the rewriting reads wasm-bindgen's and
    // wasm-split's own spelling).
    if release {
        for file in [&mut files.glue, &mut files.split_js] {
            file.bytes = minified(tools, &work, &file.bytes)?;
        }
    }
    Ok(files)
}

/// Splits, binds and (for a release) optimises cargo's output `wasm` into `work/out/`: the
/// glue, the split loader, the main module and `chunks/`.
fn prepare(tools: &Tools, wasm: &[u8], work: &Path, release: bool) -> Result {
    let (split_dir, bindgen_dir, out) =
        (work.join("split"), work.join("bindgen"), work.join("out"));
    fs::create_dir_all(out.join("chunks")).map_err(|e| e.to_string())?;
    fs::create_dir_all(&split_dir).map_err(|e| e.to_string())?;
    let main = split_dir.join(format!("{APP}.wasm"));
    split(wasm, &split_dir, &main)?;
    println!("[wasm] wasm-bindgen --target web");
    run(tools
        .command("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--keep-lld-exports"])
        // wasm-split's chunks reach the main module's functions through its table.
        .arg("--out-dir")
        .arg(&bindgen_dir)
        .arg(&main))?;
    for entry in fs::read_dir(&split_dir)
        .map_err(|e| e.to_string())?
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".wasm") && entry.path() != main {
            optimise(
                tools,
                &entry.path(),
                &out.join("chunks").join(&name),
                release,
            )?;
        }
    }
    let copy = |from: &Path, to: &str| {
        fs::copy(from, out.join(to)).map_err(|e| format!("{}: {e}", from.display()))
    };
    copy(&split_dir.join(SPLIT_JS), "split.js")?;
    let (glue_path, main_path) = (
        bindgen_dir.join(format!("{APP}.js")),
        bindgen_dir.join(format!("{APP}_bg.wasm")),
    );
    let main = fs::read(&main_path).map_err(|e| format!("{}: {e}", main_path.display()))?;
    let (main, glue) =
        crate::import_names::shorten(&main, &read(&glue_path)?, &format!("./{APP}_bg.js"))?;
    let (main, glue) = crate::unused_exports::drop_stream_classes(&main, &glue)?;
    let glue_out = out.join("glue.js");
    fs::write(&glue_out, glue).map_err(|e| format!("{}: {e}", glue_out.display()))?;
    fs::write(&main_path, main).map_err(|e| format!("{}: {e}", main_path.display()))?;
    optimise(tools, &main_path, &out.join("main.wasm"), release)
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Where the build of `release` or not keeps its steps' output between builds.
fn work_dir(release: bool) -> PathBuf {
    let profile = if release { "release" } else { "debug" };
    target_dir().join(format!("wasm-split-{profile}"))
}

pub(crate) fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

/// The app compiled for the browser, with the relocations wasm-split reads.
fn cargo_build(tools: &Tools, release: bool) -> Result<PathBuf> {
    let mut cargo = tools.command("cargo");
    cargo.args([
        "rustc",
        "--package",
        APP,
        "--lib",
        // The library as a wasm module of its own: its `#[wasm_bindgen]` exports (the start, each
        // island) are kept only in a cdylib. Given here, not in Cargo.toml, so the native builds
        // (tests, xtask's render) stay plain rlibs.
        "--crate-type",
        "cdylib",
        "--target",
        "wasm32-unknown-unknown",
        "--features",
        "split",
        // Added to the configured flags (config arrays are joined), for this build only: the
        // other wasm32 builds (lints, component tests) keep their cache.
        "--config",
        "target.wasm32-unknown-unknown.rustflags=['-Clink-arg=--emit-relocs']",
    ]);
    if release {
        cargo.arg("--release");
    }
    println!(
        "[wasm] cargo rustc --lib --crate-type cdylib --target wasm32-unknown-unknown \
         --features split{}",
        if release { " --release" } else { "" }
    );
    run(&mut cargo)?;
    let profile = if release { "release" } else { "debug" };
    Ok(target_dir().join(format!("wasm32-unknown-unknown/{profile}/{APP}.wasm")))
}

/// Splits `wasm` into the main module `main` and a chunk per `#[lazy]` function, with the JS
/// that loads them, in `dir`.
fn split(wasm: &[u8], dir: &Path, main: &Path) -> Result {
    let main_module = format!("./{APP}.js");
    let mut options = wasm_split_cli_support::Options::new(wasm);
    options.output_dir = dir;
    options.main_out_path = main;
    options.main_module = &main_module;
    options.link_name = "./__wasm_split.js";
    let split =
        wasm_split_cli_support::transform(options).map_err(|e| format!("wasm-split: {e}"))?;
    println!(
        "[wasm] wasm-split: {} chunk(s) fetched on first use",
        split.split_modules.len()
    );
    Ok(())
}

/// wasm-opt's passes for a release, in order (why: [`optimise`]).
const WASM_OPT_FLAGS: [&str; 5] = ["--flatten", "--rereloop", "-Oz", "-Oz", "--converge"];

/// Writes the module at `from` to `to`, through wasm-opt for a release: `-Oz` (as Trunk's
/// `data-wasm-opt="z"` did) after flattening and re-looping the control flow, which lets it
/// find more to cut (main module 130.9 → 129.4 KB brotli, 4 s more of wasm-opt), and twice,
/// then until nothing changes (`--converge`: 125.90 → 125.62 KB).
fn optimise(tools: &Tools, from: &Path, to: &Path, release: bool) -> Result {
    if release {
        run(tools
            .command("wasm-opt")
            .args(WASM_OPT_FLAGS)
            .arg(from)
            .arg("-o")
            .arg(to))
    } else {
        fs::copy(from, to)
            .map(drop)
            .map_err(|e| format!("{}: {e}", from.display()))
    }
}

/// The JS module `source` minified by terser (the names of its exports and imports are kept:
/// the page and the other module use them), through a file in `work`.
pub(crate) fn minified(tools: &Tools, work: &Path, source: &[u8]) -> Result<Vec<u8>> {
    let (from, to) = (work.join("minify-in.js"), work.join("minify-out.js"));
    fs::write(&from, source).map_err(|e| format!("{}: {e}", from.display()))?;
    let terser = root().join(".tools/terser/node_modules/.bin/terser");
    run(tools
        .command(terser.to_str().unwrap_or("terser"))
        .arg(&from)
        .args(["--module", "--compress", "--mangle", "--output"])
        .arg(&to))?;
    fs::read(&to).map_err(|e| format!("{}: {e}", to.display()))
}

/// The first 16 hex digits of the SHA-256 of `parts`, for file names that change with their
/// content (the host caches them for a year: `_headers`).
pub(crate) fn content_hash<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Names every file by its content and rewrites the references between them. The glue and
/// the split loader import each other, so they share one name hash, taken over all of the
/// build; each chunk is named by its own bytes, and fetched with its integrity. Each reference
/// is rewritten where wasm-bindgen and wasm-split write it today, or the build stops.
fn named(
    glue: String,
    split_js: String,
    wasm: Vec<u8>,
    chunks: Vec<(String, Vec<u8>)>,
) -> Result<Files> {
    const SPLIT_LOADER: &str = "wasm-split's loader (__wasm_split.js)";
    let mut split_js = split_js;
    let mut outputs = Vec::new();
    for (generated, bytes) in chunks {
        // `split_save_1378…4458.wasm`: the function's name and a hash of where it is.
        let stem = generated.trim_end_matches(".wasm");
        let stem = stem.rsplit_once('_').map_or(stem, |(name, _)| name);
        let name = format!("{stem}-{}.wasm", content_hash([&bytes[..]]));
        let chunk = Output { name, bytes };
        split_js = replace_once(
            &split_js,
            &format!("fetch(new URL(\"./{generated}\", import.meta.url))"),
            &format!(
                "fetch(new URL(\"./{}\", import.meta.url), {{ integrity: \"{}\" }})",
                chunk.name,
                chunk.integrity()
            ),
            SPLIT_LOADER,
        )?;
        outputs.push(chunk);
    }
    let hash = content_hash(
        [glue.as_bytes(), split_js.as_bytes(), &wasm[..]]
            .into_iter()
            .chain(outputs.iter().map(|c| &c.bytes[..])),
    );
    let glue_name = format!("{APP}-{hash}.js");
    let split_name = format!("split-{hash}.js");
    let split_js = replace_once(
        &split_js,
        &format!("from \"./{APP}.js\""),
        &format!("from \"./{glue_name}\""),
        SPLIT_LOADER,
    )?;
    // Only the import statements (one per wasm-split import wasm-bindgen binds): the main
    // module's imports keep the name it was linked with.
    let glue = replace_all(
        &glue,
        &format!("from \"./{SPLIT_JS}\""),
        &format!("from \"./{split_name}\""),
        "wasm-bindgen's JS glue",
    )?;
    Ok(Files {
        glue: Output {
            name: glue_name,
            bytes: glue.into_bytes(),
        },
        split_js: Output {
            name: split_name,
            bytes: split_js.into_bytes(),
        },
        wasm: Output {
            name: format!("{APP}-{hash}_bg.wasm"),
            bytes: wasm,
        },
        chunks: outputs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUE: &str = "import * as import1 from \"./__wasm_split.js\"\n\
        import * as import2 from \"./__wasm_split.js\"\n\
        const imports = { \"./__wasm_split.js\": import1, \"./__wasm_split.js\": import2 };";
    const SPLIT_JS: &str = "import { initSync } from \"./portfolio.js\";\n\
        const src = fetch(new URL(\"./split_save_123.wasm\", import.meta.url));";

    #[test]
    fn names_follow_content_and_references_follow_names() {
        let files = named(
            GLUE.into(),
            SPLIT_JS.into(),
            b"main".to_vec(),
            vec![("split_save_123.wasm".into(), b"chunk".to_vec())],
        )
        .unwrap();
        let chunk = &files.chunks[0];
        assert!(chunk.name.starts_with("split_save-") && chunk.name.ends_with(".wasm"));
        let split_js = String::from_utf8(files.split_js.bytes.clone()).unwrap();
        assert!(
            split_js.contains(&format!(
                "fetch(new URL(\"./{}\", import.meta.url), {{ integrity: \"sha256-",
                chunk.name
            )),
            "{split_js}"
        );
        assert!(split_js.contains(&format!("from \"./{}\"", files.glue.name)));
        let glue = String::from_utf8(files.glue.bytes.clone()).unwrap();
        let import = format!("from \"./{}\"", files.split_js.name);
        assert_eq!(glue.matches(&import).count(), 2, "{glue}");
        assert!(
            glue.contains("{ \"./__wasm_split.js\": import1, \"./__wasm_split.js\": import2 }"),
            "the module's import keeps its linked name: {glue}"
        );
        let hash = files.glue.name.trim_start_matches("portfolio-");
        assert_eq!(
            files.wasm.name,
            format!("portfolio-{}_bg.wasm", &hash[..16])
        );

        let changed = named(
            GLUE.into(),
            SPLIT_JS.into(),
            b"main".to_vec(),
            vec![("split_save_123.wasm".into(), b"other chunk".to_vec())],
        )
        .unwrap();
        assert_ne!(
            changed.glue.name, files.glue.name,
            "a changed chunk renames the set"
        );
        assert_ne!(changed.chunks[0].name, chunk.name);
    }

    #[test]
    fn a_reference_not_written_as_expected_stops_the_build() {
        let chunk = || vec![("split_save_123.wasm".to_string(), b"chunk".to_vec())];
        let main = || b"main".to_vec();
        let renamed = SPLIT_JS.replace("split_save_123", "split_save_456");
        let error = named(GLUE.into(), renamed, main(), chunk()).err().unwrap();
        assert!(error.contains("split_save_123.wasm"), "{error}");
        assert!(error.contains("wasm-split"), "{error}");
        let error = named(GLUE.into(), SPLIT_JS.replace("from", "of"), main(), chunk())
            .err()
            .unwrap();
        assert!(error.contains("portfolio.js"), "{error}");
        let error = named(GLUE.replace("from", "of"), SPLIT_JS.into(), main(), chunk())
            .err()
            .unwrap();
        assert!(error.contains("wasm-bindgen"), "{error}");
    }
}
