//! The draft's problems, each with its line, column and JSON path, as `cargo xtask check` names
//! them; choosing one puts the editor's caret on it.

use leptos::prelude::*;

use super::editor::utf16_offset;
use super::use_workbench;
use crate::locate::Located;
use portfolio::format::fill;

#[component]
pub(crate) fn Problems() -> impl IntoView {
    let workbench = use_workbench();
    let words = workbench.words();
    let problems = move || {
        workbench.problems.with(|problems| {
            problems
                .iter()
                .cloned()
                .enumerate()
                .collect::<Vec<(usize, Located)>>()
        })
    };
    let ok_words = words.no_problems.clone();
    let fine = move || {
        let fine = workbench.problems.with(|p| p.is_empty())
            && !workbench.too_large.get()
            && workbench.text.with(|t| !t.is_empty());
        fine.then(|| view! { <p class="wb-ok">{ok_words.clone()}</p> })
    };
    view! {
        <h2 id="wb-problems-heading" class="wb-problems-heading">
            {words.problems_heading.clone()}
        </h2>
        {fine}
        <ol class="wb-problems">
            <For
                each=problems
                key=|(i, p)| (*i, p.line, p.column, p.message.clone())
                let:((_, problem))
            >
                <ProblemItem problem />
            </For>
        </ol>
    }
}

/// One problem, a button that puts the caret on it.
#[component]
fn ProblemItem(problem: Located) -> impl IntoView {
    let workbench = use_workbench();
    let at = fill(
        &workbench.words().problem_at,
        &[
            ("line", &problem.line.to_string()),
            ("column", &problem.column.to_string()),
        ],
    );
    let byte = problem.at;
    let choose = move |_| {
        let offset = workbench
            .text
            .with_untracked(|text| utf16_offset(text, byte));
        workbench.caret.set(Some(offset));
    };
    let path =
        (!problem.path.is_empty()).then(|| view! { <code>{problem.path.clone()}</code> " " });
    view! {
        <li>
            <button
                type="button"
                class="wb-problem"
                data-line=problem.line
                data-column=problem.column
                on:click=choose
            >
                <span class="wb-at">{at}</span>
                " "
                {path}
                <span>{problem.message.clone()}</span>
            </button>
        </li>
    }
}
