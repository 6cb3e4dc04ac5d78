//! Each open diagram's player keeps its scenario and step across an update of the preview: the
//! scenario (by its id, wherever it now is in the list) and the step (or the last one that is
//! left) on screen before are chosen again in the fresh page, once its players are built.
//!
//! Read from and written to the page itself, as the owner would (the pressed scenario tab, the
//! current step's button): the player's state is the site's own and stays private to it.

use std::sync::Arc;

use leptos::prelude::*;
use portfolio::model::Profile;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// A figure's caption id ends so; it begins with the project's id.
const TITLE: &str = "-diagram-title";

/// How many tasks to wait, at most, for a fresh figure's player to be built.
const PATIENCE: usize = 100;

/// What an open player showed.
pub(crate) struct Played {
    project: String,
    scenario: String,
    step: usize,
}

/// The scenario and step of every player on screen, `profile` the page they belong to.
pub(crate) fn played(profile: &Profile) -> Vec<Played> {
    let Ok(figures) =
        document().query_selector_all("#wb-preview figure.diagram, .wb-view figure.diagram")
    else {
        return Vec::new();
    };
    (0..figures.length())
        .filter_map(|i| figures.item(i)?.dyn_into::<Element>().ok())
        .filter_map(|figure| {
            let caption = figure.query_selector("figcaption[id]").ok()??.id();
            let project = caption.strip_suffix(TITLE)?.to_string();
            let tab = pressed(&figure, ".scenario-tabs button", "aria-pressed", "true")?;
            let step = pressed(&figure, "ol.steps button", "aria-current", "step").unwrap_or(0);
            let scenarios = &profile
                .projects
                .iter()
                .find(|p| p.id == project)?
                .diagram
                .scenarios;
            let scenario = scenarios.get(tab)?.id.clone();
            Some(Played {
                project,
                scenario,
                step,
            })
        })
        .collect()
}

/// Chooses them again in the fresh page of `profile`: each scenario still there, at its step
/// or the last one left. Then puts the scrolling back as it was (a press on a player brings
/// its drawing into view).
pub(crate) async fn replay(played: Vec<Played>, profile: Arc<Profile>) {
    let host = document().get_element_by_id(super::HOST);
    let scrolled = (window().scroll_x().ok(), window().scroll_y().ok());
    let held = host.as_ref().map(|h| (h.scroll_left(), h.scroll_top()));
    let mut pressed_any = false;
    for played in played {
        let Some(diagram) = profile
            .projects
            .iter()
            .find(|p| p.id == played.project)
            .map(|p| &p.diagram)
        else {
            continue;
        };
        let Some(tab) = diagram
            .scenarios
            .iter()
            .position(|s| s.id == played.scenario)
        else {
            continue;
        };
        let last = diagram.scenarios[tab].steps.len().saturating_sub(1);
        pressed_any |= choose(&played.project, tab, played.step.min(last)).await;
    }
    if !pressed_any {
        return;
    }
    super::super::next_task().await;
    request_animation_frame(move || {
        if let (Some(x), Some(y)) = scrolled {
            window().scroll_to_with_x_and_y(x, y);
        }
        if let (Some(host), Some((left, top))) = (host, held) {
            host.set_scroll_left(left);
            host.set_scroll_top(top);
        }
    });
}

/// Presses scenario tab `tab` and step `step` of project `project`'s fresh figure, once its
/// player is built. Returns whether it pressed anything.
async fn choose(project: &str, tab: usize, step: usize) -> bool {
    let mut waited = 0;
    let figure = loop {
        if let Some(figure) = figure_of(project) {
            break figure;
        }
        waited += 1;
        if waited > PATIENCE {
            return false;
        }
        super::super::next_task().await;
    };
    let mut pressed_any = false;
    if pressed(&figure, ".scenario-tabs button", "aria-pressed", "true") != Some(tab) {
        pressed_any |= press(&figure, ".scenario-tabs button", tab);
        // The steps listed are the new scenario's from the next task on.
        super::super::next_task().await;
    }
    if step > 0 {
        pressed_any |= press(&figure, "ol.steps button", step);
    }
    pressed_any
}

/// Project `project`'s figure, once its player's scenario tabs are built.
fn figure_of(project: &str) -> Option<Element> {
    let caption = document().get_element_by_id(&format!("{project}{TITLE}"))?;
    let figure = caption.closest("figure.diagram").ok()??;
    figure
        .query_selector(".scenario-tabs button")
        .ok()?
        .map(|_| figure)
}

/// The position, among `figure`'s elements `css`, of the one whose `attribute` is `value`.
fn pressed(figure: &Element, css: &str, attribute: &str, value: &str) -> Option<usize> {
    let all = figure.query_selector_all(css).ok()?;
    (0..all.length()).position(|i| {
        all.item(i)
            .and_then(|n| n.dyn_into::<Element>().ok())
            .is_some_and(|e| e.get_attribute(attribute).as_deref() == Some(value))
    })
}

/// Clicks the `at`-th of `figure`'s elements `css`. Returns whether there was one.
fn press(figure: &Element, css: &str, at: usize) -> bool {
    let Ok(all) = figure.query_selector_all(css) else {
        return false;
    };
    let Some(element) = all.item(at as u32) else {
        return false;
    };
    element.unchecked_into::<web_sys::HtmlElement>().click();
    true
}
