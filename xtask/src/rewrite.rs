//! Finding and replacing text in what another tool wrote (Trunk's page, wasm-bindgen's glue,
//! wasm-split's loader) or in a template of ours, so that text that is not there stops the
//! build. A plain `str::replace` that matches nothing returns its input unchanged: a new
//! version of a tool that spells its output differently would ship a page the rewrite silently
//! skipped (a chunk fetched without its integrity, an import of a file that is not there).

use crate::Result;

/// `text` with `from`, which must occur exactly once, replaced by `to`; otherwise an error
/// naming `from` and `place` (the file it was expected in, and who wrote it).
pub(crate) fn replace_once(text: &str, from: &str, to: &str, place: &str) -> Result<String> {
    let at = find_once(text, from, place)?;
    Ok(format!("{}{to}{}", &text[..at], &text[at + from.len()..]))
}

/// `text` with every `from` replaced by `to`; an error naming `from` and `place` when there is
/// none.
pub(crate) fn replace_all(text: &str, from: &str, to: &str, place: &str) -> Result<String> {
    match count(text, from) {
        0 => Err(unexpected(from, "at least once", place, 0)),
        _ => Ok(text.replace(from, to)),
    }
}

/// Where `needle`, which must occur exactly once in `text`, starts; otherwise an error naming
/// `needle` and `place`.
pub(crate) fn find_once(text: &str, needle: &str, place: &str) -> Result<usize> {
    match (count(text, needle), text.find(needle)) {
        (1, Some(at)) => Ok(at),
        (found, _) => Err(unexpected(needle, "once", place, found)),
    }
}

/// `page` without its HTML comments (`<!-- … -->`): they explain `index.html` to whoever edits
/// it, and are bytes of every visitor's first load (0.2 KB brotli). An unclosed one is an
/// error: cutting to the end would drop the page.
pub(crate) fn without_comments(page: &str, place: &str) -> Result<String> {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(start) = rest.find("<!--") {
        let end = rest[start..]
            .find("-->")
            .ok_or_else(|| format!("an unclosed <!-- in {place}"))?;
        out.push_str(&rest[..start]);
        rest = &rest[start + end + 3..];
    }
    out.push_str(rest);
    Ok(out)
}

/// How many times `needle` occurs in `text`, without overlapping; none for an empty needle,
/// which marks no place.
fn count(text: &str, needle: &str) -> usize {
    if needle.is_empty() {
        0
    } else {
        text.matches(needle).count()
    }
}

fn unexpected(needle: &str, expected: &str, place: &str, found: usize) -> String {
    let found = match found {
        0 => "nowhere".to_string(),
        1 => "once".to_string(),
        n => format!("{n} times"),
    };
    format!("expected `{needle}` {expected} in {place}, found it {found}: has its output changed?")
}

#[cfg(test)]
mod tests {
    #[test]
    fn comments_are_cut_and_an_unclosed_one_stops_the_build() {
        let page = "<head><!-- a\nnote --><meta><!----></head><body><!></body>";
        assert_eq!(
            without_comments(page, "p").unwrap(),
            "<head><meta></head><body><!></body>"
        );
        assert!(without_comments("<head><!-- a", "p")
            .unwrap_err()
            .contains("unclosed"));
    }

    use super::*;

    #[test]
    fn text_found_once_is_replaced() {
        assert_eq!(
            replace_once("a <b> c", "<b>", "<i>", "a test").unwrap(),
            "a <i> c"
        );
        assert_eq!(find_once("a <b> c", "<b>", "a test").unwrap(), 2);
    }

    #[test]
    fn missing_text_is_an_error_naming_it_and_where() {
        let error = replace_once("a <b> c", "<i>", "x", "the staged index.html").unwrap_err();
        assert!(error.contains("`<i>`"), "{error}");
        assert!(error.contains("the staged index.html"), "{error}");
        assert!(error.contains("nowhere"), "{error}");
    }

    #[test]
    fn text_found_twice_is_an_error() {
        let error = replace_once("<b><b>", "<b>", "x", "a test").unwrap_err();
        assert!(error.contains("2 times"), "{error}");
        assert!(
            find_once("abc", "", "a test").is_err(),
            "empty text is no anchor"
        );
    }
}
