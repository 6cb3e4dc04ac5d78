//! Project cards at run time: the details open and close, and a deep link (`#project-id`)
//! opens its card and brings it into view, whatever the filter says.

use leptos::prelude::*;
use web_sys::Element;

use super::dom::{first, set_attr, set_class, set_flag, set_text};
use super::filter::Filter;
use super::reactive::effect;
use crate::model::Profile;

#[derive(Clone)]
pub(super) struct Cards {
    show: String,
    hide: String,
}

impl Cards {
    /// Opens or closes the card that holds the expand `button`.
    pub(super) fn toggle(&self, button: &Element) {
        if let Some(card) = button.closest("article").ok().flatten() {
            let open = button.get_attribute("aria-expanded").as_deref() != Some("true");
            self.set_open(&card, open);
        }
    }

    fn set_open(&self, card: &Element, open: bool) {
        let (Some(button), Some(details)) = (first(card, ".expand"), first(card, ".details"))
        else {
            return;
        };
        set_attr(
            &button,
            "aria-expanded",
            if open { "true" } else { "false" },
        );
        if let Some(label) = button.last_child() {
            label.set_text_content(Some(if open { &self.hide } else { &self.show }));
        }
        if let Some(mark) = first(&button, "span") {
            set_text(&mark, if open { "[-] " } else { "[+] " });
        }
        set_flag(&details, "hidden", !open);
        set_class(card, "open", open);
        if open {
            center_diagram(&details);
        }
    }
}

/// On a phone a diagram is wider than the screen: start with its middle in view, where
/// top-to-bottom flows usually run. (A left-to-right drawing starts where its flow starts.)
fn center_diagram(details: &Element) {
    if let Some(canvas) = first(details, ".diagram-canvas") {
        request_animation_frame(move || {
            let narrow = first(&canvas, "svg.narrow")
                .is_some_and(|svg| svg.get_bounding_client_rect().width() > 0.0);
            let overflow = canvas.scroll_width() - canvas.client_width();
            if narrow && overflow > 0 {
                canvas.set_scroll_left(overflow / 2);
            }
        });
    }
}

pub(super) fn wire(root: &Element, profile: &Profile, filter: Filter) -> Cards {
    let labels = &profile.site.labels;
    let cards = Cards {
        show: labels.show_details.clone(),
        hide: labels.hide_details.clone(),
    };
    let root = root.clone();
    let opener = cards.clone();
    effect(move || {
        let Some(id) = filter.target.get() else {
            return;
        };
        let Some(card) = root
            .query_selector(&format!(
                "article.project-card[id=\"{}\"]",
                id.replace('"', "")
            ))
            .ok()
            .flatten()
        else {
            return;
        };
        opener.set_open(&card, true);
        // After the next frame: the card has opened and the page above it is laid out.
        request_animation_frame(move || {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Start);
            card.scroll_into_view_with_scroll_into_view_options(&options);
        });
    });
    cards
}
