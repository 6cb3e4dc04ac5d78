//! `cargo xtask check`: every problem of a profile at once, each with its place.
//!
//! Three passes, each only when the one before found nothing: the JSON itself (syntax, numbers
//! outside an f64, the schema version), the JSON Schema generated from the model (every shape
//! error, with the `jsonschema` crate), then the model's own strict reading and the semantic
//! rules of `validate.rs`. The schema pass exists because serde stops at the first shape error.

use std::collections::HashMap;

use jsonschema::error::ValidationErrorKind;
use serde_json::value::RawValue;
use serde_json::Value;

/// Every problem of the profile `text`, one line each; empty when it is valid.
pub(crate) fn problems(text: &str) -> Vec<String> {
    let document = match portfolio::parse::parse_document(text) {
        Ok(document) => document,
        Err(error) => return vec![error.to_string()],
    };
    let schema = serde_json::to_value(schemars::schema_for!(portfolio::model::Profile))
        .expect("a schema serialises");
    let validator = jsonschema::validator_for(&schema).expect("the generated schema compiles");
    let shape: Vec<String> = validator
        .iter_errors(&document)
        .map(|error| {
            let steps = steps(&document, error.instance_path().as_str());
            // An unexpected field is found at its key, as serde finds it.
            let key = match error.kind() {
                ValidationErrorKind::AdditionalProperties { unexpected } => unexpected.first(),
                _ => None,
            };
            let place = locate(text, &steps, key.map(String::as_str));
            let message = match words(&schema, error.schema_path().as_str()) {
                Some(words) => format!("{} is not one of {words}", error.instance()),
                None => error.to_string(),
            };
            problem(place, &path_text(&steps), &message)
        })
        .collect();
    if !shape.is_empty() {
        return shape;
    }
    portfolio::check_profile(text)
}

/// The words a `oneOf` / `anyOf` at `keyword` (a JSON Pointer into `schema`) allows, when every
/// branch is a `const` or `enum` (schemars writes a documented enum so): `"source", "service"`.
/// jsonschema's own message for it only says that no branch matched.
fn words(schema: &Value, keyword: &str) -> Option<String> {
    let mut words = Vec::new();
    for branch in schema.pointer(keyword)?.as_array()? {
        match (branch.get("const"), branch.get("enum")) {
            (Some(word), None) => words.push(word.to_string()),
            (None, Some(Value::Array(listed))) => words.extend(listed.iter().map(Value::to_string)),
            _ => return None,
        }
    }
    Some(words.join(", "))
}

/// `line L, column C: path: message`, as `portfolio::parse` writes its errors; without the
/// parts that are not known.
fn problem(place: Option<(usize, usize)>, path: &str, message: &str) -> String {
    let mut line = String::new();
    if let Some((row, column)) = place {
        line.push_str(&format!("line {row}, column {column}: "));
    }
    if !path.is_empty() {
        line.push_str(&format!("{path}: "));
    }
    // jsonschema quotes an unexpected key as it is: escaped here, as `portfolio::parse` does, so
    // a key holding a line break or a terminal escape stays on its line and off the terminal.
    for c in message.chars() {
        match c.is_control() {
            true => line.extend(c.escape_debug()),
            false => line.push(c),
        }
    }
    line
}

/// One step from a JSON value into one of its members.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// The steps of a JSON Pointer (`/projects/2/title`) through `document`: whether `2` is an index
/// or a key (an alias named "2") depends on what the document has there.
fn steps(document: &Value, pointer: &str) -> Vec<Step> {
    let mut at = Some(document);
    let mut steps = Vec::new();
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        let step = match (at, token.parse::<usize>()) {
            (Some(Value::Array(_)), Ok(index)) => Step::Index(index),
            _ => Step::Key(token),
        };
        at = at.and_then(|value| match &step {
            Step::Index(index) => value.get(index),
            Step::Key(key) => value.get(key),
        });
        steps.push(step);
    }
    steps
}

/// `projects[2].diagram`, `tags.aliases["SNS/SQS"]`: the spelling of `portfolio::parse`'s paths
/// and `validate`'s problems.
fn path_text(steps: &[Step]) -> String {
    let mut text = String::new();
    for step in steps {
        match step {
            Step::Index(index) => text.push_str(&format!("[{index}]")),
            Step::Key(key) => portfolio::parse::push_key(&mut text, key),
        }
    }
    text
}

/// The line and column serde_json would give an error about the value at `steps` (or about its
/// member `key`): a scalar at its last character, an object or array at its opening bracket, a
/// member at the closing quote of its key. None when the document has no such value.
fn locate(text: &str, steps: &[Step], key: Option<&str>) -> Option<(usize, usize)> {
    let (value, key) = match key {
        Some(key) => (
            value_text(text, &[steps, &[Step::Key(key.into())]].concat())?,
            true,
        ),
        None => (value_text(text, steps)?, false),
    };
    let start = value.as_ptr() as usize - text.as_ptr() as usize;
    let offset = if key {
        // Between a key and its value there is only `:` and whitespace.
        let before = text[..start].trim_end().strip_suffix(':')?.trim_end();
        before.len().checked_sub(1)?
    } else if value.starts_with(['{', '[']) {
        start
    } else {
        start + value.len() - 1
    };
    let line_start = text[..offset].rfind('\n').map_or(0, |newline| newline + 1);
    Some((
        text[..offset].matches('\n').count() + 1,
        offset - line_start + 1,
    ))
}

/// The text of the value at `steps`, a slice of `text` itself: serde_json's `RawValue` borrows
/// each member's text, so its place in the file is where the slice starts.
fn value_text<'t>(text: &'t str, steps: &[Step]) -> Option<&'t str> {
    let mut value: &'t RawValue = serde_json::from_str(text).ok()?;
    for step in steps {
        value = match step {
            Step::Key(key) => serde_json::from_str::<HashMap<String, &RawValue>>(value.get())
                .ok()?
                .remove(key)?,
            Step::Index(index) => *serde_json::from_str::<Vec<&RawValue>>(value.get())
                .ok()?
                .get(*index)?,
        };
    }
    Some(value.get())
}

#[cfg(test)]
mod hostile;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::BTreeSet;

    fn real_value() -> Value {
        serde_json::from_str(include_str!("../../tests/fixtures/rich.json")).unwrap()
    }

    fn pretty(value: &Value) -> String {
        serde_json::to_string_pretty(value).unwrap()
    }

    /// The 1-based line and column where `needle` ends in `text`.
    fn end_of(text: &str, needle: &str) -> (usize, usize) {
        let end = text.find(needle).expect(needle) + needle.len() - 1;
        let before = &text[..end];
        let line = before.matches('\n').count() + 1;
        (line, end - before.rfind('\n').map_or(0, |n| n + 1) + 1)
    }

    #[test]
    fn the_rich_fixture_has_no_problem() {
        assert_eq!(
            problems(include_str!("../../tests/fixtures/rich.json")),
            Vec::<String>::new()
        );
    }

    #[test]
    fn every_shape_error_is_listed_at_once_with_its_place() {
        let mut value = real_value();
        value["projects"][2]["titel"] = json!("typo");
        value["projects"][3]["diagram"]["edges"][2]["to"] = json!(42);
        value["person"].as_object_mut().unwrap().remove("name");
        let text = pretty(&value);
        let (titel_line, titel_column) = end_of(&text, "\"titel\"");
        let (to_line, to_column) = end_of(&text, "\"to\": 42");
        let person = end_of(&text, "\"person\": {"); // its opening brace
        assert_eq!(
            problems(&text),
            [
                format!(
                    "line {}, column {}: person: \"name\" is a required property",
                    person.0, person.1
                ),
                format!(
                    "line {titel_line}, column {titel_column}: projects[2]: Additional properties \
                     are not allowed ('titel' was unexpected)"
                ),
                format!(
                    "line {to_line}, column {to_column}: projects[3].diagram.edges[2].to: \
                     42 is not of type \"string\""
                ),
            ]
        );
    }

    /// Where serde places its one error, the schema pass places its own: same line, column and
    /// path for the same mistake.
    #[test]
    fn the_schema_pass_places_errors_where_the_parser_does() {
        let mut value = real_value();
        value["projects"][2]["titel"] = json!("typo");
        let text = pretty(&value);
        let parsed = portfolio::parse::parse_profile(&text)
            .unwrap_err()
            .to_string();
        let listed = problems(&text);
        let prefix = |line: &str| line.split(": ").take(2).collect::<Vec<_>>().join(": ");
        assert_eq!(listed.len(), 1);
        assert_eq!(prefix(&listed[0]), prefix(&parsed), "{parsed}");

        let mut value = real_value();
        value["tags"]["aliases"]["SNS/SQS"] = json!(["SNS", 7]);
        let text = pretty(&value);
        let parsed = portfolio::parse::parse_profile(&text)
            .unwrap_err()
            .to_string();
        let listed = problems(&text);
        assert_eq!(prefix(&listed[0]), prefix(&parsed), "{parsed}");
        assert!(listed[0].contains("tags.aliases[\"SNS/SQS\"][1]: 7 is not of type"));
    }

    #[test]
    fn an_unknown_kind_lists_the_kinds() {
        let mut value = real_value();
        value["projects"][1]["diagram"]["nodes"][0]["kind"] = json!("blob");
        let listed = problems(&value.to_string());
        assert_eq!(listed.len(), 1);
        let (_, message) = listed[0]
            .split_once(": projects[1].diagram.nodes[0].kind: ")
            .unwrap();
        let kinds = portfolio::model::NODE_KINDS
            .split(", ")
            .collect::<BTreeSet<_>>();
        let (blob, words) = message.split_once(" is not one of ").expect(message);
        assert_eq!(blob, "\"blob\"");
        let words = words
            .split(", ")
            .map(|w| w.trim_matches('"'))
            .collect::<BTreeSet<_>>();
        assert_eq!(words, kinds);
    }

    #[test]
    fn broken_json_and_other_versions_are_one_problem() {
        assert_eq!(
            problems("{ \"schemaVersion\": 1, "),
            ["line 1, column 22: EOF while parsing a value"]
        );
        let mut value = real_value();
        value["schemaVersion"] = json!(3);
        value["titel"] = json!("typo");
        assert_eq!(
            problems(&value.to_string()),
            ["schemaVersion: this site reads version 1, the file says 3"]
        );
        let text = pretty(&real_value()).replacen("\"amount\": 1", "\"amount\": -1e400", 1);
        assert!(text.contains("-1e400"));
        let listed = problems(&text);
        assert_eq!(listed.len(), 1);
        assert!(
            listed[0].ends_with(".amount: number out of range"),
            "{listed:?}"
        );
    }

    #[test]
    fn a_sound_shape_goes_on_to_the_semantic_rules() {
        let mut value = real_value();
        value["contact"][0]["href"] = json!("javascript:alert(1)");
        value["projects"][0]["title"] = json!(" ");
        assert_eq!(
            problems(&value.to_string()),
            [
                "projects[0].title: must not be empty",
                "contact[0].href: \"javascript:alert(1)\" must start with https:, http: or mailto:",
            ]
        );
    }

    #[test]
    fn pointers_step_by_what_the_document_holds() {
        let document = json!({"a": [{"2": {"x/y": 1}}]});
        assert_eq!(
            steps(&document, "/a/0/2/x~1y"),
            [
                Step::Key("a".into()),
                Step::Index(0),
                Step::Key("2".into()),
                Step::Key("x/y".into())
            ]
        );
        assert_eq!(
            path_text(&steps(&document, "/a/0/2/x~1y")),
            "a[0][\"2\"][\"x/y\"]"
        );
        let text = "{\"a\": [\n  {\"2\": {\"x/y\": 1}}]}";
        assert_eq!(
            locate(text, &steps(&document, "/a/0/2/x~1y"), None),
            Some((2, 17))
        );
        assert_eq!(locate(text, &steps(&document, "/a/0"), None), Some((2, 3)));
        assert_eq!(
            locate(text, &steps(&document, "/a/0"), Some("2")),
            Some((2, 6))
        );
        assert_eq!(locate(text, &steps(&document, "/b"), None), None);
    }
}
