//! A copy button: copies its text, says "Copied" for a moment (announced politely), and each
//! button keeps its own state. Hidden where the Clipboard API is missing (the address stays
//! selectable); if the browser refuses the write, the address is selected for the visitor's
//! own copy, so a failure is never silent.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::page::{use_live, use_taken_over};

/// How long "Copied" stays.
const SHOWN: Duration = Duration::from_millis(1500);

#[component]
pub(crate) fn CopyButton(
    /// What goes to the clipboard (read when pressed).
    #[prop(into)]
    text: Signal<String>,
    /// The id of the link that shows the text (perhaps in quotes), selected if the copy is
    /// refused.
    #[prop(optional)]
    link: Option<String>,
    /// The button's words.
    label: String,
    /// What it says for a moment once the text is copied.
    copied: String,
) -> impl IntoView {
    let (live, taken_over) = (use_live(), use_taken_over());
    let done = RwSignal::new(false);
    // Only in secure contexts (https, localhost) does `navigator.clipboard` exist.
    let supported = move || taken_over.get() && live.get() && clipboard_exists();
    let copy = move |_| {
        let text = text.get_untracked();
        let written = window().navigator().clipboard().write_text(&text);
        let link = link.clone();
        leptos::task::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(written).await.is_ok() {
                done.set(true);
                set_timeout(move || done.set(false), SHOWN);
            } else if let Some(link) = link.and_then(|id| document().get_element_by_id(&id)) {
                select_within(&link, &text);
            }
        });
    };
    let status = copied.clone();
    view! {
        <button class="copy" type="button" hidden=move || !supported() on:click=copy>
            {move || if done.get() { copied.clone() } else { label.clone() }}
        </button>
        <span class="visually-hidden copy-status" aria-live="polite">
            {move || if done.get() { status.clone() } else { String::new() }}
        </span>
    }
}

/// A copy button among static text (a contact line), with a fixed text. Its code is a chunk
/// of its own (`split` builds), fetched when the contact section nears the screen.
#[cfg_attr(feature = "split", island(lazy))]
#[cfg_attr(not(feature = "split"), island)]
pub(crate) fn CopyText(text: String, link: String, label: String, copied: String) -> impl IntoView {
    view! { <CopyButton text link label copied /> }
}

fn clipboard_exists() -> bool {
    js_sys::Reflect::has(&window().navigator(), &JsValue::from_str("clipboard")).unwrap_or(false)
}

/// Selects `copied` where the link's text shows it (`"…"` adds quotes), else the whole text.
/// Offsets count UTF-16 units, as the DOM does.
fn select_within(link: &web_sys::Element, copied: &str) {
    let (Some(text), Ok(Some(selection))) = (link.first_child(), window().get_selection()) else {
        return;
    };
    let shown = text.text_content().unwrap_or_default();
    let units = |s: &str| s.encode_utf16().count() as u32;
    let (from, to) = match shown.find(copied).and_then(|at| shown.get(..at)) {
        Some(before) => (units(before), units(before) + units(copied)),
        None => (0, units(&shown)),
    };
    let _ = selection.set_base_and_extent(&text, from, &text, to);
}
