//! The large view: while the caret is inside a project's diagram, that diagram, as the preview
//! draws it, at the top of the preview pane, full width, and playable.
//!
//! It is the preview's own figure, not a copy: the figure is taken out of its card (the card
//! opened, so the player's controls are built) into the view's slot, and put back, the card
//! closed again if the view opened it, when the caret leaves. Leptos updates an element
//! wherever it is in the document, so the figure plays and follows the page's reactive state
//! as in its card. After each update of the preview the fresh page's figure is taken again.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The id of the view's slot, where the figure is put.
pub(crate) const SLOT: &str = "wb-view-slot";

/// A figure taken out of its card: where it came from, and whether the view opened the card.
struct Taken {
    figure: web_sys::Element,
    card: web_sys::Element,
    next: Option<web_sys::Node>,
    opened: bool,
}

/// What the view shows.
#[derive(Clone, Copy)]
pub(crate) struct LargeView {
    /// The project whose diagram the view is to show.
    wanted: StoredValue<Option<String>>,
    taken: StoredValue<Option<Taken>, LocalStorage>,
}

impl LargeView {
    pub(crate) fn new() -> Self {
        LargeView {
            wanted: StoredValue::new(None),
            taken: StoredValue::new_local(None),
        }
    }

    /// Shows project `id`'s diagram (or none), from the preview on screen.
    pub(crate) fn show(self, id: Option<String>) {
        if self.wanted.get_value() == id {
            return;
        }
        self.put_back();
        self.wanted.set_value(id);
        self.take(false, false);
    }

    /// The preview was replaced: the old page's figure leaves the view (its page is gone), and
    /// the fresh page's is taken; the card stays as the view found it before. `reopened`: the
    /// cards whose opening was just asked (their buttons do not say so yet).
    pub(crate) fn renewed(self, reopened: &[String]) {
        let opened = self
            .taken
            .try_update_value(Option::take)
            .flatten()
            .map(|taken| {
                taken.figure.remove();
                taken.opened
            });
        let reopened = self
            .wanted
            .with_value(|id| id.as_ref().is_some_and(|id| reopened.contains(id)));
        self.take(opened.unwrap_or(false), reopened);
    }

    /// Puts the figure back in its card, closing the card if the view opened it.
    fn put_back(self) {
        let Some(taken) = self.taken.try_update_value(Option::take).flatten() else {
            return;
        };
        if taken.card.is_connected() {
            let _ = taken.card.insert_before(&taken.figure, taken.next.as_ref());
            if taken.opened {
                click(&taken.card, "button.expand");
            }
        } else {
            taken.figure.remove();
        }
    }

    /// Takes the wanted project's figure (or the problems shown in its place) out of its card
    /// into the view's slot. `opened`: the view had opened that card in the page before;
    /// `reopened`: the card's opening is under way.
    fn take(self, opened: bool, reopened: bool) {
        let Some(id) = self.wanted.get_value() else {
            return;
        };
        let document = document();
        let card = document
            .query_selector(&format!(
                "#wb-preview article[id=\"{}\"]",
                id.replace(['"', '\\'], "")
            ))
            .ok()
            .flatten();
        let (Some(card), Some(slot)) = (card, document.get_element_by_id(SLOT)) else {
            return;
        };
        let Ok(Some(figure)) =
            card.query_selector(":scope > .figure-slot, :scope > .diagram-error")
        else {
            return;
        };
        let closed = !reopened
            && card
                .query_selector("button.expand[aria-expanded=\"false\"]")
                .ok()
                .flatten()
                .is_some();
        if closed {
            click(&card, "button.expand");
        }
        let next = figure.next_sibling();
        let _ = slot.append_child(&figure);
        self.taken.set_value(Some(Taken {
            figure,
            card,
            next,
            opened: opened || closed,
        }));
    }
}

/// Clicks the element `css` inside `within`.
fn click(within: &web_sys::Element, css: &str) {
    if let Ok(Some(element)) = within.query_selector(css) {
        element.unchecked_into::<web_sys::HtmlElement>().click();
    }
}
