//! The text field: a labelled `<textarea>` (the browser's own editing, undo and accessibility)
//! with a gutter of line numbers beside it, the lines with a problem marked. The field is the
//! text's owner while typing: each input is read from it, and it is written only when a draft
//! is loaded.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;

use super::complete::{byte_of, Completer, Completions, LIST};
use super::diagram::{project_at, DiagramForms};
use super::use_workbench;

#[component]
pub(crate) fn Editor() -> impl IntoView {
    let workbench = use_workbench();
    let words = workbench.words();
    let field = NodeRef::<leptos::html::Textarea>::new();
    let gutter = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        workbench.loaded.track();
        if let Some(field) = field.get() {
            field.set_value(&workbench.text.get_untracked());
            field.set_scroll_top(0);
        }
    });
    Effect::new(move |_| {
        if let (Some(at), Some(field)) = (workbench.caret.get(), field.get()) {
            put_caret(&field, at);
        }
    });
    let lines = Memo::new(move |_| workbench.text.with(|text| text.matches('\n').count() + 1));
    let marked = Memo::new(move |_| {
        let mut lines: Vec<usize> = workbench
            .problems
            .with(|p| p.iter().map(|p| p.line).collect());
        lines.sort_unstable();
        lines.dedup();
        lines
    });
    let numbers = move || {
        let marked = marked.get();
        (1..=lines.get())
            .map(|n| (n, marked.binary_search(&n).is_ok()))
            .collect::<Vec<_>>()
    };
    let completer = Completer::new(workbench);
    let keys = move |event: web_sys::KeyboardEvent| {
        if let Some(field) = field.get() {
            if completer.key(&event, &field) {
                event.prevent_default();
            }
        }
    };
    let input = move |event: web_sys::Event| {
        workbench.typed(event_target_value(&event));
        if let Some(field) = field.get() {
            completer.typed(event.dyn_ref::<web_sys::InputEvent>(), &field);
        }
    };
    let active = move || {
        completer
            .open
            .with(Option::is_some)
            .then(|| format!("{LIST}-{}", completer.active.get()))
    };
    // Where the caret is, for the diagram's form (on a key or a click, not on every input).
    let place = move || {
        if let Some(field) = field.get() {
            let text = field.value();
            let caret = byte_of(&text, field.selection_start().ok().flatten().unwrap_or(0));
            let project = project_at(&text, caret);
            if workbench.caret_project.get_untracked() != project {
                workbench.caret_project.set(project);
            }
        }
    };
    let follow = move |_| {
        if let (Some(field), Some(gutter)) = (field.get(), gutter.get()) {
            gutter.set_scroll_top(field.scroll_top());
            completer.follow(&field);
        }
    };
    view! {
        <label class="wb-label" for="wb-field" id="wb-editor-label">
            {words.editor_label.clone()}
        </label>
        <div class="wb-editor">
            <div class="wb-gutter" aria-hidden="true" node_ref=gutter>
                <For each=numbers key=|line| *line let:line>
                    <span class:marked=line.1>{line.0}</span>
                </For>
            </div>
            <textarea
                id="wb-field"
                node_ref=field
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                wrap="off"
                aria-describedby="wb-problems-heading"
                aria-autocomplete="list"
                aria-controls=LIST
                aria-activedescendant=active
                on:input=input
                on:keydown=keys
                on:blur=move |_| completer.close()
                on:click=move |_| {
                    completer.close();
                    place();
                }
                on:keyup=move |_| place()
                on:scroll=follow
            ></textarea>
            <Completions completer field />
        </div>
        <DiagramForms field />
    }
}

/// Focuses the field with the caret at `at` (UTF-16), its line scrolled to the middle.
fn put_caret(field: &HtmlTextAreaElement, at: u32) {
    let _ = field.focus();
    let _ = field.set_selection_range(at, at);
    let value = field.value();
    let before: String = char::decode_utf16(value.encode_utf16().take(at as usize))
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    let line = before.matches('\n').count() as i32;
    let lines = value.matches('\n').count() as i32 + 1;
    let line_height = field.scroll_height() / lines.max(1);
    field.set_scroll_top((line * line_height - field.client_height() / 2).max(0));
}

/// The UTF-16 offset of byte `at` of `text`, as the field counts its caret.
pub(crate) fn utf16_offset(text: &str, at: usize) -> u32 {
    let at = at.min(text.len());
    let mut at = at;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text[..at].encode_utf16().count() as u32
}
