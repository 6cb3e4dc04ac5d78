//! The owner's workbench, the `edit/` page of the portfolio (issue 26): profile.json as text
//! beside the page it makes.
//!
//! A crate of its own, built into a wasm module of its own by `cargo xtask wasm`
//! (`xtask/src/edit_page.rs`), so that none of its code is in the main page's wasm. It reads
//! the main crate only through what that makes public (the components, the parser, the
//! validator and the loader's fetch).
//!
//! - [`locate`] (native, tested): every problem of a draft at its line and column.
//! - [`text`] (native, tested): the draft's text read tolerantly, completion at the caret, the
//!   diagram forms' edits and the shareable link's codec.
//! - `ui` (the browser only): the page, its editor, problems, preview, and the ways in and out.

pub mod locate;
pub mod text;

#[cfg(target_arch = "wasm32")]
mod ui;

/// The editor's parts mounted alone, for the component tests (the `component-tests` feature).
#[cfg(all(target_arch = "wasm32", feature = "component-tests"))]
#[doc(hidden)]
pub use ui::testing;
