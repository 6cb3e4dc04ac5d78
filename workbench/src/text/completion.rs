//! Completion at the caret of a profile draft: what the workbench's editor offers as the owner
//! types.
//!
//! A draft being typed is rarely JSON at the caret (a string not closed yet, a comma to come), so
//! the place is found by a tolerant walk over the tokens before the caret (`scan.rs`): the JSON
//! path of the caret (`projects[2].diagram.edges[0].from`) and whether it is at an object's
//! member name or at a value. There the JSON Schema of profile.json says what may be written:
//! the member names of that object not written yet, or an enum's values. Where the format refers
//! to the profile's own names, the draft's names are offered instead: a diagram's node ids in an
//! edge's and a step's `from`, `to` and `node`, its group ids in a node's `group`, the project
//! ids in `ai.sideProject`, and tags and aliases in a project's and a node's `tags`.
//!
//! Those names come from the last draft that parsed ([`DraftNames`]), since the text at the
//! caret is mid-edit. Every result carries the byte range its candidate replaces (the word typed
//! so far) and the exact text to insert, so the editor applies one without knowing JSON.

use std::ops::Range;

use serde_json::Value;

use super::scan::{self, Token, TokenKind};
use portfolio::model::Profile;

/// One step of a JSON path: an object's member or an array's element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathSegment {
    Key(String),
    Index(usize),
}

/// A path as `validate` names places: `projects[2].diagram.edges[0].from`.
pub fn path_text(path: &[PathSegment]) -> String {
    let mut text = String::new();
    for segment in path {
        match segment {
            PathSegment::Key(key) if text.is_empty() => text.push_str(key),
            PathSegment::Key(key) => {
                text.push('.');
                text.push_str(key);
            }
            PathSegment::Index(index) => text.push_str(&format!("[{index}]")),
        }
    }
    text
}

/// What the caret is at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Position {
    /// A member's name in the object at `object`.
    Key { object: Vec<PathSegment> },
    /// The value at `path`: an object's member or an array's element.
    Value { path: Vec<PathSegment> },
}

/// Where a candidate comes from, for the editor to show (and screen readers to say).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CandidateKind {
    /// A member name the schema allows in this object.
    Field,
    /// One of the values of an enum of the schema (a node's `kind`).
    EnumValue,
    /// `true` or `false`, where the schema wants a boolean.
    Boolean,
    /// The id of a node of this diagram.
    NodeId,
    /// The id of a group of this diagram.
    GroupId,
    /// The id of a project.
    ProjectId,
    /// A tag some project lists.
    Tag,
    /// A spelling of `tags.aliases`.
    TagAlias,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// What to show: the name or value itself.
    pub label: String,
    /// What replaces [`Completion::replace`]: the label as JSON, in quotes unless the caret is
    /// already inside a string.
    pub insert: String,
    pub kind: CandidateKind,
    /// A line about it: the schema's description, a node's label, what an alias stands for.
    pub detail: Option<String>,
}

/// The candidates at a caret, and the range of the text each one replaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub position: Position,
    /// The word typed so far (the whole string the caret is in, when that is closed); empty at
    /// the caret when nothing is typed yet. On char boundaries.
    pub replace: Range<usize>,
    /// What was typed before the caret in that word, as written: candidates contain it
    /// (ignoring ASCII case), those that start with it first.
    pub typed: String,
    pub candidates: Vec<Candidate>,
}

/// The names of a profile that other places refer to, from the last draft that parsed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftNames {
    /// By index in `projects`, as a caret's path names a project.
    pub projects: Vec<ProjectNames>,
    /// `tags.aliases`: each spelling and the tags it stands for.
    pub aliases: Vec<(String, Vec<String>)>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectNames {
    pub id: String,
    pub title: String,
    pub tags: Vec<String>,
    /// Its diagram's nodes, with their labels.
    pub nodes: Vec<Named>,
    /// Its diagram's groups, with their labels.
    pub groups: Vec<Named>,
}

/// An id and the label that says what it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Named {
    pub id: String,
    pub label: String,
}

impl DraftNames {
    /// The names of a parsed profile.
    pub fn from_profile(profile: &Profile) -> Self {
        let named = |id: &String, label: &String| Named {
            id: id.clone(),
            label: label.clone(),
        };
        let projects = (profile.projects.iter())
            .map(|project| ProjectNames {
                id: project.id.clone(),
                title: project.title.clone(),
                tags: project.tags.clone(),
                nodes: (project.diagram.nodes.iter())
                    .map(|node| named(&node.id, &node.label))
                    .collect(),
                groups: (project.diagram.groups.iter())
                    .map(|group| named(&group.id, &group.label))
                    .collect(),
            })
            .collect();
        let aliases = (profile.tags.aliases.iter())
            .map(|(alias, tags)| (alias.clone(), tags.clone()))
            .collect();
        DraftNames { projects, aliases }
    }

    /// The names of any JSON document, read as a profile would be where it has that shape: a
    /// draft that is JSON but not yet a valid profile (a field misspelt) still gives its names.
    pub fn from_document(document: &Value) -> Self {
        let text = |value: &Value, key: &str| {
            value
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let strings = |value: Option<&Value>| -> Vec<String> {
            let items = value.and_then(Value::as_array).map(Vec::as_slice);
            let items = items.unwrap_or_default().iter();
            items
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        };
        let named = |value: Option<&Value>| -> Vec<Named> {
            let items = value.and_then(Value::as_array).map(Vec::as_slice);
            (items.unwrap_or_default().iter())
                .filter(|item| item.get("id").is_some_and(Value::is_string))
                .map(|item| Named {
                    id: text(item, "id"),
                    label: text(item, "label"),
                })
                .collect()
        };
        let projects = document.get("projects").and_then(Value::as_array);
        let projects = (projects.map(Vec::as_slice).unwrap_or_default().iter())
            .map(|project| ProjectNames {
                id: text(project, "id"),
                title: text(project, "title"),
                tags: strings(project.get("tags")),
                nodes: named(project.pointer("/diagram/nodes")),
                groups: named(project.pointer("/diagram/groups")),
            })
            .collect();
        let aliases = document.pointer("/tags/aliases").and_then(Value::as_object);
        let aliases = (aliases.into_iter().flatten())
            .map(|(alias, tags)| (alias.clone(), strings(Some(tags))))
            .collect();
        DraftNames { projects, aliases }
    }
}

/// A walk deeper than this gives up: no profile nests a tenth as deep, and a hostile draft of
/// nothing but `[` would otherwise hold a frame per byte.
const MAX_DEPTH: usize = 64;

/// What may be written at byte `caret` of `text`, per the profile's JSON Schema `schema` (as
/// `public/profile.schema.json` holds it) and the draft's `names`. `None` where nothing is
/// completed: after a value, between a name and its colon, outside the text or inside a
/// character.
pub fn complete(
    text: &str,
    caret: usize,
    schema: &Value,
    names: &DraftNames,
) -> Option<Completion> {
    if !text.is_char_boundary(caret) {
        return None;
    }
    let (walker, at_caret) = walk_to(text, caret)?;
    let (position, container) = walker.position(at_caret.as_ref())?;
    let (replace, in_string) = replace_range(text, caret, at_caret.as_ref());
    let typed = text[replace.start..caret].to_string();
    // What is written already counts for an object's names and a list's strings (a project's
    // tags), not for a member's value: an edge's `from` may name a node `to`.
    let counts_present = match &position {
        Position::Key { .. } => true,
        Position::Value { path } => matches!(path.last(), Some(PathSegment::Index(_))),
    };
    let present = match counts_present {
        true => present_names(text, container, at_caret.as_ref().map(|t| t.span.clone())),
        false => Vec::new(),
    };
    let mut candidates = match &position {
        Position::Key { object } => field_candidates(&schemas_at(schema, object), &present),
        Position::Value { path } => match reference_at(path) {
            Some(reference) => reference_candidates(reference, names, &present),
            None => value_candidates(&schemas_at(schema, path), in_string),
        },
    };
    // A string not closed yet is closed by the choice, as the quote the owner typed asked.
    let unclosed = at_caret
        .as_ref()
        .is_some_and(|token| token.kind == TokenKind::String { closed: false });
    for candidate in &mut candidates {
        candidate.insert = insert_text(&candidate.label, candidate.kind, in_string);
        if unclosed && in_string {
            candidate.insert.push('"');
        }
    }
    Some(Completion {
        position,
        replace,
        candidates: matching(candidates, &typed),
        typed,
    })
}

/// The walker after the tokens before the caret, and the token the caret is in (a word being
/// typed), if any. `None` for a caret past the end or a draft nested too deep.
fn walk_to(text: &str, caret: usize) -> Option<(Walker, Option<Token>)> {
    if caret > text.len() {
        return None;
    }
    let mut walker = Walker::default();
    for token in scan::tokens_from(text, 0) {
        if token.span.start >= caret {
            break;
        }
        let inside = match token.kind {
            // A string not closed ends at its line: the caret is in it up to there.
            TokenKind::String { closed } => {
                caret < token.span.end || (!closed && caret == token.span.end)
            }
            TokenKind::Bare => caret <= token.span.end,
            _ => false,
        };
        if inside {
            return Some((walker, Some(token)));
        }
        walker.step(text, &token);
        if walker.frames.len() > MAX_DEPTH {
            return None;
        }
    }
    Some((walker, None))
}

/// What the caret's candidate replaces, and whether that is inside a string's quotes.
fn replace_range(text: &str, caret: usize, at_caret: Option<&Token>) -> (Range<usize>, bool) {
    let Some(token) = at_caret else {
        return (caret..caret, false);
    };
    match token.kind {
        TokenKind::String { closed: true } => (scan::string_content(token), true),
        // A string not closed (yet) may run into what the owner has not retyped: only the rest
        // of the word at the caret is replaced.
        TokenKind::String { closed: false } => {
            let content = scan::string_content(token);
            let rest = &text[caret..content.end];
            let word = rest
                .char_indices()
                .find(|&(_, c)| scan::is_delimiter(c) || c == '\\')
                .map_or(rest.len(), |(offset, _)| offset);
            (content.start..caret + word, true)
        }
        _ => (token.span.clone(), false),
    }
}

/// The names already written in the container (object or array) whose `{` or `[` is at
/// `open`: an object's member names, an array's strings. The token at the caret, `skip`, is
/// being replaced, so it does not count.
fn present_names(text: &str, open: usize, skip: Option<Range<usize>>) -> Vec<String> {
    let mut walker = Walker::default();
    let mut found = Vec::new();
    for token in scan::tokens_from(text, open) {
        let in_container = walker.frames.len() == 1;
        let read = walker.step(text, &token);
        if in_container && Some(&token.span) != skip.as_ref() {
            if let Read::Name(name) = read {
                found.push(name);
            }
        }
        if walker.frames.is_empty() || walker.frames.len() > MAX_DEPTH {
            break;
        }
    }
    found
}

/// What the walker expects next in its innermost container.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    Key,
    Colon,
    Value,
    /// A comma or the container's end.
    Next,
}

/// An open container; `open` is where its `{` or `[` is.
#[derive(Debug)]
enum Frame {
    Object {
        open: usize,
        key: Option<String>,
        expect: Expect,
    },
    Array {
        open: usize,
        index: usize,
        expect: Expect,
    },
}

/// What a token read in the innermost container: a member's name, or an array's string.
enum Read {
    Name(String),
    Nothing,
}

/// A tolerant reading of JSON's structure, one token at a time. A missing comma or colon is
/// taken as written where it would be, and a closing bracket with no container of its kind
/// open is left out, so what the owner has not finished typing does not lose the caret's place.
#[derive(Debug, Default)]
struct Walker {
    frames: Vec<Frame>,
}

impl Walker {
    fn step(&mut self, text: &str, token: &Token) -> Read {
        let open = token.span.start;
        match token.kind {
            TokenKind::OpenObject | TokenKind::OpenArray => {
                self.begin_value();
                self.frames.push(match token.kind {
                    TokenKind::OpenObject => Frame::Object {
                        open,
                        key: None,
                        expect: Expect::Key,
                    },
                    _ => Frame::Array {
                        open,
                        index: 0,
                        expect: Expect::Value,
                    },
                });
            }
            TokenKind::CloseObject => self.close(|frame| matches!(frame, Frame::Object { .. })),
            TokenKind::CloseArray => self.close(|frame| matches!(frame, Frame::Array { .. })),
            TokenKind::Colon => {
                if let Some(Frame::Object { expect, .. }) = self.frames.last_mut() {
                    if *expect == Expect::Colon {
                        *expect = Expect::Value;
                    }
                }
            }
            TokenKind::Comma => match self.frames.last_mut() {
                Some(Frame::Object { key, expect, .. }) => {
                    (*key, *expect) = (None, Expect::Key);
                }
                Some(Frame::Array { index, expect, .. }) => {
                    (*index, *expect) = (*index + 1, Expect::Value);
                }
                None => {}
            },
            TokenKind::String { .. } | TokenKind::Bare => return self.word(text, token),
        }
        Read::Nothing
    }

    /// A string or bare word: an object's member name where one is expected (a word typed
    /// without quotes too, or after a value whose comma is missing), else a value (after a
    /// name whose colon is missing too).
    fn word(&mut self, text: &str, token: &Token) -> Read {
        let is_string = matches!(token.kind, TokenKind::String { .. });
        let word = || match is_string {
            true => scan::string_value(text, token),
            false => text[token.span.clone()].to_string(),
        };
        self.begin_value();
        match self.frames.last_mut() {
            Some(Frame::Object { key, expect, .. })
                if matches!(*expect, Expect::Key | Expect::Next) =>
            {
                let name = word();
                (*key, *expect) = (Some(name.clone()), Expect::Colon);
                Read::Name(name)
            }
            Some(Frame::Object { expect, .. }) => {
                *expect = Expect::Next;
                Read::Nothing
            }
            Some(Frame::Array { expect, .. }) => {
                *expect = Expect::Next;
                match is_string {
                    true => Read::Name(word()),
                    false => Read::Nothing,
                }
            }
            None => Read::Nothing,
        }
    }

    /// A value starts in an array that already had one: its comma is missing, so it is the
    /// next element.
    fn begin_value(&mut self) {
        if let Some(Frame::Array { index, expect, .. }) = self.frames.last_mut() {
            if *expect == Expect::Next {
                (*index, *expect) = (*index + 1, Expect::Value);
            }
        }
    }

    /// Closes the innermost container that `is_own` (and any left open inside it); the
    /// container around it then has its value.
    fn close(&mut self, is_own: impl Fn(&Frame) -> bool) {
        let Some(at) = self.frames.iter().rposition(is_own) else {
            return;
        };
        self.frames.truncate(at);
        match self.frames.last_mut() {
            Some(Frame::Object { expect, .. }) if *expect == Expect::Value => {
                *expect = Expect::Next;
            }
            Some(Frame::Array { expect, .. }) => *expect = Expect::Next,
            _ => {}
        }
    }

    /// The path to the innermost container.
    fn container_path(&self) -> Vec<PathSegment> {
        let outer = &self.frames[..self.frames.len().saturating_sub(1)];
        (outer.iter())
            .map(|frame| match frame {
                Frame::Object { key, .. } => PathSegment::Key(key.clone().unwrap_or_default()),
                Frame::Array { index, .. } => PathSegment::Index(*index),
            })
            .collect()
    }

    /// The caret's position, given the word it is in, and where its container opens.
    fn position(&self, at_caret: Option<&Token>) -> Option<(Position, usize)> {
        let typing = at_caret.is_some();
        let mut path = self.container_path();
        match self.frames.last()? {
            // After a value, a word being typed is a name whose comma is still to come.
            Frame::Object { open, expect, .. }
                if *expect == Expect::Key || (*expect == Expect::Next && typing) =>
            {
                Some((Position::Key { object: path }, *open))
            }
            Frame::Object {
                open,
                key: Some(key),
                expect: Expect::Value,
            } => {
                path.push(PathSegment::Key(key.clone()));
                Some((Position::Value { path }, *open))
            }
            Frame::Array {
                open,
                index,
                expect,
            } if *expect == Expect::Value || typing => {
                let index = index + usize::from(*expect == Expect::Next);
                path.push(PathSegment::Index(index));
                Some((Position::Value { path }, *open))
            }
            _ => None,
        }
    }
}

/// Schemas nest `$ref`s and `anyOf`s only a few levels; a schema that loops is cut off here.
const MAX_SCHEMA_NESTING: usize = 16;
const MAX_SCHEMAS: usize = 64;

/// Every schema that applies at `path` of a document of `root`: `$ref`s followed, `anyOf`,
/// `oneOf` and `allOf` opened (an optional field is `anyOf` its type and `null`).
fn schemas_at<'s>(root: &'s Value, path: &[PathSegment]) -> Vec<&'s Value> {
    let mut current = Vec::new();
    open_schema(root, root, 0, &mut current);
    for segment in path {
        let mut next = Vec::new();
        for schema in current {
            let child = match segment {
                PathSegment::Key(key) => (schema.get("properties").and_then(|p| p.get(key)))
                    .or_else(|| schema.get("additionalProperties").filter(|s| s.is_object())),
                PathSegment::Index(_) => schema.get("items").filter(|s| s.is_object()),
            };
            if let Some(child) = child {
                open_schema(root, child, 0, &mut next);
            }
        }
        current = next;
    }
    current
}

fn open_schema<'s>(root: &'s Value, schema: &'s Value, depth: usize, out: &mut Vec<&'s Value>) {
    if depth > MAX_SCHEMA_NESTING || out.len() >= MAX_SCHEMAS {
        return;
    }
    out.push(schema);
    let reference = schema.get("$ref").and_then(Value::as_str);
    let target = reference
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|p| root.pointer(p));
    if let Some(target) = target {
        open_schema(root, target, depth + 1, out);
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        for alternative in schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            open_schema(root, alternative, depth + 1, out);
        }
    }
}

/// A schema's description, its first paragraph on one line.
fn description(schema: &Value) -> Option<String> {
    let text = schema.get("description")?.as_str()?;
    let paragraph = text.split("\n\n").next().unwrap_or_default();
    Some(paragraph.replace('\n', " "))
}

/// The member names the schemas allow that are not `present`: required ones first, each group
/// in alphabetical order.
fn field_candidates(schemas: &[&Value], present: &[String]) -> Vec<Candidate> {
    let mut fields: Vec<(bool, Candidate)> = Vec::new();
    for schema in schemas {
        let required = schema.get("required").and_then(Value::as_array);
        let required = required.map(Vec::as_slice).unwrap_or_default();
        let properties = schema.get("properties").and_then(Value::as_object);
        for (name, property) in properties.into_iter().flatten() {
            let known = fields.iter().any(|(_, field)| &field.label == name);
            if known || present.contains(name) {
                continue;
            }
            let is_required = required.iter().any(|r| r.as_str() == Some(name));
            let detail = description(property);
            fields.push((is_required, candidate(name, CandidateKind::Field, detail)));
        }
    }
    fields.sort_by(|(a_required, a), (b_required, b)| {
        (b_required.cmp(a_required)).then_with(|| a.label.cmp(&b.label))
    });
    fields.into_iter().map(|(_, field)| field).collect()
}

/// The values the schemas allow as a list: an enum's values and each `const` of a `oneOf`,
/// and `true` and `false` for a boolean outside a string.
fn value_candidates(schemas: &[&Value], in_string: bool) -> Vec<Candidate> {
    let mut values: Vec<Candidate> = Vec::new();
    let mut add = |label: &str, kind, detail| {
        if !values.iter().any(|value| value.label == label) {
            values.push(candidate(label, kind, detail));
        }
    };
    for schema in schemas {
        let listed = schema
            .get("enum")
            .and_then(Value::as_array)
            .into_iter()
            .flatten();
        for value in listed.filter_map(Value::as_str) {
            add(value, CandidateKind::EnumValue, None);
        }
        if let Some(value) = schema.get("const").and_then(Value::as_str) {
            add(value, CandidateKind::EnumValue, description(schema));
        }
        let types = match schema.get("type") {
            Some(Value::Array(types)) => types.iter().collect(),
            Some(single) => vec![single],
            None => vec![],
        };
        if !in_string && types.iter().any(|t| t.as_str() == Some("boolean")) {
            add("true", CandidateKind::Boolean, None);
            add("false", CandidateKind::Boolean, None);
        }
    }
    values
}

/// The places where the format refers to the profile's own names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reference {
    /// A node of project `.0`'s diagram: an edge's ends, a step's `from`, `to` and `node`.
    Node(usize),
    /// A group of project `.0`'s diagram: a node's `group`.
    Group(usize),
    /// A project: `ai.sideProject`.
    Project,
    /// A project's `tags`: any tag or alias.
    ProjectTag,
    /// A node's `tags` in project `.0`: that project's tags (aliases apply), as validated.
    NodeTag(usize),
}

/// A path's segments as patterns can match them.
enum Segment<'a> {
    K(&'a str),
    I(usize),
}

fn reference_at(path: &[PathSegment]) -> Option<Reference> {
    use Segment::{I, K};
    let segments: Vec<Segment> = (path.iter())
        .map(|segment| match segment {
            PathSegment::Key(key) => K(key),
            PathSegment::Index(index) => I(*index),
        })
        .collect();
    match segments.as_slice() {
        [K("projects"), I(p), K("diagram"), K("edges"), I(_), K("from" | "to")] => {
            Some(Reference::Node(*p))
        }
        [K("projects"), I(p), K("diagram"), K("scenarios"), I(_), K("steps"), I(_), K(field)]
            if matches!(*field, "from" | "to" | "node") =>
        {
            Some(Reference::Node(*p))
        }
        [K("projects"), I(p), K("diagram"), K("nodes"), I(_), K("group")] => {
            Some(Reference::Group(*p))
        }
        [K("projects"), I(p), K("diagram"), K("nodes"), I(_), K("tags"), I(_)] => {
            Some(Reference::NodeTag(*p))
        }
        [K("projects"), I(_), K("tags"), I(_)] => Some(Reference::ProjectTag),
        [K("ai"), K("sideProject")] => Some(Reference::Project),
        _ => None,
    }
}

/// The draft's names a reference may take; tags already in the list (`present`) are left out.
fn reference_candidates(
    reference: Reference,
    names: &DraftNames,
    present: &[String],
) -> Vec<Candidate> {
    let project = |index: usize| names.projects.get(index);
    let named = |items: &[Named], kind| -> Vec<Candidate> {
        let label = |item: &Named| Some(item.label.clone()).filter(|label| !label.is_empty());
        (items.iter())
            .map(|item| candidate(&item.id, kind, label(item)))
            .collect()
    };
    let mut candidates = match reference {
        Reference::Node(p) => named(project(p).map_or(&[], |p| &p.nodes), CandidateKind::NodeId),
        Reference::Group(p) => named(
            project(p).map_or(&[], |p| &p.groups),
            CandidateKind::GroupId,
        ),
        Reference::Project => (names.projects.iter())
            .map(|p| candidate(&p.id, CandidateKind::ProjectId, Some(p.title.clone())))
            .collect(),
        Reference::ProjectTag => {
            let mut tags: Vec<&String> = names.projects.iter().flat_map(|p| &p.tags).collect();
            tags.sort_by_key(|tag| tag.to_ascii_lowercase());
            tag_candidates(tags, names.aliases.iter().collect())
        }
        Reference::NodeTag(p) => {
            let tags: Vec<&String> = project(p)
                .map(|p| p.tags.iter().collect())
                .unwrap_or_default();
            let ours = |alias: &&(String, Vec<String>)| {
                !alias.1.is_empty() && alias.1.iter().all(|t| tags.iter().any(|o| same_tag(o, t)))
            };
            let aliases = names.aliases.iter().filter(ours).collect();
            tag_candidates(tags, aliases)
        }
    };
    candidates.retain(|c| !c.label.is_empty() && !present.iter().any(|p| same_tag(p, &c.label)));
    candidates
}

/// Tags (each spelling once, as the filter matches them) and then aliases with what each
/// stands for.
fn tag_candidates(tags: Vec<&String>, aliases: Vec<&(String, Vec<String>)>) -> Vec<Candidate> {
    let mut candidates: Vec<Candidate> = Vec::new();
    for tag in tags {
        if !candidates.iter().any(|c| same_tag(&c.label, tag)) {
            candidates.push(candidate(tag, CandidateKind::Tag, None));
        }
    }
    for (alias, targets) in aliases {
        if !candidates.iter().any(|c| same_tag(&c.label, alias)) {
            let detail = format!("stands for {}", targets.join(", "));
            candidates.push(candidate(alias, CandidateKind::TagAlias, Some(detail)));
        }
    }
    candidates
}

/// Tags match as the filter matches them: trimmed, ignoring ASCII case.
fn same_tag(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

fn candidate(label: &str, kind: CandidateKind, detail: Option<String>) -> Candidate {
    Candidate {
        label: label.to_string(),
        insert: String::new(),
        kind,
        detail,
    }
}

/// The label as JSON text: a boolean as it is, anything else a string, with its quotes unless
/// the caret is already between them.
fn insert_text(label: &str, kind: CandidateKind, in_string: bool) -> String {
    if kind == CandidateKind::Boolean {
        return label.to_string();
    }
    let quoted = serde_json::to_string(label).unwrap_or_else(|_| format!("\"{label}\""));
    match in_string {
        true => quoted[1..quoted.len() - 1].to_string(),
        false => quoted,
    }
}

/// The candidates that contain what was typed (ignoring ASCII case), those that start with it
/// first, each group in its order.
fn matching(candidates: Vec<Candidate>, typed: &str) -> Vec<Candidate> {
    let typed = typed.to_ascii_lowercase();
    let mut kept: Vec<(bool, Candidate)> = (candidates.into_iter())
        .filter_map(|c| {
            let label = c.label.to_ascii_lowercase();
            label
                .contains(&typed)
                .then(|| (!label.starts_with(&typed), c))
        })
        .collect();
    kept.sort_by_key(|(later, _)| *later);
    kept.into_iter().map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use portfolio::parse::parse_profile;
    use proptest::prelude::*;

    const RICH: &str = include_str!("../../../tests/fixtures/rich.json");
    const MINIMAL: &str = include_str!("../../../tests/fixtures/minimal.json");

    /// The schema as `cargo xtask schema` writes it from the model (xtask's tests keep the
    /// committed file in step with the model).
    fn schema() -> Value {
        serde_json::from_str(include_str!("../../../public/profile.schema.json")).unwrap()
    }

    /// Two projects: the first with nodes `api`, `queue`, `db`, a group `vpc` and tags; the
    /// second with nodes `web`, `cache`.
    fn names() -> DraftNames {
        let node = |id: &str, label: &str| Named {
            id: id.into(),
            label: label.into(),
        };
        DraftNames {
            projects: vec![
                ProjectNames {
                    id: "orders".into(),
                    title: "Orders".into(),
                    tags: vec!["SQS".into(), "DynamoDB".into(), "Go".into()],
                    nodes: vec![
                        node("api", "API"),
                        node("queue", "SQS"),
                        node("db", "Orders"),
                    ],
                    groups: vec![node("vpc", "VPC")],
                },
                ProjectNames {
                    id: "site".into(),
                    title: "Site".into(),
                    tags: vec!["Redis".into(), "sqs".into()],
                    nodes: vec![node("web", "Web"), node("cache", "Cache")],
                    groups: vec![],
                },
            ],
            aliases: vec![
                ("DDB".into(), vec!["DynamoDB".into()]),
                ("ElastiCache".into(), vec!["Redis".into()]),
            ],
        }
    }

    /// Completes at the `|` of `marked`, which is taken out of the text.
    fn at_bar(marked: &str) -> Option<Completion> {
        let caret = marked.find('|').expect("a caret");
        let text = marked.replacen('|', "", 1);
        complete(&text, caret, &schema(), &names())
    }

    fn labels(completion: &Completion) -> Vec<&str> {
        completion
            .candidates
            .iter()
            .map(|c| c.label.as_str())
            .collect()
    }

    fn path(text: &str) -> Vec<PathSegment> {
        let mut path = Vec::new();
        for part in text.split('.') {
            let (key, indices) = part.split_once('[').unwrap_or((part, ""));
            path.push(PathSegment::Key(key.into()));
            for index in indices.split('[').filter(|i| !i.is_empty()) {
                path.push(PathSegment::Index(
                    index.trim_end_matches(']').parse().unwrap(),
                ));
            }
        }
        path
    }

    const NODE: &str = "{\"projects\": [{\"id\": \"orders\", \"diagram\": {\"nodes\": [";

    #[test]
    fn a_node_offers_the_fields_not_written_yet_required_first() {
        let done = at_bar(&format!("{NODE}{{\"id\": \"api\", |\n}}]}}}}]}}")).unwrap();
        assert_eq!(
            done.position,
            Position::Key {
                object: path("projects[0].diagram.nodes[0]")
            }
        );
        assert_eq!(labels(&done), ["kind", "label", "detail", "group", "tags"]);
        assert_eq!(done.candidates[0].insert, "\"kind\"");
        assert_eq!(done.candidates[0].kind, CandidateKind::Field);
        let tags = &done.candidates[4];
        assert!(tags
            .detail
            .as_deref()
            .unwrap()
            .starts_with("Tags of its project"));
        assert_eq!(done.replace, done.replace.start..done.replace.start);
    }

    #[test]
    fn a_name_being_typed_is_completed_in_its_quotes() {
        let marked = format!("{NODE}{{\"id\": \"api\"}}], \"edges\": [{{\"fr|\n");
        let done = at_bar(&marked).unwrap();
        let text = marked.replacen('|', "", 1);
        assert_eq!(&text[done.replace.clone()], "fr");
        assert_eq!(done.typed, "fr");
        assert_eq!(labels(&done), ["from"]);
        assert_eq!(
            done.candidates[0].insert, "from\"",
            "the open string is closed"
        );
        // A closed name is replaced whole, and itself is not counted as written.
        let done = at_bar("{\"schemaV|ersion\": 1, \"site\": {}}").unwrap();
        assert_eq!(labels(&done), ["schemaVersion"]);
        assert_eq!(done.replace, 2..15);
    }

    #[test]
    fn the_root_offers_its_required_sections_first() {
        let done = at_bar("{\n  \"schemaVersion\": 1,\n  |\n}").unwrap();
        assert_eq!(done.position, Position::Key { object: vec![] });
        let names = labels(&done);
        assert_eq!(
            names[..7],
            ["builder", "contact", "person", "projects", "sections", "site", "skills"]
        );
        assert!(names.contains(&"work") && !names.contains(&"schemaVersion"));
        // Names written after the caret count too.
        let done = at_bar("{ | , \"site\": {}, \"person\": {\"name\": \"A\"}}").unwrap();
        assert!(!labels(&done).contains(&"site") && !labels(&done).contains(&"person"));
        assert!(labels(&done).contains(&"builder"));
    }

    #[test]
    fn an_enum_offers_its_values() {
        let done = at_bar(&format!("{NODE}{{\"id\": \"api\", \"kind\": |")).unwrap();
        assert_eq!(
            done.position,
            Position::Value {
                path: path("projects[0].diagram.nodes[0].kind")
            }
        );
        let kinds = labels(&done);
        assert_eq!(kinds.len(), 14, "{kinds:?}");
        assert!(kinds.contains(&"source") && kinds.contains(&"model"));
        assert!(done
            .candidates
            .iter()
            .all(|c| c.kind == CandidateKind::EnumValue));
        assert_eq!(done.candidates[0].insert, format!("\"{}\"", kinds[0]));

        let edge = format!("{NODE}], \"edges\": [{{\"kind\": \"as|ync\", \"from\": \"api\"}}");
        let done = at_bar(&edge).unwrap();
        assert_eq!(labels(&done), ["async"]);
        assert_eq!(done.candidates[0].insert, "async");
        let text = edge.replacen('|', "", 1);
        assert_eq!(&text[done.replace.clone()], "async");
        let async_ = done.candidates[0].detail.as_deref();
        assert_eq!(async_, Some("A message handed off without waiting."));
    }

    #[test]
    fn a_word_typed_without_quotes_is_replaced_by_a_string() {
        let marked = "{\"projects\": [{\"diagram\": {\"groups\": [{\"kind\": reg|";
        let done = at_bar(marked).unwrap();
        assert_eq!(labels(&done), ["region"]);
        assert_eq!(done.candidates[0].insert, "\"region\"");
        assert_eq!(&marked.replacen('|', "", 1)[done.replace.clone()], "reg");
        let done = at_bar("{\"schemaVersion\": 1, sch|").unwrap();
        assert!(matches!(done.position, Position::Key { .. }));
        assert_eq!(labels(&done), ["$schema"]);
        assert_eq!(done.candidates[0].insert, "\"$schema\"");
    }

    #[test]
    fn a_boolean_offers_true_and_false_outside_a_string() {
        let steps = "{\"projects\": [{\"diagram\": {\"scenarios\": [{\"steps\": [{\"fails\": ";
        let done = at_bar(&format!("{steps}|")).unwrap();
        assert_eq!(labels(&done), ["true", "false"]);
        assert_eq!(done.candidates[1].insert, "false");
        let done = at_bar(&format!("{steps}\"t|\"")).unwrap();
        assert!(done.candidates.is_empty());
        let done = at_bar(&format!("{steps}f|")).unwrap();
        assert_eq!(labels(&done), ["false"]);
    }

    #[test]
    fn edge_ends_and_steps_offer_the_node_ids_of_their_own_diagram() {
        let second = "{\"projects\": [{\"id\": \"orders\"}, {\"diagram\": {";
        let done = at_bar(&format!("{second}\"edges\": [{{\"from\": \"|")).unwrap();
        assert_eq!(labels(&done), ["web", "cache"]);
        assert_eq!(done.candidates[0].kind, CandidateKind::NodeId);
        assert_eq!(done.candidates[0].detail.as_deref(), Some("Web"));
        assert_eq!(
            done.candidates[0].insert, "web\"",
            "the quote typed is closed"
        );
        let done = at_bar(&format!("{second}\"edges\": [{{\"from\": \"|\"")).unwrap();
        assert_eq!(
            done.candidates[0].insert, "web",
            "a closed string keeps its quote"
        );

        let first = "{\"projects\": [{\"diagram\": {\"scenarios\": [{\"steps\": [";
        for field in ["from", "to", "node"] {
            let marked = format!("{first}{{\"caption\": \"x\"}}, {{\"{field}\": |");
            let done = at_bar(&marked).unwrap();
            let expected = format!("projects[0].diagram.scenarios[0].steps[1].{field}");
            assert_eq!(
                done.position,
                Position::Value {
                    path: path(&expected)
                }
            );
            assert_eq!(labels(&done), ["api", "queue", "db"]);
            assert_eq!(done.candidates[1].insert, "\"queue\"");
        }
        // What is typed narrows them: those starting with it first, then those containing it.
        let done = at_bar(&format!("{first}{{\"node\": \"U|\"")).unwrap();
        assert_eq!(labels(&done), ["queue"]);
        let done = at_bar(&format!("{first}{{\"node\": \"a|\"")).unwrap();
        assert_eq!(labels(&done), ["api"]);
    }

    #[test]
    fn a_node_may_be_named_like_a_field() {
        let mut names = names();
        names.projects[0].nodes[0].id = "to".into();
        let text = format!("{NODE}], \"edges\": [{{\"to\": \"db\", \"from\": \"\"");
        let caret = text.len() - 1;
        let done = complete(&text, caret, &schema(), &names).unwrap();
        assert_eq!(labels(&done), ["to", "queue", "db"]);
    }

    #[test]
    fn a_node_group_and_the_side_project_offer_their_ids() {
        let node = format!("{NODE}{{\"group\": \"|\"");
        let done = at_bar(&node).unwrap();
        assert_eq!(labels(&done), ["vpc"]);
        assert_eq!(done.candidates[0].kind, CandidateKind::GroupId);
        let done = at_bar("{\"ai\": {\"sideProject\": |}}").unwrap();
        assert_eq!(labels(&done), ["orders", "site"]);
        assert_eq!(done.candidates[0].detail.as_deref(), Some("Orders"));
    }

    #[test]
    fn project_tags_offer_every_tag_and_alias_not_listed_yet() {
        let marked = "{\"projects\": [{}, {\"tags\": [\"Go\", \"|\", \"Redis\"]}]}";
        let done = at_bar(marked).unwrap();
        assert_eq!(
            done.position,
            Position::Value {
                path: path("projects[1].tags[1]")
            }
        );
        // `sqs` is `SQS` as the filter reads tags: offered once, as first written.
        assert_eq!(labels(&done), ["DynamoDB", "SQS", "DDB", "ElastiCache"]);
        assert_eq!(done.candidates[2].kind, CandidateKind::TagAlias);
        assert_eq!(
            done.candidates[2].detail.as_deref(),
            Some("stands for DynamoDB")
        );
    }

    #[test]
    fn node_tags_offer_the_projects_own_tags_and_the_aliases_among_them() {
        let nodes = "{\"projects\": [{\"diagram\": {\"nodes\": [{\"tags\": [|";
        let done = at_bar(nodes).unwrap();
        assert_eq!(labels(&done), ["SQS", "DynamoDB", "Go", "DDB"]);
        let second = "{\"projects\": [{}, {\"diagram\": {\"nodes\": [{\"tags\": [\"redis\", |]";
        let done = at_bar(second).unwrap();
        assert_eq!(labels(&done), ["sqs", "ElastiCache"]);
    }

    #[test]
    fn no_completion_after_a_value_or_before_a_colon() {
        for marked in [
            "{\"schemaVersion\": 1 |",
            "{\"person\" |",
            "{\"person\": {\"name\": \"Ada\"|}}",
            "|{}",
            "[1, 2]|",
        ] {
            assert_eq!(at_bar(marked), None, "{marked}");
        }
        let schema = schema();
        let names = DraftNames::default();
        assert_eq!(complete("{}", 3, &schema, &names), None, "past the end");
        assert_eq!(
            complete("{\"é", 3, &schema, &names),
            None,
            "inside a character"
        );
        let deep = "[".repeat(100_000);
        assert_eq!(complete(&deep, deep.len(), &schema, &names), None);
    }

    #[test]
    fn a_free_text_field_is_a_position_without_candidates() {
        let done = at_bar("{\"person\": {\"name\": \"A|da\"}}").unwrap();
        assert_eq!(
            done.position,
            Position::Value {
                path: path("person.name")
            }
        );
        assert!(done.candidates.is_empty());
        let done = at_bar("{\"tags\": {\"aliases\": {|}}}").unwrap();
        assert!(
            done.candidates.is_empty(),
            "alias spellings are the owner's own"
        );
    }

    #[test]
    fn what_is_not_finished_keeps_the_caret_in_place() {
        // A missing comma, a missing colon, a bracket closed twice, an array not closed.
        let marked = "{\"site\": {}]], \"projects\": [{\"id\": \"a\" \"diagram\": \
                      {\"edges\": [{\"from\" \"api\"}]}}, {\"diagram\": {\"edges\": [{\"to\": |";
        let done = at_bar(marked).unwrap();
        let expected = path("projects[1].diagram.edges[0].to");
        assert_eq!(done.position, Position::Value { path: expected });
        assert_eq!(labels(&done), ["web", "cache"]);
        let done = at_bar("{\"projects\": [{}, {} {|").unwrap();
        let object = path("projects[2]");
        assert_eq!(done.position, Position::Key { object });
    }

    #[test]
    fn the_names_of_a_document_are_those_of_its_profile() {
        for text in [RICH, MINIMAL] {
            let profile = parse_profile(text).unwrap();
            let document: Value = serde_json::from_str(text).unwrap();
            assert_eq!(
                DraftNames::from_document(&document),
                DraftNames::from_profile(&profile)
            );
        }
        let odd = serde_json::json!({"projects": [5, {"diagram": {"nodes": [{"id": 1}]}}]});
        let names = DraftNames::from_document(&odd);
        assert_eq!(names.projects.len(), 2);
        assert!(names.projects[1].nodes.is_empty());
    }

    #[test]
    fn path_text_reads_as_validate_writes_places() {
        let place = "projects[2].diagram.scenarios[0].steps[11].from";
        assert_eq!(path_text(&path(place)), place);
    }

    /// Each string of a fixture, with the caret at the end of its text: every member name is
    /// offered at its own place (the schema is walked right for all of them), and every kind,
    /// unit and reference to a node, group or tag offers what the fixture wrote there.
    #[test]
    fn every_name_and_reference_of_the_fixtures_is_offered_at_its_place() {
        let schema = schema();
        for text in [RICH, MINIMAL] {
            let names = DraftNames::from_profile(&parse_profile(text).unwrap());
            let mut checked = 0;
            for token in scan::tokens_from(text, 0) {
                if token.kind != (TokenKind::String { closed: true }) {
                    continue;
                }
                let written = scan::string_value(text, &token);
                let caret = scan::string_content(&token).end;
                let done = complete(text, caret, &schema, &names).expect("a position");
                let offered = done.candidates.iter().any(|c| c.label == written);
                let must_offer = match &done.position {
                    Position::Key { object } => path_text(object) != "tags.aliases",
                    Position::Value { path } => {
                        let place = path_text(path);
                        let wait = place.contains(".steps[") && place.ends_with(".after.unit");
                        reference_at(path).is_some() || place.ends_with(".kind") || wait
                    }
                };
                if must_offer {
                    assert!(offered, "{written:?} at {:?}", done.position);
                    checked += 1;
                }
            }
            assert!(checked > 50, "{checked} names checked");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Any caret in a fixture, or in a fixture cut short there (as while typing it): no
        /// panic, and the range is in the text, on char boundaries, around the caret.
        #[test]
        fn any_caret_in_a_fixture_gives_a_range_around_it(
            fixture in prop::sample::select(vec![RICH, MINIMAL]),
            at in any::<prop::sample::Index>(),
        ) {
            let schema = schema();
            let names = DraftNames::from_profile(&parse_profile(fixture).unwrap());
            let mut caret = at.index(fixture.len() + 1);
            while !fixture.is_char_boundary(caret) {
                caret -= 1;
            }
            for text in [fixture, &fixture[..caret]] {
                if let Some(done) = complete(text, caret, &schema, &names) {
                    prop_assert!(done.replace.start <= caret && caret <= done.replace.end);
                    prop_assert!(done.replace.end <= text.len());
                    prop_assert!(text.is_char_boundary(done.replace.start));
                    prop_assert!(text.is_char_boundary(done.replace.end));
                }
            }
        }

        /// Any text at any caret: no panic.
        #[test]
        fn any_text_never_panics(
            text in "[ {}\\[\\]\":,a-z0-9\\\\\n\u{e9}]{0,200}",
            at in 0usize..220,
        ) {
            let _ = complete(&text, at, &schema(), &names());
        }
    }
}
