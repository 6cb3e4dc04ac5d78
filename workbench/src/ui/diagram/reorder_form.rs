//! Reorders a scenario's steps: each step of the chosen scenario with a button to move it up
//! and one to move it down (`workbench::edits::move_step`). After a move the same button of
//! the moved step has the focus again, so the keyboard can go on moving it.

use crate::text::edits::move_step;
use leptos::html::Textarea;
use leptos::prelude::*;
use portfolio::format::fill;
use wasm_bindgen::JsCast;

use super::select::ScenarioSelect;
use super::{said, FormContext};
use crate::ui::use_workbench;

#[component]
pub(crate) fn ReorderForm(field: NodeRef<Textarea>) -> impl IntoView {
    let workbench = use_workbench();
    let words = workbench.words();
    let form = FormContext::new(field);
    let scenario = RwSignal::new(String::new());
    let focused = workbench.focused;
    // The button to give the focus back to once the moved steps are listed.
    let refocus = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        let chosen = scenario.get_untracked();
        let first = focused.with(|f| {
            let scenarios = &f.as_ref()?.diagram.scenarios;
            (!scenarios.iter().any(|s| s.id == chosen))
                .then(|| scenarios.first().map(|s| s.id.clone()).unwrap_or_default())
        });
        if let Some(first) = first {
            scenario.set(first);
        }
    });
    let steps = Memo::new(move |_| {
        let chosen = scenario.get();
        focused.with(|f| {
            let scenarios = &f.as_ref()?.diagram.scenarios;
            let steps = &scenarios.iter().find(|s| s.id == chosen)?.steps;
            Some(steps.iter().map(|s| s.caption.clone()).collect::<Vec<_>>())
        })
    });
    let move_to = move |from: usize, to: usize, up: bool| {
        let (Some(project), Some(text)) = (focused.get_untracked(), form.text()) else {
            return;
        };
        let moved = move_step(&text, &project.id, &scenario.get_untracked(), from, to);
        if form.apply(moved.map_err(said)) {
            refocus.set_value(Some(button_id(to, up)));
            focus(&button_id(to, up));
        }
    };
    let list = move || {
        let captions = steps.get()?;
        let count = captions.len();
        let words = workbench.words();
        let items = (captions.into_iter().enumerate())
            .map(|(at, caption)| {
                let number = (at + 1).to_string();
                let name = |word: &str| fill(word, &[("number", &number), ("caption", &caption)]);
                let (up, down) = (name(&words.move_up_named), name(&words.move_down_named));
                view! {
                    <li>
                        <span class="wb-step-caption">{caption.clone()}</span>
                        <button
                            type="button"
                            id=button_id(at, true)
                            aria-label=up
                            disabled=at == 0
                            on:click=move |_| move_to(at, at.saturating_sub(1), true)
                        >
                            {words.move_up.clone()}
                        </button>
                        <button
                            type="button"
                            id=button_id(at, false)
                            aria-label=down
                            disabled=at + 1 == count
                            on:click=move |_| move_to(at, at + 1, false)
                        >
                            {words.move_down.clone()}
                        </button>
                    </li>
                }
            })
            .collect_view();
        // The moved step is listed in its new place: its button takes the focus again.
        if let Some(id) = refocus.try_update_value(Option::take).flatten() {
            request_animation_frame(move || focus(&id));
        }
        Some(view! { <ol class="wb-steps">{items}</ol> })
    };
    let no_scenarios = move || {
        focused
            .with(|f| f.as_ref().is_some_and(|f| f.diagram.scenarios.is_empty()))
            .then(|| view! { <p>{workbench.words().no_scenarios.clone()}</p> })
    };
    view! {
        <form
            class="wb-diagram"
            aria-labelledby="wb-reorder-heading"
            on:submit=|e: leptos::ev::SubmitEvent| e.prevent_default()
        >
            <h3 id="wb-reorder-heading">{words.reorder_heading.clone()}</h3>
            {no_scenarios}
            <label hidden=move || steps.with(Option::is_none)>
                {words.reorder_scenario.clone()}
                " "
                <ScenarioSelect id="wb-reorder-scenario" selected=scenario />
            </label>
            {list}
            {form.error_line()}
        </form>
    }
}

/// The id of step `at`'s button that moves it up (or down).
fn button_id(at: usize, up: bool) -> String {
    format!("wb-move-{at}-{}", if up { "up" } else { "down" })
}

/// Focuses the element of `id` (a disabled button: the other one of its step).
fn focus(id: &str) {
    let Some(element) = document().get_element_by_id(id) else {
        return;
    };
    let Ok(button) = element.dyn_into::<web_sys::HtmlButtonElement>() else {
        return;
    };
    if !button.disabled() {
        let _ = button.focus();
    } else if let Some(other) = button
        .next_element_sibling()
        .or_else(|| button.previous_element_sibling())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = other.focus();
    }
}
