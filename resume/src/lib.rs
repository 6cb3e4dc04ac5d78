//! JSON Resume in and out of a profile: [`import`] makes a profile of a résumé and lists what
//! the page has no place for, [`export`] writes a profile as a JSON Resume 1.2.1 whose
//! `meta.portfolio` makes the round trip exact, and [`profile_json`] lays a profile out as the
//! import writes it.
//!
//! A crate of its own so that `cargo xtask import | export` (natively) and the workbench (the
//! `edit/` page, in its own wasm) run the same code, while the main crate, whose page's wasm is
//! size-sensitive, stays as it is. The words of the page that a résumé does not hold come from
//! `defaults.json` (compiled in, no file system); the labels of its controls are the app's own
//! defaults, which an imported profile leaves out.

mod defaults;
mod export;
mod import;
mod patch;
mod read;
mod written;

#[cfg(test)]
mod tests;

pub use defaults::Defaults;
pub use export::export;
pub use import::{import, ImportError, Imported};
pub use read::Unplaced;
pub use written::profile_json;

/// The member of JSON Resume's `meta` that carries what its fields cannot.
const EXTENSION: &str = "portfolio";
