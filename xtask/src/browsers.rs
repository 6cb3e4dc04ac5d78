//! The three browser engines the end-to-end suite runs in, installed when missing: Chromium
//! and chromedriver, Firefox ESR and WebKitGTK's WebKitWebDriver (with its MiniBrowser) from
//! Debian, geckodriver from crates.io, Xvfb (the display MiniBrowser needs) and poppler's
//! pdftotext (which reads a printed page back).

use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::{run, Result};

/// geckodriver from crates.io; 0.37 drives Firefox ESR 140.
const GECKODRIVER_VERSION: &str = "0.37.1";

/// An engine the suite runs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Engine {
    Chromium,
    Firefox,
    WebKit,
}

impl Engine {
    /// The engine's name as the test summary writes it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "Chromium",
            Engine::Firefox => "Firefox ESR",
            Engine::WebKit => "WebKitGTK",
        }
    }

    /// The value of `E2E_ENGINE` that picks it in `tests/support/browser.rs`.
    pub(crate) fn variable(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::WebKit => "webkit",
        }
    }
}

/// Where each browser and driver is, as the environment the tests read them from.
pub(crate) type BrowserEnv = Vec<(&'static str, PathBuf)>;

fn say(what: &str, state: &str) {
    println!("[setup] {what}: {state}");
}

/// `variable` when set, else `default`.
fn from_env(variable: &str, default: &str) -> PathBuf {
    std::env::var_os(variable)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default))
}

/// Installs what Debian gives of the three engines when missing (geckodriver comes from
/// crates.io: [`ensure_geckodriver`]); returns their paths.
pub(crate) fn ensure_browsers() -> Result<BrowserEnv> {
    let arch = std::env::consts::ARCH;
    let env: BrowserEnv = vec![
        ("CHROME", from_env("CHROME", "/usr/bin/chromium")),
        (
            "CHROMEDRIVER",
            from_env("CHROMEDRIVER", "/usr/bin/chromedriver"),
        ),
        ("FIREFOX", from_env("FIREFOX", "/usr/bin/firefox-esr")),
        (
            "WEBKIT_DRIVER",
            from_env("WEBKIT_DRIVER", "/usr/bin/WebKitWebDriver"),
        ),
        (
            "MINIBROWSER",
            from_env(
                "MINIBROWSER",
                &format!("/usr/lib/{arch}-linux-gnu/webkit2gtk-4.1/MiniBrowser"),
            ),
        ),
        ("XVFB", from_env("XVFB", "/usr/bin/Xvfb")),
        // Reads the printed résumé's text back (tests/support/pdf.rs).
        ("PDFTOTEXT", from_env("PDFTOTEXT", "/usr/bin/pdftotext")),
    ];
    let file = |name: &str| env.iter().find(|(n, _)| *n == name).unwrap().1.as_path();
    ensure_debian(
        "chromium + chromedriver",
        &[file("CHROME"), file("CHROMEDRIVER")],
        &["chromium", "chromium-driver"],
    )?;
    ensure_debian("firefox-esr", &[file("FIREFOX")], &["firefox-esr"])?;
    ensure_debian(
        "WebKitGTK's driver + Xvfb",
        &[file("WEBKIT_DRIVER"), file("MINIBROWSER"), file("XVFB")],
        &["webkit2gtk-driver", "xvfb"],
    )?;
    ensure_debian(
        "poppler's pdftotext",
        &[file("PDFTOTEXT")],
        &["poppler-utils"],
    )?;
    Ok(env)
}

/// Debian `packages`, installed with apt-get when one of `files` is missing and running as
/// root; otherwise an error that names the packages.
fn ensure_debian(what: &str, files: &[&Path], packages: &[&str]) -> Result {
    if files.iter().all(|f| f.exists()) {
        let present: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        say(what, &format!("{} present", present.join(" and ")));
        return Ok(());
    }
    let list = packages.join(" ");
    if !is_root() {
        return Err(format!(
            "{what} is missing: install the Debian packages `{list}` (sudo apt-get install \
             {list}), or set the paths (see tests/support/browser.rs)"
        ));
    }
    say(what, &format!("installing Debian packages {list}"));
    let install = || {
        let mut apt = Command::new("apt-get");
        apt.args(["install", "-y", "--no-install-recommends"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut apt)
    };
    // A fresh machine's package lists may be empty or stale: update once and try again.
    if install().is_err() {
        run(Command::new("apt-get").arg("update"))?;
        install()?;
    }
    Ok(())
}

/// geckodriver: `GECKODRIVER` when set, else the one on PATH or in cargo's bin folder when it
/// is the pinned version, else `cargo install --locked` of that version.
pub(crate) fn ensure_geckodriver(path: &OsString) -> Result<PathBuf> {
    if let Some(set) = std::env::var_os("GECKODRIVER") {
        return Ok(PathBuf::from(set));
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .ok_or("neither CARGO_HOME nor HOME is set")?;
    let installed = cargo_home.join("bin/geckodriver");
    let version = Command::new(&installed)
        .arg("--version")
        .env("PATH", path)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).to_string());
    let wanted = format!("geckodriver {GECKODRIVER_VERSION}");
    if version.is_some_and(|v| v.starts_with(&wanted)) {
        say("geckodriver", &format!("{GECKODRIVER_VERSION} present"));
    } else {
        say(
            "geckodriver",
            &format!("installing {GECKODRIVER_VERSION} from crates.io (cargo install --locked)"),
        );
        run(crate::setup::unoptimised(&mut Command::new("cargo"))
            .env("PATH", path)
            .args(["install", "--locked", "geckodriver", "--version"])
            .arg(GECKODRIVER_VERSION))?;
    }
    Ok(installed)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// An Xvfb server, the display WebKitGTK's MiniBrowser opens its window on; it stops when
/// this is dropped.
pub(crate) struct VirtualDisplay {
    server: Child,
    /// The value for `DISPLAY`, e.g. ":3".
    pub(crate) display: String,
}

impl VirtualDisplay {
    /// Starts Xvfb on the first free display number, which it reports itself (`-displayfd`).
    pub(crate) fn start(xvfb: &Path) -> Result<Self> {
        let mut server = Command::new(xvfb)
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1920x1080x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", xvfb.display()))?;
        let mut number = String::new();
        let stdout = server.stdout.take().ok_or("Xvfb has no stdout")?;
        BufReader::new(stdout)
            .read_line(&mut number)
            .map_err(|e| format!("Xvfb did not report its display: {e}"))?;
        let number = number.trim();
        if number.is_empty() {
            let _ = server.kill();
            return Err("Xvfb did not start".into());
        }
        Ok(VirtualDisplay {
            server,
            display: format!(":{number}"),
        })
    }
}

impl Drop for VirtualDisplay {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}
