//! The pure core of the owner's workbench (issue 26): what the `edit/` page does to a profile
//! draft that needs no browser, so it is tested natively like the rest of the core.
//!
//! - [`draft_link`]: a draft as the fragment of a shareable link, and back (bounded: a link is
//!   someone else's text).

pub mod draft_link;
