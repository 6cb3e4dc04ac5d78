//! What the browser knows, as signals: media queries, whether an element is on screen, and the
//! clipboard.
//!
//! Written against web-sys rather than with leptos-use: the three leptos-use functions the app
//! used (`use_preferred_dark`/`use_prefers_reduced_motion`, `use_intersection_observer`,
//! `use_clipboard`) added 50.6 KB raw / 15.2 KB brotli to a minimal Leptos app; these do the
//! same for 7.7 KB / 2.3 KB (measured the same way; see the README's Performance section).
//! Every listener and observer here lives as long as the page, so none is ever removed.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry};

/// Whether the media query matches, kept current by its `change` event.
pub(super) fn media_query(query: &str) -> RwSignal<bool> {
    let matches = RwSignal::new(false);
    if let Ok(Some(list)) = window().match_media(query) {
        matches.set(list.matches());
        let watched = list.clone();
        let on_change = Closure::<dyn FnMut()>::new(move || matches.set(watched.matches()));
        let _ = list.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        on_change.forget();
    }
    matches
}

/// Whether any part of `element` is in the viewport.
pub(super) fn on_screen(element: &Element) -> RwSignal<bool> {
    let visible = RwSignal::new(false);
    let on_change = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        // The last entry is the element's latest state.
        if let Ok(entry) = entries
            .get(entries.length().saturating_sub(1))
            .dyn_into::<IntersectionObserverEntry>()
        {
            visible.set(entry.is_intersecting());
        }
    });
    if let Ok(observer) = IntersectionObserver::new(on_change.as_ref().unchecked_ref()) {
        observer.observe(element);
    }
    on_change.forget();
    visible
}

/// The clipboard: whether the page may write to it, a `copied` flag that is true for a moment
/// after a copy succeeds, and the copy itself.
#[derive(Clone, Copy)]
pub(super) struct Clipboard {
    pub(super) supported: bool,
    pub(super) copied: RwSignal<bool>,
}

impl Clipboard {
    /// How long "Copied" stays.
    const SHOWN: Duration = Duration::from_millis(1500);

    pub(super) fn new() -> Self {
        // Only in secure contexts (https, localhost) does `navigator.clipboard` exist.
        let navigator = window().navigator();
        let supported =
            js_sys::Reflect::has(&navigator, &JsValue::from_str("clipboard")).unwrap_or(false);
        Self {
            supported,
            copied: RwSignal::new(false),
        }
    }

    /// Writes `text`; `refused` runs if the browser says no.
    pub(super) fn copy(self, text: &str, refused: impl FnOnce() + 'static) {
        if !self.supported {
            return;
        }
        let written =
            wasm_bindgen_futures::JsFuture::from(window().navigator().clipboard().write_text(text));
        leptos::task::spawn_local(async move {
            if written.await.is_ok() {
                self.copied.set(true);
                set_timeout(move || self.copied.set(false), Self::SHOWN);
            } else {
                refused();
            }
        });
    }
}
