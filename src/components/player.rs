//! The scenario player: a diagram's scenario, its current step, whether it plays and how fast;
//! the scenario tabs, Play/Pause, previous and next, the speeds, the step list and the caption.
//! The keys (←, →, Home, End, Space) reach it through the figure (`PlayerState::on_key`).

use std::time::Duration;

use leptos::prelude::*;

use super::copy::CopyButton;
use super::diagram::use_figure;
use crate::format::fill;
use crate::link::step_fragment;
use crate::model::{Diagram, Step};
use crate::page::aria;
use crate::timing::{hold_factor, shares};

/// How long a playing scenario stays on each step at 1×.
const STEP: Duration = Duration::from_millis(2400);

/// The speeds a visitor can choose, as multiples of 1× (`STEP` a step).
const SPEEDS: [f64; 3] = [0.5, 1.0, 2.0];

/// One diagram's player state. `Copy`: the drawings, the controls and the figure's keys share
/// it. The first step is current from the start, so a diagram opens on its first caption.
#[derive(Clone, Copy)]
pub(crate) struct PlayerState {
    pub(crate) scenario: RwSignal<usize>,
    pub(crate) step: RwSignal<usize>,
    /// The scenario steps by itself, and the lit edge's message travels.
    pub(crate) playing: RwSignal<bool>,
    /// The chosen entry of `SPEEDS`.
    speed: RwSignal<usize>,
    /// Each scenario's number of steps.
    steps: StoredValue<Vec<usize>>,
    /// Each scenario's steps' waits as shares of its longest (`crate::timing`).
    waits: StoredValue<Vec<Vec<f64>>>,
    /// A visitor's press on the player (not a link to a step, not its own playing): the figure
    /// brings its canvas into view.
    pub(crate) pressed: Trigger,
}

impl PlayerState {
    pub(crate) fn new(diagram: &Diagram) -> Self {
        let player = Self {
            scenario: RwSignal::new(0),
            step: RwSignal::new(0),
            playing: RwSignal::new(false),
            speed: RwSignal::new(1),
            steps: StoredValue::new(diagram.scenarios.iter().map(|s| s.steps.len()).collect()),
            waits: StoredValue::new(diagram.scenarios.iter().map(|s| shares(&s.steps)).collect()),
            pressed: Trigger::new(),
        };
        // While playing, one timer per step moves on; a step by hand, a new speed or a pause
        // replaces it. Playing stops at the last step: a scenario is a story, not a loop.
        Effect::new(move |_| {
            if !player.playing.get() {
                return;
            }
            let step = player.step.get();
            // The step stays while the wait before the next one passes, to scale.
            let hold = STEP
                .mul_f64(hold_factor(player.wait_before(step + 1)))
                .div_f64(SPEEDS[player.speed.get()]);
            let handle = set_timeout_with_handle(
                move || {
                    if player.step.get_untracked() + 1 < player.step_count() {
                        player.step.update(|step| *step += 1);
                    } else {
                        player.playing.set(false);
                    }
                },
                hold,
            );
            if let Ok(handle) = handle {
                on_cleanup(move || handle.clear());
            }
        });
        player
    }

    /// Step `step`'s wait in the current scenario, as a share of its longest.
    fn wait_before(self, step: usize) -> f64 {
        let scenario = self.scenario.get_untracked();
        self.waits.with_value(|waits| {
            waits
                .get(scenario)
                .and_then(|w| w.get(step))
                .copied()
                .unwrap_or(0.0)
        })
    }

    fn step_count(self) -> usize {
        let scenario = self.scenario.get_untracked();
        self.steps
            .with_value(|steps| steps.get(scenario).copied().unwrap_or(0))
    }

    /// Makes step `step` current, clamped to the scenario.
    fn set_step(self, step: usize) {
        let last = self.step_count().saturating_sub(1);
        self.step.set(step.min(last));
    }

    /// Goes to step `step` (clamped to the scenario) by hand.
    pub(crate) fn go_to(self, step: usize) {
        self.set_step(step);
        self.pressed.notify();
    }

    fn step_by(self, forward: bool) {
        let current = self.step.get_untracked();
        self.go_to(if forward {
            current + 1
        } else {
            current.saturating_sub(1)
        });
    }

    /// Play from the current step (from the first once the last was reached), or pause.
    fn play_or_pause(self) {
        self.pressed.notify();
        if self.playing.get_untracked() {
            self.playing.set(false);
            return;
        }
        if self.step.get_untracked() + 1 >= self.step_count() {
            self.step.set(0);
        }
        self.playing.set(true);
    }

    /// Shows scenario `scenario` from its first step, by hand.
    fn select(self, scenario: usize) {
        self.show(scenario, 0);
        self.pressed.notify();
    }

    /// Shows step `step` of scenario `scenario`, stopped: what a link to a step asks. Not a
    /// press: the page is moved by the link, not by the player.
    pub(crate) fn show(self, scenario: usize, step: usize) {
        self.playing.set(false);
        self.scenario.set(scenario);
        self.set_step(step);
    }

    /// The figure's keys: ← and → step, Home and End jump, Space plays or pauses (unless a
    /// button has focus: Space presses that button). Returns whether the key was used.
    pub(crate) fn on_key(self, key: &str, on_button: bool) -> bool {
        match key {
            "ArrowLeft" => self.step_by(false),
            "ArrowRight" => self.step_by(true),
            "Home" => self.go_to(0),
            "End" => self.go_to(usize::MAX),
            " " if !on_button => self.play_or_pause(),
            _ => return false,
        }
        true
    }
}

/// The bar that stays with the drawing: Play/Pause (first: the next Tab from the canvas),
/// previous and next, and the current step's caption, so the step and what it says are seen
/// together.
#[component]
pub(crate) fn PlayerBar(player: PlayerState) -> impl IntoView {
    let figure = use_figure();
    let labels = figure.labels.clone();
    let scenarios = figure.diagram.scenarios.clone();
    let titles: Vec<String> = scenarios.iter().map(|s| s.title.clone()).collect();
    let (play, pause) = (labels.play.clone(), labels.pause.clone());
    let play_name = move || {
        let title = titles
            .get(player.scenario.get())
            .cloned()
            .unwrap_or_default();
        let name = if player.playing.get() { &pause } else { &play };
        fill(name, &[("scenario", &title)])
    };
    view! {
        <div class="player">
            <button
                type="button"
                class="play"
                on:click=move |_| player.play_or_pause()
            >
                <span class="play-icon" aria-hidden="true">
                    {move || if player.playing.get() { "❚❚" } else { "▶" }}
                </span>
                {play_name}
            </button>
            <StepButton player forward=false label=labels.previous_step.clone() />
            <StepButton player forward=true label=labels.next_step.clone() />
        </div>
        <Caption scenarios player />
    }
}

/// Beside the zoom, out of the bar: the speeds and the link to the step on screen.
#[component]
pub(crate) fn PlayerTools(player: PlayerState) -> impl IntoView {
    let figure = use_figure();
    let labels = figure.labels.clone();
    let link = step_link(
        figure.project.clone(),
        figure.diagram.scenarios.clone(),
        player,
    );
    view! {
        <SpeedChoice player label=labels.speed.clone() />
        <CopyButton text=link label=labels.link_to_step.clone() copied=labels.copied.clone() />
    }
}

/// Below the bar and the tools: the scenario tabs and the steps.
#[component]
pub(crate) fn ScenarioSteps(player: PlayerState) -> impl IntoView {
    let figure = use_figure();
    let labels = figure.labels.clone();
    let scenarios = figure.diagram.scenarios.clone();
    let tabs = scenarios
        .iter()
        .enumerate()
        .map(|(position, scenario)| {
            view! {
                <button
                    type="button"
                    class="scenario"
                    aria-pressed=move || aria(player.scenario.get() == position)
                    on:click=move |_| player.select(position)
                >
                    {scenario.title.clone()}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="scenarios">
            <div class="scenario-tabs" role="group" aria-label=labels.scenarios.clone()>
                {tabs}
            </div>
            <StepList scenarios player label=labels.steps.clone() />
        </div>
    }
}

/// The address of the current step: `#project/scenario/step` (steps count from 1).
fn step_link(
    project: String,
    scenarios: Vec<crate::model::Scenario>,
    player: PlayerState,
) -> Signal<String> {
    Signal::derive(move || {
        let scenario = scenarios
            .get(player.scenario.get())
            .map_or("", |s| s.id.as_str());
        let location = window().location();
        let page = format!(
            "{}{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        format!(
            "{page}{}",
            step_fragment(&project, scenario, player.step.get())
        )
    })
}

/// Previous or next step, by hand.
#[component]
fn StepButton(player: PlayerState, forward: bool, label: String) -> impl IntoView {
    let (class, icon) = if forward {
        ("step-forward", "▶▶")
    } else {
        ("step-back", "◀◀")
    };
    view! {
        <button
            type="button"
            class=class
            aria-label=label
            on:click=move |_| player.step_by(forward)
        >
            <span aria-hidden="true">{icon}</span>
        </button>
    }
}

/// 0.5×, 1× and 2×: a group of pressed/unpressed buttons.
#[component]
fn SpeedChoice(player: PlayerState, label: String) -> impl IntoView {
    let buttons = SPEEDS
        .iter()
        .enumerate()
        .map(|(position, speed)| {
            view! {
                <button
                    type="button"
                    class="speed"
                    aria-pressed=move || aria(player.speed.get() == position)
                    on:click=move |_| player.speed.set(position)
                >
                    {format!("{speed}×")}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="speeds" role="group" aria-label=label>
            {buttons}
        </div>
    }
}

/// The current scenario's steps as an ordered list of their captions: the current
/// one is `aria-current="step"`, and each can be chosen.
#[component]
fn StepList(
    scenarios: Vec<crate::model::Scenario>,
    player: PlayerState,
    label: String,
) -> impl IntoView {
    let items = move || {
        let position = player.scenario.get();
        let scenario = scenarios.get(position)?;
        let waits = player
            .waits
            .with_value(|waits| waits.get(position).cloned())
            .unwrap_or_default();
        let items = scenario
            .steps
            .iter()
            .enumerate()
            .map(|(position, step)| {
                let current = move || player.step.get() == position;
                let wait = wait_bar(step, waits.get(position).copied().unwrap_or(0.0));
                view! {
                    <li class:current=current class:fails=step.fails>
                        <button
                            type="button"
                            aria-current=move || current().then_some("step")
                            on:click=move |_| player.go_to(position)
                        >
                            {step.caption.clone()}
                        </button>
                        {wait}
                    </li>
                }
            })
            .collect_view();
        Some(items)
    };
    view! {
        <ol class="steps" aria-label=label>
            {items}
        </ol>
    }
}

/// The current step, announced as it changes: "2/5 — caption", and its note when it has one.
#[component]
fn Caption(scenarios: Vec<crate::model::Scenario>, player: PlayerState) -> impl IntoView {
    let current = Memo::new(move |_| {
        let scenario = scenarios.get(player.scenario.get())?;
        let position = player.step.get();
        let step = scenario.steps.get(position)?;
        Some((
            format!(
                "{}/{} — {}",
                position + 1,
                scenario.steps.len(),
                step.caption
            ),
            step.note.clone(),
        ))
    });
    let caption = move || current.get().map(|(caption, _)| caption);
    let note = move || current.get().and_then(|(_, note)| note);
    view! {
        <div class="caption" aria-live="polite">
            <p class="caption-text">{caption}</p>
            <p class="step-note" hidden=move || note().is_none()>{note}</p>
        </div>
    }
}

/// "+2 s" with a bar as long as the wait, relative to the scenario's longest (`share`): drawn
/// in SVG, whose attributes the Content-Security-Policy allows where inline style is not.
fn wait_bar(step: &Step, share: f64) -> Option<impl IntoView> {
    let wait = step.after?;
    let width = format!("{:.0}", (share * 100.0).max(2.0));
    Some(view! {
        <span class="wait">
            <svg class="wait-bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true">
                <rect width=width height="4"></rect>
            </svg>
            {format!("+{} {}", wait.amount, wait.unit.word())}
        </span>
    })
}
