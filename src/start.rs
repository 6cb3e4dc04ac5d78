//! The browser's entry: fetch the profile, then take the prerendered page over (hydrate) when
//! it shows that very profile, or render the fetched one in its place when it does not (the
//! owner edited profile.json after the build, or nothing was prerendered).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::App;
use crate::components::{LoadError, Loading};
use crate::load::fetch_profile;

/// Starts the app on `<body>`.
pub fn start() {
    let prerendered = prerendered_fingerprint();
    if prerendered.is_none() {
        replace_body(|| view! { <Loading /> });
    }
    wasm_bindgen_futures::spawn_local(load(prerendered));
}

/// The fingerprint the prerendered page was built from, if there is such a page.
fn prerendered_fingerprint() -> Option<String> {
    document()
        .query_selector("main[data-profile]")
        .ok()
        .flatten()
        .and_then(|main| main.get_attribute("data-profile"))
}

async fn load(prerendered: Option<String>) {
    match fetch_profile().await {
        Ok(loaded) if prerendered.as_deref() == Some(loaded.fingerprint.as_str()) => {
            let (page, fingerprint) = (loaded.page, loaded.fingerprint);
            leptos::mount::hydrate_body(move || view! { <App page fingerprint /> });
        }
        Ok(loaded) => {
            let (page, fingerprint) = (loaded.page, loaded.fingerprint);
            replace_body(move || view! { <App page fingerprint /> });
        }
        Err(error) => {
            let reason = error.to_string();
            let retry = Callback::new(|()| {
                replace_body(|| view! { <Loading /> });
                wasm_bindgen_futures::spawn_local(load(None));
            });
            replace_body(move || view! { <LoadError reason retry /> });
        }
    }
}

/// Empties `<body>` and renders `view` into it, for the page's lifetime.
fn replace_body<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) {
    let body = document().body().expect("the page has a <body>");
    body.set_inner_html("");
    leptos::mount::mount_to(body.unchecked_into(), view).forget();
}
