//! The workbench's pure core: what the `edit/` page does to a profile draft's text that needs no
//! browser, so it is tested natively. It lives in this crate, not the main one, so that no
//! change to it can touch the main page's wasm.
//!
//! - [`draft_link`]: a draft as the fragment of a shareable link, and back (bounded: a link is
//!   someone else's text).
//! - [`completion`]: what may be typed at the caret of a draft, which may be any text: field
//!   names and enum values from the JSON Schema, and this profile's own node ids, tags and
//!   aliases where the format refers to them.
//! - [`edits`]: the diagram workbench's forms (add a node, an edge, a step; rename a node;
//!   reorder steps), each one replacement of the draft's text, so it is one undo step and
//!   leaves every other byte as the owner wrote it.
//! - [`scan`]: a tolerant JSON tokenizer, and the byte span of every value, which the others
//!   (and `locate`) read a draft with.

pub mod completion;
pub mod draft_link;
pub mod edits;
pub mod scan;
