//! From a [`Diagram`] of the profile to everything the SVG needs: wrapped labels, box sizes,
//! the layout in both directions, path data and group frames. Pure, so it is tested natively
//! and the view only draws.

use crate::diagram::fold::{fold, Folded};
use crate::diagram::layout::{
    layout, Direction, EdgeInput, EdgeRoute, Layout, Point, Rect, Size, Spacing,
};
use crate::diagram::stack::stacked_layout;
use crate::model::{Diagram, Edge, Group, Node, NodeKind, Step};
use serde::{Deserialize, Serialize};

/// Monospace metrics of the SVG text (font sizes in user units; a monospace glyph is 0.6 em).
const LABEL_FONT: f64 = 13.0;
const DETAIL_FONT: f64 = 11.0;
const EDGE_FONT: f64 = 11.0;
const GLYPH: f64 = 0.6;
const LINE: f64 = 1.3;
const NODE_PAD_X: f64 = 12.0;
const NODE_PAD_Y: f64 = 8.0;
const LABEL_CHARS: usize = 20;
const DETAIL_CHARS: usize = 26;
const EDGE_CHARS: usize = 16;
/// Width of a queue's or stream's bars, drawn inside its right edge.
const QUEUE_BARS: f64 = 10.0;
/// Room around group members for the frame and its title.
const GROUP_PAD: f64 = 10.0;
/// The widest a left-to-right drawing is before it folds into rows: what a card's canvas shows
/// at 1:1 on a laptop screen, so a fitted drawing keeps its labels at their size.
const FOLD_WIDTH: f64 = 760.0;
/// The tallest a wide screen's drawing is drawn top to bottom, as wide as a card: a laptop's
/// closed card shows it whole (`--fit-height` in the stylesheet, 30rem).
const PREVIEW_HEIGHT: f64 = 480.0;
/// The widest a top-to-bottom drawing grows before a layer wraps: the card canvas of a 360 px
/// phone (268 px; 298 px at 390 px, or 268 px there beside classic scrollbars) shows it at 1:1,
/// so its 11 px labels stay 11 px.
const NARROW_WIDTH: f64 = 266.0;
/// Between lines side by side in a phone's drawing: apart enough to tell them apart, close
/// enough that a fan-out's lines leave room for two nodes in a row.
const PHONE_LINE_GAP: f64 = 8.0;

/// A node ready to draw.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NodeShape {
    pub rect: Rect,
    pub label: Vec<String>,
    pub detail: Vec<String>,
}

/// An edge ready to draw.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EdgeShape {
    /// SVG path data, from the `from` node to the `to` node.
    pub path: String,
    pub label: Vec<String>,
    pub label_rect: Option<Rect>,
    /// Path length estimate, to pace the travelling message.
    pub length: f64,
}

/// A frame around a group's nodes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupFrame {
    pub rect: Rect,
    pub label: String,
    pub index: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<NodeShape>,
    pub edges: Vec<EdgeShape>,
    pub groups: Vec<GroupFrame>,
}

/// Greedy word wrap to at most `width` characters a line (a longer word gets its own line).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

fn widest(lines: &[String]) -> usize {
    lines.iter().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// Lays the diagram out for `direction`'s screens (left to right for wide ones, which may draw
/// it top to bottom: see [`wide_layout`]) and shapes everything for drawing.
pub fn scene(diagram: &Diagram, direction: Direction) -> Scene {
    let text = Text::of(diagram);
    let (folded, drawn) = match direction {
        Direction::LeftToRight => wide_layout(diagram, &text.sizes, &text.inputs),
        // Top to bottom, wide layers wrapped while laying out and the page scrolls.
        Direction::TopToBottom => (
            Folded {
                layout: narrow_layout(diagram, &text.sizes, &text.inputs),
                row_tops: Vec::new(),
                most_wraps: 0,
            },
            direction,
        ),
    };
    text.shape(diagram, folded, drawn)
}

/// A diagram's text, wrapped, and the sizes of the boxes it needs: what the layout lays out.
struct Text {
    labels: Vec<(Vec<String>, Vec<String>)>,
    edge_labels: Vec<Vec<String>>,
    sizes: Vec<Size>,
    inputs: Vec<EdgeInput>,
}

impl Text {
    fn of(diagram: &Diagram) -> Self {
        let labels: Vec<(Vec<String>, Vec<String>)> = diagram.nodes.iter().map(node_text).collect();
        let sizes: Vec<Size> = labels
            .iter()
            .zip(&diagram.nodes)
            .map(|((label, detail), node)| node_size(label, detail, node))
            .collect();
        let edge_labels: Vec<Vec<String>> = diagram
            .edges
            .iter()
            .map(|e| {
                e.label
                    .as_deref()
                    .map(|l| wrap(l, EDGE_CHARS))
                    .unwrap_or_default()
            })
            .collect();
        let index_of = |id: &str| diagram.nodes.iter().position(|n| n.id == id);
        let inputs: Vec<EdgeInput> = diagram
            .edges
            .iter()
            .zip(&edge_labels)
            .map(|(edge, label)| EdgeInput {
                // An unknown end (a validation problem) becomes out of range, which layout
                // skips.
                from: index_of(&edge.from).unwrap_or(usize::MAX),
                to: index_of(&edge.to).unwrap_or(usize::MAX),
                label: edge_label_size(label),
            })
            .collect();
        Self {
            labels,
            edge_labels,
            sizes,
            inputs,
        }
    }

    /// The scene of `folded`, a layout drawn in direction `drawn`.
    fn shape(self, diagram: &Diagram, folded: Folded, drawn: Direction) -> Scene {
        let Layout {
            width,
            height,
            nodes,
            edges,
        } = folded.layout;
        let groups = diagram
            .groups
            .iter()
            .enumerate()
            .flat_map(|(index, group)| {
                group_frames(diagram, &nodes, index, group, &folded.row_tops)
            })
            .collect();
        Scene {
            width,
            height,
            nodes: nodes
                .into_iter()
                .zip(self.labels)
                .map(|(rect, (label, detail))| NodeShape {
                    rect,
                    label,
                    detail,
                })
                .collect(),
            edges: edges
                .into_iter()
                .zip(self.edge_labels)
                .zip(&diagram.edges)
                .map(|((route, label), edge)| edge_shape(route, label, edge, drawn))
                .collect(),
            groups,
        }
    }
}

/// For a wide screen: left to right, a long chain folded into rows that fit a card. When two
/// lines or more would wrap through one gap between rows (they run side by side around the
/// drawing and cross where they turn into rows whose order differs), the diagram is drawn top
/// to bottom instead if that fits a card's width and, as wide as the card, a laptop's preview.
/// The direction it is drawn in comes with it.
fn wide_layout(diagram: &Diagram, sizes: &[Size], inputs: &[EdgeInput]) -> (Folded, Direction) {
    let folded = folded_layout(diagram, sizes, inputs);
    if folded.most_wraps < 2 {
        return (folded, Direction::LeftToRight);
    }
    let down = layout(sizes, inputs, Direction::TopToBottom, spacing(diagram));
    // A closed card shows its drawing as wide as the card: a narrow, tall one would be
    // enlarged and cropped.
    let previewed = down.height * FOLD_WIDTH / down.width;
    if down.width > FOLD_WIDTH || previewed > PREVIEW_HEIGHT {
        return (folded, Direction::LeftToRight);
    }
    let down = Folded {
        layout: down,
        row_tops: Vec::new(),
        most_wraps: 0,
    };
    (down, Direction::TopToBottom)
}

/// Left to right, folded into rows of at most [`FOLD_WIDTH`].
fn folded_layout(diagram: &Diagram, sizes: &[Size], inputs: &[EdgeInput]) -> Folded {
    let across = layout(sizes, inputs, Direction::LeftToRight, spacing(diagram));
    let looks: Vec<_> = diagram.edges.iter().map(|e| e.kind.known()).collect();
    fold(across, FOLD_WIDTH, &looks)
}

/// Top to bottom, for a phone: wide layers wrap (never two groups in one row) and unconnected
/// parts stack, so the drawing fits [`NARROW_WIDTH`]. Groups are framed around their members
/// afterwards: if a frame would still take in another group's node, or another frame, the
/// drawing is laid out unwrapped instead.
fn narrow_layout(diagram: &Diagram, sizes: &[Size], inputs: &[EdgeInput]) -> Layout {
    let narrow = Spacing {
        max_across: NARROW_WIDTH,
        line_gap: PHONE_LINE_GAP,
        ..spacing(diagram)
    };
    let groups: Vec<Option<usize>> = diagram
        .nodes
        .iter()
        .map(|node| {
            let group = node.group.as_ref()?;
            diagram.groups.iter().position(|g| &g.id == group)
        })
        .collect();
    let wrapped = stacked_layout(sizes, &groups, inputs, Direction::TopToBottom, narrow);
    if frames_hold_their_own_only(diagram, &wrapped.nodes) {
        wrapped
    } else {
        layout(sizes, inputs, Direction::TopToBottom, spacing(diagram))
    }
}

/// Whether every group's frames around `nodes` hold no other node and no other frame.
fn frames_hold_their_own_only(diagram: &Diagram, nodes: &[Rect]) -> bool {
    let frames: Vec<GroupFrame> = diagram
        .groups
        .iter()
        .enumerate()
        .flat_map(|(index, group)| group_frames(diagram, nodes, index, group, &[]))
        .collect();
    frames.iter().enumerate().all(|(f, frame)| {
        let id = &diagram.groups[frame.index].id;
        let strangers = diagram
            .nodes
            .iter()
            .zip(nodes)
            .filter(|(node, _)| node.group.as_ref() != Some(id));
        let others = &frames[f + 1..];
        strangers
            .into_iter()
            .all(|(_, rect)| !frame.rect.overlaps(rect))
            && others.iter().all(|other| !frame.rect.overlaps(&other.rect))
    })
}

/// A node's label and detail, each wrapped to its width.
fn node_text(node: &Node) -> (Vec<String>, Vec<String>) {
    (
        wrap(&node.label, LABEL_CHARS),
        node.detail
            .as_deref()
            .map(|d| wrap(d, DETAIL_CHARS))
            .unwrap_or_default(),
    )
}

/// The box a node's wrapped text needs, padded.
fn node_size(label: &[String], detail: &[String], node: &Node) -> Size {
    // A queue's bars stand inside its right edge; the text stays centred, so both sides get
    // the room.
    let bars = if matches!(node.kind.known(), Some(NodeKind::Queue | NodeKind::Stream)) {
        2.0 * QUEUE_BARS
    } else {
        0.0
    };
    Size {
        width: (widest(label) as f64 * LABEL_FONT * GLYPH)
            .max(widest(detail) as f64 * DETAIL_FONT * GLYPH)
            + 2.0 * NODE_PAD_X
            + bars,
        height: label.len() as f64 * LABEL_FONT * LINE
            + detail.len() as f64 * DETAIL_FONT * LINE
            + 2.0 * NODE_PAD_Y,
    }
}

/// The box of an edge's wrapped label, or None for an edge without one.
fn edge_label_size(label: &[String]) -> Option<Size> {
    (!label.is_empty()).then(|| Size {
        width: widest(label) as f64 * EDGE_FONT * GLYPH + 8.0,
        height: label.len() as f64 * EDGE_FONT * LINE + 4.0,
    })
}

/// Groups need room for their frames: wider gaps when there are any, and a margin that leaves
/// a frame (its title above its members) the margin of a drawing without groups. A wider one
/// was dead room that a phone's preview shrank or cropped the drawing to show.
fn spacing(diagram: &Diagram) -> Spacing {
    if diagram.groups.is_empty() {
        Spacing::default()
    } else {
        Spacing {
            node_gap: 30.0,
            line_gap: 30.0,
            rank_gap: 22.0,
            margin: 8.0 + GROUP_PAD + 6.0,
            ..Spacing::default()
        }
    }
}

/// The frames around the laid-out boxes (`rects`) of a group's members, with room for each
/// title above: one per row the members stand in (a folded drawing's rows start at
/// `row_tops`), none for a group without members.
fn group_frames(
    diagram: &Diagram,
    rects: &[Rect],
    index: usize,
    group: &Group,
    row_tops: &[f64],
) -> Vec<GroupFrame> {
    let members: Vec<&Rect> = diagram
        .nodes
        .iter()
        .zip(rects)
        .filter(|(node, _)| node.group.as_deref() == Some(group.id.as_str()))
        .map(|(_, rect)| rect)
        .collect();
    let row = |r: &Rect| row_tops.iter().filter(|&&top| top <= r.y).count();
    let mut rows: Vec<usize> = members.iter().map(|r| row(r)).collect();
    rows.sort_unstable();
    rows.dedup();
    rows.into_iter()
        .filter_map(|n| {
            let in_row: Vec<&Rect> = members.iter().copied().filter(|r| row(r) == n).collect();
            group_frame(&in_row, index, group)
        })
        .collect()
}

/// The frame around `members`, with room for the group's title above.
fn group_frame(members: &[&Rect], index: usize, group: &Group) -> Option<GroupFrame> {
    let first = members.first()?;
    let (mut x0, mut y0) = (first.x, first.y);
    let (mut x1, mut y1) = (first.x + first.width, first.y + first.height);
    for r in members {
        x0 = x0.min(r.x);
        y0 = y0.min(r.y);
        x1 = x1.max(r.x + r.width);
        y1 = y1.max(r.y + r.height);
    }
    Some(GroupFrame {
        rect: Rect {
            x: x0 - GROUP_PAD,
            y: y0 - GROUP_PAD - 6.0,
            width: x1 - x0 + 2.0 * GROUP_PAD,
            height: y1 - y0 + 2.0 * GROUP_PAD + 6.0,
        },
        label: group.label.clone(),
        index,
    })
}

/// An edge's route as path data: a self-loop as a loop out to its label, any other edge as a
/// smooth curve through its points.
fn edge_shape(
    route: EdgeRoute,
    label: Vec<String>,
    edge: &Edge,
    direction: Direction,
) -> EdgeShape {
    EdgeShape {
        length: polyline_length(&route.points),
        path: if edge.from == edge.to {
            loop_data(&route.points, route.label, direction)
        } else {
            path_data(&route.points, direction)
        },
        label_rect: route.label,
        label,
    }
}

fn polyline_length(points: &[Point]) -> f64 {
    points
        .windows(2)
        .map(|w| (w[1].x - w[0].x).hypot(w[1].y - w[0].y))
        .sum()
}

/// A self-loop ("no-go: hold" on the parity gate) as one teardrop from the node out to its
/// label and back. Drawn through the layout's points, out and back on nearly the same line, it
/// would be a sliver hidden under the label's backing.
fn loop_data(points: &[Point], label: Option<Rect>, direction: Direction) -> String {
    let (Some(&start), Some(&end), Some(&apex)) = (points.first(), points.last(), points.get(1))
    else {
        return path_data(points, direction);
    };
    // Aim at the label's centre (the backing hides the tip inside it); a cubic's tip reaches
    // ¾ of its handles, so the handles are 4/3 as long, and open `SPREAD` further apart than
    // the two ends (which the layout sets a little apart on the node's side).
    const SPREAD: f64 = 10.0;
    let target = label.map_or(apex, |l| l.center());
    let (vx, vy) = (
        (target.x - start.x) * 4.0 / 3.0,
        (target.y - start.y) * 4.0 / 3.0,
    );
    let apart = (start.x - end.x).hypot(start.y - end.y).max(1.0);
    let (px, py) = (
        (start.x - end.x) / apart * SPREAD,
        (start.y - end.y) / apart * SPREAD,
    );
    let r = |v: f64| v.round() as i32;
    format!(
        "M{} {} C{} {} {} {} {} {}",
        r(start.x),
        r(start.y),
        r(start.x + vx + px),
        r(start.y + vy + py),
        r(end.x + vx - px),
        r(end.y + vy - py),
        r(end.x),
        r(end.y)
    )
}

/// A smooth path through the points: each leg a cubic curve whose handles run along the flow,
/// so edges leave and enter nodes straight. A leg along one axis is straight whatever its
/// handles, and is written as such (`H`/`V`), and straight legs that carry on in the same
/// direction are one: the page carries every drawing twice, and the cubics' repeated numbers
/// were 1.4 KB of its brotli, the lines' needless stops 0.15 KB more.
pub fn path_data(points: &[Point], direction: Direction) -> String {
    let Some(first) = points.first() else {
        return String::new();
    };
    // Whole user units: precise enough at any zoom, and integer formatting keeps the float
    // formatter out of the wasm.
    let r = |v: f64| v.round() as i32;
    let mut path = StraightRuns {
        d: format!("M{} {}", r(first.x), r(first.y)),
        last: None,
    };
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        if r(a.y) == r(b.y) {
            path.straight('H', r(a.x), r(b.x));
            continue;
        }
        if r(a.x) == r(b.x) {
            path.straight('V', r(a.y), r(b.y));
            continue;
        }
        let (c1, c2) = match direction {
            Direction::LeftToRight => {
                let dx = (b.x - a.x) / 2.0;
                ((a.x + dx, a.y), (b.x - dx, b.y))
            }
            Direction::TopToBottom => {
                let dy = (b.y - a.y) / 2.0;
                ((a.x, a.y + dy), (b.x, b.y - dy))
            }
        };
        path.d.push_str(&format!(
            "C{} {} {} {} {} {}",
            r(c1.0),
            r(c1.1),
            r(c2.0),
            r(c2.1),
            r(b.x),
            r(b.y)
        ));
        path.last = None;
    }
    path.d
}

/// SVG path data whose last command may be a straight leg that the next one continues.
struct StraightRuns {
    d: String,
    /// The last command when it is a straight leg: its letter, where it started along its
    /// axis, and where in `d` it is written.
    last: Option<(char, i32, usize)>,
}

impl StraightRuns {
    /// A straight leg along `axis` (`H` or `V`) from `from` to `to`: nothing when it has no
    /// length, the last leg lengthened when it runs on the same way.
    fn straight(&mut self, axis: char, from: i32, to: i32) {
        if from == to {
            return;
        }
        let runs_on = self.last.filter(|&(last_axis, start, _)| {
            last_axis == axis && (to - from).signum() == (from - start).signum()
        });
        if let Some((_, _, at)) = runs_on {
            self.d.truncate(at);
            self.d.push_str(&format!("{axis}{to}"));
            return;
        }
        self.last = Some((axis, from, self.d.len()));
        self.d.push_str(&format!("{axis}{to}"));
    }
}

/// What a scenario step lights up: an edge or a node, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lit {
    Edge(usize),
    Node(usize),
}

/// Resolves a step to the edge or node it names (None when it names nothing: a validation
/// problem, shown elsewhere).
pub fn lit_by(diagram: &Diagram, step: &Step) -> Option<Lit> {
    match (&step.from, &step.to, &step.node) {
        (Some(from), Some(to), _) => diagram
            .edges
            .iter()
            .position(|e| &e.from == from && &e.to == to)
            .map(Lit::Edge),
        (_, _, Some(node)) => diagram
            .nodes
            .iter()
            .position(|n| &n.id == node)
            .map(Lit::Node),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_profile;

    #[test]
    fn wrapping_keeps_every_word_in_order() {
        let text = "Data parity: S3 object + OpenSearch document counts";
        let lines = wrap(text, 20);
        assert!(lines.iter().all(|l| l.chars().count() <= 20));
        assert_eq!(lines.join(" "), text);
    }

    /// The diagram of her project `id`, from the profile the site ships.
    fn rich_diagram(id: &str) -> Diagram {
        let profile = parse_profile(include_str!("../../tests/fixtures/rich.json")).unwrap();
        let project = profile.projects.into_iter().find(|p| p.id == id).unwrap();
        project.diagram
    }

    /// `diagram` left to right, folded into rows whatever [`wide_layout`] would choose.
    fn folded_scene(diagram: &Diagram) -> Scene {
        let text = Text::of(diagram);
        let folded = folded_layout(diagram, &text.sizes, &text.inputs);
        text.shape(diagram, folded, Direction::LeftToRight)
    }

    #[test]
    fn folded_rows_are_a_gap_apart_even_below_a_low_first_row() {
        // GDPR's first row (SNS → SQS → Lambda, DLQ) sits lower in the unfolded layout than
        // the fan-out to the tables that becomes its second row: the rows stay one gap apart,
        // not that difference plus a gap (it was 193 px of nothing).
        let diagram = rich_diagram("gdpr-deletion");
        let scene = folded_scene(&diagram);
        let rect = |id: &str| {
            let at = diagram.nodes.iter().position(|n| n.id == id).unwrap();
            scene.nodes[at].rect
        };
        let first_bottom = ["sns", "sqs", "lambda", "dlq"]
            .map(|id| rect(id).y + rect(id).height)
            .into_iter()
            .fold(0.0, f64::max);
        let second_top = rect("tracking").y;
        assert!(
            second_top > first_bottom && second_top - first_bottom <= 100.0,
            "first row ends at {first_bottom}, the second starts at {second_top}"
        );
    }

    #[test]
    fn on_a_phone_a_fan_out_wraps_two_nodes_a_row() {
        // The lines to the gateways further down pass beside the first rows: 8 px apart, not a
        // box's gap, they leave room for two gateways a row (it was a staircase of one a row).
        let diagram = rich_diagram("payment-gateways");
        let scene = scene(&diagram, Direction::TopToBottom);
        let mut rows: Vec<i64> = diagram
            .nodes
            .iter()
            .zip(&scene.nodes)
            .filter(|(node, _)| node.id.starts_with("gateway-"))
            .map(|(_, shape)| shape.rect.y.round() as i64)
            .collect();
        assert_eq!(rows.len(), 5);
        rows.dedup();
        assert!(
            rows.len() <= 3,
            "five gateways in {} rows: {rows:?}",
            rows.len()
        );
    }

    #[test]
    fn a_leg_along_one_axis_is_a_straight_line_and_a_turn_a_curve() {
        let p = |x: f64, y: f64| Point { x, y };
        let points = [p(0.4, 10.0), p(40.0, 10.2), p(40.0, 90.0), p(80.0, 120.0)];
        assert_eq!(
            path_data(&points, Direction::LeftToRight),
            "M0 10H40V90C60 90 60 120 80 120"
        );
        assert_eq!(
            path_data(&points, Direction::TopToBottom),
            "M0 10H40V90C40 105 80 105 80 120"
        );
    }

    #[test]
    fn a_straight_line_that_runs_on_is_one_leg_and_a_turn_back_is_kept() {
        let p = |x: f64, y: f64| Point { x, y };
        let on = [
            p(5.0, 0.0),
            p(5.0, 10.0),
            p(5.0, 10.2),
            p(5.0, 30.0),
            p(5.0, 20.0),
        ];
        assert_eq!(path_data(&on, Direction::TopToBottom), "M5 0V30V20");
        let across = [
            p(0.0, 0.0),
            p(10.0, 0.0),
            p(30.0, 0.0),
            p(30.0, 9.0),
            p(30.0, 12.0),
        ];
        assert_eq!(path_data(&across, Direction::LeftToRight), "M0 0H30V12");
    }

    #[test]
    fn a_folded_fan_out_wraps_as_one_line_that_branches() {
        // Lambda's three writes in GDPR cross the fold together: out of the first row, down
        // the gap and into the second along one line, apart only once there (they were three
        // parallel lines across the drawing and back).
        let diagram = rich_diagram("gdpr-deletion");
        let scene = folded_scene(&diagram);
        let wraps: Vec<Vec<&str>> = diagram
            .edges
            .iter()
            .zip(&scene.edges)
            .filter(|(edge, _)| ["tracking", "dynamodb", "external-api"].contains(&&*edge.to))
            .map(|(_, shape)| commands(&shape.path))
            .collect();
        assert_eq!(wraps.len(), 3, "{wraps:?}");
        for wrap in &wraps {
            // The start, then out of the row, down the gap, across it: one shared line.
            assert_eq!(wrap[..4], wraps[0][..4], "{wraps:?}");
        }
        let apart: std::collections::HashSet<&str> = wraps.iter().map(|w| w[4]).collect();
        assert_eq!(apart.len(), 3, "each turns off to its own head: {wraps:?}");
    }

    /// The commands of SVG path data made by [`path_data`]: `M x y`, then one per leg.
    fn commands(path: &str) -> Vec<&str> {
        let starts: Vec<usize> = path
            .char_indices()
            .filter(|(_, c)| c.is_ascii_alphabetic())
            .map(|(at, _)| at)
            .chain([path.len()])
            .collect();
        starts.windows(2).map(|w| &path[w[0]..w[1]]).collect()
    }

    /// Each leg of SVG path data made by [`path_data`] as a cubic: its start, two handles and
    /// end (a straight `H`/`V` leg has its ends for handles).
    fn cubics(path: &str) -> Vec<[Point; 4]> {
        let mut at = Point { x: 0.0, y: 0.0 };
        let mut legs = Vec::new();
        for command in commands(path) {
            let n: Vec<f64> = command[1..]
                .split(' ')
                .map(|n| n.parse().unwrap())
                .collect();
            let point = |i: usize| Point {
                x: n[i],
                y: n[i + 1],
            };
            let leg = match &command[..1] {
                "M" => {
                    at = point(0);
                    continue;
                }
                "H" => [at, at, Point { x: n[0], ..at }, Point { x: n[0], ..at }],
                "V" => [at, at, Point { y: n[0], ..at }, Point { y: n[0], ..at }],
                "C" => [at, point(0), point(2), point(4)],
                other => panic!("a {other} command in {path}"),
            };
            at = leg[3];
            legs.push(leg);
        }
        legs
    }

    /// The point at `step` twentieths along a cubic Bézier curve.
    fn on_cubic([p0, p1, p2, p3]: [Point; 4], step: u32) -> Point {
        let t = f64::from(step) / 20.0;
        let u = 1.0 - t;
        let mix = |a: f64, b: f64, c: f64, d: f64| {
            u * u * u * a + 3.0 * u * u * t * b + 3.0 * u * t * t * c + t * t * t * d
        };
        Point {
            x: mix(p0.x, p1.x, p2.x, p3.x),
            y: mix(p0.y, p1.y, p2.y, p3.y),
        }
    }

    /// Points along the curves of SVG path data made by [`path_data`].
    fn points_along(path: &str) -> Vec<Point> {
        cubics(path)
            .into_iter()
            .flat_map(|curve| (1..20).map(move |step| on_cubic(curve, step)))
            .collect()
    }

    /// An edge's drawn line as a polyline: its start, then 20 points along each leg.
    fn polyline(path: &str) -> Vec<Point> {
        let curves = cubics(path);
        let start = curves.first().map(|curve| curve[0]);
        start
            .into_iter()
            .chain(
                curves
                    .into_iter()
                    .flat_map(|curve| (1..=20).map(move |step| on_cubic(curve, step))),
            )
            .collect()
    }

    /// Whether `p` is within `by` of a node's box: lines meet there, at its sides.
    fn near_a_node(scene: &Scene, p: Point, by: f64) -> bool {
        scene.nodes.iter().any(|n| {
            let r = n.rect;
            p.x > r.x - by
                && p.x < r.x + r.width + by
                && p.y > r.y - by
                && p.y < r.y + r.height + by
        })
    }

    /// Where segments `a0 a1` and `b0 b1` cross, if they do.
    fn crossing(a0: Point, a1: Point, b0: Point, b1: Point) -> Option<Point> {
        let (dx, dy) = (a1.x - a0.x, a1.y - a0.y);
        let (ex, ey) = (b1.x - b0.x, b1.y - b0.y);
        let det = dx * ey - dy * ex;
        if det.abs() < 1e-9 {
            return None;
        }
        let t = ((b0.x - a0.x) * ey - (b0.y - a0.y) * ex) / det;
        let u = ((b0.x - a0.x) * dy - (b0.y - a0.y) * dx) / det;
        ((0.0..=1.0).contains(&t) && (0.0..=1.0).contains(&u)).then_some(Point {
            x: a0.x + t * dx,
            y: a0.y + t * dy,
        })
    }

    /// The lines of a diagram's drawing that are not self-loops: (edge index, polyline).
    fn lines(diagram: &Diagram, scene: &Scene) -> Vec<(usize, Vec<Point>)> {
        diagram
            .edges
            .iter()
            .zip(&scene.edges)
            .enumerate()
            .filter(|(_, (edge, _))| edge.from != edge.to)
            .map(|(e, (_, shape))| (e, polyline(&shape.path)))
            .collect()
    }

    /// Where two lines of the drawing cross, away from the nodes (`near` of a box, where
    /// lines meet at its sides): each pair of edges and the point.
    fn crossings(diagram: &Diagram, scene: &Scene, near: f64) -> Vec<(usize, usize, Point)> {
        let lines = lines(diagram, scene);
        let mut found = Vec::new();
        for (i, (a, line_a)) in lines.iter().enumerate() {
            for (b, line_b) in &lines[i + 1..] {
                let hit = line_a.windows(2).find_map(|s| {
                    line_b.windows(2).find_map(|t| {
                        crossing(s[0], s[1], t[0], t[1]).filter(|&p| !near_a_node(scene, p, near))
                    })
                });
                if let Some(p) = hit {
                    found.push((*a, *b, p));
                }
            }
        }
        found
    }

    /// How far a point is from a polyline.
    fn distance(p: Point, line: &[Point]) -> f64 {
        line.windows(2)
            .map(|s| {
                let (a, b) = (s[0], s[1]);
                let (dx, dy) = (b.x - a.x, b.y - a.y);
                let length = dx * dx + dy * dy;
                let t = if length > 0.0 {
                    (((p.x - a.x) * dx + (p.y - a.y) * dy) / length).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                (p.x - a.x - t * dx).hypot(p.y - a.y - t * dy)
            })
            .fold(f64::INFINITY, f64::min)
    }

    /// For each pair of lines, the longest stretch of the first that runs closer than `gap`
    /// to the second away from the nodes (`gap` of a box): lines side by side, a bundle or a
    /// double line.
    fn side_by_side(diagram: &Diagram, scene: &Scene, gap: f64) -> Vec<(usize, usize, f64)> {
        let lines = lines(diagram, scene);
        let mut found = Vec::new();
        for (a, line_a) in &lines {
            for (b, line_b) in lines.iter().filter(|(b, _)| b != a) {
                let (mut run, mut longest) = (0.0f64, 0.0f64);
                for s in line_a.windows(2) {
                    let close = !near_a_node(scene, s[1], gap) && distance(s[1], line_b) < gap;
                    run = if close {
                        run + (s[1].x - s[0].x).hypot(s[1].y - s[0].y)
                    } else {
                        0.0
                    };
                    longest = longest.max(run);
                }
                if longest > 0.0 {
                    found.push((*a, *b, longest));
                }
            }
        }
        found
    }

    #[test]
    fn sync_to_async_and_gdpr_read_at_a_glance_on_a_wide_screen() {
        // Folded into rows, sync-to-async's lines ran as a bundle of five down the drawing's
        // edge, crossing where they turned into the next row, and split each group in two;
        // GDPR's alert ran 6 px beside the writes across the whole drawing, and its message
        // returning to the queue crossed the one leaving it. Drawn top to bottom they do not.
        for id in ["sync-to-async", "gdpr-deletion"] {
            let diagram = rich_diagram(id);
            let scene = scene(&diagram, Direction::LeftToRight);
            let gap = spacing(&diagram).node_gap;
            let name = |e: usize| format!("{} → {}", diagram.edges[e].from, diagram.edges[e].to);
            let crossed: Vec<String> = crossings(&diagram, &scene, gap)
                .into_iter()
                .map(|(a, b, p)| format!("{} × {} at {p:?}", name(a), name(b)))
                .collect();
            assert!(crossed.is_empty(), "{id}: {crossed:?}");
            // Lines meet at a node's side; away from the nodes none runs beside another closer
            // than a box's gap for longer than that gap.
            let beside: Vec<String> = side_by_side(&diagram, &scene, gap)
                .into_iter()
                .filter(|&(_, _, run)| run > gap)
                .map(|(a, b, run)| format!("{} beside {} for {run:.0}", name(a), name(b)))
                .collect();
            assert!(beside.is_empty(), "{id}: {beside:?}");
            assert_eq!(
                scene.groups.len(),
                diagram.groups.len(),
                "{id}: one frame a group"
            );
        }
    }

    #[test]
    fn every_wide_drawing_fits_a_laptops_open_canvas_at_its_own_size() {
        // At 1280 × 800 an open card's canvas is 748 px wide and 80vh (640 px) tall, its
        // controls under it: sync-to-async was 660 px tall, its DLQ under the controls.
        let profile = parse_profile(include_str!("../../tests/fixtures/rich.json")).unwrap();
        for project in &profile.projects {
            let scene = scene(&project.diagram, Direction::LeftToRight);
            assert!(
                scene.width <= 748.0 && scene.height <= 640.0,
                "{}: {:.0} × {:.0}",
                project.id,
                scene.width,
                scene.height
            );
        }
    }

    #[test]
    fn a_closed_cards_crop_shows_where_its_first_scenario_starts() {
        // A closed card shows its drawing as wide as its box (298 px on a 390 px phone, 748 px
        // on a laptop) cropped to 480 px from the top: the first step played is in the crop.
        let profile = parse_profile(include_str!("../../tests/fixtures/rich.json")).unwrap();
        for project in &profile.projects {
            let diagram = &project.diagram;
            let Some(step) = diagram.scenarios.first().and_then(|s| s.steps.first()) else {
                continue;
            };
            for (direction, card) in [
                (Direction::LeftToRight, 748.0),
                (Direction::TopToBottom, 298.0),
            ] {
                let scene = scene(diagram, direction);
                let rect = match lit_by(diagram, step) {
                    Some(Lit::Node(n)) => scene.nodes[n].rect,
                    Some(Lit::Edge(e)) => scene.edges[e].label_rect.unwrap_or_else(|| {
                        let from = diagram.edges[e].from.as_str();
                        let tail = diagram.nodes.iter().position(|n| n.id == from).unwrap();
                        scene.nodes[tail].rect
                    }),
                    None => panic!("{}: the first step lights nothing", project.id),
                };
                let bottom = (rect.y + rect.height) * card / scene.width;
                assert!(
                    bottom <= PREVIEW_HEIGHT,
                    "{} {direction:?}: the first step ends {bottom:.0} px down",
                    project.id
                );
            }
        }
    }

    #[test]
    fn no_line_runs_through_a_box() {
        // On a phone, wrapped rows put nodes close beside the slot a longer line passes
        // through (GDPR's writes ran behind the tracking table): lines bend only between rows.
        let profile = parse_profile(include_str!("../../tests/fixtures/rich.json")).unwrap();
        let drawings = profile.projects.iter().flat_map(|project| {
            [Direction::LeftToRight, Direction::TopToBottom]
                .map(|direction| (project, scene(&project.diagram, direction)))
        });
        for (project, scene) in drawings {
            for (edge, shape) in project.diagram.edges.iter().zip(&scene.edges) {
                if edge.from == edge.to {
                    continue;
                }
                for p in points_along(&shape.path) {
                    for (node, box_) in project.diagram.nodes.iter().zip(&scene.nodes) {
                        let r = box_.rect;
                        let inside = p.x > r.x + 2.0
                            && p.x < r.x + r.width - 2.0
                            && p.y > r.y + 2.0
                            && p.y < r.y + r.height - 2.0;
                        assert!(
                            !inside,
                            "{}: {} → {} runs through {} at {p:?}",
                            project.id, edge.from, edge.to, node.id
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn on_a_phone_every_drawing_fits_its_canvas_at_full_size() {
        let profile = parse_profile(include_str!("../../tests/fixtures/rich.json")).unwrap();
        for project in &profile.projects {
            let scene = scene(&project.diagram, Direction::TopToBottom);
            // Framed groups add their padding: the migration's regions (one row each) and
            // sync-to-async's stacked halves fit a 390 px phone's 298 px canvas.
            let limit = if project.diagram.groups.is_empty() {
                NARROW_WIDTH
            } else {
                298.0
            };
            assert!(scene.width <= limit, "{}: {} wide", project.id, scene.width);
        }
    }

    #[test]
    fn every_project_diagram_lays_out_without_overlaps_in_both_directions() {
        let profile = parse_profile(include_str!("../../tests/fixtures/rich.json")).unwrap();
        for project in &profile.projects {
            for direction in [Direction::LeftToRight, Direction::TopToBottom] {
                let scene = scene(&project.diagram, direction);
                let mut boxes: Vec<Rect> = scene.nodes.iter().map(|n| n.rect).collect();
                boxes.extend(scene.edges.iter().filter_map(|e| e.label_rect));
                for (i, a) in boxes.iter().enumerate() {
                    for b in &boxes[i + 1..] {
                        assert!(!a.overlaps(b), "{}: {a:?} overlaps {b:?}", project.id);
                    }
                }
                for edge in &scene.edges {
                    assert!(
                        edge.path.starts_with('M'),
                        "{}: every edge is drawn",
                        project.id
                    );
                }
                // A frame holds its group's nodes and no other (the layout does not know
                // groups, so this is checked on the diagrams the site draws).
                for (g, frame) in scene.groups.iter().enumerate() {
                    let id = &project.diagram.groups[frame.index].id;
                    for (node, shape) in project.diagram.nodes.iter().zip(&scene.nodes) {
                        if node.group.as_ref() != Some(id) {
                            assert!(
                                !frame.rect.overlaps(&shape.rect),
                                "{}: {} inside group {id}",
                                project.id,
                                node.id
                            );
                        }
                    }
                    for other in &scene.groups[g + 1..] {
                        assert!(
                            !frame.rect.overlaps(&other.rect),
                            "{}: group frames overlap",
                            project.id
                        );
                    }
                }
            }
        }
    }

    /// Her regional migration: the longest chain, with a self-loop.
    fn migration(profile: &crate::model::Profile) -> &crate::model::Project {
        profile
            .projects
            .iter()
            .find(|p| p.id == "regional-ecs-migration")
            .unwrap()
    }

    #[test]
    fn a_chain_is_drawn_straight() {
        // The migration's ramp, 5% → 25% → 50% → 100%: one line, not a staircase.
        let profile = parse_profile(include_str!("../../tests/fixtures/rich.json")).unwrap();
        let project = migration(&profile);
        for direction in [Direction::LeftToRight, Direction::TopToBottom] {
            let scene = scene(&project.diagram, direction);
            let across: Vec<i64> = ["ramp-5", "ramp-25", "ramp-50", "ramp-100"]
                .iter()
                .map(|id| {
                    let at = project
                        .diagram
                        .nodes
                        .iter()
                        .position(|n| n.id == *id)
                        .unwrap();
                    let centre = scene.nodes[at].rect.center();
                    (match direction {
                        Direction::LeftToRight => centre.y,
                        Direction::TopToBottom => centre.x,
                    })
                    .round() as i64
                })
                .collect();
            // Folded into rows, the line may break between rows (far apart), never step
            // within one.
            assert!(
                across
                    .windows(2)
                    .all(|w| w[0] == w[1] || (w[0] - w[1]).abs() > 100),
                "{direction:?}: {across:?}"
            );
        }
    }

    #[test]
    fn a_self_loop_is_a_visible_loop_out_to_its_label() {
        let profile = parse_profile(include_str!("../../tests/fixtures/rich.json")).unwrap();
        let project = migration(&profile);
        let e = project
            .diagram
            .edges
            .iter()
            .position(|e| e.from == e.to)
            .expect("the parity gate's no-go loop");
        for direction in [Direction::LeftToRight, Direction::TopToBottom] {
            let scene = scene(&project.diagram, direction);
            let shape = &scene.edges[e];
            let n: Vec<f64> = shape
                .path
                .split(|c: char| !(c.is_ascii_digit() || c == '-'))
                .filter_map(|t| t.parse().ok())
                .collect();
            assert_eq!(n.len(), 8, "one cubic: {}", shape.path);
            let at = |t: f64| {
                let u = 1.0 - t;
                let w = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
                Point {
                    x: (0..4).map(|i| w[i] * n[2 * i]).sum(),
                    y: (0..4).map(|i| w[i] * n[2 * i + 1]).sum(),
                }
            };
            let label = shape.label_rect.expect("a labelled loop");
            let tip = at(0.5);
            assert!(
                label.contains(tip),
                "{direction:?}: the tip {tip:?} reaches the label {label:?}"
            );
            let (a, b) = (at(0.25), at(0.75));
            assert!(
                (a.x - b.x).hypot(a.y - b.y) >= 8.0,
                "{direction:?}: open, not a sliver: {}",
                shape.path
            );
        }
    }

    #[test]
    fn every_scenario_step_lights_something() {
        let profile = parse_profile(include_str!("../../tests/fixtures/rich.json")).unwrap();
        for project in &profile.projects {
            for scenario in &project.diagram.scenarios {
                for step in &scenario.steps {
                    assert!(
                        lit_by(&project.diagram, step).is_some(),
                        "{}: {:?}",
                        project.id,
                        step
                    );
                }
            }
        }
    }
}
