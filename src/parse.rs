//! Turns the text of profile.json into a [`Profile`], with errors a person can act on.
//!
//! serde_json alone says "unknown field `titel` at line 40 column 12"; wrapping it in
//! serde_path_to_error adds where in the document that is (`projects[2].titel`), so the message
//! names both the place in the file and the place in the structure.

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

/// Parses a profile strictly: unknown fields, wrong types and a different `schemaVersion` are
/// errors.
pub fn parse_profile(text: &str) -> Result<Profile, ParseError> {
    // Check the version first so that a file written for another version gets that message,
    // not a confusing one about a field this version does not know.
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(text) {
        if let Some(found) = map.get("schemaVersion").and_then(serde_json::Value::as_u64) {
            if found != u64::from(SCHEMA_VERSION) {
                return Err(ParseError::Version {
                    expected: SCHEMA_VERSION,
                    found,
                });
            }
        }
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let profile: Profile = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        ParseError::Json {
            line: inner.line(),
            column: inner.column(),
            path: if path == "." || path.is_empty() {
                String::new()
            } else {
                format!("{path}: ")
            },
            message: strip_position(&inner.to_string()),
        }
    })?;
    deserializer.end().map_err(|inner| ParseError::Json {
        line: inner.line(),
        column: inner.column(),
        path: String::new(),
        message: strip_position(&inner.to_string()),
    })?;
    Ok(profile)
}

/// serde_json appends " at line L column C" to its messages; we print the position first.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
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
    fn an_unknown_node_kind_is_an_error_with_its_path() {
        let mut value: serde_json::Value = serde_json::from_str(real_profile()).unwrap();
        value["projects"][1]["diagram"]["nodes"][0]["kind"] = serde_json::json!("blob");
        let error = parse_profile(&value.to_string()).unwrap_err().to_string();
        assert!(error.contains("projects[1].diagram.nodes[0].kind"), "{error}");
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
    fn trailing_garbage_is_an_error() {
        let text = format!("{} x", real_profile());
        assert!(parse_profile(&text).is_err());
    }
}
