//! Adds a node to the diagram (`workbench::edits::add_node`): its id (checked here, in the
//! workbench's words: kebab-case, not yet a node of this diagram), its label and its kind,
//! chosen among the format's node kinds.

use crate::text::edits::add_node;
use leptos::html::Textarea;
use leptos::prelude::*;
use portfolio::format::fill;
use portfolio::model::{Node, NODE_KINDS};
use portfolio::validate::is_kebab_case;

use super::{node_ids, said, FormContext};
use crate::ui::{use_workbench, Words};

/// The kind a new node starts as.
const FIRST_KIND: &str = "service";

#[component]
pub(crate) fn NodeForm(field: NodeRef<Textarea>) -> impl IntoView {
    let workbench = use_workbench();
    let words = workbench.words();
    let form = FormContext::new(field);
    let id = RwSignal::new(String::new());
    let label = RwSignal::new(String::new());
    let kind = RwSignal::new(FIRST_KIND.to_string());
    let add = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (Some(project), Some(text)) = (workbench.focused.get_untracked(), form.text()) else {
            return;
        };
        let (new_id, new_label) = (id.get_untracked(), label.get_untracked());
        let (new_id, new_label) = (new_id.trim(), new_label.trim());
        let words = workbench.words();
        let edit = refusal(&words, &node_ids(&project), new_id, new_label)
            .map_or_else(|| node(new_id, new_label, &kind.get_untracked()), Err)
            .and_then(|node| add_node(&text, &project.id, &node).map_err(said));
        if form.apply(edit) {
            id.set(String::new());
            label.set(String::new());
        }
    };
    let kinds = NODE_KINDS
        .split(", ")
        .map(|word| {
            view! {
                <option value=word prop:selected=move || kind.get() == word>
                    {word}
                </option>
            }
        })
        .collect_view();
    view! {
        <form class="wb-diagram" aria-labelledby="wb-node-heading" on:submit=add>
            <h3 id="wb-node-heading">{words.add_node_heading.clone()}</h3>
            <label>
                {words.node_id.clone()}
                " "
                <input
                    id="wb-node-id"
                    type="text"
                    size="12"
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || id.get()
                    on:input=move |e| id.set(event_target_value(&e))
                />
            </label>
            <label>
                {words.node_label.clone()}
                " "
                <input
                    id="wb-node-label"
                    type="text"
                    size="14"
                    autocomplete="off"
                    prop:value=move || label.get()
                    on:input=move |e| label.set(event_target_value(&e))
                />
            </label>
            <label>
                {words.node_kind.clone()}
                " "
                <select id="wb-node-kind" on:change=move |e| kind.set(event_target_value(&e))>
                    {kinds}
                </select>
            </label>
            <button type="submit" id="wb-add-node">{words.add_node.clone()}</button>
            {form.error_line()}
        </form>
    }
}

/// Why a node of `id` and `label` cannot be added to a diagram of the nodes `ids`, in the
/// workbench's words.
fn refusal(words: &Words, ids: &[String], id: &str, label: &str) -> Option<String> {
    if id.is_empty() {
        Some(words.id_missing.clone())
    } else if !is_kebab_case(id) {
        Some(fill(&words.id_not_kebab, &[("id", id)]))
    } else if ids.iter().any(|known| known == id) {
        Some(fill(&words.id_taken, &[("id", id)]))
    } else if label.is_empty() {
        Some(words.label_missing.clone())
    } else {
        None
    }
}

/// The node to add; its kind read as profile.json writes it.
fn node(id: &str, label: &str, kind: &str) -> Result<Node, String> {
    let node = serde_json::json!({ "id": id, "label": label, "kind": kind });
    serde_json::from_value(node).map_err(|e| e.to_string())
}
