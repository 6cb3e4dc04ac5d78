//! The workbench's pure core on whole profiles: any sequence of its diagram edits, from the
//! fixtures, leaves a draft that parses, validates and says exactly what the edits meant (the
//! rest of the profile unchanged); a rename and its reverse give back the text byte for byte;
//! the fixtures and the hostile corpus travel in a link and back; completion holds on the
//! hostile corpus too.
#![cfg(not(target_arch = "wasm32"))]

use portfolio::model::{Edge, Kind, Node, NodeKind, Profile, Scenario, Step, TimeUnit, Wait};
use portfolio::model::{EDGE_KINDS, NODE_KINDS};
use portfolio::parse::parse_profile;
use portfolio::validate::validate;
use portfolio_workbench::text::completion::{complete, DraftNames};
use portfolio_workbench::text::draft_link::{decode_draft, encode_draft};
use portfolio_workbench::text::edits::{self, EditError, TextEdit};
use proptest::prelude::*;
use proptest::sample::Index;

const RICH: &str = include_str!("../../tests/fixtures/rich.json");
const MINIMAL: &str = include_str!("../../tests/fixtures/minimal.json");

/// One workbench edit, its arguments chosen among what the draft has when it is applied
/// (`Index`es into its projects, nodes, edges, scenarios), so that most are valid.
#[derive(Clone, Debug)]
enum Op {
    AddNode {
        project: Index,
        id: String,
        label: String,
        kind: Index,
        group: Option<Index>,
    },
    AddEdge {
        project: Index,
        from: Index,
        to: Index,
        kind: Index,
        label: Option<String>,
    },
    AddScenario {
        project: Index,
        id: String,
        title: String,
        edge: Index,
    },
    AddStep {
        project: Index,
        scenario: Index,
        target: Index,
        on_node: bool,
        caption: String,
        wait: Option<u16>,
    },
    Rename {
        project: Index,
        node: Index,
        id: String,
    },
    Reorder {
        project: Index,
        scenario: Index,
        order: Vec<Index>,
    },
}

/// Ids: mostly kebab-case, sometimes anything (which the edits must refuse, never write).
fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,3}){0,2}",
        1 => any::<String>(),
        1 => Just("sqs".to_string()),
    ]
}

/// Text: mostly words, sometimes blank or anything (quotes, escapes, line breaks).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[A-Za-z][A-Za-z0-9 ,.]{0,20}",
        1 => Just("  ".to_string()),
        2 => any::<String>(),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let index = any::<Index>;
    prop_oneof![
        (index(), id(), text(), index(), prop::option::of(index())).prop_map(
            |(project, id, label, kind, group)| Op::AddNode {
                project,
                id,
                label,
                kind,
                group
            }
        ),
        (index(), index(), index(), index(), prop::option::of(text())).prop_map(
            |(project, from, to, kind, label)| Op::AddEdge {
                project,
                from,
                to,
                kind,
                label
            }
        ),
        (index(), id(), text(), index()).prop_map(|(project, id, title, edge)| {
            Op::AddScenario {
                project,
                id,
                title,
                edge,
            }
        }),
        (
            index(),
            index(),
            index(),
            any::<bool>(),
            text(),
            prop::option::of(1u16..5000)
        )
            .prop_map(|(project, scenario, target, on_node, caption, wait)| {
                Op::AddStep {
                    project,
                    scenario,
                    target,
                    on_node,
                    caption,
                    wait,
                }
            }),
        (index(), index(), id()).prop_map(|(project, node, id)| Op::Rename { project, node, id }),
        (index(), index(), prop::collection::vec(index(), 0..8)).prop_map(
            |(project, scenario, order)| Op::Reorder {
                project,
                scenario,
                order
            }
        ),
    ]
}

/// The word of a kind list (`NODE_KINDS`) at `index`, as a `Kind`.
fn kind<T: serde::de::DeserializeOwned>(list: &str, index: &Index) -> Kind<T> {
    let words: Vec<&str> = list.split(", ").collect();
    serde_json::from_value(serde_json::json!(words[index.index(words.len())])).unwrap()
}

/// Applies `op` to `text` (whose profile is `before`): the edit, and the profile it must give.
/// `None` when the op cannot apply here (no scenario to add a step to).
fn apply(op: &Op, text: &str, before: &Profile) -> Option<(Result<TextEdit, EditError>, Profile)> {
    let mut after = before.clone();
    let pick = |project: &Index| project.index(before.projects.len());
    let result = match op {
        Op::AddNode {
            project,
            id,
            label,
            kind: k,
            group,
        } => {
            let p = pick(project);
            let groups = &before.projects[p].diagram.groups;
            let group = group
                .as_ref()
                .filter(|_| !groups.is_empty())
                .map(|g| groups[g.index(groups.len())].id.clone());
            let node = Node {
                id: id.clone(),
                label: label.clone(),
                kind: kind(NODE_KINDS, k),
                group,
                ..Node::default()
            };
            after.projects[p].diagram.nodes.push(node.clone());
            edits::add_node(text, &before.projects[p].id, &node)
        }
        Op::AddEdge {
            project,
            from,
            to,
            kind: k,
            label,
        } => {
            let p = pick(project);
            let nodes = &before.projects[p].diagram.nodes;
            let edge = Edge {
                from: nodes[from.index(nodes.len())].id.clone(),
                to: nodes[to.index(nodes.len())].id.clone(),
                label: label.clone(),
                kind: kind(EDGE_KINDS, k),
            };
            after.projects[p].diagram.edges.push(edge.clone());
            edits::add_edge(text, &before.projects[p].id, &edge)
        }
        Op::AddScenario {
            project,
            id,
            title,
            edge,
        } => {
            let p = pick(project);
            let edges = &before.projects[p].diagram.edges;
            let edge = edges.get(edge.index(edges.len().max(1)))?;
            let scenario = Scenario {
                id: id.clone(),
                title: title.clone(),
                steps: vec![Step {
                    from: Some(edge.from.clone()),
                    to: Some(edge.to.clone()),
                    caption: "It starts".into(),
                    ..Step::default()
                }],
            };
            after.projects[p].diagram.scenarios.push(scenario.clone());
            edits::add_scenario(text, &before.projects[p].id, &scenario)
        }
        Op::AddStep { .. } => return add_step(op, text, before),
        Op::Rename { project, node, id } => {
            let p = pick(project);
            let nodes = &before.projects[p].diagram.nodes;
            let old = nodes[node.index(nodes.len())].id.clone();
            rename_in(&mut after, p, &old, id);
            edits::rename_node(text, &before.projects[p].id, &old, id)
        }
        Op::Reorder { .. } => return reorder(op, text, before),
    };
    Some((result, after))
}

fn add_step(
    op: &Op,
    text: &str,
    before: &Profile,
) -> Option<(Result<TextEdit, EditError>, Profile)> {
    let Op::AddStep {
        project,
        scenario,
        target,
        on_node,
        caption,
        wait,
    } = op
    else {
        return None;
    };
    let p = project.index(before.projects.len());
    let diagram = &before.projects[p].diagram;
    let s = scenario.index(diagram.scenarios.len().max(1));
    let scenario = diagram.scenarios.get(s)?;
    let mut step = Step {
        caption: caption.clone(),
        after: wait.map(|amount| Wait {
            amount: f64::from(amount) / 10.0,
            unit: TimeUnit::Ms,
        }),
        ..Step::default()
    };
    if *on_node || diagram.edges.is_empty() {
        step.node = Some(diagram.nodes[target.index(diagram.nodes.len())].id.clone());
    } else {
        let edge = &diagram.edges[target.index(diagram.edges.len())];
        (step.from, step.to) = (Some(edge.from.clone()), Some(edge.to.clone()));
    }
    let mut after = before.clone();
    after.projects[p].diagram.scenarios[s]
        .steps
        .push(step.clone());
    let edit = edits::add_step(text, &before.projects[p].id, &scenario.id, &step);
    Some((edit, after))
}

fn reorder(
    op: &Op,
    text: &str,
    before: &Profile,
) -> Option<(Result<TextEdit, EditError>, Profile)> {
    let Op::Reorder {
        project,
        scenario,
        order: swaps,
    } = op
    else {
        return None;
    };
    let p = project.index(before.projects.len());
    let diagram = &before.projects[p].diagram;
    let s = scenario.index(diagram.scenarios.len().max(1));
    let scenario = diagram.scenarios.get(s)?;
    // A permutation from the swaps: each moves one step to the front.
    let len = scenario.steps.len();
    let mut order: Vec<usize> = (0..len).collect();
    for swap in swaps {
        let moved = order.remove(swap.index(len));
        order.insert(0, moved);
    }
    let mut after = before.clone();
    after.projects[p].diagram.scenarios[s].steps =
        order.iter().map(|&i| scenario.steps[i].clone()).collect();
    let edit = edits::reorder_steps(text, &before.projects[p].id, &scenario.id, &order);
    Some((edit, after))
}

/// What renaming node `old` of project `p` to `new` means for the model.
fn rename_in(profile: &mut Profile, p: usize, old: &str, new: &str) {
    let diagram = &mut profile.projects[p].diagram;
    let rename = |id: &mut String| {
        if id == old {
            *id = new.to_string();
        }
    };
    diagram.nodes.iter_mut().for_each(|n| rename(&mut n.id));
    for edge in &mut diagram.edges {
        rename(&mut edge.from);
        rename(&mut edge.to);
    }
    let steps = diagram.scenarios.iter_mut().flat_map(|s| &mut s.steps);
    for step in steps {
        for end in [&mut step.from, &mut step.to, &mut step.node]
            .into_iter()
            .flatten()
        {
            rename(end);
        }
    }
}

/// Whether an edit's refusal is right: the arguments are not valid for this draft.
fn rightly_refused(error: &EditError) -> bool {
    matches!(
        error,
        EditError::DuplicateId(_)
            | EditError::DuplicateEdge { .. }
            | EditError::InvalidId(_)
            | EditError::Blank(_)
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 96,
        ..ProptestConfig::default()
    })]

    /// From either fixture, any sequence of edits: each is one replacement after which the
    /// draft parses, validates, and is the profile before with exactly that change.
    #[test]
    fn any_sequence_of_edits_keeps_a_valid_profile_that_says_what_they_meant(
        fixture in prop::sample::select(vec![RICH, MINIMAL]),
        ops in prop::collection::vec(op(), 1..10),
    ) {
        let mut text = fixture.to_string();
        let mut profile = parse_profile(&text).unwrap();
        for op in &ops {
            let Some((result, expected)) = apply(op, &text, &profile) else {
                continue;
            };
            match result {
                Ok(edit) => {
                    let edited = edit.apply(&text).expect("the edit fits its text");
                    let parsed = parse_profile(&edited);
                    prop_assert!(parsed.is_ok(), "{:?} after {:?}", parsed, op);
                    let parsed = parsed.unwrap();
                    prop_assert_eq!(validate(&parsed), vec![], "after {:?}", op);
                    prop_assert!(parsed == expected, "{:?} did not do what it meant", op);
                    (text, profile) = (edited, parsed);
                }
                Err(error) => prop_assert!(rightly_refused(&error), "{} for {:?}", error, op),
            }
        }
    }

    /// Renaming any node to any new id and back gives the text back byte for byte.
    #[test]
    fn a_rename_and_its_reverse_give_back_the_text(
        fixture in prop::sample::select(vec![RICH, MINIMAL]),
        project in any::<Index>(),
        node in any::<Index>(),
        new in "[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,3}){0,2}",
    ) {
        let profile = parse_profile(fixture).unwrap();
        let project = &profile.projects[project.index(profile.projects.len())];
        let nodes = &project.diagram.nodes;
        let old = &nodes[node.index(nodes.len())].id;
        prop_assume!(!nodes.iter().any(|n| n.id == new));
        let edit = edits::rename_node(fixture, &project.id, old, &new).unwrap();
        let renamed = edit.apply(fixture).unwrap();
        let back = edits::rename_node(&renamed, &project.id, &new, old).unwrap();
        prop_assert_eq!(back.apply(&renamed).unwrap(), fixture);
    }
}

/// Every case of the hostile corpus, and both fixtures: each comes back from a link byte for
/// byte, and completion at a sample of carets does not panic.
#[test]
fn hostile_drafts_travel_in_links_and_complete_without_panicking() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../public/profile.schema.json")).unwrap();
    let names = DraftNames::from_profile(&parse_profile(RICH).unwrap());
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/hostile");
    let mut drafts = vec![RICH.to_string(), MINIMAL.to_string()];
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "case" || e == "json") {
            // A case may hold bytes that are not UTF-8 (it says so); a draft is text.
            drafts.push(String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned());
        }
    }
    assert!(drafts.len() > 20, "{} drafts", drafts.len());
    for draft in &drafts {
        let link = encode_draft(draft).unwrap();
        assert_eq!(&decode_draft(&link).unwrap(), draft);
        let step = (draft.len() / 200).max(1);
        for caret in (0..=draft.len()).step_by(step) {
            if let Some(done) = complete(draft, caret, &schema, &names) {
                assert!(done.replace.start <= caret && caret <= done.replace.end);
            }
        }
    }
}

/// Edits of a draft that is JSON but not a profile are refused by name, never a panic.
#[test]
fn drafts_of_another_shape_are_refused_by_name() {
    let node = Node {
        id: "a".into(),
        label: "A".into(),
        kind: NodeKind::Queue.into(),
        ..Node::default()
    };
    for (draft, expected) in [
        ("[]", "no project \"p\""),
        ("{\"projects\": 5}", "projects is not an array in the draft"),
        (
            "{\"projects\": [{\"id\": \"p\", \"diagram\": []}]}",
            "project \"p\" has no diagram",
        ),
        ("", "the draft is not JSON"),
        (
            "{\"projects\": [{\"id\": \"p\", \"diagram\": {\"nodes\": 1}}]}",
            "nodes is not an array",
        ),
    ] {
        let error = edits::add_node(draft, "p", &node).unwrap_err().to_string();
        assert!(error.starts_with(expected), "{draft}: {error}");
    }
}
