//! The running page: loads profile.json, shows it, and brings the markup to life.
//!
//! The markup comes from [`crate::render`]. When the page was prerendered from the same profile
//! (same fingerprint on `<main>`), it is kept as it is: nothing is re-rendered, nothing moves.
//! Otherwise the fetched profile is rendered in its place. Then each concern attaches to the
//! markup: state lives in Leptos signals, and effects write it into the DOM attributes the
//! render left as hooks (`data-tag`, `data-action`, …). One delegated click listener on the
//! root dispatches every control.

mod browser;
mod cards;
mod contact;
mod diagrams;
mod dom;
mod filter;
mod reactive;
mod theme;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::filter::TagIndex;
use crate::load::{fetch_profile, Loaded};
use crate::model::Profile;
use crate::render;

/// The app's entry point: the page is `<body>`.
pub fn start() {
    let body = leptos::prelude::document()
        .body()
        .expect("the page has a <body>");
    mount(body, |root| {
        if dom::fingerprint(&root).is_none() {
            root.set_inner_html(&render::loading());
        }
        load(root);
    });
}

/// Renders `profile` into `root` and attaches behaviour, as the app does once profile.json has
/// loaded. Public for the component tests, which mount pages of their own.
pub fn show_profile(root: HtmlElement, profile: Profile) {
    mount(root, move |root| {
        show(&root, Loaded::new(profile, String::new()))
    });
}

/// Runs `init` under a Leptos owner that lives as long as the page, so its effects do too.
/// What `leptos::mount::mount_to` does, without mounting a view: the page is already markup,
/// and the view machinery cost wasm for nothing.
fn mount(root: HtmlElement, init: impl FnOnce(HtmlElement) + 'static) {
    // Effects run on the wasm-bindgen executor; an error means it is already set up.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    owner.with(move || init(root));
    // Never disposed: the page's effects and signals live until it is closed.
    std::mem::forget(owner);
}

/// Fetches the profile; shows it, or the error panel whose Retry starts over.
fn load(root: HtmlElement) {
    let owner = Owner::current().expect("called under the app's owner");
    leptos::task::spawn_local(async move {
        let result = fetch_profile().await;
        owner.clone().with(move || match result {
            Ok(loaded) => show(&root, loaded),
            Err(error) => {
                root.set_inner_html(&render::load_error(&error.to_string()));
                if let Some(retry) = dom::first(&root, "[data-action=retry]") {
                    let again = root.clone();
                    dom::on_click_once(&retry, move || {
                        owner.with(|| {
                            again.set_inner_html(&render::loading());
                            load(again.clone());
                        })
                    });
                }
            }
        });
    });
}

fn show(root: &HtmlElement, loaded: Loaded) {
    let profile = loaded.profile.clone();
    let index = reactive::for_the_page(TagIndex::new(&profile));
    // Keep the prerendered page when it shows this very profile.
    let current = dom::fingerprint(root);
    if loaded.fingerprint.is_empty() || current.as_deref() != Some(loaded.fingerprint.as_str()) {
        root.set_inner_html(&render::page(
            &profile,
            index,
            &loaded.problems,
            &loaded.fingerprint,
        ));
    }
    set_document_language(&profile.site.lang, &profile.site.title);
    let filter = filter::wire(root, &profile, index);
    let cards = cards::wire(root, &profile, filter);
    let players = diagrams::wire(root, &loaded.profile);
    let theme = theme::wire(root);
    let copy = contact::wire(root, &profile);
    let projects_heading = dom::first(root, "#projects-title");
    let search_root = root.clone();
    dom::on(root, "click", move |event: web_sys::Event| {
        let Some(control) = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| {
                t.closest("[data-action],[data-tag],[data-apply],[data-scenario],[data-copy]")
                    .ok()
                    .flatten()
            })
        else {
            return;
        };
        let data = |name: &str| control.get_attribute(name);
        if let Some(slug) = data("data-tag") {
            filter.toggle(&slug);
        } else if let Some(tags) = data("data-apply") {
            // A skill shows just its projects: its tags replace the selection.
            filter.select(&tags);
            if let Some(heading) = &projects_heading {
                heading.scroll_into_view();
            }
        } else if let Some(scenario) = data("data-scenario") {
            players.select(&control, &scenario);
        } else if let Some(text) = data("data-copy") {
            copy(&text, &control);
        } else {
            match data("data-action").as_deref() {
                Some("theme") => theme(),
                // The print stylesheet turns the page into a résumé; the dialog offers PDF.
                Some("print") => {
                    let _ = window().print();
                }
                Some("clear") => {
                    filter.clear();
                    // The button hides itself: focus goes on to the search box, not to <body>.
                    if let Some(search) = dom::first(&search_root, "input[data-action=search]") {
                        let _ = search.unchecked_into::<HtmlElement>().focus();
                    }
                }
                Some("more-tags") => filter.toggle_more(),
                Some("expand") => cards.toggle(&control),
                Some(action @ ("step-back" | "play" | "step-forward")) => {
                    players.control(&control, action)
                }
                _ => {}
            }
        }
    });
    // Tests (and anyone curious) can tell a page the app has taken over from a static one.
    if let Some(main) = dom::first(root, "main") {
        let _ = main.set_attribute("data-live", "");
    }
    dom::on(root, "input", move |event: web_sys::Event| {
        if let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            if input.get_attribute("data-action").as_deref() == Some("search") {
                filter.set_query(input.value());
            }
        }
    });
}

/// The document's `lang` and `<title>` come from the profile too.
fn set_document_language(lang: &str, title: &str) {
    let document = leptos::prelude::document();
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", lang);
    }
    document.set_title(title);
}
