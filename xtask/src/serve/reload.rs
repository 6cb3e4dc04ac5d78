//! Live reload for `cargo xtask serve`, under the page's own Content-Security-Policy.
//!
//! Each served page gets one tag, `<script src="/_serve/reload.js" data-build="…" defer>`,
//! added to the copy in memory, never to a built file. The policy allows it unchanged: it is a
//! same-origin script (`script-src 'self'`) and its Server-Sent Events come from the same
//! origin (`connect-src 'self'`). So serve mode sends the very policy `dist` ships, and a
//! violation seen in serve would happen in production too. The script opens `/_serve/events`
//! with the build it came with; the server answers `reload` as soon as another build is served
//! (at once, if one already is) and `failed` when a build fails, which the page writes to its
//! console.

use std::io::Write;
use std::net::TcpStream;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

pub(crate) const SCRIPT_PATH: &str = "/_serve/reload.js";
pub(crate) const EVENTS_PATH: &str = "/_serve/events";

/// The script every served page loads. `document.currentScript` is there for a deferred
/// classic script. EventSource opens the stream again by itself after the server restarts,
/// and the new server's first build differs from the page's: it reloads.
pub(crate) const SCRIPT: &str = include_str!("reload.js");

/// How often an idle event stream gets a comment line: a write is how a closed page's
/// connection is found out, and its thread ended.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// `page` with the reload script of build `build`, at the end of its head.
pub(crate) fn inject(page: &str, build: &str) -> String {
    let tag = format!(
        r#"<script src="{SCRIPT_PATH}" data-build="{}" defer></script>"#,
        crate::prerender::html_escape(build)
    );
    match page.find("</head>") {
        Some(at) => format!("{}{tag}{}", &page[..at], &page[at..]),
        None => format!("{tag}{page}"),
    }
}

/// What the open pages are told: the build being served, and the last failure since.
#[derive(Default)]
struct State {
    build: String,
    /// Failed builds so far: a page tells each one once.
    failures: u64,
    /// Why the last build failed, while no build has succeeded since.
    failure: Option<String>,
}

/// An event for a page.
#[derive(Debug, PartialEq)]
enum Event {
    Reload,
    Failed(String),
}

impl State {
    /// What a page of build `build`, told of `told` failures, hears next.
    fn next(&self, build: &str, told: u64) -> Option<Event> {
        if self.build != build {
            Some(Event::Reload)
        } else {
            let failure = self.failure.as_ref().filter(|_| self.failures != told)?;
            Some(Event::Failed(failure.clone()))
        }
    }
}

/// The builds being served, and the pages waiting to hear of the next.
pub(crate) struct Live {
    state: Mutex<State>,
    changed: Condvar,
}

impl Live {
    pub(crate) fn new(build: &str) -> Live {
        let state = State {
            build: build.to_string(),
            ..State::default()
        };
        Live {
            state: Mutex::new(state),
            changed: Condvar::new(),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Build `build` is served now: every open page reloads.
    pub(crate) fn built(&self, build: &str) {
        let mut state = self.state();
        state.build = build.to_string();
        state.failure = None;
        self.changed.notify_all();
    }

    /// A build failed (the last good one is still served): every open page says so.
    pub(crate) fn failed(&self, error: &str) {
        let mut state = self.state();
        state.failures += 1;
        state.failure = Some(error.to_string());
        self.changed.notify_all();
    }

    /// Answers `GET /_serve/events?build=…` on `stream`: events until the page should reload
    /// or its connection closes.
    pub(crate) fn events(&self, query: &str, mut stream: TcpStream) -> std::io::Result<()> {
        let build = query
            .split('&')
            .find_map(|pair| pair.strip_prefix("build="))
            .unwrap_or("");
        // `retry`: after a restart of the server, the page is back within a second.
        stream.write_all(
            concat!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n",
                "Cache-Control: no-cache\r\nConnection: close\r\n\r\nretry: 1000\n\n",
            )
            .as_bytes(),
        )?;
        let mut told = 0;
        loop {
            let (state, _) = self
                .changed
                .wait_timeout_while(self.state(), KEEP_ALIVE, |state| {
                    state.next(build, told).is_none()
                })
                .unwrap_or_else(|e| e.into_inner());
            let next = state.next(build, told);
            told = state.failures;
            drop(state);
            match next {
                None => stream.write_all(b": still here\n\n")?,
                Some(Event::Failed(error)) => {
                    stream.write_all(message("failed", &error).as_bytes())?
                }
                Some(Event::Reload) => return stream.write_all(message("reload", "").as_bytes()),
            }
        }
    }
}

/// One Server-Sent Event: a line of data for each line of `data`.
fn message(event: &str, data: &str) -> String {
    let data: String = data.lines().map(|line| format!("data: {line}\n")).collect();
    let data = if data.is_empty() {
        "data:\n".to_string()
    } else {
        data
    };
    format!("event: {event}\n{data}\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::static_server::{bind, serve, Server, Site};
    use std::io::{BufRead, BufReader};
    use std::sync::Arc;

    #[test]
    fn the_script_goes_at_the_end_of_the_head_with_its_build() {
        let page = "<html><head><title>Jo</title></head><body><p>hi</p></body></html>";
        assert_eq!(
            inject(page, "18f2a"),
            concat!(
                "<html><head><title>Jo</title>",
                r#"<script src="/_serve/reload.js" data-build="18f2a" defer></script>"#,
                "</head><body><p>hi</p></body></html>"
            )
        );
        assert!(inject("<p>no head</p>", "1").starts_with("<script src="));
    }

    #[test]
    fn a_page_of_another_build_reloads_and_each_failure_is_told_once() {
        let mut state = State {
            build: "b".into(),
            ..State::default()
        };
        assert_eq!(state.next("a", 0), Some(Event::Reload));
        assert_eq!(state.next("b", 0), None);
        state.failures = 1;
        state.failure = Some("trunk failed".into());
        assert_eq!(
            state.next("b", 0),
            Some(Event::Failed("trunk failed".into()))
        );
        assert_eq!(state.next("b", 1), None, "told already");
        state.failure = None;
        assert_eq!(state.next("b", 0), None, "fixed since");
    }

    #[test]
    fn events_are_one_data_line_per_line() {
        assert_eq!(message("reload", ""), "event: reload\ndata:\n\n");
        assert_eq!(
            message("failed", "cargo failed\n  error[E0308]"),
            "event: failed\ndata: cargo failed\ndata:   error[E0308]\n\n"
        );
    }

    /// The event endpoint over HTTP, as the page's EventSource reads it.
    #[test]
    fn the_event_stream_tells_of_a_failure_then_of_a_new_build() {
        let live = Arc::new(Live::new("one"));
        let handler = live.clone();
        let server = Server::new(Site::of(Vec::new(), None))
            .with_handover(EVENTS_PATH, move |query, stream| {
                handler.events(query, stream)
            });
        let listener = bind(0).unwrap();
        let address = listener.local_addr().unwrap();
        serve(listener, Arc::new(server));
        let mut stream = TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET /_serve/events?build=one HTTP/1.1\r\nHost: x\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        // Lines up to a blank one (the end of the head, or of an event), with `\n` line ends.
        let mut read_until_blank = || {
            let mut text = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap() == 0 {
                    return text;
                }
                text.push_str(&line.replace("\r\n", "\n"));
                if line.trim_end().is_empty() {
                    return text;
                }
            }
        };
        let head = read_until_blank();
        assert!(head.starts_with("HTTP/1.1 200 OK\n"), "{head}");
        assert!(head.contains("Content-Type: text/event-stream\n"), "{head}");
        assert_eq!(read_until_blank(), "retry: 1000\n\n");
        live.failed("trunk build --release failed\nerror: expected `;`");
        assert_eq!(
            read_until_blank(),
            "event: failed\ndata: trunk build --release failed\ndata: error: expected `;`\n\n"
        );
        live.built("two");
        assert_eq!(read_until_blank(), "event: reload\ndata:\n\n");
        assert_eq!(read_until_blank(), "", "the stream ends: the page reloads");
    }
}
