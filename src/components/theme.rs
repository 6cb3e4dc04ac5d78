//! Light and dark themes: the system's choice by default, a toggle that is remembered.
//!
//! The CSS does the work with `color-scheme` and `light-dark()`: with no choice stored the page
//! follows the system. A choice sets `data-theme` on `<html>` and is kept in localStorage; the
//! inline script in `index.html` applies a stored choice before the first paint.

use leptos::prelude::*;

use crate::browser::media_query;
use crate::page::{aria, use_live};

const STORAGE_KEY: &str = "theme";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

#[island]
pub(crate) fn ThemeToggle(label: String) -> impl IntoView {
    let live = use_live();
    let system_dark = media_query("(prefers-color-scheme: dark)", live);
    // Some(true) = dark chosen, Some(false) = light chosen, None = follow the system.
    let chosen = RwSignal::new(None::<bool>);
    // The remembered choice, once the app runs; a click that came first wins.
    Effect::new(move |_| {
        if live.get() && chosen.get_untracked().is_none() {
            let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
            chosen.set(stored.map(|name| name == "dark"));
        }
    });
    let dark = move || chosen.get().unwrap_or_else(|| system_dark.get());
    // A choice is applied to the document and remembered.
    Effect::new(move |_| {
        let Some(choice) = chosen.get() else { return };
        let name = if choice { "dark" } else { "light" };
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("data-theme", name);
        }
        if let Some(storage) = storage() {
            let _ = storage.set_item(STORAGE_KEY, name);
        }
    });
    view! {
        <button
            class="theme-toggle"
            type="button"
            aria-label=label
            aria-pressed=move || aria(dark())
            on:click=move |_| chosen.set(Some(!dark()))
        >
            <span aria-hidden="true">{move || if dark() { "☾" } else { "☀" }}</span>
        </button>
    }
}
