//! The owner's workbench, the `edit/` page of the portfolio (issue 26): profile.json as text
//! beside the page it makes.
//!
//! A crate of its own, built into a wasm module of its own by `cargo xtask wasm`
//! (`xtask/src/edit_page.rs`), so that neither its code nor a line of its source is in the main
//! page's: the main crate's source is untouched by it, and the main page's wasm is the same
//! byte for byte (any change to the main crate's source reorders its linked wasm).
//!
//! - [`locate`] (native, tested): every problem of a draft at its line and column.
//! - `ui` (the browser only): the page, its editor, problems, preview, and the ways in and out.

// The tolerant tokenizer and the spans of the workbench's pure core (`src/workbench/scan.rs`),
// compiled here too: the main crate keeps it private, and making it public would change the
// main crate's source.
#[allow(dead_code)]
#[path = "../../src/workbench/scan.rs"]
mod scan;

pub mod locate;

#[cfg(target_arch = "wasm32")]
mod ui;
