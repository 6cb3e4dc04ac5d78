//! The browser's entry (the loader calls [`start`]): fetch the profile, then have the loader
//! take the prerendered page's islands over when the page shows that very profile, or render
//! the fetched one in its place when it does not (the owner edited profile.json after the
//! build, or nothing was prerendered).
//!
//! Never worse than the build: when the profile.json on the host cannot be fetched, parsed or
//! validated, a prerendered page stays as it was built, taken over from the build's own copy
//! of its profile, with a notice that names the problem and offers Retry. Only a page with
//! nothing prerendered shows the error panel.

use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;

use crate::app::App;
use crate::components::{LiveNotice, LoadError, Loading};
use crate::fingerprint::{built_profile_path, fingerprint};
use crate::load::{fetch_text, fetch_text_at};
use crate::model::Labels;

/// Fetches the profile. True when the loader is to take the islands over (then it calls
/// [`go_live`] once it has); false when this rendered the page (or its error) itself, or left
/// a prerendered page as it is. `take_over` is the loader's function that takes over the
/// islands inside an element that were left for later (a figure, when its card first needs it).
#[wasm_bindgen]
pub async fn start(take_over: js_sys::Function) -> bool {
    console_error_panic_hook::set_once();
    let built = prerendered_fingerprint();
    if built.is_none() {
        replace_body(|| view! { <Loading /> });
    }
    let fetched = fetch_text().await;
    if let (Ok(text), Some(built)) = (&fetched, &built) {
        if fingerprint(text) == *built {
            take_over_built(text.clone(), take_over);
            return true;
        }
    }
    not_as_built(fetched.map_err(|error| error.to_string()), built, take_over).await
}

/// The fetched profile is not the one the page was built from, or nothing was prerendered:
/// render it, or keep the built page with a notice. Split off (`split` builds), as one chunk:
/// reading, validating and rendering a whole profile, and the notice, are code a page whose
/// profile loads never needs; the notice is needed only once rendering has been tried.
#[cfg_attr(feature = "split", lazy)]
async fn not_as_built(
    fetched: Result<String, String>,
    built: Option<String>,
    take_over: js_sys::Function,
) -> bool {
    let Some(built) = built else {
        let _ = render(fetched, Shown::Always).await;
        return false;
    };
    match render(fetched, Shown::IfValid).await {
        Ok(()) => false,
        Err(problem) => keep_built(built, problem, take_over).await,
    }
}

/// Every island is taken over: what only the browser knows may now change the page.
#[wasm_bindgen]
pub fn go_live() {
    crate::page::go_live();
}

/// The fingerprint the prerendered page was built from, if there is such a page.
fn prerendered_fingerprint() -> Option<String> {
    document()
        .query_selector("main[data-profile]")
        .ok()
        .flatten()
        .and_then(|main| main.get_attribute("data-profile"))
}

/// Has the loader take the prerendered page over, its islands reading `text`, the profile it
/// was built from.
fn take_over_built(text: String, take_over: js_sys::Function) {
    crate::takeover::remember(text, take_over);
    leptos::mount::hydrate_islands();
}

/// The fetched profile is not the one the page was built from, and `problem` says why it
/// cannot be shown: the page stays as built, with a notice. Its islands are taken over from
/// the build's copy of its profile; without that copy (the host lost it too), the page stays a
/// readable document.
async fn keep_built(built: String, problem: String, take_over: js_sys::Function) -> bool {
    let copy = fetch_text_at(&built_profile_path(&built)).await;
    match copy.ok().filter(|text| fingerprint(text) == built) {
        Some(text) => {
            crate::takeover::remember(text, take_over);
            // The notice speaks the built profile's words, read once for it and the islands.
            let page = crate::takeover::prerendered_page();
            show_notice(built, problem, page.profile().site.labels.clone());
            leptos::mount::hydrate_islands();
            true
        }
        None => {
            show_notice(built, problem, Labels::default());
            false
        }
    }
}

/// Shows the notice of a live profile with a problem, its Retry reading profile.json again:
/// the built one back, the notice goes; another valid one, the page reloads to show it;
/// still a problem, the notice names it.
fn show_notice(built: String, problem: String, labels: Labels) {
    let problem = RwSignal::new(Some(problem));
    let retry = Callback::new(move |()| {
        let built = built.clone();
        leptos::task::spawn_local(async move {
            let fetched = fetch_text().await;
            if fetched
                .as_ref()
                .is_ok_and(|text| fingerprint(text) == built)
            {
                problem.set(None);
                return;
            }
            match render(fetched.map_err(|error| error.to_string()), Shown::Never).await {
                Ok(()) => {
                    let _ = window().location().reload();
                }
                Err(now) => problem.set(Some(now)),
            }
        });
    });
    let document = document();
    let Ok(host) = document.create_element("div") else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    let _ = body.append_child(&host);
    crate::in_island_root(|| {
        leptos::mount::mount_to(host.unchecked_into(), move || {
            view! { <LiveNotice labels problem retry /> }
        })
        .forget()
    });
}

/// What [`render`] does with a fetched profile.
#[derive(Clone, Copy, PartialEq)]
enum Shown {
    /// In place of a page built without its content: the profile, everything valid of it, or
    /// the error panel.
    Always,
    /// In place of a built page, only when fully valid.
    IfValid,
    /// Nowhere: whether it could be shown (Retry's check).
    Never,
}

/// Reads and validates a fetched profile and renders it (or why there is none) as `shown`
/// says; an error says why it was not shown.
async fn render(text: Result<String, String>, shown: Shown) -> Result<(), String> {
    let text = match text {
        Ok(text) => text,
        Err(reason) => return fail(reason, shown),
    };
    let loaded = match shown {
        Shown::Always => crate::load::parse_page(&text).await,
        Shown::IfValid | Shown::Never => crate::load::parse_valid_page(&text).await,
    };
    match loaded {
        Ok(_) if shown == Shown::Never => Ok(()),
        Ok(page) => {
            let fingerprint = fingerprint(&text);
            replace_body(move || view! { <App page fingerprint /> });
            crate::page::go_live();
            Ok(())
        }
        Err(error) => fail(error.to_string(), shown),
    }
}

/// A profile that cannot be shown: on a page built without its content, the error panel with
/// Retry; elsewhere, the reason for the caller.
fn fail(reason: String, shown: Shown) -> Result<(), String> {
    if shown == Shown::Always {
        let retry = Callback::new(|()| {
            replace_body(|| view! { <Loading /> });
            leptos::task::spawn_local(async {
                let text = fetch_text().await.map_err(|error| error.to_string());
                let _ = render(text, Shown::Always).await;
            });
        });
        let labels = Labels::default();
        let panel = reason.clone();
        replace_body(move || view! { <LoadError labels reason=panel retry /> });
    }
    Err(reason)
}

/// Empties `<body>` and renders `view` into it, for the page's lifetime.
fn replace_body<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) {
    let body = document().body().expect("the page has a <body>");
    body.set_inner_html("");
    crate::in_island_root(|| leptos::mount::mount_to(body.unchecked_into(), view).forget());
}
