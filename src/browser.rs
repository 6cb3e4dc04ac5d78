//! What the browser knows, as signals: media queries and whether an element is on screen; and a
//! way to let it in between two pieces of work.
//! Each starts false (as the page is rendered at build time) and follows the browser once the
//! app is live. Media query listeners live as long as the page; an element's observer as long
//! as its component.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

use crate::page::Live;

/// Whether the media query matches, kept current by its `change` event.
pub(crate) fn media_query(query: &'static str, live: Live) -> ReadSignal<bool> {
    let matches = RwSignal::new(false);
    Effect::new(move |_| {
        if !live.get() {
            return;
        }
        if let Ok(Some(list)) = window().match_media(query) {
            matches.set(list.matches());
            let watched = list.clone();
            let on_change = Closure::<dyn FnMut()>::new(move || matches.set(watched.matches()));
            let _ =
                list.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
            on_change.forget();
        }
    });
    matches.read_only()
}

/// Whether any part of the element behind `node` is in the viewport grown by `margin` (CSS
/// `rootMargin`, "0px" for the viewport itself), watched from the moment `from` is true.
pub(crate) fn on_screen<E>(
    node: NodeRef<E>,
    from: Signal<bool>,
    margin: &'static str,
) -> ReadSignal<bool>
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let visible = RwSignal::new(false);
    // The observer and its callback live as long as the component: a card the filter removes
    // stops watching and frees them (a page of a thousand cards, toggled, would pile them up).
    let held =
        StoredValue::new_local(None::<(IntersectionObserver, Closure<dyn FnMut(js_sys::Array)>)>);
    on_cleanup(move || {
        held.try_update_value(|held| {
            if let Some((observer, _)) = held.take() {
                observer.disconnect();
            }
        });
    });
    Effect::new(move |watching: Option<bool>| {
        if watching == Some(true) || !from.get() {
            return watching.unwrap_or(false);
        }
        let Some(element) = node.get() else {
            return false;
        };
        let on_change = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            // The last entry is the element's latest state.
            let last = entries.get(entries.length().saturating_sub(1));
            if let Ok(entry) = last.dyn_into::<IntersectionObserverEntry>() {
                visible.set(entry.is_intersecting());
            }
        });
        let options = IntersectionObserverInit::new();
        options.set_root_margin(margin);
        let observer =
            IntersectionObserver::new_with_options(on_change.as_ref().unchecked_ref(), &options);
        if let Ok(observer) = observer {
            observer.observe(element.unchecked_ref());
            held.set_value(Some((observer, on_change)));
        }
        true
    });
    visible.read_only()
}

/// Resolves in a later task of the event loop (a timer, not a microtask, which would not let
/// the browser in).
#[cfg(feature = "hydrate")]
pub(crate) async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = leptos::prelude::window().set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
