//! Reading a JSON Resume by taking values out of it: whatever is taken is placed on the page,
//! and whatever is left at the end is listed by its path, so nothing is dropped in silence.

use portfolio::validate::{is_date, is_safe_link};
use serde_json::{Map, Value};

/// What of a résumé the page has no place for: its JSON path (`basics.phone`, `work[0].url`)
/// and its value, cut short, or why it was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unplaced {
    pub path: String,
    pub what: String,
}

/// `path: what`, as `cargo xtask import` lists it.
impl std::fmt::Display for Unplaced {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.what)
    }
}

/// One object of the résumé being read, at `path` (`work[2]`), and the list of what could not
/// be placed, shared by every object.
pub(crate) struct Object<'a> {
    pub(crate) path: String,
    map: Map<String, Value>,
    unplaced: &'a mut Vec<Unplaced>,
}

impl<'a> Object<'a> {
    pub(crate) fn new(
        path: String,
        map: Map<String, Value>,
        unplaced: &'a mut Vec<Unplaced>,
    ) -> Self {
        Self {
            path,
            map,
            unplaced,
        }
    }

    fn at(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// A text that is not blank; anything else under `key` stays, to be listed.
    pub(crate) fn text(&mut self, key: &str) -> Option<String> {
        match self.map.remove(key) {
            Some(Value::String(text)) if !text.trim().is_empty() => Some(text),
            Some(Value::String(_)) | Some(Value::Null) | None => None,
            Some(other) => {
                self.map.insert(key.to_string(), other);
                None
            }
        }
    }

    /// A text that `accept` takes; one it refuses stays, to be listed with `why`.
    fn checked(&mut self, key: &str, accept: fn(&str) -> bool, why: &str) -> Option<String> {
        let text = self.text(key)?;
        if accept(&text) {
            Some(text)
        } else {
            let path = self.at(key);
            self.unplaced.push(Unplaced {
                path,
                what: format!("{text:?} {why}"),
            });
            None
        }
    }

    /// A date as the page shows it (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
    pub(crate) fn date(&mut self, key: &str) -> Option<String> {
        self.checked(key, is_date, "is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    }

    /// A link the page will follow (`https:`, `http:`, `mailto:`).
    pub(crate) fn link(&mut self, key: &str) -> Option<String> {
        self.checked(key, is_safe_link, "is not an https:, http: or mailto: link")
    }

    /// An email address the page can link to (`mailto:` it) and copy.
    pub(crate) fn email(&mut self, key: &str) -> Option<String> {
        self.checked(key, is_email, "is not an email address")
    }

    /// A list of texts, blank ones left out; a list holding anything else stays whole.
    pub(crate) fn texts(&mut self, key: &str) -> Vec<String> {
        match self.map.remove(key) {
            Some(Value::Array(items)) if items.iter().all(Value::is_string) => items
                .into_iter()
                .filter_map(|item| match item {
                    Value::String(text) if !text.trim().is_empty() => Some(text),
                    _ => None,
                })
                .collect(),
            Some(Value::Null) | None => Vec::new(),
            Some(other) => {
                self.map.insert(key.to_string(), other);
                Vec::new()
            }
        }
    }

    /// The objects of the list under `key`, each read by `read` (at `key[i]`); an entry that is
    /// not an object is listed.
    pub(crate) fn each<T>(&mut self, key: &str, mut read: impl FnMut(Object<'_>) -> T) -> Vec<T> {
        let items = match self.map.remove(key) {
            Some(Value::Array(items)) => items,
            Some(Value::Null) | None => return Vec::new(),
            Some(other) => {
                self.map.insert(key.to_string(), other);
                return Vec::new();
            }
        };
        let base = self.at(key);
        let mut out = Vec::new();
        for (index, item) in items.into_iter().enumerate() {
            let path = format!("{base}[{index}]");
            match item {
                Value::Object(map) => out.push(read(Object::new(path, map, self.unplaced))),
                other if is_nothing(&other) => {}
                other => self.unplaced.push(Unplaced {
                    path,
                    what: short(&other),
                }),
            }
        }
        out
    }

    /// The object under `key`, read by `read`; absent, `read` gets an empty one.
    pub(crate) fn object<T>(&mut self, key: &str, read: impl FnOnce(Object<'_>) -> T) -> T {
        let map = match self.map.remove(key) {
            Some(Value::Object(map)) => map,
            Some(Value::Null) | None => Map::new(),
            Some(other) => {
                self.map.insert(key.to_string(), other);
                Map::new()
            }
        };
        read(Object::new(self.at(key), map, self.unplaced))
    }

    /// Takes the raw value under `key`, whatever it is.
    pub(crate) fn raw(&mut self, key: &str) -> Option<Value> {
        self.map.remove(key)
    }

    /// Records that this object's `key` was read but could not be placed.
    pub(crate) fn note(&mut self, key: &str, message: &str) {
        let path = self.at(key);
        self.unplaced.push(Unplaced {
            path,
            what: message.to_string(),
        });
    }
}

/// What is left of an object when it goes: every key not taken, listed with its value.
impl Drop for Object<'_> {
    fn drop(&mut self) {
        for (key, value) in std::mem::take(&mut self.map) {
            if !is_nothing(&value) {
                let path = self.at(&key);
                self.unplaced.push(Unplaced {
                    path,
                    what: short(&value),
                });
            }
        }
    }
}

/// An address with an `@` that makes a safe `mailto:` link.
pub(crate) fn is_email(text: &str) -> bool {
    text.contains('@') && is_safe_link(&format!("mailto:{text}"))
}

/// null, "", [] and {} hold nothing worth listing.
fn is_nothing(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.trim().is_empty(),
        Value::Array(items) => items.iter().all(is_nothing),
        Value::Object(map) => map.values().all(is_nothing),
        _ => false,
    }
}

/// A value as JSON, cut to one short line.
fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(72) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn what_is_not_taken_is_listed_by_path() {
        let mut unplaced = Vec::new();
        let Value::Object(map) = json!({
            "name": "Ada", "blank": " ", "date": "June 2020", "link": "javascript:x",
            "nested": {"a": 1, "b": null}, "list": [], "n": 3
        }) else {
            unreachable!()
        };
        {
            let mut object = Object::new("basics".into(), map, &mut unplaced);
            assert_eq!(object.text("name").as_deref(), Some("Ada"));
            assert_eq!(object.text("blank"), None);
            assert_eq!(object.date("date"), None);
            assert_eq!(object.link("link"), None);
            assert_eq!(object.text("n"), None, "a number is not a text");
        }
        let mut unplaced: Vec<String> = unplaced.iter().map(Unplaced::to_string).collect();
        unplaced.sort();
        assert_eq!(
            unplaced,
            [
                "basics.date: \"June 2020\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                "basics.link: \"javascript:x\" is not an https:, http: or mailto: link",
                "basics.n: 3",
                "basics.nested: {\"a\":1,\"b\":null}",
            ]
        );
    }
}
