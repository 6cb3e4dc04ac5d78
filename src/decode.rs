//! Turns a parsed JSON tree ([`crate::json`]) into the typed model, strictly: an unknown field,
//! a missing one or a wrong type is an error with its path (`projects[2].titel`) and position.
//!
//! One line per field (see `decode_struct!` below), so a new field in `model.rs` is one more
//! line here; a native test checks this decoder against serde's derive on the same model
//! (feature `serde`), so the two, and the JSON Schema generated from the derive, cannot drift.
//!
//! Shaped for a small wasm: decoding never returns early. A value that does not fit records an
//! error and decodes as its `Default`, and the document is rejected at the end. Early returns
//! (`?` inside a struct literal) made the compiler emit, for every field, code to drop the
//! fields before it: most of the decoder's size. Paths are kept as a chain of borrowed
//! segments and written out only for the error.

use std::collections::BTreeMap;

use crate::json::{Node as Json, Value};
use crate::model::*;

/// Why a value does not fit the model: where (path and byte offset) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DecodeError {
    pub(crate) path: String,
    pub(crate) offset: usize,
    pub(crate) message: String,
}

/// Where a value is: the chain of keys and indices from the document's root.
#[derive(Clone, Copy)]
pub(crate) enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// `projects[2].diagram`, or empty at the root.
    fn render(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Key(parent, key) => match parent.render() {
                parent if parent.is_empty() => key.to_string(),
                parent => format!("{parent}.{key}"),
            },
            Path::Index(parent, index) => format!("{}[{index}]", parent.render()),
        }
    }
}

/// The first error met while decoding; later ones follow from it or wait their turn.
#[derive(Default)]
pub(crate) struct Errors {
    first: Option<DecodeError>,
}

impl Errors {
    fn report(&mut self, offset: usize, at: Path, message: String) {
        if self.first.is_none() {
            self.first = Some(DecodeError {
                path: at.render(),
                offset,
                message,
            });
        }
    }

    fn wrong_type(&mut self, node: &Json, at: Path, expected: &str) {
        self.report(
            node.offset,
            at,
            format!("invalid type: {}, expected {expected}", node.value.kind()),
        );
    }
}

/// A type read from JSON. `at` is where `node` is; a value that does not fit reports to
/// `errors` and gives `Default::default()`.
pub(crate) trait Decode: Default {
    fn decode(node: &Json, at: Path, errors: &mut Errors) -> Self;
}

/// Decodes the whole document: the value, or the first thing wrong with it.
pub(crate) fn decode<T: Decode>(root: &Json) -> Result<T, DecodeError> {
    let mut errors = Errors::default();
    let value = T::decode(root, Path::Root, &mut errors);
    errors.first.map_or(Ok(value), Err)
}

impl Decode for String {
    fn decode(node: &Json, at: Path, errors: &mut Errors) -> Self {
        match &node.value {
            Value::String(text) => text.clone(),
            _ => {
                errors.wrong_type(node, at, "a string");
                String::new()
            }
        }
    }
}

impl Decode for bool {
    fn decode(node: &Json, at: Path, errors: &mut Errors) -> Self {
        match node.value {
            Value::Bool(value) => value,
            _ => {
                errors.wrong_type(node, at, "a boolean");
                false
            }
        }
    }
}

impl Decode for f64 {
    fn decode(node: &Json, at: Path, errors: &mut Errors) -> Self {
        match node.value {
            Value::Number(value) => value,
            _ => {
                errors.wrong_type(node, at, "a number");
                0.0
            }
        }
    }
}

/// A whole number that fits `max`.
fn whole(node: &Json, at: Path, errors: &mut Errors, max: f64) -> u64 {
    match node.value {
        Value::Number(n) if n >= 0.0 && n <= max && n.fract() == 0.0 => n as u64,
        _ => {
            errors.wrong_type(node, at, "a whole number");
            0
        }
    }
}

impl Decode for u32 {
    fn decode(node: &Json, at: Path, errors: &mut Errors) -> Self {
        whole(node, at, errors, f64::from(u32::MAX)) as u32
    }
}

impl Decode for u64 {
    fn decode(node: &Json, at: Path, errors: &mut Errors) -> Self {
        // Exact in an f64 up to 2^53; profile numbers are far below.
        whole(node, at, errors, 9_007_199_254_740_992.0)
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(node: &Json, at: Path, errors: &mut Errors) -> Self {
        match &node.value {
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    out.push(T::decode(item, Path::Index(&at, i), errors));
                }
                out
            }
            _ => {
                errors.wrong_type(node, at, "an array");
                Vec::new()
            }
        }
    }
}

impl<T: Decode> Decode for BTreeMap<String, T> {
    fn decode(node: &Json, at: Path, errors: &mut Errors) -> Self {
        let mut out = BTreeMap::new();
        match &node.value {
            Value::Object(members) => {
                for (key, _, value) in members {
                    out.insert(key.clone(), T::decode(value, Path::Key(&at, key), errors));
                }
            }
            _ => errors.wrong_type(node, at, "an object"),
        }
        out
    }
}

/// The members of an object whose every key is one of `known`.
struct Fields<'a> {
    members: &'a [(String, usize, Json)],
    node: &'a Json,
    at: Path<'a>,
}

impl<'a> Fields<'a> {
    fn new(node: &'a Json, at: Path<'a>, known: &[&str], errors: &mut Errors) -> Self {
        let members: &[_] = match &node.value {
            Value::Object(members) => members,
            _ => {
                errors.wrong_type(node, at, "an object");
                &[]
            }
        };
        if let Some((key, offset, _)) = members
            .iter()
            .find(|(key, _, _)| !known.contains(&key.as_str()))
        {
            let expected = known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            errors.report(
                *offset,
                Path::Key(&at, key),
                format!("unknown field `{key}`, expected one of {expected}"),
            );
        }
        Self { members, node, at }
    }

    /// The member `key`; a `required` one that is absent is an error. Not generic, so the
    /// lookup is compiled once rather than once per field type.
    fn member(&self, key: &str, required: bool, errors: &mut Errors) -> Option<&'a Json> {
        let found = self
            .members
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, _, node)| node);
        if found.is_none() && required {
            errors.report(self.node.offset, self.at, format!("missing field `{key}`"));
        }
        found
    }

    // Not inlined: a call per field is a few bytes; the body inlined into each of the ~100
    // fields was most of the decoder's size.
    #[inline(never)]
    fn req<T: Decode>(&self, key: &str, errors: &mut Errors) -> T {
        match self.member(key, true, errors) {
            Some(node) => T::decode(node, Path::Key(&self.at, key), errors),
            None => T::default(),
        }
    }

    /// Absent or `null` is `None`.
    #[inline(never)]
    fn opt<T: Decode>(&self, key: &str, errors: &mut Errors) -> Option<T> {
        match self.member(key, false, errors) {
            None
            | Some(Json {
                value: Value::Null, ..
            }) => None,
            Some(node) => Some(T::decode(node, Path::Key(&self.at, key), errors)),
        }
    }

    /// Absent is the default; `null` is a type error, as serde's `#[serde(default)]` has it.
    #[inline(never)]
    fn or_default<T: Decode>(&self, key: &str, errors: &mut Errors) -> T {
        match self.member(key, false, errors) {
            Some(node) => T::decode(node, Path::Key(&self.at, key), errors),
            None => T::default(),
        }
    }
}

/// `Decode` for a struct: each field with its JSON key and how it is read (`req`, `opt`,
/// `or_default`); any other key is an error.
macro_rules! decode_struct {
    ($type:ident { $($field:ident: $key:literal $how:ident,)* }) => {
        impl Decode for $type {
            fn decode(node: &Json, at: Path, errors: &mut Errors) -> Self {
                let fields = Fields::new(node, at, &[$($key),*], errors);
                $type { $($field: fields.$how($key, errors),)* }
            }
        }
    };
}

/// `Decode` for an enum written as one of a few words.
macro_rules! decode_words {
    ($type:ident { $($word:literal => $variant:ident,)* }) => {
        impl $type {
            /// The kind a word names, if any.
            pub(crate) fn from_word(word: &str) -> Option<Self> {
                match word {
                    $($word => Some($type::$variant),)*
                    _ => None,
                }
            }

            /// The word profile.json uses for this kind (also its CSS class).
            pub(crate) fn word(self) -> &'static str {
                match self {
                    $($type::$variant => $word,)*
                }
            }
        }
        impl Decode for $type {
            fn decode(node: &Json, at: Path, errors: &mut Errors) -> Self {
                let word = String::decode(node, at, errors);
                $type::from_word(&word).unwrap_or_else(|| {
                    let expected = concat!($("`", $word, "` ",)*).trim_end();
                    errors.report(node.offset, at, format!("unknown variant `{word}`, expected one of {expected}"));
                    Self::default()
                })
            }
        }
    };
}

decode_words!(GroupKind { "region" => Region, "account" => Account, "phase" => Phase, "boundary" => Boundary, });
decode_words!(NodeKind {
    "source" => Source, "service" => Service, "function" => Function, "queue" => Queue, "topic" => Topic,
    "stream" => Stream, "table" => Table, "store" => Store, "external" => External, "alarm" => Alarm,
    "region" => Region, "phase" => Phase, "gate" => Gate, "model" => Model,
});
decode_words!(EdgeKind {
    "sync" => Sync, "async" => Async, "replication" => Replication, "failure" => Failure, "retry" => Retry,
    "sequence" => Sequence,
});

/// A node's or edge's kind: a word this build does not know is kept, for validation to name.
macro_rules! decode_kind {
    ($type:ident) => {
        impl Decode for Kind<$type> {
            fn decode(node: &Json, at: Path, errors: &mut Errors) -> Self {
                let word = String::decode(node, at, errors);
                $type::from_word(&word).map_or(Kind::Unknown(word), Kind::Known)
            }
        }
    };
}
decode_kind!(NodeKind);
decode_kind!(EdgeKind);

impl Decode for BuilderValue {
    fn decode(node: &Json, at: Path, errors: &mut Errors) -> Self {
        match &node.value {
            Value::Array(_) => BuilderValue::List(Vec::decode(node, at, errors)),
            Value::String(text) => BuilderValue::Text(text.clone()),
            Value::Number(_) => BuilderValue::Number(u64::decode(node, at, errors)),
            _ => {
                errors.wrong_type(node, at, "a list of strings, a string or a whole number");
                BuilderValue::default()
            }
        }
    }
}

decode_struct!(Profile {
    schema: "$schema" opt,
    schema_version: "schemaVersion" req,
    site: "site" req,
    person: "person" req,
    builder: "builder" req,
    sections: "sections" req,
    tags: "tags" or_default,
    projects: "projects" req,
    ai: "ai" req,
    skills: "skills" req,
    principles: "principles" req,
    contact: "contact" req,
});

decode_struct!(Site {
    title: "title" req,
    description: "description" req,
    lang: "lang" req,
    labels: "labels" req,
    filter: "filter" req,
});

decode_struct!(FilterLabels {
    title: "title" req,
    search: "search" req,
    clear: "clear" req,
    results: "results" req,
    empty: "empty" req,
    and: "and" req,
    show_all: "showAll" req,
    unknown_tags: "unknownTags" req,
    more_tags: "moreTags" req,
    fewer_tags: "fewerTags" req,
});

decode_struct!(Labels {
    theme_toggle: "themeToggle" req,
    show_details: "showDetails" req,
    hide_details: "hideDetails" req,
    copy: "copy" req,
    copied: "copied" req,
    skip_to_content: "skipToContent" req,
    problems: "problems" req,
    scenarios: "scenarios" req,
    play: "play" req,
    pause: "pause" req,
    previous_step: "previousStep" req,
    next_step: "nextStep" req,
    save_pdf: "savePdf" req,
    not_found: "notFound" req,
});

decode_struct!(Person {
    name: "name" req,
    role: "role" req,
    focus: "focus" req,
    summary: "summary" req,
});

decode_struct!(Builder {
    type_name: "typeName" req,
    variable: "variable" req,
    calls: "calls" req,
});

decode_struct!(BuilderCall {
    method: "method" req,
    value: "value" req,
});

decode_struct!(Sections {
    projects: "projects" req,
    ai: "ai" req,
    skills: "skills" req,
    principles: "principles" req,
    contact: "contact" req,
});

decode_struct!(SectionText {
    title: "title" req,
    intro: "intro" opt,
});

decode_struct!(TagConfig {
    aliases: "aliases" or_default,
});

decode_struct!(Project {
    id: "id" req,
    company: "company" opt,
    label: "label" opt,
    title: "title" req,
    summary: "summary" req,
    context: "context" opt,
    stack: "stack" or_default,
    bullets: "bullets" req,
    outcomes: "outcomes" req,
    tags: "tags" req,
    diagram: "diagram" req,
});

decode_struct!(Figure {
    label: "label" req,
    value: "value" opt,
    before: "before" opt,
    after: "after" opt,
});

decode_struct!(Quantity {
    amount: "amount" req,
    unit: "unit" opt,
    at_least: "atLeast" or_default,
});

decode_struct!(Diagram {
    title: "title" req,
    groups: "groups" or_default,
    nodes: "nodes" req,
    edges: "edges" req,
    scenarios: "scenarios" or_default,
});

decode_struct!(Group {
    id: "id" req,
    label: "label" req,
    kind: "kind" req,
});

decode_struct!(Node {
    id: "id" req,
    label: "label" req,
    kind: "kind" req,
    detail: "detail" opt,
    group: "group" opt,
});

decode_struct!(Edge {
    from: "from" req,
    to: "to" req,
    label: "label" opt,
    kind: "kind" req,
});

decode_struct!(Scenario {
    id: "id" req,
    title: "title" req,
    steps: "steps" req,
});

decode_struct!(Step {
    from: "from" opt,
    to: "to" opt,
    node: "node" opt,
    caption: "caption" req,
    fails: "fails" or_default,
});

decode_struct!(AiSection {
    building_title: "buildingTitle" req,
    side_project: "sideProject" req,
    practice_title: "practiceTitle" req,
    practice: "practice" req,
    studying: "studying" req,
});

decode_struct!(LabelledList {
    label: "label" req,
    items: "items" req,
});

decode_struct!(SkillRow {
    category: "category" req,
    items: "items" req,
});

decode_struct!(ContactLink {
    label: "label" req,
    command: "command" req,
    text: "text" req,
    href: "href" req,
    copy: "copy" opt,
});
