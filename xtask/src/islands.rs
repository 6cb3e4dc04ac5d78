//! Takes the islands' props out of the prerendered page into a file of their own,
//! `islands-<hash>.json`, which the loader fetches after the first paint (with its integrity)
//! and gives back to the islands before any is taken over (`loader.js`, `giveProps`).
//!
//! Leptos writes each island's props into its tag, `<leptos-island data-component="…"
//! data-props="…">`, where its function reads them when it takes the island over. They are
//! needed only then, not for the first paint, and were 1.4 KB of the page's brotli (16 KB raw,
//! mostly words the page also shows): bytes of the first response, which must fit the first
//! round trip (issue 24). The file holds each island's props in page order, `null` for an island
//! that has none, as the exact text Leptos wrote; the page keeps its islands without them.
//!
//! Leptos's markup is read as it writes it today (tachys' `Island::open_tag`): anything else (an
//! island tag of another shape, props that do not read back as written, islands that do not
//! close) stops the build, so a new version cannot ship a page whose islands lost their props.

use std::fs;
use std::path::Path;

use crate::loader::{write_moved, ISLANDS, ISLANDS_INTEGRITY};
use crate::wasm::{content_hash, Output};
use crate::Result;

/// Where the page's islands are read: the page xtask prerendered from Leptos's markup.
const PLACE: &str = "the prerendered index.html (Leptos's islands)";

/// Moves the props of `dir/index.html`'s islands into `dir/islands-<hash>.json` and names that
/// file, served under `public_url`, and its integrity in the page's bootstrap.
pub(crate) fn move_props(dir: &Path, public_url: &str) -> Result {
    let path = dir.join("index.html");
    let page = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (page, props) = take_props(&page)?;
    let file = props_file(&props);
    let href = format!("{public_url}{}", file.name);
    write_moved(dir, page, &file, href, [ISLANDS, ISLANDS_INTEGRITY])?;
    println!(
        "[dist] {} islands' props moved out of index.html into {}",
        props.len(),
        file.name
    );
    Ok(())
}

/// The file of `props`: a JSON array, named by its content (cached for good: `headers.rs`).
fn props_file(props: &[Option<String>]) -> Output {
    let json = serde_json::to_string(props).expect("strings serialise");
    Output {
        name: format!("islands-{}.json", content_hash([json.as_bytes()])),
        bytes: json.into_bytes(),
    }
}

/// `page` without its islands' `data-props`, and the props of each island in page order (the
/// order `document.querySelectorAll('leptos-island')` gives), as the attribute's value.
fn take_props(page: &str) -> Result<(String, Vec<Option<String>>)> {
    const OPEN: &str = "<leptos-island ";
    let mut out = String::with_capacity(page.len());
    let mut props = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find(OPEN) {
        let tag_end = rest[at..]
            .find('>')
            .map(|end| at + end + 1)
            .ok_or_else(|| format!("an unclosed `{OPEN}` tag in {PLACE}"))?;
        let (tag, island_props) = split_tag(&rest[at..tag_end])?;
        out.push_str(&rest[..at]);
        out.push_str(&tag);
        props.push(island_props);
        rest = &rest[tag_end..];
    }
    out.push_str(rest);
    let closed = page.matches("</leptos-island>").count();
    if props.is_empty() || closed != props.len() {
        return Err(format!(
            "{} `{OPEN}` tags and {closed} `</leptos-island>` in {PLACE}: has its output changed?",
            props.len()
        ));
    }
    Ok((out, props))
}

/// An island's opening tag, `<leptos-island data-component="…"[ data-props="…"]>`, without its
/// props, and the props as Leptos wrote them (its attribute's value, unescaped).
fn split_tag(tag: &str) -> Result<(String, Option<String>)> {
    let unexpected = |why: &str| format!("{why} in {PLACE}: `{tag}`: has its output changed?");
    let attributes = tag
        .strip_prefix("<leptos-island data-component=\"")
        .and_then(|rest| rest.strip_suffix('>'))
        .ok_or_else(|| unexpected("an island tag not of the shape Leptos writes"))?;
    let (component, rest) = attributes
        .split_once('"')
        .ok_or_else(|| unexpected("an unquoted component"))?;
    let kept = format!("<leptos-island data-component=\"{component}\">");
    if rest.is_empty() {
        return Ok((kept, None));
    }
    let escaped = rest
        .strip_prefix(" data-props=\"")
        .and_then(|value| value.strip_suffix('"'))
        .filter(|value| !value.contains('"'))
        .ok_or_else(|| unexpected("an island's attributes other than its component and props"))?;
    let props = html_escape::decode_html_entities(escaped).into_owned();
    // Read back as Leptos writes it, or the loader would give the island other props.
    if html_escape::encode_double_quoted_attribute(&props) != escaped
        || serde_json::from_str::<serde_json::Value>(&props).is_err()
    {
        return Err(unexpected(
            "props that do not read back as the JSON Leptos wrote",
        ));
    }
    Ok((kept, Some(props)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the loader does with the file: each island in page order gets its props back.
    fn give_back(page: &str, props: &[Option<String>]) -> String {
        let mut parts = page.split("<leptos-island ");
        let mut out = parts.next().unwrap().to_string();
        for (part, props) in parts.zip(props) {
            let (component, rest) = part.split_once("\">").unwrap();
            out.push_str(&format!("<leptos-island {component}\""));
            if let Some(props) = props {
                let escaped = html_escape::encode_double_quoted_attribute(props);
                out.push_str(&format!(" data-props=\"{escaped}\""));
            }
            out.push_str(&format!(">{rest}"));
        }
        out
    }

    const PAGE: &str = concat!(
        r#"<body><leptos-island data-component="Main_1" data-props="{&quot;a&quot;:"#,
        r#"&quot;&lt;b&gt; &amp; '&quot;}"><p>x</p>"#,
        r#"<leptos-island data-component="Toggle_2"><button>t</button></leptos-island>"#,
        r#"<leptos-island data-component="Tag_3" data-props="[1,2.50,null]">"#,
        r#"</leptos-island></leptos-island></body>"#,
    );

    #[test]
    fn the_props_leave_the_page_in_page_order_and_come_back_as_they_were() {
        let (page, props) = take_props(PAGE).unwrap();
        assert_eq!(
            props,
            [
                Some(r#"{"a":"<b> & '"}"#.to_string()),
                None,
                Some("[1,2.50,null]".to_string())
            ]
        );
        assert!(!page.contains("data-props"), "{page}");
        assert_eq!(page.matches("<leptos-island ").count(), 3, "{page}");
        assert_eq!(give_back(&page, &props), PAGE);
        // The file is what the loader reads: a JSON array of the texts, `null` for none.
        let file = props_file(&props);
        let read: Vec<Option<String>> = serde_json::from_slice(&file.bytes).unwrap();
        assert_eq!(read, props);
        assert!(file.name.starts_with("islands-") && file.name.ends_with(".json"));
    }

    #[test]
    fn islands_not_as_leptos_writes_them_stop_the_build() {
        for (page, said) in [
            ("<p>no island</p>", "0 `<leptos-island `"),
            (
                r#"<leptos-island data-component="A" data-props="1">"#,
                "1 `<leptos-island ` tags and 0",
            ),
            (
                r#"<leptos-island data-component="A" data-hk="1"></leptos-island>"#,
                "other than its component and props",
            ),
            (
                r#"<leptos-island data-props="1" data-component="A"></leptos-island>"#,
                "not of the shape",
            ),
            (
                r#"<leptos-island data-component="A" data-props="{'a'}"></leptos-island>"#,
                "do not read back",
            ),
            (
                r#"<leptos-island data-component="A" data-props="&#34;a&#34;"></leptos-island>"#,
                "do not read back",
            ),
            (r#"<leptos-island data-component="A""#, "unclosed"),
        ] {
            let error = take_props(page).unwrap_err();
            assert!(error.contains(said), "{page}: {error}");
        }
    }

    #[test]
    fn the_built_page_keeps_no_props_and_the_bootstrap_names_their_file() {
        let (dir, _, body) = crate::loader::fixture_page("ISLANDS");
        let islands = body.matches("<leptos-island ").count();
        assert!(islands > 10, "{islands} islands");
        move_props(&dir, "/sub/").unwrap();

        let built = fs::read_to_string(dir.join("index.html")).unwrap();
        assert!(!built.contains("data-props"), "no props left in the page");
        assert_eq!(built.matches("<leptos-island ").count(), islands);
        let file = crate::loader::moved_file(&dir, "islands-", ".json");
        let props: Vec<Option<String>> = serde_json::from_slice(&file.bytes).unwrap();
        assert_eq!(props.len(), islands, "one entry per island");
        let built_body = &built[built.find("<body>").unwrap()..];
        assert!(
            give_back(built_body, &props) == format!("<body>{body}</body>"),
            "given back, the props make the page as Leptos wrote it"
        );
        // A page whose bootstrap lost its placeholders is not shipped without its props.
        fs::write(dir.join("index.html"), format!("<body>{body}</body>")).unwrap();
        let error = move_props(&dir, "/").unwrap_err();
        assert!(error.contains(ISLANDS), "{error}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
