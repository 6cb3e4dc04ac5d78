//! Light and dark themes: the system's choice by default, a toggle that is remembered.
//!
//! The CSS does the work with `color-scheme` and `light-dark()`: with no choice stored the page
//! follows the system and paints correctly before the wasm runs; a choice sets
//! `data-theme` on `<html>` and is kept in localStorage.

use leptos::prelude::*;
use leptos_use_preferences::use_preferred_dark;

const STORAGE_KEY: &str = "theme";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Theme {
    Light,
    Dark,
}

impl Theme {
    fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        match name {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

#[component]
pub(crate) fn ThemeToggle(label: String) -> impl IntoView {
    let system_dark = use_preferred_dark();
    let stored = storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|name| Theme::from_name(&name));
    let (chosen, set_chosen) = signal(stored);
    // What is on screen: the choice if there is one, else the system's.
    let current = move || {
        chosen.get().unwrap_or(if system_dark.get() { Theme::Dark } else { Theme::Light })
    };
    Effect::new(move |_| {
        if let (Some(theme), Some(root)) = (chosen.get(), document().document_element()) {
            let _ = root.set_attribute("data-theme", theme.name());
            if let Some(storage) = storage() {
                let _ = storage.set_item(STORAGE_KEY, theme.name());
            }
        }
    });
    let toggle = move |_| {
        set_chosen.set(Some(match current() {
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::Dark,
        }))
    };
    view! {
        <button
            class="theme-toggle"
            type="button"
            aria-label=label
            aria-pressed=move || (current() == Theme::Dark).to_string()
            on:click=toggle
        >
            <span aria-hidden="true">{move || if current() == Theme::Dark { "☾" } else { "☀" }}</span>
        </button>
    }
}
