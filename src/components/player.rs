//! The scenario player: a diagram's scenario, its current step, and whether it plays; the
//! scenario tabs, the step and play controls, and the caption.

use std::time::Duration;

use leptos::prelude::*;

use crate::model::Diagram;
use crate::page::{aria, use_page};

/// How long a playing scenario stays on each step.
const STEP: Duration = Duration::from_millis(2400);

/// One diagram's player state. `Copy`: the drawings and the controls share it.
#[derive(Clone, Copy)]
pub(crate) struct PlayerState {
    pub(crate) scenario: RwSignal<usize>,
    pub(crate) step: RwSignal<Option<usize>>,
    /// The scenario steps by itself.
    playing: RwSignal<bool>,
    /// Messages may travel. On from the start; pause turns all motion off (moving content
    /// needs a way to stop it: WCAG 2.2.2), play turns it back on.
    pub(crate) moving: RwSignal<bool>,
    /// Each scenario's number of steps.
    steps: StoredValue<Vec<usize>>,
}

impl PlayerState {
    pub(crate) fn new(diagram: &Diagram) -> Self {
        let player = Self {
            scenario: RwSignal::new(0),
            step: RwSignal::new(None),
            playing: RwSignal::new(false),
            moving: RwSignal::new(true),
            steps: StoredValue::new(diagram.scenarios.iter().map(|s| s.steps.len()).collect()),
        };
        // While playing, a timer steps forward; it is the only timer and stops on pause.
        Effect::new(move |_| {
            if player.playing.get() {
                if let Ok(handle) = set_interval_with_handle(move || player.advance(), STEP) {
                    on_cleanup(move || handle.clear());
                }
            }
        });
        player
    }

    fn step_count(self) -> usize {
        let scenario = self.scenario.get_untracked();
        self.steps
            .with_value(|steps| steps.get(scenario).copied().unwrap_or(0))
    }

    /// The next step, looping back to the first after the last (as the timer plays it).
    fn advance(self) {
        let count = self.step_count();
        if count > 0 {
            let next = self
                .step
                .get_untracked()
                .map_or(0, |step| (step + 1) % count);
            self.step.set(Some(next));
        }
    }

    /// Whether anything moves: the button then offers to pause.
    fn in_motion(self, reduced_motion: bool) -> bool {
        self.playing.get() || (self.moving.get() && !reduced_motion)
    }

    /// A step by hand stops autoplay, and stops at the first and the last step.
    fn step_by_hand(self, forward: bool) {
        self.playing.set(false);
        let Some(last) = self.step_count().checked_sub(1) else {
            return;
        };
        let next = match self.step.get_untracked() {
            None => forward.then_some(0),
            Some(current) if forward => Some((current + 1).min(last)),
            Some(current) => Some(current.saturating_sub(1)),
        };
        if next.is_some() {
            self.step.set(next);
        }
    }

    /// The one button for all motion: pause while anything moves, else play.
    fn play_or_pause(self, reduced_motion: bool) {
        if untrack(|| self.in_motion(reduced_motion)) {
            self.playing.set(false);
            self.moving.set(false);
        } else {
            if self.step.get_untracked().is_none() {
                self.step.set(Some(0));
            }
            self.moving.set(true);
            self.playing.set(true);
        }
    }

    fn select(self, scenario: usize) {
        self.scenario.set(scenario);
        self.step.set(Some(0));
    }
}

/// The scenario tabs, the controls and the caption of project `index`'s diagram.
#[component]
pub(crate) fn Player(
    index: usize,
    player: PlayerState,
    reduced_motion: ReadSignal<bool>,
) -> impl IntoView {
    let page = use_page();
    let labels = page.profile.site.labels.clone();
    let tabs = page.profile.projects[index]
        .diagram
        .scenarios
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
    let scenarios = page.profile.clone();
    let caption = move || {
        let diagram = &scenarios.projects[index].diagram;
        let scenario = diagram.scenarios.get(player.scenario.get())?;
        let step = player.step.get()?;
        let total = scenario.steps.len();
        Some(format!(
            "{}/{total} — {}",
            step + 1,
            scenario.steps.get(step)?.caption
        ))
    };
    let moving = move || player.in_motion(reduced_motion.get());
    let (play, pause) = (labels.play.clone(), labels.pause.clone());
    view! {
        <div class="scenarios">
            <div class="scenario-tabs" role="group" aria-label=labels.scenarios.clone()>
                {tabs}
            </div>
            <div class="player">
                <StepButton player forward=false label=labels.previous_step.clone() />
                <button
                    type="button"
                    class="play"
                    aria-label=move || if moving() { pause.clone() } else { play.clone() }
                    on:click=move |_| player.play_or_pause(reduced_motion.get_untracked())
                >
                    <span aria-hidden="true">
                        {move || if moving() { "❚❚" } else { "▶" }}
                    </span>
                </button>
                <StepButton player forward=true label=labels.next_step.clone() />
                <p class="caption" aria-live="polite">{caption}</p>
            </div>
        </div>
    }
}

/// Previous or next step, by hand.
#[component]
fn StepButton(player: PlayerState, forward: bool, label: String) -> impl IntoView {
    let (class, icon) = if forward {
        ("step-forward", "▶▶")
    } else {
        ("step-back", "◀")
    };
    view! {
        <button
            type="button"
            class=class
            aria-label=label
            on:click=move |_| player.step_by_hand(forward)
        >
            <span aria-hidden="true">{icon}</span>
        </button>
    }
}
