//! The diagram workbench's forms: with the caret inside a project's `diagram`, add an edge
//! between two of its nodes, or rename a node everywhere the diagram names it (nodes chosen
//! from the last draft that parsed). Each edit is one of `workbench::edits`, one replacement of
//! the text written as typing would be, so it is one undo step, and the preview follows on the
//! pause as after any typing.

use leptos::prelude::*;
use portfolio::model::{Edge, EdgeKind, Kind};
use portfolio::workbench::completion::ProjectNames;
use portfolio::workbench::edits::{add_edge, rename_node, TextEdit};
use web_sys::HtmlTextAreaElement;

use super::use_workbench;
use portfolio::workbench::scan::parse_spans;

/// The index of the project whose `diagram` holds byte `caret` of `text`, when it is JSON.
pub(crate) fn project_at(text: &str, caret: usize) -> Option<usize> {
    let root = parse_spans(text)?;
    let projects = root.member("projects")?.elements()?;
    projects.iter().position(|project| {
        project
            .member("diagram")
            .is_some_and(|diagram| diagram.span.contains(&caret))
    })
}

/// Writes `edit` into the field as typing would.
pub(crate) fn write(field: &HtmlTextAreaElement, edit: &TextEdit) {
    let text = field.value();
    let Some(written) = edit.apply(&text) else {
        return;
    };
    let start = super::editor::utf16_offset(&text, edit.range.start);
    let end = super::editor::utf16_offset(&text, edit.range.end);
    let _ = field.focus();
    let _ = field.set_selection_range(start, end);
    if !super::complete::insert_text(&edit.insert) {
        field.set_value(&written);
        use_workbench().typed(written);
    }
}

#[component]
pub(crate) fn DiagramForm(field: NodeRef<leptos::html::Textarea>) -> impl IntoView {
    let workbench = use_workbench();
    let words = workbench.words();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // The project under the caret, and its nodes, from the last draft that parsed.
    let project = Memo::new(move |_| {
        let index = workbench.caret_project.get()?;
        workbench
            .names
            .with(|names| names.projects.get(index).cloned())
    });
    let add = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (Some(project), Some(field)) = (project.get_untracked(), field.get()) else {
            return;
        };
        let edge = Edge {
            from: from.get_untracked(),
            to: to.get_untracked(),
            label: None,
            kind: Kind::Known(EdgeKind::Sync),
        };
        match add_edge(&field.value(), &project.id, &edge) {
            Ok(edit) => {
                error.set(None);
                write(&field, &edit);
            }
            Err(problem) => error.set(Some(problem.to_string())),
        }
    };
    move || {
        let project = project.get()?;
        let nodes: Vec<String> = project.nodes.iter().map(|n| n.id.clone()).collect();
        let first = nodes.first().cloned().unwrap_or_default();
        from.set(first.clone());
        to.set(nodes.get(1).cloned().unwrap_or(first));
        let options = move |selected: RwSignal<String>| {
            nodes
                .iter()
                .map(|id| {
                    let id = id.clone();
                    let value = id.clone();
                    view! {
                        <option value=value.clone() selected=move || selected.get() == value>
                            {id}
                        </option>
                    }
                })
                .collect_view()
        };
        let heading = portfolio::format::fill(&words.diagram_of, &[("project", &project.title)]);
        Some(view! {
            <form class="wb-diagram" aria-labelledby="wb-diagram-heading" on:submit=add>
                <h2 id="wb-diagram-heading">{heading}</h2>
                <label>
                    {words.edge_from.clone()}
                    " "
                    <select id="wb-edge-from" on:change=move |e| from.set(event_target_value(&e))>
                        {options(from)}
                    </select>
                </label>
                " "
                <label>
                    {words.edge_to.clone()}
                    " "
                    <select id="wb-edge-to" on:change=move |e| to.set(event_target_value(&e))>
                        {options(to)}
                    </select>
                </label>
                " "
                <button type="submit" id="wb-add-edge">{words.add_edge.clone()}</button>
                {move || error.get().map(|e| view! { <p class="wb-warning" role="alert">{e}</p> })}
            </form>
            <RenameForm field project=project.clone() />
        })
    }
}

/// Renames a node of `project`'s diagram: its id, and every edge end and scenario step that
/// names it (`workbench::edits::rename_node`).
#[component]
fn RenameForm(field: NodeRef<leptos::html::Textarea>, project: ProjectNames) -> impl IntoView {
    let words = use_workbench().words();
    let old = RwSignal::new(
        project
            .nodes
            .first()
            .map(|n| n.id.clone())
            .unwrap_or_default(),
    );
    let new = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let project_id = project.id.clone();
    let rename = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(field) = field.get() else {
            return;
        };
        let renamed = rename_node(
            &field.value(),
            &project_id,
            &old.get_untracked(),
            new.get_untracked().trim(),
        );
        match renamed {
            Ok(edit) => {
                error.set(None);
                write(&field, &edit);
            }
            Err(problem) => error.set(Some(problem.to_string())),
        }
    };
    let options = project
        .nodes
        .iter()
        .map(|node| {
            let id = node.id.clone();
            view! { <option value=id.clone()>{id.clone()}</option> }
        })
        .collect_view();
    view! {
        <form class="wb-diagram" aria-labelledby="wb-rename-heading" on:submit=rename>
            <h2 id="wb-rename-heading">{words.rename_node.clone()}</h2>
            <select
                id="wb-rename-node"
                aria-labelledby="wb-rename-heading"
                on:change=move |e| old.set(event_target_value(&e))
            >
                {options}
            </select>
            " "
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
            " "
            <button type="submit" id="wb-rename">{words.rename.clone()}</button>
            {move || error.get().map(|e| view! { <p class="wb-warning" role="alert">{e}</p> })}
        </form>
    }
}
