//! Turns a parsed JSON tree ([`crate::json`]) into the typed model, strictly: an unknown field,
//! a missing one or a wrong type is an error with its path (`projects[2].titel`) and position.
//!
//! One line per field (see `decode_struct!` below), so a new field in `model.rs` is one more
//! line here; a native test checks this decoder against serde's derive on the same model
//! (feature `serde`), so the two, and the JSON Schema generated from the derive, cannot drift.

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

type Result<T> = std::result::Result<T, DecodeError>;

fn error<T>(node: &Json, path: &str, message: String) -> Result<T> {
    Err(DecodeError { path: path.to_string(), offset: node.offset, message })
}

fn wrong_type<T>(node: &Json, path: &str, expected: &str) -> Result<T> {
    error(node, path, format!("invalid type: {}, expected {expected}", node.value.kind()))
}

/// A type read from JSON. `path` is where `node` is, for errors.
pub(crate) trait Decode: Sized {
    fn decode(node: &Json, path: &str) -> Result<Self>;
}

impl Decode for String {
    fn decode(node: &Json, path: &str) -> Result<Self> {
        match &node.value {
            Value::String(text) => Ok(text.clone()),
            _ => wrong_type(node, path, "a string"),
        }
    }
}

impl Decode for bool {
    fn decode(node: &Json, path: &str) -> Result<Self> {
        match node.value {
            Value::Bool(value) => Ok(value),
            _ => wrong_type(node, path, "a boolean"),
        }
    }
}

impl Decode for f64 {
    fn decode(node: &Json, path: &str) -> Result<Self> {
        match node.value {
            Value::Number(value) => Ok(value),
            _ => wrong_type(node, path, "a number"),
        }
    }
}

/// A whole number that fits `max`.
fn whole(node: &Json, path: &str, max: f64) -> Result<u64> {
    match node.value {
        Value::Number(n) if n >= 0.0 && n <= max && n.fract() == 0.0 => Ok(n as u64),
        _ => wrong_type(node, path, "a whole number"),
    }
}

impl Decode for u32 {
    fn decode(node: &Json, path: &str) -> Result<Self> {
        whole(node, path, f64::from(u32::MAX)).map(|n| n as u32)
    }
}

impl Decode for u64 {
    fn decode(node: &Json, path: &str) -> Result<Self> {
        // Exact in an f64 up to 2^53; profile numbers are far below.
        whole(node, path, 9_007_199_254_740_992.0)
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(node: &Json, path: &str) -> Result<Self> {
        match &node.value {
            // A loop, not `collect::<Result<_>>()`: measurably less wasm per element type.
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    out.push(T::decode(item, &format!("{path}[{i}]"))?);
                }
                Ok(out)
            }
            _ => wrong_type(node, path, "an array"),
        }
    }
}

impl<T: Decode> Decode for BTreeMap<String, T> {
    fn decode(node: &Json, path: &str) -> Result<Self> {
        match &node.value {
            Value::Object(members) => {
                let mut out = BTreeMap::new();
                for (key, _, value) in members {
                    out.insert(key.clone(), T::decode(value, &join(path, key))?);
                }
                Ok(out)
            }
            _ => wrong_type(node, path, "an object"),
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The members of an object whose every key is one of `known`.
struct Fields<'a> {
    members: &'a [(String, usize, Json)],
    node: &'a Json,
    path: &'a str,
}

impl<'a> Fields<'a> {
    fn new(node: &'a Json, path: &'a str, known: &[&str]) -> Result<Self> {
        let Value::Object(members) = &node.value else {
            return wrong_type(node, path, "an object");
        };
        if let Some((key, at, _)) = members.iter().find(|(key, _, _)| !known.contains(&key.as_str())) {
            let expected = known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            return Err(DecodeError {
                path: join(path, key),
                offset: *at,
                message: format!("unknown field `{key}`, expected one of {expected}"),
            });
        }
        Ok(Self { members, node, path })
    }

    fn get(&self, key: &str) -> Option<&'a Json> {
        self.members.iter().find(|(k, _, _)| k == key).map(|(_, _, node)| node)
    }

    fn req<T: Decode>(&self, key: &str) -> Result<T> {
        match self.get(key) {
            Some(node) => T::decode(node, &join(self.path, key)),
            None => error(self.node, self.path, format!("missing field `{key}`")),
        }
    }

    /// Absent or `null` is `None`.
    fn opt<T: Decode>(&self, key: &str) -> Result<Option<T>> {
        match self.get(key) {
            None | Some(Json { value: Value::Null, .. }) => Ok(None),
            Some(node) => T::decode(node, &join(self.path, key)).map(Some),
        }
    }

    fn or_default<T: Decode + Default>(&self, key: &str) -> Result<T> {
        Ok(self.opt(key)?.unwrap_or_default())
    }
}

/// `Decode` for a struct: each field with its JSON key and how it is read (`req`, `opt`,
/// `or_default`); any other key is an error.
macro_rules! decode_struct {
    ($type:ident { $($field:ident: $key:literal $how:ident,)* }) => {
        impl Decode for $type {
            fn decode(node: &Json, path: &str) -> Result<Self> {
                let fields = Fields::new(node, path, &[$($key),*])?;
                Ok($type { $($field: fields.$how($key)?,)* })
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
        }
        impl Decode for $type {
            fn decode(node: &Json, path: &str) -> Result<Self> {
                let word = String::decode(node, path)?;
                $type::from_word(&word).map_or_else(
                    || error(node, path, format!("unknown variant `{word}`, expected one of {}", concat!($("`", $word, "` ",)*).trim_end())),
                    Ok,
                )
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
            fn decode(node: &Json, path: &str) -> Result<Self> {
                let word = String::decode(node, path)?;
                Ok($type::from_word(&word).map_or(Kind::Unknown(word), Kind::Known))
            }
        }
    };
}
decode_kind!(NodeKind);
decode_kind!(EdgeKind);

impl Decode for BuilderValue {
    fn decode(node: &Json, path: &str) -> Result<Self> {
        match &node.value {
            Value::Array(_) => Vec::decode(node, path).map(BuilderValue::List),
            Value::String(text) => Ok(BuilderValue::Text(text.clone())),
            Value::Number(_) => u64::decode(node, path).map(BuilderValue::Number),
            _ => wrong_type(node, path, "a list of strings, a string or a whole number"),
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
