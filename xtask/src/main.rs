//! Project automation, the Rust way (`cargo xtask …`): installs what is missing, builds, serves,
//! checks the profile and runs every test. Each install step is skipped when already satisfied
//! and says what it does, so a fresh machine needs only `cargo xtask serve` and `cargo xtask test`.

mod browsers;
mod check;
mod compact_json;
mod details_page;
mod drawings;
mod edit_page;
mod first_tap;
mod headers;
mod import_names;
mod islands;
mod lighthouse;
mod loader;
mod og_image;
mod plain_page;
mod prerender;
mod preview_speed;
mod puppeteer;
mod resume;
mod rewrite;
mod serve;
mod setup;
mod sizes;
mod static_server;
mod stylesheet;
mod test_suite;
mod unused_exports;
mod wasm;
mod wasm_binary;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use setup::Tools;

const USAGE: &str = "\
usage: cargo xtask <command>

  serve [--port N]        install what is missing, build as `dist` does (the prerendered page,
                          _headers and its policy), serve it on http://127.0.0.1:8080 (or N);
                          a save to src/, style/, index.html or public/ rebuilds and reloads it
  test                    install what is missing, check formatting and lints (cargo fmt,
                          clippy native and wasm32), then run every test (native, component,
                          end-to-end)
  dist [--public-url P] [--profile F]
                          release build of the site into dist/, printing every file's size
                          (raw, gzip, brotli); with F (e.g. tests/fixtures/minimal.json) in
                          place of public/profile.json
  check [file]            validate public/profile.json (or file) and print every problem
  schema                  write public/profile.schema.json (editor completion for profile.json)
  import resume.json [--out F] [--lang L]
                          make a profile of a JSON Resume (into public/profile.json or F),
                          listing what the page has no place for
  export [--out F]        write public/profile.json as JSON Resume 1.2.1 (to stdout or F)
  wasm                    Trunk's build hook (Trunk.toml): the app's wasm, split into chunks,
                          and its loader in the staged page
  bench                   time a tag toggle on a generated 1,000-project profile in headless
                          Chromium, then Lighthouse (mobile and desktop, median of 5) on the
                          release build of dist/ served compressed from 127.0.0.1, beside a
                          plain HTML page of her text alone, then 10 loads under mobile
                          throttling with a tag tapped at the first paint and on the idle
                          page; prints Markdown tables and the targets (reports in
                          target/lighthouse/)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve::command(&args[1..]),
        Some("test") => test_suite::test(),
        Some("dist") => dist(
            public_url(&args[1..]),
            option(&args[1..], "--profile").map(PathBuf::from),
        )
        .map(|_| ()),
        Some("check") => check(args.get(1).map(String::as_str)),
        Some("bench") => bench(),
        Some("schema") => write_schema(),
        Some("import") => resume::import_command(&args[1..]),
        Some("export") => resume::export_command(&args[1..]),
        Some("wasm") => wasm::hook(),
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

pub(crate) type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root (xtask lives one level below it).
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is inside the workspace")
        .to_path_buf()
}

fn public_url(args: &[String]) -> Option<String> {
    option(args, "--public-url")
}

/// The value of `name` among `args`: `--name value` or `--name=value`.
pub(crate) fn option(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
        .or_else(|| {
            let prefix = format!("{name}=");
            args.iter()
                .find_map(|a| a.strip_prefix(&prefix).map(str::to_string))
        })
}

/// Runs a command to completion in the workspace root, failing with its name when it fails.
pub(crate) fn run(command: &mut Command) -> Result {
    let shown = format!("{command:?}").replace('"', "");
    let status = command
        .current_dir(root())
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// Builds the release site into dist/ (from `profile` if given) and reports every file's size.
fn dist(public_url: Option<String>, profile: Option<PathBuf>) -> Result<Tools> {
    let tools = setup::ensure(false)?;
    build_site(&tools, public_url.as_deref(), None, profile.as_deref())?;
    sizes::report(&root().join("dist"))?;
    Ok(tools)
}

fn build_dist(tools: &Tools, public_url: Option<&str>) -> Result {
    build_site(tools, public_url, None, None)?;
    sizes::report(&root().join("dist"))
}

/// `trunk build --release`, into dist/ or into `out`; `profile` replaces the profile.json that
/// Trunk copied from public/ before the page is prerendered from it.
fn build_site(
    tools: &Tools,
    public_url: Option<&str>,
    out: Option<&Path>,
    profile: Option<&Path>,
) -> Result {
    let started = Instant::now();
    let dir = out.map_or_else(|| root().join("dist"), Path::to_path_buf);
    trunk_build(tools, public_url, &dir)?;
    finish_site(&dir, public_url, profile)?;
    println!("[dist] built in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Trunk's part of a release build into `dir`: the app's wasm and loader, the stylesheet and
/// public/ copied, and a page with an empty `<body>` (none of it depends on the profile).
fn trunk_build(tools: &Tools, public_url: Option<&str>, dir: &Path) -> Result {
    let mut trunk = tools.command("trunk");
    trunk.args(["build", "--release", "--dist"]).arg(dir);
    if let Some(url) = public_url {
        trunk.args(["--public-url", url]);
    }
    println!(
        "[dist] trunk build --release{}",
        public_url
            .map(|u| format!(" --public-url {u}"))
            .unwrap_or_default()
    );
    run(&mut trunk)
}

/// xtask's part of a release build, in `dir` as Trunk left it: the profile (`profile` in
/// place of the one Trunk copied from public/), compacted; the page prerendered from it, its
/// islands' props and its cards' details moved into files of their own; the icon inlined; the
/// headers and the Content-Security-Policy.
fn finish_site(dir: &Path, public_url: Option<&str>, profile: Option<&Path>) -> Result {
    if let Some(profile) = profile {
        let from = root().join(profile);
        std::fs::copy(&from, dir.join("profile.json"))
            .map_err(|e| format!("{}: {e}", from.display()))?;
    }
    // Read before it is compacted, so that a syntax error is named at its line and column in
    // the owner's file, not in the one-line copy the site serves.
    let source = profile.unwrap_or(Path::new("public/profile.json"));
    let copied = dir.join("profile.json");
    let text =
        std::fs::read_to_string(&copied).map_err(|e| format!("{}: {e}", copied.display()))?;
    let profile =
        portfolio::parse::parse_profile(&text).map_err(|e| format!("{}: {e}", source.display()))?;
    let site_url = site_url(|name| std::env::var(name).ok());
    if let Some(url) = &site_url {
        println!("[dist] site address {url}");
    }
    compact_json::compact_profile(dir)?;
    let not_found = prerender::prerender(dir, site_url.as_deref())?;
    let public_url = public_url.unwrap_or("/");
    islands::move_props(dir, public_url)?;
    details_page::move_details(dir, public_url, &profile)?;
    loader::inline_icon_of(dir)?;
    // Last: the policy hashes the inline scripts as they now are.
    headers::write(dir, public_url, &not_found)
}

/// The site's address, for the canonical and link-preview URLs: `PORTFOLIO_SITE_URL` when set,
/// else the host's own variable, so previews work with no setup: Netlify's `URL` (only when
/// `NETLIFY` is `true`: the name is too common to trust alone), Cloudflare Pages'
/// `CF_PAGES_URL`. The GitHub workflow sets `PORTFOLIO_SITE_URL` from its Pages address. Ends
/// with `/`, as the address of the page itself does.
fn site_url(var: impl Fn(&str) -> Option<String>) -> Option<String> {
    let set = |name: &str| var(name).filter(|value| !value.trim().is_empty());
    let url = set("PORTFOLIO_SITE_URL")
        .or_else(|| {
            (set("NETLIFY").as_deref() == Some("true"))
                .then(|| set("URL"))
                .flatten()
        })
        .or_else(|| set("CF_PAGES_URL"))?;
    let url = url.trim();
    Some(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

fn check(path: Option<&str>) -> Result {
    let path = root().join(path.unwrap_or("public/profile.json"));
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let problems = check::problems(&text);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if problems.is_empty() {
        println!("{name}: OK");
        Ok(())
    } else {
        for problem in &problems {
            println!("{problem}");
        }
        Err(format!("{name}: {} problem(s)", problems.len()))
    }
}

/// The JSON Schema of profile.json, generated from the serde model so it cannot drift.
fn schema_text() -> String {
    let schema = schemars::schema_for!(portfolio::model::Profile);
    serde_json::to_string_pretty(&schema).expect("a schema serialises") + "\n"
}

const SCHEMA_PATH: &str = "public/profile.schema.json";

fn write_schema() -> Result {
    let path = root().join(SCHEMA_PATH);
    std::fs::write(&path, schema_text())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("wrote {SCHEMA_PATH}");
    Ok(())
}

fn bench() -> Result {
    let tools = setup::ensure(true)?;
    // wasm-bindgen-test-runner drives the first driver its environment names, geckodriver
    // before chromedriver: the toggle is timed in Chromium, as Lighthouse measures.
    run(tools.command("cargo").env_remove("GECKODRIVER").args([
        "test",
        "-p",
        "portfolio",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "--features",
        "hydrate",
        "--test",
        "bench",
        "--",
        "--nocapture",
    ]))?;
    // Lighthouse measures what a visitor gets: a fresh release build, not whatever dist/ holds.
    build_dist(&tools, None)?;
    lighthouse::bench(&tools)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_url_is_read_in_both_spellings() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            public_url(&args(&["--public-url", "/portfolio/"])).as_deref(),
            Some("/portfolio/")
        );
        assert_eq!(
            public_url(&args(&["--public-url=/p/"])).as_deref(),
            Some("/p/")
        );
        assert_eq!(public_url(&args(&[])), None);
    }

    #[test]
    fn the_committed_schema_is_the_generated_one() {
        let committed = std::fs::read_to_string(root().join(SCHEMA_PATH)).unwrap_or_default();
        assert!(
            committed == schema_text(),
            "{SCHEMA_PATH} is stale: run `cargo xtask schema`"
        );
    }

    #[test]
    fn check_accepts_a_valid_profile() {
        // A fixture, not public/profile.json: the site suite checks whatever profile a fork
        // builds from.
        check(Some("tests/fixtures/minimal.json")).expect("the minimal example is valid");
    }

    #[test]
    fn check_rejects_a_broken_profile() {
        let dir = std::env::temp_dir().join(format!("xtask-check-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("bad.json");
        std::fs::write(&file, "{ \"schemaVersion\": 1, ").unwrap();
        let error = check(Some(file.to_str().unwrap())).unwrap_err();
        assert!(error.contains("1 problem"), "{error}");
    }

    #[test]
    fn the_minimal_example_is_valid_and_prerenders_with_its_name() {
        let dir = std::env::temp_dir().join(format!("xtask-minimal-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let example = root().join("tests/fixtures/minimal.json");
        let text = std::fs::read_to_string(&example).unwrap();
        assert_eq!(portfolio::check_profile(&text), Vec::<String>::new());
        // As `cargo xtask dist --profile tests/fixtures/minimal.json` does after Trunk.
        std::fs::copy(&example, dir.join("profile.json")).unwrap();
        let (page, body) = prerender::body_of(&dir).unwrap();
        let profile = page.profile();
        assert_eq!(profile.projects.len(), 1, "one card");
        assert_eq!(
            profile.projects[0].diagram.nodes.len(),
            2,
            "a two-node diagram"
        );
        for text in [&profile.person.name, &profile.projects[0].title] {
            assert!(body.contains(text.as_str()), "{text} is not on the page");
        }
        let head = prerender::head(profile, None, false);
        assert!(head.contains("<title>Ada Example · Backend Engineer</title>"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_profile_that_does_not_parse_is_named_at_its_place_in_the_owners_file() {
        let dir = std::env::temp_dir().join(format!("xtask-finish-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("profile.json"),
            "{\n  \"schemaVersion\": 1,\n  oops\n}",
        )
        .unwrap();
        let error = finish_site(&dir, None, None).unwrap_err();
        assert!(
            error.starts_with("public/profile.json: line 3, column"),
            "{error}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_site_address_comes_from_the_owner_then_the_host() {
        fn env<'a>(pairs: &'a [(&str, &str)]) -> impl Fn(&str) -> Option<String> + 'a {
            move |name| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| value.to_string())
            }
        }
        let netlify = [("NETLIFY", "true"), ("URL", "https://ada.netlify.app")];
        assert_eq!(
            site_url(env(&netlify)).as_deref(),
            Some("https://ada.netlify.app/")
        );
        let cloudflare = [("CF_PAGES_URL", "https://abc.ada.pages.dev")];
        assert_eq!(
            site_url(env(&cloudflare)).as_deref(),
            Some("https://abc.ada.pages.dev/")
        );
        // The owner's own setting wins over any host's.
        let both = [
            ("PORTFOLIO_SITE_URL", "https://ada.example/portfolio/"),
            ("NETLIFY", "true"),
            ("URL", "https://ada.netlify.app"),
            ("CF_PAGES_URL", "https://abc.ada.pages.dev"),
        ];
        assert_eq!(
            site_url(env(&both)).as_deref(),
            Some("https://ada.example/portfolio/")
        );
        // Netlify's before Cloudflare's; an empty value is not set; URL alone is not Netlify.
        let hosts = [
            ("PORTFOLIO_SITE_URL", " "),
            ("NETLIFY", "true"),
            ("URL", "https://ada.netlify.app/"),
            ("CF_PAGES_URL", "https://abc.ada.pages.dev"),
        ];
        assert_eq!(
            site_url(env(&hosts)).as_deref(),
            Some("https://ada.netlify.app/")
        );
        assert_eq!(site_url(env(&[("URL", "https://elsewhere.example")])), None);
        assert_eq!(site_url(env(&[])), None);
    }
}
