//! The diagram workbench's edits of a draft: add a node, an edge, a scenario or a step, rename a
//! node everywhere its diagram refers to it, reorder a scenario's steps.
//!
//! Each edit is one [`TextEdit`] (a byte range and the text that replaces it), never a rewrite
//! of the whole draft: the editor applies it as one undo step, and every byte outside it stays
//! as the owner wrote it (their indentation, key order, escapes, line endings). What is added is
//! written like its neighbours: on a line of its own at their indentation, or on one line in a
//! draft written on one line.
//!
//! The draft must be JSON (serde_json says so first, with its line and column); it need not be
//! a valid profile, since the owner may be halfway through another change. An edit's own
//! arguments are checked as `validate.rs` would check them (ids kebab-case and unique in their
//! diagram, references to nodes and edges that exist, no blank text), so an edit of a valid
//! draft leaves it valid. A node's `tags` are the exception: they are written as given, and the
//! validator names any its project lacks.

use std::ops::Range;

use serde::Serialize;

use super::scan::{self, Spanned};
use portfolio::model::{Edge, Kind, Node, Scenario, Step, EDGE_KINDS, NODE_KINDS};
use portfolio::validate::is_kebab_case;

/// One replacement of the draft's text: `range` (bytes, on char boundaries) by `insert`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub range: Range<usize>,
    pub insert: String,
}

impl TextEdit {
    /// The text with this edit applied; `None` if the range is not in `text` (an edit made
    /// for another text).
    pub fn apply(&self, text: &str) -> Option<String> {
        let before = text.get(..self.range.start)?;
        let after = text.get(self.range.end..)?;
        (self.range.start <= self.range.end).then(|| format!("{before}{}{after}", self.insert))
    }
}

/// Why an edit was not made; the draft is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("the draft is not JSON ({0}): fix that first")]
    NotJson(String),
    /// The draft is JSON, but `path` is not what the format has there (an array, an object).
    #[error("{path} is not {expected} in the draft")]
    Shape {
        path: String,
        expected: &'static str,
    },
    #[error("no project {0:?}")]
    UnknownProject(String),
    #[error("project {0:?} has no diagram")]
    NoDiagram(String),
    #[error("no node {0:?} in this diagram")]
    UnknownNode(String),
    #[error("no group {0:?} in this diagram")]
    UnknownGroup(String),
    #[error("no scenario {0:?} in this diagram")]
    UnknownScenario(String),
    #[error("no edge {from:?} → {to:?} in this diagram")]
    UnknownEdge { from: String, to: String },
    #[error("{0:?} is already an id in this diagram")]
    DuplicateId(String),
    #[error("there is already an edge {from:?} → {to:?}")]
    DuplicateEdge { from: String, to: String },
    #[error("{0:?} is not a kebab-case id (lowercase letters, digits, single hyphens)")]
    InvalidId(String),
    #[error("unknown kind {kind:?} (one of {known})")]
    UnknownKind { kind: String, known: &'static str },
    #[error("{0} must not be empty")]
    Blank(&'static str),
    #[error("a step lights either an edge (from + to) or a node")]
    StepShape,
    #[error("a step's wait must be a number above 0")]
    InvalidWait,
    #[error("not an order of the {len} steps: {order:?}")]
    NotAnOrder { len: usize, order: Vec<usize> },
    #[error("cannot write this as JSON: {0}")]
    Unwritable(String),
}

/// Adds `node` at the end of the diagram of project `project_id`.
pub fn add_node(text: &str, project_id: &str, node: &Node) -> Result<TextEdit, EditError> {
    let draft = Draft::read(text)?;
    let diagram = draft.diagram(project_id)?;
    check_id(&node.id)?;
    check_text("label", &node.label)?;
    check_kind(&node.kind, NODE_KINDS)?;
    if strings(diagram, "nodes", "id").contains(&node.id.as_str()) {
        return Err(EditError::DuplicateId(node.id.clone()));
    }
    if let Some(group) = &node.group {
        if !strings(diagram, "groups", "id").contains(&group.as_str()) {
            return Err(EditError::UnknownGroup(group.clone()));
        }
    }
    draft.append(diagram, "nodes", node)
}

/// Adds `edge` at the end of the diagram of project `project_id`, between two of its nodes.
pub fn add_edge(text: &str, project_id: &str, edge: &Edge) -> Result<TextEdit, EditError> {
    let draft = Draft::read(text)?;
    let diagram = draft.diagram(project_id)?;
    let nodes = strings(diagram, "nodes", "id");
    for end in [&edge.from, &edge.to] {
        if !nodes.contains(&end.as_str()) {
            return Err(EditError::UnknownNode(end.clone()));
        }
    }
    if let Some(label) = &edge.label {
        check_text("label", label)?;
    }
    check_kind(&edge.kind, EDGE_KINDS)?;
    if edges(diagram).contains(&(edge.from.as_str(), edge.to.as_str())) {
        return Err(EditError::DuplicateEdge {
            from: edge.from.clone(),
            to: edge.to.clone(),
        });
    }
    draft.append(diagram, "edges", edge)
}

/// Adds `scenario` (with at least one step) at the end of the diagram of project `project_id`.
pub fn add_scenario(
    text: &str,
    project_id: &str,
    scenario: &Scenario,
) -> Result<TextEdit, EditError> {
    let draft = Draft::read(text)?;
    let diagram = draft.diagram(project_id)?;
    check_id(&scenario.id)?;
    check_text("title", &scenario.title)?;
    if scenario.steps.is_empty() {
        return Err(EditError::Blank("steps"));
    }
    if strings(diagram, "scenarios", "id").contains(&scenario.id.as_str()) {
        return Err(EditError::DuplicateId(scenario.id.clone()));
    }
    for step in &scenario.steps {
        check_step(diagram, step)?;
    }
    draft.append(diagram, "scenarios", scenario)
}

/// Adds `step` at the end of scenario `scenario_id` of the diagram of project `project_id`.
pub fn add_step(
    text: &str,
    project_id: &str,
    scenario_id: &str,
    step: &Step,
) -> Result<TextEdit, EditError> {
    let draft = Draft::read(text)?;
    let diagram = draft.diagram(project_id)?;
    let scenario = scenario(diagram, scenario_id)?;
    check_step(diagram, step)?;
    draft.append(scenario, "steps", step)
}

/// Renames node `old` of the diagram of project `project_id` to `new`: its id, and every edge
/// end and scenario step that names it (the only places the format refers to a node). Other
/// diagrams, and a group of the same id, are left alone.
pub fn rename_node(
    text: &str,
    project_id: &str,
    old: &str,
    new: &str,
) -> Result<TextEdit, EditError> {
    let draft = Draft::read(text)?;
    let diagram = draft.diagram(project_id)?;
    let ids = strings(diagram, "nodes", "id");
    if !ids.contains(&old) {
        return Err(EditError::UnknownNode(old.to_string()));
    }
    check_id(new)?;
    if new != old && ids.contains(&new) {
        return Err(EditError::DuplicateId(new.to_string()));
    }
    let mut spans = Vec::new();
    let mut named = |item: &Spanned, fields: &[&str]| {
        for field in fields {
            let value = item
                .member(field)
                .filter(|value| value.as_str() == Some(old));
            spans.extend(value.map(|value| value.span.clone()));
        }
    };
    for node in elements(diagram, "nodes") {
        named(node, &["id"]);
    }
    for edge in elements(diagram, "edges") {
        named(edge, &["from", "to"]);
    }
    for scenario in elements(diagram, "scenarios") {
        for step in elements(scenario, "steps") {
            named(step, &["from", "to", "node"]);
        }
    }
    spans.sort_by_key(|span| span.start);
    Ok(replace_each(text, &spans, &json_string(new)?))
}

/// Puts the steps of scenario `scenario_id` in `order`: `order[k]` is the index of the step that
/// becomes step `k`. The steps keep their own text, and the text between them stays in place.
pub fn reorder_steps(
    text: &str,
    project_id: &str,
    scenario_id: &str,
    order: &[usize],
) -> Result<TextEdit, EditError> {
    let draft = Draft::read(text)?;
    let diagram = draft.diagram(project_id)?;
    let steps = elements(scenario(diagram, scenario_id)?, "steps");
    let mut sorted = order.to_vec();
    sorted.sort_unstable();
    if !sorted.iter().copied().eq(0..steps.len()) {
        return Err(EditError::NotAnOrder {
            len: steps.len(),
            order: order.to_vec(),
        });
    }
    let (Some(first), Some(last)) = (steps.first(), steps.last()) else {
        return Ok(TextEdit {
            range: 0..0,
            insert: String::new(),
        });
    };
    let mut insert = String::new();
    for (slot, &step) in order.iter().enumerate() {
        insert.push_str(&text[steps[step].span.clone()]);
        if let Some(next) = steps.get(slot + 1) {
            insert.push_str(&text[steps[slot].span.end..next.span.start]);
        }
    }
    Ok(TextEdit {
        range: first.span.start..last.span.end,
        insert,
    })
}

/// Moves step `from` of scenario `scenario_id` to index `to`, the steps between shifting by
/// one (the form's "move up" and "move down").
pub fn move_step(
    text: &str,
    project_id: &str,
    scenario_id: &str,
    from: usize,
    to: usize,
) -> Result<TextEdit, EditError> {
    let draft = Draft::read(text)?;
    let diagram = draft.diagram(project_id)?;
    let len = elements(scenario(diagram, scenario_id)?, "steps").len();
    let mut order: Vec<usize> = (0..len).collect();
    if from >= len || to >= len {
        return Err(EditError::NotAnOrder {
            len,
            order: vec![from, to],
        });
    }
    let step = order.remove(from);
    order.insert(to, step);
    reorder_steps(text, project_id, scenario_id, &order)
}

/// A draft read for an edit: its text and the span of each of its values.
struct Draft<'a> {
    text: &'a str,
    root: Spanned,
}

impl<'a> Draft<'a> {
    fn read(text: &'a str) -> Result<Self, EditError> {
        // serde_json judges what is JSON, and says where it is not; the spans are read after.
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        if let Err(error) = serde_json::from_str::<serde::de::IgnoredAny>(body) {
            return Err(EditError::NotJson(error.to_string()));
        }
        let root = scan::parse_spans(text)
            .ok_or_else(|| EditError::NotJson("its structure could not be read".into()))?;
        Ok(Draft { text, root })
    }

    /// The diagram object of the first project whose id is `project_id`.
    fn diagram(&self, project_id: &str) -> Result<&Spanned, EditError> {
        let unknown = || EditError::UnknownProject(project_id.to_string());
        let projects = self.root.member("projects").ok_or_else(unknown)?;
        let projects = projects.elements().ok_or(EditError::Shape {
            path: "projects".into(),
            expected: "an array",
        })?;
        let project = (projects.iter())
            .find(|project| project.str_member("id") == Some(project_id))
            .ok_or_else(unknown)?;
        (project.member("diagram"))
            .filter(|diagram| diagram.members().is_some())
            .ok_or_else(|| EditError::NoDiagram(project_id.to_string()))
    }

    /// Appends `value` to the array at `key` of `object`, adding the member (after the others)
    /// when the object has none.
    fn append(
        &self,
        object: &Spanned,
        key: &str,
        value: &impl Serialize,
    ) -> Result<TextEdit, EditError> {
        let Some(array) = object.member(key) else {
            return self.add_member(object, key, std::slice::from_ref(value));
        };
        let elements = array.elements().ok_or(EditError::Shape {
            path: key.into(),
            expected: "an array",
        })?;
        let items: Vec<Range<usize>> = elements.iter().map(|e| e.span.clone()).collect();
        self.append_item(array, &items, &|indent, compact| {
            self.render(value, indent, compact)
        })
    }

    /// Adds the member `key: value` at the end of `object`, its separator as the last member's.
    fn add_member(
        &self,
        object: &Spanned,
        key: &str,
        value: &(impl Serialize + ?Sized),
    ) -> Result<TextEdit, EditError> {
        let members = object.members().unwrap_or_default();
        let items: Vec<Range<usize>> = (members.iter())
            .map(|member| member.key_span.start..member.value.span.end)
            .collect();
        let written_colon =
            (members.last()).map(|last| &self.text[last.key_span.end..last.value.span.start]);
        let key = json_string(key)?;
        self.append_item(object, &items, &|indent, compact| {
            let colon = written_colon.unwrap_or(if compact { ":" } else { ": " });
            Ok(format!(
                "{key}{colon}{}",
                self.render(value, indent, compact)?
            ))
        })
    }

    /// Appends an item to the container (array or object) whose items are at `items`. `item`
    /// writes it for an indentation, and on one line when `compact`.
    fn append_item(
        &self,
        container: &Spanned,
        items: &[Range<usize>],
        item: &dyn Fn(&str, bool) -> Result<String, EditError>,
    ) -> Result<TextEdit, EditError> {
        let text = self.text;
        let open = container.span.start;
        // Between the new item and the last, what is between the last two (a comma and the
        // line break and indentation); with one item, a comma and what follows the bracket.
        let (at, gap) = match items {
            [] => return self.fill_empty(container, item),
            [only] => (only.end, format!(",{}", &text[open + 1..only.start])),
            [.., before, last] => (last.end, text[before.end..last.start].to_string()),
        };
        let compact = !gap.contains('\n');
        let indent = if compact {
            ""
        } else {
            gap.rsplit('\n').next().unwrap_or_default()
        };
        Ok(TextEdit {
            range: at..at,
            insert: format!("{gap}{}", item(indent, compact)?),
        })
    }

    /// Writes the first item into an empty container, one indentation deeper than the line it
    /// opens on (or on one line, in a draft written on one line).
    fn fill_empty(
        &self,
        container: &Spanned,
        item: &dyn Fn(&str, bool) -> Result<String, EditError>,
    ) -> Result<TextEdit, EditError> {
        let inside = container.span.start + 1..container.span.end - 1;
        if !self.text.trim().contains('\n') {
            let insert = item("", true)?;
            return Ok(TextEdit {
                range: inside,
                insert,
            });
        }
        let (newline, unit) = (self.newline(), self.indent_unit());
        let outer = line_indent(self.text, container.span.start);
        let inner = format!("{outer}{unit}");
        let insert = format!("{newline}{inner}{}{newline}{outer}", item(&inner, false)?);
        Ok(TextEdit {
            range: inside,
            insert,
        })
    }

    /// `value` as JSON: on one line when `compact`, else indented as the draft is, each line
    /// after the first starting with `indent`.
    fn render(
        &self,
        value: &(impl Serialize + ?Sized),
        indent: &str,
        compact: bool,
    ) -> Result<String, EditError> {
        let unwritable = |error: &dyn std::fmt::Display| EditError::Unwritable(error.to_string());
        if compact {
            return serde_json::to_string(value).map_err(|e| unwritable(&e));
        }
        let unit = self.indent_unit();
        let formatter = serde_json::ser::PrettyFormatter::with_indent(unit.as_bytes());
        let mut written = Vec::new();
        let mut serializer = serde_json::Serializer::with_formatter(&mut written, formatter);
        value
            .serialize(&mut serializer)
            .map_err(|e| unwritable(&e))?;
        let written = String::from_utf8(written).map_err(|e| unwritable(&e))?;
        // serde_json writes a line break only between tokens, never inside a string.
        Ok(written.replace('\n', &format!("{}{indent}", self.newline())))
    }

    /// The draft's line break: Windows' where it has any.
    fn newline(&self) -> &'static str {
        if self.text.contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        }
    }

    /// One level of the draft's indentation: that of its first indented line (a member of the
    /// root object), two spaces if none is.
    fn indent_unit(&self) -> &'a str {
        let lines = self
            .text
            .lines()
            .skip(1)
            .filter(|line| !line.trim().is_empty());
        let mut indents = lines.map(|line| line_indent(line, 0));
        indents.find(|indent| !indent.is_empty()).unwrap_or("  ")
    }
}

/// The spaces and tabs that start the line `at` is on.
fn line_indent(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |newline| newline + 1);
    let line = &text[start..];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// One edit that writes `insert` in place of each of `spans` (in order, not overlapping) and
/// keeps the text between them.
fn replace_each(text: &str, spans: &[Range<usize>], insert: &str) -> TextEdit {
    let (Some(first), Some(last)) = (spans.first(), spans.last()) else {
        return TextEdit {
            range: 0..0,
            insert: String::new(),
        };
    };
    let mut written = String::new();
    for (index, span) in spans.iter().enumerate() {
        written.push_str(insert);
        if let Some(next) = spans.get(index + 1) {
            written.push_str(&text[span.end..next.start]);
        }
    }
    TextEdit {
        range: first.start..last.end,
        insert: written,
    }
}

fn json_string(text: &str) -> Result<String, EditError> {
    serde_json::to_string(text).map_err(|error| EditError::Unwritable(error.to_string()))
}

/// The elements of the array at `key` of `object`; none when it is absent or not an array.
fn elements<'s>(object: &'s Spanned, key: &str) -> &'s [Spanned] {
    object
        .member(key)
        .and_then(Spanned::elements)
        .unwrap_or_default()
}

/// The string `field` of each element of the array at `key` (the ids of a diagram's nodes).
fn strings<'s>(object: &'s Spanned, key: &str, field: &str) -> Vec<&'s str> {
    let items = elements(object, key).iter();
    items.filter_map(|item| item.str_member(field)).collect()
}

/// A diagram's edges, each as its (from, to).
fn edges(diagram: &Spanned) -> Vec<(&str, &str)> {
    let edges = elements(diagram, "edges").iter();
    edges
        .filter_map(|edge| Some((edge.str_member("from")?, edge.str_member("to")?)))
        .collect()
}

fn scenario<'s>(diagram: &'s Spanned, scenario_id: &str) -> Result<&'s Spanned, EditError> {
    (elements(diagram, "scenarios").iter())
        .find(|scenario| scenario.str_member("id") == Some(scenario_id))
        .ok_or_else(|| EditError::UnknownScenario(scenario_id.to_string()))
}

fn check_id(id: &str) -> Result<(), EditError> {
    match is_kebab_case(id) {
        true => Ok(()),
        false => Err(EditError::InvalidId(id.to_string())),
    }
}

fn check_text(field: &'static str, value: &str) -> Result<(), EditError> {
    match value.trim().is_empty() {
        true => Err(EditError::Blank(field)),
        false => Ok(()),
    }
}

fn check_kind<T>(kind: &Kind<T>, known: &'static str) -> Result<(), EditError> {
    match kind {
        Kind::Known(_) => Ok(()),
        Kind::Unknown(kind) => Err(EditError::UnknownKind {
            kind: kind.clone(),
            known,
        }),
    }
}

/// A step as `validate.rs` wants it: a caption, and an edge or a node of `diagram` to light.
fn check_step(diagram: &Spanned, step: &Step) -> Result<(), EditError> {
    check_text("caption", &step.caption)?;
    if let Some(note) = &step.note {
        check_text("note", note)?;
    }
    if step
        .after
        .is_some_and(|wait| !(wait.amount.is_finite() && wait.amount > 0.0))
    {
        return Err(EditError::InvalidWait);
    }
    match (&step.from, &step.to, &step.node) {
        (Some(from), Some(to), None) => {
            if !edges(diagram).contains(&(from.as_str(), to.as_str())) {
                return Err(EditError::UnknownEdge {
                    from: from.clone(),
                    to: to.clone(),
                });
            }
        }
        (None, None, Some(node)) => {
            if !strings(diagram, "nodes", "id").contains(&node.as_str()) {
                return Err(EditError::UnknownNode(node.clone()));
            }
        }
        _ => return Err(EditError::StepShape),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use portfolio::model::{EdgeKind, NodeKind, Profile, TimeUnit, Wait};
    use portfolio::parse::parse_profile;
    use portfolio::validate::validate;

    const RICH: &str = include_str!("../../../tests/fixtures/rich.json");
    const MINIMAL: &str = include_str!("../../../tests/fixtures/minimal.json");

    /// The text after `edit`, which must parse and validate.
    fn valid_after(text: &str, edit: Result<TextEdit, EditError>) -> (String, Profile) {
        let edited = edit.unwrap().apply(text).unwrap();
        let profile = parse_profile(&edited).unwrap_or_else(|e| panic!("{e}\n{edited}"));
        assert_eq!(validate(&profile), vec![], "{edited}");
        (edited, profile)
    }

    fn node(id: &str, kind: NodeKind) -> Node {
        Node {
            id: id.into(),
            label: format!("The {id}"),
            kind: kind.into(),
            ..Node::default()
        }
    }

    fn edge(from: &str, to: &str) -> Edge {
        Edge {
            from: from.into(),
            to: to.into(),
            label: None,
            kind: EdgeKind::Sync.into(),
        }
    }

    fn edge_step(from: &str, to: &str, caption: &str) -> Step {
        Step {
            from: Some(from.into()),
            to: Some(to.into()),
            caption: caption.into(),
            ..Step::default()
        }
    }

    #[test]
    fn a_node_is_written_like_its_neighbours_and_nothing_else_changes() {
        let edit = add_node(MINIMAL, "order-queue", &node("worker", NodeKind::Function));
        let expected = [
            ",",
            "          {",
            "            \"id\": \"worker\",",
            "            \"label\": \"The worker\",",
            "            \"kind\": \"function\"",
            "          }",
        ]
        .join("\n");
        assert_eq!(edit.as_ref().unwrap().insert, expected);
        let (edited, profile) = valid_after(MINIMAL, edit.clone());
        let at = edit.unwrap().range.start;
        assert_eq!(&MINIMAL[..at], &edited[..at]);
        assert_eq!(&MINIMAL[at..], &edited[at + expected.len()..]);
        let nodes = &profile.projects[0].diagram.nodes;
        assert_eq!(nodes.last().unwrap().id, "worker");
    }

    #[test]
    fn an_edge_joins_two_existing_nodes_once() {
        let mut labelled = edge("db", "queue");
        labelled.label = Some("retry".into());
        labelled.kind = EdgeKind::Retry.into();
        let (_, profile) = valid_after(MINIMAL, add_edge(MINIMAL, "order-queue", &labelled));
        assert_eq!(profile.projects[0].diagram.edges[1], labelled);
        let errors = [
            (
                edge("queue", "nowhere"),
                EditError::UnknownNode("nowhere".into()),
            ),
            (
                edge("queue", "db"),
                EditError::DuplicateEdge {
                    from: "queue".into(),
                    to: "db".into(),
                },
            ),
        ];
        for (edge, error) in errors {
            assert_eq!(add_edge(MINIMAL, "order-queue", &edge), Err(error));
        }
        let mut odd = edge("db", "queue");
        odd.kind = Kind::Unknown("teleport".into());
        let error = add_edge(MINIMAL, "order-queue", &odd).unwrap_err();
        assert!(error
            .to_string()
            .starts_with("unknown kind \"teleport\" (one of sync"));
    }

    #[test]
    fn a_node_is_refused_for_what_validation_would_refuse() {
        let cases = [
            (
                node("queue", NodeKind::Queue),
                EditError::DuplicateId("queue".into()),
            ),
            (
                node("Worker", NodeKind::Queue),
                EditError::InvalidId("Worker".into()),
            ),
            (
                Node {
                    label: " ".into(),
                    ..node("worker", NodeKind::Queue)
                },
                EditError::Blank("label"),
            ),
            (
                Node {
                    group: Some("vpc".into()),
                    ..node("worker", NodeKind::Queue)
                },
                EditError::UnknownGroup("vpc".into()),
            ),
        ];
        for (node, error) in cases {
            assert_eq!(add_node(MINIMAL, "order-queue", &node), Err(error));
        }
        let worker = node("worker", NodeKind::Queue);
        let unknown = EditError::UnknownProject("nope".into());
        assert_eq!(add_node(MINIMAL, "nope", &worker), Err(unknown));
        let error = add_node("{\"projects\": [", "order-queue", &worker).unwrap_err();
        assert!(matches!(error, EditError::NotJson(_)), "{error}");
        let bare = r#"{"projects": [{"id": "a", "title": "A"}]}"#;
        let no_diagram = EditError::NoDiagram("a".into());
        assert_eq!(add_node(bare, "a", &worker), Err(no_diagram));
    }

    #[test]
    fn a_scenario_is_added_where_there_were_none_then_a_step_to_it() {
        let scenario = Scenario {
            id: "db-down".into(),
            title: "The database is down".into(),
            steps: vec![edge_step("queue", "db", "The write fails")],
        };
        let (edited, profile) =
            valid_after(MINIMAL, add_scenario(MINIMAL, "order-queue", &scenario));
        assert_eq!(profile.projects[0].diagram.scenarios, [scenario]);
        assert!(edited.contains(
            "        ],\n        \"scenarios\": [\n          {\n            \"id\": \"db-down\""
        ));
        let step = Step {
            node: Some("queue".into()),
            caption: "It waits in the queue".into(),
            fails: true,
            after: Some(Wait {
                amount: 2.5,
                unit: TimeUnit::S,
            }),
            ..Step::default()
        };
        let edit = add_step(&edited, "order-queue", "db-down", &step);
        let (_, profile) = valid_after(&edited, edit);
        assert_eq!(profile.projects[0].diagram.scenarios[0].steps[1], step);
    }

    #[test]
    fn a_step_is_refused_for_what_validation_would_refuse() {
        let project = "gdpr-deletion";
        let scenario = "deletion-request";
        let cases = [
            (
                edge_step("dlq", "sns", "Back"),
                EditError::UnknownEdge {
                    from: "dlq".into(),
                    to: "sns".into(),
                },
            ),
            (edge_step("sns", "sqs", "  "), EditError::Blank("caption")),
            (
                Step {
                    node: Some("sns".into()),
                    ..edge_step("sns", "sqs", "Both")
                },
                EditError::StepShape,
            ),
            (
                Step {
                    after: Some(Wait {
                        amount: 0.0,
                        unit: TimeUnit::Ms,
                    }),
                    ..edge_step("sns", "sqs", "Now")
                },
                EditError::InvalidWait,
            ),
        ];
        for (step, error) in cases {
            assert_eq!(add_step(RICH, project, scenario, &step), Err(error));
        }
        let step = edge_step("sns", "sqs", "Fan out");
        let unknown = EditError::UnknownScenario("nope".into());
        assert_eq!(add_step(RICH, project, "nope", &step), Err(unknown));
        valid_after(RICH, add_step(RICH, project, scenario, &step));
    }

    #[test]
    fn a_rename_reaches_every_reference_in_its_diagram_and_no_other() {
        let (edited, profile) =
            valid_after(RICH, rename_node(RICH, "gdpr-deletion", "sqs", "queue"));
        let before = parse_profile(RICH).unwrap();
        let renamed = |p: &Profile| {
            let diagram = &p.projects[1].diagram;
            let steps = diagram.scenarios.iter().flat_map(|s| &s.steps);
            let ends = steps.flat_map(|s| [&s.from, &s.to, &s.node]).flatten();
            let edges = diagram.edges.iter().flat_map(|e| [&e.from, &e.to]);
            let ids = diagram.nodes.iter().map(|n| &n.id);
            let all: Vec<&String> = ids.chain(edges).chain(ends).collect();
            (
                all.iter().filter(|id| **id == "sqs").count(),
                all.iter().filter(|id| **id == "queue").count(),
            )
        };
        let (sqs_before, _) = renamed(&before);
        assert!(
            sqs_before > 5,
            "the fixture refers to sqs often: {sqs_before}"
        );
        assert_eq!(renamed(&profile), (0, sqs_before));
        // The other diagram with an `sqs` node keeps it.
        assert_eq!(profile.projects[3].diagram, before.projects[3].diagram);
        let back = rename_node(&edited, "gdpr-deletion", "queue", "sqs").unwrap();
        assert_eq!(back.apply(&edited).unwrap(), RICH);
    }

    #[test]
    fn a_rename_leaves_a_group_of_the_same_id() {
        let text = r#"{"projects": [{"id": "p", "diagram": {
            "groups": [{"id": "vpc", "label": "VPC", "kind": "boundary"}],
            "nodes": [{"id": "vpc", "label": "VPC", "kind": "gate", "group": "vpc"}],
            "edges": [{"from": "vpc", "to": "vpc", "kind": "sync"}]}}]}"#;
        let edited = rename_node(text, "p", "vpc", "gate")
            .unwrap()
            .apply(text)
            .unwrap();
        assert_eq!(edited.matches("\"vpc\"").count(), 2, "{edited}");
        assert_eq!(edited.matches("\"gate\"").count(), 4, "{edited}");
    }

    #[test]
    fn a_rename_is_refused_onto_an_id_in_use_or_not_kebab_case() {
        let rename = |old, new| rename_node(RICH, "gdpr-deletion", old, new);
        assert_eq!(
            rename("sqs", "sns"),
            Err(EditError::DuplicateId("sns".into()))
        );
        assert_eq!(
            rename("sqs", "SQS"),
            Err(EditError::InvalidId("SQS".into()))
        );
        assert_eq!(
            rename("nope", "x"),
            Err(EditError::UnknownNode("nope".into()))
        );
        let same = rename("sqs", "sqs").unwrap();
        assert_eq!(same.apply(RICH).unwrap(), RICH);
    }

    #[test]
    fn steps_are_reordered_in_one_edit_and_back() {
        let (project, scenario) = ("gdpr-deletion", "external-api-fails");
        let order = [5, 0, 4, 1, 3, 2];
        let edit = reorder_steps(RICH, project, scenario, &order).unwrap();
        let (edited, profile) = valid_after(RICH, Ok(edit));
        let before = parse_profile(RICH).unwrap();
        let steps = |p: &Profile| p.projects[1].diagram.scenarios[1].steps.clone();
        let expected: Vec<Step> = order.iter().map(|&i| steps(&before)[i].clone()).collect();
        assert_eq!(steps(&profile), expected);
        let mut inverse = [0; 6];
        for (slot, &step) in order.iter().enumerate() {
            inverse[step] = slot;
        }
        let back = reorder_steps(&edited, project, scenario, &inverse).unwrap();
        assert_eq!(back.apply(&edited).unwrap(), RICH);

        let (_, moved) = valid_after(RICH, move_step(RICH, project, scenario, 0, 2));
        let was = steps(&before);
        assert_eq!(
            steps(&moved)[..3],
            [was[1].clone(), was[2].clone(), was[0].clone()]
        );
        for order in [&[0, 1][..], &[0, 1, 2, 3, 4, 4], &[0, 1, 2, 3, 4, 6]] {
            let error = reorder_steps(RICH, project, scenario, order).unwrap_err();
            assert!(
                matches!(error, EditError::NotAnOrder { len: 6, .. }),
                "{error}"
            );
        }
        assert!(move_step(RICH, project, scenario, 6, 0).is_err());
    }

    #[test]
    fn a_draft_on_one_line_stays_on_one_line() {
        let document: serde_json::Value = serde_json::from_str(MINIMAL).unwrap();
        let compact = serde_json::to_string(&document).unwrap();
        let edit = add_node(&compact, "order-queue", &node("worker", NodeKind::Function));
        let (edited, _) = valid_after(&compact, edit);
        assert!(!edited.contains('\n'));
        assert!(edited.contains(r#"},{"id":"worker","label":"The worker","kind":"function"}]"#));
        let scenario = Scenario {
            id: "s".into(),
            title: "S".into(),
            steps: vec![edge_step("queue", "db", "Go")],
        };
        let (edited, _) = valid_after(&edited, add_scenario(&edited, "order-queue", &scenario));
        assert!(!edited.contains('\n'));
    }

    #[test]
    fn windows_line_ends_tabs_and_a_byte_order_mark_are_kept() {
        let windows = format!(
            "\u{feff}{}",
            MINIMAL.replace("  ", "\t").replace('\n', "\r\n")
        );
        let edit = add_edge(&windows, "order-queue", &edge("db", "queue"));
        let (edited, _) = valid_after(&windows, edit);
        assert!(edited.starts_with('\u{feff}'));
        assert_eq!(edited.matches('\n').count(), edited.matches("\r\n").count());
        assert!(
            edited.contains("},\r\n\t\t\t\t\t{\r\n\t\t\t\t\t\t\"from\": \"db\""),
            "{edited}"
        );
    }

    #[test]
    fn the_first_item_of_an_empty_list_goes_one_level_deeper() {
        let text = [
            "{",
            "  \"projects\": [",
            "    {",
            "      \"id\": \"p\",",
            "      \"diagram\": {",
            "        \"nodes\": [],",
            "        \"edges\": [ ]",
            "      }",
            "    }",
            "  ]",
            "}\n",
        ]
        .join("\n");
        let text = text.as_str();
        let edited = add_node(text, "p", &node("a", NodeKind::Source))
            .unwrap()
            .apply(text);
        let edited = edited.unwrap();
        let nodes = [
            "        \"nodes\": [",
            "          {",
            "            \"id\": \"a\",",
            "            \"label\": \"The a\",",
            "            \"kind\": \"source\"",
            "          }",
            "        ],",
        ]
        .join("\n");
        assert!(edited.contains(&nodes), "{edited}");
        let edited = add_edge(&edited, "p", &edge("a", "a"))
            .unwrap()
            .apply(&edited)
            .unwrap();
        assert!(edited.contains("\"edges\": [\n          {\n            \"from\": \"a\""));
        assert!(
            edited.ends_with("        ]\n      }\n    }\n  ]\n}\n"),
            "{edited}"
        );
    }

    #[test]
    fn an_edit_for_another_text_does_not_apply() {
        let edit = TextEdit {
            range: 3..10,
            insert: "x".into(),
        };
        assert_eq!(edit.apply("short"), None);
        assert_eq!(edit.apply("ab\u{e9}defghijk"), None, "inside a character");
        let (start, end) = (2, 1);
        let backwards = TextEdit {
            range: start..end,
            insert: String::new(),
        };
        assert_eq!(backwards.apply("abc"), None);
    }
}
