//! The animated SVG of a project's architecture, its scenario player and its text alternative.
//!
//! Motion is SVG `animateMotion`: the browser moves the messages, no Rust or JavaScript runs per
//! frame. The moving dots exist only while the diagram is on screen (IntersectionObserver) and
//! never under `prefers-reduced-motion`.

use std::sync::Arc;

use leptos::html::Figure;
use leptos::prelude::*;
use leptos_use_intersection_observer::use_intersection_observer;
use leptos_use_media_query::use_media_query;
use leptos_use_preferences::use_prefers_reduced_motion;

use crate::app::use_loaded;
use crate::diagram::layout::Direction;
use crate::diagram::scene::{lit_by, scene, Lit, Scene};
use crate::model::{Diagram, EdgeKind, NodeKind};

// Diagrams with an unknown kind are replaced by their validation error before drawing, so the
// fallbacks below (`unwrap_or`) never show.

/// How long a playing scenario stays on each step.
const STEP: std::time::Duration = std::time::Duration::from_millis(2400);

/// Whole SVG user units: integer formatting keeps the float formatter out of the wasm.
fn px(value: f64) -> i32 {
    value.round() as i32
}

fn node_class(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Source => "node source",
        NodeKind::Service => "node service",
        NodeKind::Function => "node function",
        NodeKind::Queue => "node queue",
        NodeKind::Topic => "node topic",
        NodeKind::Stream => "node stream",
        NodeKind::Table => "node table",
        NodeKind::Store => "node store",
        NodeKind::External => "node external",
        NodeKind::Alarm => "node alarm",
        NodeKind::Region => "node region",
        NodeKind::Phase => "node phase",
        NodeKind::Gate => "node gate",
        NodeKind::Model => "node model",
    }
}

fn edge_class(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Sync => "edge sync",
        EdgeKind::Async => "edge async",
        EdgeKind::Replication => "edge replication",
        EdgeKind::Failure => "edge failure",
        EdgeKind::Retry => "edge retry",
        EdgeKind::Sequence => "edge sequence",
    }
}

/// The diagram of `projects[index]`, or the problems that keep it from being drawn.
#[component]
pub(crate) fn DiagramView(index: usize) -> impl IntoView {
    let loaded = use_loaded();
    let prefix = format!("projects[{index}].diagram");
    let problems: Vec<String> = loaded
        .problems
        .iter()
        .filter(|p| p.path.starts_with(&prefix))
        .map(ToString::to_string)
        .collect();
    if !problems.is_empty() {
        return view! {
            <div class="diagram-error" role="note">
                <ul>{problems.into_iter().map(|p| view! { <li><code>{p}</code></li> }).collect_view()}</ul>
            </div>
        }
        .into_any();
    }
    let diagram = Arc::new(loaded.profile.projects[index].diagram.clone());
    let id = loaded.profile.projects[index].id.clone();
    view! { <Animated diagram id /> }.into_any()
}

#[component]
fn Animated(diagram: Arc<Diagram>, id: String) -> impl IntoView {
    let labels = use_loaded().profile.site.labels.clone();
    // Both layouts once; the screen width picks one.
    let wide_scene = Arc::new(scene(&diagram, Direction::LeftToRight));
    let narrow_scene = Arc::new(scene(&diagram, Direction::TopToBottom));
    let wide = use_media_query("(min-width: 44rem)");
    let reduced_motion = use_prefers_reduced_motion();

    let container = NodeRef::<Figure>::new();
    // On a phone the diagram is wider than the screen: start with its middle in view, where
    // top-to-bottom flows usually run.
    let canvas = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let _ = wide.get();
        if let Some(canvas) = canvas.get() {
            request_animation_frame(move || {
                let overflow = canvas.scroll_width() - canvas.client_width();
                if overflow > 0 {
                    canvas.set_scroll_left(overflow / 2);
                }
            });
        }
    });
    let (on_screen, set_on_screen) = signal(false);
    use_intersection_observer(container, move |entries, _| {
        if let Some(entry) = entries.last() {
            set_on_screen.set(entry.is_intersecting());
        }
    });
    let moving = move || on_screen.get() && !reduced_motion.get();

    // Scenario player state: which scenario, which step, playing or not.
    let scenario = RwSignal::new(0usize);
    let step = RwSignal::new(None::<usize>);
    let playing = RwSignal::new(false);
    let step_count = {
        let diagram = diagram.clone();
        move || diagram.scenarios.get(scenario.get()).map_or(0, |s| s.steps.len())
    };
    let lit = {
        let diagram = diagram.clone();
        Memo::new(move |_| {
            let scenario = diagram.scenarios.get(scenario.get())?;
            let current = scenario.steps.get(step.get()?)?;
            lit_by(&diagram, current).map(|lit| (lit, current.fails))
        })
    };
    let caption = {
        let diagram = diagram.clone();
        move || {
            let scenario = diagram.scenarios.get(scenario.get())?;
            let index = step.get()?;
            Some(format!("{}/{} — {}", index + 1, scenario.steps.len(), scenario.steps.get(index)?.caption))
        }
    };
    let advance = move |delta: isize| {
        let count = step_count() as isize;
        if count == 0 {
            return;
        }
        let next = match step.get_untracked() {
            None if delta > 0 => 0,
            None => count - 1,
            Some(current) => (current as isize + delta).rem_euclid(count),
        };
        step.set(Some(next as usize));
    };
    // While playing, a timer steps forward; it is the only timer and stops on pause or unmount.
    let tick = advance.clone();
    Effect::new(move |_| {
        if !playing.get() {
            return;
        }
        let tick = tick.clone();
        let handle = set_interval_with_handle(
            move || tick(1),
            STEP,
        );
        if let Ok(handle) = handle {
            on_cleanup(move || handle.clear());
        }
    });

    let title_id = format!("{id}-diagram-title");
    let flow = diagram
        .edges
        .iter()
        .map(|edge| {
            let name = |node_id: &str| {
                diagram.nodes.iter().find(|n| n.id == node_id).map_or(node_id.to_string(), |n| n.label.clone())
            };
            match &edge.label {
                Some(label) => format!("{} → {}: {}", name(&edge.from), name(&edge.to), label),
                None => format!("{} → {}", name(&edge.from), name(&edge.to)),
            }
        })
        .collect::<Vec<_>>();

    let svg = {
        let diagram = diagram.clone();
        let title_id = title_id.clone();
        move || {
            let scene = if wide.get() { wide_scene.clone() } else { narrow_scene.clone() };
            view! { <DiagramSvg diagram=diagram.clone() scene title_id=title_id.clone() lit moving /> }
        }
    };

    let scenarios = diagram.scenarios.clone();
    let has_scenarios = !scenarios.is_empty();
    view! {
        <figure class="diagram" node_ref=container>
            <figcaption id=title_id.clone() class="visually-hidden">{diagram.title.clone()}</figcaption>
            <div class="diagram-canvas" node_ref=canvas>{svg}</div>
            <ol class="visually-hidden diagram-flow">
                {flow.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ol>
            {has_scenarios.then(|| view! {
                <div class="scenarios">
                    <div class="scenario-tabs" role="group" aria-label=labels.scenarios.clone()>
                        {scenarios.iter().enumerate().map(|(index, s)| view! {
                            <button
                                type="button"
                                class="scenario"
                                aria-pressed=move || (scenario.get() == index).to_string()
                                on:click=move |_| {
                                    scenario.set(index);
                                    step.set(Some(0));
                                }
                            >
                                {s.title.clone()}
                            </button>
                        }).collect_view()}
                    </div>
                    <div class="player">
                        <button type="button" class="step-back" aria-label=labels.previous_step.clone() on:click={
                            let advance = advance.clone();
                            move |_| advance(-1)
                        }>
                            <span aria-hidden="true">"◀"</span>
                        </button>
                        <button
                            type="button"
                            class="play"
                            aria-label={
                                let (play, pause) = (labels.play.clone(), labels.pause.clone());
                                move || if playing.get() { pause.clone() } else { play.clone() }
                            }
                            on:click=move |_| {
                                if step.get_untracked().is_none() {
                                    step.set(Some(0));
                                }
                                playing.update(|p| *p = !*p);
                            }
                        >
                            <span aria-hidden="true">{move || if playing.get() { "❚❚" } else { "▶" }}</span>
                        </button>
                        <button type="button" class="step-forward" aria-label=labels.next_step.clone() on:click=move |_| advance(1)>
                            <span aria-hidden="true">"▶▶"</span>
                        </button>
                        <p class="caption" aria-live="polite">{caption}</p>
                    </div>
                </div>
            })}
        </figure>
    }
}

#[component]
fn DiagramSvg(
    diagram: Arc<Diagram>,
    scene: Arc<Scene>,
    title_id: String,
    lit: Memo<Option<(Lit, bool)>>,
    moving: impl Fn() -> bool + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let view_box = format!("0 0 {} {}", px(scene.width), px(scene.height));
    let marker = |id: &str| format!("url(#{id})");
    let edge_id = |index: usize| format!("{title_id}-e{index}");
    let arrow = format!("{title_id}-arrow");
    let arrow_fail = format!("{title_id}-arrow-fail");
    let arrow_lit = format!("{title_id}-arrow-lit");
    view! {
        <svg
            class="diagram-svg"
            viewBox=view_box
            // Natural size: phones scroll a readable diagram sideways, wide screens scale it to fit.
            width=px(scene.width)
            height=px(scene.height)
            role="img"
            aria-labelledby=title_id.clone()
            preserveAspectRatio="xMidYMin meet"
        >
            <defs>
                <marker id=arrow.clone() class="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
                    <path d="M0 0 L10 5 L0 10 z" />
                </marker>
                <marker id=arrow_fail.clone() class="arrow fail" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
                    <path d="M0 0 L10 5 L0 10 z" />
                </marker>
                <marker id=arrow_lit.clone() class="arrow lit" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
                    <path d="M0 0 L10 5 L0 10 z" />
                </marker>
            </defs>
            {scene.groups.iter().map(|group| {
                let kind = diagram.groups[group.index].kind;
                view! {
                    <g class=format!("group group-{kind:?}").to_lowercase()>
                        <rect x=px(group.rect.x) y=px(group.rect.y) width=px(group.rect.width) height=px(group.rect.height) rx="8" />
                        <text x=px(group.rect.x + 8.0) y=px(group.rect.y + 12.0) class="group-label">{group.label.clone()}</text>
                    </g>
                }
            }).collect_view()}
            {scene.edges.iter().enumerate().map(|(index, shape)| {
                let edge = &diagram.edges[index];
                let kind = edge.kind.known().unwrap_or(EdgeKind::Sync);
                let failing = matches!(kind, EdgeKind::Failure | EdgeKind::Retry);
                let is_lit = move || matches!(lit.get(), Some((Lit::Edge(e), _)) if e == index);
                let lit_fails = move || matches!(lit.get(), Some((Lit::Edge(e), true)) if e == index);
                let (arrow, arrow_fail, arrow_lit) = (marker(&arrow), marker(&arrow_fail), marker(&arrow_lit));
                let id = edge_id(index);
                let href = format!("#{id}");
                // Roughly 90 user units a second, so long edges do not rush.
                let duration = format!("{}ms", px((shape.length / 0.09).clamp(1200.0, 6000.0)));
                view! {
                    <g class=edge_class(kind) class:lit=is_lit class:lit-fails=lit_fails data-from=edge.from.clone() data-to=edge.to.clone()>
                        <path
                            id=id
                            d=shape.path.clone()
                            marker-end=move || if is_lit() { arrow_lit.clone() } else if failing { arrow_fail.clone() } else { arrow.clone() }
                        />
                        {move || (moving() && (!failing || is_lit())).then(|| view! {
                            <circle class="message" r="3.5">
                                <animateMotion dur=duration.clone() repeatCount="indefinite" rotate="auto">
                                    <mpath href=href.clone() />
                                </animateMotion>
                            </circle>
                        })}
                        {shape.label_rect.map(|rect| view! {
                            <text class="edge-label" x=px(rect.x + rect.width / 2.0) y=px(rect.y + 2.0)>
                                {shape.label.iter().enumerate().map(|(line, text)| view! {
                                    <tspan x=px(rect.x + rect.width / 2.0) dy=if line == 0 { "1em" } else { "1.3em" }>{text.clone()}</tspan>
                                }).collect_view()}
                            </text>
                        })}
                    </g>
                }
            }).collect_view()}
            {scene.nodes.iter().enumerate().map(|(index, shape)| {
                let node = &diagram.nodes[index];
                let kind = node.kind.known().unwrap_or(NodeKind::Service);
                let is_lit = move || matches!(lit.get(), Some((Lit::Node(n), _)) if n == index);
                let lit_fails = move || matches!(lit.get(), Some((Lit::Node(n), true)) if n == index);
                let r = shape.rect;
                let rounding = match kind {
                    NodeKind::Topic | NodeKind::Source => r.height.min(22.0) / 2.0,
                    NodeKind::Gate | NodeKind::Phase => 2.0,
                    _ => 6.0,
                };
                let center = px(r.x + r.width / 2.0);
                view! {
                    <g class=node_class(kind) class:lit=is_lit class:lit-fails=lit_fails data-node=node.id.clone()>
                        <rect x=px(r.x) y=px(r.y) width=px(r.width) height=px(r.height) rx=px(rounding) />
                        {matches!(kind, NodeKind::Table | NodeKind::Store).then(|| view! {
                            <path class="kind-mark" d=format!("M{} {} q{} 6 {} 0", px(r.x), px(r.y + 5.0), px(r.width / 2.0), px(r.width)) />
                        })}
                        {matches!(kind, NodeKind::Queue | NodeKind::Stream).then(|| view! {
                            <path class="kind-mark" d=format!("M{} {} v{} M{} {} v{}", px(r.x + r.width - 8.0), px(r.y + 4.0), px(r.height - 8.0), px(r.x + r.width - 12.0), px(r.y + 4.0), px(r.height - 8.0)) />
                        })}
                        <text class="node-label" x=center y=px(r.y + 8.0)>
                            {shape.label.iter().enumerate().map(|(line, text)| view! {
                                <tspan x=center dy=if line == 0 { "1em" } else { "1.3em" }>{text.clone()}</tspan>
                            }).collect_view()}
                            {shape.detail.iter().enumerate().map(|(line, text)| view! {
                                <tspan class="node-detail" x=center dy=if line == 0 { "1.45em" } else { "1.3em" }>{text.clone()}</tspan>
                            }).collect_view()}
                        </text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}
