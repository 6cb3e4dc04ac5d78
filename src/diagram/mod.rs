//! Architecture diagrams: the pure layered layout and scene, and (with `ui`) the animated SVG.

pub mod layout;
pub mod scene;
#[cfg(feature = "ui")]
pub(crate) mod view;
