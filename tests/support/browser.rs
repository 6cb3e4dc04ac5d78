//! The browsers the end-to-end tests drive through WebDriver: Chromium (chromedriver), Firefox
//! ESR (geckodriver) and WebKitGTK (WebKitWebDriver with MiniBrowser, which needs a display:
//! `cargo xtask test` runs it under Xvfb). `E2E_ENGINE` picks one; Chromium by default.

use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// A browser engine a visitor may bring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Chromium,
    Firefox,
    WebKit,
}

impl Engine {
    /// The engine of this run: `E2E_ENGINE` (chromium, firefox or webkit).
    pub fn current() -> Self {
        match std::env::var("E2E_ENGINE").as_deref() {
            Ok("firefox") => Engine::Firefox,
            Ok("webkit") => Engine::WebKit,
            Ok("chromium") | Err(_) => Engine::Chromium,
            Ok(other) => panic!("E2E_ENGINE={other}: expected chromium, firefox or webkit"),
        }
    }

    /// Whether a test runs in this engine. In the others it is skipped, not passed: the test's
    /// name and `why` are appended to `E2E_SKIP_LOG` (set by `cargo xtask test`, which names
    /// every skipped test in its summary) and printed.
    pub fn runs(engines: &[Engine], why: &str) -> bool {
        let current = Engine::current();
        let runs = engines.contains(&current);
        if !runs {
            let test = current_test();
            eprintln!("skipped in {current:?}: {test}: {why}");
            append_to("E2E_SKIP_LOG", &format!("{test}\t{why}"));
        }
        runs
    }
}

/// The running test's name: libtest runs each test on a thread named after it.
fn current_test() -> String {
    std::thread::current()
        .name()
        .unwrap_or("a test on an unnamed thread")
        .to_string()
}

/// Appends `line` to the file the environment `variable` names, if it names one (`cargo xtask
/// test` sets them and reads them after each step).
fn append_to(variable: &str, line: &str) {
    use std::io::Write;
    let Some(log) = std::env::var_os(variable) else {
        return;
    };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log)
        .unwrap_or_else(|e| panic!("{variable} {}: {e}", log.to_string_lossy()));
    writeln!(file, "{line}").unwrap_or_else(|e| panic!("{variable}: {e}"));
}

/// What MiniBrowser prints when WebKitGTK's web process, which renders the page, has crashed.
const WEB_PROCESS_CRASHED: &str = "WebProcess CRASHED";

/// How a browser starts, beyond its window size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// `prefers-reduced-motion: reduce`.
    pub reduced_motion: bool,
    /// The page's own scripts do not run (WebDriver's still do).
    pub no_scripts: bool,
}

/// A browser and its WebDriver server, lent to one test. Dropped, it goes back to the pool for
/// the next test of this process (a test serves its pages from a port of its own, so no
/// storage, cache or history of one origin reaches the next); dropped during a panic, it is
/// ended instead, whatever state the failure left it in.
pub struct Browser {
    pub client: Client,
    session: Option<Session>,
}

/// What the pool keeps of a browser between tests.
struct Session {
    client: Client,
    driver: Child,
    /// What it was started with: a test takes a pooled browser only of the same.
    key: SessionKey,
    /// The blank page it is being sent to as it goes back to the pool: the next test waits
    /// for it (or that navigation could land on the test's own page), and opens a blank page
    /// itself if it failed.
    blanking: Option<tokio::task::JoinHandle<bool>>,
    profile: TempDir,
}

/// The options a browser was started with and, for Chromium, its window size: headless
/// Chromium keeps a window at least 450 px wide when WebDriver resizes it, while its
/// `--window-size` at launch sets the viewport exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct SessionKey {
    options: Options,
    size: Option<(u32, u32)>,
}

impl SessionKey {
    fn new(options: Options, width: u32, height: u32) -> Self {
        let size = (Engine::current() == Engine::Chromium).then_some((width, height));
        SessionKey { options, size }
    }
}

/// The file in a browser's scratch folder that takes what its driver and browser print.
const DRIVER_LOG: &str = "driver.log";

/// Browsers no test is using. Starting one costs seconds of CPU (Firefox about 3.5), and the
/// suite opens dozens: reusing them keeps `cargo xtask test` within its time.
static POOL: Mutex<Vec<Session>> = Mutex::new(Vec::new());

/// The runtime the WebDriver sessions live on. A session is a task on the runtime that made
/// it, and each `#[tokio::test]` has a runtime that ends with the test.
fn sessions_runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        // When the test process exits, the pooled browsers and their profiles go with it.
        extern "C" fn end_pooled_browsers() {
            if let Ok(mut pool) = POOL.try_lock() {
                for mut session in pool.drain(..) {
                    end_process_group(&session.driver);
                    let _ = session.driver.wait();
                }
            }
        }
        // SAFETY: registers a plain function with no arguments, once.
        unsafe { libc::atexit(end_pooled_browsers) };
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime for the WebDriver sessions")
    })
}

/// Ends a driver and every browser process it started: they share its process group, and
/// killing only the driver would leave the browsers running (seen here: hundreds of orphaned
/// Chromium processes slowing every later test).
fn end_process_group(driver: &Child) {
    // SAFETY: kill(2) on a process group this process started; no memory is involved.
    unsafe { libc::kill(-(driver.id() as i32), libc::SIGKILL) };
}

impl Drop for Browser {
    fn drop(&mut self) {
        let Some(mut session) = self.session.take() else {
            return;
        };
        if std::thread::panicking() {
            let printed = session.log_tail(30);
            eprintln!(
                "the last lines the {:?} driver and browser printed:\n{printed}",
                Engine::current(),
            );
            // A test whose browser crashed under it is named for `cargo xtask test`, which runs
            // it once more (and says so).
            if printed.contains(WEB_PROCESS_CRASHED) {
                append_to("E2E_CRASH_LOG", &current_test());
            }
            end_process_group(&session.driver);
            let _ = session.driver.wait();
        } else {
            // A pooled browser left on a page that animates (a playing diagram) would draw
            // frames for nobody until its next test: the blank page stops that now.
            let client = session.client.clone();
            let blanking =
                sessions_runtime().spawn(async move { client.goto("about:blank").await.is_ok() });
            session.blanking = Some(blanking);
            POOL.lock().unwrap().push(session);
        }
    }
}

/// A directory removed when dropped.
pub struct TempDir(pub PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The Chromium binary: `CHROME`, or Debian's.
pub fn chrome() -> String {
    program("CHROME", "/usr/bin/chromium")
}

/// The flags every headless Chromium here starts with: nothing reaches for the network.
pub const CHROME_FLAGS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn program(variable: &str, default: &str) -> String {
    std::env::var(variable).unwrap_or_else(|_| default.into())
}

/// The driver's command line and the session's capabilities, for `engine` with its own
/// scratch folder `profile`.
fn driver_and_capabilities(
    engine: Engine,
    key: SessionKey,
    port: u16,
    profile: &std::path::Path,
) -> (Command, Value) {
    let options = key.options;
    match engine {
        Engine::Chromium => {
            let mut args: Vec<String> = CHROME_FLAGS.iter().map(|a| a.to_string()).collect();
            args.push(format!("--user-data-dir={}", profile.display()));
            if let Some((width, height)) = key.size {
                args.push(format!("--window-size={width},{height}"));
            }
            if options.reduced_motion {
                args.push("--force-prefers-reduced-motion".into());
            }
            if options.no_scripts {
                args.push("--blink-settings=scriptEnabled=false".into());
            }
            let mut driver = Command::new(program("CHROMEDRIVER", "/usr/bin/chromedriver"));
            driver.arg(format!("--port={port}"));
            let capabilities = json!({
                "goog:chromeOptions": { "binary": chrome(), "args": args }
            });
            (driver, capabilities)
        }
        Engine::Firefox => {
            let mut driver = Command::new(program("GECKODRIVER", "geckodriver"));
            // Its own BiDi port too: two drivers must not both want the default 9222.
            driver.args(["--port", &port.to_string(), "--websocket-port", "0"]);
            driver.env("TMPDIR", profile);
            // Firefox's window keeps a minimum width of 450 px, which a phone's 390 is under:
            // a style sheet of the browser's own profile lifts it.
            let firefox_profile = profile.join("firefox");
            std::fs::create_dir_all(firefox_profile.join("chrome")).unwrap();
            std::fs::write(
                firefox_profile.join("chrome/userChrome.css"),
                ":root { min-width: 0 !important; min-height: 0 !important; }\n",
            )
            .unwrap();
            let capabilities = json!({
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    "binary": program("FIREFOX", "/usr/bin/firefox-esr"),
                    "args": ["-headless", "-profile", firefox_profile],
                    "prefs": {
                        "toolkit.legacyUserProfileCustomizations.stylesheets": true,
                        "ui.prefersReducedMotion": i32::from(options.reduced_motion),
                        "javascript.enabled": !options.no_scripts,
                        "network.connectivity-service.enabled": false,
                        "dom.events.asyncClipboard.clipboardItem": true,
                    }
                }
            });
            (driver, capabilities)
        }
        Engine::WebKit => {
            let mut driver = Command::new(program("WEBKIT_DRIVER", "WebKitWebDriver"));
            driver.arg(format!("--port={port}"));
            // MiniBrowser is a GTK window: its GTK settings give reduced motion (WebKitGTK
            // answers prefers-reduced-motion from gtk-enable-animations), and a style sheet
            // shrinks its toolbar, which would otherwise keep the window 447 px wide or more.
            let gtk = profile.join("gtk-3.0");
            std::fs::create_dir_all(&gtk).unwrap();
            let animations = if options.reduced_motion {
                "false"
            } else {
                "true"
            };
            std::fs::write(
                gtk.join("settings.ini"),
                format!("[Settings]\ngtk-enable-animations={animations}\n"),
            )
            .unwrap();
            std::fs::write(
                gtk.join("gtk.css"),
                "* { min-width: 0; min-height: 0; padding: 0; margin: 0; font-size: 1px; \
                 border-width: 0; -gtk-icon-transform: scale(0.01); }\n",
            )
            .unwrap();
            driver.env("XDG_CONFIG_HOME", profile);
            let mut args = vec!["--automation".to_string()];
            if options.no_scripts {
                args.push("--enable-javascript-markup=false".into());
            }
            let binary = program(
                "MINIBROWSER",
                "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
            );
            let capabilities = json!({
                "webkitgtk:browserOptions": { "binary": binary, "args": args }
            });
            (driver, capabilities)
        }
    }
}

impl Session {
    /// The last `count` lines its driver and browser printed.
    fn log_tail(&self, count: usize) -> String {
        let log = std::fs::read(self.profile.0.join(DRIVER_LOG)).unwrap_or_default();
        let log = String::from_utf8_lossy(&log);
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(count)..].join("\n")
    }

    async fn start(key: SessionKey) -> Self {
        let engine = Engine::current();
        let port = free_port();
        let profile = TempDir(
            std::env::temp_dir().join(format!("e2e-{engine:?}-{}-{port}", std::process::id())),
        );
        std::fs::create_dir_all(&profile.0).unwrap();
        let (mut command, capabilities) = driver_and_capabilities(engine, key, port, &profile.0);
        // What the driver and its browser print: a failure quotes its end (a browser that died
        // says why there, and only there).
        let log = std::fs::File::create(profile.0.join(DRIVER_LOG)).expect("the driver's log");
        let driver = command
            // Its own process group, so that it ends with the browsers it starts.
            .process_group(0)
            .stdout(log.try_clone().expect("the driver's log"))
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start the {engine:?} driver: {e}"));
        for _ in 0..200 {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let connect = async move {
            ClientBuilder::rustls()
                .expect("rustls")
                .capabilities(capabilities.as_object().unwrap().clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
        };
        let client = sessions_runtime()
            .spawn(connect)
            .await
            .unwrap()
            .unwrap_or_else(|e| panic!("a {engine:?} session: {e}"));
        Session {
            client,
            driver,
            key,
            blanking: None,
            profile,
        }
    }
}

impl Browser {
    pub async fn start(width: u32, height: u32) -> Self {
        Self::start_with(width, height, Options::default()).await
    }

    /// The engine of this run (`E2E_ENGINE`) with a viewport of `width` × `height` CSS pixels,
    /// on a blank page: one from the pool, or a new one.
    pub async fn start_with(width: u32, height: u32, options: Options) -> Self {
        let key = SessionKey::new(options, width, height);
        let pooled = {
            let mut pool = POOL.lock().unwrap();
            let found = pool.iter().position(|s| s.key == key);
            found.map(|at| pool.swap_remove(at))
        };
        // A new browser opens on a blank page, and a pooled one was sent to one as it came back
        // (a navigation saved per test: a load costs a browser tens of milliseconds of CPU).
        let (session, blank) = match pooled {
            Some(mut session) => {
                let blank = match session.blanking.take() {
                    Some(blanking) => blanking.await.unwrap_or(false),
                    None => false,
                };
                (session, blank)
            }
            None => (Session::start(key).await, true),
        };
        let browser = Browser {
            client: session.client.clone(),
            session: Some(session),
        };
        if !blank {
            browser
                .client
                .goto("about:blank")
                .await
                .expect("a blank page");
        }
        // A window keeps the size it started with or the test before it asked for (in Chromium
        // always this one: its key holds the size), and nothing else resizes it: if the size is
        // right, one reading says so, where sizing waits for two readings 50 ms apart to agree.
        if browser.viewport().await != (width, height) {
            browser.set_viewport(width, height).await;
        }
        browser
    }
    /// Sizes the window so that the page's viewport is `width` × `height`: engines differ in
    /// what a window's size includes (MiniBrowser's toolbar, for one).
    async fn set_viewport(&self, width: u32, height: u32) {
        let (mut outer_width, mut outer_height) = (width, height);
        let mut inner = (0, 0);
        for _ in 0..5 {
            self.client
                .set_window_size(outer_width, outer_height)
                .await
                .expect("window size");
            inner = self.settled_viewport().await;
            if inner == (width, height) {
                return;
            }
            // What the window adds around the viewport (a toolbar: tens of pixels), added to
            // the asked size; never more than that, whatever a lagging answer said.
            let frame = |outer: u32, target: u32, inner: u32| {
                (outer + target)
                    .saturating_sub(inner)
                    .clamp(target, target + 200)
            };
            outer_width = frame(outer_width, width, inner.0);
            outer_height = frame(outer_height, height, inner.1);
        }
        panic!("the viewport is {inner:?}, not {width} × {height}");
    }

    /// The viewport's size once two readings a frame apart agree: a window that was another
    /// size for the test before may still be resizing.
    async fn settled_viewport(&self) -> (u32, u32) {
        let mut last = self.viewport().await;
        for _ in 0..20 {
            tokio::time::sleep(Duration::from_millis(50)).await;
            let now = self.viewport().await;
            if now == last {
                return now;
            }
            last = now;
        }
        last
    }

    /// The viewport's size now, in CSS pixels.
    async fn viewport(&self) -> (u32, u32) {
        let inner = self
            .client
            .execute("return [innerWidth, innerHeight]", vec![])
            .await
            .unwrap();
        let size = |i: usize| inner[i].as_u64().unwrap() as u32;
        (size(0), size(1))
    }

    /// Runs `script` until what it returns is `expected`, failing with `what` and the last
    /// answer after ten seconds (with two tests at once on a loaded two-core machine, three were
    /// too few).
    pub async fn script_becomes(&self, script: &str, expected: Value, what: &str) {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let last = self.client.execute(script, vec![]).await.unwrap();
            if last == expected {
                return;
            }
            if std::time::Instant::now() > deadline {
                panic!("{what}: {last}");
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Waits for an element, failing with the selector after `seconds`.
    /// The filter's toggle for the tag named `name`, found as a visitor finds it: by its name
    /// (the page has no hook for it; its first response has no bytes to spare).
    pub async fn tag_toggle(&self, name: &str) -> fantoccini::elements::Element {
        let xpath = format!(
            "//button[contains(concat(' ', @class, ' '), ' tag-toggle ')]\
             [normalize-space(text()[1])='{name}']"
        );
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|e| panic!("no toggle for the tag {name}: {e}"))
    }

    pub async fn wait_for(&self, css: &str, seconds: u64) -> fantoccini::elements::Element {
        let found = self
            .client
            .wait()
            .at_most(Duration::from_secs(seconds))
            .for_element(Locator::Css(css))
            .await;
        match found {
            Ok(element) => element,
            Err(e) => panic!("no {css} within {seconds} s: {e}\n{}", self.state().await),
        }
    }

    /// What a failed wait reports of the page, so a failure seen once (in CI) says why: its
    /// address, how far it loaded, what its console recorded and the start of its text.
    pub async fn state(&self) -> String {
        let script = "const seen = window.__consoleErrors;
            const text = document.body ? document.body.innerText : '';
            return [location.href, document.readyState, document.visibilityState,
                    seen ? seen.join(' | ') : '(no console listener)',
                    text.replace(/\\s+/g, ' ').slice(0, 400)]";
        match self.client.execute(script, vec![]).await {
            Ok(state) => format!(
                "the page: {}",
                serde_json::to_string_pretty(&state).unwrap_or_default()
            ),
            Err(e) => format!("the page did not answer: {e}"),
        }
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

    /// What the page's console listener (`console-listener.js`, put in by the test server)
    /// recorded since the last call: console errors, uncaught errors and rejections, loads
    /// that failed, and CSP violations. Fails if the page has no listener.
    pub async fn console_errors(&self) -> Vec<String> {
        let script = concat!(
            "const seen = window.__consoleErrors; ",
            "return seen ? seen.splice(0, seen.length) : null",
        );
        let value = self.client.execute(script, vec![]).await.unwrap();
        assert!(
            !value.is_null(),
            "the page has no console listener: serve it with support::Server"
        );
        serde_json::from_value(value).unwrap()
    }
}
