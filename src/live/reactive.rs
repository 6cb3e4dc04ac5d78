//! The one way the live modules create effects.
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
