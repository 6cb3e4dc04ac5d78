//! `cargo xtask bench`, second half: Lighthouse on the release site, served compressed from
//! 127.0.0.1, and beside it, in the same run, a plain HTML page holding the same text with no
//! JavaScript, wasm or stylesheet: the physical limit the site is compared with.
//!
//! Mobile (Lighthouse's default) and desktop presets, the median of five runs of each, printed
//! as a Markdown table with the targets below it. The targets are reported, not
//! enforced: this is a measurement, and a noisy machine should not fail a build. The raw
//! reports stay in `target/lighthouse/`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::rewrite::find_once;
use serde_json::Value;

use crate::setup::Tools;
use crate::{root, run, static_server, Result};

const RUNS: usize = 5;

/// Headless Chromium as root in a container: no sandbox, no GPU, no small /dev/shm. The
/// host-resolver rule makes every name but 127.0.0.1 and localhost unresolvable, so nothing
/// (component updates, safe browsing, a stray font) can reach the internet and skew a run.
const CHROME_FLAGS: &str =
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
     --disable-background-networking --disable-component-update --disable-sync \
     --host-resolver-rules=\"MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost\"";

const CATEGORIES: [&str; 4] = ["performance", "accessibility", "best-practices", "seo"];

/// The budget for the whole first load, compressed, in bytes (1 KB = 1000 bytes).
const BUDGET_TRANSFER: f64 = 170_000.0;
/// The site's LCP and FCP may be at most this many times the plain page's, in each preset.
const PLAIN_FACTOR: f64 = 1.2;
/// The site's mobile Total Blocking Time, at most, in milliseconds.
const BUDGET_TBT: f64 = 100.0;

/// What is read from a report, in table order: the four category scores (×100), then audits.
#[derive(Clone, Copy)]
enum Metric {
    Score(&'static str),
    Audit(&'static str),
}

const METRICS: [(&str, Metric); 9] = [
    ("Performance", Metric::Score("performance")),
    ("Accessibility", Metric::Score("accessibility")),
    ("Best practices", Metric::Score("best-practices")),
    ("SEO", Metric::Score("seo")),
    ("FCP ms", Metric::Audit("first-contentful-paint")),
    ("LCP ms", Metric::Audit("largest-contentful-paint")),
    ("TBT ms", Metric::Audit("total-blocking-time")),
    ("CLS", Metric::Audit("cumulative-layout-shift")),
    ("transfer KB", Metric::Audit("total-byte-weight")),
];
const FCP: usize = 4;
const LCP: usize = 5;
const TBT: usize = 6;
const CLS: usize = 7;
const TRANSFER: usize = 8;

/// One row of the table: a page under a preset, its runs' values and its median values.
struct Row {
    page: &'static str,
    desktop: bool,
    runs: Vec<[Option<f64>; METRICS.len()]>,
    /// The last report, kept to explain a score below 100.
    last: Value,
}

impl Row {
    fn name(&self) -> String {
        format!(
            "{} {}",
            self.page,
            if self.desktop { "desktop" } else { "mobile" }
        )
    }

    fn median(&self, metric: usize) -> Option<f64> {
        median(
            &self
                .runs
                .iter()
                .filter_map(|run| run[metric])
                .collect::<Vec<_>>(),
        )
    }
}

/// The median: the middle value, or the mean of the two middle ones. None for no values.
pub(crate) fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[mid]),
        _ => Some((sorted[mid - 1] + sorted[mid]) / 2.0),
    }
}

/// Measures `dist/` (already built) against the plain page and prints the table and targets.
pub(crate) fn bench(tools: &Tools) -> Result {
    // Snapshot dist/ first, while it is the build just made: the server serves it from memory.
    println!("\n[lighthouse] compressing and serving dist/ and the plain page from 127.0.0.1");
    let dist = root().join("dist");
    let site_url = static_server::start(&dist)?;
    let plain = write_plain(&dist, &root().join("target/bench-plain"))?;
    let urls = [("site", site_url), ("plain", static_server::start(&plain)?)];
    let lighthouse = crate::setup::ensure_lighthouse(tools)?;
    let chrome = tools
        .browser("CHROME")
        .ok_or("Lighthouse needs Chromium: setup::ensure(true) found none")?
        .to_path_buf();
    let reports = root().join("target/lighthouse");
    fs::create_dir_all(&reports).map_err(|e| format!("{}: {e}", reports.display()))?;

    let mut rows: Vec<Row> = [false, true]
        .into_iter()
        .flat_map(|desktop| {
            urls.iter().map(move |(page, _)| Row {
                page,
                desktop,
                runs: Vec::new(),
                last: Value::Null,
            })
        })
        .collect();
    // Run by run, every row in turn: a slow spell on the machine then hits all rows alike
    // instead of one row's five runs.
    for run_number in 1..=RUNS {
        for row in &mut rows {
            let url = &urls
                .iter()
                .find(|(page, _)| *page == row.page)
                .expect("a served page")
                .1;
            let file = reports.join(format!(
                "{}-{run_number}.json",
                row.name().replace(' ', "-")
            ));
            // Lighthouse now and then fails to record a trace (NO_NAVSTART): try that run again.
            let mut attempt = 1;
            let report = loop {
                match lighthouse_run(tools, &lighthouse, &chrome, url, row.desktop, &file) {
                    Ok(report) => break report,
                    Err(error) if attempt < 3 => {
                        println!(
                            "[lighthouse] run {run_number} of {} failed, trying again: {error}",
                            row.name()
                        );
                        attempt += 1;
                    }
                    Err(error) => return Err(error),
                }
            };
            let values = read_metrics(&report);
            println!(
                "[lighthouse] run {run_number}/{RUNS} {:<14} performance {}, \
                 LCP {} ms, transfer {} KB",
                row.name(),
                show(values[0], 0, 1.0),
                show(values[LCP], 0, 1.0),
                show(values[TRANSFER], 1, 1000.0)
            );
            for failed in failed_requests(&report) {
                println!("[lighthouse] warning: {failed}");
            }
            row.runs.push(values);
            row.last = report;
        }
    }
    // Table order: site then plain, mobile first.
    rows.sort_by_key(|row| (row.desktop, row.page != "site"));
    println!(
        "\n[first tap] {} page loads under mobile throttling",
        crate::first_tap::RUNS
    );
    let taps = crate::first_tap::measure(tools, &chrome, &urls[0].1)?;
    println!(
        "\n[workbench] {} edits previewed in edit/, unthrottled",
        crate::preview_speed::RUNS
    );
    let edit_url = format!("{}edit/", urls[0].1);
    let preview = crate::preview_speed::measure(tools, &chrome, &edit_url)?;
    print_table(&rows);
    println!("\nTaps (Chromium, 4x CPU, 562.5 ms request latency, 1.47 Mbps):\n");
    print!("{}", taps.rows());
    println!("\nThe workbench, edit/ (Chromium, 1280 x 800, unthrottled):\n");
    print!("{}", preview.rows());
    print_targets(&rows, &taps, &preview);
    println!("\nraw reports: target/lighthouse/*.json; plain page: target/bench-plain/index.html");
    Ok(())
}

/// One Lighthouse run, its JSON report written to `file` and returned.
fn lighthouse_run(
    tools: &Tools,
    lighthouse: &Path,
    chrome: &Path,
    url: &str,
    desktop: bool,
    file: &Path,
) -> Result<Value> {
    let mut command = tools.command(lighthouse.to_str().ok_or("a non-UTF-8 .tools path")?);
    command
        .arg(url)
        .arg("--output=json")
        .arg(format!("--output-path={}", file.display()))
        .arg("--quiet")
        .arg(format!("--only-categories={}", CATEGORIES.join(",")))
        .arg(format!("--chrome-flags={CHROME_FLAGS}"))
        // chrome-launcher gives every run a fresh temporary profile (user-data-dir) itself.
        .env("CHROME_PATH", chrome);
    if desktop {
        command.arg("--preset=desktop");
    }
    run(&mut command)?;
    let text = fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let report: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    // A page that failed to load still gives a report, with the reason here and no scores.
    if let Some(error) = report.get("runtimeError") {
        return Err(format!(
            "Lighthouse could not measure {url}: {} ({})",
            error["message"],
            file.display()
        ));
    }
    Ok(report)
}

/// Requests that got an error status or none: a page that misses a file is not the page meant.
fn failed_requests(report: &Value) -> Vec<String> {
    audit_items(report, "network-requests")
        .iter()
        .filter(|item| {
            item["statusCode"]
                .as_f64()
                .is_none_or(|status| status >= 400.0)
        })
        .map(|item| {
            format!(
                "{} answered {}",
                item["url"].as_str().unwrap_or("?"),
                item["statusCode"]
            )
        })
        .collect()
}

/// The rows of an audit's details table (none when the report has no such table).
fn audit_items(report: &Value, audit: &str) -> Vec<Value> {
    report["audits"][audit]["details"]["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// The values of [`METRICS`] in a report; None where Lighthouse could not compute one.
fn read_metrics(report: &Value) -> [Option<f64>; METRICS.len()] {
    METRICS.map(|(_, metric)| match metric {
        Metric::Score(id) => report["categories"][id]["score"]
            .as_f64()
            .map(|s| s * 100.0),
        Metric::Audit(id) => report["audits"][id]["numericValue"].as_f64(),
    })
}

/// `value / unit` with `decimals`, or a dash when there is none.
fn show(value: Option<f64>, decimals: usize, unit: f64) -> String {
    value.map_or_else(|| "–".to_string(), |v| format!("{:.decimals$}", v / unit))
}

fn show_metric(metric: usize, value: Option<f64>) -> String {
    match metric {
        CLS => show(value, 3, 1.0),
        TRANSFER => show(value, 1, 1000.0),
        _ => show(value, 0, 1.0),
    }
}

fn print_table(rows: &[Row]) {
    println!(
        "\nLighthouse {}, median of {RUNS} runs:\n",
        rows[0].last["lighthouseVersion"].as_str().unwrap_or("?")
    );
    let header: Vec<&str> = METRICS.iter().map(|(name, _)| *name).collect();
    println!("| page | {} |", header.join(" | "));
    println!("|---|{}", "---:|".repeat(METRICS.len()));
    for row in rows {
        let cells: Vec<String> = (0..METRICS.len())
            .map(|m| show_metric(m, row.median(m)))
            .collect();
        println!("| {} | {} |", row.name(), cells.join(" | "));
    }
}

/// Prints each target as PASS or FAIL, then where the site's first load goes and what cost it
/// points.
fn print_targets(
    rows: &[Row],
    taps: &crate::first_tap::Taps,
    preview: &crate::preview_speed::PreviewSpeed,
) {
    let row = |page: &str, desktop: bool| {
        rows.iter()
            .find(|r| r.page == page && r.desktop == desktop)
            .expect("every row was measured")
    };
    let sites = [row("site", false), row("site", true)];
    let plains = [row("plain", false), row("plain", true)];
    let mut checks = vec![scores_target(sites)];
    for (metric, name) in [(FCP, "FCP"), (LCP, "LCP")] {
        for preset in 0..2 {
            checks.push(ratio_target(sites[preset], plains[preset], metric, name));
        }
    }
    checks.extend([
        cls_target(sites),
        tbt_target(sites[0]),
        transfer_target(sites),
    ]);
    checks.extend(taps.targets());
    checks.extend(preview.targets());
    println!("\nTargets:\n");
    for (ok, text) in &checks {
        println!("- {} {text}", if *ok { "PASS" } else { "FAIL" });
    }
    let met = checks.iter().filter(|(ok, _)| *ok).count();
    println!(
        "\n{met} of {} targets met{}",
        checks.len(),
        if met < checks.len() {
            " (reported, not enforced: bench measures)"
        } else {
            ""
        }
    );

    println!(
        "\nsite first load by type (mobile, last run): {}",
        by_type(&sites[0].last)
    );
    for site in sites {
        for line in below_full_marks(site) {
            println!(
                "site {}: {line}",
                if site.desktop { "desktop" } else { "mobile" }
            );
        }
    }
}

/// A target: whether it is met, and what was measured against it.
type Target = (bool, String);

/// Every category scores 100 on mobile and desktop.
fn scores_target(sites: [&Row; 2]) -> Target {
    let scores = |r: &Row| {
        (0..CATEGORIES.len())
            .map(|m| show_metric(m, r.median(m)))
            .collect::<Vec<_>>()
            .join("/")
    };
    let all_100 = sites
        .iter()
        .all(|r| (0..CATEGORIES.len()).all(|m| r.median(m).is_some_and(|s| s >= 100.0)));
    (
        all_100,
        format!(
            "site scores all 100: mobile {}, desktop {}",
            scores(sites[0]),
            scores(sites[1])
        ),
    )
}

/// The site's `metric` (FCP or LCP) is at most [`PLAIN_FACTOR`] times the plain page's, under
/// the same preset.
fn ratio_target(site: &Row, plain: &Row, metric: usize, name: &str) -> Target {
    let (site_value, plain_value) = (site.median(metric), plain.median(metric));
    let ok = matches!((site_value, plain_value), (Some(s), Some(p)) if s <= PLAIN_FACTOR * p);
    let preset = if site.desktop { "desktop" } else { "mobile" };
    (
        ok,
        format!(
            "site {preset} {name} {} ms <= {PLAIN_FACTOR} x plain {preset} {name} {} ms = {} ms \
             ({}x)",
            show(site_value, 0, 1.0),
            show(plain_value, 0, 1.0),
            show(plain_value.map(|p| p * PLAIN_FACTOR), 0, 1.0),
            match (site_value, plain_value) {
                (Some(s), Some(p)) if p > 0.0 => format!("{:.2}", s / p),
                _ => "–".to_string(),
            }
        ),
    )
}

/// No layout shift at all: strictly zero, since the page is prerendered to match the app.
fn cls_target(sites: [&Row; 2]) -> Target {
    let cls_ok = sites.iter().all(|r| r.median(CLS) == Some(0.0));
    let cls = |r: &Row| r.median(CLS).map_or("–".to_string(), |v| v.to_string());
    (
        cls_ok,
        format!(
            "site CLS 0: mobile {}, desktop {}",
            cls(sites[0]),
            cls(sites[1])
        ),
    )
}

/// Mobile Total Blocking Time at most [`BUDGET_TBT`]: every click answered at once.
fn tbt_target(site_mobile: &Row) -> Target {
    let tbt = site_mobile.median(TBT);
    (
        tbt.is_some_and(|t| t <= BUDGET_TBT),
        format!("site mobile TBT <= {BUDGET_TBT} ms: {}", show(tbt, 0, 1.0)),
    )
}

/// The first load transfers at most [`BUDGET_TRANSFER`] bytes on mobile and desktop.
fn transfer_target(sites: [&Row; 2]) -> Target {
    let transfer_ok = sites
        .iter()
        .all(|r| r.median(TRANSFER).is_some_and(|b| b <= BUDGET_TRANSFER));
    (
        transfer_ok,
        format!(
            "site first-load transfer <= {} KB: mobile {} KB, desktop {} KB",
            BUDGET_TRANSFER / 1000.0,
            show(sites[0].median(TRANSFER), 1, 1000.0),
            show(sites[1].median(TRANSFER), 1, 1000.0)
        ),
    )
}

/// Lighthouse's `resource-summary`: transfer size and count per resource type.
fn by_type(report: &Value) -> String {
    audit_items(report, "resource-summary")
        .iter()
        .filter(|item| !matches!(item["resourceType"].as_str(), Some("total" | "third-party")))
        .filter(|item| item["requestCount"].as_u64().unwrap_or(0) > 0)
        .map(|item| {
            let kb = item["transferSize"].as_f64().unwrap_or(0.0) / 1000.0;
            format!(
                "{} {kb:.1} KB ({})",
                item["resourceType"].as_str().unwrap_or("?"),
                item["requestCount"]
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// For each category below 100 in the row's last report, the weighted audits that cost points.
fn below_full_marks(row: &Row) -> Vec<String> {
    let report = &row.last;
    CATEGORIES
        .iter()
        .filter(|id| {
            report["categories"][**id]["score"]
                .as_f64()
                .is_some_and(|s| s < 1.0)
        })
        .map(|id| {
            let refs = report["categories"][*id]["auditRefs"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let losing: Vec<String> = refs
                .iter()
                .filter(|r| r["weight"].as_f64().unwrap_or(0.0) > 0.0)
                .filter_map(|r| {
                    let audit = &report["audits"][r["id"].as_str()?];
                    let score = audit["score"].as_f64()?;
                    (score < 1.0).then(|| {
                        let shown = audit["displayValue"]
                            .as_str()
                            .map(|d| format!(", {d}"))
                            .unwrap_or_default();
                        format!("{} {score:.2}{shown}", r["id"].as_str().unwrap_or("?"))
                    })
                })
                .collect();
            format!("{id} below 100 in the last run: {}", losing.join("; "))
        })
        .collect()
}

/// The plain page ([`crate::plain_page`]) of the profile `dist/` was built from, served with
/// the site's policy, so best practices compare like with like.
fn write_plain(dist: &Path, out: &Path) -> Result<PathBuf> {
    let path = dist.join("profile.json");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let profile: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let page = crate::plain_page::plain_page(&profile);
    fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    fs::write(out.join("index.html"), &page)
        .map_err(|e| format!("{}/index.html: {e}", out.display()))?;
    // Its `data:,` icon spares a request for /favicon.ico: its 404 would be a console error,
    // costing best practices for something that is not the page. No inline script runs
    // there, so the policy lists no hashes; its few lines of style are allowed by theirs.
    let style = find_once(&page, "<style>", "the plain page")? + "<style>".len();
    let style = &page[style..style + page[style..].find("</style>").ok_or("no </style>")?];
    let policy = crate::headers::policy(&[], &[crate::headers::sha256_source(style)]);
    let headers = format!(
        concat!(
            "/*\n",
            "  Content-Security-Policy: {}\n",
            "  X-Content-Type-Options: nosniff\n",
            "/\n",
            "  Cache-Control: no-cache\n",
        ),
        policy
    );
    fs::write(out.join("_headers"), headers)
        .map_err(|e| format!("{}/_headers: {e}", out.display()))?;
    Ok(out.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_is_the_middle_or_the_mean_of_the_two_middles() {
        assert_eq!(median(&[5.0, 1.0, 3.0, 2.0, 4.0]), Some(3.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[7.0]), Some(7.0));
        assert_eq!(median(&[]), None);
        // One slow outlier does not move it.
        assert_eq!(median(&[900.0, 910.0, 905.0, 5000.0, 902.0]), Some(905.0));
    }

    #[test]
    fn metrics_are_read_from_a_report() {
        let report = serde_json::json!({
            "categories": {
                "performance": { "score": 0.97 },
                "accessibility": { "score": 1 },
                "best-practices": { "score": null },
            },
            "audits": {
                "largest-contentful-paint": { "numericValue": 1234.5 },
                "total-byte-weight": { "numericValue": 120000 },
            },
        });
        let values = read_metrics(&report);
        assert!((values[0].unwrap() - 97.0).abs() < 1e-9);
        assert_eq!(values[1], Some(100.0));
        assert_eq!(
            values[2], None,
            "a score Lighthouse could not compute is missing, not 0"
        );
        assert_eq!(values[LCP], Some(1234.5));
        assert_eq!(values[TRANSFER], Some(120000.0));
        assert_eq!(show_metric(TRANSFER, values[TRANSFER]), "120.0");
    }
}
