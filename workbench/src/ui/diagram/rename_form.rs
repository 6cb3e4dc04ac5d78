//! Renames a node of the diagram: its id, and every edge end and scenario step that names it
//! (`workbench::edits::rename_node`).

use crate::text::edits::rename_node;
use leptos::html::Textarea;
use leptos::prelude::*;

use super::select::NodeSelect;
use super::{said, FormContext};
use crate::ui::use_workbench;

#[component]
pub(crate) fn RenameForm(field: NodeRef<Textarea>) -> impl IntoView {
    let workbench = use_workbench();
    let words = workbench.words();
    let form = FormContext::new(field);
    let old = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let rename = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (Some(project), Some(text)) = (workbench.focused.get_untracked(), form.text()) else {
            return;
        };
        let renamed = rename_node(
            &text,
            &project.id,
            &old.get_untracked(),
            new.get_untracked().trim(),
        );
        if form.apply(renamed.map_err(said)) {
            new.set(String::new());
        }
    };
    view! {
        <form class="wb-diagram" aria-labelledby="wb-rename-heading" on:submit=rename>
            <h3 id="wb-rename-heading">{words.rename_node.clone()}</h3>
            <NodeSelect id="wb-rename-node" selected=old labelledby="wb-rename-heading" />
            <label>
                {words.rename_to.clone()}
                " "
                <input
                    id="wb-rename-to"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || new.get()
                    on:input=move |e| new.set(event_target_value(&e))
                />
            </label>
            <button type="submit" id="wb-rename">{words.rename.clone()}</button>
            {form.error_line()}
        </form>
    }
}
