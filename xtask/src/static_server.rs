//! A static file server on 127.0.0.1: it serves a built directory the way a production host
//! does (brotli or gzip by `Accept-Encoding`, the `_headers` rules, keep-alive), so Lighthouse
//! sees the transfer sizes and headers a visitor gets, not those of a development server that
//! sends everything uncompressed, and `cargo xtask serve` shows what `dist` ships.
//!
//! It serves a snapshot in memory, replaced whole by a new build (`Server::replace`), and can
//! hand one path's connections to a handler of their own (`serve`'s reload events).
//!
//! Plain `std::net`, a thread per connection: a handful of connections from one browser at a
//! time, nothing that needs an async runtime.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use crate::Result;

/// How a response body is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    fn header(self) -> Option<&'static str> {
        match self {
            Encoding::Brotli => Some("br"),
            Encoding::Gzip => Some("gzip"),
            Encoding::Identity => None,
        }
    }
}

/// The encoding for a request's `Accept-Encoding`: brotli when offered, else gzip, else none.
/// A coding offered with `q=0` is refused, as RFC 9110 says.
pub(crate) fn negotiate(accept_encoding: &str) -> Encoding {
    let offered = |name: &str| {
        accept_encoding.split(',').any(|part| {
            let mut fields = part.split(';');
            let coding = fields.next().unwrap_or("").trim();
            let quality = fields
                .find_map(|f| f.trim().strip_prefix("q=")?.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            coding.eq_ignore_ascii_case(name) && quality > 0.0
        })
    };
    if offered("br") {
        Encoding::Brotli
    } else if offered("gzip") {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

/// One rule of a `_headers` file: a path (exact, or a prefix ending in `*`) and its headers.
type Rule = (String, Vec<(String, String)>);

/// `_headers` in the Netlify / Cloudflare Pages format: a path at the start of a line, its
/// `Name: value` headers indented below it.
pub(crate) fn parse_headers(text: &str) -> Vec<Rule> {
    let mut rules: Vec<Rule> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if !line.starts_with(char::is_whitespace) {
            rules.push((line.trim().to_string(), Vec::new()));
        } else if let (Some((_, headers)), Some((name, value))) =
            (rules.last_mut(), line.split_once(':'))
        {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    rules
}

/// Every header the rules give `path`, in file order (a host applies all matching rules).
fn headers_for<'a>(rules: &'a [Rule], path: &str) -> Vec<&'a (String, String)> {
    rules
        .iter()
        .filter(|(pattern, _)| match pattern.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => pattern == path,
        })
        .flat_map(|(_, headers)| headers)
        .collect()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Hosts do not recompress formats that are compressed already.
fn compressible(content_type: &str) -> bool {
    !matches!(
        content_type,
        "image/png" | "image/x-icon" | "application/octet-stream"
    )
}

fn compress(bytes: &[u8], encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Brotli => crate::sizes::brotli(bytes),
        Encoding::Gzip => crate::sizes::gzip(bytes),
        Encoding::Identity => bytes.to_vec(),
    }
}

/// `%XX` escapes of a request path decoded (a browser escapes spaces and non-ASCII).
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// One file as served: its type and its body in every encoding a client may ask for.
#[derive(Clone)]
struct File {
    content_type: &'static str,
    bodies: HashMap<Encoding, Arc<Vec<u8>>>,
}

impl File {
    fn new(url_path: &str, bytes: Vec<u8>) -> File {
        let content_type = content_type(Path::new(url_path));
        let encodings: &[Encoding] = if compressible(content_type) {
            &[Encoding::Brotli, Encoding::Gzip]
        } else {
            &[]
        };
        let mut bodies: HashMap<_, _> = encodings
            .iter()
            .map(|&e| (e, Arc::new(compress(&bytes, e))))
            .collect();
        bodies.insert(Encoding::Identity, Arc::new(bytes));
        File {
            content_type,
            bodies,
        }
    }
}

/// A whole built directory, read and compressed once. Serving a snapshot, not the disk, keeps a
/// measurement consistent when something rebuilds the directory in the middle of it (a `cargo
/// xtask dist` in another terminal replaces dist/'s hashed file names), and lets `cargo xtask
/// serve` swap a new build in at once: each response comes whole from one build.
pub(crate) struct Site {
    /// By URL path: `/index.html`, `/sub/file.js`.
    files: HashMap<String, File>,
    rules: Vec<Rule>,
}

struct Response {
    status: &'static str,
    headers: Vec<(String, String)>,
    body: Arc<Vec<u8>>,
}

/// Every file under `dir`, by URL path (`/index.html`, `/sub/file.js`).
pub(crate) fn read_files(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries = std::fs::read_dir(&folder)
            .map_err(|e| format!("cannot read {}: {e}", folder.display()))?;
        for path in entries.flatten().map(|entry| entry.path()) {
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let bytes =
                std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let relative = path.strip_prefix(dir).map_err(|e| e.to_string())?;
            let url_path = format!("/{}", relative.to_string_lossy().replace('\\', "/"));
            files.push((url_path, bytes));
        }
    }
    Ok(files)
}

impl Site {
    /// The files of `dir`, as a host serves them.
    fn load(dir: &Path) -> Result<Site> {
        Ok(Site::of(read_files(dir)?, None))
    }

    /// A site of `files` (by URL path), whose `/_headers` gives the rules. A file `previous`
    /// serves with the same bytes at the same path keeps its compressed bodies: a rebuild
    /// compresses only what changed (brotli at quality 11 takes a second for the wasm).
    pub(crate) fn of(files: Vec<(String, Vec<u8>)>, previous: Option<&Site>) -> Site {
        let rules = files
            .iter()
            .find(|(path, _)| path == "/_headers")
            .map(|(_, bytes)| parse_headers(&String::from_utf8_lossy(bytes)))
            .unwrap_or_default();
        let files = files
            .into_iter()
            .map(|(path, bytes)| {
                let same = previous
                    .and_then(|site| site.files.get(&path))
                    .filter(|file| *file.bodies[&Encoding::Identity] == bytes);
                let file = match same {
                    Some(file) => file.clone(),
                    None => File::new(&path, bytes),
                };
                (path, file)
            })
            .collect();
        Site { files, rules }
    }

    fn respond(&self, target: &str, accept_encoding: &str) -> Response {
        let path = target.split(['?', '#']).next().unwrap_or("/");
        let decoded = percent_decode(path).unwrap_or_default();
        let key = if decoded.ends_with('/') {
            format!("{decoded}index.html")
        } else {
            decoded
        };
        let (status, file) = match self.files.get(&key) {
            Some(file) => ("200 OK", file),
            None => match self.files.get("/404.html") {
                Some(file) => ("404 Not Found", file),
                None => {
                    let body = Arc::new(b"not found\n".to_vec());
                    let headers = vec![("Content-Type".into(), "text/plain; charset=utf-8".into())];
                    return Response {
                        status: "404 Not Found",
                        headers,
                        body,
                    };
                }
            },
        };
        let encoding = if file.bodies.len() > 1 {
            negotiate(accept_encoding)
        } else {
            Encoding::Identity
        };
        let mut headers = vec![("Content-Type".to_string(), file.content_type.to_string())];
        if file.bodies.len() > 1 {
            headers.push(("Vary".into(), "Accept-Encoding".into()));
        }
        if let Some(name) = encoding.header() {
            headers.push(("Content-Encoding".into(), name.into()));
        }
        headers.extend(headers_for(&self.rules, path).into_iter().cloned());
        Response {
            status,
            headers,
            body: file.bodies[&encoding].clone(),
        }
    }
}

/// A request path whose handler takes the connection over, given the request's query string;
/// the connection ends with it (an event stream has no length).
type Handover = (
    &'static str,
    Box<dyn Fn(&str, TcpStream) -> std::io::Result<()> + Send + Sync>,
);

/// What a server answers with: a site, replaced whole by a new build, and perhaps one path of
/// its own.
pub(crate) struct Server {
    site: RwLock<Arc<Site>>,
    handover: Option<Handover>,
}

impl Server {
    pub(crate) fn new(site: Site) -> Server {
        Server {
            site: RwLock::new(Arc::new(site)),
            handover: None,
        }
    }

    /// The server with `path` answered by `handler` instead of the site.
    pub(crate) fn with_handover(
        self,
        path: &'static str,
        handler: impl Fn(&str, TcpStream) -> std::io::Result<()> + Send + Sync + 'static,
    ) -> Server {
        Server {
            handover: Some((path, Box::new(handler))),
            ..self
        }
    }

    /// The site being served: a request holds on to it, so it gets all of one build.
    pub(crate) fn site(&self) -> Arc<Site> {
        self.site.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Serves `site` from the next request on, in place of the one before.
    pub(crate) fn replace(&self, site: Site) {
        *self.site.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(site);
    }
}

/// Listens on 127.0.0.1 at `port` (0: a free one).
pub(crate) fn bind(port: u16) -> Result<TcpListener> {
    TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))
}

/// Answers connections to `listener` from `server`, each on a thread of its own, for as long as
/// this process lives.
pub(crate) fn serve(listener: TcpListener, server: Arc<Server>) {
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let server = server.clone();
            std::thread::spawn(move || {
                // A connection that breaks or idles out just ends: the browser opens another.
                let _ = connection(stream, &server);
            });
        }
    });
}

/// Serves `dir` on 127.0.0.1 at a free port, returning its URL (`http://127.0.0.1:PORT/`).
/// Every file is read and compressed before this returns, so no measured request waits for
/// brotli (quality 11 takes about a second for the wasm).
/// The server lives as long as this process: `cargo xtask bench` ends right after measuring.
pub(crate) fn start(dir: &Path) -> Result<String> {
    let site = Site::load(dir)?;
    let listener = bind(0)?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    serve(listener, Arc::new(Server::new(site)));
    Ok(format!("http://127.0.0.1:{port}/"))
}

/// HTTP/1.1 requests on one connection until the client closes it, asks to, or idles.
fn connection(stream: TcpStream, server: &Server) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    // Headers and body go out as two writes: without this, Nagle's algorithm and the client's
    // delayed ACK can hold the body back for tens of milliseconds, a delay no real host has.
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    while let Some(request) = read_request(&mut reader)? {
        if let Some((path, handler)) = &server.handover {
            if request.method == "GET" && request.target.split('?').next() == Some(path) {
                let query = request
                    .target
                    .split_once('?')
                    .map_or("", |(_, query)| query);
                return handler(query, writer);
            }
        }
        let response = match request.method.as_str() {
            "GET" | "HEAD" => server.site().respond(
                &request.target,
                request
                    .headers
                    .get("accept-encoding")
                    .map_or("", String::as_str),
            ),
            _ => Response {
                status: "405 Method Not Allowed",
                headers: vec![("Allow".into(), "GET, HEAD".into())],
                body: Arc::new(Vec::new()),
            },
        };
        let close = request.closes_connection();
        write_response(&mut writer, &response, request.method != "HEAD", close)?;
        if close {
            return Ok(());
        }
    }
    Ok(())
}

/// A request's line and headers (their names in lower case).
struct Request {
    method: String,
    target: String,
    version: String,
    headers: HashMap<String, String>,
}

impl Request {
    /// Whether the connection ends after the response: asked for, or HTTP/1.0 without
    /// keep-alive.
    fn closes_connection(&self) -> bool {
        let connection = self
            .headers
            .get("connection")
            .map(|c| c.to_ascii_lowercase())
            .unwrap_or_default();
        connection.contains("close")
            || (self.version != "HTTP/1.1" && !connection.contains("keep-alive"))
    }
}

/// The next request on the connection, its body skipped; `None` once the client has closed it.
fn read_request(reader: &mut BufReader<TcpStream>) -> std::io::Result<Option<Request>> {
    let mut line = String::new();
    let request = loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        if !line.trim_end().is_empty() {
            break line.trim_end().to_string();
        }
    };
    let mut headers: HashMap<String, String> = HashMap::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let Some((name, value)) = line.trim_end().split_once(':') else {
            break;
        };
        headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
    }
    // GET and HEAD carry no body, but skip one if sent so the next request parses.
    let length: u64 = headers
        .get("content-length")
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    std::io::copy(&mut reader.take(length), &mut std::io::sink())?;
    let mut parts = request.split_whitespace();
    let mut part = |default: &str| parts.next().unwrap_or(default).to_string();
    Ok(Some(Request {
        method: part(""),
        target: part("/"),
        version: part(""),
        headers,
    }))
}

/// Writes `response`'s status and headers, and its body if `with_body`.
fn write_response(
    writer: &mut TcpStream,
    response: &Response,
    with_body: bool,
    close: bool,
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {}\r\n", response.status);
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: {}\r\n\r\n",
        response.body.len(),
        if close { "close" } else { "keep-alive" }
    ));
    writer.write_all(head.as_bytes())?;
    if with_body {
        writer.write_all(&response.body)?;
    }
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brotli_wins_then_gzip_then_nothing() {
        assert_eq!(negotiate("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(negotiate("gzip, deflate"), Encoding::Gzip);
        assert_eq!(negotiate("GZIP;q=0.5"), Encoding::Gzip);
        assert_eq!(negotiate("br;q=0, gzip"), Encoding::Gzip);
        assert_eq!(negotiate("br;q=0.0, gzip; q=0"), Encoding::Identity);
        assert_eq!(negotiate("deflate"), Encoding::Identity);
        assert_eq!(negotiate(""), Encoding::Identity);
        // A coding whose name merely contains "br" is not brotli.
        assert_eq!(negotiate("xbr, gzip"), Encoding::Gzip);
    }

    #[test]
    fn headers_rules_apply_by_exact_path_or_prefix() {
        let rules = parse_headers(concat!(
            "/*\n",
            "  Content-Security-Policy: default-src 'self'\n",
            "/\n",
            "  Cache-Control: no-cache\n",
            "/app-0123.js\n",
            "  Cache-Control: immutable\n",
        ));
        let names = |path| {
            headers_for(&rules, path)
                .iter()
                .map(|(n, v)| format!("{n}: {v}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names("/"),
            [
                "Content-Security-Policy: default-src 'self'",
                "Cache-Control: no-cache"
            ]
        );
        assert_eq!(
            names("/app-0123.js"),
            [
                "Content-Security-Policy: default-src 'self'",
                "Cache-Control: immutable"
            ]
        );
        assert_eq!(
            names("/profile.json"),
            ["Content-Security-Policy: default-src 'self'"]
        );
    }

    #[test]
    fn a_new_build_replaces_the_old_whole_and_compresses_only_what_changed() {
        let file = |path: &str, text: &str| (path.to_string(), text.as_bytes().to_vec());
        let first = Site::of(
            vec![file("/app-1.wasm", "wasm"), file("/index.html", "one")],
            None,
        );
        let second = Site::of(
            vec![file("/app-1.wasm", "wasm"), file("/index.html", "two")],
            Some(&first),
        );
        let brotli = |site: &Site, path: &str| site.files[path].bodies[&Encoding::Brotli].clone();
        assert!(Arc::ptr_eq(
            &brotli(&first, "/app-1.wasm"),
            &brotli(&second, "/app-1.wasm")
        ));
        assert!(!Arc::ptr_eq(
            &brotli(&first, "/index.html"),
            &brotli(&second, "/index.html")
        ));
        let server = Server::new(first);
        let held = server.site();
        server.replace(second);
        let body = |site: &Site| site.respond("/", "").body.to_vec();
        assert_eq!(body(&held), b"one", "a request under way keeps its build");
        assert_eq!(body(&server.site()), b"two");
    }

    #[test]
    fn serves_a_snapshot_compressed_with_headers_on_one_connection() {
        let dir = std::env::temp_dir().join(format!("xtask-static-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let page = "<!doctype html><p>hello</p>".repeat(50);
        std::fs::write(dir.join("index.html"), &page).unwrap();
        std::fs::write(
            dir.join("_headers"),
            "/*\n  X-Test: yes\n/\n  Cache-Control: no-cache\n",
        )
        .unwrap();
        let url = start(&dir).unwrap();
        // What was there at start is what is served.
        std::fs::remove_dir_all(&dir).unwrap();
        let mut stream =
            TcpStream::connect(url.trim_start_matches("http://").trim_end_matches('/')).unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut get = |path: &str, accept: &str| {
            write!(
                stream,
                "GET {path} HTTP/1.1\r\nHost: x\r\nAccept-Encoding: {accept}\r\n\r\n"
            )
            .unwrap();
            let mut head = String::new();
            while !head.ends_with("\r\n\r\n") {
                reader.read_line(&mut head).unwrap();
            }
            let length: usize = head
                .split("Content-Length: ")
                .nth(1)
                .unwrap()
                .split("\r\n")
                .next()
                .unwrap()
                .parse()
                .unwrap();
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            (head, body)
        };
        for encoding in ["br", "gzip"] {
            let (head, body) = get("/", encoding);
            assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
            let expected = [
                "Content-Type: text/html; charset=utf-8",
                &format!("Content-Encoding: {encoding}"),
                "X-Test: yes",
                "Cache-Control: no-cache",
                "Connection: keep-alive",
            ];
            for line in expected {
                assert!(head.contains(line), "{line} missing in {head}");
            }
            let mut decoded = Vec::new();
            if encoding == "br" {
                brotli::BrotliDecompress(&mut &body[..], &mut decoded).unwrap();
            } else {
                flate2::read::GzDecoder::new(&body[..])
                    .read_to_end(&mut decoded)
                    .unwrap();
            }
            assert_eq!(decoded, page.as_bytes());
        }
        let (head, body) = get("/index.html?x=1", "");
        assert!(
            !head.contains("Content-Encoding") && !head.contains("Cache-Control"),
            "{head}"
        );
        assert_eq!(body, page.as_bytes());
        assert!(get("/missing.js", "br")
            .0
            .starts_with("HTTP/1.1 404 Not Found\r\n"));
    }
}
