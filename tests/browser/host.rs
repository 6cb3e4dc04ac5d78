//! A real host's runtime: `dist/` served by the Cloudflare Pages runtime (npm `wrangler`,
//! pinned, `wrangler pages dev` with an explicit compatibility date; it runs offline), checked
//! for what the host applies from `_headers` and `404.html`, and the page and its filter working
//! under it. `cargo xtask test` installs wrangler into `.tools/wrangler`.

use crate::support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use support::{Browser, TempDir};

/// `wrangler pages dev` on a free port; it and its workerd stop when this is dropped.
struct Wrangler {
    child: Child,
    port: u16,
    _home: TempDir,
}

impl Wrangler {
    fn start(dist: &Path) -> Self {
        let wrangler = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(".tools/wrangler/node_modules/.bin/wrangler");
        assert!(
            wrangler.exists(),
            "{} is missing (`cargo xtask test` installs it)",
            wrangler.display()
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        // Its own home and working folder: wrangler writes its logs, config and state there.
        let home = TempDir(std::env::temp_dir().join(format!("wrangler-{port}")));
        std::fs::create_dir_all(&home.0).unwrap();
        let child = Command::new(&wrangler)
            .args(["pages", "dev"])
            .arg(dist)
            .args(["--ip", "127.0.0.1", "--port", &port.to_string()])
            .arg("--compatibility-date=2024-11-01")
            // Its state folder (.wrangler/) goes there too, not into the project.
            .current_dir(&home.0)
            .env("HOME", &home.0)
            .env("WRANGLER_SEND_METRICS", "false")
            .env("CI", "1")
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("wrangler starts");
        let wrangler = Wrangler {
            child,
            port,
            _home: home,
        };
        for _ in 0..600 {
            if wrangler.try_get("/").is_some_and(|r| r.status == 200) {
                return wrangler;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("wrangler pages dev did not answer on port {port} within 60 s");
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    fn get(&self, path: &str) -> Response {
        self.try_get(path)
            .unwrap_or_else(|| panic!("GET {path} failed"))
    }

    /// A plain HTTP/1.1 GET (no client crate needed for a status line and headers). The runtime
    /// keeps the connection open for seconds despite `Connection: close`, so the response ends
    /// where its chunked body does, not where the connection does.
    fn try_get(&self, path: &str) -> Option<Response> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .ok()?;
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).ok()?;
        let mut raw = Vec::new();
        let mut buffer = [0u8; 65536];
        loop {
            let read = stream.read(&mut buffer).ok()?;
            raw.extend_from_slice(&buffer[..read]);
            if read == 0 || raw.ends_with(b"\r\n0\r\n\r\n") {
                break;
            }
        }
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let body = &raw[split + 4..];
        let mut lines = head.lines();
        let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
        let headers: Vec<(String, String)> = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
            .collect();
        let chunked = headers
            .iter()
            .any(|(n, v)| n == "transfer-encoding" && v == "chunked");
        let body = if chunked {
            unchunk(body)?
        } else {
            body.to_vec()
        };
        let body = String::from_utf8_lossy(&body).into_owned();
        Some(Response {
            status,
            headers,
            body,
        })
    }
}

/// The body of a chunked response: each chunk is its size in hex, CRLF, the bytes, CRLF.
fn unchunk(mut rest: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = rest.windows(2).position(|w| w == b"\r\n")?;
        let size = std::str::from_utf8(&rest[..line_end]).ok()?;
        let size = usize::from_str_radix(size.split(';').next()?.trim(), 16).ok()?;
        if size == 0 {
            return Some(body);
        }
        let chunk = rest.get(line_end + 2..)?;
        body.extend_from_slice(chunk.get(..size)?);
        rest = chunk.get(size + 2..)?;
    }
}

impl Drop for Wrangler {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_cloudflare_pages_runtime_applies_the_headers_and_serves_the_page() {
    let dist = support::dist_dir();
    // Served as built, but for the console listener the browser check below reads.
    let served = support::copy_with_console_listener(&dist, "host-dist");
    let host = Wrangler::start(&served.0);
    // The page: the policy from _headers, not cached without a check.
    let page = host.get("/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-security-policy"),
        support::csp(&dist).as_deref(),
        "the host sends the Content-Security-Policy of _headers"
    );
    assert_eq!(page.header("cache-control"), Some("no-cache"));
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    // Hashed assets are cached for good; the profile is always checked.
    let wasm = std::fs::read_dir(&dist)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.ends_with("_bg.wasm"))
        .expect("a built wasm");
    let asset = host.get(&format!("/{wasm}"));
    assert_eq!(asset.status, 200);
    assert_eq!(
        asset.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(
        host.get("/profile.json").header("cache-control"),
        Some("no-cache")
    );
    // An unknown path gets 404.html, with a 404 status.
    let missing = host.get("/no/such/page");
    assert_eq!(missing.status, 404);
    let not_found = std::fs::read_to_string(dist.join("404.html")).unwrap();
    let title = not_found
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .expect("404.html has a title");
    assert!(missing.body.contains(title), "the 404 page is 404.html");
    // The page and its filter work under the host's headers.
    let browser = Browser::start(1280, 900).await;
    browser.client.goto(&host.base()).await.unwrap();
    browser.wait_for("main[data-live]", 30).await;
    let kafka = format!("{}.click()", support::tag_toggle_script("Kafka"));
    browser.client.execute(&kafka, vec![]).await.unwrap();
    let one_card =
        "return document.querySelectorAll('article.project-card:not([hidden])').length === 1";
    browser
        .script_becomes(
            one_card,
            serde_json::json!(true),
            "the Kafka filter leaves one card",
        )
        .await;
    let severe = browser.console_errors().await;
    assert!(
        severe.is_empty(),
        "console errors under the host: {severe:?}"
    );
}
