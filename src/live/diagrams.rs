//! Diagrams at run time: the scenario player (scenario, step, play/pause) and the moving
//! messages.
//!
//! Messages are SVG `animateMotion` written by `render::diagram::message`: the browser moves
//! them, no code runs per frame. They exist only while the diagram is on screen
//! (an IntersectionObserver, see `browser.rs`) and never under `prefers-reduced-motion`.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use web_sys::Element;

use super::browser::{media_query, on_screen};
use super::dom::{all, first, set_attr, set_class, set_text};
use super::reactive::{effect, for_the_page};
use crate::diagram::scene::{lit_by, Lit};
use crate::model::{Diagram, Profile};
use crate::render::diagram::{drawings, marker, message, DRAWINGS};

/// How long a playing scenario stays on each step.
const STEP: std::time::Duration = std::time::Duration::from_millis(2400);

/// One diagram's player state.
#[derive(Clone, Copy)]
struct Player {
    scenario: RwSignal<usize>,
    step: RwSignal<Option<usize>>,
    /// The scenario steps by itself.
    playing: RwSignal<bool>,
    /// Messages may travel. On from the start; the pause button turns all motion off (moving
    /// content needs a way to stop it: WCAG 2.2.2), play turns it back on.
    moving: RwSignal<bool>,
    /// Each scenario's number of steps.
    steps: &'static [usize],
}

impl Player {
    /// The next step, looping back to the first after the last (as the timer plays it).
    fn advance(&self) {
        let count = self
            .steps
            .get(self.scenario.get_untracked())
            .copied()
            .unwrap_or(0);
        if count > 0 {
            self.step.set(Some(
                self.step
                    .get_untracked()
                    .map_or(0, |current| (current + 1) % count),
            ));
        }
    }

    /// Whether anything in the diagram moves: what the one motion button offers to pause.
    fn in_motion(&self, reduced_motion: bool) -> bool {
        self.playing.get() || self.moving.get() && !reduced_motion
    }

    /// A step by hand: playing stops, and the first and last steps are ends, not a loop.
    fn step_by_hand(&self, forward: bool) {
        self.playing.set(false);
        let last = self
            .steps
            .get(self.scenario.get_untracked())
            .copied()
            .unwrap_or(0)
            .checked_sub(1);
        let next = match (self.step.get_untracked(), last) {
            (_, None) => None,
            (None, Some(_)) => forward.then_some(0),
            (Some(current), Some(last)) => Some(if forward {
                (current + 1).min(last)
            } else {
                current.saturating_sub(1)
            }),
        };
        if next.is_some() {
            self.step.set(next);
        }
    }
}

/// Every diagram's player, by project index, and whether the visitor asked for reduced motion.
#[derive(Clone)]
pub(super) struct Players {
    by_project: Rc<Vec<(usize, Player)>>,
    reduced_motion: RwSignal<bool>,
}

impl Players {
    fn of(&self, control: &Element) -> Option<Player> {
        let figure = control.closest("figure.diagram").ok().flatten()?;
        let project: usize = figure.get_attribute("data-project")?.parse().ok()?;
        self.by_project
            .iter()
            .find(|(p, _)| *p == project)
            .map(|(_, player)| *player)
    }

    /// A scenario button: that scenario, from its first step.
    pub(super) fn select(&self, control: &Element, scenario: &str) {
        if let (Some(player), Ok(scenario)) = (self.of(control), scenario.parse()) {
            player.scenario.set(scenario);
            player.step.set(Some(0));
        }
    }

    pub(super) fn control(&self, control: &Element, action: &str) {
        let Some(player) = self.of(control) else {
            return;
        };
        match action {
            "step-back" => player.step_by_hand(false),
            "step-forward" => player.step_by_hand(true),
            // One button for all motion: it reads "pause" while anything moves (see `wire`).
            _ if untrack(|| player.in_motion(self.reduced_motion.get())) => {
                player.playing.set(false);
                player.moving.set(false);
            }
            _ => {
                if player.step.get_untracked().is_none() {
                    player.step.set(Some(0));
                }
                player.moving.set(true);
                player.playing.set(true);
            }
        }
    }
}

/// One project's diagram, shared with the loaded profile rather than copied out of it.
#[derive(Clone)]
struct SharedDiagram(Arc<Profile>, usize);

impl std::ops::Deref for SharedDiagram {
    type Target = Diagram;

    fn deref(&self) -> &Diagram {
        &self.0.projects[self.1].diagram
    }
}

pub(super) fn wire(root: &Element, profile: &Arc<Profile>) -> Players {
    let reduced_motion = media_query("(prefers-reduced-motion: reduce)");
    let labels = &profile.site.labels;
    let mut players = Vec::new();
    for figure in all(root, "figure.diagram[data-project]") {
        let Some(index) = figure
            .get_attribute("data-project")
            .and_then(|p| p.parse::<usize>().ok())
        else {
            continue;
        };
        let Some(project) = profile.projects.get(index) else {
            continue;
        };
        // The page leaves the canvas empty (see `render::diagram`): drawn here, while every
        // card is still closed, so nothing visible moves.
        if let Some(canvas) = first(&figure, ".diagram-canvas") {
            if canvas.child_element_count() == 0 {
                canvas.set_inner_html(&drawings(profile, index));
            }
        }
        let diagram = SharedDiagram(profile.clone(), index);
        let player = Player {
            scenario: RwSignal::new(0),
            step: RwSignal::new(None),
            playing: RwSignal::new(false),
            moving: RwSignal::new(true),
            steps: for_the_page(
                diagram
                    .scenarios
                    .iter()
                    .map(|s| s.steps.len())
                    .collect::<Vec<_>>(),
            ),
        };
        players.push((index, player));
        // Both drawings, read from the markup.
        let drawings: Vec<(Element, String)> = DRAWINGS
            .iter()
            .filter_map(|(name, _)| {
                Some((
                    first(&figure, &format!("svg.{name}"))?,
                    format!("{}-{name}", project.id),
                ))
            })
            .collect();
        let drawings = Rc::new(drawings);

        // What the current step lights, and whether it is a failure. A derived closure rather
        // than a memo: both readers below compare with what they wrote last anyway.
        let lit = {
            let diagram = diagram.clone();
            move || {
                let scenario = diagram.scenarios.get(player.scenario.get())?;
                let current = scenario.steps.get(player.step.get()?)?;
                lit_by(&diagram, current).map(|lit| (lit, current.fails))
            }
        };
        let lit_edge = {
            let lit = lit.clone();
            move || match lit() {
                Some((Lit::Edge(edge), _)) => Some(edge),
                _ => None,
            }
        };
        // Light the current step's edge or node in both drawings.
        let lighting = drawings.clone();
        let mut lit_before = None;
        effect(move || {
            let current = lit();
            if lit_before == Some(current) {
                return;
            }
            lit_before = Some(current);
            for (svg, prefix) in lighting.iter() {
                for element in all(svg, ".lit") {
                    set_class(&element, "lit", false);
                    set_class(&element, "lit-fails", false);
                    light_marker(&element, prefix, false);
                }
                let selector = match current {
                    Some((Lit::Edge(edge), _)) => format!("[data-edge=\"{edge}\"]"),
                    Some((Lit::Node(node), _)) => format!("[data-node-index=\"{node}\"]"),
                    None => continue,
                };
                if let Some(element) = first(svg, &selector) {
                    set_class(&element, "lit", true);
                    set_class(
                        &element,
                        "lit-fails",
                        current.is_some_and(|(_, fails)| fails),
                    );
                    light_marker(&element, prefix, true);
                    reveal(&element);
                }
            }
        });
        // The caption, the pressed scenario and the play button.
        let caption = first(&figure, ".caption");
        let tabs = all(&figure, "[data-scenario]");
        let play = first(&figure, "[data-action=play]");
        let (play_label, pause_label) = (labels.play.clone(), labels.pause.clone());
        let captions = diagram.clone();
        effect(move || {
            let scenario = player.scenario.get();
            let text = captions.scenarios.get(scenario).and_then(|s| {
                let index = player.step.get()?;
                Some(format!(
                    "{}/{} — {}",
                    index + 1,
                    s.steps.len(),
                    s.steps.get(index)?.caption
                ))
            });
            if let Some(caption) = &caption {
                set_text(caption, text.as_deref().unwrap_or(""));
            }
            for (position, tab) in tabs.iter().enumerate() {
                set_attr(
                    tab,
                    "aria-pressed",
                    if position == scenario {
                        "true"
                    } else {
                        "false"
                    },
                );
            }
            if let Some(play) = &play {
                let playing = player.in_motion(reduced_motion.get());
                set_attr(
                    play,
                    "aria-label",
                    if playing { &pause_label } else { &play_label },
                );
                if let Some(icon) = first(play, "span") {
                    set_text(&icon, if playing { "❚❚" } else { "▶" });
                }
            }
        });
        // While playing, a timer steps forward; it is the only timer and stops on pause.
        effect(move || {
            if !player.playing.get() {
                return;
            }
            if let Ok(handle) = set_interval_with_handle(move || player.advance(), STEP) {
                on_cleanup(move || handle.clear());
            }
        });
        // Messages move only while the diagram is on screen and motion is welcome.
        let on_screen = on_screen(&figure);
        let mut written = None;
        effect(move || {
            let moving = player.moving.get() && on_screen.get() && !reduced_motion.get();
            let lit_edge = lit_edge();
            // Rewriting the messages restarts their animation: only when what they show changed.
            if written == Some((moving, lit_edge)) {
                return;
            }
            written = Some((moving, lit_edge));
            for (svg, _) in drawings.iter() {
                if let Some(group) = first(svg, "g.messages") {
                    group.set_inner_html(&if moving {
                        messages(svg, lit_edge)
                    } else {
                        String::new()
                    });
                }
            }
        });
    }
    Players {
        by_project: Rc::new(players),
        reduced_motion,
    }
}

/// The moving messages of one drawing: along every edge that is not a failure path, and along
/// the lit edge whatever its kind. Path ids and durations are in the markup.
fn messages(svg: &Element, lit_edge: Option<usize>) -> String {
    let mut out = String::new();
    for edge in all(svg, "g[data-edge]") {
        let lit = edge.get_attribute("data-edge").and_then(|e| e.parse().ok()) == lit_edge
            && lit_edge.is_some();
        let failing = edge.has_attribute("data-failing");
        if failing && !lit {
            continue;
        }
        let Some(path) = first(&edge, "path") else {
            continue;
        };
        if let Some(duration) = path.get_attribute("data-duration") {
            out.push_str(&message(&path.id(), &duration, failing));
        }
    }
    out
}

/// Scrolls a drawing wider than its canvas sideways to bring the lit element into view, never
/// the page (so a scenario playing off screen does not pull the visitor back). Smooth unless
/// motion is reduced: the stylesheet's `scroll-behavior` decides.
fn reveal(element: &Element) {
    let Some(canvas) = element.closest(".diagram-canvas").ok().flatten() else {
        return;
    };
    let (view, lit) = (
        canvas.get_bounding_client_rect(),
        element.get_bounding_client_rect(),
    );
    // The hidden drawing measures zero; one in view needs nothing.
    if lit.width() == 0.0 || (lit.left() >= view.left() && lit.right() <= view.right()) {
        return;
    }
    let centred = lit.left() - view.left() - (view.width() - lit.width()) / 2.0;
    canvas.set_scroll_left(canvas.scroll_left() + centred as i32);
}

/// Points a lit (or unlit) edge's path at the matching arrowhead.
fn light_marker(element: &Element, prefix: &str, lit: bool) {
    if !element.has_attribute("data-edge") {
        return;
    }
    if let Some(path) = first(element, "path") {
        set_attr(
            &path,
            "marker-end",
            &marker(prefix, element.has_attribute("data-failing"), lit),
        );
    }
}
