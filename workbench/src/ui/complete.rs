//! Completion at the caret (`workbench::completion`): a listbox of what the JSON Schema allows
//! there and this draft's own names where the format refers to them, drawn under the caret. It
//! opens as a quote or a word's character is typed where something completes (and on
//! Ctrl+Space anywhere); the arrow keys move in it, Enter or Tab writes the choice, Escape
//! closes it. The field keeps the focus (`aria-activedescendant` names the option), and a
//! choice is written as typing would be, so it is one undo step.

use std::sync::{Arc, OnceLock};

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsValue;
use web_sys::{HtmlTextAreaElement, KeyboardEvent};

use super::{use_workbench, Workbench};
use crate::text::completion::{complete, Completion};

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

/// The listbox's state: the completion open, the option chosen in it, and where the caret is.
#[derive(Clone, Copy)]
pub(crate) struct Completer {
    pub(crate) open: RwSignal<Option<Arc<Completion>>>,
    pub(crate) active: RwSignal<usize>,
    /// The list's place in the editor, for the caret.
    place: RwSignal<ListPlace>,
    workbench: Workbench,
}

impl Completer {
    pub(crate) fn new(workbench: Workbench) -> Self {
        Completer {
            open: RwSignal::new(None),
            active: RwSignal::new(0),
            place: RwSignal::new(ListPlace::default()),
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
        if found.is_some() {
            self.place.set(ListPlace::at(field, &text, caret));
        }
        self.active.set(0);
        self.open.set(found.map(Arc::new));
    }

    /// After an input: a quote or a word's character typed opens the list where something
    /// completes (unless what is typed is already the one choice); an open list follows
    /// every edit.
    pub(crate) fn typed(self, event: Option<&web_sys::InputEvent>, field: &HtmlTextAreaElement) {
        if self.open.with_untracked(Option::is_some) {
            self.at_caret(field);
            return;
        }
        let Some(event) = event else {
            return;
        };
        let one_char = event.data().filter(|data| {
            let mut chars = data.chars();
            chars
                .next()
                .is_some_and(|c| c == '"' || c.is_alphanumeric() || c == '-' || c == '_')
                && chars.next().is_none()
        });
        if event.input_type() != "insertText" || one_char.is_none() {
            return;
        }
        self.at_caret(field);
        let done = self.open.with_untracked(|open| {
            open.as_ref().is_some_and(|open| {
                open.candidates.len() == 1 && open.candidates[0].label == open.typed
            })
        });
        if done {
            self.close();
        }
    }

    /// Keeps an open list at the caret as the field scrolls (some browsers scroll the caret
    /// into view only after the input that moved it).
    pub(crate) fn follow(self, field: &HtmlTextAreaElement) {
        if self.open.with_untracked(Option::is_none) {
            return;
        }
        let text = field.value();
        let caret = byte_of(&text, field.selection_start().ok().flatten().unwrap_or(0));
        self.place.set(ListPlace::at(field, &text, caret));
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

/// Where the list goes: under the caret's line (`top`), or over it (`bottom`) when the editor
/// has no room below; at the caret's column (the field's font is monospaced, so a column is
/// `1ch`, and the stylesheet keeps the list inside the editor). Pixels, from the editor's
/// corner.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct ListPlace {
    x: f64,
    column: usize,
    top: Option<f64>,
    bottom: Option<f64>,
}

impl ListPlace {
    /// The place for the caret at byte `caret` of the field's `text`.
    fn at(field: &HtmlTextAreaElement, text: &str, caret: usize) -> Self {
        let before = &text[..caret];
        let line = before.matches('\n').count() as f64;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
        let line_height = line_height(field);
        let padding = 8.0;
        let top = f64::from(field.offset_top()) + padding + line * line_height
            - f64::from(field.scroll_top());
        let x = f64::from(field.offset_left()) + padding - f64::from(field.scroll_left());
        // The text's room ends over a horizontal scrollbar; the editor's box, under it.
        let room = f64::from(field.offset_top() + field.client_height());
        let editor_bottom = f64::from(field.offset_top() + field.offset_height());
        let over = top + line_height + LIST_HEIGHT > room && top > LIST_HEIGHT;
        ListPlace {
            x,
            column,
            top: (!over).then_some(top + line_height),
            bottom: over.then_some(editor_bottom - top),
        }
    }

    /// Sets it on the list through the CSSOM (the policy refuses `style` attributes).
    fn apply(&self, list: &web_sys::HtmlElement) {
        let style = list.style();
        let _ = style.set_property("--list-x", &format!("{:.0}px", self.x));
        let _ = style.set_property("--list-col", &self.column.to_string());
        let px = |value: Option<f64>| value.map_or_else(|| "auto".into(), |v| format!("{v:.0}px"));
        let _ = style.set_property("top", &px(self.top));
        let _ = style.set_property("bottom", &px(self.bottom));
    }
}

/// The list's most height in pixels (`12rem` in the stylesheet).
const LIST_HEIGHT: f64 = 192.0;

/// The field's line height in pixels, as its computed style says.
fn line_height(field: &HtmlTextAreaElement) -> f64 {
    window()
        .get_computed_style(field)
        .ok()
        .flatten()
        .and_then(|style| style.get_property_value("line-height").ok())
        .and_then(|value| value.trim_end_matches("px").parse().ok())
        .unwrap_or(19.0)
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
    let list = NodeRef::<leptos::html::Ul>::new();
    Effect::new(move |_| {
        let place = completer.place.get();
        if let Some(list) = list.get() {
            place.apply(&list);
        }
    });
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
            node_ref=list
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
