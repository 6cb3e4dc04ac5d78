//! The islands' side of taking the prerendered page over: the profile text it was built from,
//! and the islands left for later (a diagram's figure, whose code is a chunk of its own), taken
//! over on demand by the loader's `later`, which it hands to [`crate::start`].

use std::cell::{OnceCell, RefCell};

use wasm_bindgen::JsValue;

use crate::page::Page;

thread_local! {
    /// The loader's function that takes over the islands inside an element, left for later.
    static TAKE_OVER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    /// The fetched profile.json, when it is the one the page was built from.
    static TEXT: RefCell<Option<String>> = const { RefCell::new(None) };
    /// That profile read, for the islands that need more than their props.
    static PAGE: OnceCell<Page> = const { OnceCell::new() };
}

/// Keeps the text of the profile the prerendered page shows, and the loader's `take_over`:
/// its islands are being taken over.
pub(crate) fn remember(text: String, take_over: js_sys::Function) {
    TEXT.set(Some(text));
    TAKE_OVER.set(Some(take_over));
}

/// The profile the prerendered page was built from, read once (parsing and validating it is a
/// few tens of milliseconds on a phone: only an island that needs it pays, when taken over).
pub(crate) fn prerendered_page() -> Page {
    PAGE.with(|page| {
        page.get_or_init(|| {
            let text = TEXT
                .with_borrow(Clone::clone)
                .expect("the islands' profile is kept");
            let profile = crate::parse::parse_profile(&text)
                .expect("the profile the page was built from parses");
            Page::new(profile)
        })
        .clone()
    })
}

/// Takes over the islands inside `root` that the first takeover left for later. Nothing to do
/// when the page was rendered in the browser (its islands are live components already).
pub(crate) fn take_over_within(root: &web_sys::Element) {
    TAKE_OVER.with_borrow(|take_over| {
        if let Some(take_over) = take_over {
            let _ = take_over.call1(&JsValue::NULL, root);
        }
    });
}
