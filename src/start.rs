//! The browser's entry (the loader calls [`start`]): fetch the profile, then have the loader
//! take the prerendered page's islands over when the page shows that very profile, or render
//! the fetched one in its place when it does not (the owner edited profile.json after the
//! build, or nothing was prerendered).

use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;

use crate::app::App;
use crate::components::{LoadError, Loading};
use crate::fingerprint::fingerprint;
use crate::load::{fetch_text, parse_page};

/// Fetches the profile. True when the loader is to take the islands over (then it calls
/// [`go_live`] once it has); false when this rendered the page (or its error) itself.
/// `take_over` is the loader's function that takes over the islands inside an element that
/// were left for later (a figure, when its card first needs it).
#[wasm_bindgen]
pub async fn start(take_over: js_sys::Function) -> bool {
    console_error_panic_hook::set_once();
    let prerendered = prerendered_fingerprint();
    if prerendered.is_none() {
        replace_body(|| view! { <Loading /> });
    }
    let text = fetch_text().await;
    if let (Ok(text), Some(built)) = (&text, &prerendered) {
        if fingerprint(text) == *built {
            crate::takeover::remember(text.clone(), take_over);
            leptos::mount::hydrate_islands();
            return true;
        }
    }
    render(text.map_err(|error| error.to_string())).await;
    false
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

/// Renders the fetched profile (or why there is none) in place of the page. Split off (`split`
/// builds): reading and validating a whole profile and building every section is code the
/// prerendered page never needs.
#[cfg_attr(feature = "split", lazy)]
async fn render(text: Result<String, String>) {
    let loaded = match text {
        Ok(text) => parse_page(&text)
            .await
            .map(|page| (page, fingerprint(&text)))
            .map_err(|error| error.to_string()),
        Err(reason) => Err(reason),
    };
    match loaded {
        Ok((page, fingerprint)) => {
            replace_body(move || view! { <App page fingerprint /> });
            crate::page::go_live();
        }
        Err(reason) => {
            let retry = Callback::new(|()| {
                replace_body(|| view! { <Loading /> });
                leptos::task::spawn_local(async {
                    render(fetch_text().await.map_err(|error| error.to_string())).await;
                });
            });
            replace_body(move || view! { <LoadError reason retry /> });
        }
    }
}

/// Empties `<body>` and renders `view` into it, for the page's lifetime.
fn replace_body<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) {
    let body = document().body().expect("the page has a <body>");
    body.set_inner_html("");
    crate::in_island_root(|| leptos::mount::mount_to(body.unchecked_into(), view).forget());
}
