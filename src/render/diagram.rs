//! A project's architecture diagram as a `<figure>`: the SVG laid out left to right for wide
//! screens and top to bottom for phones (CSS shows one), its text alternative, and the scenario
//! controls. The moving messages ([`message`]) are added by the app only while the diagram is
//! on screen and motion is allowed, so the static markup never animates by itself.
//!
//! The page ([`figure`]) leaves the canvas empty and the app fills it with [`drawings`] as it
//! starts: the SVGs were half of the prerendered HTML's compressed size, and they sit in card
//! details that are closed until the app runs. Without JavaScript the flow list is shown instead.

use super::html::{escape, Html};
use crate::diagram::layout::Direction;
use crate::diagram::scene::{scene, Scene};
use crate::model::{Diagram, EdgeKind, NodeKind, Profile};
use crate::validate::Problem;

/// The two drawings of every diagram: name (the SVG's class and its ids' suffix) and direction.
pub(crate) const DRAWINGS: [(&str, Direction); 2] = [
    ("wide", Direction::LeftToRight),
    ("narrow", Direction::TopToBottom),
];

/// Whole SVG user units: integer formatting keeps the float formatter out of the wasm.
fn px(value: f64) -> String {
    (value.round() as i64).to_string()
}

/// True for edges drawn as failure paths (red, dashed, messages only when lit).
pub(crate) fn is_failing(kind: EdgeKind) -> bool {
    matches!(kind, EdgeKind::Failure | EdgeKind::Retry)
}

fn edge_kind(diagram: &Diagram, index: usize) -> EdgeKind {
    // Diagrams with an unknown kind are replaced by their validation error before drawing.
    diagram.edges[index].kind.known().unwrap_or(EdgeKind::Sync)
}

/// The marker at the end of edge `index`'s path, in the drawing whose ids start `prefix`.
pub(crate) fn marker(prefix: &str, failing: bool, lit: bool) -> String {
    let suffix = if lit {
        "-arrow-lit"
    } else if failing {
        "-arrow-fail"
    } else {
        "-arrow"
    };
    format!("url(#{prefix}{suffix})")
}

/// The diagram of `profile.projects[index]`, or the problems that keep it from being drawn.
pub(crate) fn figure(html: &mut Html, profile: &Profile, index: usize, problems: &[Problem]) {
    let prefix = format!("projects[{index}].diagram");
    let own: Vec<&Problem> = problems
        .iter()
        .filter(|p| p.path.starts_with(&prefix))
        .collect();
    if !own.is_empty() {
        html.wrap(
            "div",
            &[("class", "diagram-error"), ("role", "note")],
            |html| {
                html.wrap("ul", &[], |html| {
                    for problem in own {
                        html.wrap("li", &[], |html| {
                            html.el("code", &[], &problem.to_string());
                        });
                    }
                });
            },
        );
        return;
    }
    let project = &profile.projects[index];
    let diagram = &project.diagram;
    let labels = &profile.site.labels;
    let title_id = format!("{}-diagram-title", project.id);
    html.wrap(
        "figure",
        &[("class", "diagram"), ("data-project", &index.to_string())],
        |html| {
            html.el(
                "figcaption",
                &[("id", &title_id), ("class", "visually-hidden")],
                &diagram.title,
            );
            html.el("div", &[("class", "diagram-canvas")], "");
            html.wrap("ol", &[("class", "visually-hidden diagram-flow")], |html| {
                for line in flow(diagram) {
                    html.el("li", &[], &line);
                }
            });
            if diagram.scenarios.is_empty() {
                return;
            }
            html.wrap("div", &[("class", "scenarios")], |html| {
                html.wrap(
                    "div",
                    &[
                        ("class", "scenario-tabs"),
                        ("role", "group"),
                        ("aria-label", &labels.scenarios),
                    ],
                    |html| {
                        for (position, scenario) in diagram.scenarios.iter().enumerate() {
                            let pressed = if position == 0 { "true" } else { "false" };
                            html.el(
                                "button",
                                &[
                                    ("type", "button"),
                                    ("class", "scenario"),
                                    ("data-scenario", &position.to_string()),
                                    ("aria-pressed", pressed),
                                ],
                                &scenario.title,
                            );
                        }
                    },
                );
                html.wrap("div", &[("class", "player")], |html| {
                    let button = |html: &mut Html, class: &str, label: &str, icon: &str| {
                        html.open(
                            "button",
                            &[
                                ("type", "button"),
                                ("class", class),
                                ("data-action", class),
                                ("aria-label", label),
                            ],
                        );
                        html.el("span", &[("aria-hidden", "true")], icon)
                            .close("button");
                    };
                    button(html, "step-back", &labels.previous_step, "◀");
                    button(html, "play", &labels.play, "▶");
                    button(html, "step-forward", &labels.next_step, "▶▶");
                    html.el("p", &[("class", "caption"), ("aria-live", "polite")], "");
                });
            });
        },
    );
}

/// Both drawings of project `index`'s diagram (see [`DRAWINGS`]), for its figure's canvas.
#[cfg_attr(not(feature = "ui"), allow(dead_code))]
pub(crate) fn drawings(profile: &Profile, index: usize) -> String {
    let project = &profile.projects[index];
    let diagram = &project.diagram;
    let title_id = format!("{}-diagram-title", project.id);
    let mut html = Html::new();
    for (name, direction) in DRAWINGS {
        let prefix = format!("{}-{name}", project.id);
        svg(
            &mut html,
            diagram,
            &scene(diagram, direction),
            &prefix,
            &title_id,
            name,
        );
    }
    html.finish()
}

/// The flow as sentences for the text alternative: "Order service → Queue: order placed".
fn flow(diagram: &Diagram) -> Vec<String> {
    fn name<'a>(diagram: &'a Diagram, id: &'a str) -> &'a str {
        diagram
            .nodes
            .iter()
            .find(|n| n.id == id)
            .map_or(id, |n| n.label.as_str())
    }
    let name = |id| name(diagram, id);
    diagram
        .edges
        .iter()
        .map(|edge| match &edge.label {
            Some(label) => format!("{} → {}: {}", name(&edge.from), name(&edge.to), label),
            None => format!("{} → {}", name(&edge.from), name(&edge.to)),
        })
        .collect()
}

/// One drawing. Elements carry `data-edge` / `data-node` indices so the app can light the
/// current step's edge or node in both drawings.
fn svg(
    html: &mut Html,
    diagram: &Diagram,
    scene: &Scene,
    prefix: &str,
    title_id: &str,
    name: &str,
) {
    let (width, height) = (px(scene.width), px(scene.height));
    let view_box = format!("0 0 {width} {height}");
    let class = format!("diagram-svg {name}");
    html.open(
        "svg",
        &[
            ("class", &class),
            ("viewBox", &view_box),
            // Natural size: phones scroll a readable diagram sideways, wide screens scale it.
            ("width", &width),
            ("height", &height),
            ("role", "img"),
            ("aria-labelledby", title_id),
            ("preserveAspectRatio", "xMidYMin meet"),
        ],
    );
    html.open("defs", &[]);
    for (suffix, class) in [
        ("-arrow", "arrow"),
        ("-arrow-fail", "arrow fail"),
        ("-arrow-lit", "arrow lit"),
    ] {
        html.raw(&format!(
            r#"<marker id="{}{suffix}" class="{class}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z"></path></marker>"#,
            escape(prefix)
        ));
    }
    html.close("defs");
    for group in &scene.groups {
        let kind = format!("group group-{}", diagram.groups[group.index].kind.word());
        let r = group.rect;
        html.wrap("g", &[("class", &kind)], |html| {
            html.raw(&format!(
                r#"<rect x="{}" y="{}" width="{}" height="{}" rx="8"></rect>"#,
                px(r.x),
                px(r.y),
                px(r.width),
                px(r.height)
            ));
        });
    }
    for (index, shape) in scene.edges.iter().enumerate() {
        let edge = &diagram.edges[index];
        let kind = edge_kind(diagram, index);
        let failing = is_failing(kind);
        // Roughly 90 user units a second, so long edges do not rush.
        let duration = px((shape.length / 0.09).clamp(1200.0, 6000.0));
        html.wrap(
            "g",
            &[
                ("class", &format!("edge {}", kind.word())),
                ("data-edge", &index.to_string()),
                ("data-from", &edge.from),
                ("data-to", &edge.to),
                if failing { ("data-failing", "") } else { ("", "") },
            ],
            |html| {
                // `data-duration`: how long a message takes along this edge (milliseconds).
                html.open(
                    "path",
                    &[
                        ("id", &format!("{prefix}-e{index}")),
                        ("d", &shape.path),
                        ("marker-end", &marker(prefix, failing, false)),
                        ("data-duration", &duration),
                    ],
                )
                .close("path");
                if let Some(rect) = shape.label_rect {
                    // A backing the colour of the canvas: the edge passes through its label's
                    // box, and a halo around the glyphs leaves the line showing between words.
                    // Inside a group's frame it takes the frame's tint, or it shows as a chip.
                    let in_group = scene.groups.iter().any(|g| g.rect.contains(rect.center()));
                    html.raw(&format!(
                        r#"<rect class="edge-label-back{}" x="{}" y="{}" width="{}" height="{}" rx="3"></rect>"#,
                        if in_group { " in-group" } else { "" },
                        px(rect.x),
                        px(rect.y),
                        px(rect.width),
                        px(rect.height)
                    ));
                    let x = px(rect.x + rect.width / 2.0);
                    html.wrap("text", &[("class", "edge-label"), ("x", &x), ("y", &px(rect.y + 2.0))], |html| {
                        for (line, text) in shape.label.iter().enumerate() {
                            html.el("tspan", &[("x", &x), ("dy", if line == 0 { "1em" } else { "1.3em" })], text);
                        }
                    });
                }
            },
        );
    }
    // Group names over the edges, with a halo: an edge into a member from outside crosses the
    // frame's top, where the name stands.
    for group in &scene.groups {
        let r = group.rect;
        html.el(
            "text",
            &[
                ("x", &px(r.x + 8.0)),
                ("y", &px(r.y + 12.0)),
                ("class", "group-label"),
            ],
            &group.label,
        );
    }
    for (index, shape) in scene.nodes.iter().enumerate() {
        let node = &diagram.nodes[index];
        let kind = node.kind.known().unwrap_or(NodeKind::Service);
        let r = shape.rect;
        let rounding = match kind {
            NodeKind::Topic | NodeKind::Source => r.height.min(22.0) / 2.0,
            NodeKind::Gate | NodeKind::Phase => 2.0,
            _ => 6.0,
        };
        let center = px(r.x + r.width / 2.0);
        html.wrap(
            "g",
            &[
                ("class", &format!("node {}", kind.word())),
                ("data-node", &node.id),
                ("data-node-index", &index.to_string()),
            ],
            |html| {
                html.raw(&format!(
                    r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}"></rect>"#,
                    px(r.x),
                    px(r.y),
                    px(r.width),
                    px(r.height),
                    px(rounding)
                ));
                let mark = match kind {
                    NodeKind::Table | NodeKind::Store => Some(format!(
                        "M{} {} q{} 6 {} 0",
                        px(r.x),
                        px(r.y + 5.0),
                        px(r.width / 2.0),
                        px(r.width)
                    )),
                    NodeKind::Queue | NodeKind::Stream => Some(format!(
                        "M{} {} v{} M{} {} v{}",
                        px(r.x + r.width - 8.0),
                        px(r.y + 4.0),
                        px(r.height - 8.0),
                        px(r.x + r.width - 12.0),
                        px(r.y + 4.0),
                        px(r.height - 8.0)
                    )),
                    _ => None,
                };
                if let Some(mark) = mark {
                    html.open("path", &[("class", "kind-mark"), ("d", &mark)])
                        .close("path");
                }
                html.wrap(
                    "text",
                    &[
                        ("class", "node-label"),
                        ("x", &center),
                        ("y", &px(r.y + 8.0)),
                    ],
                    |html| {
                        for (line, text) in shape.label.iter().enumerate() {
                            html.el(
                                "tspan",
                                &[
                                    ("x", &center),
                                    ("dy", if line == 0 { "1em" } else { "1.3em" }),
                                ],
                                text,
                            );
                        }
                        for (line, text) in shape.detail.iter().enumerate() {
                            html.el(
                                "tspan",
                                &[
                                    ("class", "node-detail"),
                                    ("x", &center),
                                    ("dy", if line == 0 { "1.45em" } else { "1.3em" }),
                                ],
                                text,
                            );
                        }
                    },
                );
            },
        );
    }
    html.raw(r#"<g class="messages"></g>"#);
    html.close("svg");
}

/// One moving message along the path with id `path_id`, taking `duration` milliseconds: SVG
/// `animateMotion`, so the browser moves it and no code runs per frame. The app adds one per
/// edge that is not a failure path (`data-failing`), and one along the lit edge.
#[cfg_attr(not(feature = "ui"), allow(dead_code))]
pub(crate) fn message(path_id: &str, duration: &str, failing: bool) -> String {
    format!(
        r##"<circle class="message{}" r="3.5"><animateMotion dur="{}ms" repeatCount="indefinite" rotate="auto"><mpath href="#{}"></mpath></animateMotion></circle>"##,
        if failing { " failing" } else { "" },
        escape(duration),
        escape(path_id)
    )
}
