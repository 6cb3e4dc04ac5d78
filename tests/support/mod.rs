//! What the end-to-end tests share: a static file server for dist/ (with per-path overrides
//! and an optional mount prefix), and a headless Chromium driven through chromedriver.
// Each test crate that includes this module (e2e.rs, print.rs) uses a different part of it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};

/// The release build to serve: `PORTFOLIO_DIST`, set by `cargo xtask test`.
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("PORTFOLIO_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"));
    assert!(
        dir.join("index.html").exists(),
        "no release build in {}: run `cargo xtask test`, or `cargo xtask dist` then set \
         PORTFOLIO_DIST",
        dir.display()
    );
    dir
}

type Overrides = Arc<Mutex<HashMap<String, (u16, Vec<u8>)>>>;

/// Serves dist/ on 127.0.0.1 under `prefix` ("/" or "/portfolio/").
pub struct Server {
    pub base: String,
    overrides: Overrides,
}

impl Server {
    pub fn start(prefix: &str) -> Self {
        Self::serve(dist_dir(), prefix)
    }

    /// Serves `root` under `prefix`.
    pub fn serve(root: PathBuf, prefix: &str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}{}", listener.local_addr().unwrap(), prefix);
        let overrides: Overrides = Arc::default();
        let shared = overrides.clone();
        let prefix = prefix.to_string();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (root, shared, prefix) = (root.clone(), shared.clone(), prefix.clone());
                std::thread::spawn(move || {
                    let _ = respond(stream, &root, &shared, &prefix);
                });
            }
        });
        Server { base, overrides }
    }

    /// Makes `path` (relative to the prefix, e.g. "profile.json") answer with this status and body.
    pub fn set(&self, path: &str, status: u16, body: &str) {
        self.overrides
            .lock()
            .unwrap()
            .insert(path.to_string(), (status, body.as_bytes().to_vec()));
    }

    pub fn clear(&self, path: &str) {
        self.overrides.lock().unwrap().remove(path);
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

fn respond(
    mut stream: TcpStream,
    root: &std::path::Path,
    overrides: &Overrides,
    prefix: &str,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let (status, body, kind) = match path
        .strip_prefix(prefix)
        .or_else(|| (path.to_string() + "/").strip_prefix(prefix).map(|_| ""))
    {
        None => (404, b"not under the prefix".to_vec(), "text/plain"),
        Some(relative) => {
            let relative = if relative.is_empty() {
                "index.html"
            } else {
                relative
            };
            if let Some((status, body)) = overrides.lock().unwrap().get(relative).cloned() {
                (status, body, content_type(relative))
            } else {
                let file = root.join(relative);
                match (relative.contains(".."), std::fs::read(&file)) {
                    (false, Ok(bytes)) => (200, bytes, content_type(relative)),
                    _ => (404, b"not found".to_vec(), "text/plain"),
                }
            }
        }
    };
    let reason = if status == 200 {
        "OK"
    } else if status == 404 {
        "Not Found"
    } else {
        "Error"
    };
    // Served as a CDN would from dist/_headers: every page runs under the strict policy, and
    // the tests' "no console error" checks fail on any violation.
    let policy = csp(root)
        .map(|p| format!("Content-Security-Policy: {p}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        concat!(
            "HTTP/1.1 {status} {reason}\r\n",
            "Content-Type: {kind}\r\n",
            "Content-Length: {length}\r\n",
            "Cache-Control: no-store\r\n",
            "{policy}",
            "Connection: close\r\n\r\n",
        ),
        status = status,
        reason = reason,
        kind = kind,
        length = body.len(),
        policy = policy,
    )?;
    stream.write_all(&body)?;
    stream.flush()
}

/// The Content-Security-Policy that `dist/_headers` sets for every path.
pub fn csp(root: &std::path::Path) -> Option<String> {
    let headers = std::fs::read_to_string(root.join("_headers")).ok()?;
    headers.lines().find_map(|line| {
        line.trim()
            .strip_prefix("Content-Security-Policy: ")
            .map(str::to_string)
    })
}

/// Chromium through chromedriver; both stop when this is dropped.
pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: TempDir,
}

/// A directory removed when dropped.
pub struct TempDir(pub PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Drop for Browser {
    /// Ends chromedriver and every Chromium process it started: they share its process group,
    /// and killing only chromedriver would leave the browsers running (seen here: hundreds of
    /// orphaned Chromium processes slowing every later test).
    fn drop(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// The Chromium binary: `CHROME`, or Debian's.
pub fn chrome() -> String {
    std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

/// The flags every headless Chromium here starts with: nothing reaches for the network.
pub const CHROME_FLAGS: [&str; 9] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
];

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Browser {
    pub async fn start(width: u32, height: u32) -> Self {
        Self::start_with(width, height, &[]).await
    }

    /// With extra Chromium flags, e.g. `--force-prefers-reduced-motion`.
    pub async fn start_with(width: u32, height: u32, extra: &[&str]) -> Self {
        let driver_path =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let chrome = chrome();
        let port = free_port();
        let driver = Command::new(&driver_path)
            .arg(format!("--port={port}"))
            // Its own process group, so Drop can end the browsers it starts with it.
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start chromedriver {driver_path}: {e}"));
        for _ in 0..100 {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile =
            TempDir(std::env::temp_dir().join(format!("e2e-chrome-{}-{port}", std::process::id())));
        let mut args: Vec<String> = CHROME_FLAGS
            .iter()
            .chain(extra)
            .map(|a| a.to_string())
            .collect();
        args.push(format!("--user-data-dir={}", profile.0.display()));
        args.push(format!("--window-size={width},{height}"));
        let capabilities = serde_json::json!({
            "goog:chromeOptions": {
                "binary": chrome,
                "args": args
            },
            "goog:loggingPrefs": { "browser": "ALL" }
        });
        let client = ClientBuilder::rustls()
            .expect("rustls")
            .capabilities(capabilities.as_object().unwrap().clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("chromedriver session");
        Browser {
            client,
            driver,
            _profile: profile,
        }
    }

    /// Waits for an element, failing with the selector after `seconds`.
    pub async fn wait_for(&self, css: &str, seconds: u64) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(seconds))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css} within {seconds} s: {e}"))
    }

    /// The visible text of the page.
    pub async fn text(&self) -> String {
        self.client
            .find(Locator::Css("body"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    /// Console messages of level SEVERE since the last call (chromedriver's log endpoint).
    pub async fn severe_console_messages(&self) -> Vec<String> {
        let value = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .unwrap_or(serde_json::Value::Null);
        value
            .as_array()
            .map(|entries| {
                entries
                    .iter()
                    .filter(|e| e["level"] == "SEVERE")
                    .map(|e| e["message"].as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// `POST /session/{id}/se/log {"type": "browser"}`: chromedriver's browser console log.
#[derive(Debug)]
struct BrowserLog;

impl fantoccini::wd::WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or("")))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(r#"{"type":"browser"}"#.to_string()),
        )
    }
}
