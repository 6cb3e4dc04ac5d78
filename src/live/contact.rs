//! The contact lines' copy buttons: shown where the Clipboard API exists, "Copied" for a moment
//! after a click, announced politely.

use leptos::prelude::*;
use web_sys::Element;

use super::browser::Clipboard;
use super::reactive::effect;
use super::dom::{all, set_flag, set_text};
use crate::model::Profile;

/// Attaches the copy buttons under `root`; returns what a click on one does.
pub(super) fn wire(root: &Element, profile: &Profile) -> impl Fn(&str, &Element) + Clone + 'static {
    let clipboard = Clipboard::new();
    let copied = clipboard.copied;
    let (copy_label, copied_label) = (profile.site.labels.copy.clone(), profile.site.labels.copied.clone());
    let buttons = all(root, "button[data-copy]");
    let statuses = all(root, ".copy-status");
    effect(move || {
        let (supported, copied) = (clipboard.supported, copied.get());
        for button in &buttons {
            // Hidden, not absent, where the Clipboard API is missing: the address stays selectable.
            set_flag(button, "hidden", !supported);
            set_text(button, if copied { &copied_label } else { &copy_label });
        }
        for status in &statuses {
            set_text(status, if copied { &copied_label } else { "" });
        }
    });
    move |text: &str, button: &Element| {
        // If the browser refuses the write, the address is selected instead, ready for the
        // visitor's own copy: a failure is never silent.
        let address = button.previous_element_sibling().and_then(|link| link.first_child());
        clipboard.copy(text, move || {
            if let (Some(address), Ok(Some(selection))) = (&address, window().get_selection()) {
                // Inside the quotes of `echo "…"`: the address alone.
                let shown = address.text_content().unwrap_or_default();
                let length = shown.encode_utf16().count() as u32;
                let quoted = length >= 2 && shown.starts_with('"') && shown.ends_with('"');
                let (from, to) = if quoted { (1, length - 1) } else { (0, length) };
                let _ = selection.set_base_and_extent(address, from, address, to);
            }
        });
    }
}
