//! Turns the text of profile.json into a [`Profile`], with errors a person can act on.
//!
//! serde_json says "unknown field `titel` at line 40 column 12"; [`json_path_at`] adds where in
//! the document that is (`projects[2].titel`) by scanning the text up to the error. A small
//! scanner rather than `serde_path_to_error`, which measured over 100 KB of extra wasm because
//! it wraps every `Deserialize` impl.

use crate::model::{Profile, SCHEMA_VERSION};

/// Why the text is not a profile at all (as opposed to a profile with problems, see `validate`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Not JSON, or JSON of the wrong shape: unknown field, missing field, wrong type.
    #[error("line {line}, column {column}: {path}{message}")]
    Json {
        line: usize,
        column: usize,
        /// Where in the document, followed by ": ", or empty when at the top.
        path: String,
        message: String,
    },
    /// The file is for a different version of the format.
    #[error("schemaVersion: this site reads version {expected}, the file says {found}")]
    Version { expected: u32, found: u64 },
}

/// Only the version, read first so that a file written for another version gets that message,
/// not a confusing one about a field this version does not know.
#[derive(serde::Deserialize)]
struct VersionOnly {
    #[serde(rename = "schemaVersion")]
    schema_version: Option<u64>,
}

/// Parses a profile strictly: unknown fields, wrong types and a different `schemaVersion` are
/// errors.
pub fn parse_profile(text: &str) -> Result<Profile, ParseError> {
    if let Ok(VersionOnly { schema_version: Some(found) }) = serde_json::from_str(text) {
        if found != u64::from(SCHEMA_VERSION) {
            return Err(ParseError::Version {
                expected: SCHEMA_VERSION,
                found,
            });
        }
    }
    serde_json::from_str(text).map_err(|error| {
        let (line, column) = (error.line(), error.column());
        let path = json_path_at(text, offset_of(text, line, column));
        ParseError::Json {
            line,
            column,
            path: if path.is_empty() { path } else { format!("{path}: ") },
            message: strip_position(&error.to_string()),
        }
    })
}

/// serde_json appends " at line L column C" to its messages; we print the position first.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

/// The byte offset of serde_json's (1-based line, byte column).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column).min(text.len())
}

/// One level of nesting while scanning.
enum Frame {
    /// In an object: the last key read, if any.
    Object(Option<String>),
    /// In an array: the index of the current element.
    Array(usize),
}

/// The JSON path (`projects[2].diagram.edges[0].to`) of the value being read at byte `offset`.
/// Tolerant: it scans only as far as `offset`, so it works on text that is broken after that.
pub fn json_path_at(text: &str, offset: usize) -> String {
    let bytes = text.as_bytes();
    let end = offset.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    // In an object, whether the next string is a key (true) or a value (false).
    let mut expect_key = false;
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'{' => {
                stack.push(Frame::Object(None));
                expect_key = true;
            }
            b'[' => {
                stack.push(Frame::Array(0));
                expect_key = false;
            }
            b'}' | b']' => {
                stack.pop();
                expect_key = false;
            }
            b':' => expect_key = false,
            b',' => match stack.last_mut() {
                Some(Frame::Array(index)) => *index += 1,
                Some(Frame::Object(_)) => expect_key = true,
                None => {}
            },
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if expect_key {
                    if let Some(Frame::Object(key)) = stack.last_mut() {
                        let raw = &text[start..i.min(text.len())];
                        *key = Some(serde_json::from_str(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_string()));
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object(None) => {}
            Frame::Array(index) => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real_profile() -> &'static str {
        include_str!("../public/profile.json")
    }

    #[test]
    fn the_real_profile_parses() {
        parse_profile(real_profile()).expect("public/profile.json parses");
    }

    #[test]
    fn malformed_json_reports_line_and_column() {
        let error = parse_profile("{\n  \"schemaVersion\": 1,\n  oops\n}").unwrap_err();
        match &error {
            ParseError::Json { line, column, .. } => {
                assert_eq!(*line, 3);
                assert!(*column > 0);
            }
            other => panic!("expected a JSON error, got {other:?}"),
        }
        assert!(error.to_string().starts_with("line 3, column"), "{error}");
    }

    #[test]
    fn an_unknown_field_is_an_error_with_its_path() {
        let mut value: serde_json::Value = serde_json::from_str(real_profile()).unwrap();
        value["projects"][2]["titel"] = serde_json::json!("typo");
        let error = parse_profile(&value.to_string()).unwrap_err().to_string();
        assert!(error.contains("projects[2]"), "{error}");
        assert!(error.contains("unknown field `titel`"), "{error}");
    }

    #[test]
    fn a_missing_field_is_an_error_with_its_path() {
        let mut value: serde_json::Value = serde_json::from_str(real_profile()).unwrap();
        value["projects"][0]["diagram"]
            .as_object_mut()
            .unwrap()
            .remove("nodes");
        let error = parse_profile(&value.to_string()).unwrap_err().to_string();
        assert!(error.contains("projects[0].diagram"), "{error}");
        assert!(error.contains("missing field `nodes`"), "{error}");
    }

    #[test]
    fn another_schema_version_is_named() {
        let mut value: serde_json::Value = serde_json::from_str(real_profile()).unwrap();
        value["schemaVersion"] = serde_json::json!(7);
        let error = parse_profile(&value.to_string()).unwrap_err();
        assert_eq!(
            error,
            ParseError::Version {
                expected: SCHEMA_VERSION,
                found: 7
            }
        );
    }

    #[test]
    fn a_wrong_type_deep_inside_names_its_path() {
        let mut value: serde_json::Value = serde_json::from_str(real_profile()).unwrap();
        value["projects"][3]["diagram"]["edges"][2]["to"] = serde_json::json!(42);
        let text = serde_json::to_string_pretty(&value).unwrap();
        let error = parse_profile(&text).unwrap_err().to_string();
        assert!(error.contains("projects[3].diagram.edges[2].to: invalid type"), "{error}");
    }

    #[test]
    fn the_path_scanner_follows_nesting_and_escapes() {
        let text = r#"{"a": [1, {"b\"c": {"d": [0, 0, X"#;
        assert_eq!(json_path_at(text, text.len()), "a[1].b\"c.d[2]");
        assert_eq!(json_path_at("{}", 2), "");
    }

    #[test]
    fn trailing_garbage_is_an_error() {
        let text = format!("{} x", real_profile());
        assert!(parse_profile(&text).is_err());
    }
}
