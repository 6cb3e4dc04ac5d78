//! Adds a step to one of the diagram's scenarios, or starts a new scenario with it
//! (`workbench::edits::{add_step, add_scenario}`): what the step lights (one of the diagram's
//! nodes or edges), its caption, and whether something fails there. A new scenario's id is
//! made from its title.

use crate::text::edits::{add_scenario, add_step};
use leptos::html::Textarea;
use leptos::prelude::*;
use portfolio::format::fill;
use portfolio::model::{Scenario, Step};
use portfolio::validate::is_kebab_case;

use super::select::{LightsSelect, ScenarioSelect};
use super::{said, Focused, FormContext};
use crate::ui::{use_workbench, Words};

/// The scenario choice that starts a new scenario (a scenario's id is never empty).
pub(crate) const NEW: &str = "";

#[component]
pub(crate) fn StepForm(field: NodeRef<Textarea>) -> impl IntoView {
    let workbench = use_workbench();
    let words = workbench.words();
    let form = FormContext::new(field);
    let scenario = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let lights = RwSignal::new(String::new());
    let caption = RwSignal::new(String::new());
    let fails = RwSignal::new(false);
    let focused = workbench.focused;
    // The first scenario to begin with, and once the chosen one is gone.
    Effect::new(move |ran: Option<()>| {
        let chosen = scenario.get_untracked();
        let first = focused.with(|f| {
            let scenarios = &f.as_ref()?.diagram.scenarios;
            let known =
                (chosen == NEW && ran.is_some()) || scenarios.iter().any(|s| s.id == chosen);
            (!known).then(|| scenarios.first().map(|s| s.id.clone()))
        });
        if let Some(first) = first {
            scenario.set(first.unwrap_or_default());
        }
    });
    let add = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (Some(project), Some(text)) = (focused.get_untracked(), form.text()) else {
            return;
        };
        let words = workbench.words();
        let step = step(
            &words,
            &lights.get_untracked(),
            &caption.get_untracked(),
            &project,
        );
        let step = step.map(|step| Step {
            fails: fails.get_untracked(),
            ..step
        });
        let chosen = scenario.get_untracked();
        let edit = step.and_then(|step| {
            if chosen == NEW {
                let scenario = new_scenario(&words, &title.get_untracked(), step, &project)?;
                let edit = add_scenario(&text, &project.id, &scenario).map_err(said)?;
                Ok((edit, Some(scenario.id)))
            } else {
                Ok((
                    add_step(&text, &project.id, &chosen, &step).map_err(said)?,
                    None,
                ))
            }
        });
        let (edit, new) = match edit {
            Ok((edit, new)) => (Ok(edit), new),
            Err(problem) => (Err(problem), None),
        };
        if form.apply(edit) {
            caption.set(String::new());
            title.set(String::new());
            if let Some(new) = new {
                scenario.set(new);
            }
        }
    };
    view! {
        <form class="wb-diagram" aria-labelledby="wb-step-heading" on:submit=add>
            <h3 id="wb-step-heading">{words.add_step_heading.clone()}</h3>
            <label>
                {words.step_scenario.clone()}
                " "
                <ScenarioSelect id="wb-step-scenario" selected=scenario new=true />
            </label>
            <NewTitle scenario title />
            <label>
                {words.step_lights.clone()}
                " "
                <LightsSelect selected=lights />
            </label>
            <label>
                {words.step_caption.clone()}
                " "
                <input
                    id="wb-step-caption"
                    type="text"
                    size="24"
                    autocomplete="off"
                    prop:value=move || caption.get()
                    on:input=move |e| caption.set(event_target_value(&e))
                />
            </label>
            <label>
                <input
                    id="wb-step-fails"
                    type="checkbox"
                    prop:checked=move || fails.get()
                    on:change=move |e| fails.set(event_target_checked(&e))
                />
                " "
                {words.step_fails.clone()}
            </label>
            <button type="submit" id="wb-add-step">{words.add_step.clone()}</button>
            {form.error_line()}
        </form>
    }
}

/// The new scenario's title, asked while "a new scenario" is chosen.
#[component]
fn NewTitle(scenario: RwSignal<String>, title: RwSignal<String>) -> impl IntoView {
    let words = use_workbench().words();
    move || {
        (scenario.get() == NEW).then(|| {
            view! {
                <label>
                    {words.new_scenario_title.clone()}
                    " "
                    <input
                        id="wb-step-title"
                        type="text"
                        size="18"
                        autocomplete="off"
                        prop:value=move || title.get()
                        on:input=move |e| title.set(event_target_value(&e))
                    />
                </label>
            }
        })
    }
}

/// The step the form describes, or why it cannot be one, in the workbench's words.
fn step(words: &Words, lights: &str, caption: &str, project: &Focused) -> Result<Step, String> {
    let caption = caption.trim();
    if caption.is_empty() {
        return Err(words.caption_missing.clone());
    }
    let mut step = Step {
        caption: caption.to_string(),
        ..Step::default()
    };
    if let Some(node) = lights.strip_prefix("node:") {
        step.node = Some(node.to_string());
    } else if let Some(edge) = (lights.strip_prefix("edge:"))
        .and_then(|i| i.parse::<usize>().ok())
        .and_then(|i| project.diagram.edges.get(i))
    {
        step.from = Some(edge.from.clone());
        step.to = Some(edge.to.clone());
    }
    Ok(step)
}

/// A new scenario of `title` starting with `step`; its id made from its title.
fn new_scenario(
    words: &Words,
    title: &str,
    step: Step,
    project: &Focused,
) -> Result<Scenario, String> {
    let title = title.trim();
    if title.is_empty() {
        return Err(words.title_missing.clone());
    }
    let id = kebab(title);
    let taken = project.diagram.scenarios.iter().any(|s| s.id == id);
    if taken || !is_kebab_case(&id) {
        return Err(fill(&words.scenario_id_of_title, &[("id", &id)]));
    }
    Ok(Scenario {
        id,
        title: title.to_string(),
        steps: vec![step],
    })
}

/// `title` as a kebab-case id: its ASCII letters and digits, lowercase, each run of anything
/// else one hyphen ("Cache miss, retried" → "cache-miss-retried").
fn kebab(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    words.join("-")
}
