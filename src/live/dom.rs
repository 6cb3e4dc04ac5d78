//! Small DOM helpers the live modules share: finding elements under a root, writing attributes
//! and text only when they change, and listeners that live as long as the page.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

/// The fingerprint of the profile the page in `root` was rendered from, if it shows one.
pub(super) fn fingerprint(root: &HtmlElement) -> Option<String> {
    first(root, "main[data-state=ready]")?.get_attribute("data-profile")
}

pub(super) fn first(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

pub(super) fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

pub(super) fn set_attr(element: &Element, name: &str, value: &str) {
    if element.get_attribute(name).as_deref() != Some(value) {
        let _ = element.set_attribute(name, value);
    }
}

/// Sets or removes a boolean attribute such as `hidden`.
pub(super) fn set_flag(element: &Element, name: &str, on: bool) {
    if element.has_attribute(name) != on {
        let _ = if on {
            element.set_attribute(name, "")
        } else {
            element.remove_attribute(name)
        };
    }
}

pub(super) fn set_class(element: &Element, class: &str, on: bool) {
    let _ = element.class_list().toggle_with_force(class, on);
}

pub(super) fn set_text(element: &Element, text: &str) {
    if element.text_content().as_deref() != Some(text) {
        element.set_text_content(Some(text));
    }
}

/// Listens for `event` on `target` for the rest of the page's life.
pub(super) fn on(
    target: &web_sys::EventTarget,
    event: &str,
    handler: impl FnMut(web_sys::Event) + 'static,
) {
    listen(target, event, Box::new(handler));
}

/// Not generic, so the closure glue is compiled once for every listener on the page.
fn listen(target: &web_sys::EventTarget, event: &str, handler: Box<dyn FnMut(web_sys::Event)>) {
    let closure = Closure::wrap(handler).into_js_value();
    let _ = target.add_event_listener_with_callback(event, closure.unchecked_ref());
}

/// Runs `handler` on the first click only.
pub(super) fn on_click_once(target: &Element, handler: impl FnOnce() + 'static) {
    let closure: JsValue = Closure::once_into_js(handler);
    let options = web_sys::AddEventListenerOptions::new();
    options.set_once(true);
    let _ = target.add_event_listener_with_callback_and_add_event_listener_options(
        "click",
        closure.unchecked_ref(),
        &options,
    );
}
