//! The difference between two JSON documents as JSON Patch operations (RFC 6902: `add` of an
//! object member, `replace`, `remove`), and applying them. The export carries what JSON Resume
//! has no field for as the patch from what the import would make of the résumé alone to the
//! real profile, so the round trip holds by construction and the patch holds only that.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One operation. `add` is used for object members only, so the order of operations on
/// arrays never matters: arrays of a different length are replaced whole.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase", deny_unknown_fields)]
pub(crate) enum Operation {
    Add { path: String, value: Value },
    Replace { path: String, value: Value },
    Remove { path: String },
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub(crate) enum PatchError {
    #[error("{0}: no such place in the profile")]
    NoPlace(String),
    #[error("{0}: a JSON pointer starts with /")]
    BadPointer(String),
}

/// The operations that turn `from` into `to`.
pub(crate) fn diff(from: &Value, to: &Value) -> Vec<Operation> {
    let mut operations = Vec::new();
    walk(from, to, String::new(), &mut operations);
    operations
}

fn walk(from: &Value, to: &Value, path: String, out: &mut Vec<Operation>) {
    match (from, to) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in b {
                let here = format!("{path}/{}", escape(key));
                match a.get(key) {
                    Some(old) => walk(old, value, here, out),
                    None => out.push(Operation::Add {
                        path: here,
                        value: value.clone(),
                    }),
                }
            }
            for key in a.keys().filter(|key| !b.contains_key(*key)) {
                out.push(Operation::Remove {
                    path: format!("{path}/{}", escape(key)),
                });
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (index, (old, new)) in a.iter().zip(b).enumerate() {
                walk(old, new, format!("{path}/{index}"), out);
            }
        }
        _ if from != to => out.push(Operation::Replace {
            path,
            value: to.clone(),
        }),
        _ => {}
    }
}

/// A key as a JSON pointer token: `~` is `~0`, `/` is `~1`.
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Applies `operations` to `doc` in order.
pub(crate) fn apply(doc: &mut Value, operations: &[Operation]) -> Result<(), PatchError> {
    for operation in operations {
        match operation {
            Operation::Add { path, value } | Operation::Replace { path, value } => {
                let (parent, last) = split(path)?;
                if parent.is_none() {
                    *doc = value.clone();
                    continue;
                }
                let target = locate(doc, parent.unwrap_or_default(), path)?;
                match target {
                    Value::Object(map) => {
                        map.insert(last, value.clone());
                    }
                    Value::Array(items) => {
                        let slot = last
                            .parse::<usize>()
                            .ok()
                            .and_then(|index| items.get_mut(index))
                            .ok_or_else(|| PatchError::NoPlace(path.clone()))?;
                        *slot = value.clone();
                    }
                    _ => return Err(PatchError::NoPlace(path.clone())),
                }
            }
            Operation::Remove { path } => {
                let (parent, last) = split(path)?;
                let target = locate(doc, parent.unwrap_or_default(), path)?;
                let removed = target.as_object_mut().and_then(|map| map.remove(&last));
                removed.ok_or_else(|| PatchError::NoPlace(path.clone()))?;
            }
        }
    }
    Ok(())
}

/// `/a/b/c` → (Some("/a/b"), "c"); the whole document ("") → (None, "").
fn split(path: &str) -> Result<(Option<&str>, String), PatchError> {
    if path.is_empty() {
        return Ok((None, String::new()));
    }
    let cut = path
        .rfind('/')
        .filter(|_| path.starts_with('/'))
        .ok_or_else(|| PatchError::BadPointer(path.to_string()))?;
    Ok((Some(&path[..cut]), unescape(&path[cut + 1..])))
}

fn locate<'a>(doc: &'a mut Value, pointer: &str, path: &str) -> Result<&'a mut Value, PatchError> {
    let mut here = doc;
    for token in pointer.split('/').skip(1) {
        let token = unescape(token);
        here = match here {
            Value::Object(map) => map.get_mut(&token),
            Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
            _ => None,
        }
        .ok_or_else(|| PatchError::NoPlace(path.to_string()))?;
    }
    Ok(here)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn keys_with_slashes_and_tildes_are_escaped() {
        let from = json!({"aliases": {"SNS/SQS": ["SNS"], "a~b": 1}});
        let to = json!({"aliases": {"SNS/SQS": ["SNS", "SQS"], "c": [1]}});
        let patch = diff(&from, &to);
        assert!(patch.contains(&Operation::Remove {
            path: "/aliases/a~0b".into()
        }));
        assert!(patch.contains(&Operation::Replace {
            path: "/aliases/SNS~1SQS".into(),
            value: json!(["SNS", "SQS"])
        }));
        let mut doc = from;
        apply(&mut doc, &patch).unwrap();
        assert_eq!(doc, to);
    }

    #[test]
    fn a_patch_that_points_nowhere_is_an_error() {
        let mut doc = json!({"a": [1]});
        let patch = [Operation::Replace {
            path: "/a/3".into(),
            value: json!(2),
        }];
        assert_eq!(
            apply(&mut doc, &patch),
            Err(PatchError::NoPlace("/a/3".into()))
        );
    }

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            (-1000i64..1000).prop_map(Value::from),
            "[a-c/~]{0,3}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 32, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
                proptest::collection::btree_map("[a-c/~]{1,2}", inner, 0..4)
                    .prop_map(|map| Value::Object(map.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn applying_the_diff_gives_the_target(from in json_value(), to in json_value()) {
            let mut doc = from.clone();
            apply(&mut doc, &diff(&from, &to)).unwrap();
            prop_assert_eq!(doc, to);
        }
    }
}
