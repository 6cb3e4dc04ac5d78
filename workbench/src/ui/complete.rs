//! Completion at the caret (`workbench::completion`): Ctrl+Space opens a listbox of what the
//! JSON Schema allows there and this draft's own names where the format refers to them; the
//! arrow keys move in it, Enter or Tab writes the choice, Escape closes it. The field keeps the
//! focus (`aria-activedescendant` names the option), and a choice is written as typing would
//! be, so it is one undo step.

use std::sync::{Arc, OnceLock};

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsValue;
use web_sys::{HtmlTextAreaElement, KeyboardEvent};

use super::{use_workbench, Workbench};
use portfolio::workbench::completion::{complete, Completion};

/// The id of the listbox, for the field's `aria-controls`.
pub(crate) const LIST: &str = "wb-completions";

/// The profile's JSON Schema, as `cargo xtask schema` writes it; read on first use.
fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        serde_json::from_str(include_str!("../../../public/profile.schema.json"))
            .unwrap_or(Value::Null)
    })
}

/// The listbox's state: the completion open, and the option chosen in it.
#[derive(Clone, Copy)]
pub(crate) struct Completer {
    pub(crate) open: RwSignal<Option<Arc<Completion>>>,
    pub(crate) active: RwSignal<usize>,
    workbench: Workbench,
}

impl Completer {
    pub(crate) fn new(workbench: Workbench) -> Self {
        Completer {
            open: RwSignal::new(None),
            active: RwSignal::new(0),
            workbench,
        }
    }

    /// Opens (or refreshes) the list at the field's caret; closes it where nothing completes.
    pub(crate) fn at_caret(self, field: &HtmlTextAreaElement) {
        let workbench = self.workbench;
        let text = field.value();
        let caret = byte_of(&text, field.selection_start().ok().flatten().unwrap_or(0));
        let names = workbench.names.get_untracked();
        let found = complete(&text, caret, schema(), &names).filter(|c| !c.candidates.is_empty());
        self.active.set(0);
        self.open.set(found.map(Arc::new));
    }

    pub(crate) fn close(self) {
        self.open.set(None);
    }

    /// The keys of an open list; true when the key was the list's.
    pub(crate) fn key(self, event: &KeyboardEvent, field: &HtmlTextAreaElement) -> bool {
        if event.ctrl_key() && (event.key() == " " || event.code() == "Space") {
            self.at_caret(field);
            return true;
        }
        let Some(open) = self.open.get_untracked() else {
            return false;
        };
        let count = open.candidates.len();
        match event.key().as_str() {
            "ArrowDown" => self.active.update(|a| *a = (*a + 1) % count),
            "ArrowUp" => self.active.update(|a| *a = (*a + count - 1) % count),
            "Enter" | "Tab" => self.accept(field, self.active.get_untracked()),
            "Escape" => self.close(),
            _ => return false,
        }
        true
    }

    /// Writes candidate `index` over the word it replaces, as typing would (one undo step).
    pub(crate) fn accept(self, field: &HtmlTextAreaElement, index: usize) {
        let Some(open) = self.open.get_untracked() else {
            return;
        };
        self.close();
        let Some(candidate) = open.candidates.get(index) else {
            return;
        };
        let text = field.value();
        let start = super::editor::utf16_offset(&text, open.replace.start);
        let end = super::editor::utf16_offset(&text, open.replace.end);
        let _ = field.focus();
        let _ = field.set_selection_range(start, end);
        if !insert_text(&candidate.insert) {
            let range = open.replace.clone();
            if text.get(range.clone()).is_some() {
                let written = format!(
                    "{}{}{}",
                    &text[..range.start],
                    candidate.insert,
                    &text[range.end..]
                );
                field.set_value(&written);
                let caret = start + candidate.insert.encode_utf16().count() as u32;
                let _ = field.set_selection_range(caret, caret);
                self.workbench.typed(written);
            }
        }
    }
}

/// `document.execCommand("insertText")`: an edit the field's undo knows. False where the
/// browser has none.
pub(crate) fn insert_text(text: &str) -> bool {
    let document = document();
    let Ok(exec) = js_sys::Reflect::get(&document, &JsValue::from_str("execCommand")) else {
        return false;
    };
    let Ok(exec) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(exec) else {
        return false;
    };
    exec.call3(
        &document,
        &JsValue::from_str("insertText"),
        &JsValue::FALSE,
        &JsValue::from_str(text),
    )
    .ok()
    .and_then(|done| done.as_bool())
    .unwrap_or(false)
}

/// The byte of `text` at UTF-16 offset `at`.
pub(crate) fn byte_of(text: &str, at: u32) -> usize {
    let mut units = 0u32;
    for (byte, c) in text.char_indices() {
        if units >= at {
            return byte;
        }
        units += c.len_utf16() as u32;
    }
    text.len()
}

/// The listbox, under the editor.
#[component]
pub(crate) fn Completions(
    completer: Completer,
    field: NodeRef<leptos::html::Textarea>,
) -> impl IntoView {
    let workbench = use_workbench();
    let label = workbench.words().completions.clone();
    let options = move || {
        completer.open.get().map_or_else(Vec::new, |open| {
            open.candidates
                .iter()
                .cloned()
                .enumerate()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <ul
            id=LIST
            class="wb-completions"
            role="listbox"
            aria-label=label
            hidden=move || completer.open.with(Option::is_none)
        >
            <For each=options key=|(i, c)| (*i, c.label.clone()) let:((index, candidate))>
                <li
                    role="option"
                    id=format!("{LIST}-{index}")
                    aria-selected=move || super::aria(completer.active.get() == index)
                    on:mousedown=move |event| {
                        event.prevent_default();
                        if let Some(field) = field.get() {
                            completer.accept(&field, index);
                        }
                    }
                >
                    <span class="wb-candidate">{candidate.label.clone()}</span>
                    {candidate.detail.clone().map(|d| view! { <span class="wb-detail">{d}</span> })}
                </li>
            </For>
        </ul>
    }
}
