//! Aayushi Gupta's portfolio: a Leptos client-side app rendered from `public/profile.json`.
//!
//! Data flows one way: profile.json → [`parse`] (model in [`model`]) → [`validate`] →
//! [`render`] (the page as HTML, also prerendered at build time) → `live` (Leptos signals and
//! effects that bring the markup to life in the browser). Everything but `live` and `load` is
//! pure Rust, built without the `ui` feature so xtask and the native tests use it without
//! compiling Leptos.

pub mod diagram;
pub mod filter;
pub mod format;
pub mod model;
pub mod parse;
pub mod render;
pub mod validate;

#[cfg(feature = "ui")]
mod live;
#[cfg(feature = "ui")]
mod load;

#[cfg(feature = "ui")]
pub use live::{show_profile, start};

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
