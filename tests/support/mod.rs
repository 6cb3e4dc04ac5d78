//! What the end-to-end tests share: a static file server for dist/ (with per-path overrides
//! and an optional mount prefix) that puts a console listener into every page it serves, and
//! the browsers (`browser.rs`), and the hostile corpus (`corpus.rs`).
// Each test crate that includes this module (browser/, print.rs, site.rs) uses a different part
// of it.
#![allow(dead_code)]

pub mod axe;
mod browser;
pub mod corpus;
pub mod pdf;

#[allow(unused_imports)]
pub use browser::{chrome, Browser, Engine, Options, TempDir, CHROME_FLAGS};

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};

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

/// The ends of the paths whose answers wait (`Server::hold`), and the signal that they may go.
type Holds = Arc<(Mutex<Vec<String>>, Condvar)>;

/// Serves dist/ on 127.0.0.1 under `prefix` ("/" or "/portfolio/").
pub struct Server {
    pub base: String,
    overrides: Overrides,
    holds: Holds,
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
        let holds: Holds = Arc::default();
        let (shared, held) = (overrides.clone(), holds.clone());
        let prefix = prefix.to_string();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (root, shared, held) = (root.clone(), shared.clone(), held.clone());
                let prefix = prefix.clone();
                std::thread::spawn(move || {
                    let _ = respond(stream, &root, &shared, &held, &prefix);
                });
            }
        });
        Server {
            base,
            overrides,
            holds,
        }
    }

    /// Holds back the answer to every request whose path ends with `suffix` (e.g. the app's
    /// wasm, "_bg.wasm") until [`Server::release`]: the page stays as built, not yet live.
    pub fn hold(&self, suffix: &str) {
        self.holds.0.lock().unwrap().push(suffix.to_string());
    }

    /// Lets the requests held for `suffix` be answered, and holds back no more of them; the
    /// other holds stay.
    pub fn let_go(&self, suffix: &str) {
        self.holds.0.lock().unwrap().retain(|end| end != suffix);
        self.holds.1.notify_all();
    }

    /// Lets every held request be answered.
    pub fn release(&self) {
        self.holds.0.lock().unwrap().clear();
        self.holds.1.notify_all();
    }

    /// Makes `path` (relative to the prefix, e.g. "profile.json") answer with this status and
    /// body; status 0 closes the connection without an answer (a network error).
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
    holds: &Holds,
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
    let (held, go) = &**holds;
    drop(
        go.wait_while(held.lock().unwrap(), |ends| {
            ends.iter().any(|end| path.ends_with(end.as_str()))
        })
        .unwrap(),
    );
    let mut overridden = false;
    let (status, body, kind) = match path
        .strip_prefix(prefix)
        .or_else(|| (path.to_string() + "/").strip_prefix(prefix).map(|_| ""))
    {
        None => (404, b"not under the prefix".to_vec(), "text/plain"),
        Some(relative) => {
            // A directory's address is its index.html, as a host serves it (`edit/`).
            let index;
            let relative = if relative.is_empty() || relative.ends_with('/') {
                index = format!("{relative}index.html");
                index.as_str()
            } else {
                relative
            };
            if relative == CONSOLE_LISTENER_PATH {
                (200, CONSOLE_LISTENER.as_bytes().to_vec(), "text/javascript")
            } else if let Some((status, body)) = overrides.lock().unwrap().get(relative).cloned() {
                overridden = true;
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
    if overridden && status == 0 {
        return Ok(());
    }
    let body = if kind.starts_with("text/html") {
        with_console_listener(&String::from_utf8_lossy(&body), prefix).into_bytes()
    } else {
        body
    };
    let reason = if status == 200 {
        "OK"
    } else if status == 404 {
        "Not Found"
    } else {
        "Error"
    };
    // Cached as a CDN serves them (dist/_headers): a file whose name carries its hash for good,
    // so a test that loads the page a hundred times compiles the wasm once; the rest, and any
    // override, checked every time.
    let hashed = status == 200
        && !overridden
        && [".wasm", ".js", ".css"].iter().any(|e| path.ends_with(e))
        && !path.ends_with(CONSOLE_LISTENER_PATH);
    let cache = if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
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
            "Cache-Control: {cache}\r\n",
            "{policy}",
            "Connection: close\r\n\r\n",
        ),
        status = status,
        reason = reason,
        kind = kind,
        length = body.len(),
        policy = policy,
        cache = cache,
    )?;
    stream.write_all(&body)?;
    stream.flush()
}

/// The built page without its prerendered content's mark (`<main data-profile>`), as a build
/// without the prerender serves it: the app renders the profile itself, or its error panel.
pub fn page_without_prerender() -> String {
    let path = dist_dir().join("index.html");
    let page = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        page.contains(" data-profile="),
        "the built page is prerendered"
    );
    page.replacen(" data-profile=", " data-built-from=", 1)
}

/// The script that records console errors, CSP violations and failed loads in the page.
/// A script's expression for the filter's toggle of the tag named `name`, found by its name as
/// a visitor finds it (the page has no hook for it: its first response has no bytes to spare).
pub fn tag_toggle_script(name: &str) -> String {
    format!(
        "[...document.querySelectorAll('button.tag-toggle')]\
         .find((b) => b.firstChild.textContent.trim() === {name:?})"
    )
}

pub const CONSOLE_LISTENER: &str = include_str!("console-listener.js");

/// Where the server answers with `CONSOLE_LISTENER`, below its prefix.
pub const CONSOLE_LISTENER_PATH: &str = "__e2e/console-listener.js";

/// `html` with the console listener as the first script of its head: loaded from the site
/// itself, it is allowed by the page's `script-src 'self'` and runs before the app.
pub fn with_console_listener(html: &str, prefix: &str) -> String {
    let tag = format!(r#"<script src="{prefix}{CONSOLE_LISTENER_PATH}"></script>"#);
    match html.find("<head>") {
        Some(at) => format!("{}{tag}{}", &html[..at + 6], &html[at + 6..]),
        None => format!("{tag}{html}"),
    }
}

/// A copy of `dist` whose pages carry the console listener, for a server other than `Server`
/// (a host's runtime).
pub fn copy_with_console_listener(dist: &std::path::Path, name: &str) -> TempDir {
    let copy = TempDir(std::env::temp_dir().join(format!("{name}-{}", std::process::id())));
    let _ = std::fs::remove_dir_all(&copy.0);
    let status = std::process::Command::new("cp")
        .arg("-r")
        .arg(dist)
        .arg(&copy.0)
        .status()
        .unwrap();
    assert!(status.success(), "cp -r {}", dist.display());
    for entry in std::fs::read_dir(&copy.0).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, with_console_listener(&html, "/")).unwrap();
        }
    }
    let listener = copy.0.join(CONSOLE_LISTENER_PATH);
    std::fs::create_dir_all(listener.parent().unwrap()).unwrap();
    std::fs::write(listener, CONSOLE_LISTENER).unwrap();
    copy
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
