//! Architecture diagrams: their flow as lines of text (the figure's text alternative), the
//! pure layered layout, its folding into rows (and on a phone the stacking of its unconnected
//! parts), and the scene (shapes, wrapped labels, paths) that `components::diagram` draws as
//! SVG: at build time, in the prerendered page, and in the browser only when the profile
//! changed since the build.

pub mod flow_text;
pub mod fold;
pub mod layout;
pub mod scene;
pub mod stack;
