//! The forms' `<select>`s of the diagram under the caret, each following its edits: its nodes,
//! its scenarios, what a step can light. Each keeps its choice in a signal, and chooses again
//! when the chosen one is gone. The form labels each, by a `<label>` around it or
//! `labelledby`.

use leptos::prelude::*;

use super::node_ids;
use super::step_form::NEW;
use crate::ui::use_workbench;

/// A `<select>` of the diagram's nodes, its choice in `selected`; when the chosen node is gone
/// (renamed, the caret in another diagram) it chooses the node at `fallback` (or the last).
/// The form labels it, by a `<label>` around it or `labelledby`.
#[component]
pub(crate) fn NodeSelect(
    id: &'static str,
    selected: RwSignal<String>,
    #[prop(default = 0)] fallback: usize,
    #[prop(optional)] labelledby: Option<&'static str>,
) -> impl IntoView {
    let focused = use_workbench().focused;
    let ids = Memo::new(move |_| focused.with(|f| f.as_deref().map(node_ids).unwrap_or_default()));
    Effect::new(move |_| {
        ids.with(|ids| {
            if !ids.contains(&selected.get_untracked()) {
                let id = ids
                    .get(fallback)
                    .or(ids.last())
                    .cloned()
                    .unwrap_or_default();
                selected.set(id);
            }
        })
    });
    let options = move || {
        ids.get()
            .into_iter()
            .map(|id| {
                let (value, text) = (id.clone(), id.clone());
                view! {
                    <option value=id prop:selected=move || selected.get() == value>
                        {text}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <select
            id=id
            aria-labelledby=labelledby
            on:change=move |e| selected.set(event_target_value(&e))
        >
            {options}
        </select>
    }
}

/// A `<select>` of the diagram's scenarios by title (with `new`, also "a new scenario").
#[component]
pub(crate) fn ScenarioSelect(
    id: &'static str,
    selected: RwSignal<String>,
    #[prop(default = false)] new: bool,
) -> impl IntoView {
    let workbench = use_workbench();
    let words = workbench.words();
    let options = move || {
        let scenarios = workbench
            .focused
            .with(|f| (f.as_ref().map(|f| f.diagram.scenarios.clone())).unwrap_or_default());
        let new = new.then(|| (NEW.to_string(), words.new_scenario.clone()));
        (scenarios.into_iter().map(|s| (s.id, s.title)))
            .chain(new)
            .map(|(id, title)| {
                let value = id.clone();
                view! {
                    <option value=id prop:selected=move || selected.get() == value>
                        {title}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <select id=id on:change=move |e| selected.set(event_target_value(&e))>
            {options}
        </select>
    }
}

/// What a step can light: each node (`node:id`), then each edge (`edge:index`).
#[component]
pub(crate) fn LightsSelect(selected: RwSignal<String>) -> impl IntoView {
    let workbench = use_workbench();
    let words = workbench.words();
    let choices = Memo::new(move |_| {
        workbench.focused.with(|f| {
            let Some(f) = f else {
                return (Vec::new(), Vec::new());
            };
            let nodes = (f.diagram.nodes.iter())
                .map(|n| (format!("node:{}", n.id), format!("{} ({})", n.id, n.label)))
                .collect::<Vec<_>>();
            let edges = (f.diagram.edges.iter().enumerate())
                .map(|(i, e)| (format!("edge:{i}"), format!("{} → {}", e.from, e.to)))
                .collect::<Vec<_>>();
            (nodes, edges)
        })
    });
    Effect::new(move |_| {
        choices.with(|(nodes, edges)| {
            let chosen = selected.get_untracked();
            if !nodes.iter().chain(edges).any(|(value, _)| *value == chosen) {
                let first = edges.first().or(nodes.first());
                selected.set(first.map(|(value, _)| value.clone()).unwrap_or_default());
            }
        })
    });
    let group = move |label: String, edges: bool| {
        let options = move || {
            let (nodes, edge_list) = choices.get();
            (if edges { edge_list } else { nodes })
                .into_iter()
                .map(|(value, text)| {
                    let chosen = value.clone();
                    view! {
                        <option value=value prop:selected=move || selected.get() == chosen>
                            {text}
                        </option>
                    }
                })
                .collect_view()
        };
        view! { <optgroup label=label>{options}</optgroup> }
    };
    view! {
        <select id="wb-step-lights" on:change=move |e| selected.set(event_target_value(&e))>
            {group(words.lights_edge.clone(), true)}
            {group(words.lights_node.clone(), false)}
        </select>
    }
}
