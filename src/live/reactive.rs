//! How the live modules hold state: effects, and values kept for the page's lifetime.
//!
//! `Effect::new` is generic over its closure, so each effect written inline compiles Leptos's
//! effect machinery once more (1–4 KB of wasm each, measured with twiggy). Boxing the closure
//! first gives every effect on the page the same type: the machinery is compiled once.

use leptos::prelude::Effect;

/// Runs `run` now and again whenever a signal it read changes, for the owner's lifetime.
pub(super) fn effect(run: impl FnMut() + 'static) {
    boxed_effect(Box::new(run));
}

fn boxed_effect(mut run: Box<dyn FnMut()>) {
    Effect::new(move |_| run());
}

/// A value the page keeps until it is closed, as a `&'static` that `Copy` handles (the filter,
/// each diagram's player) can share. Leaked on purpose: it is made once per page, and a leaked
/// reference costs no wasm, where Leptos's `StoredValue` compiles its arena code per type.
pub(super) fn for_the_page<T>(value: T) -> &'static T {
    Box::leak(Box::new(value))
}
