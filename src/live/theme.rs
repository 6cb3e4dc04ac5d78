//! Light and dark themes: the system's choice by default, a toggle that is remembered.
//!
//! The CSS does the work with `color-scheme` and `light-dark()`: with no choice stored the page
//! follows the system. A choice sets `data-theme` on `<html>` and is kept in localStorage; the
//! inline script in `index.html` applies a stored choice before the first paint.

use leptos::prelude::*;
use web_sys::Element;

use super::browser::media_query;
use super::dom::{first, set_attr, set_text};
use super::reactive::effect;

const STORAGE_KEY: &str = "theme";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Attaches the toggle under `root`; returns what a click on it does.
pub(super) fn wire(root: &Element) -> impl Fn() + Clone + 'static {
    let system_dark = media_query("(prefers-color-scheme: dark)");
    let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    // Some(true) = dark chosen, Some(false) = light chosen, None = follow the system.
    let chosen = RwSignal::new(stored.map(|name| name == "dark"));
    // Derived, not memoised: one read of two signals costs less than a memo (wasm size).
    let dark = move || chosen.get().unwrap_or_else(|| system_dark.get());
    let button = first(root, "[data-action=theme]");
    effect(move || {
        let dark = dark();
        if let Some(button) = &button {
            set_attr(button, "aria-pressed", if dark { "true" } else { "false" });
            if let Some(icon) = first(button, "span") {
                set_text(&icon, if dark { "☾" } else { "☀" });
            }
        }
        if let (Some(choice), Some(html)) = (chosen.get(), document().document_element()) {
            let name = if choice { "dark" } else { "light" };
            let _ = html.set_attribute("data-theme", name);
            if let Some(storage) = storage() {
                let _ = storage.set_item(STORAGE_KEY, name);
            }
        }
    });
    move || chosen.set(Some(!untrack(dark)))
}
