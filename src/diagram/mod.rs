//! Architecture diagrams: the pure layered layout, its folding into rows (and on a phone the
//! stacking of its unconnected parts), and the scene
//! (shapes, wrapped labels, paths) that `components::diagram` draws as SVG.

pub mod fold;
pub mod layout;
pub mod scene;
pub mod stack;
