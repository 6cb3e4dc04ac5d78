//! The diagram workbench's forms: with the caret inside a project's `diagram`, add an edge or a
//! node, rename a node everywhere the diagram names it, add a scenario step, reorder a
//! scenario's steps (nodes and scenarios chosen from the last draft that parsed). Each edit is
//! one of `workbench::edits`, one replacement of the text written as typing would be, so it is
//! one undo step, and the preview follows on the pause as after any typing.

mod edge_form;
mod node_form;
mod rename_form;
mod reorder_form;
mod select;
mod step_form;

use std::sync::Arc;

use crate::text::edits::{EditError, TextEdit};
use crate::text::scan::parse_spans;
use leptos::html::Textarea;
use leptos::prelude::*;
use portfolio::model::{Diagram, Profile};
use web_sys::HtmlTextAreaElement;

use super::use_workbench;

/// The project whose diagram holds the caret, as the last draft that parsed has it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Focused {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) diagram: Diagram,
}

/// The project under the caret (`caret_project`) in the last draft that parsed.
pub(crate) fn focused(
    caret_project: RwSignal<Option<usize>>,
    profile: RwSignal<Option<Arc<Profile>>>,
) -> Memo<Option<Arc<Focused>>> {
    Memo::new(move |_| {
        let index = caret_project.get()?;
        profile.with(|profile| {
            let project = profile.as_ref()?.projects.get(index)?;
            Some(Arc::new(Focused {
                id: project.id.clone(),
                title: project.title.clone(),
                diagram: project.diagram.clone(),
            }))
        })
    })
}

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

/// What a form shares: the field it writes into and the line that says why an edit was not
/// made.
#[derive(Clone, Copy)]
pub(crate) struct FormContext {
    field: NodeRef<Textarea>,
    error: RwSignal<Option<String>>,
}

impl FormContext {
    fn new(field: NodeRef<Textarea>) -> Self {
        FormContext {
            field,
            error: RwSignal::new(None),
        }
    }

    /// The draft as it is in the field now.
    fn text(self) -> Option<String> {
        self.field.get_untracked().map(|field| field.value())
    }

    /// Says why the edit was not made, or makes it. Returns whether it was made.
    fn apply(self, edit: Result<TextEdit, String>) -> bool {
        match (edit, self.field.get_untracked()) {
            (Ok(edit), Some(field)) => {
                self.error.set(None);
                write(&field, &edit);
                true
            }
            (Err(problem), _) => {
                self.error.set(Some(problem));
                false
            }
            (Ok(_), None) => false,
        }
    }

    /// The line under a form: why its last edit was not made.
    fn error_line(self) -> impl IntoView {
        move || {
            self.error
                .get()
                .map(|e| view! { <p class="wb-warning" role="alert">{e}</p> })
        }
    }
}

/// An edit's refusal in the workbench's words (`words.json`; the pure edits' own messages are
/// English for tests and logs). A refusal is rare, so the words are read for it.
fn said(error: EditError) -> String {
    let words = super::Words::read();
    let fill = portfolio::format::fill;
    match error {
        EditError::NotJson(_) | EditError::Shape { .. } => words.edit_not_json,
        EditError::DuplicateEdge { from, to } => {
            fill(&words.edge_taken, &[("from", &from), ("to", &to)])
        }
        EditError::DuplicateId(id) => fill(&words.id_taken, &[("id", &id)]),
        EditError::InvalidId(id) => fill(&words.id_not_kebab, &[("id", &id)]),
        EditError::Blank("label") => words.label_missing,
        EditError::Blank("caption") => words.caption_missing,
        EditError::Blank("title") => words.title_missing,
        _ => words.edit_out_of_date,
    }
}

/// The node ids of the diagram under the caret.
pub(crate) fn node_ids(focused: &Focused) -> Vec<String> {
    focused.diagram.nodes.iter().map(|n| n.id.clone()).collect()
}

/// The forms, while the caret is inside a project's diagram. They stay while the caret stays
/// in that project (what was typed in them is kept), their choices following each edit.
#[component]
pub(crate) fn DiagramForms(field: NodeRef<Textarea>) -> impl IntoView {
    let workbench = use_workbench();
    let project = Memo::new(move |_| workbench.focused.with(|f| f.as_ref().map(|f| f.id.clone())));
    let heading = move || {
        let words = workbench.words();
        workbench.focused.with(|f| {
            let title = f.as_ref().map(|f| f.title.as_str()).unwrap_or_default();
            portfolio::format::fill(&words.diagram_of, &[("project", title)])
        })
    };
    move || {
        project.get().map(|_| {
            view! {
                <div class="wb-forms">
                    <h2 id="wb-diagram-heading">{heading}</h2>
                    <edge_form::EdgeForm field />
                    <node_form::NodeForm field />
                    <rename_form::RenameForm field />
                    <step_form::StepForm field />
                    <reorder_form::ReorderForm field />
                </div>
            }
        })
    }
}
