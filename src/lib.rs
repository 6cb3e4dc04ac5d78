//! Aayushi Gupta's portfolio: a Leptos app rendered from `public/profile.json`.
//!
//! Data flows one way: profile.json → [`parse`] (the serde model in [`model`]) → [`validate`]
//! → the page's shared state (`page`, `filter_state`) → the components → the DOM. The same
//! components render the static page at build time (feature `ssr`, called by xtask through
//! [`render_page`]); in the browser (feature `hydrate`) only its islands are taken over. The
//! pure core (model, validation, filter, diagram layout) builds without Leptos for the native
//! tests.

// Deeply nested view types (a figure holding its player) exceed the default when hydrating.
#![recursion_limit = "256"]

pub mod diagram;
pub mod filter;
pub mod fingerprint;
pub mod format;
pub mod link;
pub mod model;
pub mod paint;
pub mod parse;
pub mod scroll_aim;
pub mod timing;
pub mod validate;

#[cfg(feature = "ui")]
mod app;
#[cfg(feature = "ui")]
mod browser;
#[cfg(feature = "ui")]
mod components;
#[cfg(feature = "ui")]
mod filter_state;
#[cfg(feature = "ui")]
pub mod page;

#[cfg(feature = "hydrate")]
pub mod load;
#[cfg(feature = "hydrate")]
mod start;
#[cfg(feature = "hydrate")]
mod takeover;

#[cfg(feature = "ui")]
pub use app::App;
#[cfg(feature = "ssr")]
pub use components::drawing_file::DrawingFile;
#[cfg(feature = "hydrate")]
pub use start::{go_live, start};

/// The page's markup for a profile's text, as the browser will take it over: `<body>`'s
/// content. Called by `cargo xtask dist` to prerender `index.html`. With `drawing_files` (a
/// directory relative to the page holding [`drawing_files`]), the page links the drawings
/// written there instead of holding them.
#[cfg(feature = "ssr")]
pub fn render_page(page: page::Page, fingerprint: String, drawing_files: Option<String>) -> String {
    use leptos::prelude::*;
    // Islands: the page is rendered without hydration markers but for its islands.
    let context = hydration_context::SsrSharedContext::new_islands();
    let owner = Owner::new_root(Some(std::sync::Arc::new(context)));
    owner.with(|| {
        if let Some(directory) = drawing_files {
            provide_context(components::DrawingFiles(directory));
        }
        view! { <App page fingerprint /> }.to_html()
    })
}

/// The drawings the prerendered page links as images, as SVG files styled by `css` (the page's
/// drawing rules): all but the first card's wide one, each in both themes
/// (`components/drawing_file.rs`).
#[cfg(feature = "ssr")]
pub fn drawing_files(page: &page::Page, css: &str) -> Vec<DrawingFile> {
    components::drawing_file::drawing_files(page, css)
}

/// Runs `f` under a reactive root that islands can be rendered in (an island's children read the
/// root's shared context), kept for the page's lifetime. For a page rendered in the browser:
/// the app's own, and the component tests'.
#[cfg(feature = "hydrate")]
pub fn in_island_root<T>(f: impl FnOnce() -> T) -> T {
    use leptos::prelude::Owner;
    let root = Owner::new_root(Some(std::sync::Arc::new(
        hydration_context::CsrSharedContext,
    )));
    let value = root.with(f);
    std::mem::forget(root);
    value
}

/// Parses and validates a profile, returning every problem as one line (`path: message`).
/// An empty list means the profile is valid. Used by `cargo xtask check`.
pub fn check_profile(text: &str) -> Vec<String> {
    match parse::parse_profile(text) {
        Ok(profile) => validate::validate(&profile)
            .iter()
            .map(ToString::to_string)
            .collect(),
        Err(error) => vec![error.to_string()],
    }
}
