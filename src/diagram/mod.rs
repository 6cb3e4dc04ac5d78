//! Architecture diagrams: the pure layered layout, and the scene (shapes, wrapped labels, paths)
//! that `components::diagram` draws as SVG.

pub mod layout;
pub mod scene;
