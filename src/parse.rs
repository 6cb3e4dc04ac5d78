//! Turns the text of profile.json into a [`Profile`], with errors a person can act on.
//!
//! serde_json reads the model's `Deserialize` derive (strict: `deny_unknown_fields`), and
//! `serde_path_to_error` tracks where it is, so an error says where by line, column and path:
//! `line 40, column 12: projects[2]: unknown field `titel`, expected one of …`.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_path_to_error::Segment;

use crate::model::{Profile, SCHEMA_VERSION};

/// An amount read from its own text by the standard library's parser, which rounds correctly:
/// serde_json's reader can land one ulp off (1.357936448132564e140) unless its
/// `float_roundtrip` feature is on, and that feature put 8 KB (brotli) of tables and bignum
/// code into the app's first load, where serde_json reads the islands' props. As serde_json,
/// a number outside an f64 is an error, never an infinity.
pub(crate) fn exact_f64<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<f64, D::Error> {
    use serde::de::{Error, Unexpected};
    let raw = Box::<serde_json::value::RawValue>::deserialize(deserializer)?;
    let text = raw.get();
    // The text is one JSON value, so only a JSON number parses here ("NaN" is not JSON).
    match text.parse::<f64>() {
        Ok(number) if number.is_finite() => Ok(number),
        Ok(_) => Err(D::Error::custom("number out of range")),
        Err(_) => {
            let unexpected = match text.as_bytes().first() {
                Some(b'"') => Unexpected::Str(text.trim_matches('"')),
                Some(b't') => Unexpected::Bool(true),
                Some(b'f') => Unexpected::Bool(false),
                Some(b'[') => Unexpected::Seq,
                Some(b'{') => Unexpected::Map,
                _ => Unexpected::Unit,
            };
            Err(D::Error::invalid_type(unexpected, &"f64"))
        }
    }
}

/// Why the text is not a profile at all (as opposed to a profile with problems, see `validate`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Not JSON, or JSON of the wrong shape: unknown field, missing field, wrong type, a number
    /// out of range.
    #[error("line {line}, column {column}: {}{message}", at(path))]
    Json {
        line: usize,
        column: usize,
        /// Where in the document (`projects[2].diagram`), empty at the top level.
        path: String,
        message: String,
    },
    /// The file is for a different version of the format.
    #[error("schemaVersion: this site reads version {expected}, the file says {found}")]
    Version { expected: u32, found: u64 },
}

/// `path: `, or nothing for the top level.
fn at(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!("{path}: ")
    }
}

/// Parses a profile strictly: malformed JSON, unknown fields, wrong types, numbers outside an
/// f64 and a different `schemaVersion` are errors, each with its line, column and path.
pub fn parse_profile(text: &str) -> Result<Profile, ParseError> {
    let text = without_bom(text);
    check_version(text)?;
    read(text)
}

/// The text without a leading byte order mark, which editors on Windows write: the browser
/// drops it when it decodes the file, and so does every reader here.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The text as a JSON document, for tools that check its shape themselves (`cargo xtask check`
/// validates it against the JSON Schema): only syntax, numbers outside an f64 and a different
/// `schemaVersion` are errors here.
pub fn parse_document(text: &str) -> Result<serde_json::Value, ParseError> {
    let document: serde_json::Value = read(without_bom(text))?;
    version_matches(document.get("schemaVersion"))?;
    Ok(document)
}

/// Reads `T` from the whole text, an error keeping serde_json's line and column and the path
/// `serde_path_to_error` tracked to it.
fn read<T: DeserializeOwned>(text: &str) -> Result<T, ParseError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let mut segments: Vec<&Segment> = error.path().iter().collect();
        // serde's path to an unknown field ends at the field; the field is the error, its place
        // is the object: `projects[2]: unknown field `titel``.
        if let Some(Segment::Map { key }) = segments.last() {
            let message = error.inner().to_string();
            if message.starts_with(&format!("unknown field `{key}`")) {
                segments.pop();
            }
        }
        json_error(error.inner(), path_text(&segments))
    })?;
    // What `serde_json::from_str` does after the value: only whitespace may follow.
    deserializer
        .end()
        .map_err(|error| json_error(&error, String::new()))?;
    Ok(value)
}

/// The version first, so a file written for another version gets that message, not a confusing
/// one about a field this version does not know. Text that is not JSON is left to the strict
/// parse, which names the error at its place.
fn check_version(text: &str) -> Result<(), ParseError> {
    #[derive(Deserialize)]
    struct Versioned {
        #[serde(rename = "schemaVersion")]
        schema_version: Option<serde_json::Value>,
    }
    match serde_json::from_str::<Versioned>(text) {
        Ok(versioned) => version_matches(versioned.schema_version.as_ref()),
        Err(_) => Ok(()),
    }
}

/// Only a whole number is another version: a `schemaVersion` of 1.5 or "1" (or none) is a shape
/// error, named at its place by whatever reads the shape.
fn version_matches(version: Option<&serde_json::Value>) -> Result<(), ParseError> {
    match version.and_then(serde_json::Value::as_u64) {
        Some(found) if found != u64::from(SCHEMA_VERSION) => Err(ParseError::Version {
            expected: SCHEMA_VERSION,
            found,
        }),
        _ => Ok(()),
    }
}

/// serde_json's error as ours: its position, and its message without the position it appends.
fn json_error(error: &serde_json::Error, path: String) -> ParseError {
    let (line, column) = (error.line(), error.column());
    let text = error.to_string();
    let suffix = format!(" at line {line} column {column}");
    // serde writes an unknown field or variant as it is: escaped here, so a key holding a line
    // break or a terminal escape cannot split the problem's line or reach a terminal.
    let message = text
        .strip_suffix(&suffix)
        .unwrap_or(&text)
        .chars()
        .map(|c| match c.is_control() {
            true => c.escape_debug().to_string(),
            false => c.to_string(),
        })
        .collect();
    ParseError::Json {
        line,
        column,
        path,
        message,
    }
}

/// Appends an object key to a JSON path: `.name` (or `name` first), or `["SNS/SQS"]` where the
/// key is not a plain name. Shared with `cargo xtask check`, so every path reads alike.
pub fn push_key(path: &mut String, key: &str) {
    let plain = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '$')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '$');
    if !plain {
        path.push_str(&format!("[{key:?}]"));
    } else if path.is_empty() {
        path.push_str(key);
    } else {
        path.push_str(&format!(".{key}"));
    }
}

/// `projects[2].diagram.edges[0]`, `tags.aliases["SNS/SQS"]`, or empty at the top level: the
/// same spelling as `validate`'s problems.
fn path_text(segments: &[&Segment]) -> String {
    let mut text = String::new();
    for segment in segments {
        match segment {
            Segment::Seq { index } => text.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => push_key(&mut text, key),
            // A key not read yet (a syntax error where a key should be): the place is the
            // object around it.
            Segment::Unknown => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn rich_profile() -> &'static str {
        include_str!("../tests/fixtures/rich.json")
    }

    fn rich_value() -> Value {
        serde_json::from_str(rich_profile()).unwrap()
    }

    /// The error of a profile that must not parse, as its parts.
    fn json_error_of(text: &str) -> (usize, usize, String, String) {
        match parse_profile(text).unwrap_err() {
            ParseError::Json {
                line,
                column,
                path,
                message,
            } => (line, column, path, message),
            other => panic!("expected a JSON error, got {other:?}"),
        }
    }

    /// The 1-based line and column of the first `needle` in `text`.
    fn position_of(text: &str, needle: &str) -> (usize, usize) {
        let offset = text.find(needle).expect(needle);
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        (line, offset - before.rfind('\n').map_or(0, |n| n + 1) + 1)
    }

    #[test]
    fn the_rich_fixture_parses() {
        let profile = parse_profile(rich_profile()).expect("tests/fixtures/rich.json parses");
        assert_eq!(profile.schema_version, SCHEMA_VERSION);
        assert!(!profile.projects.is_empty());
    }

    #[test]
    fn a_byte_order_mark_is_read_past_as_the_browser_does() {
        let with_bom = format!("\u{feff}{}", rich_profile());
        assert_eq!(parse_profile(&with_bom), parse_profile(rich_profile()));
        assert!(parse_document(&with_bom).is_ok());
    }

    #[test]
    fn malformed_json_reports_line_and_column() {
        let error = parse_profile("{\n  \"schemaVersion\": 1,\n  oops\n}").unwrap_err();
        assert_eq!(
            error.to_string(),
            "line 3, column 3: key must be a string",
            "no path at the top level"
        );
    }

    #[test]
    fn an_unknown_field_is_an_error_with_its_path_and_place() {
        let mut value = rich_value();
        value["projects"][2]["titel"] = json!("typo");
        let text = serde_json::to_string_pretty(&value).unwrap();
        let (line, column, path, message) = json_error_of(&text);
        assert_eq!(path, "projects[2]");
        assert!(
            message.starts_with("unknown field `titel`, expected one of `id`, `company`"),
            "{message}"
        );
        // serde_json places the error at the closing quote of the key.
        let (key_line, key_column) = position_of(&text, "\"titel\"");
        assert_eq!(
            (line, column),
            (key_line, key_column + "\"titel\"".len() - 1)
        );
    }

    #[test]
    fn control_characters_of_an_unknown_field_are_escaped() {
        let mut value = rich_value();
        value["projects"][2]["titel\n\u{1b}[2J"] = json!("typo");
        let (_, _, path, message) = json_error_of(&value.to_string());
        assert_eq!(path, "projects[2]");
        assert!(
            message.starts_with("unknown field `titel\\n\\u{1b}[2J`, expected"),
            "{message}"
        );
    }

    #[test]
    fn a_missing_field_is_an_error_with_its_path() {
        let mut value = rich_value();
        value["projects"][0]["diagram"]
            .as_object_mut()
            .unwrap()
            .remove("nodes");
        let (_, _, path, message) = json_error_of(&value.to_string());
        assert_eq!(path, "projects[0].diagram");
        assert_eq!(message, "missing field `nodes`");
    }

    #[test]
    fn a_wrong_type_deep_inside_names_its_path() {
        let mut value = rich_value();
        value["projects"][3]["diagram"]["edges"][2]["to"] = json!(42);
        let text = serde_json::to_string_pretty(&value).unwrap();
        let error = parse_profile(&text).unwrap_err();
        // serde_json places it at the value's last character.
        let (line, column) = position_of(&text, "\"to\": 42");
        let column = column + "\"to\": 42".len() - 1;
        assert_eq!(
            error.to_string(),
            format!(
                "line {line}, column {column}: projects[3].diagram.edges[2].to: invalid type: \
                 integer `42`, expected a string"
            )
        );
    }

    #[test]
    fn null_is_an_error_where_a_value_is_required() {
        let mut value = rich_value();
        value["person"]["name"] = Value::Null;
        let (_, _, path, message) = json_error_of(&value.to_string());
        assert_eq!(path, "person.name");
        assert_eq!(message, "invalid type: null, expected a string");
        // Where the field is optional, null is its absence.
        let mut value = rich_value();
        value["projects"][0]["company"] = Value::Null;
        let profile = parse_profile(&value.to_string()).unwrap();
        assert_eq!(profile.projects[0].company, None);
    }

    #[test]
    fn a_path_through_a_map_quotes_keys_that_are_not_names() {
        let mut value = rich_value();
        value["tags"]["aliases"]["SNS/SQS"] = json!(["SNS", 7]);
        let (_, _, path, _) = json_error_of(&value.to_string());
        assert_eq!(path, "tags.aliases[\"SNS/SQS\"][1]");
    }

    #[test]
    fn another_schema_version_is_named() {
        let mut value = rich_value();
        value["schemaVersion"] = json!(7);
        // A field this version does not know must not hide the version.
        value["futureField"] = json!(true);
        let error = parse_profile(&value.to_string()).unwrap_err();
        assert_eq!(
            error,
            ParseError::Version {
                expected: SCHEMA_VERSION,
                found: 7
            }
        );
        assert_eq!(
            error.to_string(),
            "schemaVersion: this site reads version 1, the file says 7"
        );
        // Not a version number at all: a type error at its place, not "the file says 1".
        value.as_object_mut().unwrap().remove("futureField");
        for not_a_version in [json!(1.5), json!(-1), json!("1")] {
            value["schemaVersion"] = not_a_version;
            let (_, _, path, message) = json_error_of(&value.to_string());
            assert_eq!(path, "schemaVersion");
            assert!(message.starts_with("invalid "), "{message}");
        }
    }

    #[test]
    fn a_document_is_checked_for_syntax_and_version_only() {
        let mut value = rich_value();
        value["projects"][2]["titel"] = json!("typo");
        let document = parse_document(&value.to_string()).expect("the shape is not checked");
        assert_eq!(document["projects"][2]["titel"], "typo");
        value["schemaVersion"] = json!(2);
        assert_eq!(
            parse_document(&value.to_string()).unwrap_err().to_string(),
            "schemaVersion: this site reads version 1, the file says 2"
        );
        let error = parse_document("{\"a\": [1, 1e400]}")
            .unwrap_err()
            .to_string();
        assert_eq!(error, "line 1, column 15: a[1]: number out of range");
    }

    #[test]
    fn trailing_garbage_is_an_error() {
        let text = format!("{} x", rich_profile());
        let (line, column, path, message) = json_error_of(&text);
        // The profile ends with a newline, so the " x" is a line of its own.
        assert_eq!((line, column), (rich_profile().lines().count() + 1, 2));
        assert_eq!(
            (path.as_str(), message.as_str()),
            ("", "trailing characters")
        );
    }

    #[test]
    fn a_number_outside_f64_is_an_error_not_an_infinity() {
        for huge in ["1e400", "-1e400", "1.8e308"] {
            let mut value = rich_value();
            value["projects"][0]["outcomes"][0] = json!({"label": "x", "value": {"amount": 0}});
            let text = value
                .to_string()
                .replace("\"amount\":0", &format!("\"amount\":{huge}"));
            assert!(text.contains(huge));
            let (_, _, path, message) = json_error_of(&text);
            assert_eq!(path, "projects[0].outcomes[0].value.amount", "{huge}");
            assert_eq!(message, "number out of range", "{huge}");
        }
    }

    #[test]
    fn the_extreme_f64s_read_exactly() {
        for (written, expected) in [
            ("1.7976931348623157e308", f64::MAX),
            ("-1.7976931348623157e308", f64::MIN),
            ("2.2250738585072014e-308", f64::MIN_POSITIVE),
            ("5e-324", 5e-324),
            ("1e-400", 0.0),
        ] {
            let mut value = rich_value();
            value["projects"][0]["outcomes"][0] = json!({"label": "x", "value": {"amount": 0}});
            let text = value
                .to_string()
                .replace("\"amount\":0", &format!("\"amount\":{written}"));
            let profile = parse_profile(&text).unwrap();
            let amount = profile.projects[0].outcomes[0]
                .value
                .as_ref()
                .unwrap()
                .amount;
            assert_eq!(amount.to_bits(), expected.to_bits(), "{written}");
        }
    }

    proptest::proptest! {
        /// Any finite f64, written the shortest way that reads back (serde_json's own writer),
        /// reads back as the very same number: no one-ulp drift.
        #[test]
        fn every_finite_amount_reads_back_exactly(bits in proptest::num::u64::ANY) {
            let amount = f64::from_bits(bits);
            proptest::prop_assume!(amount.is_finite());
            let text = format!("{{\"amount\": {}}}", serde_json::to_string(&amount).unwrap());
            let quantity: crate::model::Quantity = serde_json::from_str(&text).unwrap();
            proptest::prop_assert_eq!(quantity.amount.to_bits(), amount.to_bits(), "{}", text);
        }
    }
}
