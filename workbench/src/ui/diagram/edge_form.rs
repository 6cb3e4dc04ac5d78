//! Adds an edge between two of the diagram's nodes (`workbench::edits::add_edge`).

use crate::text::edits::add_edge;
use leptos::html::Textarea;
use leptos::prelude::*;
use portfolio::model::{Edge, EdgeKind, Kind};

use super::select::NodeSelect;
use super::{said, FormContext};
use crate::ui::use_workbench;

#[component]
pub(crate) fn EdgeForm(field: NodeRef<Textarea>) -> impl IntoView {
    let workbench = use_workbench();
    let words = workbench.words();
    let form = FormContext::new(field);
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let add = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (Some(project), Some(text)) = (workbench.focused.get_untracked(), form.text()) else {
            return;
        };
        let edge = Edge {
            from: from.get_untracked(),
            to: to.get_untracked(),
            label: None,
            kind: Kind::Known(EdgeKind::Sync),
        };
        form.apply(add_edge(&text, &project.id, &edge).map_err(said));
    };
    view! {
        <form class="wb-diagram" aria-labelledby="wb-edge-heading" on:submit=add>
            <h3 id="wb-edge-heading">{words.add_edge_heading.clone()}</h3>
            <label>
                {words.edge_from.clone()}
                " "
                <NodeSelect id="wb-edge-from" selected=from />
            </label>
            <label>
                {words.edge_to.clone()}
                " "
                <NodeSelect id="wb-edge-to" selected=to fallback=1 />
            </label>
            <button type="submit" id="wb-add-edge">{words.add_edge.clone()}</button>
            {form.error_line()}
        </form>
    }
}
