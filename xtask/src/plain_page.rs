//! The page `cargo xtask bench` compares the site with: her text alone, as a hand-written HTML
//! file of hers would hold it. Headings, paragraphs and lists in a minimal valid document
//! (language, charset, viewport, title, description), with no stylesheet, no script and none
//! of the diagrams' drawings. What the site adds to that (its styles, its drawings, its app) is
//! what the comparison measures.
//!
//! Made from the profile's JSON by walking it, not from the site's components: a fork's profile
//! (other sections, other fields) gives its own plain page with no change here. What is not her
//! prose is left out: ids, kinds, references, addresses, the page's own words (`site`), the
//! tag aliases, the hero's code sample, and a diagram's nodes and edges (its drawing).

use serde_json::{Map, Value};

use crate::prerender::html_escape;

/// Fields that are not text a reader of her page would see.
const NOT_PROSE: [&str; 16] = [
    "$schema",
    "schemaVersion",
    "site",
    "tags",
    "builder",
    "id",
    "kind",
    "href",
    "url",
    "from",
    "to",
    "node",
    "group",
    "sideProject",
    "nodes",
    "edges",
];

/// The profile's parts in the order the site shows them.
const SECTIONS: [&str; 9] = [
    "person",
    "projects",
    "work",
    "ai",
    "certificates",
    "education",
    "skills",
    "principles",
    "contact",
];

/// Fields that name what the object around them is: its heading.
const HEADINGS: [&str; 7] = [
    "name",
    "title",
    "position",
    "institution",
    "category",
    "label",
    "company",
];

/// The plain page of a profile (its JSON text parsed), as a whole HTML document.
pub(crate) fn plain_page(profile: &Value) -> String {
    let site = &profile["site"];
    let text = |value: &Value| html_escape(value.as_str().unwrap_or_default());
    let mut body = String::new();
    if let Some(object) = profile.as_object() {
        // serde_json's map is sorted by key: the page's own order first, then any other.
        let mut keys: Vec<&String> = object.keys().collect();
        keys.sort_by_key(|key| {
            SECTIONS
                .iter()
                .position(|s| s == key)
                .unwrap_or(SECTIONS.len())
        });
        for key in keys
            .into_iter()
            .filter(|key| !NOT_PROSE.contains(&key.as_str()))
        {
            value_at(&object[key], 2, &mut body);
        }
    }
    format!(
        concat!(
            "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>{title}</title><meta name=\"description\" content=\"{description}\">",
            "<link rel=\"icon\" href=\"data:,\">",
            "<style>body{{max-width:40rem;margin:auto;padding:1rem;",
            "font-family:system-ui,sans-serif;line-height:1.5}}</style>",
            "</head><body>{body}</body></html>\n",
        ),
        lang = text(&site["lang"]),
        title = text(&site["title"]),
        description = text(&site["description"]),
        body = body,
    )
}

/// An object's fields at heading level `depth`: its heading first, then the rest in order.
fn fields(object: &Map<String, Value>, depth: usize, out: &mut String) {
    let heading = HEADINGS
        .iter()
        .find_map(|key| Some((*key, scalar(object.get(*key)?)?)));
    if let Some((_, text)) = &heading {
        let level = depth.min(6);
        out.push_str(&format!("<h{level}>{}</h{level}>", html_escape(text)));
    }
    for (key, value) in object {
        if NOT_PROSE.contains(&key.as_str()) || heading.as_ref().is_some_and(|(k, _)| k == key) {
            continue;
        }
        value_at(value, depth + 1, out);
    }
}

/// One value: a paragraph, a list, or an object's fields one heading level down.
fn value_at(value: &Value, depth: usize, out: &mut String) {
    match value {
        Value::Object(object) => fields(object, depth, out),
        Value::Array(items) if items.iter().all(|item| scalar(item).is_some()) => {
            let items: Vec<String> = items.iter().filter_map(scalar).collect();
            if !items.is_empty() {
                out.push_str("<ul>");
                for item in items {
                    out.push_str(&format!("<li>{}</li>", html_escape(&item)));
                }
                out.push_str("</ul>");
            }
        }
        Value::Array(items) => items.iter().for_each(|item| value_at(item, depth, out)),
        _ => {
            if let Some(text) = scalar(value) {
                out.push_str(&format!("<p>{}</p>", html_escape(&text)));
            }
        }
    }
}

/// A string or a number as text; nothing for a flag, a null or a structure.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(text) if !text.trim().is_empty() => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Value {
        let path = crate::root().join("tests/fixtures").join(name);
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn holds_her_words_and_none_of_the_drawings_or_the_page_words() {
        let profile = fixture("rich.json");
        let page = plain_page(&profile);
        let project = &profile["projects"][0];
        for words in [
            &profile["person"]["name"],
            &project["title"],
            &project["summary"],
            &project["bullets"][0],
            &project["diagram"]["scenarios"][0]["steps"][0]["caption"],
        ] {
            let words = html_escape(words.as_str().unwrap());
            assert!(page.contains(&words), "{words} is on the plain page");
        }
        let label = &profile["site"]["labels"]["savePdf"];
        assert!(!page.contains(label.as_str().unwrap()));
        for absent in ["<script", "<svg", "<link rel=\"stylesheet\"", "<img"] {
            assert!(!page.contains(absent), "no {absent}");
        }
    }

    #[test]
    fn a_heading_per_titled_thing_and_lists_for_lists() {
        let profile = serde_json::json!({
            "site": { "lang": "en", "title": "T <1>", "description": "D" },
            "person": { "name": "N", "summary": ["a", "b"] },
            "projects": [{
                "id": "x", "title": "P", "kind": "k", "figure": 3,
                "diagram": {
                    "title": "D",
                    "nodes": [{ "id": "n", "label": "Node label", "detail": "Node detail" }],
                    "edges": [{ "from": "n", "to": "n", "label": "Edge label" }],
                },
            }],
        });
        let page = plain_page(&profile);
        assert!(page.contains("<title>T &lt;1&gt;</title>"));
        assert!(page.contains("<h2>N</h2><ul><li>a</li><li>b</li></ul>"));
        assert!(page.contains("<h2>P</h2><h3>D</h3><p>3</p>"), "{page}");
        assert!(!page.contains(">x<") && !page.contains(">k<"));
        assert!(
            !page.contains("Node") && !page.contains("Edge"),
            "no drawing: {page}"
        );
    }
}
