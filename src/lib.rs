//! Aayushi Gupta's portfolio: a Leptos client-side app rendered from `public/profile.json`.
//!
//! Data flows one way: profile.json → [`parse`] (serde model in [`model`]) → [`validate`] →
//! signals → views. Everything above the views is pure Rust, built without the `ui` feature so
//! xtask and the native tests use it without compiling Leptos.

pub mod diagram;
pub mod filter;
pub mod format;
pub mod model;
pub mod parse;
pub mod validate;

#[cfg(feature = "ui")]
mod app;
#[cfg(feature = "ui")]
mod load;
#[cfg(feature = "ui")]
mod sections;
#[cfg(feature = "ui")]
mod url_state;

#[cfg(feature = "ui")]
pub use app::{App, ProfileView};

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
