//! The contact lines' copy buttons: shown where the Clipboard API exists, "Copied" for a moment
//! after a click, announced politely.

use leptos::prelude::*;
use web_sys::Element;

use super::browser::Clipboard;
use super::dom::{all, set_flag, set_text};
use super::reactive::effect;
use crate::model::Profile;

/// Attaches the copy buttons under `root`; returns what a click on one does.
pub(super) fn wire(root: &Element, profile: &Profile) -> impl Fn(&str, &Element) + Clone + 'static {
    let clipboard = Clipboard::new();
    let copied = clipboard.copied;
    let (copy_label, copied_label) = (
        profile.site.labels.copy.clone(),
        profile.site.labels.copied.clone(),
    );
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
        let address = button
            .previous_element_sibling()
            .and_then(|link| link.first_child());
        let copied_text = text.to_string();
        clipboard.copy(text, move || {
            if let (Some(address), Ok(Some(selection))) = (&address, window().get_selection()) {
                // Just the copied text where the link shows it (`echo "…"` adds quotes), else
                // the whole link. Offsets in UTF-16 units, as the DOM counts.
                let shown = address.text_content().unwrap_or_default();
                let units = |s: &str| s.encode_utf16().count() as u32;
                let (from, to) = match shown
                    .find(copied_text.as_str())
                    .and_then(|at| shown.get(..at))
                {
                    Some(before) => (units(before), units(before) + units(&copied_text)),
                    None => (0, units(&shown)),
                };
                let _ = selection.set_base_and_extent(address, from, address, to);
            }
        });
    }
}
