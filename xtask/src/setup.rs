//! Installs what the build and the tests need, skipping whatever is already there.
//!
//! Versions that matter here, measured on these machines: Trunk 0.21.14 (0.22 needs rustc 1.96),
//! the wasm-bindgen CLI equal to Cargo.lock's `wasm-bindgen`, wasm-opt from npm `binaryen@132`
//! (Debian's 108 builds a blank page), the browsers of the end-to-end suite (`browsers.rs`), and
//! for `cargo xtask bench` npm `lighthouse@12.8.2` (the newest that runs on Node 20); npm
//! `@jsonresume/schema@1.2.1`, whose schema the xtask tests hold the JSON Resume export to; npm
//! `axe-core@4.14.1`, which the end-to-end suite runs in the page; npm `wrangler@3.114.17`, the
//! Cloudflare Pages runtime the host test serves `dist/` with; npm `terser@5.51.4`, which
//! minifies the JS the build writes, and npm `lightningcss-cli@1.33.0`, which minifies its CSS.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::browsers::{ensure_browsers, ensure_geckodriver, BrowserEnv};
use crate::{root, run, Result};

const TRUNK_VERSION: &str = "0.21.14";
const BINARYEN_VERSION: &str = "132";
const LIGHTHOUSE_VERSION: &str = "12.8.2";
/// JSON Resume's official schema package, whose `schema.json` the export is validated against.
pub(crate) const JSONRESUME_SCHEMA_VERSION: &str = "1.2.1";
/// axe-core, which the end-to-end suite runs in the page (`tests/support/axe.rs` reads
/// `.tools/axe-core/node_modules/axe-core/axe.min.js`).
const AXE_CORE_VERSION: &str = "4.14.1";
/// Minifies the JS glue, wasm-split's loader and the page's loader (`cargo xtask wasm`): 8.8 →
/// 6.9 KB brotli of glue, measured.
pub(crate) const TERSER_VERSION: &str = "5.51.4";
/// lightningcss's command line, which minifies a release's CSS (`stylesheet.rs`).
const LIGHTNINGCSS_VERSION: &str = "1.33.0";
/// The Cloudflare Pages runtime for `tests/browser/host.rs` (`wrangler pages dev`, offline).
const WRANGLER_VERSION: &str = "3.114.17";

/// Where the tools are: every child process gets this PATH (project-local wasm-opt first) and,
/// when the browsers are needed, where each browser and driver is (CHROME, GECKODRIVER, …).
pub(crate) struct Tools {
    path: OsString,
    browsers: BrowserEnv,
}

impl Tools {
    pub(crate) fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.env("PATH", &self.path);
        command.envs(self.browsers.iter().map(|(name, path)| (name, path)));
        command
    }

    /// The path of a browser or driver (`CHROME`, `XVFB`, …), when `ensure(true)` found it.
    pub(crate) fn browser(&self, name: &str) -> Option<&Path> {
        self.browsers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, path)| path.as_path())
    }
}

fn say(what: &str, state: &str) {
    println!("[setup] {what}: {state}");
}

/// The first line a program prints for `--version`, or None when it cannot run.
fn version_of(program: &str, path: &OsString) -> Option<String> {
    let output = Command::new(program)
        .arg("--version")
        .env("PATH", path)
        .output()
        .ok()?;
    output.status.success().then(|| {
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .next()
            .unwrap_or("")
            .to_string()
    })
}

/// The exact `wasm-bindgen` version Cargo.lock resolved.
pub(crate) fn locked_wasm_bindgen() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    lock.split("[[package]]")
        .find(|block| block.lines().any(|l| l.trim() == "name = \"wasm-bindgen\""))
        .and_then(|block| {
            block.lines().find_map(|l| {
                l.trim()
                    .strip_prefix("version = \"")?
                    .strip_suffix('"')
                    .map(str::to_string)
            })
        })
        .ok_or_else(|| "Cargo.lock has no wasm-bindgen entry".to_string())
}

/// Installs what is missing for building and serving the site and, with `browser`, for the
/// tests that drive the browsers; returns where the tools are.
///
/// On a fresh machine the downloads (npm's packages, Debian's browsers) wait on the network and
/// the disk while the builds from crates.io (Trunk, the wasm-bindgen CLI, geckodriver) keep
/// both cores busy: they run side by side.
pub(crate) fn ensure(browser: bool) -> Result<Tools> {
    let binaryen_bin = root().join(".tools/binaryen/node_modules/.bin");
    let mut paths = vec![binaryen_bin.clone()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let path = std::env::join_paths(paths).map_err(|e| e.to_string())?;
    let mut tools = Tools {
        path,
        browsers: Vec::new(),
    };
    ensure_rustup("target", "wasm32-unknown-unknown")?;
    // The lints and the formatting check that `cargo xtask test` runs first.
    ensure_rustup("component", "clippy")?;
    ensure_rustup("component", "rustfmt")?;
    let (browsers, geckodriver) = std::thread::scope(|scope| {
        let downloads = scope.spawn(|| download(&tools, &binaryen_bin, browser));
        let built = build_from_crates_io(&tools, browser);
        let downloaded = downloads
            .join()
            .map_err(|_| "the downloads stopped with a panic".to_string())?;
        Ok::<_, String>((downloaded?, built?))
    })?;
    tools.browsers = browsers;
    tools
        .browsers
        .extend(geckodriver.map(|g| ("GECKODRIVER", g)));
    Ok(tools)
}

/// What comes from npm and Debian; with `browser`, the browsers, whose paths it returns.
fn download(tools: &Tools, binaryen_bin: &Path, browser: bool) -> Result<BrowserEnv> {
    ensure_wasm_opt(tools, &binaryen_bin.join("wasm-opt"))?;
    ensure_jsonresume_schema(tools)?;
    ensure_npm_package(tools, "terser", "terser", TERSER_VERSION)?;
    ensure_npm_package(
        tools,
        "lightningcss",
        "lightningcss-cli",
        LIGHTNINGCSS_VERSION,
    )?;
    if !browser {
        return Ok(Vec::new());
    }
    ensure_npm_package(tools, "axe-core", "axe-core", AXE_CORE_VERSION)?;
    ensure_npm_package(tools, "wrangler", "wrangler", WRANGLER_VERSION)?;
    ensure_browsers()
}

/// What `cargo install` builds; with `browser`, geckodriver too, whose path it returns.
fn build_from_crates_io(tools: &Tools, browser: bool) -> Result<Option<PathBuf>> {
    ensure_trunk(tools)?;
    ensure_wasm_bindgen(tools)?;
    browser.then(|| ensure_geckodriver(&tools.path)).transpose()
}

/// Whether `rustup <kind> list --installed` lists `name`.
fn rustup_has(kind: &str, name: &str) -> bool {
    Command::new("rustup")
        .args([kind, "list", "--installed"])
        .output()
        .is_ok_and(|output| lists(&String::from_utf8_lossy(&output.stdout), name))
}

/// Whether rustup's `listing` names `name`: a target by its full name, a component by its name
/// before the host triple (`clippy-x86_64-unknown-linux-gnu`).
fn lists(listing: &str, name: &str) -> bool {
    listing.lines().any(|line| {
        let line = line.trim();
        line == name
            || line
                .strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('-'))
    })
}

/// `rustup <kind> add <name>` unless it is installed (`kind` is `target` or `component`).
fn ensure_rustup(kind: &str, name: &str) -> Result {
    if rustup_has(kind, name) {
        say(name, "present");
        Ok(())
    } else {
        say(name, &format!("installing (rustup {kind} add)"));
        run(Command::new("rustup").args([kind, "add", name]))
    }
}

fn ensure_trunk(tools: &Tools) -> Result {
    match version_of("trunk", &tools.path) {
        Some(v) if v.contains(TRUNK_VERSION) => {
            say("trunk", &format!("{TRUNK_VERSION} present"));
            Ok(())
        }
        found => {
            say(
                "trunk",
                &format!("found {found:?}; installing {TRUNK_VERSION} (about 3 minutes, once)"),
            );
            run(unoptimised(&mut tools.command("cargo")).args([
                "install",
                "--locked",
                &format!("trunk@{TRUNK_VERSION}"),
            ]))
        }
    }
}

/// `cargo install` of a tool whose own speed the builds and tests do not feel: compiled without
/// optimisation or LTO, whatever its release profile asks. Trunk only hashes, copies and
/// rewrites a few files (a build's output is the same, in the same time), geckodriver relays
/// WebDriver's requests. Measured on two cores: Trunk installs in 2 min 34 s instead of 6 min
/// 23 s (10-11 min with its own profile's fat LTO in one codegen unit), geckodriver in 54 s
/// instead of 1 min 58 s. Not the wasm-bindgen CLI: unoptimised, it saves 1 min 33 s once and
/// then takes 0.6 s instead of 0.13 s on the app's module, and 5.2 s instead of 1.5 s on each
/// component test's, in every build and every run of the tests.
pub(crate) fn unoptimised(cargo: &mut Command) -> &mut Command {
    cargo
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
}

/// The wasm-bindgen CLI (and wasm-bindgen-test-runner), equal to the crate.
fn ensure_wasm_bindgen(tools: &Tools) -> Result {
    let wanted = locked_wasm_bindgen()?;
    match version_of("wasm-bindgen", &tools.path) {
        Some(v) if v.split_whitespace().last() == Some(wanted.as_str()) => {
            say("wasm-bindgen", &format!("{wanted} present"));
            Ok(())
        }
        found => {
            say(
                "wasm-bindgen",
                &format!("found {found:?}; installing {wanted} (a few minutes, once)"),
            );
            // Not --locked: with it, 0.2.130's lock file fails to resolve here.
            run(tools
                .command("cargo")
                .args(["install", "wasm-bindgen-cli", "--version", &wanted]))
        }
    }
}

/// wasm-opt from npm's binaryen, project-local (`wasm_opt` is where it lands).
fn ensure_wasm_opt(tools: &Tools, wasm_opt: &Path) -> Result {
    match version_of(wasm_opt.to_str().unwrap_or("wasm-opt"), &tools.path) {
        Some(v) if v.contains(&format!("version {BINARYEN_VERSION}")) => {
            say("wasm-opt", &format!("{BINARYEN_VERSION} present (.tools/)"));
            Ok(())
        }
        _ => {
            say(
                "wasm-opt",
                &format!("installing npm binaryen@{BINARYEN_VERSION} into .tools/binaryen"),
            );
            npm_install(tools, "binaryen", &format!("binaryen@{BINARYEN_VERSION}"))
        }
    }
}

/// Where npm puts `@jsonresume/schema` (project-local, like wasm-opt): the tests read its
/// schema.
#[cfg(test)]
pub(crate) fn jsonresume_schema_dir() -> PathBuf {
    root().join(".tools/jsonresume-schema/node_modules/@jsonresume/schema")
}

/// npm `@jsonresume/schema`, pinned: the xtask tests validate the export against its
/// `schema.json`, read from the package rather than written by hand.
fn ensure_jsonresume_schema(tools: &Tools) -> Result {
    ensure_npm_package(
        tools,
        "jsonresume-schema",
        "@jsonresume/schema",
        JSONRESUME_SCHEMA_VERSION,
    )
}

/// npm `package@version` in `.tools/<folder>`, installed when missing or another version.
fn ensure_npm_package(tools: &Tools, folder: &str, package: &str, version: &str) -> Result {
    let manifest = root()
        .join(".tools")
        .join(folder)
        .join("node_modules")
        .join(package)
        .join("package.json");
    let installed = std::fs::read_to_string(&manifest)
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|json| json["version"].as_str().map(str::to_string));
    if installed.as_deref() == Some(version) {
        say(package, &format!("{version} present (.tools/)"));
        return Ok(());
    }
    say(
        package,
        &format!("installing npm {package}@{version} into .tools/{folder}"),
    );
    npm_install(tools, folder, &format!("{package}@{version}"))
}

/// Lighthouse from npm, project-local like wasm-opt; only `cargo xtask bench` needs it.
/// Returns the path of its command.
pub(crate) fn ensure_lighthouse(tools: &Tools) -> Result<PathBuf> {
    let bin = root().join(".tools/lighthouse/node_modules/.bin/lighthouse");
    match version_of(bin.to_str().unwrap_or("lighthouse"), &tools.path) {
        Some(v) if v.trim() == LIGHTHOUSE_VERSION => say(
            "lighthouse",
            &format!("{LIGHTHOUSE_VERSION} present (.tools/)"),
        ),
        _ => {
            say(
                "lighthouse",
                &format!("installing npm lighthouse@{LIGHTHOUSE_VERSION} into .tools/lighthouse"),
            );
            npm_install(
                tools,
                "lighthouse",
                &format!("lighthouse@{LIGHTHOUSE_VERSION}"),
            )?;
        }
    }
    Ok(bin)
}

/// Installs an npm `package` (name@version) into the git-ignored `.tools/<folder>`.
fn npm_install(tools: &Tools, folder: &str, package: &str) -> Result {
    let prefix = root().join(".tools").join(folder);
    run(tools
        .command("npm")
        .arg("install")
        .arg("--prefix")
        .arg(prefix)
        .args(["--no-audit", "--no-fund", "--no-save", package]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rustup_listings_name_targets_and_components() {
        let targets = "wasm32-unknown-unknown\nx86_64-unknown-linux-gnu\n";
        assert!(lists(targets, "wasm32-unknown-unknown"));
        let components = "cargo-x86_64-unknown-linux-gnu\nclippy-x86_64-unknown-linux-gnu\n\
                          rustfmt-x86_64-unknown-linux-gnu\n";
        assert!(lists(components, "clippy"));
        assert!(lists(components, "rustfmt"));
        assert!(
            !lists(components, "rust"),
            "a prefix of another name is not that name"
        );
        assert!(!lists(components, "miri"));
    }

    #[test]
    fn the_locked_wasm_bindgen_is_the_pinned_one() {
        let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
        let locked = locked_wasm_bindgen().unwrap();
        assert!(
            manifest.contains(&format!("wasm-bindgen = {{ version = \"={locked}\"")),
            "Cargo.toml pins wasm-bindgen to {locked}"
        );
    }
}
