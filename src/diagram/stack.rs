//! Top to bottom with a limit across (a phone): the unconnected parts of a diagram (a
//! synchronous chain beside its asynchronous replacement) stand one under the other instead of
//! side by side, each laid out on its own. Pure, so it is tested natively.

use super::layout::{
    grouped_layout, Direction, EdgeInput, EdgeRoute, Layout, Point, Rect, Size, Spacing,
};

/// [`grouped_layout`], with the parts stacked when side by side they are wider than
/// `spacing.max_across`.
pub fn stacked_layout(
    nodes: &[Size],
    groups: &[Option<usize>],
    edges: &[EdgeInput],
    direction: Direction,
    spacing: Spacing,
) -> Layout {
    let parts = parts(nodes.len(), edges);
    let narrow = direction == Direction::TopToBottom && spacing.max_across.is_finite();
    if !narrow || parts.len() < 2 {
        return grouped_layout(nodes, groups, edges, direction, spacing);
    }
    // Parts that fit side by side stay so; otherwise each is laid out (and wrapped) alone
    // rather than interleaved row by row with the others.
    let unlimited = Spacing {
        max_across: f64::INFINITY,
        ..spacing
    };
    let side_by_side = grouped_layout(nodes, groups, edges, direction, unlimited);
    if side_by_side.width <= spacing.max_across {
        return side_by_side;
    }
    let mut stacked = Layout {
        width: 0.0,
        height: 0.0,
        nodes: vec![Rect::default(); nodes.len()],
        edges: vec![
            EdgeRoute {
                points: Vec::new(),
                label: None,
            };
            edges.len()
        ],
    };
    for part in parts {
        let (part_nodes, part_groups, part_edges, edge_of) =
            part_graph(&part, nodes, groups, edges);
        let laid_out = grouped_layout(&part_nodes, &part_groups, &part_edges, direction, spacing);
        // The part before keeps its content, not its bottom margin: a rank's gap, then this
        // part's own top margin.
        let top = if stacked.height > 0.0 {
            stacked.height - spacing.margin + spacing.rank_gap
        } else {
            0.0
        };
        for (&u, rect) in part.iter().zip(&laid_out.nodes) {
            stacked.nodes[u] = Rect {
                y: rect.y + top,
                ..*rect
            };
        }
        for (&e, route) in edge_of.iter().zip(laid_out.edges) {
            stacked.edges[e] = EdgeRoute {
                points: route
                    .points
                    .into_iter()
                    .map(|p| Point { y: p.y + top, ..p })
                    .collect(),
                label: route.label.map(|r| Rect { y: r.y + top, ..r }),
            };
        }
        stacked.width = stacked.width.max(laid_out.width);
        stacked.height = top + laid_out.height;
    }
    stacked
}

/// Part `part`'s nodes, their groups and the edges between them, numbered within the part,
/// and each of those edges' index in `edges`.
fn part_graph(
    part: &[usize],
    nodes: &[Size],
    groups: &[Option<usize>],
    edges: &[EdgeInput],
) -> (Vec<Size>, Vec<Option<usize>>, Vec<EdgeInput>, Vec<usize>) {
    let local = |u: usize| part.iter().position(|&v| v == u);
    let (inputs, originals) = edges
        .iter()
        .enumerate()
        .filter_map(|(e, edge)| {
            let (from, to) = (local(edge.from)?, local(edge.to)?);
            Some((EdgeInput { from, to, ..*edge }, e))
        })
        .unzip();
    let part_nodes = part.iter().map(|&u| nodes[u]).collect();
    let part_groups = part
        .iter()
        .map(|&u| groups.get(u).copied().flatten())
        .collect();
    (part_nodes, part_groups, inputs, originals)
}

/// The diagram's connected parts (edges either way join), each its nodes in input order, the
/// parts in the order of their first node.
fn parts(count: usize, edges: &[EdgeInput]) -> Vec<Vec<usize>> {
    let mut part: Vec<usize> = (0..count).collect();
    fn root(part: &mut [usize], mut u: usize) -> usize {
        while part[u] != u {
            part[u] = part[part[u]];
            u = part[u];
        }
        u
    }
    for edge in edges.iter().filter(|e| e.from < count && e.to < count) {
        let (a, b) = (root(&mut part, edge.from), root(&mut part, edge.to));
        part[a.max(b)] = a.min(b);
    }
    let mut parts: Vec<Vec<usize>> = Vec::new();
    let mut index_of_root = vec![usize::MAX; count];
    for u in 0..count {
        let r = root(&mut part, u);
        if index_of_root[r] == usize::MAX {
            index_of_root[r] = parts.len();
            parts.push(Vec::new());
        }
        parts[index_of_root[r]].push(u);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::layout::layout;

    fn size(width: f64, height: f64) -> Size {
        Size { width, height }
    }

    fn edge(from: usize, to: usize) -> EdgeInput {
        EdgeInput {
            from,
            to,
            label: Some(size(90.0, 14.0)),
        }
    }

    #[test]
    fn parts_are_found_either_way_and_in_order() {
        let edges = [edge(3, 0), edge(1, 2), edge(4, 9)];
        assert_eq!(parts(5, &edges), vec![vec![0, 3], vec![1, 2], vec![4]]);
    }

    #[test]
    fn two_chains_stand_one_under_the_other_on_a_narrow_screen() {
        let nodes = vec![size(150.0, 30.0); 6];
        let edges = [edge(0, 1), edge(1, 2), edge(2, 1), edge(3, 4), edge(4, 5)];
        let narrow = Spacing {
            max_across: 266.0,
            ..Spacing::default()
        };
        let side_by_side = layout(&nodes, &edges, Direction::TopToBottom, Spacing::default());
        assert!(side_by_side.width > 266.0);
        let stacked = stacked_layout(&nodes, &[], &edges, Direction::TopToBottom, narrow);
        assert!(stacked.width <= 266.0, "width {}", stacked.width);
        let first_bottom = stacked.nodes[..3]
            .iter()
            .map(|r| r.y + r.height)
            .fold(0.0, f64::max);
        assert!(stacked.nodes[3..].iter().all(|r| r.y > first_bottom));
        // Every edge keeps its ends on its own nodes.
        for (route, input) in stacked.edges.iter().zip(&edges) {
            let (start, end) = (route.points[0], *route.points.last().unwrap());
            let near = |p: Point, r: &Rect| p.y >= r.y - 1e-6 && p.y <= r.y + r.height + 1e-6;
            assert!(near(start, &stacked.nodes[input.from]));
            assert!(near(end, &stacked.nodes[input.to]));
        }
        // Wide screens keep the parts side by side.
        let wide = stacked_layout(
            &nodes,
            &[],
            &edges,
            Direction::TopToBottom,
            Spacing::default(),
        );
        assert_eq!(
            wide,
            layout(&nodes, &edges, Direction::TopToBottom, Spacing::default())
        );
    }
}
