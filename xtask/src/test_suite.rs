//! `cargo xtask test`: every check the project has, in the order that fails fastest, on sites
//! built for the tests from their own fixture profiles, and the site suite on whatever profile
//! `public/profile.json` holds. A fork that replaces the profile keeps this green.
//!
//! The sites (release builds, Trunk's part made once per public URL and copied, since nothing
//! Trunk builds depends on the profile):
//! - `target/test-sites/rich/` and `rich-subpath/` (under `/portfolio/`), from
//!   `tests/fixtures/rich.json`: what the end-to-end, accessibility and host suites read;
//! - `dist/`, from `public/profile.json`: what ships, checked by `tests/site.rs`, which knows
//!   nothing of the profile;
//! - `target/test-sites/imported/`, from a JSON Resume import ([`IMPORTED`]): the same suite on
//!   a profile unlike hers, as a fork's first build would be.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::browsers::{Engine, VirtualDisplay};
use crate::setup::{self, Tools};
use crate::{finish_site, root, run, sizes, trunk_build, Result};

/// The imported profile the site suite also runs on: a résumé with jobs and skills and no
/// project, as a fork's first `cargo xtask import` often gives.
pub(crate) const IMPORTED: &str = "tests/fixtures/imported/no-projects.json";

/// The profile the end-to-end suites are written against.
const RICH: &str = "tests/fixtures/rich.json";

const ENGINES: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::WebKit];

/// Where the test sites are built.
fn sites_dir() -> PathBuf {
    root().join("target/test-sites")
}

/// The tests' built sites.
struct Sites {
    rich: PathBuf,
    rich_subpath: PathBuf,
    owner: PathBuf,
    imported: PathBuf,
}

pub(crate) fn test() -> Result {
    let tools = setup::ensure(true)?;
    let mut suite = Suite::default();
    let cargo = |args: &[&str]| run(tools.command("cargo").args(args));
    // Formatting and lints first: they fail in seconds, before the minutes of builds and browsers.
    suite.step("formatting (cargo fmt --check)", || {
        cargo(&["fmt", "--all", "--check"])
    })?;
    suite.step("lints, native (clippy -D warnings)", || {
        cargo(&CLIPPY_NATIVE)
    })?;
    suite.step("lints, wasm32 (clippy -D warnings)", || cargo(&CLIPPY_WASM))?;
    suite.step("lints, the workbench's wasm32 (clippy -D warnings)", || {
        cargo(&CLIPPY_WORKBENCH)
    })?;
    let sites = suite.step("release builds of the test sites and dist/", || {
        build_sites(&tools)
    })?;
    suite.step(
        "native unit and property tests, end-to-end tests in Chromium",
        || {
            let mut command = tools.command("cargo");
            command.args(["test", "-p", "portfolio", "--no-default-features"]);
            end_to_end(&tools, command, Engine::Chromium, &sites)
        },
    )?;
    for engine in [Engine::Firefox, Engine::WebKit] {
        suite.step(&format!("end-to-end tests in {}", engine.name()), || {
            browser_suite(&tools, engine, &sites)
        })?;
    }
    for engine in ENGINES {
        suite.step(
            &format!(
                "the site suite on public/profile.json (tests/site.rs, {})",
                engine.name()
            ),
            || site_suite(&tools, engine, &sites.owner),
        )?;
    }
    suite.step(
        "the site suite on a JSON Resume import (tests/site.rs, Chromium)",
        || site_suite(&tools, Engine::Chromium, &sites.imported),
    )?;
    suite.step("xtask tests", || cargo(&["test", "-p", "xtask"]))?;
    suite.step("JSON Resume import and export's tests", || {
        cargo(&["test", "-p", "portfolio-resume"])
    })?;
    suite.step("the workbench's native tests", || {
        cargo(&["test", "-p", "portfolio-workbench"])
    })?;
    suite.step(
        "component tests (wasm-bindgen-test in headless Chromium)",
        || component_tests(&tools),
    )?;
    suite.summary();
    Ok(())
}

/// The steps run so far, their times, the tests each engine skipped, and the tests run again
/// because their browser crashed.
#[derive(Default)]
struct Suite {
    timings: Vec<(String, f64)>,
    skipped: Vec<(Engine, String)>,
    run_again: Vec<(Engine, String)>,
}

impl Suite {
    fn step<T>(&mut self, name: &str, action: impl FnOnce() -> Result<T>) -> Result<T> {
        println!("\n[test] {name}");
        let started = Instant::now();
        let result = action();
        self.timings
            .push((name.to_string(), started.elapsed().as_secs_f64()));
        for engine in ENGINES {
            let skipped = take_lines(&skip_log(engine));
            self.skipped.extend(
                skipped
                    .iter()
                    .map(|line| (engine, line.replace('\t', ": "))),
            );
            let run_again = take_lines(&run_again_log(engine));
            self.run_again
                .extend(run_again.into_iter().map(|test| (engine, test)));
        }
        result.map_err(|e| format!("{name}: {e}"))
    }

    fn summary(&self) {
        println!("\n[test] all passed");
        for (name, seconds) in &self.timings {
            println!("  {seconds:>7.1} s  {name}");
        }
        if !self.skipped.is_empty() {
            println!("\n[test] skipped, not passed ({}):", self.skipped.len());
            for (engine, line) in &self.skipped {
                println!("  in {}: {line}", engine.name());
            }
        }
        if !self.run_again.is_empty() {
            println!(
                "\n[test] passed when run again, the browser's web process having crashed under \
                 the first run ({}):",
                self.run_again.len()
            );
            for (engine, test) in &self.run_again {
                println!("  in {}: {test}", engine.name());
            }
        }
    }
}

/// Where the browser tests of `engine` write the names of the tests they skip
/// (`Engine::runs` in `tests/support/browser.rs`).
fn skip_log(engine: Engine) -> PathBuf {
    sites_dir().join(format!("skipped-in-{}.txt", engine.variable()))
}

/// The lines of the log at `path`, which is then removed (none if there is no log).
fn take_lines(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let _ = std::fs::remove_file(path);
    text.lines().map(str::to_string).collect()
}

/// Where the browser tests of `engine` name each test whose browser crashed under it
/// (`tests/support/browser.rs`), and where the suite names those that then passed.
fn crash_log(engine: Engine) -> PathBuf {
    sites_dir().join(format!("crashed-in-{}.txt", engine.variable()))
}

fn run_again_log(engine: Engine) -> PathBuf {
    sites_dir().join(format!("run-again-in-{}.txt", engine.variable()))
}

/// The browser suite (`tests/browser/`) in `engine`. WebKitGTK's web process has crashed under
/// a test about once in a dozen runs on a loaded two-core machine, a different test each time
/// (in CI and here, 2026-12-08): a test that failed only because its browser crashed is run once
/// more, and the summary names it. Any other failure, or a crash in the second run, fails.
fn browser_suite(tools: &Tools, engine: Engine, sites: &Sites) -> Result {
    let results = sites_dir().join(format!("results-in-{}.txt", engine.variable()));
    let crashes = crash_log(engine);
    let command = |only: &[String]| {
        // Neither log may outlive its run: a build that fails runs no test and writes neither.
        let _ = std::fs::remove_file(&crashes);
        let _ = std::fs::remove_file(&results);
        let mut command = tools.command("cargo");
        command
            .args(["test", "-p", "portfolio", "--no-default-features"])
            .args(["--test", "browser", "--", "--logfile"])
            .arg(&results)
            .env("E2E_CRASH_LOG", &crashes);
        if !only.is_empty() {
            command.arg("--exact").args(only);
        }
        command
    };
    let Err(error) = end_to_end(tools, command(&[]), engine, sites) else {
        return Ok(());
    };
    let read = |path: &Path| std::fs::read_to_string(path).unwrap_or_default();
    // libtest's log: a line `ok <test>` or `failed <test>` for each test run.
    let failed: Vec<String> = read(&results)
        .lines()
        .filter_map(|line| line.strip_prefix("failed "))
        .map(str::to_string)
        .collect();
    let crashed = read(&crashes);
    if failed.is_empty() || !failed.iter().all(|test| crashed.lines().any(|c| c == test)) {
        return Err(error);
    }
    println!(
        "\n[test] the browser crashed under {}: running {} again",
        failed.join(", "),
        if failed.len() == 1 { "it" } else { "them" }
    );
    end_to_end(tools, command(&failed), engine, sites)?;
    std::fs::write(run_again_log(engine), failed.join("\n") + "\n")
        .map_err(|e| format!("{}: {e}", run_again_log(engine).display()))
}

/// Builds every site the tests read: Trunk once per public URL, then each profile's part.
fn build_sites(tools: &Tools) -> Result<Sites> {
    let dir = sites_dir();
    let sites = Sites {
        rich: dir.join("rich"),
        rich_subpath: dir.join("rich-subpath"),
        owner: root().join("dist"),
        imported: dir.join("imported"),
    };
    let staged = dir.join("trunk");
    trunk_build(tools, None, &staged)?;
    trunk_build(tools, Some("/portfolio/"), &sites.rich_subpath)?;
    finish_site(
        &sites.rich_subpath,
        Some("/portfolio/"),
        Some(Path::new(RICH)),
    )?;
    let profiles = [
        (&sites.rich, Some(Path::new(RICH))),
        (&sites.owner, None),
        (&sites.imported, Some(Path::new(IMPORTED))),
    ];
    for (site, profile) in profiles {
        copy_dir(&staged, site)?;
        finish_site(site, None, profile)?;
    }
    sizes::report(&sites.owner)?;
    Ok(sites)
}

/// Replaces `to` with a copy of the directory `from`.
fn copy_dir(from: &Path, to: &Path) -> Result {
    let error = |path: &Path, e: std::io::Error| format!("{}: {e}", path.display());
    if to.exists() {
        std::fs::remove_dir_all(to).map_err(|e| error(to, e))?;
    }
    std::fs::create_dir_all(to).map_err(|e| error(to, e))?;
    for entry in std::fs::read_dir(from).map_err(|e| error(from, e))? {
        let path = entry.map_err(|e| error(from, e))?.path();
        let target = to.join(path.file_name().expect("a directory entry has a name"));
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            std::fs::copy(&path, &target).map_err(|e| error(&path, e))?;
        }
    }
    Ok(())
}

/// Runs `command` (a `cargo test` of browser suites) in `engine` against the rich test sites;
/// WebKitGTK on a virtual display of its own.
fn end_to_end(
    tools: &Tools,
    mut command: std::process::Command,
    engine: Engine,
    sites: &Sites,
) -> Result {
    command
        .env("PORTFOLIO_DIST", &sites.rich)
        .env("PORTFOLIO_SUBPATH_DIST", &sites.rich_subpath);
    in_engine(tools, command, engine)
}

/// `tests/site.rs` in `engine` against the site built in `site`.
fn site_suite(tools: &Tools, engine: Engine, site: &Path) -> Result {
    let mut command = tools.command("cargo");
    command
        .args([
            "test",
            "-p",
            "portfolio",
            "--no-default-features",
            "--test",
            "site",
        ])
        .env("PORTFOLIO_DIST", site);
    in_engine(tools, command, engine)
}

fn in_engine(tools: &Tools, mut command: std::process::Command, engine: Engine) -> Result {
    command
        .env("E2E_ENGINE", engine.variable())
        .env("E2E_SKIP_LOG", skip_log(engine));
    let _display = if engine == Engine::WebKit {
        let xvfb = tools.browser("XVFB").ok_or("no Xvfb")?;
        let display = VirtualDisplay::start(xvfb)?;
        command.env("DISPLAY", &display.display);
        Some(display)
    } else {
        None
    };
    run(&mut command)
}

fn component_tests(tools: &Tools) -> Result {
    // No -q here: wasm-bindgen-test-runner rejects --quiet. It drives the first driver its
    // environment names, geckodriver before chromedriver: these run in Chromium. It reads the
    // browser's arguments from `webdriver.json` in the directory cargo runs it in, the package's:
    // the workbench's tests are told where the file is.
    let component_tests = |package: &str, features: &[&str]| {
        let mut command = tools.command("cargo");
        command
            .env_remove("GECKODRIVER")
            .env(
                "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
                root().join("webdriver.json"),
            )
            .args(["test", "-p", package, "--target", "wasm32-unknown-unknown"])
            .args(features)
            .args(["--test", "components"]);
        run(&mut command)
    };
    component_tests("portfolio", &["--features", "hydrate"])?;
    // The workbench's editor parts (`workbench/tests/components.rs`; the crate turns on its own
    // `component-tests` feature for them).
    component_tests("portfolio-workbench", &[])
}

/// Clippy over the whole workspace as it builds natively: the pure core, xtask and every test
/// (the site suite named: `--all-targets` leaves out a target with `test = false`).
const CLIPPY_NATIVE: [&str; 8] = [
    "clippy",
    "--workspace",
    "--all-targets",
    "--test",
    "site",
    "--",
    "-D",
    "warnings",
];

/// Clippy over the app as the browser gets it (the `hydrate` feature, split into chunks) and the
/// wasm tests. Not `--all-targets`: the library's unit tests are native (proptest does not build
/// for wasm).
pub(crate) const CLIPPY_WASM: [&str; 15] = [
    "clippy",
    "-p",
    "portfolio",
    "--target",
    "wasm32-unknown-unknown",
    "--features",
    "split",
    "--lib",
    "--test",
    "components",
    "--test",
    "bench",
    "--",
    "-D",
    "warnings",
];

/// Clippy over the workbench's crate as the browser gets it (the `edit/` page's wasm) and its
/// component tests.
const CLIPPY_WORKBENCH: [&str; 11] = [
    "clippy",
    "-p",
    "portfolio-workbench",
    "--target",
    "wasm32-unknown-unknown",
    "--lib",
    "--test",
    "components",
    "--",
    "-D",
    "warnings",
];
