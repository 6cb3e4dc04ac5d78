//! Substring search for the few places that look for a word in a text.
//!
//! Why not `str::find` / `contains` / `replace` with a `&str` pattern: those compile core's
//! two-way `StrSearcher`, and with it the panic formatting of its slicing, into the wasm
//! (measured: N KB). The texts searched here are a profile's sentences, so a plain scan is
//! as fast as it needs to be.

/// Byte offset of the first `needle` in `haystack`; an empty needle is found at 0.
pub(crate) fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    if needle.is_empty() {
        return Some(0);
    }
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// True when `needle` occurs in `haystack`.
pub(crate) fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// `text` with every `from` replaced by `to` (`from` not empty).
pub(crate) fn replace(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = find(rest, from).filter(|_| !from.is_empty()) {
        // Both ends of a match of valid UTF-8 are character boundaries, so `get` always succeeds
        // (it is `get` because slicing would compile core's panic formatting).
        out.push_str(rest.get(..at).unwrap_or_default());
        out.push_str(to);
        rest = rest.get(at + from.len()..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn agrees_with_std(haystack in "[ab\u{e9}\u{1F600} -]{0,24}", needle in "[ab\u{e9}\u{1F600} -]{0,3}", to in "[xy]{0,2}") {
            prop_assert_eq!(find(&haystack, &needle), haystack.find(needle.as_str()));
            prop_assert_eq!(contains(&haystack, &needle), haystack.contains(needle.as_str()));
            if !needle.is_empty() {
                prop_assert_eq!(replace(&haystack, &needle, &to), haystack.replace(needle.as_str(), &to));
            }
        }
    }
}
