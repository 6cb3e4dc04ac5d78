//! `cargo xtask serve`: the site as `cargo xtask dist` ships it (the prerendered page, its
//! islands taken over by the same loader, the same `_headers` and Content-Security-Policy),
//! served by the static server on http://127.0.0.1:8080 the way a host serves it, and built
//! again on a save, the open pages reloading. `trunk serve` shows a page rendered in the
//! browser instead, which ships nowhere.
//!
//! Builds run the steps of `build_site` into target/serve/: Trunk into `trunk/`, kept, then its
//! copy in `site/` finished (profile, prerendered page, icon, headers). A save of the profile
//! alone finishes a new copy of Trunk's last output: nothing Trunk builds depends on it. The
//! server serves a build from memory and swaps the next one in whole once it is ready (a failed
//! build is never swapped in), so no response mixes two builds; the files on disk stay as
//! `dist` writes them, live reload being added to the copy in memory only (`reload.rs`).

mod reload;
mod watch;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use crate::setup::Tools;
use crate::static_server::{self, Server, Site};
use crate::{root, Result};
use reload::Live;
use watch::{Rebuild, Watch};

/// `cargo xtask serve [--port N]`: serves until interrupted.
pub(crate) fn command(args: &[String]) -> Result {
    let port = match crate::option(args, "--port") {
        Some(port) => port
            .parse()
            .map_err(|_| format!("--port {port}: not a port"))?,
        None => 8080,
    };
    let tools = crate::setup::ensure(false)?;
    // Listening before the first build: a port in use fails at once, and a page opened now
    // shows that the site is being built, then reloads.
    let listener = static_server::bind(port)?;
    let first = build_id();
    let live = Arc::new(Live::new(&first));
    let server = Arc::new(server(&live, served(placeholder(), &first, None)));
    static_server::serve(listener, server.clone());
    println!("[serve] http://127.0.0.1:{port}/ (building; the page reloads after each build)");
    let mut builder = Builder::new(tools, &root().join("target/serve"));
    watch_and_serve(
        &root(),
        &server,
        &live,
        |rebuild| builder.build(rebuild),
        &AtomicBool::new(false),
    )
}

/// A server of `site` that answers the reload events from `live`.
fn server(live: &Arc<Live>, site: Site) -> Server {
    let live = live.clone();
    Server::new(site).with_handover(reload::EVENTS_PATH, move |query, stream| {
        live.events(query, stream)
    })
}

/// Builds and serves, then on every burst of saves builds and serves again, until `stop`.
/// `build` returns the directory it built.
fn watch_and_serve(
    root: &Path,
    server: &Server,
    live: &Live,
    mut build: impl FnMut(Rebuild) -> Result<PathBuf>,
    stop: &AtomicBool,
) -> Result {
    // Taken before the first build, so a save during it is built next.
    let mut watch = Watch::new(root);
    let started = Instant::now();
    publish(server, live, build(Rebuild::Full), started);
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(watch::POLL);
        if let Some(rebuild) = watch.poll() {
            let what = match rebuild {
                Rebuild::Profile => "the page from profile.json",
                Rebuild::Full => "everything",
            };
            println!("\n[serve] saved: building {what} again");
            let started = Instant::now();
            publish(server, live, build(rebuild), started);
        }
    }
    Ok(())
}

/// Serves what `built` holds and reloads the open pages, or says why the build failed, in the
/// terminal and in the pages' consoles, and keeps serving the last good one.
fn publish(server: &Server, live: &Live, built: Result<PathBuf>, started: Instant) {
    let id = build_id();
    let previous = server.site();
    let served = built.and_then(|dir| {
        let files = static_server::read_files(&dir)?;
        Ok(served(files, &id, Some(&previous)))
    });
    match served {
        Ok(site) => {
            server.replace(site);
            live.built(&id);
            let seconds = started.elapsed().as_secs_f64();
            println!("[serve] built and served in {seconds:.1} s; open pages reload");
        }
        Err(error) => {
            eprintln!("\n[serve] the build failed; still serving the last good one:\n{error}");
            live.failed(&error);
        }
    }
}

/// `files` as served: every page with the reload script of build `build`, and the script.
fn served(mut files: Vec<(String, Vec<u8>)>, build: &str, previous: Option<&Site>) -> Site {
    for (path, bytes) in &mut files {
        if path.ends_with(".html") {
            *bytes = reload::inject(&String::from_utf8_lossy(bytes), build).into_bytes();
        }
    }
    files.push((reload::SCRIPT_PATH.into(), reload::SCRIPT.into()));
    Site::of(files, previous)
}

/// What a page opened during the first build shows, until it reloads.
fn placeholder() -> Vec<(String, Vec<u8>)> {
    let page = concat!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        "<title>Building…</title></head><body><p>cargo xtask serve is building the site ",
        "(the terminal shows how far it is); this page reloads when it is ready.</p></body></html>",
    );
    vec![("/index.html".into(), page.into())]
}

/// A name for a build that no other build of any run of the server has: a page from an earlier
/// run reloads too.
fn build_id() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    format!("{:x}", now.as_nanos())
}

/// Builds the site into `dir/site` as `build_site` does, keeping Trunk's output in `dir/trunk`.
struct Builder {
    tools: Tools,
    trunk: PathBuf,
    site: PathBuf,
    /// Whether `trunk` holds a whole Trunk build: not before the first, nor after one failed.
    trunk_built: bool,
}

impl Builder {
    fn new(tools: Tools, dir: &Path) -> Builder {
        Builder {
            tools,
            trunk: dir.join("trunk"),
            site: dir.join("site"),
            trunk_built: false,
        }
    }

    /// Builds what `rebuild` needs; returns the finished site's directory.
    fn build(&mut self, rebuild: Rebuild) -> Result<PathBuf> {
        if rebuild == Rebuild::Full || !self.trunk_built {
            self.trunk_built = false;
            crate::trunk_build(&self.tools, None, &self.trunk)?;
            self.trunk_built = true;
        }
        let _ = fs::remove_dir_all(&self.site);
        copy_dir(&self.trunk, &self.site)?;
        // Trunk's copy of the profile may be older than the one just saved.
        crate::finish_site(&self.site, None, Some(Path::new("public/profile.json")))?;
        Ok(self.site.clone())
    }
}

/// Copies the directory `from` to `to`, which must not exist yet.
fn copy_dir(from: &Path, to: &Path) -> Result {
    let error = |path: &Path, e: std::io::Error| format!("{}: {e}", path.display());
    fs::create_dir_all(to).map_err(|e| error(to, e))?;
    for entry in fs::read_dir(from).map_err(|e| error(from, e))?.flatten() {
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() {
            copy_dir(&source, &target)?;
        } else {
            fs::copy(&source, &target).map_err(|e| error(&source, e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::{SocketAddr, TcpStream};
    use std::time::Duration;

    /// A built page with the shape `headers::write` needs, and its headers written by it.
    fn built_dir(dir: &Path, text: &str) {
        let page = format!(
            concat!(
                "<!doctype html><html><head><meta charset=\"utf-8\" />",
                "<script>document.documentElement.classList.add(\"js\")</script>",
                "<noscript><link rel=\"stylesheet\" href=\"later-1.css\"></noscript>",
                "</head><body><p>{}</p></body></html>"
            ),
            text
        );
        fs::write(dir.join("index.html"), page).unwrap();
        crate::headers::write(dir, "/", "Not here").unwrap();
    }

    /// `GET path`: the response's head and body, uncompressed.
    fn get(address: SocketAddr, path: &str) -> (String, String) {
        let mut stream = TcpStream::connect(address).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nConnection: close\r\n\r\n").unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let (head, body) = response.split_once("\r\n\r\n").unwrap();
        (head.to_string(), body.to_string())
    }

    fn header<'a>(head: &'a str, name: &str) -> &'a str {
        let start = head.find(&format!("\r\n{name}: ")).unwrap() + name.len() + 4;
        head[start..].lines().next().unwrap()
    }

    #[test]
    fn served_pages_load_the_reload_script_under_the_policy_dist_ships() {
        let dir = std::env::temp_dir().join(format!("xtask-serve-policy-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        built_dir(&dir, "hello");
        let on_disk = static_server::read_files(&dir).unwrap();
        let listener = static_server::bind(0).unwrap();
        let address = listener.local_addr().unwrap();
        let live = Arc::new(Live::new("b1"));
        let site = served(static_server::read_files(&dir).unwrap(), "b1", None);
        static_server::serve(listener, Arc::new(server(&live, site)));

        let (head, page) = get(address, "/");
        let policy = header(&head, "Content-Security-Policy");
        let shipped = fs::read_to_string(dir.join("_headers")).unwrap();
        assert!(
            shipped.contains(policy),
            "the policy served is the one shipped"
        );
        let directive = |name: &str| {
            let start = policy.find(&format!("{name} ")).unwrap();
            policy[start..].split(';').next().unwrap().to_string()
        };
        assert!(directive("script-src").contains(" 'self'"), "{policy}");
        assert!(directive("connect-src").contains(" 'self'"), "{policy}");
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        let tag = r#"<script src="/_serve/reload.js" data-build="b1" defer></script></head>"#;
        assert!(page.contains(tag), "{page}");
        let (_, missing) = get(address, "/nowhere");
        assert!(
            missing.contains("data-build=\"b1\""),
            "the 404 page reloads too"
        );
        let (head, script) = get(address, reload::SCRIPT_PATH);
        assert!(head.contains("Content-Type: text/javascript"), "{head}");
        assert!(script.contains("new EventSource(\"/_serve/events?build=\""));

        // Serving added nothing to the built files.
        assert_eq!(static_server::read_files(&dir).unwrap(), on_disk);
        assert!(on_disk
            .iter()
            .all(|(_, b)| !String::from_utf8_lossy(b).contains("_serve")));
        fs::remove_dir_all(&dir).unwrap();
    }

    /// The whole loop on a built directory in a temporary folder: a save is built, served, and
    /// heard by an open page's event stream; a failed build keeps the last good one.
    #[test]
    fn a_save_is_built_served_and_heard_by_the_open_page() {
        let root = std::env::temp_dir().join(format!("xtask-serve-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let (sources, built) = (root.join("style"), root.join("built"));
        fs::create_dir_all(&sources).unwrap();
        fs::create_dir_all(&built).unwrap();
        fs::write(sources.join("main.css"), "p{}").unwrap();
        let listener = static_server::bind(0).unwrap();
        let address = listener.local_addr().unwrap();
        let live = Arc::new(Live::new("placeholder"));
        let server = Arc::new(server(&live, served(placeholder(), "placeholder", None)));
        static_server::serve(listener, server.clone());
        let stop = Arc::new(AtomicBool::new(false));
        let (watched, stopped) = (root.clone(), stop.clone());
        let built_here = built.clone();
        std::thread::spawn(move || {
            let mut builds = 0;
            let build = |_: Rebuild| {
                builds += 1;
                let css = fs::read_to_string(watched.join("style/main.css")).unwrap();
                if css.contains("broken") {
                    return Err("trunk build --release failed".to_string());
                }
                built_dir(&built_here, &format!("build {builds}: {css}"));
                Ok(built_here.clone())
            };
            watch_and_serve(&watched, &server, &live, build, &stopped)
        });

        let page = wait_for(address, "build 1: p{}");
        let build = page
            .split("data-build=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let mut events = TcpStream::connect(address).unwrap();
        events
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        write!(events, "GET /_serve/events?build={build} HTTP/1.1\r\n\r\n").unwrap();
        let mut events = BufReader::new(events);
        let mut next_event = || loop {
            let mut line = String::new();
            assert!(events.read_line(&mut line).unwrap() > 0, "the stream ended");
            if line.starts_with("event:") {
                return line;
            }
        };
        fs::write(sources.join("main.css"), "p{broken").unwrap();
        assert_eq!(next_event(), "event: failed\n");
        assert!(
            get(address, "/").1.contains("build 1: p{}"),
            "the last good build"
        );
        fs::write(sources.join("main.css"), "p{color:red}").unwrap();
        assert_eq!(next_event(), "event: reload\n");
        let (head, page) = get(address, "/");
        assert!(page.contains("build 3: p{color:red}"), "{page}");
        assert!(
            head.contains("Content-Security-Policy: default-src 'self'"),
            "{head}"
        );
        stop.store(true, Ordering::Relaxed);
        fs::remove_dir_all(&root).unwrap();
    }

    /// The page at `/` once it contains `text` (within 20 seconds).
    fn wait_for(address: SocketAddr, text: &str) -> String {
        for _ in 0..200 {
            let (_, page) = get(address, "/");
            if page.contains(text) {
                return page;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("/ never showed {text}");
    }
}
