//! A diagram's flow as lines a listener can follow: the figure's text alternative, which is
//! also what the page shows of a diagram with JavaScript off. One line per edge, "From → To:
//! label". Pure, so it is tested natively.
//!
//! Each line is heard alone, so each must make sense alone: nodes that share a label are told
//! apart by their group, else by their detail ("S3 (eu-west-1) → S3 (eu-south-2)"); an edge
//! from a node to itself says what happens there ("Data parity gate: no-go: hold"); and an edge
//! written twice is read once. The qualifier is put in brackets, not joined with a word: every
//! word on the page comes from the profile.

use crate::model::{Diagram, Node};

/// The flow of `diagram`, one line per distinct edge, in the profile's order.
pub fn flow_lines(diagram: &Diagram) -> Vec<String> {
    let name = |id: &str| {
        diagram
            .nodes
            .iter()
            .find(|node| node.id == id)
            .map_or_else(|| id.to_string(), |node| spoken_name(diagram, node))
    };
    let mut lines: Vec<String> = Vec::new();
    for edge in &diagram.edges {
        let label = edge
            .label
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty());
        let line = match (edge.from == edge.to, label) {
            (true, Some(label)) => format!("{}: {label}", name(&edge.from)),
            (true, None) => name(&edge.from),
            (false, Some(label)) => format!("{} → {}: {label}", name(&edge.from), name(&edge.to)),
            (false, None) => format!("{} → {}", name(&edge.from), name(&edge.to)),
        };
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    lines
}

/// A node's label, with what tells it apart when another node has the same label: its group's
/// label where theirs differ, else its detail where theirs differ.
fn spoken_name(diagram: &Diagram, node: &Node) -> String {
    let namesakes: Vec<&Node> = diagram
        .nodes
        .iter()
        .filter(|other| other.id != node.id && other.label.trim() == node.label.trim())
        .collect();
    if namesakes.is_empty() {
        return node.label.clone();
    }
    let group_label = |n: &Node| {
        let id = n.group.as_deref()?;
        let group = diagram.groups.iter().find(|g| g.id == id)?;
        Some(group.label.clone())
    };
    let detail = |n: &Node| n.detail.clone().filter(|d| !d.trim().is_empty());
    let own_group = group_label(node);
    let qualifier = if own_group.is_some() && namesakes.iter().all(|n| group_label(n) != own_group)
    {
        own_group
    } else {
        detail(node).filter(|own| namesakes.iter().all(|n| detail(n).as_ref() != Some(own)))
    };
    match qualifier {
        Some(qualifier) => format!("{} ({qualifier})", node.label),
        None => node.label.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, EdgeKind, Group, GroupKind, NodeKind};

    fn node(id: &str, label: &str, group: Option<&str>, detail: Option<&str>) -> Node {
        Node {
            id: id.into(),
            label: label.into(),
            kind: NodeKind::Service.into(),
            detail: detail.map(Into::into),
            group: group.map(Into::into),
            tags: Vec::new(),
        }
    }

    fn edge(from: &str, to: &str, label: Option<&str>) -> Edge {
        Edge {
            from: from.into(),
            to: to.into(),
            label: label.map(Into::into),
            kind: EdgeKind::Async.into(),
        }
    }

    fn group(id: &str, label: &str) -> Group {
        Group {
            id: id.into(),
            label: label.into(),
            kind: GroupKind::default(),
        }
    }

    #[test]
    fn namesakes_are_told_apart_by_group_then_by_detail() {
        let diagram = Diagram {
            title: "t".into(),
            groups: vec![group("west", "eu-west-1"), group("south", "eu-south-2")],
            nodes: vec![
                node("s3-west", "S3", Some("west"), None),
                node("s3-south", "S3", Some("south"), None),
                node("cache-a", "Cache", None, Some("reads")),
                node("cache-b", "Cache", None, Some("writes")),
                node("api", "API", Some("west"), None),
            ],
            edges: vec![
                edge("s3-west", "s3-south", Some("replication")),
                edge("api", "cache-a", None),
                edge("api", "cache-b", None),
            ],
            scenarios: vec![],
        };
        assert_eq!(
            flow_lines(&diagram),
            [
                "S3 (eu-west-1) → S3 (eu-south-2): replication",
                "API → Cache (reads)",
                "API → Cache (writes)",
            ]
        );
    }

    #[test]
    fn an_edge_to_itself_says_what_happens_there_and_a_repeated_edge_is_read_once() {
        let diagram = Diagram {
            title: "t".into(),
            groups: vec![],
            nodes: vec![
                node("gate", "Parity gate", None, None),
                node("out", "Out", None, None),
            ],
            edges: vec![
                edge("gate", "gate", Some("no-go: hold")),
                edge("gate", "out", None),
                edge("gate", "out", None),
                edge("gate", "out", Some(" ")),
            ],
            scenarios: vec![],
        };
        assert_eq!(
            flow_lines(&diagram),
            ["Parity gate: no-go: hold", "Parity gate → Out"]
        );
    }

    #[test]
    fn namesakes_nothing_tells_apart_keep_their_label() {
        let diagram = Diagram {
            title: "t".into(),
            groups: vec![],
            nodes: vec![
                node("a", "Worker", None, None),
                node("b", "Worker", None, None),
            ],
            edges: vec![edge("a", "b", None), edge("a", "missing", None)],
            scenarios: vec![],
        };
        assert_eq!(
            flow_lines(&diagram),
            ["Worker → Worker", "Worker → missing"]
        );
    }

    #[test]
    fn every_line_of_her_diagrams_reads_alone() {
        let text = include_str!("../../tests/fixtures/rich.json");
        let profile = crate::parse::parse_profile(text).unwrap();
        for project in &profile.projects {
            let lines = flow_lines(&project.diagram);
            for line in &lines {
                if let Some((from, to)) = line.split(':').next().unwrap().split_once(" → ") {
                    assert_ne!(from, to, "{}: {line:?} names one thing twice", project.id);
                }
                assert_eq!(
                    lines.iter().filter(|l| *l == line).count(),
                    1,
                    "{}: {line:?} is read twice",
                    project.id
                );
            }
        }
    }
}
