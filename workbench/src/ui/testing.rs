//! The editor's parts mounted alone, for the component tests (`tests/components.rs`): built only
//! with the `component-tests` feature, which only those tests turn on (the crate's dev-dependency
//! on itself), so the page's wasm has none of it and the crate's surface is otherwise unchanged.

use std::any::Any;
use std::time::Duration;

use leptos::prelude::*;

use super::{editor, preview, problems, Workbench};

/// How long typing must pause before the draft is checked: after it, the problems, the gutter's
/// marks and the stale note follow the text.
pub const PAUSE: Duration = super::PAUSE;

/// The parts on screen; dropping it unmounts them (their listeners go with them).
pub struct Mounted {
    _handle: Box<dyn Any>,
}

/// Mounts what the page has on the text's side, under a workbench of their own, into
/// `container`: the editor (its field, gutter, completion list and the diagram's forms), the
/// problems and the stale note, with `draft` loaded as a draft opened is (checked at once).
pub fn mount_editor(container: web_sys::HtmlElement, draft: &str) -> Mounted {
    let draft = draft.to_string();
    let handle = leptos::mount::mount_to(container, move || {
        let workbench = Workbench::new();
        provide_context(workbench);
        workbench.load(draft, None);
        view! {
            <editor::Editor />
            <problems::Problems />
            <preview::StaleNote />
        }
    });
    Mounted {
        _handle: Box::new(handle),
    }
}
