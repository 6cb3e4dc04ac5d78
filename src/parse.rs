//! Turns the text of profile.json into a [`Profile`], with errors a person can act on.
//!
//! [`crate::json`] reads the text keeping every value's position, [`crate::decode`] reads the
//! model from it; an error says where by line, column and path:
//! `line 40, column 12: projects[2].titel: unknown field `titel`, expected one of …`.

use crate::decode::decode;
use crate::json::{self, line_column, Node, Value};
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

/// Parses a profile strictly: malformed JSON, unknown fields, wrong types and a different
/// `schemaVersion` are errors, each with its line, column and path.
pub fn parse_profile(text: &str) -> Result<Profile, ParseError> {
    let at = |offset: usize, path: String, message: String| {
        let (line, column) = line_column(text, offset);
        ParseError::Json {
            line,
            column,
            path: if path.is_empty() {
                path
            } else {
                format!("{path}: ")
            },
            message,
        }
    };
    let root = json::parse(text).map_err(|e| at(e.offset, String::new(), e.message))?;
    // The version first, so a file written for another version gets that message, not a
    // confusing one about a field this version does not know.
    if let Value::Object(members) = &root.value {
        if let Some((
            _,
            _,
            Node {
                value: Value::Number(found),
                ..
            },
        )) = members.iter().find(|(k, _, _)| k == "schemaVersion")
        {
            // Only a version number is another version: 1.5 or -1 is the decoder's type error.
            let version = found.fract() == 0.0 && *found >= 0.0;
            if version && *found != f64::from(SCHEMA_VERSION) {
                return Err(ParseError::Version {
                    expected: SCHEMA_VERSION,
                    found: *found as u64,
                });
            }
        }
    }
    decode::<Profile>(&root).map_err(|e| at(e.offset, e.path, e.message))
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
        // Not a version number at all: a type error at its place, not "the file says 1".
        value["schemaVersion"] = serde_json::json!(1.5);
        let error = parse_profile(&value.to_string()).unwrap_err().to_string();
        assert!(
            error.contains("schemaVersion") && !error.contains("the file says"),
            "{error}"
        );
    }

    #[test]
    fn a_wrong_type_deep_inside_names_its_path() {
        let mut value: serde_json::Value = serde_json::from_str(real_profile()).unwrap();
        value["projects"][3]["diagram"]["edges"][2]["to"] = serde_json::json!(42);
        let text = serde_json::to_string_pretty(&value).unwrap();
        let error = parse_profile(&text).unwrap_err().to_string();
        assert!(
            error.contains("projects[3].diagram.edges[2].to: invalid type"),
            "{error}"
        );
    }

    #[test]
    fn trailing_garbage_is_an_error() {
        let text = format!("{} x", real_profile());
        assert!(parse_profile(&text).is_err());
    }

    /// The decoder and serde's derive on the same model (from which the JSON Schema is
    /// generated) agree: on the real profile, and on it with each object given an unknown
    /// field, losing each of its fields in turn, or having each one `null`.
    #[cfg(feature = "serde")]
    #[test]
    fn the_decoder_agrees_with_the_serde_model() {
        fn objects(
            value: &serde_json::Value,
            path: Vec<serde_json::Value>,
            out: &mut Vec<Vec<serde_json::Value>>,
        ) {
            match value {
                serde_json::Value::Object(map) => {
                    out.push(path.clone());
                    for (key, child) in map {
                        let mut next = path.clone();
                        next.push(key.clone().into());
                        objects(child, next, out);
                    }
                }
                serde_json::Value::Array(items) => {
                    for (i, child) in items.iter().enumerate() {
                        let mut next = path.clone();
                        next.push(i.into());
                        objects(child, next, out);
                    }
                }
                _ => {}
            }
        }
        fn at<'a>(
            value: &'a mut serde_json::Value,
            path: &[serde_json::Value],
        ) -> &'a mut serde_json::Value {
            path.iter().fold(value, |v, step| match step {
                serde_json::Value::String(key) => &mut v[key.as_str()],
                other => &mut v[other.as_u64().unwrap() as usize],
            })
        }
        let original: serde_json::Value = serde_json::from_str(real_profile()).unwrap();
        let check = |value: &serde_json::Value| {
            let text = value.to_string();
            let ours = parse_profile(&text);
            let theirs = serde_json::from_str::<Profile>(&text);
            match (&ours, &theirs) {
                (Ok(a), Ok(b)) => assert_eq!(a, b),
                (Err(_), Err(_)) => {}
                _ => panic!(
                    "disagree on {text:.200}: ours {ours:?}, serde {:?}",
                    theirs.as_ref().err()
                ),
            }
        };
        check(&original);
        let mut paths = Vec::new();
        objects(&original, Vec::new(), &mut paths);
        for path in paths.iter().step_by(3) {
            let mut typo = original.clone();
            at(&mut typo, path)
                .as_object_mut()
                .unwrap()
                .insert("unexpected".into(), 1.into());
            check(&typo);
            let keys: Vec<String> = at(&mut original.clone(), path)
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            for key in keys {
                let mut missing = original.clone();
                at(&mut missing, path).as_object_mut().unwrap().remove(&key);
                check(&missing);
                let mut null = original.clone();
                at(&mut null, path)[key.as_str()] = serde_json::Value::Null;
                check(&null);
            }
        }
    }
}
